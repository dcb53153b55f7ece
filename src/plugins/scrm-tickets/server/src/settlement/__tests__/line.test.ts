import fc from 'fast-check';
import { commissionFen } from '../commission';
import { computeLine } from '../line';
import { mulFen, toFen, D } from '../money';
import { splitLine } from '../split';
import type { TierModel } from '../types';

const WORKED: TierModel = {
  baseFees: { default: 8000 },
  commission: { basis: 'ticket_amount', mode: 'progressive', brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: null, rate: '0.08' }] },
  rush: { priorities: ['urgent'], rate: '0.10' },
  satisfaction: { '5': '1.05', '4': '1', '3': '0.95' },
  split: [{ party: 'platform', rate: '0.10' }, { party: 'store', rate: '0.20' }, { party: 'engineer', rate: '0.70' }],
};

describe('the worked example of docs/settlement.md', () => {
  it('settles to 20236 fen and splits it 2024 / 4047 / 14165', () => {
    const line = computeLine(WORKED, { commissionBasisFen: 120000, priority: 'urgent', csat: 5, regionCoefficient: '1.2' });
    expect(line).toMatchObject({ baseFen: 8000, commissionFen: 6600, rushFen: 1460, afterSatisfactionFen: 16863, afterRegionFen: 20236, lineFen: 20236 });
    expect(line.shares).toEqual([
      { party: 'platform', fen: 2024 },
      { party: 'store', fen: 4047 },
      { party: 'engineer', fen: 14165 },
    ]);
  });

  it('leaves out the rush when it does not apply, and a missing CSAT counts as 1', () => {
    const line = computeLine(WORKED, { commissionBasisFen: 120000, priority: 'normal', regionCoefficient: '1.2' });
    // (8000 + 6600) × 1 × 1.2 = 17520
    expect([line.rushFen, line.lineFen]).toEqual([0, 17520]);
  });
});

describe('each rule by hand', () => {
  it('rounds half-up to the fen', () => {
    expect(toFen(new D('20235.5'))).toBe(20236);
    expect(toFen(new D('20235.49'))).toBe(20235);
    expect(mulFen(16060, '1.05')).toBe(16863);
    expect(mulFen(1, '0.5')).toBe(1);
  });

  it('progressive commission takes each slice at its rate; whole takes the reached rate on everything', () => {
    const brackets = [{ upToFen: 100000, rate: '0.05' }, { upToFen: 500000, rate: '0.08' }, { upToFen: null, rate: '0.10' }];
    expect(commissionFen(120000, brackets, 'progressive')).toBe(6600);
    expect(commissionFen(600000, brackets, 'progressive')).toBe(5000 + 32000 + 10000);
    expect(commissionFen(120000, brackets, 'whole')).toBe(9600);
    expect(commissionFen(100000, brackets, 'whole')).toBe(5000);
    expect(commissionFen(0, brackets, 'progressive')).toBe(0);
  });

  it('a fixed rush, a base fee per service item, a season', () => {
    const model: TierModel = { baseFees: { default: 5000, install: 12000 }, rush: { withinHours: 4, fixedFen: 2000 }, split: [{ party: 'engineer' }] };
    const line = computeLine(model, { serviceItem: 'install', commissionBasisFen: 0, completedWithinHours: 3, seasonCoefficient: '1.05' });
    expect([line.baseFen, line.rushFen, line.lineFen, line.shares]).toEqual([12000, 2000, 14700, [{ party: 'engineer', fen: 14700 }]]);
    expect(computeLine(model, { serviceItem: 'clean', commissionBasisFen: 0, completedWithinHours: 5 }).lineFen).toBe(5000);
  });

  it('splits with fixed amounts first and the last level taking the rest', () => {
    expect(splitLine(10000, [{ party: 'platform', fixedFen: 500 }, { party: 'store', rate: '0.333' }, { party: 'engineer' }])).toEqual([
      { party: 'platform', fen: 500 },
      { party: 'store', fen: 3330 },
      { party: 'engineer', fen: 6170 },
    ]);
    // Fixed amounts over the line: earlier levels are paid first, no share goes negative.
    expect(splitLine(300, [{ party: 'a', fixedFen: 200 }, { party: 'b', fixedFen: 200 }, { party: 'c' }])).toEqual([
      { party: 'a', fen: 200 },
      { party: 'b', fen: 100 },
      { party: 'c', fen: 0 },
    ]);
  });

  it('breaks remainder ties toward the earlier level', () => {
    // 1 fen in thirds: the remainder level's 0.333334 is the largest fraction and gets the fen.
    expect(splitLine(1, [{ party: 'a', rate: '0.333333' }, { party: 'b', rate: '0.333333' }, { party: 'c' }]).map((s) => s.fen)).toEqual([0, 0, 1]);
    expect(splitLine(2, [{ party: 'a', rate: '0.5' }, { party: 'b', rate: '0.25' }, { party: 'c' }]).map((s) => s.fen)).toEqual([1, 1, 0]);
  });
});

describe('properties (fast-check)', () => {
  const rate = fc.integer({ min: 0, max: 10_000 }).map((bp) => (bp / 10_000).toFixed(4));
  const level = fc.oneof(
    rate.map((r) => ({ rate: r })),
    fc.integer({ min: 0, max: 1_000_000 }).map((fixedFen) => ({ fixedFen }))
  );
  const chain = fc.array(level, { minLength: 0, maxLength: 9 }).map((levels) => [
    ...levels.map((l, i) => ({ party: `p${i}`, ...l })),
    { party: 'last' },
  ]);

  it('split shares always add up to the line and are never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), chain, (lineFen, levels) => {
        const shares = splitLine(lineFen, levels);
        return shares.reduce((a, s) => a + s.fen, 0) === lineFen && shares.every((s) => Number.isSafeInteger(s.fen) && s.fen >= 0);
      })
    );
  });

  it('progressive commission is continuous and non-decreasing in the amount', () => {
    const brackets = fc
      .uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 0, maxLength: 5 })
      .chain((bounds) =>
        fc.array(rate, { minLength: bounds.length + 1, maxLength: bounds.length + 1 }).map((rates) => [
          ...[...bounds].sort((a, b) => a - b).map((upToFen, i) => ({ upToFen, rate: rates[i] })),
          { upToFen: null, rate: rates[bounds.length] },
        ])
      );
    fc.assert(
      fc.property(brackets, fc.integer({ min: 0, max: 20_000_000 }), (b, amount) => {
        const here = commissionFen(amount, b, 'progressive');
        const next = commissionFen(amount + 1, b, 'progressive');
        // One more fen of amount adds at most one fen (every rate ≤ 1) and never takes any away.
        return next >= here && next - here <= 1;
      })
    );
  });

  it('computing a line twice gives the same line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 5 }), (amount, csat) => {
        const input = { commissionBasisFen: amount, csat, priority: 'urgent', regionCoefficient: '1.15' };
        return JSON.stringify(computeLine(WORKED, input)) === JSON.stringify(computeLine(WORKED, input));
      })
    );
  });
});
