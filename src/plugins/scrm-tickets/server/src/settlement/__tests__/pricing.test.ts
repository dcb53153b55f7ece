import { averageFen, calibrate, quote, seasonFor } from '../pricing';

const NORTH_WINTER = { name: '北方冬季配送', regions: ['huabei', 'dongbei'], months: [12, 1, 2], coefficient: '1.05' };
const base = {
  items: [{ item: 'ac_clean', quantity: 2 }, { item: 'filter', quantity: 1 }],
  prices: { ac_clean: 9900, filter: 3550 },
  regionCoefficient: '1.2',
  seasons: [NORTH_WINTER],
};

describe('regional quotes', () => {
  it('prices list × region × season per line, each rounded half-up, in a northern December', () => {
    const q = quote({ ...base, regionPath: ['bj-store-1', 'beijing', 'huabei'], at: new Date('2026-12-10T10:00:00+08:00') });
    expect(q.season?.name).toBe('北方冬季配送');
    // ac_clean: 19800 × 1.2 = 23760 × 1.05 = 24948; filter: 3550 × 1.2 = 4260 × 1.05 = 4473
    expect(q.lines.map((l) => [l.listFen, l.regionalFen, l.fen])).toEqual([[19800, 23760, 24948], [3550, 4260, 4473]]);
    expect(q.totalFen).toBe(29421);
  });

  it('applies no season in the south or outside the months (the month in Asia/Shanghai)', () => {
    expect(quote({ ...base, regionPath: ['sh-store-1', 'shanghai', 'huadong'], at: new Date('2026-12-10T10:00:00+08:00') }).season).toBeNull();
    // 2026-11-30 17:00 UTC is already December 1st in Shanghai.
    expect(seasonFor([NORTH_WINTER], ['huabei'], new Date('2026-11-30T17:00:00Z'))?.name).toBe('北方冬季配送');
    expect(seasonFor([NORTH_WINTER], ['huabei'], new Date('2026-11-30T15:00:00Z'))).toBeNull();
  });

  it('adds a rush surcharge on the total', () => {
    const q = quote({ ...base, regionPath: ['huadong'], at: new Date('2026-06-01T10:00:00+08:00'), rush: { rate: '0.15' } });
    // 23760 + 4260 = 28020; 15 % = 4203
    expect([q.rushFen, q.totalFen]).toEqual([4203, 32223]);
    expect(() => quote({ ...base, items: [{ item: 'ghost', quantity: 1 }], regionPath: [], at: new Date() })).toThrow('no price for ghost');
  });
});

describe('price calibration', () => {
  it('flags a region whose effective price drifts beyond the band', () => {
    expect(calibrate(10000, 10800, '0.10')).toEqual({ drift: '0.0800', outside: false });
    expect(calibrate(10000, 11001, '0.10')).toEqual({ drift: '0.1001', outside: true });
    expect(calibrate(10000, 8900, '0.10')).toEqual({ drift: '-0.1100', outside: true });
    expect(averageFen([10000, 10001])).toBe(10001);
  });
});
