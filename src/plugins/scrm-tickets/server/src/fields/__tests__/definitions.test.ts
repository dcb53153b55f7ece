import { MAX_DEFINITIONS, validateFieldDefinitions } from '../definitions';
import { FIELD_TYPES } from '../types';

const label = { 'zh-Hans': '字段', en: 'Field' };
const def = (key: string, type: string, extra: Record<string, unknown> = {}) => ({ key, label, type, ...extra });
const options = (...values: string[]) => values.map((value) => ({ value, label: { 'zh-Hans': value } }));
const paths = (defs: unknown) => validateFieldDefinitions(defs).map((e) => e.path.join('.'));

/** One sound definition of every type, most of their settings used. */
const EVERY_TYPE = [
  def('summary', 'text', { required: true, min: 2, max: 50, pattern: '^[^<>]*$', default: '待补充', helpText: { 'zh-Hans': '一句话' } }),
  def('detail', 'textarea', { max: 2000 }),
  def('floor', 'number', { min: -3, max: 120, default: 1 }),
  def('refundFen', 'money', { min: -50000, max: 500000, default: 0 }),
  def('bought', 'date', { default: '2026-01-01' }),
  def('visitAt', 'datetime', { default: '2026-11-24T10:00:00+08:00' }),
  def('channel', 'select', { options: options('store', 'tmall'), default: 'store' }),
  def('symptoms', 'multiselect', { options: options('noise', 'leak'), min: 1, max: 2, default: ['noise'] }),
  def('vip', 'boolean', { default: false }),
  def('mobile', 'mobile', { default: '13912345678' }),
  def('email', 'email', { default: 'a@example.com' }),
  def('photos', 'media', { multiple: true, max: 9, default: [1] }),
  def('store', 'region'),
  def('site', 'location', { default: { lat: 31.2, lng: 121.5 } }),
  def('leakLevel', 'select', { options: options('drip'), visibleWhen: { field: 'symptoms', in: ['leak'] } }),
  def('vipNote', 'text', { visibleWhen: { field: 'vip', equals: true } }),
  def('siteNote', 'text', { visibleWhen: { field: 'site', notEmpty: true } }),
];

describe('validateFieldDefinitions: the list', () => {
  it('accepts a sound definition of each of the 14 types', () => {
    expect(new Set(EVERY_TYPE.map((d) => d.type))).toEqual(new Set(FIELD_TYPES));
    expect(validateFieldDefinitions(EVERY_TYPE)).toEqual([]);
  });

  it('accepts an empty list', () => {
    expect(validateFieldDefinitions([])).toEqual([]);
  });

  it('rejects a value that is not a list with one error at the base path', () => {
    for (const defs of [{ a: 1 }, 'x', null, undefined, 3]) {
      expect(validateFieldDefinitions(defs)).toEqual([{ path: ['fieldDefinitions'], message: 'must be a list of field definitions' }]);
    }
  });

  it('puts paths under a given base path', () => {
    expect(validateFieldDefinitions('x', ['data', 'defs'])[0].path).toEqual(['data', 'defs']);
    expect(validateFieldDefinitions([def('Bad', 'text')], ['data', 'defs'])[0].path).toEqual(['data', 'defs', 0, 'key']);
  });

  it(`accepts ${MAX_DEFINITIONS} fields and rejects one more`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => def(`f${i}`, 'text'));
    expect(validateFieldDefinitions(many(MAX_DEFINITIONS))).toEqual([]);
    expect(paths(many(MAX_DEFINITIONS + 1))).toEqual(['fieldDefinitions']);
  });

  it('reports every problem at once, each with its own path', () => {
    expect(
      paths([
        def('a', 'text'),
        def('a', 'text'),
        def('Bad-Key', 'text'),
        { key: 'b', label: { en: 'no chinese' }, type: 'text' },
        def('c', 'colour'),
        'not an object',
        def('d', 'select', { max: 'x' }),
      ])
    ).toEqual([
      'fieldDefinitions.1.key',
      'fieldDefinitions.2.key',
      'fieldDefinitions.3.label',
      'fieldDefinitions.4.type',
      'fieldDefinitions.5',
      'fieldDefinitions.6.options',
      'fieldDefinitions.6.max',
    ]);
  });

  it('names the repeated key in the message', () => {
    expect(validateFieldDefinitions([def('a', 'text'), def('a', 'number')])).toEqual([
      { path: ['fieldDefinitions', 1, 'key'], message: 'repeats the key "a"' },
    ]);
  });
});

