// Hand-written, no schema library: errors need exact ['fields', key] paths, labels are bilingual data, and each template compiles once into these closures.
import { DateTime } from 'luxon';
import { isPlainObject } from './guards';
import type { FieldDefinition, FieldType } from './types';

/** Hard cap on any string value, whatever the definition says: defence against huge input. */
export const MAX_STRING = 10_000;
export const DEFAULT_MAX_LENGTH: Partial<Record<FieldType, number>> = { text: 255, textarea: MAX_STRING };
const MAX_EMAIL = 254;
const MAX_REGION_ID = 64;

// Mainland mobile numbers only, 11 digits: no +86 prefix, spaces or dashes. Callers strip those.
const MOBILE = /^1[3-9]\d{9}$/;
// Deliberately loose (one @, a dotted domain, no spaces): the real check is whether mail arrives.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Luxon alone accepts T24:00 and offsets like +25:00, so the shape is pinned down first.
const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/**
 * YYYY-MM-DD naming a real day (no 2023-02-29), by a round trip through Date at UTC midnight: a
 * fifth of what luxon's fromISO costs (a zoned DateTime per value), and a batch checks thousands.
 */
const isCalendarDate = (value: string): boolean => {
  if (!DATE.test(value)) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(value);
};

/** Returns an error message, or null when the value is valid. Never called with null. */
export type Checker = (value: unknown) => string | null;

/** Types for which min/max mean something, and the unit of what they bound. */
export const RANGE_UNITS: Partial<Record<FieldType, string>> = {
  text: 'character',
  textarea: 'character',
  number: '',
  money: 'fen',
  multiselect: 'choice',
  media: 'file',
};

const withUnit = (n: number, unit: string) =>
  unit === '' ? `${n}` : unit === 'fen' || n === 1 ? `${n} ${unit}` : `${n} ${unit}s`;

/** Compiles a pattern the way values are tested against it (unicode), or null if it cannot be. */
export const compilePattern = (pattern: string): RegExp | null => {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
};

const inRange = (n: number, min: number | undefined, max: number | undefined, unit: string): string | null => {
  if (min !== undefined && n < min) return `must be at least ${withUnit(min, unit)}`;
  if (max !== undefined && n > max) return `must be at most ${withUnit(max, unit)}`;
  return null;
};

const isPositiveId = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;
const repeats = (list: unknown[]) => new Set(list).size !== list.length;

function textChecker(def: FieldDefinition): Checker {
  const max = def.max ?? DEFAULT_MAX_LENGTH[def.type] ?? MAX_STRING;
  const regex = def.pattern ? compilePattern(def.pattern) : null;
  return (value) => {
    if (typeof value !== 'string') return 'must be text';
    // Before trimming or running the pattern, so neither ever sees a huge string.
    if (value.length > MAX_STRING) return inRange(MAX_STRING + 1, undefined, Math.min(max, MAX_STRING), 'character');
    const tooShortOrLong = inRange(value.trim().length, def.min, max, 'character');
    if (tooShortOrLong) return tooShortOrLong;
    if (regex && !regex.test(value)) return 'does not match the required format';
    return null;
  };
}

function choiceCheckers(def: FieldDefinition): { one: Checker; many: Checker } {
  const values = (def.options ?? []).map((o) => o.value);
  const allowed = new Set(values);
  const list = values.join(', ');
  const isOption = (v: unknown) => typeof v === 'string' && allowed.has(v);
  return {
    one: (value) => (isOption(value) ? null : `must be one of: ${list}`),
    many: (value) => {
      if (!Array.isArray(value)) return `must be a list of: ${list}`;
      if (!value.every(isOption)) return `must only hold: ${list}`;
      if (repeats(value)) return 'must not repeat a choice';
      return inRange(value.length, def.min, def.max, 'choice');
    },
  };
}

function mediaChecker(def: FieldDefinition): Checker {
  if (!def.multiple) return (value) => (isPositiveId(value) ? null : 'must be an uploaded file id');
  return (value) => {
    if (!Array.isArray(value) || !value.every(isPositiveId)) return 'must be a list of uploaded file ids';
    if (repeats(value)) return 'must not repeat a file';
    return inRange(value.length, def.min, def.max, 'file');
  };
}

const CHECKER_FACTORIES: Record<FieldType, (def: FieldDefinition) => Checker> = {
  text: textChecker,
  textarea: textChecker,
  number: (def) => (value) =>
    typeof value === 'number' && Number.isFinite(value) ? inRange(value, def.min, def.max, '') : 'must be a number',
  money: (def) => (value) => {
    if (!Number.isSafeInteger(value)) return 'must be an integer amount in fen';
    // Amounts are not negative unless the template says so (e.g. a refund with min: -50000).
    return inRange(value as number, def.min ?? 0, def.max, 'fen');
  },
  date: () => (value) => (typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date as YYYY-MM-DD'),
  datetime: () => (value) =>
    typeof value === 'string' && DATETIME.test(value) && DateTime.fromISO(value, { setZone: true }).isValid
      ? null
      : 'must be an ISO 8601 date-time with a time zone offset',
  select: (def) => choiceCheckers(def).one,
  multiselect: (def) => choiceCheckers(def).many,
  boolean: () => (value) => (typeof value === 'boolean' ? null : 'must be true or false'),
  mobile: () => (value) =>
    typeof value === 'string' && MOBILE.test(value) ? null : 'must be a Chinese mobile number (11 digits)',
  email: () => (value) =>
    typeof value === 'string' && value.length <= MAX_EMAIL && EMAIL.test(value) ? null : 'must be an email address',
  media: mediaChecker,
  region: () => (value) =>
    typeof value === 'string' && value.length > 0 && value.length <= MAX_REGION_ID ? null : 'must be a region id',
  location: () => (value) => {
    if (!isPlainObject(value)) return 'must be { lat, lng }';
    const { lat, lng } = value;
    if (Object.keys(value).length !== 2 || typeof lat !== 'number' || typeof lng !== 'number') {
      return 'must be { lat, lng } with numbers only';
    }
    // Written so that NaN fails too.
    if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
      return 'must have lat in [-90, 90] and lng in [-180, 180]';
    }
    return null;
  },
};

/** The value check of one (valid) definition, with its regex and option set built once. */
export const compileChecker = (def: FieldDefinition): Checker => CHECKER_FACTORIES[def.type](def);
