import createHttpError from 'http-errors';

/**
 * A 403 whose message reaches the client. Strapi's authorize middleware (core
 * compose-endpoint.js) answers any `errors.ForbiddenError` thrown below it with a bare
 * "Forbidden", hiding why; an http-errors 403 passes through Strapi's error middleware intact,
 * in the same `{ error: { status, name, message, details } }` shape.
 */
export const forbidden = (message: string, details: Record<string, unknown> = {}) =>
  createHttpError(403, message, { name: 'ForbiddenError', details });
