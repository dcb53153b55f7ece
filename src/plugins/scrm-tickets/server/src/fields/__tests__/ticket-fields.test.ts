import { compileFields, validateTicketFields } from '../ticket-fields';
import { MAX_STRING } from '../checkers';
import type { FieldDefinition } from '../types';

const label = { 'zh-Hans': '字段' };
const DEFS: FieldDefinition[] = [
  { key: 'summary', label, type: 'text', required: true, max: 20, pattern: '^[^<>]*$' },
  { key: 'detail', label, type: 'textarea', min: 2 },
  { key: 'quantity', label, type: 'number', min: 1, max: 10 },
  { key: 'fee', label, type: 'money', max: 100_00 },
  { key: 'refund', label, type: 'money', min: -500 },
  { key: 'bought', label, type: 'date' },
  { key: 'visit', label, type: 'datetime' },
  { key: 'channel', label, type: 'select', default: 'store', options: [{ value: 'store', label }, { value: 'tmall', label }] },
  { key: 'tags', label, type: 'multiselect', max: 2, options: [{ value: 'a', label }, { value: 'b', label }, { value: 'c', label }] },
  { key: 'vip', label, type: 'boolean' },
  { key: 'mobile', label, type: 'mobile' },
  { key: 'email', label, type: 'email' },
  { key: 'photo', label, type: 'media' },
  { key: 'photos', label, type: 'media', multiple: true, max: 2 },
  { key: 'store', label, type: 'region' },
  { key: 'site', label, type: 'location' },
  { key: 'leak', label, type: 'select', required: true, options: [{ value: 'drip', label }], visibleWhen: { field: 'tags', in: ['c'] } },
  { key: 'leakNote', label, type: 'text', required: true, visibleWhen: { field: 'leak', notEmpty: true } },
];
const compiled = compileFields(DEFS);
const check = (input: unknown, opts?: Parameters<typeof validateTicketFields>[2]) => validateTicketFields(compiled, input, opts);
const errorPaths = (input: unknown, opts?: Parameters<typeof validateTicketFields>[2]) =>
  check(input, opts).errors.map((e) => e.path.join('.'));

describe('validateTicketFields', () => {
  it.each([
    ['summary', '空调不制冷'],
    ['detail', '两个字以上'],
    ['quantity', 2.5],
    ['fee', 0],
    ['refund', -300],
    ['bought', '2024-02-29'],
    ['visit', '2026-11-24T10:00:00+08:00'],
    ['visit', '2026-11-24T02:00:00.123Z'],
    ['channel', 'tmall'],
    ['tags', ['a', 'b']],
    ['vip', false],
    ['mobile', '13912345678'],
    ['email', 'li.lei@example.com.cn'],
    ['photo', 7],
    ['photos', [1, 2]],
    ['store', 'r8x2k1'],
    ['site', { lat: 31.23, lng: 121.47 }],
  ])('accepts a valid %s (%j)', (key, value) => {
    const { errors, value: stored } = check({ summary: 'x', [key]: value });
    expect(errors).toEqual([]);
    expect(stored[key]).toEqual(value);
  });

  it.each([
    ['summary', 42],
    ['summary', 'x'.repeat(21)],
    ['summary', '<script>'],
    ['detail', 'x'],
    ['quantity', '3'],
    ['quantity', 11],
    ['quantity', Number.NaN],
    ['fee', 12.5],
    ['fee', -1],
    ['fee', 100_01],
    ['refund', -501],
    ['bought', '2023-02-29'],
    ['bought', '2026/01/01'],
    ['visit', '2026-11-24T10:00:00'],
    ['visit', '2026-13-24T10:00:00Z'],
    ['channel', 'jd'],
    ['tags', 'a'],
    ['tags', ['a', 'a']],
    ['tags', ['a', 'b', 'c']],
    ['tags', ['x']],
    ['vip', 'true'],
    ['mobile', '12912345678'],
    ['mobile', '+8613912345678'],
    ['email', 'a@b'],
    ['photo', 0],
    ['photo', [1]],
    ['photos', 3],
    ['photos', [1, 1]],
    ['photos', [1, 2, 3]],
    ['store', ''],
    ['store', 5],
    ['site', { lat: 91, lng: 0 }],
    ['site', { lat: 1, lng: 2, alt: 3 }],
    ['site', [31, 121]],
  ])('rejects an invalid %s (%j) at fields.%s', (key, value) => {
    expect(errorPaths({ summary: 'x', [key]: value })).toEqual([`fields.${key}`]);
  });

  it('caps any string at the hard limit whatever the definition says', () => {
    const big = compileFields([{ key: 't', label, type: 'textarea', max: 1_000_000 }]);
    expect(validateTicketFields(big, { t: 'x'.repeat(MAX_STRING + 1) }).errors[0].path).toEqual(['fields', 't']);
  });

  it('rejects input that is not an object', () => {
    for (const input of [null, 'x', [1], 3]) expect(errorPaths(input)).toEqual(['fields']);
  });

  it('reports unknown keys and every problem at once', () => {
    expect(errorPaths({ colour: 'red', quantity: 0 })).toEqual(['fields.colour', 'fields.quantity', 'fields.summary']);
  });

  it('fills defaults on create only', () => {
    expect(check({ summary: 'x' }).value.channel).toBe('store');
    const update = check({ summary: 'y' }, { mode: 'update', existing: { summary: 'x' } });
    expect(update.value).toEqual({ summary: 'y' });
  });

  it('lets null clear an optional field and counts it as missing for a required one', () => {
    expect(check({ summary: 'x', vip: null }).value.vip).toBeNull();
    expect(errorPaths({ summary: null })).toEqual(['fields.summary']);
  });

  describe('visibleWhen', () => {
    it('does not require a hidden field', () => {
      expect(errorPaths({ summary: 'x', tags: ['a'] })).toEqual([]);
    });

    it('requires a shown field, and a field shown by a shown field', () => {
      expect(errorPaths({ summary: 'x', tags: ['c'] })).toEqual(['fields.leak']);
      expect(errorPaths({ summary: 'x', tags: ['c'], leak: 'drip' })).toEqual(['fields.leakNote']);
    });

    it('rejects a value sent for a hidden field', () => {
      expect(errorPaths({ summary: 'x', tags: ['a'], leak: 'drip' })).toEqual(['fields.leak']);
    });

    it('blames only the controller when the controller itself is invalid', () => {
      expect(errorPaths({ summary: 'x', tags: ['zz'], leak: 'drip' })).toEqual(['fields.tags']);
    });

    it('drops stored values of fields that become hidden on update, down the chain', () => {
      const existing = { summary: 'x', tags: ['c'], leak: 'drip', leakNote: '一直滴' };
      const { value, errors } = check({ tags: ['a'] }, { mode: 'update', existing });
      expect(errors).toEqual([]);
      expect(value).toEqual({ summary: 'x', tags: ['a'] });
    });

    it('keeps stored values of keys the template no longer defines', () => {
      const { value } = check({ summary: 'y' }, { mode: 'update', existing: { summary: 'x', legacy: 1 } });
      expect(value).toEqual({ summary: 'y', legacy: 1 });
    });
  });
});
