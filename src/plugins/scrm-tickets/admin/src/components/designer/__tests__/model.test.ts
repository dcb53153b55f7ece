import { errorLeaves } from '../../editors/server-errors';
import { keyFromLabel, move, newField, problemsByField, relabel } from '../model';

describe('the template designer model', () => {
  it('makes keys from labels: pinyin syllables for Chinese, Latin words kept, camelCase, unique', () => {
    expect(keyFromLabel('联系电话', new Set(), 'text')).toBe('lianXiDianHua');
    expect(keyFromLabel('Air 空调', new Set(), 'text')).toBe('airKongTiao');
    expect(keyFromLabel('1.5匹', new Set(), 'text')).toBe('pi');
    expect(keyFromLabel('绿色', new Set(), 'text')).toBe('lvSe');
    expect(keyFromLabel('！？', new Set(), 'mobile')).toBe('mobile');
    expect(keyFromLabel('联系电话', new Set(['lianXiDianHua', 'lianXiDianHua2']), 'text')).toBe('lianXiDianHua3');
  });

  it('adds a field that is valid as it comes: a key of its own, a choice with its first option', () => {
    const defs = [newField('text', [], '单行文本', (n) => `选项${n}`)];
    defs.push(newField('text', defs, '单行文本', (n) => `选项${n}`));
    defs.push(newField('select', defs, '单选', (n) => `选项${n}`));
    expect(defs.map((d) => d.key)).toEqual(['danHangWenBen', 'danHangWenBen2', 'danXuan']);
    expect(defs[2].options).toEqual([{ value: 'xuanXiang1', label: { 'zh-Hans': '选项1' } }]);
    expect(problemsByField(defs, []).size).toBe(0);
  });

  it('lets the key follow the label until a key is typed', () => {
    const defs = [newField('text', [], '单行文本', String)];
    expect(relabel(defs[0], { 'zh-Hans': '联系人' }, defs, false).key).toBe('lianXiRen');
    expect(relabel({ ...defs[0], key: 'contact' }, { 'zh-Hans': '联系人' }, defs, true).key).toBe('contact');
  });

  it("finds each field's problems with the server's validator, and files the server's answer under the field and setting it names", () => {
    const defs = [
      { key: 'name', label: { 'zh-Hans': '姓名' }, type: 'text', pattern: '([a-z' },
      { key: 'kind', label: { 'zh-Hans': '类型' }, type: 'select', options: [] },
    ];
    // The Content Manager nests a rejected save's errors by path (fieldDefinitions.0.pattern).
    const server = [{ pattern: 'must be a valid regular expression of at most 500 characters' }, undefined, { visibleWhen: { field: 'names no field of this template' } }];
    const problems = problemsByField(defs, errorLeaves(server));
    expect(problems.get(0)).toEqual([{ prop: 'pattern', path: [], message: 'must be a valid regular expression of at most 500 characters', fromServer: true }]);
    expect(problems.get(1)).toEqual([{ prop: 'options', path: [], message: 'must list at least one option', fromServer: undefined }]);
    expect(problems.get(2)).toEqual([{ prop: 'visibleWhen', path: ['field'], message: 'names no field of this template', fromServer: true }]);
  });

  it('moves a field to where it was dropped', () => {
    expect(move(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(move(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
  });
});
