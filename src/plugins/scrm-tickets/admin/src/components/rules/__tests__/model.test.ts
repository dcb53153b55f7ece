import { errorLeaves } from '../../editors/server-errors';
import { fitValue, kindOf, leafFor, membersOf, operatorsFor, problemsAt, problemsOf, setKind, setMembers, subjectOf, updateAt, valueTypeOf, type FieldSubject } from '../model';

const FIELDS: FieldSubject[] = [
  { key: 'pi', label: '匹数', type: 'number' },
  { key: 'kind', label: '类型', type: 'select', options: [{ value: 'wall', label: '挂机' }] },
  { key: 'extras', label: '附加', type: 'multiselect' },
];

describe('the rule builder model', () => {
  it('offers the operators that fit what is tested, a template field by its field type', () => {
    expect(operatorsFor(valueTypeOf('customerVipLevel', FIELDS))).toEqual([
      'equal',
      'notEqual',
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'in',
      'notIn',
    ]);
    expect(operatorsFor(valueTypeOf('title', FIELDS))).toEqual(['equal', 'notEqual', 'in', 'notIn', 'containsAnyText']);
    expect(operatorsFor(valueTypeOf('fields:pi', FIELDS))).toContain('greaterThan');
    expect(operatorsFor(valueTypeOf('fields:extras', FIELDS))).toEqual(['contains', 'doesNotContain']);
    expect(operatorsFor(valueTypeOf('workday', FIELDS))).toEqual(['equal', 'notEqual']);
  });

  it('makes a valid condition for a subject, keeping the operator and value where they still fit', () => {
    expect(leafFor('fields:kind', FIELDS, ['wall'])).toEqual({ fact: 'fields', path: '$.kind', operator: 'equal', value: 'wall' });
    expect(subjectOf({ fact: 'fields', path: '$.kind' })).toBe('fields:kind');
    const vip = leafFor('customerVipLevel', FIELDS, []);
    expect(vip).toEqual({ fact: 'customerVipLevel', operator: 'equal', value: 0 });
    // From a number to a text: the operator stays (equal fits both), the number does not.
    expect(leafFor('title', FIELDS, [], { ...vip, value: 3 })).toEqual({ fact: 'title', operator: 'equal', value: '' });
    expect(fitValue('VIP', 'in', 'string', [])).toEqual(['VIP']);
    expect(fitValue(['a', 'b'], 'equal', 'string', [])).toBe('a');
    expect(fitValue('投诉', 'containsAnyText', 'string', [])).toEqual(['投诉']);
    expect(problemsOf({ all: [leafFor('fields:kind', FIELDS, ['wall']), leafFor('customerVipLevel', FIELDS, [])] }, []).size).toBe(0);
  });

  it('edits groups by path: all, any and none (stored as not around any), nested', () => {
    const tree = { all: [{ fact: 'title', operator: 'equal', value: 'x' }, { any: [{ fact: 'hour', operator: 'lessThan', value: 8 }] }] };
    const none = setKind(tree, 'none');
    expect(none).toEqual({ not: { any: tree.all } });
    expect(kindOf(none)).toBe('none');
    expect(membersOf(none, []).map((m) => m.path)).toEqual([
      ['not', 'any', 0],
      ['not', 'any', 1],
    ]);
    const changed = updateAt(tree, ['all', 1, 'any', 0], (leaf) => ({ ...leaf, value: 9 }));
    expect(changed.all[1].any[0].value).toBe(9);
    expect((tree.all[1] as any).any[0].value).toBe(8);
    expect(setMembers({ any: [] }, [tree.all[0]])).toEqual({ any: [tree.all[0]] });
    // A bare `not` around one condition shows as that one member.
    expect(membersOf({ not: { fact: 'workday', operator: 'equal', value: true } }, []).map((m) => m.path)).toEqual([['not']]);
  });

  it("files each problem under the node and setting it names, the server's answer too", () => {
    const tree = { all: [{ fact: 'title', operator: 'greaterThan', value: 'x' }, { not: { any: [] } }, { fact: 'fields', path: '$.kind', operator: 'in', value: [] }] };
    const problems = problemsOf(tree, errorLeaves({ all: { 0: { value: 'must be a string' } } }));
    expect(problems.get('all.0')).toEqual([
      { prop: 'operator', path: [], message: 'does not apply to title (a string)', fromServer: undefined },
      { prop: 'value', path: [], message: 'must be a string', fromServer: true },
    ]);
    expect(problemsAt(problems, tree.all[1], ['all', 1])).toEqual([{ prop: 'members', path: [], message: 'must be a non-empty list of conditions', fromServer: undefined }]);
    expect(problems.get('all.2')).toEqual([{ prop: 'value', path: [], message: 'must be a non-empty list of values', fromServer: undefined }]);
    // Nothing typed yet: only the server speaks.
    expect(problemsOf({ all: [] }, [], false).size).toBe(0);
  });
});
