import type { Core } from '@strapi/strapi';
import { TIER_UID } from '../constants';
import { assertNoErrors } from '../utils/field-errors';
import { validateTierModel } from '../settlement/validate-tier';
import type { DocumentMiddleware } from './types';

const CURRENCIES = ['CNY', 'HKD', 'USD'];

/**
 * A settlement tier is saved only with a model finance can settle by (ordered brackets, a split
 * chain that adds up, whole fen), from any path: admin, API, library imports.
 */
export const settlementTierWrites =
  (_strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== TIER_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    const errors = ctx.action === 'create' || 'model' in data ? validateTierModel(data.model) : [];
    if ('currency' in data && !CURRENCIES.includes(data.currency)) errors.push({ path: ['currency'], message: `must be one of ${CURRENCIES.join(', ')}` });
    assertNoErrors(errors);
    return next();
  };
