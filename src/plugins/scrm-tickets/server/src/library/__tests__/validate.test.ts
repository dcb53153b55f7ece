import { pointerOf, validateLibrary } from '../validate';

const known = { settlementTiers: new Set(['app_tier']), slaPolicies: new Set<string>(), approvalPolicies: new Set<string>(), regionCodes: new Set<string>() };
const base = { key: 'lib', name: { 'zh-Hans': '库' }, industry: 'retail', version: '1.0.0' };
const template = (key: string, extra: Record<string, unknown> = {}) => ({ key, name: { 'zh-Hans': key }, fieldDefinitions: [], ...extra });

describe('library files', () => {
  it('writes JSON pointers with RFC 6901 escapes', () => {
    expect(pointerOf(['prices', 'a/b', 'c~d', 0])).toBe('/prices/a~1b/c~0d/0');
  });

  it('accepts a minimal file and a template on a tier the app already has', () => {
    expect(validateLibrary({ ...base, templates: [template('t1', { settlementTier: 'app_tier' })] }, known)).toEqual([]);
  });

  it('reports shape problems, repeated keys and references to nothing, all at once', () => {
    const errors = validateLibrary(
      { ...base, industry: 'mining', extra: 1, templates: [template('t1', { settlementTier: 'ghost' }), template('t1'), { key: 'Bad Key' }] },
      known
    );
    expect(errors.map((e) => e.pointer)).toEqual([
      '/extra', '/industry', '/templates/2/name', '/templates/2/fieldDefinitions', '/templates/2/key', '/templates/1/key', '/templates/0/settlementTier',
    ]);
  });

  it('does not look into an item whose shape is already wrong', () => {
    const errors = validateLibrary({ ...base, settlementTiers: [{ key: 't', name: 'x', model: 'not an object' }] }, known);
    expect(errors.map((e) => e.pointer)).toEqual(['/settlementTiers/0/model']);
  });
});