describe('validateFieldDefinitions: one definition', () => {
  it.each([
    ['a key with an upper-case start', def('Summary', 'text'), 'key'],
    ['a key with a dash', def('sum-mary', 'text'), 'key'],
    ['a key of 65 characters', def(`a${'b'.repeat(64)}`, 'text'), 'key'],
    ['a key starting with _', def('__proto__', 'text'), 'key'],
    ['a missing key', { label, type: 'text' }, 'key'],
    ['a missing label', { key: 'a', type: 'text' }, 'label'],
    ['a blank zh-Hans label', def('a', 'text', { label: { 'zh-Hans': '  ', en: 'A' } }), 'label'],
    ['a label in another language', def('a', 'text', { label: { 'zh-Hans': '甲', fr: 'A' } }), 'label'],
    ['a label of 201 characters', def('a', 'text', { label: { 'zh-Hans': '长'.repeat(201) } }), 'label'],
    ['a help text that is a string', def('a', 'text', { helpText: '说明' }), 'helpText'],
    ['an unknown type', def('a', 'colour'), 'type'],
    ['a missing type', { key: 'a', label }, 'type'],
    ['required that is not a boolean', def('a', 'text', { required: 'yes' }), 'required'],
    ['an unknown property', def('a', 'text', { colour: 'red' }), 'colour'],
    ['a select without options', def('a', 'select'), 'options'],
    ['a multiselect with empty options', def('a', 'multiselect', { options: [] }), 'options'],
    ['options that are not a list', def('a', 'select', { options: { a: 1 } }), 'options'],
    ['an option that is not an object', def('a', 'select', { options: ['a'] }), 'options.0'],
    ['an option with an empty value', def('a', 'select', { options: [{ value: '', label }] }), 'options.0.value'],
    ['an option with a number value', def('a', 'select', { options: [{ value: 1, label: { 'zh-Hans': '一' } }] }), 'options.0.value'],
    ['an option without a zh-Hans label', def('a', 'select', { options: [{ value: 'x', label: { en: 'X' } }] }), 'options.0.label'],
    ['an option with an unknown property', def('a', 'select', { options: [{ value: 'x', label, colour: 1 }] }), 'options.0.colour'],
    ['repeated option values', def('a', 'select', { options: options('x', 'y', 'x') }), 'options.2.value'],
    ['options on a text field', def('a', 'text', { options: options('x') }), 'options'],
    ['a regex that does not compile', def('a', 'text', { pattern: '([a-z' }), 'pattern'],
    ['a regex that is only invalid with the u flag', def('a', 'text', { pattern: '\\-' }), 'pattern'],
    ['a pattern that is not a string', def('a', 'text', { pattern: 5 }), 'pattern'],
    ['a pattern on a number field', def('a', 'number', { pattern: '\\d' }), 'pattern'],
    ['min above max', def('a', 'number', { min: 5, max: 1 }), 'max'],
    ['min above max on a text field', def('a', 'text', { min: 10, max: 5 }), 'max'],
    ['a text min above the default max of 255', def('a', 'text', { min: 300 }), 'min'],
    ['min on a boolean', def('a', 'boolean', { min: 1 }), 'min'],
    ['max on a select', def('a', 'select', { options: options('x'), max: 1 }), 'max'],
    ['a max that is a string', def('a', 'number', { max: '5' }), 'max'],
    ['a max that is Infinity', def('a', 'number', { max: Infinity }), 'max'],
    ['a negative text length', def('a', 'text', { min: -1 }), 'min'],
    ['a fractional media count', def('a', 'media', { multiple: true, max: 1.5 }), 'max'],
    ['a fractional money bound', def('a', 'money', { max: 10.5 }), 'max'],
    ['a negative money max without a min', def('a', 'money', { max: -1 }), 'max'],
    ['multiple on a text field', def('a', 'text', { multiple: true }), 'multiple'],
    ['multiple that is not a boolean', def('a', 'media', { multiple: 'yes' }), 'multiple'],
  ])('rejects %s', (_, bad, path) => {
    expect(paths([bad])).toEqual([`fieldDefinitions.0.${path}`]);
  });

  it('accepts money with a negative range when min says so, and decimals for number bounds', () => {
    expect(paths([def('a', 'money', { min: -500, max: -1 }), def('b', 'number', { min: 0.5, max: 2.5 })])).toEqual([]);
  });

  it.each([
    ['text', { max: 3 }, 'abcd'],
    ['text', { pattern: '^\\d+$' }, 'abc'],
    ['textarea', {}, 42],
    ['number', { max: 10 }, 11],
    ['number', {}, '5'],
    ['money', {}, 12.5],
    ['money', {}, -1],
    ['date', {}, '2023-02-29'],
    ['datetime', {}, '2026-11-24T10:00:00'],
    ['select', { options: options('x') }, 'y'],
    ['multiselect', { options: options('x') }, 'x'],
    ['boolean', {}, 'true'],
    ['mobile', {}, '12345'],
    ['email', {}, 'nope'],
    ['media', {}, 0],
    ['media', { multiple: true }, 3],
    ['region', {}, ''],
    ['location', {}, { lat: 100, lng: 0 }],
  ])('rejects a %s default the field itself would reject (%j → %j)', (type, extra, value) => {
    const errors = validateFieldDefinitions([def('a', type, { ...extra, default: value })]);
    expect(errors).toEqual([{ path: ['fieldDefinitions', 0, 'default'], message: expect.any(String) }]);
  });

  it('accepts a null default as no default', () => {
    expect(paths([def('a', 'number', { default: null })])).toEqual([]);
  });

  it('says why a money default is wrong', () => {
    expect(validateFieldDefinitions([def('a', 'money', { default: 12.5 })])[0].message).toBe('must be an integer amount in fen');
  });
});

