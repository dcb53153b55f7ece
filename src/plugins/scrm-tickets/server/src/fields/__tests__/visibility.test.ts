import { compileFields, validateTicketFields, type ValidateOptions } from '../ticket-fields';
import { conditionHolds } from '../visibility';
import type { FieldDefinition } from '../types';

const label = { 'zh-Hans': '字段' };
const opt = (value: string) => ({ value, label });
// symptoms (multiselect) → leakLevel (required, when symptoms include leak) → leakNote (required, when leakLevel set)
// action (select) → refundFen (required money, when action is return)
const DEFS: FieldDefinition[] = [
  { key: 'symptoms', label, type: 'multiselect', options: [opt('noise'), opt('leak')] },
  { key: 'leakLevel', label, type: 'select', required: true, options: [opt('drip'), opt('flow')], visibleWhen: { field: 'symptoms', in: ['leak'] } },
  { key: 'leakNote', label, type: 'text', required: true, visibleWhen: { field: 'leakLevel', notEmpty: true } },
  { key: 'action', label, type: 'select', default: 'return', options: [opt('return'), opt('exchange')] },
  { key: 'refundFen', label, type: 'money', required: true, visibleWhen: { field: 'action', equals: 'return' } },
  { key: 'reason', label, type: 'text', default: '七天无理由', visibleWhen: { field: 'action', equals: 'exchange' } },
];
const compiled = compileFields(DEFS);
const check = (input: unknown, opts?: ValidateOptions) => validateTicketFields(compiled, input, opts);
const errorPaths = (input: unknown, opts?: ValidateOptions) => check(input, opts).errors.map((e) => e.path.join('.'));
const update = (existing: Record<string, unknown>) => ({ mode: 'update' as const, existing });

describe('conditionHolds', () => {
  it.each([
    [{ field: 'c', equals: 'a' }, 'a', true],
    [{ field: 'c', equals: 'a' }, 'b', false],
    [{ field: 'c', equals: 'a' }, undefined, false],
    [{ field: 'c', equals: false }, false, true],
    [{ field: 'c', equals: { lat: 1, lng: 2 } }, { lng: 2, lat: 1 }, true],
    [{ field: 'c', in: ['a', 'b'] }, 'b', true],
    [{ field: 'c', in: ['a', 'b'] }, 'c', false],
    [{ field: 'c', equals: 'leak' }, ['noise', 'leak'], true],
    [{ field: 'c', in: ['leak', 'smell'] }, ['noise', 'leak'], true],
    [{ field: 'c', in: ['leak'] }, ['noise'], false],
    [{ field: 'c', notEmpty: true }, 'x', true],
    [{ field: 'c', notEmpty: true }, 0, true],
    [{ field: 'c', notEmpty: true }, false, true],
    [{ field: 'c', notEmpty: true }, undefined, false],
    [{ field: 'c', notEmpty: true }, null, false],
    [{ field: 'c', notEmpty: true }, '', false],
    [{ field: 'c', notEmpty: true }, [], false],
  ])('%j with controller value %j → %p', (rule, value, expected) => {
    expect(conditionHolds(rule, value)).toBe(expected);
  });
});

describe('visibleWhen on ticket fields', () => {
  it('does not require a hidden field', () => {
    expect(check({ symptoms: ['noise'], action: 'exchange' })).toEqual({
      value: { symptoms: ['noise'], action: 'exchange', reason: '七天无理由' },
      errors: [],
    });
  });

  it('requires a shown field, and a field shown by a shown field', () => {
    expect(errorPaths({ symptoms: ['leak'], refundFen: 1 })).toEqual(['fields.leakLevel']);
    expect(errorPaths({ symptoms: ['leak'], leakLevel: 'drip', refundFen: 1 })).toEqual(['fields.leakNote']);
  });

  it('shows a field from a controller default on create', () => {
    // action defaults to return, which shows the required refund.
    expect(check({}).errors).toEqual([{ path: ['fields', 'refundFen'], message: 'is required' }]);
  });

  it('does not fill the default of a field that is hidden', () => {
    expect(check({ refundFen: 100 }).value).toEqual({ action: 'return', refundFen: 100 });
  });

  it('rejects a value sent for a hidden field, naming the controller', () => {
    expect(check({ symptoms: ['noise'], leakLevel: 'drip', refundFen: 1 }).errors).toEqual([
      { path: ['fields', 'leakLevel'], message: 'is hidden: "symptoms" condition not met' },
    ]);
  });

  it('rejects a value for a field hidden because its controller is hidden', () => {
    expect(errorPaths({ symptoms: ['noise'], leakNote: '滴', refundFen: 1 })).toEqual(['fields.leakNote']);
  });

  it('accepts null for a hidden field and stores nothing for it', () => {
    expect(check({ symptoms: ['noise'], leakLevel: null, refundFen: 1 })).toEqual({
      value: { symptoms: ['noise'], action: 'return', refundFen: 1 },
      errors: [],
    });
  });

  it('blames only the controller when the controller itself is invalid', () => {
    expect(errorPaths({ symptoms: ['zz'], leakLevel: 'drip', refundFen: 1 })).toEqual(['fields.symptoms']);
    expect(errorPaths({ action: 'refund' })).toEqual(['fields.action']);
  });

  it('drops stored values of fields that become hidden on update, down the chain', () => {
    const existing = { symptoms: ['leak'], leakLevel: 'flow', leakNote: '一直流', action: 'return', refundFen: 500 };
    expect(check({ symptoms: ['noise'] }, update(existing))).toEqual({
      value: { symptoms: ['noise'], action: 'return', refundFen: 500 },
      errors: [],
    });
  });

  it('drops the stored value when the controller is cleared with null', () => {
    const existing = { action: 'return', refundFen: 500 };
    expect(check({ action: null }, update(existing))).toEqual({ value: { action: null }, errors: [] });
  });

  it('applies required when a field becomes visible on update', () => {
    expect(errorPaths({ symptoms: ['leak'] }, update({ symptoms: ['noise'], action: 'exchange' }))).toEqual(['fields.leakLevel']);
    expect(errorPaths({ action: 'return' }, update({ action: 'exchange' }))).toEqual(['fields.refundFen']);
  });

  it('keeps a stored value while its field stays visible', () => {
    const existing = { symptoms: ['leak'], leakLevel: 'drip', leakNote: '滴', action: 'exchange' };
    expect(check({ symptoms: ['leak', 'noise'] }, update(existing)).value).toEqual({ ...existing, symptoms: ['leak', 'noise'] });
  });
});
