// Value checks per field type. Hand-written rather than a schema library: each check is a line or
// two, errors must land on exact per-key paths, and a template compiles once into these closures.
import { DateTime } from 'luxon';
import type { FieldDefinition, FieldType } from './types';

/** Hard cap on any string value, whatever the definition says: defence against huge input. */
export const MAX_STRING = 10_000;

const MOBILE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Returns an error message, or null when the value is valid. `regex` is the compiled pattern. */
export type Checker = (value: unknown, def: FieldDefinition, regex: RegExp | null) => string | null;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const range = (n: number, def: FieldDefinition, what: string): string | null => {
  if (def.min !== undefined && n < def.min) return `must be at least ${def.min}${what}`;
  if (def.max !== undefined && n > def.max) return `must be at most ${def.max}${what}`;
  return null;
};

const textChecker =
  (defaultMax: number): Checker =>
  (value, def, regex) => {
    if (typeof value !== 'string') return 'must be a string';
    if (value.length > MAX_STRING) return `must be at most ${MAX_STRING} characters`;
    const length = value.trim().length;
    const max = def.max ?? defaultMax;
    if (length > max) return `must be at most ${max} characters`;
    if (def.min !== undefined && length < def.min) return `must be at least ${def.min} characters`;
    if (regex && !regex.test(value)) return 'does not match the required format';
    return null;
  };

const optionValues = (def: FieldDefinition) => (def.options ?? []).map((o) => o.value);

const isPositiveId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

export const CHECKERS: Record<FieldType, Checker> = {
  text: textChecker(255),
  textarea: textChecker(MAX_STRING),
  number: (value, def) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
    return range(value, def, '');
  },
  money: (value, def) => {
    if (!Number.isSafeInteger(value)) return 'must be an integer amount in fen';
    const n = value as number;
    if (def.min === undefined && n < 0) return 'must not be negative';
    return range(n, def, ' fen');
  },
  date: (value) => {
    if (typeof value !== 'string' || !DATE.test(value) || !DateTime.fromISO(value).isValid) {
      return 'must be a date as YYYY-MM-DD';
    }
    return null;
  },
  datetime: (value) => {
    if (typeof value !== 'string' || !DATETIME_WITH_OFFSET.test(value) || !DateTime.fromISO(value, { setZone: true }).isValid) {
      return 'must be an ISO 8601 date-time with a time zone offset';
    }
    return null;
  },
  select: (value, def) => {
    const values = optionValues(def);
    return typeof value === 'string' && values.includes(value) ? null : `must be one of: ${values.join(', ')}`;
  },
  multiselect: (value, def) => {
    const values = optionValues(def);
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !values.includes(v))) {
      return `must be a list of: ${values.join(', ')}`;
    }
    if (new Set(value).size !== value.length) return 'must not repeat a choice';
    return range(value.length, def, ' choices');
  },
  boolean: (value) => (typeof value === 'boolean' ? null : 'must be true or false'),
  mobile: (value) =>
    typeof value === 'string' && MOBILE.test(value) ? null : 'must be a Chinese mobile number (11 digits)',
  email: (value) =>
    typeof value === 'string' && value.length <= 254 && EMAIL.test(value) ? null : 'must be an email address',
  media: (value, def) => {
    if (!def.multiple) return isPositiveId(value) ? null : 'must be an uploaded file id';
    if (!Array.isArray(value) || !value.every(isPositiveId)) return 'must be a list of uploaded file ids';
    if (new Set(value).size !== value.length) return 'must not repeat a file';
    return range(value.length, def, ' files');
  },
  region: (value) =>
    typeof value === 'string' && value.length > 0 && value.length <= 64 ? null : 'must be a region id',
  location: (value) => {
    if (!isPlainObject(value)) return 'must be { lat, lng }';
    const keys = Object.keys(value);
    const { lat, lng } = value;
    if (keys.length !== 2 || typeof lat !== 'number' || typeof lng !== 'number') return 'must be { lat, lng }';
    if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)) return 'must have lat in [-90, 90] and lng in [-180, 180]';
    return null;
  },
};

/** Types for which min/max are meaningful, and what they bound. */
export const RANGE_TYPES = new Set<FieldType>(['text', 'textarea', 'number', 'money', 'multiselect', 'media']);
