import { errors } from '@strapi/utils';
import { EVENT_UID } from '../constants';
import { isEventWriteAllowed } from '../services/events';
import type { DocumentMiddleware } from './types';

const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/** Ticket events are append-only: only the events service adds them; nothing edits or deletes them. */
export const eventGuard = (): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== EVENT_UID || READS.has(ctx.action)) return next();
  if (ctx.action === 'create' && isEventWriteAllowed()) return next();
  throw new errors.ForbiddenError('Ticket events are append-only: they cannot be created, edited or deleted by hand');
};
