import type { Core } from '@strapi/strapi';
import { TICKET_UID } from '../constants';

/**
 * Confines a ticket document-service call to the tickets `own` matches: lists and counts are
 * filtered; a call on one ticket (findOne, update, delete, …) goes ahead only when that ticket
 * matches, and otherwise answers as if it did not exist. Shared by the customer and staff scopes.
 */
export async function withinScope(strapi: Core.Strapi, ctx: any, own: Record<string, unknown>, next: () => Promise<unknown>) {
  switch (ctx.action) {
    case 'findMany':
    case 'findFirst':
    case 'count':
      ctx.params.filters = ctx.params.filters ? { $and: [ctx.params.filters, own] } : own;
      return next();
    default: {
      const owned = await strapi.db.query(TICKET_UID as any).findOne({ where: { $and: [{ documentId: ctx.params.documentId }, own] }, select: ['id'] });
      return owned ? next() : null;
    }
  }
}
