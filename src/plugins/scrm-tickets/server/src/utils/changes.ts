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
