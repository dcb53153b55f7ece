import { CURRENCY_RATE_UID } from '../constants';
import { D, isDecimalString } from '../settlement/money';
import { assertNoErrors } from '../utils/field-errors';
import type { DocumentMiddleware } from './types';

/** A currency rate is a positive decimal string (CNY per unit, at most 6 decimals), from any path. */
export const currencyRateWrites = (): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== CURRENCY_RATE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
  const data = ctx.params.data ?? {};
  if (ctx.action === 'create' || 'rate' in data) {
    const ok = isDecimalString(data.rate) && new D(data.rate).gt(0);
    assertNoErrors(ok ? [] : [{ path: ['rate'], message: 'must be CNY per unit as a decimal string above "0" with at most 6 decimals (e.g. "0.9123")' }]);
  }
  return next();
};
