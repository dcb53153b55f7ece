import { validationError } from '../utils/field-errors';
import { REPORTED_AT_SKEW_MS } from '../constants';

// Checks of the ticket attributes the middleware owns (not the template fields). Each throws
// a 400 ValidationError naming the attribute, before anything is written.

export const checkIdempotencyKey = (value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 128 || !/^[\x21-\x7e]+$/.test(value)) {
    throw validationError([
      { path: ['idempotencyKey'], message: 'must be 1-128 printable ASCII characters without spaces' },
    ]);
  }
  return value;
};

/** When the customer reported it: defaults to now; imports may backdate it, nobody may postdate it. */
export const checkReportedAt = (value: unknown, now = new Date()): Date => {
  if (value === undefined || value === null || value === '') return now;
  const at = typeof value === 'string' || value instanceof Date ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) {
    throw validationError([{ path: ['reportedAt'], message: 'must be an ISO 8601 date-time' }]);
  }
  if (at.getTime() > now.getTime() + REPORTED_AT_SKEW_MS) {
    throw validationError([{ path: ['reportedAt'], message: 'cannot be in the future' }]);
  }
  return at;
};

export const checkVersion = (value: unknown): number => {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw validationError([{ path: ['version'], message: 'must be the positive integer version you read' }]);
  }
  return value as number;
};

export const checkState = (value: unknown): string => {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(value)) {
    throw validationError([{ path: ['state'], message: 'must be a workflow state key' }]);
  }
  return value;
};
