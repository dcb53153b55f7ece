import type { Core } from '@strapi/strapi';
import { APPROVAL_POLICY_UID, EVENT_TYPES, TICKET_UID } from '../constants';
import { compileConditions } from '../rules/evaluate';
import { asApprovalDecision } from '../utils/approval-context';
import { currentActor } from '../utils/actor';
import { validationError } from '../utils/field-errors';
import { forbidden } from '../utils/forbidden';
import { getService } from '../utils/get-service';
import { AWAITING_APPROVAL, mayTake, type ApprovalLevel, type PendingApproval } from '../workflow';

const MAX_REASON = 2000;

export interface DecisionInput {
  decision?: unknown;
  reason?: unknown;
  version?: unknown;
}

interface Policy {
  id: number;
  key: string;
  levels: ApprovalLevel[];
  updatedAt: string;
}

const createApprovalsService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Compiled level conditions per policy, rebuilt when the policy changes.
  const compiled = new Map<number, { updatedAt: string; run: ReturnType<typeof compileConditions> }>();
  const conditionsOf = (policy: Policy) => {
    const hit = compiled.get(policy.id);
    if (hit && hit.updatedAt === String(policy.updatedAt)) return hit.run;
    const run = compileConditions(
      policy.levels.filter((l) => l.when).map((l) => ({ name: l.key, conditions: l.when as any }))
    );
    compiled.set(policy.id, { updatedAt: String(policy.updatedAt), run });
    return run;
  };

  return {
    /**
     * The levels of `policyKey` that apply to the ticket, in order. A transition naming a policy
     * that does not exist or is disabled is refused: approving nothing would wave it through.
     */
    async levelsFor(policyKey: string, ticketId: number, changing: Record<string, unknown> = {}): Promise<ApprovalLevel[]> {
      const policy = (await strapi.db.query(APPROVAL_POLICY_UID as any).findOne({ where: { key: policyKey } })) as Policy | null;
      if (!policy || (policy as any).enabled === false) {
        throw validationError([{ path: ['to'], message: `needs approval policy ${policyKey}, which does not exist or is disabled` }]);
      }
      const facts = await getService('ticket-facts', { strapi }).forTicket(ticketId);
      // Amounts set in the same write as the move count: "compensate ¥800 and close" asks for ¥800.
      for (const key of ['compensationFen', 'amountFen', 'priority'] as const) {
        if (changing[key] !== undefined && changing[key] !== null) facts[key] = changing[key];
      }
      const holding = await conditionsOf(policy)(facts);
      return policy.levels.filter((l) => !l.when || holding.has(l.key));
    },

    /** What parks a ticket: the approval it carries while it waits. */
    pending(policy: string, from: string, to: string, levels: ApprovalLevel[]): PendingApproval {
      return { policy, from, to, levels: levels.map(({ key, label, roles }) => ({ key, label, roles })), current: 0, decisions: [] };
    },

    /**
     * `POST /tickets/:id/approvals`: the current level's approver approves (the next level, or
     * the move itself, follows) or rejects with a reason (the ticket goes back where it was).
     */
    async decide(documentId: string, input: DecisionInput) {
      const problems = [];
      if (input.decision !== 'approve' && input.decision !== 'reject') problems.push({ path: ['decision'], message: 'must be approve or reject' });
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (input.reason !== undefined && (typeof input.reason !== 'string' || input.reason.length > MAX_REASON)) {
        problems.push({ path: ['reason'], message: `must be a text of at most ${MAX_REASON} characters` });
      } else if (input.decision === 'reject' && !reason) {
        problems.push({ path: ['reason'], message: 'is required to reject' });
      }
      if (problems.length > 0) throw validationError(problems);

      const ticket: any = await strapi.documents(TICKET_UID as any).findOne({ documentId } as any);
      if (!ticket) return null;
      const approval = ticket.approval as PendingApproval | null;
      if (ticket.state !== AWAITING_APPROVAL || !approval) {
        throw validationError([{ path: ['decision'], message: 'the ticket is not awaiting approval' }]);
      }
      const level = approval.levels[approval.current];
      const actor = getService('workflow', { strapi }).actor();
      if (!mayTake({ from: AWAITING_APPROVAL, to: approval.to, roles: level.roles }, actor)) {
        throw forbidden(`only ${level.roles.join(' / ')} may decide ${level.label['zh-Hans']}`, {
          errors: [{ path: ['decision'], message: `level ${level.key} is decided by ${level.roles.join(', ')}` }],
        });
      }

      const decision = { level: level.key, decision: input.decision as 'approve' | 'reject', reason: reason || null, by: currentActor(strapi), at: new Date().toISOString() };
      const next: PendingApproval = { ...approval, decisions: [...approval.decisions, decision] };
      const last = approval.current === approval.levels.length - 1;
      let data: Record<string, unknown>;
      if (decision.decision === 'reject') data = { state: approval.from, approval: next, approvalState: 'rejected' };
      else if (last) data = { state: approval.to, approval: next, approvalState: 'approved' };
      else data = { approval: { ...next, current: approval.current + 1 } };

      // The decision is on the timeline before the move it causes; a stale version rolls both back.
      return strapi.db.transaction(async () => {
        await getService('events', { strapi }).record(ticket, {
          type: EVENT_TYPES.approval,
          changes: { decision: { level: level.key, decision: decision.decision, final: decision.decision === 'reject' || last } },
          body: decision.reason,
        });
        return asApprovalDecision(() =>
          strapi.documents(TICKET_UID as any).update({ documentId, data: { ...data, version: input.version } } as any)
        );
      });
    },
  };
};

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
export default createApprovalsService;
