import { forbidden } from '../utils/forbidden';
import type { Core } from '@strapi/strapi';
import { EVENT_TYPES } from '../constants';
import { validationError, type PathError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import type { TicketRef } from './events';

const FILE_UID = 'plugin::upload.file';
const MAX_BODY = 10_000;
const MAX_ATTACHMENTS = 20;

export interface CommentInput {
  body?: unknown;
  visibility?: unknown;
  attachments?: unknown;
}

const createCommentsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * A public reply or an internal note on a ticket, stored as a `comment` event. Customers write
   * public replies only. Attachments are files already in the media library (Strapi upload).
   */
  async add(ticket: TicketRef, input: CommentInput, opts: { byCustomer: boolean }) {
    const problems: PathError[] = [];
    const body = typeof input.body === 'string' ? input.body.trim() : '';
    // A photo may say it all: the text can be left out when files are attached.
    const hasFiles = Array.isArray(input.attachments) && input.attachments.length > 0;
    if ((body.length === 0 && !hasFiles) || body.length > MAX_BODY || (input.body !== undefined && typeof input.body !== 'string')) {
      problems.push({ path: ['body'], message: `must be a text of 1-${MAX_BODY} characters (or empty with attachments)` });
    }
    const visibility = input.visibility ?? 'public';
    if (visibility !== 'public' && visibility !== 'internal') {
      problems.push({ path: ['visibility'], message: 'must be public or internal' });
    }
    const attachments = input.attachments ?? [];
    if (!Array.isArray(attachments) || attachments.length > MAX_ATTACHMENTS) {
      problems.push({ path: ['attachments'], message: `must be a list of at most ${MAX_ATTACHMENTS} file ids` });
    } else {
      attachments.forEach((id, i) => {
        if (!Number.isSafeInteger(id) || id < 1) problems.push({ path: ['attachments', i], message: 'must be a file id' });
      });
    }
    if (problems.length) throw validationError(problems);
    if (opts.byCustomer && visibility === 'internal') {
      throw forbidden('Customers can only write public replies');
    }

    const ids = [...new Set(attachments as number[])];
    if (ids.length) {
      const found = await strapi.db.query(FILE_UID as any).findMany({ where: { id: { $in: ids } }, select: ['id'] });
      const known = new Set(found.map((f: { id: number }) => f.id));
      const missing = (attachments as number[])
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !known.has(id))
        .map(({ i }) => ({ path: ['attachments', i], message: 'names no uploaded file' }));
      if (missing.length) throw validationError(missing);
    }

    return strapi.db.transaction(async () => {
      const event = await getService('events', { strapi }).record(ticket, {
        type: EVENT_TYPES.comment,
        body,
        visibility: visibility as 'public' | 'internal',
        attachments: ids,
      });
      // A public reply answers the customer (SLA first response / next reply); a customer's
      // message starts the next-reply clock. Internal notes move no clock.
      if (visibility === 'public') {
        await getService('sla', { strapi }).onActivity(ticket.id, opts.byCustomer ? 'customer' : 'staff', 'public_reply');
      }
      return event;
    });
  },
});

export type CommentsService = ReturnType<typeof createCommentsService>;
export default createCommentsService;
