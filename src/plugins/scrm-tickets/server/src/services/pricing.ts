import type { Core } from '@strapi/strapi';
import { PRICE_LIST_UID, REGION_UID, TICKET_UID } from '../constants';
import { D } from '../settlement/money';
import { regionFactors, type PriceList, type RegionFactors } from '../settlement/price-list';
import { calibrate, quote } from '../settlement/pricing';
import { dialectOf } from '../settlement/sql';
import { validationError, type PathError } from '../utils/field-errors';
import { conflict } from '../utils/forbidden';
import { periodRange } from './statements';

const MAX_ITEMS = 50;

/**
 * Regional pricing from the active price list: each region's coefficient and season (also what
 * settlement multiplies by), quotes for a ticket's service items before the customer confirms,
 * and the price calibration of a month (each region's effective price against the quoted one).
 */
const createPricingService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async activeList(): Promise<PriceList | null> {
    return (await strapi.db.query(PRICE_LIST_UID as any).findOne({ where: { active: true }, orderBy: { id: 'asc' } })) as PriceList | null;
  },

  /** Every region's path, coefficient and season at `at`, by region id. */
  async factors(at: Date, list?: PriceList | null): Promise<Map<number, RegionFactors>> {
    const rows: any[] = await strapi.db.query(REGION_UID as any).findMany({ select: ['id', 'code', 'priceCoefficient', 'cityTier'], populate: { parent: { select: ['id'] } } });
    const regions = rows.map((r) => ({ id: r.id, code: r.code, priceCoefficient: r.priceCoefficient ?? null, cityTier: r.cityTier ?? null, parentId: r.parent?.id ?? null }));
    return regionFactors(regions, list === undefined ? await this.activeList() : list, at);
  },

  /**
   * The region tree as the admin's region editor shows it: every region with its parent and the
   * coefficient prices are multiplied by there now (its own, else inherited, else its city tier's on
   * the active price list, else 1).
   */
  async regionTree() {
    const rows: any[] = await strapi.db.query(REGION_UID as any).findMany({
      select: ['id', 'documentId', 'code', 'name', 'level', 'cityTier', 'priceCoefficient', 'calendar'],
      populate: { parent: { select: ['id'] } },
      orderBy: [{ code: 'asc' }],
    });
    const tree = rows.map(({ parent, ...r }) => ({ ...r, parentId: parent?.id ?? null }));
    const factors = regionFactors(tree, await this.activeList(), new Date());
    return tree.map((r) => ({ ...r, effectiveCoefficient: factors.get(r.id)?.coefficient ?? '1' }));
  },

  /**
   * A quote: `{ region: code, items: [{ item, quantity }], at?, rush? }` → price list × quantity ×
   * region × season per line (each rounded half-up), then rush on the total when asked for.
   */
  async quote(input: any) {
    const errors: PathError[] = [];
    const body = input && typeof input === 'object' ? input : {};
    const at = body.at === undefined ? new Date() : new Date(body.at);
    if (Number.isNaN(at.getTime())) errors.push({ path: ['at'], message: 'must be a date and time (ISO 8601)' });
    if (body.rush !== undefined && typeof body.rush !== 'boolean') errors.push({ path: ['rush'], message: 'must be true or false' });
    const list = await this.activeList();
    if (!list) throw conflict('No active price list: add one under Price lists');
    const region: any = typeof body.region === 'string' ? await strapi.db.query(REGION_UID as any).findOne({ where: { $or: [{ code: body.region }, { documentId: body.region }] }, select: ['id'] }) : null;
    if (!region) errors.push({ path: ['region'], message: 'must be the code of a region' });
    if (!Array.isArray(body.items) || body.items.length === 0 || body.items.length > MAX_ITEMS) errors.push({ path: ['items'], message: `must list 1 to ${MAX_ITEMS} items` });
    else
      body.items.forEach((line: any, i: number) => {
        if (typeof line?.item !== 'string' || list.prices?.[line.item] === undefined) errors.push({ path: ['items', i, 'item'], message: `is not on the price list (${Object.keys(list.prices ?? {}).join(', ')})` });
        if (!Number.isInteger(line?.quantity) || line.quantity < 1 || line.quantity > 999) errors.push({ path: ['items', i, 'quantity'], message: 'must be a whole number from 1 to 999' });
      });
    if (errors.length) throw validationError(errors);
    const factors = (await this.factors(at, list)).get(region.id)!;
    const q = quote({
      items: body.items.map((l: any) => ({ item: l.item, quantity: l.quantity })),
      prices: list.prices,
      regionPath: factors.path,
      regionCoefficient: factors.coefficient,
      seasons: list.seasons ?? [],
      at,
      rush: body.rush ? list.rush ?? null : null,
    });
    return { priceList: list.key, currency: list.currency, region: factors.path[0], regionCoefficient: factors.coefficient, ...q };
  },

  /**
   * The month's price calibration: per region and service item of the tickets closed in it, the
   * effective unit price (amounts over quantities, half-up) against the price list's quote for one
   * unit there, flagged when it drifts beyond the list's band. Flagged rows first.
   */
  async calibration(period: string) {
    const { start, end } = periodRange(period);
    const list = await this.activeList();
    if (!list) return [];
    const knex = strapi.db.connection;
    const d = dialectOf(strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite');
    const tickets = strapi.db.metadata.get(TICKET_UID as any);
    const link = (tickets.attributes as any).region.joinTable;
    const item = d.jsonText('tk.fields', 'serviceItem');
    const rows: any[] = await knex
      .select(knex.raw(`r.${link.inverseJoinColumn.name} AS region_id, ${item} AS item, COUNT(*) AS tickets, SUM(tk.amount_fen) AS amount, SUM(${d.jsonNumber('tk.fields', 'quantity', '1')}) AS quantity`))
      .from(`${tickets.tableName} as tk`)
      .join(`${link.name} as r`, `r.${link.joinColumn.name}`, 'tk.id')
      .where('tk.closed_at', '>=', start)
      .andWhere('tk.closed_at', '<', end)
      .andWhere('tk.amount_fen', '>', 0)
      .whereRaw(`${item} IS NOT NULL`)
      .groupByRaw(`r.${link.inverseJoinColumn.name}, ${item}`);
    const factors = await this.factors(start, list);
    const band = list.calibrationBand ?? '0.1';
    const result = rows
      .filter((r) => list.prices?.[r.item] !== undefined && factors.has(r.region_id) && Number(r.quantity) > 0)
      .map((r) => {
        const f = factors.get(r.region_id)!;
        const referenceFen = quote({ items: [{ item: r.item, quantity: 1 }], prices: list.prices, regionPath: f.path, regionCoefficient: f.coefficient, seasons: list.seasons ?? [], at: start }).totalFen;
        const effectiveFen = new D(String(r.amount)).dividedBy(String(r.quantity)).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
        return { region: f.path[0], item: r.item, tickets: Number(r.tickets), effectiveFen, referenceFen, band, ...calibrate(referenceFen, effectiveFen, band) };
      });
    return result.sort((a, b) => Number(b.outside) - Number(a.outside) || a.region.localeCompare(b.region) || a.item.localeCompare(b.item));
  },
});

export type PricingService = ReturnType<typeof createPricingService>;
export default createPricingService;
