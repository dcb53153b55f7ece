import fc from 'fast-check';
import { holdingTimes, rebateFen, shareByTime } from '../period';

const at = (h: number) => new Date(Date.UTC(2026, 10, 2, h));

describe('volume rebates', () => {
  const seeds = [{ overFen: 50_000_000, rate: '0.02' }];
  it('pays 2 % of the month’s volume above ¥500,000, nothing at or below it', () => {
    expect(rebateFen(60_000_000, seeds)).toBe(1_200_000);
    expect(rebateFen(50_000_000, seeds)).toBe(0);
    expect(rebateFen(50_000_001, seeds)).toBe(1_000_000); // 1,000,000.02 → half-up
  });
  it('takes the highest threshold reached', () => {
    const tiers = [{ overFen: 10_000, rate: '0.01' }, { overFen: 100_000, rate: '0.03' }];
    expect([rebateFen(50_000, tiers), rebateFen(200_000, tiers), rebateFen(5_000, tiers), rebateFen(5_000, null)]).toEqual([500, 6000, 0, 0]);
  });
});

describe('department time split', () => {
  it('shares a fee by the hours each department held the ticket', () => {
    // 客服 09–10, 售后 10–13, 客服 again 13–14: 客服 2 h, 售后 3 h of 5.
    const holdings = [
      { at: at(9), department: 'service' },
      { at: at(10), department: 'aftersale' },
      { at: at(13), department: 'service' },
    ];
    expect(holdingTimes(holdings, at(14))).toEqual([
      { department: 'service', ms: 2 * 3600_000 },
      { department: 'aftersale', ms: 3 * 3600_000 },
    ]);
    expect(shareByTime(10001, holdings, at(14))).toEqual([
      { party: 'service', fen: 4000 }, // 4000.4
      { party: 'aftersale', fen: 6001 }, // 6000.6
    ]);
  });

  it('gives a ticket held for no time to its first department', () => {
    expect(shareByTime(500, [{ at: at(9), department: 'service' }], at(9))).toEqual([{ party: 'service', fen: 500 }]);
  });

  it('always adds up to the fee, in whole non-negative fen (fast-check)', () => {
    const holdings = fc.array(fc.record({ hour: fc.integer({ min: 0, max: 1000 }), department: fc.constantFrom('a', 'b', 'c', 'd') }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), holdings, fc.integer({ min: 0, max: 1200 }), (fee, hs, endHour) => {
        const shares = shareByTime(fee, hs.map((h) => ({ at: new Date(h.hour * 3600_000), department: h.department })), new Date(endHour * 3600_000));
        return shares.reduce((a, s) => a + s.fen, 0) === fee && shares.every((s) => Number.isSafeInteger(s.fen) && s.fen >= 0);
      })
    );
  });
});
