import type { Core } from '@strapi/strapi';
import { APPROVAL_POLICY_UID, ROUTING_RULE_UID } from '../constants';
import { validateActions } from '../rules/actions';
import { validateConditions } from '../rules/conditions';
import { assertNoErrors } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import type { DocumentMiddleware } from './types';

/**
 * A routing rule is saved only with a valid condition tree and actions, an `assign` names an
 * admin user who exists and a `requireApproval` an approval policy that exists: a rule that can
 * never work is refused with the path of its error.
 */
export const routingRuleWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== ROUTING_RULE_UID) return next();
    if (ctx.action !== 'create' && ctx.action !== 'update') return invalidateAfter(strapi, next);
    const data = ctx.params.data ?? {};
    const errors = [];
    if (ctx.action === 'create' || 'conditions' in data) errors.push(...validateConditions(data.conditions, ['conditions']));
    if (ctx.action === 'create' || 'actions' in data) {
      const actionErrors = validateActions(data.actions, ['actions']);
      errors.push(...actionErrors);
      if (actionErrors.length === 0) {
        for (const [i, action] of (data.actions as any[]).entries()) {
          if (action.type === 'requireApproval') {
            const policy = await strapi.db.query(APPROVAL_POLICY_UID as any).findOne({ where: { key: action.policy }, select: ['id'] });
            if (!policy) errors.push({ path: ['actions', i, 'policy'], message: 'names no approval policy' });
          }
          if (action.type !== 'assign' || action.agent === undefined) continue;
          const user = await strapi.db.query('admin::user').findOne({ where: { id: action.agent }, select: ['id'] });
          if (!user) errors.push({ path: ['actions', i, 'agent'], message: 'names no admin user' });
        }
      }
    }
    assertNoErrors(errors);
    return invalidateAfter(strapi, next);
  };

/** Any write of a rule (delete too) makes this instance recompile the rule set. */
async function invalidateAfter(strapi: Core.Strapi, next: () => Promise<unknown>) {
  const result = await next();
  getService('routing', { strapi }).invalidate();
  return result;
}
