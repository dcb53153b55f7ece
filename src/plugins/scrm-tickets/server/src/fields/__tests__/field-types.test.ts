import { MAX_STRING } from '../checkers';
import { compileFields, validateTicketFields } from '../ticket-fields';
import type { FieldDefinition } from '../types';

const label = { 'zh-Hans': '字段' };
const opt = (value: string) => ({ value, label });
// One optional field per type (two for media and money), so each value is checked on its own.
const DEFS: FieldDefinition[] = [
  { key: 'summary', label, type: 'text', max: 20, min: 2, pattern: '^[^<>]*$' },
  { key: 'detail', label, type: 'textarea' },
  { key: 'quantity', label, type: 'number', min: 1, max: 10 },
  { key: 'fee', label, type: 'money', max: 100_00 },
  { key: 'refund', label, type: 'money', min: -500 },
  { key: 'bought', label, type: 'date' },
  { key: 'visit', label, type: 'datetime' },
  { key: 'channel', label, type: 'select', options: [opt('store'), opt('tmall')] },
  { key: 'tags', label, type: 'multiselect', min: 1, max: 2, options: [opt('a'), opt('b'), opt('c')] },
  { key: 'vip', label, type: 'boolean' },
  { key: 'mobile', label, type: 'mobile' },
  { key: 'email', label, type: 'email' },
  { key: 'photo', label, type: 'media' },
  { key: 'photos', label, type: 'media', multiple: true, min: 1, max: 2 },
  { key: 'store', label, type: 'region' },
  { key: 'site', label, type: 'location' },
];
const compiled = compileFields(DEFS);
const check = (input: unknown) => validateTicketFields(compiled, input);

describe('field types: valid values are stored as given', () => {
  it.each([
    ['summary', '空调不制冷'],
    ['summary', `  ${'x'.repeat(20)}  `], // length counts after trimming; nothing is normalised
    ['detail', '详'.repeat(MAX_STRING)],
    ['detail', ''],
    ['quantity', 1],
    ['quantity', 2.5],
    ['quantity', 10],
    ['fee', 0],
    ['fee', 100_00],
    ['refund', -500],
    ['bought', '2024-02-29'],
    ['bought', '2026-12-31'],
    ['visit', '2026-11-24T10:00:00+08:00'],
    ['visit', '2026-11-24T02:00:00.123Z'],
    ['visit', '2026-11-24T10:00-05:30'],
    ['channel', 'tmall'],
    ['tags', ['a', 'b']],
    ['tags', ['c']],
    ['vip', false],
    ['vip', true],
    ['mobile', '13912345678'],
    ['mobile', '19912345678'],
    ['email', 'li.lei@example.com.cn'],
    ['photo', 7],
    ['photos', [1, 2]],
    ['store', 'r8x2k1'],
    ['site', { lat: 31.23, lng: 121.47 }],
    ['site', { lat: -90, lng: 180 }],
  ])('accepts %s = %j', (key, value) => {
    const { errors, value: stored } = check({ [key]: value });
    expect(errors).toEqual([]);
    expect(stored).toEqual({ [key]: value });
  });

  it('accepts a location object without a prototype (as GraphQL builds input objects)', () => {
    const site = Object.assign(Object.create(null), { lat: 1, lng: 2 });
    expect(check({ site }).errors).toEqual([]);
  });
});

