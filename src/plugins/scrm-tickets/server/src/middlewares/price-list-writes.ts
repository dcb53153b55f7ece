import type { Core } from '@strapi/strapi';
import { PRICE_LIST_UID, REGION_UID } from '../constants';
import { validatePriceList } from '../settlement/price-list';
import { assertNoErrors } from '../utils/field-errors';
import type { DocumentMiddleware } from './types';

/**
 * A price list is saved only with settings a quote can use (whole fen, coefficients, season rules
 * naming existing regions), and at most one is active: quotes and settlement use that one.
 */
export const priceListWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== PRICE_LIST_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    const codes = new Set<string>();
    if (Array.isArray(data.seasons)) {
      const regions: any[] = await strapi.db.query(REGION_UID as any).findMany({ select: ['code'] });
      for (const r of regions) codes.add(r.code);
    }
    const errors = validatePriceList(ctx.action === 'create' ? { prices: {}, ...data } : data, codes);
    // A new list is active unless it says otherwise (the schema's default).
    const activating = ctx.action === 'create' ? data.active !== false : data.active === true;
    if (activating) {
      const self = ctx.action === 'update' ? (ctx.params as any).documentId : null;
      const others = await strapi.db.query(PRICE_LIST_UID as any).count({ where: { active: true, ...(self ? { documentId: { $ne: self } } : {}) } });
      if (others > 0) errors.push({ path: ['active'], message: 'another price list is active: deactivate it first (quotes and settlement use one)' });
    }
    assertNoErrors(errors);
    return next();
  };
