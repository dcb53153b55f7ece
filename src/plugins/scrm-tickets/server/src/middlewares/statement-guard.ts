import { forbidden } from '../utils/forbidden';
import { STATEMENT_UID } from '../constants';
import type { DocumentMiddleware } from './types';

const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/**
 * Statements are computed, never typed: drafts come from the month's tickets, confirmed ones are
 * sealed. Every document-service write (REST, GraphQL, Content Manager, scripts) is refused; the
 * statements service writes through the query engine.
 */
export const statementGuard = (): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== STATEMENT_UID || READS.has(ctx.action)) return next();
  throw forbidden('Statements are computed: draft, confirm and pay them through their settlement actions');
};
