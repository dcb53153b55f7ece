import type { Core } from '@strapi/strapi';
import { TICKET_UID } from '../constants';
import type { Label } from '../fields/types';
import { stateOf, workflowOf } from './transitions';

/**
 * Tickets as answered by the REST API, each with `stateLabel`: its state's label in its template's
 * workflow, so clients (the H5 pages, integrations) show 处理中 instead of a state key. One query
 * for the page of tickets.
 */
export async function withStateLabels<T extends { documentId?: string }>(strapi: Core.Strapi, tickets: T[]): Promise<(T & { stateLabel: Label | null })[]> {
  const ids = tickets.map((t) => t.documentId).filter((id): id is string => typeof id === 'string');
  if (!ids.length) return tickets.map((t) => ({ ...t, stateLabel: null }));
  const rows: any[] = await strapi.db.query(TICKET_UID as any).findMany({
    where: { documentId: { $in: ids } },
    select: ['documentId', 'state'],
    populate: { template: { select: ['workflow'] } },
  });
  const labels = new Map(rows.map((r) => [r.documentId, stateOf(workflowOf(r.template), r.state)?.label ?? null]));
  return tickets.map((t) => ({ ...t, stateLabel: labels.get(t.documentId as string) ?? null }));
}
