import { adminToken, apiToken, bearer, createCustomerLogin, createTemplate, grantCustomerRole, http, settle, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const PRICE_LIST_UID = 'plugin::scrm-tickets.price-list';
const REGION_UID = 'plugin::scrm-tickets.region';
const TIER_UID = 'plugin::scrm-tickets.settlement-tier';
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const PERIOD = '2030-12';

describe('regional pricing: price lists, quotes, calibration', () => {
  let jwt: string;
  let list: any;
  const codes = { north: '', beijing: '', store: '', shanghai: '' };
  const regionIds: Record<string, number> = {};
  const lists = () => strapi().documents(PRICE_LIST_UID as any);
  const quote = async (body: unknown, token?: string) => http().post('/api/scrm-tickets/quotes').set(bearer(token ?? (await apiToken()))).send(body);

  beforeAll(async () => {
    jwt = await adminToken();
    const region = async (key: keyof typeof codes, data: Record<string, unknown>, parent?: number) => {
      codes[key] = unique(key).toLowerCase();
      const row: any = await strapi().db.query(REGION_UID as any).create({ data: { code: codes[key], name: key, ...data, parent } });
      regionIds[key] = row.id;
      return row;
    };
    // 华北 → 北京 (一线, no coefficient of its own) → a store; 上海 (二线, none either).
    const north = await region('north', { level: 'area' });
    const beijing = await region('beijing', { level: 'city', cityTier: 1 }, north.id);
    await region('store', { level: 'store' }, beijing.id);
    await region('shanghai', { level: 'city', cityTier: 2 });
  });

  afterAll(async () => {
    // Other specs settle months of their own without a price list.
    if (list) await lists().update({ documentId: list.documentId, data: { active: false } } as any);
  });

  it('refuses a price list with bad prices, seasons or coefficients, with paths, saving nothing', async () => {
    const before = await lists().count({});
    const res = await http()
      .post(`/content-manager/collection-types/${PRICE_LIST_UID}`)
      .set(bearer(jwt))
      .send({
        key: unique('bad').toLowerCase(), name: '坏价目',
        prices: { ac_clean: 99.5, 'Bad Key': 100 },
        cityTierCoefficients: { '1': '0', '9': '1.1' },
        seasons: [{ name: '冬季', regions: ['nowhere'], months: [12, 13], coefficient: '1.05' }],
        rush: { rate: '0.1', fixedFen: 100 },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual([
      'prices.ac_clean', 'prices.Bad Key', 'cityTierCoefficients.1', 'cityTierCoefficients.9', 'seasons.0.regions.0', 'seasons.0.months', 'rush',
    ]);
    expect(await lists().count({})).toBe(before);
  });

  it('quotes list × region × season per line, each half-up, then rush on the total — the city tier’s coefficient when the region has none', async () => {
    list = await lists().create({
      data: {
        key: unique('pl').toLowerCase(), name: '标准价目',
        prices: { ac_clean: 9900, filter: 3550 },
        cityTierCoefficients: { '1': '1.2' },
        seasons: [{ name: '北方冬季配送', regions: [codes.north], months: [12, 1, 2], coefficient: '1.05' }],
        rush: { rate: '0.15' },
        calibrationBand: '0.1',
      } as any,
    });
    const second = lists().create({ data: { key: unique('pl2').toLowerCase(), name: '第二', prices: {} } as any });
    await expect(second).rejects.toMatchObject({ details: { errors: [{ path: ['active'] }] } });

    const items = [{ item: 'ac_clean', quantity: 2 }, { item: 'filter', quantity: 1 }];
    const december = await quote({ region: codes.store, items, at: '2030-12-10T10:00:00+08:00' });
    expect(december.status).toBe(200);
    // ac_clean: 19800 × 1.2 = 23760 × 1.05 = 24948; filter: 3550 × 1.2 = 4260 × 1.05 = 4473.
    expect(december.body.data).toMatchObject({ priceList: list.key, currency: 'CNY', region: codes.store, regionCoefficient: '1.2', season: { name: '北方冬季配送' }, rushFen: 0, totalFen: 29421 });
    expect(december.body.data.lines.map((l: any) => [l.listFen, l.regionalFen, l.fen])).toEqual([[19800, 23760, 24948], [3550, 4260, 4473]]);
    // Rush: 15 % of 29421 = 4413.15 → 4413.
    expect((await quote({ region: codes.store, items, at: '2030-12-10T10:00:00+08:00', rush: true })).body.data).toMatchObject({ rushFen: 4413, totalFen: 33834 });
    // In June, and in Shanghai (二线 has no coefficient in this list), no season, no uplift.
    expect((await quote({ region: codes.shanghai, items, at: '2030-06-10T10:00:00+08:00' })).body.data).toMatchObject({ season: null, regionCoefficient: '1', totalFen: 23350 });

    const customer = await createCustomerLogin('询价客户');
    await grantCustomerRole();
    expect((await quote({ region: codes.store, items: [{ item: 'filter', quantity: 1 }] }, customer.jwt)).status).toBe(200);
  });

  it('answers the region tree with the coefficient in force in each region, for the admin’s region editor', async () => {
    const res = await http().get('/scrm-tickets/regions').set(bearer(jwt));
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.data.map((r: any) => [r.code, r]));
    const mine = (key: keyof typeof codes) => byCode.get(codes[key]) as any;
    // The store has no coefficient of its own: its city's tier (一线) on the active list gives 1.2; 上海 (二线) has none: 1.
    expect([mine('north').effectiveCoefficient, mine('beijing').effectiveCoefficient, mine('store').effectiveCoefficient, mine('shanghai').effectiveCoefficient]).toEqual(['1', '1.2', '1.2', '1']);
    expect([mine('store').parentId, mine('beijing').parentId, mine('north').parentId]).toEqual([regionIds.beijing, regionIds.north, null]);
    expect(Object.keys(mine('store')).sort()).toEqual(['calendar', 'cityTier', 'code', 'documentId', 'effectiveCoefficient', 'id', 'level', 'name', 'parentId', 'priceCoefficient']);
    // A coefficient of its own wins over the tier's, and is inherited below it.
    await strapi().db.query(REGION_UID as any).update({ where: { id: regionIds.beijing }, data: { priceCoefficient: '1.35' } });
    const after = new Map((await http().get('/scrm-tickets/regions').set(bearer(jwt))).body.data.map((r: any) => [r.code, r.effectiveCoefficient]));
    expect([after.get(codes.beijing), after.get(codes.store)]).toEqual(['1.35', '1.35']);
    await strapi().db.query(REGION_UID as any).update({ where: { id: regionIds.beijing }, data: { priceCoefficient: null } });
  });

  it('answers a bad quote with the path of each problem', async () => {
    const res = await quote({ region: 'nowhere', items: [{ item: 'ghost', quantity: 0 }], at: 'soon', rush: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['at', 'rush', 'region', 'items.0.item', 'items.0.quantity']);
    expect((await quote({ region: codes.store, items: [] })).status).toBe(400);
    expect((await quote('not json')).status).toBe(400);
  });

  it('settles by the same region and season factors, and flags a region whose effective price drifted beyond the band', async () => {
    const tier: any = await strapi().documents(TIER_UID as any).create({ data: { key: unique('pltier').toLowerCase(), name: '价目档', model: { baseFees: { default: 10000 }, split: [{ party: 'platform' }] } } as any });
    const template = await createTemplate({ settlementTier: tier.documentId });
    const closedAt = new Date('2030-12-15T12:00:00+08:00');
    const ticket = (n: number, region: number, amountFen: number, quantity?: number) =>
      strapi().db.query(TICKET_UID as any).create({
        data: {
          number: unique(`PL${n}`), title: '空调清洗', state: 'closed', template: template.id, region, amountFen,
          fields: { serviceItem: 'ac_clean', ...(quantity ? { quantity } : {}) }, reportedAt: closedAt, resolvedAt: closedAt, closedAt,
        },
      });
    // Beijing store: 13000 and 2 units for 25000 → 38000 / 3 = 12667 against 12474 (+1.55 %): fine.
    await ticket(1, regionIds.store, 13000);
    await ticket(2, regionIds.store, 25000, 2);
    // Shanghai: 12000 against 9900 (+21.21 %): beyond the 10 % band.
    await ticket(3, regionIds.shanghai, 12000);

    const run = await settle(jwt, PERIOD);
    expect(run.status).toBe('done');
    const lines: any[] = await strapi().db.connection('scrm_settlement_lines').where({ period: PERIOD, tier: tier.key }).orderBy('line_fen');
    // Base 10000 × 1.2 × 1.05 = 12600 in the Beijing store in December; 10000 in Shanghai.
    expect(lines.map((l) => Number(l.line_fen))).toEqual([10000, 12600, 12600]);
    expect(run.result.priceAlerts).toEqual([expect.objectContaining({ region: codes.shanghai, item: 'ac_clean', effectiveFen: 12000, referenceFen: 9900, drift: '0.2121', outside: true })]);

    const calibration = await http().get(`/scrm-tickets/pricing/calibration?period=${PERIOD}`).set(bearer(jwt));
    expect(calibration.status).toBe(200);
    expect(calibration.body.data.map((c: any) => [c.region, c.tickets, c.effectiveFen, c.referenceFen, c.drift, c.outside])).toEqual([
      [codes.shanghai, 1, 12000, 9900, '0.2121', true],
      [codes.store, 2, 12667, 12474, '0.0155', false],
    ]);
    expect((await http().get('/scrm-tickets/pricing/calibration?period=12-2030').set(bearer(jwt))).status).toBe(400);
  });
});
