import nulText, { nulPath } from '../nul-text';

const UNPARSED = Symbol.for('unparsedBody');
const run = async (body: unknown, querystring = '', query: unknown = {}) => {
  const ctx = { request: { body }, querystring, query };
  let reached = false;
  await nulText()(ctx, async () => {
    reached = true;
  });
  return reached;
};

describe('text holding U+0000', () => {
  it('finds the first string or key holding it, with its path', () => {
    expect(nulPath({ data: { title: 'ok', tags: ['a', 'b\u0000'] } })).toEqual(['data', 'tags', 1]);
    expect(nulPath({ data: [{ x: 1 }, { 'k\u0000': 1 }] })).toEqual(['data', 1, 'k\u0000']);
    expect(nulPath({ data: { title: 'ok', n: 1, b: true, z: null } })).toBeNull();
    expect(nulPath('\u0000')).toEqual([]);
  });

  it('refuses such a body or query with a ValidationError naming the path, and lets the rest through', async () => {
    const parsed = { data: { fields: { summary: 'x\u0000' } } };
    await expect(run(Object.assign(parsed, { [UNPARSED]: JSON.stringify(parsed) }))).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [{ path: ['data', 'fields', 'summary'] }] },
    });
    await expect(run({}, 'filters[title][$eq]=%00', { filters: { title: { $eq: '\u0000' } } })).rejects.toMatchObject({ details: { errors: [{ path: ['filters', 'title', '$eq'] }] } });
    await expect(run('<xml>\u0000</xml>')).rejects.toMatchObject({ name: 'ValidationError' });
    const fine = { data: { title: 'a\\u0000 as text' } };
    expect(await run(Object.assign(fine, { [UNPARSED]: JSON.stringify(fine) }))).toBe(true);
    expect(await run(undefined)).toBe(true);
  });
});
