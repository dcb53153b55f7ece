// Strapi's query validation lets some misshapen list queries through to the database — a
// `filters` that is not a map (`?filters[0]=` is the list `['']`, read as a column named "0"), an
// operator with no attribute, an empty `fields` (a column named "" on Postgres) — each a database
// error, a 500. The shapes are checked here first; found by tests/api/fuzz.spec.ts.
import { validationError, type PathError } from './field-errors';

const LIST_OPERATORS = new Set(['$and', '$or', '$in', '$notIn', '$between']);
const MAX_DEPTH = 10;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `root`: a map of attributes (the filters, or one of $and / $or), where only $and, $or and $not may stand as operators. */
function check(value: unknown, path: (string | number)[], depth: number, errors: PathError[], root = true) {
  if (depth > MAX_DEPTH) return void errors.push({ path, message: `nests deeper than ${MAX_DEPTH} levels` });
  if (!isMap(value)) return void errors.push({ path, message: 'must be a map of attributes or operators ({ title: { $eq: … } })' });
  for (const [key, child] of Object.entries(value)) {
    const at = [...path, key];
    if (/^\d+$/.test(key)) {
      errors.push({ path: at, message: 'is not an attribute or operator' });
    } else if (key === '$and' || key === '$or') {
      if (!Array.isArray(child)) errors.push({ path: at, message: 'must be a list of filters' });
      else child.forEach((c, i) => check(c, [...at, i], depth + 1, errors));
    } else if (key === '$not') {
      check(child, at, depth + 1, errors, root);
    } else if (key.startsWith('$') && root) {
      errors.push({ path: at, message: 'is an operator: it goes under an attribute ({ title: { $eq: … } })' });
    } else if (key.startsWith('$')) {
      // An operator's operand: a value, or a list where the operator takes one.
      if (Array.isArray(child) && !LIST_OPERATORS.has(key)) errors.push({ path: at, message: 'takes one value, not a list' });
      else if (isMap(child)) errors.push({ path: at, message: 'takes a value, not a map' });
    } else if (isMap(child)) {
      check(child, at, depth + 1, errors, false);
    } else if (Array.isArray(child)) {
      errors.push({ path: at, message: 'must be a value or a map of operators, not a list' });
    }
  }
}

/** A 400 with the path of every misshapen part of a list query's `filters`; nothing when absent. */
export function assertFiltersShape(filters: unknown) {
  if (filters === undefined) return;
  const errors: PathError[] = [];
  check(filters, ['filters'], 0, errors);
  if (errors.length) throw validationError(errors);
}

/** `fields` (`title,state` or a list): every name one of the type's attributes; nothing when absent. */
export function assertFieldsShape(fields: unknown, attributes: string[]) {
  if (fields === undefined) return;
  const names = typeof fields === 'string' ? fields.split(',') : Array.isArray(fields) ? fields : null;
  const known = new Set(['id', 'documentId', ...attributes]);
  const bad = names === null ? [] : names.filter((n) => typeof n !== 'string' || !known.has(n.trim()));
  if (names === null || names.length === 0 || bad.length) throw validationError([{ path: ['fields'], message: `must name attributes of the type (${[...known].join(', ')})` }]);
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `sort` (`title:asc,createdAt:desc`, a list of those, or `{ title: 'asc' }`): each an attribute of
 * the type (or a path into a relation) and asc or desc; nothing when absent.
 */
export function assertSortShape(sort: unknown, attributes: string[]) {
  if (sort === undefined) return;
  const known = new Set(['id', 'documentId', ...attributes]);
  const entries: [string, string][] =
    typeof sort === 'string'
      ? sort.split(',').map((s) => s.split(':') as [string, string])
      : Array.isArray(sort) && sort.every((s) => typeof s === 'string')
        ? sort.flatMap((s: string) => s.split(',')).map((s) => s.split(':') as [string, string])
        : sort && typeof sort === 'object' && !Array.isArray(sort)
          ? Object.entries(sort).map(([k, v]) => [k, String(v)])
          : [];
  const ok = (field: string, direction: string | undefined) => {
    const path = String(field ?? '')
      .trim()
      .split('.');
    return known.has(path[0]) && path.every((p) => SEGMENT.test(p)) && (direction === undefined || /^(asc|desc)$/i.test(direction.trim()));
  };
  if (entries.length === 0 || !entries.every(([field, direction, ...rest]) => rest.length === 0 && ok(field, direction))) {
    throw validationError([{ path: ['sort'], message: 'must be attributes of the type, each with :asc or :desc (title:asc,createdAt:desc)' }]);
  }
}

/** The checks of a list query, for a content type's `find`. */
export function assertListQuery(query: Record<string, unknown> | undefined, attributes: Record<string, unknown>) {
  const names = Object.keys(attributes);
  assertFiltersShape(query?.filters);
  assertFieldsShape(query?.fields, names);
  assertSortShape(query?.sort, names);
}
