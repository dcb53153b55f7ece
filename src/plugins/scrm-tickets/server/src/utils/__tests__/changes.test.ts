import { createdChanges, diffAttributes, diffFields } from '../changes';

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

  it('answers for a new ticket what the two diffs from nothing answer', () => {
    const ticket = { state: 'new', title: '空调', priority: 'normal', team: null, tags: ['vip'], reportedAt: new Date('2026-12-06T02:00:00Z'), csat: undefined, fields: { a: 1, b: null, c: { x: [1] } } };
    const keys = ['state', 'title', 'priority', 'team', 'tags', 'reportedAt', 'csat'];
    expect(createdChanges(ticket, keys)).toEqual({ ...diffAttributes({}, ticket, keys), ...diffFields(null, ticket.fields) });
    expect(createdChanges(ticket, keys)).toMatchObject({ reportedAt: { before: null, after: '2026-12-06T02:00:00.000Z' }, 'fields.c': { before: null, after: { x: [1] } } });
  });
});
