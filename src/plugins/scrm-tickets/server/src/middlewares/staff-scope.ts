import type { Core } from '@strapi/strapi';
import { REGION_UID, TICKET_UID } from '../constants';
import { forbidden } from '../utils/forbidden';
import { getService } from '../utils/get-service';
import { withinScope } from './ticket-scope';
import type { DocumentMiddleware } from './types';

const REGION_WRITES = new Set(['create', 'update', 'delete']);
// Matches no region: a confined member whose regions no longer exist sees only unplaced tickets.
const NO_REGION = -1;

/**
 * Which region a relation value names, in the forms the document service takes: an id, a
 * documentId, `{ id }` / `{ documentId }`, or `{ connect | set: [one of those] }`.
 */
function relationTarget(value: unknown): { id: number } | { documentId: string } | null {
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'string' && value) return { documentId: value };
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  for (const list of [v.connect, v.set]) if (Array.isArray(list) && list.length) return relationTarget(list[list.length - 1]);
  if (typeof v.id === 'number') return { id: v.id };
  if (typeof v.documentId === 'string') return { documentId: v.documentId };
  return null;
}

/**
 * Agents and managers (admin users whose agent profile names regions) see and act on the tickets
 * of their regions only — in the Content Manager, the plugin's admin routes and the WeCom member
 * pages alike, since all of them read through the document service. A ticket of another region
 * does not exist for them; they cannot file one into another region either.
 */
export const staffScope =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid === REGION_UID && REGION_WRITES.has(ctx.action)) {
      // The region tree is cached; a change made here is seen by the next read here.
      const result = await next();
      getService('staff-scope', { strapi }).invalidate();
      return result;
    }
    if (ctx.uid !== TICKET_UID) return next();
    const ids = await getService('staff-scope', { strapi }).regionIds();
    if (ids === null) return next();
    const regionIds = ids.length ? ids : [NO_REGION];
    if (ctx.action === 'create') {
      const target = relationTarget((ctx.params as any).data?.region);
      if (target) {
        const region: any = await strapi.db.query(REGION_UID as any).findOne({ where: target, select: ['id'] });
        if (region && !regionIds.includes(region.id)) throw forbidden('That region is not one of yours');
      }
      return next();
    }
    return withinScope(strapi, ctx, { $or: [{ region: { id: { $in: regionIds } } }, { region: { id: { $null: true } } }] }, next);
  };
