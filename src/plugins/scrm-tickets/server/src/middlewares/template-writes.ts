import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID, TICKET_UID } from '../constants';
import { assertNoErrors } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import { AWAITING_APPROVAL, validateWorkflow, workflowOf } from '../workflow';
import { notificationTextsErrors } from './message-text-writes';
import type { DocumentMiddleware } from './types';

/**
 * A template is saved only with valid field definitions and a valid workflow, from any path
 * (admin, API, library imports), and never with a workflow that strands tickets in a state it
 * no longer has.
 */
export const templateWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== TEMPLATE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data = ctx.params.data ?? {};
    if (ctx.action === 'create' || 'fieldDefinitions' in data) {
      getService('fields', { strapi }).assertValidDefinitions(data.fieldDefinitions ?? []);
    }
    if ('slaPolicy' in data) assertNoErrors(slaPinErrors(data.slaPolicy));
    if ('notificationTexts' in data) assertNoErrors(notificationTextsErrors(data.notificationTexts));
    if (ctx.action === 'create' || 'workflow' in data) {
      assertNoErrors(validateWorkflow(data.workflow));
      if (ctx.action === 'update') await assertNoStrandedTickets(strapi, ctx.params.documentId, data.workflow);
    }
    return next();
  };

async function assertNoStrandedTickets(strapi: Core.Strapi, documentId: string, workflow: unknown) {
  const keys = [...workflowOf({ workflow }).states.map((s) => s.key), AWAITING_APPROVAL];
  const where = { template: { documentId }, state: { $notIn: keys } };
  const tickets = strapi.db.query(TICKET_UID as any);
  const count = await tickets.count({ where });
  if (count === 0) return;
  const example: any = await tickets.findOne({ where, select: ['state'] });
  assertNoErrors([
    {
      path: ['workflow', 'states'],
      message: `must keep state ${example?.state}: ${count} ticket(s) of this template are in states it drops`,
    },
  ]);
}

/** A template's `slaPolicy`: null (policies by their conditions), `{ "none": true }` or `{ "key" }`. */
function slaPinErrors(value: unknown) {
  if (value === null || value === undefined) return [];
  const v = value as Record<string, unknown>;
  const ok =
    typeof value === 'object' &&
    !Array.isArray(value) &&
    ((Object.keys(v).length === 1 && v.none === true) || (Object.keys(v).length === 1 && typeof v.key === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(v.key)));
  return ok ? [] : [{ path: ['slaPolicy'], message: 'must be null, { "none": true } or { "key": "<sla policy key>" }' }];
}
