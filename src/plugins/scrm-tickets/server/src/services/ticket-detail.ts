import type { Core } from '@strapi/strapi';
import { NOTIFICATION_UID, TICKET_UID } from '../constants';
import { validationError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import { workflowOf, stateOf } from '../workflow/transitions';

const TICKET_FIELDS = [
  'number', 'title', 'version', 'state', 'priority', 'source', 'team', 'fields', 'checklist', 'tags', 'createdAt', 'reportedAt',
  'firstResponseDueAt', 'nextReplyDueAt', 'resolutionDueAt', 'firstRespondedAt', 'resolvedAt', 'closedAt', 'slaPausedAt', 'slaMet',
  'approvalState', 'approval', 'csat', 'csatComment', 'amountFen', 'compensationFen', 'externalRef',
];
/** What a staff member may change from the detail page (assignment has its own route and right). */
const EDITABLE = ['title', 'priority', 'fields', 'checklist', 'tags', 'amountFen', 'compensationFen'];

/**
 * The admin detail page of one ticket: the ticket with its template, the timeline (internal notes
 * included), the transitions the reader may take, the notifications with their delivery status and
 * the agents to assign (the team strategy's pick first). Edits go through the document service,
 * so the field validation, version check, audit and notifications apply as everywhere.
 */
const createTicketDetailService = ({ strapi }: { strapi: Core.Strapi }) => {
  const tickets = () => strapi.documents(TICKET_UID as any);
  return {
    async get(documentId: string) {
      const ticket: any = await tickets().findOne({
        documentId,
        fields: TICKET_FIELDS,
        populate: {
          template: { fields: ['key', 'name', 'fieldDefinitions', 'workflow'] },
          region: { fields: ['code', 'name'] },
          assignee: { fields: ['firstname', 'lastname', 'username'] },
          customer: { fields: ['name', 'mobile', 'email', 'vipLevel', 'wecomExternalUserId'] },
        },
      } as any);
      if (!ticket) return null;
      const workflow = workflowOf(ticket.template);
      const [events, transitions, notifications, candidates] = await Promise.all([
        getService('events', { strapi }).list(documentId, { includeInternal: true }),
        getService('workflow', { strapi }).available(documentId),
        strapi.db.query(NOTIFICATION_UID as any).findMany({
          where: { ticketId: ticket.id },
          select: ['id', 'documentId', 'textKey', 'audience', 'channel', 'status', 'attempts', 'lastError', 'sentAt', 'createdAt'],
          orderBy: { id: 'asc' },
        }),
        getService('assignment', { strapi }).candidates(ticket.id),
      ]);
      const { workflow: _raw, ...template } = ticket.template ?? {};
      return {
        ticket: {
          ...ticket,
          template: undefined,
          stateLabel: stateOf(workflow, ticket.state)?.label ?? null,
          assignee: ticket.assignee ? { id: ticket.assignee.id, name: [ticket.assignee.firstname, ticket.assignee.lastname].filter(Boolean).join(' ') || ticket.assignee.username } : null,
        },
        template: ticket.template ? { ...template, states: workflow.states.map(({ key, label, checklist }) => ({ key, label, checklist: checklist ?? [] })) } : null,
        events,
        transitions,
        notifications,
        candidates,
      };
    },

    /** `{ version, title?, priority?, fields?, … }`: a 400 names an attribute that cannot be set here. */
    async update(documentId: string, body: Record<string, unknown>) {
      const unknown = Object.keys(body).filter((k) => k !== 'version' && !EDITABLE.includes(k));
      if (unknown.length) throw validationError(unknown.map((k) => ({ path: [k], message: k === 'assignee' ? 'is set through POST /tickets/:id/assign' : 'cannot be changed here' })));
      return tickets().update({ documentId, data: body } as any);
    },

    /** `{ assignee: admin user id | null, version }`: a manual assignment (may overfill an agent). */
    async assign(documentId: string, body: Record<string, unknown>) {
      const { assignee, version } = body;
      if (assignee !== null && !Number.isSafeInteger(assignee)) throw validationError([{ path: ['assignee'], message: 'must be an admin user id or null' }]);
      if (assignee !== null && !(await strapi.db.query('admin::user' as any).findOne({ where: { id: assignee }, select: ['id'] }))) {
        throw validationError([{ path: ['assignee'], message: 'names no admin user' }]);
      }
      return tickets().update({ documentId, data: { assignee, version } } as any);
    },
  };
};

export type TicketDetailService = ReturnType<typeof createTicketDetailService>;
export default createTicketDetailService;