describe('validateFieldDefinitions: visibleWhen', () => {
  const base = [def('kind', 'select', { options: options('a', 'b') }), def('tags', 'multiselect', { options: options('x', 'y') })];
  const withRule = (rule: unknown) => paths([...base, def('dep', 'text', { visibleWhen: rule })]);

  it.each([
    ['a missing field', { field: 'nope', notEmpty: true }, 'visibleWhen.field'],
    ['the field itself', { field: 'dep', notEmpty: true }, 'visibleWhen.field'],
    ['no field', { equals: 'a' }, 'visibleWhen'],
    ['a string instead of an object', 'kind', 'visibleWhen'],
    ['two conditions', { field: 'kind', equals: 'a', notEmpty: true }, 'visibleWhen'],
    ['no condition', { field: 'kind' }, 'visibleWhen'],
    ['an unknown property', { field: 'kind', equals: 'a', equal: 'b' }, 'visibleWhen.equal'],
    ['in that is not a list', { field: 'kind', in: 'a' }, 'visibleWhen.in'],
    ['an empty in list', { field: 'kind', in: [] }, 'visibleWhen.in'],
    ['notEmpty that is false', { field: 'kind', notEmpty: false }, 'visibleWhen.notEmpty'],
    ['equals a value the select does not offer', { field: 'kind', equals: 'c' }, 'visibleWhen.equals'],
    ['in with a value the select does not offer', { field: 'kind', in: ['a', 'c'] }, 'visibleWhen.in.1'],
    ['equals a list for a multiselect controller', { field: 'tags', equals: ['x'] }, 'visibleWhen.equals'],
  ])('rejects a rule naming %s', (_, rule, path) => {
    expect(withRule(rule)).toEqual([`fieldDefinitions.2.${path}`]);
  });

  it('accepts rules on select (equals/in), multiselect (membership) and any field (notEmpty)', () => {
    expect(withRule({ field: 'kind', equals: 'a' })).toEqual([]);
    expect(withRule({ field: 'kind', in: ['a', 'b'] })).toEqual([]);
    expect(withRule({ field: 'tags', equals: 'x' })).toEqual([]);
    expect(withRule({ field: 'tags', in: ['y'] })).toEqual([]);
    expect(withRule({ field: 'kind', notEmpty: true })).toEqual([]);
  });

  it('checks condition values against the controller type', () => {
    const flag = def('flag', 'boolean');
    expect(paths([flag, def('dep', 'text', { visibleWhen: { field: 'flag', equals: 'true' } })])).toEqual([
      'fieldDefinitions.1.visibleWhen.equals',
    ]);
    expect(paths([flag, def('dep', 'text', { visibleWhen: { field: 'flag', equals: true } })])).toEqual([]);
  });

  it('reports a self reference once, not also as a loop', () => {
    expect(paths([def('a', 'text', { visibleWhen: { field: 'a', notEmpty: true } })])).toEqual(['fieldDefinitions.0.visibleWhen.field']);
  });

  it('rejects a loop on every field in it, not on fields that merely hang off it', () => {
    expect(
      paths([
        def('a', 'text', { visibleWhen: { field: 'b', notEmpty: true } }),
        def('b', 'text', { visibleWhen: { field: 'a', notEmpty: true } }),
        def('c', 'text', { visibleWhen: { field: 'a', notEmpty: true } }),
      ])
    ).toEqual(['fieldDefinitions.0.visibleWhen', 'fieldDefinitions.1.visibleWhen']);
  });

  it('rejects a three-field loop', () => {
    expect(
      paths([
        def('a', 'text', { visibleWhen: { field: 'c', notEmpty: true } }),
        def('b', 'text', { visibleWhen: { field: 'a', notEmpty: true } }),
        def('c', 'text', { visibleWhen: { field: 'b', notEmpty: true } }),
      ])
    ).toEqual(['fieldDefinitions.0.visibleWhen', 'fieldDefinitions.1.visibleWhen', 'fieldDefinitions.2.visibleWhen']);
  });

  it('accepts a chain without a loop', () => {
    expect(
      paths([
        def('a', 'text'),
        def('b', 'text', { visibleWhen: { field: 'a', notEmpty: true } }),
        def('c', 'text', { visibleWhen: { field: 'b', notEmpty: true } }),
      ])
    ).toEqual([]);
  });

  it('still checks the rule of a definition that has other problems', () => {
    expect(paths([def('a', 'text', { required: 'yes', visibleWhen: { field: 'nope', notEmpty: true } })])).toEqual([
      'fieldDefinitions.0.required',
      'fieldDefinitions.0.visibleWhen.field',
    ]);
  });
});
