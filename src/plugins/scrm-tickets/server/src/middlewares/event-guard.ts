import { forbidden } from '../utils/forbidden';
import { EVENT_UID } from '../constants';
import type { DocumentMiddleware } from './types';

const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/**
 * Ticket events are append-only: the events service appends them through the query engine, and
 * every document-service write (REST, GraphQL, Content Manager, scripts) is refused.
 */
export const eventGuard = (): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== EVENT_UID || READS.has(ctx.action)) return next();
  throw forbidden('Ticket events are append-only: they cannot be created, edited or deleted by hand');
};
