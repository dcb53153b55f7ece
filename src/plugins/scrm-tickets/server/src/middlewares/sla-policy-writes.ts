import type { Core } from '@strapi/strapi';
import { RESPONSE_ACTIONS, SLA_POLICY_UID } from '../constants';
import { validateEscalations, validateSchedule } from '../business-time';
import { validateConditions } from '../rules/conditions';
import { assertNoErrors, type PathError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import type { DocumentMiddleware } from './types';

const STATE_KEY = /^[a-z][a-z0-9_]{0,63}$/;

/** The checks of an SLA policy's JSON attributes (Strapi checks the integers' ranges itself). */
export function slaPolicyErrors(data: Record<string, any>, creating: boolean): PathError[] {
  const errors: PathError[] = [];
  if (creating || 'schedule' in data) errors.push(...validateSchedule(data.schedule, ['schedule']));
  if (data.conditions !== undefined && data.conditions !== null) errors.push(...validateConditions(data.conditions, ['conditions']));
  if (data.pauseStates !== undefined && data.pauseStates !== null) {
    const ok = Array.isArray(data.pauseStates) && data.pauseStates.every((s: unknown) => typeof s === 'string' && STATE_KEY.test(s));
    if (!ok) errors.push({ path: ['pauseStates'], message: 'must be a list of workflow state keys' });
  }
  if (data.responseActions !== undefined && data.responseActions !== null) {
    const ok = Array.isArray(data.responseActions) && data.responseActions.length > 0 && data.responseActions.every((a: any) => RESPONSE_ACTIONS.includes(a));
    if (!ok) errors.push({ path: ['responseActions'], message: `must list some of ${RESPONSE_ACTIONS.join(', ')}` });
  }
  if (data.escalations !== undefined && data.escalations !== null) errors.push(...validateEscalations(data.escalations));
  if (creating && !data.firstResponseMinutes && !data.resolutionMinutes) {
    errors.push({ path: ['resolutionMinutes'], message: 'or firstResponseMinutes is required: a policy needs a target' });
  }
  return errors;
}

/** An SLA policy is saved only with a valid schedule, conditions and lists, from any path. */
export const slaPolicyWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== SLA_POLICY_UID) return next();
    if (ctx.action === 'create' || ctx.action === 'update') {
      assertNoErrors(slaPolicyErrors(ctx.params.data ?? {}, ctx.action === 'create'));
    }
    const result = await next();
    // Any write (delete too): this instance reloads the policies, and the open tickets get their
    // clocks recomputed once the write is committed.
    const sla = getService('sla', { strapi });
    sla.invalidate();
    if (['create', 'update', 'delete'].includes(ctx.action)) await sla.recomputeOpenAfterCommit();
    return result;
  };
