import { canonicalContent, payeeOf, sealOf } from '../statement';

const ticket = {
  id: 7, number: 'GD20261125-000007', amountFen: 120000, priority: 'urgent', csat: 5, serviceItem: null,
  reportedAt: new Date(), resolvedAt: null, assigneeId: 12, regionPath: ['sh-store-1', 'shanghai', 'huadong'], regionCoefficient: '1.2',
};

describe('statements', () => {
  it('pays split levels to the assignee, the store, the top region, or the named party', () => {
    expect(['engineer', 'store', 'region', 'platform', 'city_partner'].map((p) => payeeOf(p, ticket))).toEqual([
      'engineer:user:12', 'store:region:sh-store-1', 'region:region:huadong', 'platform', 'city_partner',
    ]);
    expect(payeeOf('engineer', { ...ticket, assigneeId: null })).toBe('engineer:unassigned');
  });

  it('seals the same content to the same SHA-256 whatever the order of its lines, and any change to another', () => {
    const a = { ticket: 'GD-1', ticketId: 1, tier: 't', lineFen: 100, fen: 10 };
    const b = { ticket: 'GD-2', ticketId: 2, tier: 't', lineFen: 200, fen: 20 };
    const s = { period: '2026-11', party: 'platform', currency: 'CNY', totalFen: 30 };
    const seal = sealOf(canonicalContent({ ...s, lines: [a, b] }));
    expect(seal).toMatch(/^[0-9a-f]{64}$/);
    expect(sealOf(canonicalContent({ ...s, lines: [b, a] }))).toBe(seal);
    expect(sealOf(canonicalContent({ ...s, lines: [a, { ...b, fen: 21 }] }))).not.toBe(seal);
    expect(sealOf(canonicalContent({ ...s, party: 'store', lines: [a, b] }))).not.toBe(seal);
  });
});
