// The envelope and per-item results of a batch intake (POST /tickets/batch). Pure.
import { errors } from '@strapi/utils';
import { isPlainObject } from '../fields/guards';
import { validationError } from '../utils/field-errors';

/** Items per request: an order sync or migration page; larger imports send several. */
export const MAX_BATCH = 1000;

export interface ItemError {
  status: number;
  name: string;
  message: string;
  details: Record<string, unknown>;
}

export type ItemResult = { index: number; status: 'created' | 'existing'; ticket: Record<string, unknown> } | { index: number; status: 'invalid'; error: ItemError };

/** `{ data: [ticket, …] }` with 1–MAX_BATCH entries, or a 400 naming `data` (nothing is written). */
export function batchItems(body: unknown): unknown[] {
  const data = isPlainObject(body) ? body.data : undefined;
  if (!Array.isArray(data) || data.length === 0 || data.length > MAX_BATCH) {
    throw validationError([{ path: ['data'], message: `must be an array of 1-${MAX_BATCH} tickets` }]);
  }
  return data;
}

export const itemObject = (item: unknown): Record<string, unknown> => {
  if (!isPlainObject(item)) throw validationError([{ path: [], message: 'must be an object' }]);
  return item;
};

/**
 * An item's failure in Strapi's error shape: 4xx errors as thrown (a ValidationError keeps its
 * field paths); anything else is not the caller's to see and fails the whole request instead.
 */
export function itemError(error: unknown): ItemError {
  const e = error as { status?: number; name?: string; message?: string; details?: Record<string, unknown> };
  const status =
    error instanceof errors.ValidationError
      ? 400
      : error instanceof errors.ForbiddenError
        ? 403
        : error instanceof errors.NotFoundError
          ? 404
          : error instanceof errors.ApplicationError
            ? 400
            : e?.status;
  if (!status || status < 400 || status >= 500) throw error;
  return { status, name: e.name ?? 'ApplicationError', message: e.message ?? 'Invalid ticket', details: e.details ?? {} };
}

export const summaryOf = (counts: ItemResult[]) => ({
  total: counts.length,
  created: counts.filter((r) => r.status === 'created').length,
  existing: counts.filter((r) => r.status === 'existing').length,
  invalid: counts.filter((r) => r.status === 'invalid').length,
});
