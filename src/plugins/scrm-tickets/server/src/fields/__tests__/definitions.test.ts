import { validateFieldDefinitions } from '../definitions';

const text = (key: string, extra: Record<string, unknown> = {}) => ({ key, label: { 'zh-Hans': key }, type: 'text', ...extra });
const paths = (defs: unknown) => validateFieldDefinitions(defs).map((e) => e.path.join('.'));

describe('validateFieldDefinitions', () => {
  it('accepts a sound template', () => {
    expect(
      validateFieldDefinitions([
        text('summary', { required: true, max: 50, pattern: '^\\S' }),
        { key: 'kind', label: { 'zh-Hans': '类型', en: 'Kind' }, type: 'select', default: 'a', options: [{ value: 'a', label: { 'zh-Hans': '甲' } }] },
        { key: 'detail', label: { 'zh-Hans': '详情' }, type: 'textarea', visibleWhen: { field: 'kind', equals: 'a' } },
        { key: 'photos', label: { 'zh-Hans': '照片' }, type: 'media', multiple: true, max: 9 },
      ])
    ).toEqual([]);
  });

  it('rejects a non-list at the base path', () => {
    expect(validateFieldDefinitions({ a: 1 })).toEqual([{ path: ['fieldDefinitions'], message: expect.any(String) }]);
    expect(validateFieldDefinitions('x', ['data', 'defs'])[0].path).toEqual(['data', 'defs']);
  });

  it('rejects more than 100 fields', () => {
    expect(paths(Array.from({ length: 101 }, (_, i) => text(`f${i}`)))).toEqual(['fieldDefinitions']);
  });

  it('reports every problem at once with its path', () => {
    expect(
      paths([
        text('a'),
        text('a'),
        { key: 'Bad-Key', label: { 'zh-Hans': 'x' }, type: 'text' },
        { key: 'b', label: { en: 'no chinese' }, type: 'text' },
        { key: 'c', label: { 'zh-Hans': 'c' }, type: 'colour' },
        'not an object',
      ])
    ).toEqual([
      'fieldDefinitions.1.key',
      'fieldDefinitions.2.key',
      'fieldDefinitions.3.label',
      'fieldDefinitions.4.type',
      'fieldDefinitions.5',
    ]);
  });

  it.each([
    ['select without options', { key: 's', label: { 'zh-Hans': 's' }, type: 'select' }, 'fieldDefinitions.0.options'],
    ['multiselect with empty options', { key: 's', label: { 'zh-Hans': 's' }, type: 'multiselect', options: [] }, 'fieldDefinitions.0.options'],
    [
      'repeated option values',
      { key: 's', label: { 'zh-Hans': 's' }, type: 'select', options: [{ value: 'a', label: { 'zh-Hans': '甲' } }, { value: 'a', label: { 'zh-Hans': '乙' } }] },
      'fieldDefinitions.0.options.1.value',
    ],
    ['options on a text field', text('t', { options: [] }), 'fieldDefinitions.0.options'],
    ['a bad regex', text('t', { pattern: '([a-z' }), 'fieldDefinitions.0.pattern'],
    ['a pattern on a number', { key: 'n', label: { 'zh-Hans': 'n' }, type: 'number', pattern: '\\d' }, 'fieldDefinitions.0.pattern'],
    ['min above max', { key: 'n', label: { 'zh-Hans': 'n' }, type: 'number', min: 5, max: 1 }, 'fieldDefinitions.0.max'],
    ['min on a boolean', { key: 'b', label: { 'zh-Hans': 'b' }, type: 'boolean', min: 1 }, 'fieldDefinitions.0.min'],
    ['a default of the wrong type', { key: 'm', label: { 'zh-Hans': 'm' }, type: 'money', default: 1.5 }, 'fieldDefinitions.0.default'],
    ['an unknown property', text('t', { colour: 'red' }), 'fieldDefinitions.0.colour'],
    ['multiple on a text field', text('t', { multiple: true }), 'fieldDefinitions.0.multiple'],
    ['required that is not a boolean', text('t', { required: 'yes' }), 'fieldDefinitions.0.required'],
  ])('rejects %s', (_, def, path) => {
    expect(paths([def])).toEqual([path]);
  });

  it.each([
    ['a missing field', [text('a', { visibleWhen: { field: 'nope', notEmpty: true } })], 'fieldDefinitions.0.visibleWhen.field'],
    ['itself', [text('a', { visibleWhen: { field: 'a', notEmpty: true } })], 'fieldDefinitions.0.visibleWhen.field'],
    ['two conditions', [text('a'), text('b', { visibleWhen: { field: 'a', equals: 'x', notEmpty: true } })], 'fieldDefinitions.1.visibleWhen'],
    ['no condition', [text('a'), text('b', { visibleWhen: { field: 'a' } })], 'fieldDefinitions.1.visibleWhen'],
  ])('rejects visibleWhen naming %s', (_, defs, path) => {
    expect(paths(defs)).toEqual([path]);
  });

  it('rejects a loop of visibleWhen conditions on every field in it', () => {
    expect(
      paths([
        text('a', { visibleWhen: { field: 'b', notEmpty: true } }),
        text('b', { visibleWhen: { field: 'a', notEmpty: true } }),
        text('c', { visibleWhen: { field: 'a', notEmpty: true } }),
      ])
    ).toEqual(['fieldDefinitions.0.visibleWhen', 'fieldDefinitions.1.visibleWhen']);
  });
});
