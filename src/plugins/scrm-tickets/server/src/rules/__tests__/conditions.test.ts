import { validateConditions } from '../conditions';
import { compileConditions } from '../evaluate';
import { validateApprovalLevels } from '../../workflow';

const at = ['conditions'];
const paths = (value: unknown) => validateConditions(value, at).map((e) => e.path.join('.'));

describe('validateConditions', () => {
  it('accepts nested groups over known facts with fitting operators and values', () => {
    const ok = {
      all: [
        { fact: 'text', operator: 'containsAnyText', value: ['投诉', '退货'] },
        { any: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }, { fact: 'regionCodes', operator: 'contains', value: 'EAST' }] },
        { not: { fact: 'source', operator: 'in', value: ['import'] } },
        { fact: 'fields', path: '$.claimFen', operator: 'greaterThan', value: 50000 },
      ],
    };
    expect(validateConditions(ok, at)).toEqual([]);
  });

  it('names each unknown fact, unfit operator and bad value by path', () => {
    expect(
      paths({
        any: [
          { fact: 'mood', operator: 'equal', value: 1 },
          { fact: 'priority', operator: 'greaterThan', value: 2 },
          { fact: 'customerVipLevel', operator: 'equal', value: 'vip' },
          { fact: 'source', operator: 'in', value: [] },
          { fact: 'fields', operator: 'equal', value: 1 },
          { fact: 'title', operator: 'equal', value: 'x', path: '$.a' },
          { fact: 'title', operator: 'containsAnyText', value: [''] },
          { fact: 'title', operator: 'equal', value: 'x', extra: 1 },
        ],
      })
    ).toEqual([
      'conditions.any.0.fact',
      'conditions.any.1.operator',
      'conditions.any.2.value',
      'conditions.any.3.value',
      'conditions.any.4.path',
      'conditions.any.5.path',
      'conditions.any.6.value',
      'conditions.any.7.extra',
    ]);
  });

  it('refuses shapes that are not condition trees, empty groups and mixed groups', () => {
    expect(paths({ fact: 'title', operator: 'equal', value: 'x' })).toEqual(['conditions']);
    expect(paths({ all: [] })).toEqual(['conditions.all']);
    expect(paths({ all: [{ any: [], all: [] }] })).toEqual(['conditions.all.0']);
    expect(paths('priority = high')).toEqual(['conditions']);
  });

  it('bounds depth and size', () => {
    let deep: any = { fact: 'title', operator: 'equal', value: 'x' };
    for (let i = 0; i < 8; i += 1) deep = { not: deep };
    expect(paths(deep).length).toBe(1);
    const wide = { any: Array.from({ length: 101 }, () => ({ fact: 'title', operator: 'equal', value: 'x' })) };
    expect(paths(wide)).toEqual(['conditions.any.100']);
  });
});

describe('compileConditions', () => {
  it('answers which condition sets hold, with undefined facts false and keyword matching case-insensitive', async () => {
    const run = compileConditions([
      { name: 'complaint', conditions: { any: [{ fact: 'text', operator: 'containsAnyText', value: ['投诉', 'refund'] }] } },
      { name: 'vip', conditions: { all: [{ fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] } },
      { name: 'bigClaim', conditions: { all: [{ fact: 'fields', path: '$.claimFen', operator: 'greaterThan', value: 50000 }] } },
    ]);
    expect(await run({ text: '我要投诉', fields: {} })).toEqual(new Set(['complaint']));
    expect(await run({ text: 'REFUND please', customerVipLevel: 5, fields: { claimFen: 60000 } })).toEqual(new Set(['complaint', 'vip', 'bigClaim']));
    expect(await run({ text: '你好' })).toEqual(new Set());
  });
});

describe('validateApprovalLevels', () => {
  const level = { key: 'store', label: { 'zh-Hans': '店长' }, roles: ['店长'] };
  it('accepts levels with and without conditions', () => {
    expect(validateApprovalLevels([level, { ...level, key: 'area', when: { all: [{ fact: 'crossRegion', operator: 'equal', value: true }] } }])).toEqual([]);
  });
  it('names repeated keys, missing roles, unknown properties and bad conditions', () => {
    const errors = validateApprovalLevels([level, { ...level, roles: [], colour: 1, when: { all: [{ fact: 'x', operator: 'equal', value: 1 }] } }]);
    expect(errors.map((e) => e.path.join('.'))).toEqual(['levels.1.colour', 'levels.1.key', 'levels.1.roles', 'levels.1.when.all.0.fact']);
    expect(validateApprovalLevels([])).toEqual([{ path: ['levels'], message: 'must list 1 to 10 levels' }]);
  });
});
