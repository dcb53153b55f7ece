import type { Core } from '@strapi/strapi';
import { EVENT_UID, type EventType } from '../constants';
import { currentActor, type Actor } from '../utils/actor';
import type { Changes } from '../utils/changes';
import { getService } from '../utils/get-service';
import { insertDocuments, insertLinks } from '../utils/bulk-insert';
import { newDocumentId } from '../utils/bulk-rows';

export interface TicketRef {
  id: number;
  documentId: string;
}

export interface RecordInput {
  type: EventType;
  /** Before → after per attribute; approval and SLA events carry their own detail. */
  changes?: Changes | Record<string, unknown> | null;
  body?: string | null;
  visibility?: 'public' | 'internal';
  attachments?: number[];
  actor?: Actor;
}

const createEventsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Appends one event to a ticket's timeline, joining the caller's transaction. Written with the
   * query engine: events are the product of the write path, not a second pass through it, and the
   * document service (which the event guard closes to every caller) would double the cost of a
   * ticket write. The model's defaults give the row its documentId.
   */
  async record(ticket: TicketRef, input: RecordInput) {
    const now = new Date();
    const event = await strapi.db.query(EVENT_UID as any).create({
      data: {
        ticket: ticket.id,
        type: input.type,
        visibility: input.visibility ?? 'public',
        actor: input.actor ?? currentActor(strapi),
        changes: input.changes ?? null,
        body: input.body ?? null,
        attachments: input.attachments ?? [],
        occurredAt: now,
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      },
    });
    // The notifications this step asks for, in the same transaction as the step itself.
    await getService('outbox', { strapi }).fromEvent(ticket, event);
    return event;
  },

  /**
   * Many events at once (a batch intake): one multi-row INSERT per chunk for the events and one
   * for their ticket links, in the caller's transaction; then the outbox as for `record`.
   */
  async recordMany(list: { ticket: TicketRef; input: RecordInput }[]) {
    if (list.length === 0) return [];
    const now = new Date();
    const actor = currentActor(strapi);
    const rows = list.map(({ input }) => ({
      documentId: newDocumentId(),
      type: input.type,
      visibility: input.visibility ?? 'public',
      actor: input.actor ?? actor,
      changes: input.changes ?? null,
      body: input.body ?? null,
      occurredAt: now,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    }));
    const ids = await insertDocuments(strapi, EVENT_UID, rows);
    const events = rows.map((row) => ({ ...row, id: ids.get(row.documentId)! }));
    await insertLinks(strapi, EVENT_UID, 'ticket', events.map((event, i) => [event.id, list[i].ticket.id]));
    await getService('outbox', { strapi }).fromEvents(events.map((event, i) => ({ ticket: list[i].ticket, event })));
    return events;
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
