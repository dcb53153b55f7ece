import type { Core } from '@strapi/strapi';
import { APPROVAL_POLICY_UID } from '../constants';
import { assertNoErrors } from '../utils/field-errors';
import { validateApprovalLevels } from '../workflow';
import type { DocumentMiddleware } from './types';

/** An approval policy is saved only with valid levels and conditions, from any path. */
export const approvalPolicyWrites =
  (_strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== APPROVAL_POLICY_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    if (ctx.action === 'create' || 'levels' in data) assertNoErrors(validateApprovalLevels(data.levels));
    return next();
  };
