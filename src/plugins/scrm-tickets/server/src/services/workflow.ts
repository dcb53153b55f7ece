import { forbidden } from '../utils/forbidden';
import type { Core } from '@strapi/strapi';
import { TICKET_UID } from '../constants';
import { currentActor } from '../utils/actor';
import { validationError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import {
  AWAITING_APPROVAL,
  availableTransitions,
  checkChecklist,
  planTransition,
  stampsFor,
  stateOf,
  workflowOf,
  type TicketState,
  type WorkflowActor,
  type WorkflowError,
} from '../workflow';

const MAX_COMMENT = 5000;

export interface TransitionInput {
  to?: unknown;
  version?: unknown;
  comment?: unknown;
}

/** A planner refusal as Strapi's error: 403 for a role that may not, 400 with its path otherwise. */
const toHttpError = (error: WorkflowError) =>
  error.status === 403
    ? forbidden(error.message, { errors: [{ path: error.path.map(String), message: error.message }] })
    : validationError([{ path: error.path, message: error.message }]);

const createWorkflowService = ({ strapi }: { strapi: Core.Strapi }) => ({
  workflowOf,

  /**
   * The current caller as the workflow sees them: admin roles by code and name, or a customer.
   * The customer-scope middleware already let a users-permissions caller reach only tickets of
   * their own customer, so a user who got this far is the ticket's customer.
   */
  actor(): WorkflowActor {
    const actor = currentActor(strapi);
    if (actor.kind !== 'admin') return { kind: actor.kind, isTicketCustomer: actor.kind === 'user' };
    const auth = (strapi.requestContext.get() as any)?.state?.auth;
    const roles = (auth?.credentials?.roles ?? []).map((r: any) => ({ code: r.code, name: r.name }));
    return { kind: 'admin', roles };
  },

  /**
   * Checks a state change of `ticket` (as stored, with its template) and answers the attributes
   * that go with it: `resolvedAt` on entering a resolving state, `closedAt` on a final one,
   * `resolvedAt` cleared on a reopen. Throws 400/403 when the workflow refuses.
   */
  async checkStateChange(
    ticket: TicketState & { id: number; template?: any; resolvedAt?: unknown; requiredApproval?: string | null },
    to: string,
    data: Record<string, unknown>,
    opts: { deciding: boolean }
  ): Promise<Record<string, unknown>> {
    const workflow = workflowOf(ticket.template);
    // The approvals service already checked the decision; the move it makes is the approved one.
    if (opts.deciding) return stampsFor(workflow, to, ticket, data, new Date());
    const checklist = 'checklist' in data ? (data.checklist as TicketState['checklist']) : ticket.checklist;
    const plan = planTransition(workflow, { state: ticket.state, checklist }, to, this.actor());
    if ('error' in plan) throw toHttpError(plan.error);
    // The transition's own approval, or the one a routing rule required for resolving this ticket.
    const policy = plan.transition.approval ?? (ticket.requiredApproval && stateOf(workflow, to)?.resolves ? ticket.requiredApproval : null);
    if (policy) {
      const approvals = getService('approvals', { strapi });
      const levels = await approvals.levelsFor(policy, ticket.id, data);
      // No level applies (e.g. a small amount the policy does not cover): the move goes through.
      if (levels.length > 0) {
        const approval = approvals.pending(policy, ticket.state, to, levels);
        return { state: AWAITING_APPROVAL, approval, approvalState: 'pending' };
      }
    }
    return stampsFor(workflow, to, ticket, data, new Date());
  },

  checkChecklist(template: unknown, value: unknown) {
    const problems = checkChecklist(workflowOf(template as any), value);
    if (problems.length > 0) throw validationError(problems);
  },

  /** What the caller may do next with a ticket: buttons in the admin and the H5 pages. */
  async available(documentId: string) {
    const ticket: any = await strapi
      .documents(TICKET_UID as any)
      .findOne({ documentId, fields: ['state', 'checklist'], populate: { template: { fields: ['workflow'] } } } as any);
    if (!ticket) return null;
    return availableTransitions(workflowOf(ticket.template), ticket, this.actor());
  },

  /**
   * `POST /tickets/:id/transitions`: the state change goes through the document service, so the
   * ticket-writes middleware checks it exactly as it checks an edit in the Content Manager; the
   * optional comment is a public reply written in the same transaction.
   */
  async transition(documentId: string, input: TransitionInput) {
    const problems = [];
    if (typeof input.to !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(input.to)) {
      problems.push({ path: ['to'], message: 'is required: a state key (a-z, 0-9, _; at most 64 characters)' });
    }
    if (input.comment !== undefined && (typeof input.comment !== 'string' || input.comment.length > MAX_COMMENT)) {
      problems.push({ path: ['comment'], message: `must be a text of at most ${MAX_COMMENT} characters` });
    }
    if (problems.length > 0) throw validationError(problems);
    return strapi.db.transaction(async () => {
      const ticket: any = await strapi
        .documents(TICKET_UID as any)
        .update({ documentId, data: { state: input.to, version: input.version } } as any);
      if (!ticket) return null;
      const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
      if (comment) {
        const byCustomer = this.actor().kind === 'user';
        await getService('comments', { strapi }).add(ticket, { body: comment }, { byCustomer });
      }
      return ticket;
    });
  },
});

export type WorkflowService = ReturnType<typeof createWorkflowService>;
export default createWorkflowService;
