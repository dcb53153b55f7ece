import { regionFactors, validatePriceList } from '../price-list';

const regions = [
  { id: 1, code: 'huabei', priceCoefficient: null, cityTier: null, parentId: null },
  { id: 2, code: 'beijing', priceCoefficient: null, cityTier: 1, parentId: 1 },
  { id: 3, code: 'bj-store-1', priceCoefficient: null, cityTier: null, parentId: 2 },
  { id: 4, code: 'bj-store-2', priceCoefficient: '1.3', cityTier: null, parentId: 2 },
  { id: 5, code: 'shanghai', priceCoefficient: null, cityTier: 1, parentId: null },
];
const list = {
  key: 'std', currency: 'CNY', prices: { ac_clean: 9900 },
  cityTierCoefficients: { '1': '1.2' },
  seasons: [{ name: '北方冬季配送', regions: ['huabei'], months: [12, 1, 2], coefficient: '1.05' }],
};

describe('price lists', () => {
  it('resolves each region: its own coefficient, else the nearest city tier’s, else 1; the season of any ancestor', () => {
    const f = regionFactors(regions, list, new Date('2026-12-10T10:00:00+08:00'));
    expect([3, 4, 5, 1].map((id) => [f.get(id)!.path.join('>'), f.get(id)!.coefficient, f.get(id)!.season?.name ?? null])).toEqual([
      ['bj-store-1>beijing>huabei', '1.2', '北方冬季配送'],
      ['bj-store-2>beijing>huabei', '1.3', '北方冬季配送'],
      ['shanghai', '1.2', null],
      ['huabei', '1', '北方冬季配送'],
    ]);
    expect(regionFactors(regions, null, new Date()).get(3)).toEqual({ path: ['bj-store-1', 'beijing', 'huabei'], coefficient: '1', season: null });
  });

  it('reports every bad setting with its path', () => {
    const paths = (data: Record<string, unknown>) => validatePriceList(data, new Set(['huabei'])).map((e) => e.path.join('.'));
    expect(paths(list)).toEqual([]);
    expect(paths({ prices: [] })).toEqual(['prices']);
    expect(paths({ prices: { x: -1 }, calibrationBand: '2' })).toEqual(['prices.x', 'calibrationBand']);
    expect(paths({ seasons: [{ name: '', regions: [], months: [1, 1], coefficient: '11', extra: 1 }] })).toEqual([
      'seasons.0.extra', 'seasons.0.name', 'seasons.0.regions', 'seasons.0.months', 'seasons.0.coefficient',
    ]);
    expect(paths({ rush: { fixedFen: 1.5 } })).toEqual(['rush.fixedFen']);
  });
});
