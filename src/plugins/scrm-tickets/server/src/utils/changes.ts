import { isDeepStrictEqual } from 'node:util';

export type Changes = Record<string, { before: unknown; after: unknown }>;

const normalise = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
};

/** before → after of the given attributes, only those that changed. */
export const diffAttributes = (
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[]
): Changes => {
  const changes: Changes = {};
  for (const key of keys) {
    const a = normalise(before[key]);
    const b = normalise(after[key]);
    if (!isDeepStrictEqual(a, b)) changes[key] = { before: a, after: b };
  }
  return changes;
};

/** Per-key changes of the template fields, reported as `fields.<key>`. */
export const diffFields = (
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined
): Changes => {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: Changes = {};
  for (const [key, change] of Object.entries(diffAttributes(b, a, keys))) {
    changes[`fields.${key}`] = change;
  }
  return changes;
};

/**
 * A new ticket's `created` changes: null → value of every set attribute and template field, as
 * diffAttributes({}, …) and diffFields(null, …) answer, without a deep comparison per key (a batch
 * files a thousand at once).
 */
export const createdChanges = (after: Record<string, unknown>, keys: readonly string[]): Changes => {
  const changes: Changes = {};
  for (const key of keys) {
    const value = normalise(after[key]);
    if (value !== null) changes[key] = { before: null, after: value };
  }
  const fields = (after.fields ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = normalise(fields[key]);
    if (value !== null) changes[`fields.${key}`] = { before: null, after: value };
  }
  return changes;
};
