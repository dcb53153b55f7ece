import { compileFields, validateTicketFields, type ValidateOptions } from '../ticket-fields';
import type { FieldDefinition } from '../types';

const label = { 'zh-Hans': '字段' };
const DEFS: FieldDefinition[] = [
  { key: 'summary', label, type: 'text', required: true, max: 20 },
  { key: 'channel', label, type: 'select', default: 'store', options: [{ value: 'store', label }, { value: 'tmall', label }] },
  { key: 'wantsCallback', label, type: 'boolean', default: true },
  { key: 'quantity', label, type: 'number', min: 1 },
  { key: 'note', label, type: 'textarea' },
];
const compiled = compileFields(DEFS);
const check = (input: unknown, opts?: ValidateOptions) => validateTicketFields(compiled, input, opts);
const errorPaths = (input: unknown, opts?: ValidateOptions) => check(input, opts).errors.map((e) => e.path.join('.'));
const update = (existing: Record<string, unknown> | null) => ({ mode: 'update' as const, existing });

describe('validateTicketFields: input shape', () => {
  it.each([null, undefined, 'summary', [{ summary: 'x' }], 3, new Date()])('rejects %p with one error at fields', (input) => {
    expect(check(input)).toEqual({ value: {}, errors: [{ path: ['fields'], message: 'must be an object of field values' }] });
  });

  it('reports an unknown key with the key in the path', () => {
    expect(check({ summary: 'x', colour: 'red' }).errors).toEqual([{ path: ['fields', 'colour'], message: 'unknown field' }]);
  });

  it('reports every problem at once: unknown keys, then fields in template order', () => {
    expect(errorPaths({ colour: 'red', quantity: 0, size: 1, channel: 'jd' })).toEqual([
      'fields.colour',
      'fields.size',
      'fields.summary',
      'fields.channel',
      'fields.quantity',
    ]);
  });

  it('does not mistake inherited names for sent values or unknown keys', () => {
    const tricky = compileFields([
      { key: 'constructor', label, type: 'text', required: true },
      { key: 'toString', label, type: 'text', default: 'x' },
    ]);
    expect(validateTicketFields(tricky, {})).toEqual({
      value: { toString: 'x' },
      errors: [{ path: ['fields', 'constructor'], message: 'is required' }],
    });
    expect(validateTicketFields(tricky, JSON.parse('{"__proto__": 1, "constructor": "a"}')).errors).toEqual([
      { path: ['fields', '__proto__'], message: 'unknown field' },
    ]);
  });

  it('ignores keys whose value is undefined and never returns undefined values', () => {
    const { value, errors } = check({ summary: 'x', note: undefined });
    expect(errors).toEqual([]);
    expect(Object.values(value)).not.toContain(undefined);
    expect('note' in value).toBe(false);
  });
});

describe('validateTicketFields: required and null', () => {
  it.each([
    ['absent', {}],
    ['null', { summary: null }],
    ['an empty string', { summary: '' }],
    ['blank', { summary: '   ' }],
  ])('reports a required field that is %s', (_, input) => {
    expect(check(input).errors).toEqual([{ path: ['fields', 'summary'], message: 'is required' }]);
  });

  it('reports only "is required" for an empty list in a required field with a min', () => {
    const c = compileFields([{ key: 'tags', label, type: 'multiselect', required: true, min: 1, options: [{ value: 'a', label }] }]);
    expect(validateTicketFields(c, { tags: [] }).errors).toEqual([{ path: ['fields', 'tags'], message: 'is required' }]);
  });

  it('lets null clear an optional field and stores the null', () => {
    expect(check({ summary: 'x', quantity: null, note: null })).toEqual({
      value: { summary: 'x', channel: 'store', wantsCallback: true, quantity: null, note: null },
      errors: [],
    });
  });

  it('keeps an explicit null over a default on create', () => {
    expect(check({ summary: 'x', channel: null }).value.channel).toBeNull();
  });

  it('checks required-ness on the merged values on update', () => {
    expect(errorPaths({ quantity: 2 }, update({ summary: 'stored' }))).toEqual([]);
    expect(errorPaths({ summary: null }, update({ summary: 'stored' }))).toEqual(['fields.summary']);
    expect(errorPaths({ quantity: 2 }, update({}))).toEqual(['fields.summary']);
    expect(errorPaths({ quantity: 2 }, update(null))).toEqual(['fields.summary']);
  });
});

