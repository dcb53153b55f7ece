import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { EVENT_UID, type EventType } from '../constants';
import { currentActor, type Actor } from '../utils/actor';
import type { Changes } from '../utils/changes';

// Events are append-only: the event guard middleware refuses every write to ticket-event that
// does not run inside this scope, so only this service can add one, and nothing edits one.
const eventWriteScope = new AsyncLocalStorage<true>();
export const isEventWriteAllowed = () => eventWriteScope.getStore() === true;

export interface RecordInput {
  type: EventType;
  changes?: Changes | null;
  body?: string | null;
  visibility?: 'public' | 'internal';
  attachments?: number[];
  actor?: Actor;
}

const createEventsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Appends one event to a ticket's timeline (joins the caller's transaction, if any). */
  async record(ticketDocumentId: string, input: RecordInput) {
    return eventWriteScope.run(true, () =>
      strapi.documents(EVENT_UID as any).create({
        data: {
          ticket: ticketDocumentId,
          type: input.type,
          visibility: input.visibility ?? 'public',
          actor: input.actor ?? currentActor(strapi),
          changes: input.changes ?? null,
          body: input.body ?? null,
          attachments: input.attachments ?? [],
          occurredAt: new Date(),
        } as any,
      })
    );
  },

  /** A ticket's timeline, oldest first; customers see public events only. */
  async list(ticketDocumentId: string, opts: { includeInternal: boolean }) {
    const filters: Record<string, unknown> = { ticket: { documentId: ticketDocumentId } };
    if (!opts.includeInternal) filters.visibility = 'public';
    return strapi.documents(EVENT_UID as any).findMany({
      filters,
      sort: [{ occurredAt: 'asc' }, { id: 'asc' }],
      populate: { attachments: true },
    } as any);
  },
});

export type EventsService = ReturnType<typeof createEventsService>;
export default createEventsService;
