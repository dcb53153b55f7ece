import { createHash } from 'node:crypto';
import { payeeOf, sealOf, sealer } from '../statement';

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

  const a = { kind: 'ticket', ticket: 'GD-1', ticketId: 1, tier: 't', level: 0, lineFen: 100, fen: 10 };
  const b = { kind: 'ticket', ticket: 'GD-2', ticketId: 2, tier: 't', level: 0, lineFen: 200, fen: 20 };
  const rebate = { kind: 'rebate', ticket: null, ticketId: null, tier: 't', level: null, lineFen: 60000000, fen: 1200000 };
  const head = { period: '2026-11', party: 'platform', currency: 'CNY', seq: 0, totalFen: 1200030 };

  it('seals the documented text: a heading, then one tab-separated row per line in the canonical order', () => {
    const text = 'scrm-statement/2\n2026-11\tplatform\tCNY\t0\t1200030\nrebate\t\t\tt\t\t60000000\t1200000\nticket\tGD-1\t1\tt\t0\t100\t10\nticket\tGD-2\t2\tt\t0\t200\t20\n';
    expect(sealOf(head, [b, rebate, a])).toBe(createHash('sha256').update(text).digest('hex'));
    const streamed = sealer(head);
    [rebate, a, b].forEach((l) => streamed.add(l));
    expect(streamed.digest()).toBe(sealOf(head, [a, b, rebate]));
  });

  it('gives any change of content another seal', () => {
    const seal = sealOf(head, [a, b]);
    expect(sealOf(head, [a, { ...b, fen: 21 }])).not.toBe(seal);
    expect(sealOf({ ...head, party: 'store' }, [a, b])).not.toBe(seal);
    expect(sealOf({ ...head, seq: 1 }, [a, b])).not.toBe(seal);
  });
});
