import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { TopLevelCondition } from 'json-rules-engine';
import { TICKET_UID } from '../constants';
import { applyActions, routedOf, validateActions, type RuleAction } from '../rules/actions';
import { validateConditions } from '../rules/conditions';
import { explainConditions } from '../rules/explain';
import type { RuleTrial } from '../rules/trial';
import { assertNoErrors, type PathError } from '../utils/field-errors';
import { getService } from '../utils/get-service';

const MAX_TICKET_REF = 64;

function assertTrial(body: Record<string, unknown>) {
  const problems: PathError[] = validateConditions(body.conditions, ['conditions']);
  if (body.actions != null) problems.push(...validateActions(body.actions, ['actions']));
  if (typeof body.ticket !== 'string' || !body.ticket.trim() || body.ticket.length > MAX_TICKET_REF) {
    problems.push({ path: ['ticket'], message: `must be a ticket's number or documentId (1-${MAX_TICKET_REF} characters)` });
  }
  assertNoErrors(problems);
}

// Routing rules in the admin (RBAC library.manage). Trying a rule reads only: no event, no update.
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `{ conditions, actions?, ticket }` (a number such as GD20261206000123, or a documentId) → RuleTrial. */
  async try(ctx: any) {
    const body = ctx.request.body && typeof ctx.request.body === 'object' && !Array.isArray(ctx.request.body) ? ctx.request.body : {};
    assertTrial(body);
    const ref = (body.ticket as string).trim();
    const row: any = await strapi.db.query(TICKET_UID as any).findOne({
      where: { $or: [{ number: ref }, { documentId: ref }] },
      select: ['id', 'documentId', 'number', 'title', 'priority', 'tags', 'team', 'requiredApproval'],
      populate: { assignee: { select: ['id'] } },
    });
    if (!row) throw new errors.NotFoundError(`no ticket numbered ${ref}`);

    const facts = await getService('ticket-facts', { strapi }).forTicket(row.id);
    const { matched, nodes } = await explainConditions(body.conditions as TopLevelCondition, facts);
    const current = routedOf(row);
    let outcome: RuleTrial['outcome'];
    if (matched && body.actions != null) {
      const { ticket, notify, assignStrategy } = applyActions(current, body.actions as RuleAction[]);
      outcome = { ...ticket, notify, ...(assignStrategy ? { assignStrategy } : {}) };
    }
    const data: RuleTrial = {
      ticket: { documentId: row.documentId, number: row.number, title: row.title, priority: row.priority, tags: current.tags, team: current.team },
      matched,
      nodes,
      ...(outcome ? { outcome } : {}),
      facts,
    };
    ctx.body = { data };
  },
});
