import { diffAttributes, diffFields } from '../changes';

describe('change diffs for the audit trail', () => {
  it('lists only changed attributes, treating undefined as null and dates as ISO strings', () => {
    const at = new Date('2026-11-24T02:00:00Z');
    expect(
      diffAttributes({ title: 'a', tags: ['x'], reportedAt: at, team: undefined }, { title: 'b', tags: ['x'], reportedAt: at.toISOString(), team: null }, [
        'title', 'tags', 'reportedAt', 'team',
      ])
    ).toEqual({ title: { before: 'a', after: 'b' } });
  });

  it('reports template fields per key, including removed ones', () => {
    expect(diffFields({ a: 1, b: [1] }, { b: [1, 2], c: true })).toEqual({
      'fields.a': { before: 1, after: null },
      'fields.b': { before: [1], after: [1, 2] },
      'fields.c': { before: null, after: true },
    });
  });
});
