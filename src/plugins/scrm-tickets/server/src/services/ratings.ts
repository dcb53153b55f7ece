import type { Core } from '@strapi/strapi';
import { TICKET_UID } from '../constants';
import { conflict } from '../utils/forbidden';
import { validationError, type PathError } from '../utils/field-errors';

const MAX_COMMENT = 1000;

/**
 * CSAT: the customer rates a resolved or closed ticket 1–5 with an optional text (and may change
 * it later, as on Zendesk). Written through the document service, so the customer scope (their
 * own tickets only), the version check and the audit trail apply as to any other change.
 */
const createRatingsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async rate(documentId: string, body: unknown) {
    const input = (typeof body === 'object' && body !== null ? body : {}) as { csat?: unknown; comment?: unknown };
    const problems: PathError[] = [];
    if (!Number.isInteger(input.csat) || (input.csat as number) < 1 || (input.csat as number) > 5) {
      problems.push({ path: ['csat'], message: 'must be a whole number from 1 to 5' });
    }
    const comment = input.comment ?? '';
    if (typeof comment !== 'string' || comment.length > MAX_COMMENT) problems.push({ path: ['comment'], message: `must be a text of at most ${MAX_COMMENT} characters` });
    if (problems.length) throw validationError(problems);
    const tickets = strapi.documents(TICKET_UID as any);
    const ticket: any = await tickets.findOne({ documentId, fields: ['version', 'resolvedAt', 'closedAt'] } as any);
    if (!ticket) return null;
    if (!ticket.resolvedAt && !ticket.closedAt) throw conflict('A ticket can be rated once it is resolved');
    return tickets.update({ documentId, data: { csat: input.csat, csatComment: (comment as string).trim() || null, version: ticket.version } } as any);
  },
});

export type RatingsService = ReturnType<typeof createRatingsService>;
export default createRatingsService;
