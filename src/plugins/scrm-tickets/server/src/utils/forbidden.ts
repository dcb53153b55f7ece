import createHttpError from 'http-errors';

/**
 * A 403 whose message reaches the client. Strapi's authorize middleware (core
 * compose-endpoint.js) answers any `errors.ForbiddenError` thrown below it with a bare
 * "Forbidden", hiding why; an http-errors 403 passes through Strapi's error middleware intact,
 * in the same `{ error: { status, name, message, details } }` shape.
 */
export const forbidden = (message: string, details: Record<string, unknown> = {}) =>
  createHttpError(403, message, { name: 'ForbiddenError', details });

/** A 409 in the same shape: the request is valid but the thing is not in a state to take it. */
export const conflict = (message: string) => createHttpError(409, message, { name: 'ConflictError', details: {} });