describe('field types: invalid values are rejected at fields.<key>', () => {
  it.each([
    ['summary', 42, 'must be text'],
    ['summary', 'x', 'must be at least 2 characters'],
    ['summary', '  x  ', 'must be at least 2 characters'],
    ['summary', 'x'.repeat(21), 'must be at most 20 characters'],
    ['summary', '<script>', 'does not match the required format'],
    ['detail', ['a'], 'must be text'],
    ['quantity', '3', 'must be a number'],
    ['quantity', 0, 'must be at least 1'],
    ['quantity', 11, 'must be at most 10'],
    ['quantity', Number.NaN, 'must be a number'],
    ['quantity', Infinity, 'must be a number'],
    ['fee', 12.5, 'must be an integer amount in fen'],
    ['fee', '1250', 'must be an integer amount in fen'],
    ['fee', 2 ** 53, 'must be an integer amount in fen'],
    ['fee', -1, 'must be at least 0 fen'],
    ['fee', 100_01, 'must be at most 10000 fen'],
    ['refund', -501, 'must be at least -500 fen'],
    ['bought', '2023-02-29', 'must be a date as YYYY-MM-DD'],
    ['bought', '2026/01/01', 'must be a date as YYYY-MM-DD'],
    ['bought', '2026-1-1', 'must be a date as YYYY-MM-DD'],
    ['bought', '2026-01-01T00:00:00Z', 'must be a date as YYYY-MM-DD'],
    ['bought', 20260101, 'must be a date as YYYY-MM-DD'],
    ['visit', '2026-11-24T10:00:00', 'must be an ISO 8601 date-time with a time zone offset'],
    ['visit', '2026-13-24T10:00:00Z', 'must be an ISO 8601 date-time with a time zone offset'],
    ['visit', '2026-02-30T10:00:00Z', 'must be an ISO 8601 date-time with a time zone offset'],
    ['visit', '2026-11-24T24:00:00Z', 'must be an ISO 8601 date-time with a time zone offset'],
    ['visit', '2026-11-24T10:00:00+25:00', 'must be an ISO 8601 date-time with a time zone offset'],
    ['visit', '2026-11-24', 'must be an ISO 8601 date-time with a time zone offset'],
    ['visit', 1764000000000, 'must be an ISO 8601 date-time with a time zone offset'],
    ['channel', 'jd', 'must be one of: store, tmall'],
    ['channel', ['store'], 'must be one of: store, tmall'],
    ['tags', 'a', 'must be a list of: a, b, c'],
    ['tags', ['x'], 'must only hold: a, b, c'],
    ['tags', ['a', 'a'], 'must not repeat a choice'],
    ['tags', ['a', 'b', 'c'], 'must be at most 2 choices'],
    ['vip', 'true', 'must be true or false'],
    ['vip', 1, 'must be true or false'],
    ['mobile', '12912345678', 'must be a Chinese mobile number (11 digits)'],
    ['mobile', '+8613912345678', 'must be a Chinese mobile number (11 digits)'],
    ['mobile', '139 1234 5678', 'must be a Chinese mobile number (11 digits)'],
    ['mobile', 13912345678, 'must be a Chinese mobile number (11 digits)'],
    ['email', 'a@b', 'must be an email address'],
    ['email', 'a b@example.com', 'must be an email address'],
    ['email', `${'a'.repeat(250)}@b.cn`, 'must be an email address'],
    ['photo', 0, 'must be an uploaded file id'],
    ['photo', 1.5, 'must be an uploaded file id'],
    ['photo', '7', 'must be an uploaded file id'],
    ['photo', [1], 'must be an uploaded file id'],
    ['photos', 3, 'must be a list of uploaded file ids'],
    ['photos', [1, -2], 'must be a list of uploaded file ids'],
    ['photos', [1, 1], 'must not repeat a file'],
    ['photos', [1, 2, 3], 'must be at most 2 files'],
    ['store', '', 'must be a region id'],
    ['store', 'r'.repeat(65), 'must be a region id'],
    ['store', 5, 'must be a region id'],
    ['site', { lat: 91, lng: 0 }, 'must have lat in [-90, 90] and lng in [-180, 180]'],
    ['site', { lat: 0, lng: -181 }, 'must have lat in [-90, 90] and lng in [-180, 180]'],
    ['site', { lat: Number.NaN, lng: 0 }, 'must have lat in [-90, 90] and lng in [-180, 180]'],
    ['site', { lat: 1, lng: 2, alt: 3 }, 'must be { lat, lng } with numbers only'],
    ['site', { lat: '1', lng: 2 }, 'must be { lat, lng } with numbers only'],
    ['site', { lat: 1 }, 'must be { lat, lng } with numbers only'],
    ['site', [31, 121], 'must be { lat, lng }'],
    ['site', new Date(), 'must be { lat, lng }'],
  ])('rejects %s = %j: "%s"', (key, value, message) => {
    expect(check({ [key]: value })).toEqual({ value: {}, errors: [{ path: ['fields', key], message }] });
  });

  it('applies min to an empty list of an optional field: null is how a value is cleared', () => {
    expect(check({ tags: [] }).errors).toEqual([{ path: ['fields', 'tags'], message: 'must be at least 1 choice' }]);
    expect(check({ photos: [] }).errors).toEqual([{ path: ['fields', 'photos'], message: 'must be at least 1 file' }]);
    expect(check({ tags: null, photos: null })).toEqual({ value: { tags: null, photos: null }, errors: [] });
  });
});

describe('field types: huge strings', () => {
  it.each(['summary', 'detail'])('caps %s at the hard limit whatever the definition says', (key) => {
    const big = compileFields([{ key, label, type: 'textarea', max: 1_000_000 }]);
    expect(validateTicketFields(big, { [key]: 'x'.repeat(MAX_STRING + 1) }).errors).toEqual([
      { path: ['fields', key], message: `must be at most ${MAX_STRING} characters` },
    ]);
  });

  it('rejects a megabyte string in any string field quickly, with the field path', () => {
    const huge = 'x'.repeat(1_100_000);
    const keys = ['summary', 'detail', 'bought', 'visit', 'channel', 'mobile', 'email', 'store'];
    const started = Date.now();
    const { errors } = check(Object.fromEntries(keys.map((k) => [k, huge])));
    expect(errors.map((e) => e.path[1])).toEqual(keys);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('does not run the pattern on a string above the hard cap', () => {
    // A pattern that would take ages on a long input is never reached past the cap.
    const slow = compileFields([{ key: 't', label, type: 'textarea', max: 1_000_000, pattern: '^(a|a)*$' }]);
    expect(validateTicketFields(slow, { t: `${'a'.repeat(MAX_STRING + 1)}b` }).errors[0].message).toMatch(/at most/);
  });
});