describe('validateTicketFields: create and update', () => {
  it('fills defaults of absent fields on create, under the input', () => {
    expect(check({ summary: 'x', channel: 'tmall' }).value).toEqual({ summary: 'x', channel: 'tmall', wantsCallback: true });
  });

  it('treats a missing mode as create', () => {
    expect(check({ summary: 'x' }, {}).value.channel).toBe('store');
  });

  it('ignores stored values on create', () => {
    expect(check({ summary: 'x' }, { mode: 'create', existing: { note: 'old' } }).value).not.toHaveProperty('note');
  });

  it('merges the input over the stored values on update and does not re-apply defaults', () => {
    const { value, errors } = check({ quantity: 3, note: null }, update({ summary: 'old', note: 'n', quantity: 1 }));
    expect(errors).toEqual([]);
    expect(value).toEqual({ summary: 'old', quantity: 3, note: null });
  });

  it('validates a stored value that the current template no longer accepts', () => {
    // Someone removed the option from the template: the ticket must be corrected on its next write.
    expect(errorPaths({ quantity: 3 }, update({ summary: 'old', channel: 'jd' }))).toEqual(['fields.channel']);
  });

  it('keeps stored keys the template no longer defines, but rejects them in the input', () => {
    expect(check({ summary: 'y' }, update({ summary: 'x', legacy: 1 })).value).toEqual({ summary: 'y', legacy: 1 });
    expect(errorPaths({ legacy: 2 }, update({ summary: 'x', legacy: 1 }))).toEqual(['fields.legacy']);
  });

  it('treats stored values that are not an object as none', () => {
    expect(check({ summary: 'x' }, update('garbage' as never)).value).toEqual({ summary: 'x' });
  });

  it('does not change the input or the stored values', () => {
    const input = { summary: 'y' };
    const existing = { summary: 'x', quantity: 1 };
    check(input, update(existing));
    expect(input).toEqual({ summary: 'y' });
    expect(existing).toEqual({ summary: 'x', quantity: 1 });
  });
});

describe('compileFields', () => {
  it('keeps the definitions and indexes them by key', () => {
    expect(compiled.defs).toBe(DEFS);
    expect(compiled.byKey.get('quantity')).toBe(DEFS[3]);
  });

  it('compiles a pattern once and reuses it across calls', () => {
    const spy = jest.spyOn(globalThis, 'RegExp');
    const c = compileFields([{ key: 'code', label, type: 'text', pattern: '^[A-Z]{2}\\d+$' }]);
    const compiledCount = spy.mock.calls.length;
    expect(compiledCount).toBe(1);
    for (let i = 0; i < 5; i++) expect(validateTicketFields(c, { code: 'AB12' }).errors).toEqual([]);
    expect(validateTicketFields(c, { code: 'ab12' }).errors[0].message).toBe('does not match the required format');
    expect(spy.mock.calls.length).toBe(compiledCount);
    spy.mockRestore();
  });

  it('turns an unusable stored definition into an error on its field instead of a crash', () => {
    const c = compileFields([{ key: 'odd', label, type: 'colour' as never }, { key: 'ok', label, type: 'text' }]);
    const { errors, value } = validateTicketFields(c, { odd: 'red', ok: 'fine' });
    expect(errors).toEqual([{ path: ['fields', 'odd'], message: expect.stringContaining('cannot be checked') }]);
    expect(value).toEqual({ ok: 'fine' });
  });
});
