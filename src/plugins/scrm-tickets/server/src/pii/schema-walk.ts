// Finding the customer inside other types' filters and results, by their schemas: a ticket's
// `filters: { customer: { mobile } }` and a ticket read with `populate: { customer }` reach the
// customer through a relation the customer's own middleware never sees. Pure: the schemas come in
// through `getModel`.
import type { PathError } from '../utils/field-errors';

export interface Attribute {
  type: string;
  target?: string;
  component?: string;
}
export type GetModel = (uid: string) => { attributes: Record<string, Attribute> } | undefined;

/** How deep results and filters are followed (ticket → order → customer is 2). */
const MAX_DEPTH = 4;

/** The model a relation, component or dynamic-zone item leads to. */
function childUid(attribute: Attribute, value: unknown): string | null {
  if (attribute.type === 'relation') return attribute.target ?? null;
  if (attribute.type === 'component') return attribute.component ?? null;
  if (attribute.type === 'dynamiczone') return ((value as any)?.__component as string) ?? null;
  return null;
}

/** Whether `uid` can reach `targetUid` through relations and components within MAX_DEPTH (memoized per walker). */
export function createReach(getModel: GetModel, targetUid: string) {
  const memo = new Map<string, boolean>();
  const reaches = (uid: string, depth = 0, seen = new Set<string>()): boolean => {
    if (uid === targetUid) return true;
    if (depth >= MAX_DEPTH || seen.has(uid)) return false;
    if (depth === 0 && memo.has(uid)) return memo.get(uid)!;
    seen.add(uid);
    const model = getModel(uid);
    let found = false;
    for (const attribute of Object.values(model?.attributes ?? {})) {
      const next = attribute.type === 'relation' ? attribute.target : attribute.type === 'component' ? attribute.component : undefined;
      // Dynamic zones name their components per item: followed in results, not planned here.
      if (next && reaches(next, depth + 1, seen)) {
        found = true;
        break;
      }
    }
    seen.delete(uid);
    if (depth === 0) memo.set(uid, found);
    return found;
  };
  return (uid: string) => reaches(uid);
}

/** Calls `visit` on every object of type `targetUid` in a result (a row, a list, `{ entries }`), following the schema. */
export function visitResult(value: unknown, uid: string, getModel: GetModel, targetUid: string, visit: (row: Record<string, unknown>) => void, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) visitResult(item, uid, getModel, targetUid, visit, depth);
    return;
  }
  const row = value as Record<string, unknown>;
  // delete, clone and publish answer { documentId, entries: [...] }.
  if (Array.isArray(row.entries) && depth === 0 && !getModel(uid)?.attributes.entries) {
    visitResult(row.entries, uid, getModel, targetUid, visit, depth);
    return;
  }
  if (uid === targetUid) visit(row);
  const attributes = getModel(uid)?.attributes ?? {};
  for (const [key, child] of Object.entries(row)) {
    const attribute = attributes[key];
    if (!attribute || child === null || typeof child !== 'object') continue;
    if (attribute.type === 'dynamiczone' && Array.isArray(child)) {
      for (const item of child) {
        const next = childUid(attribute, item);
        if (next) visitResult(item, next, getModel, targetUid, visit, depth + 1);
      }
      continue;
    }
    const next = childUid(attribute, child);
    if (next) visitResult(child, next, getModel, targetUid, visit, depth + 1);
  }
}

const LOGICAL = new Set(['$and', '$or']);

/**
 * Filters with every condition on a sealed attribute of `targetUid` replaced by `rewrite` (a new
 * object; the caller's filters are reused by callers across queries and stay untouched).
 */
export function rewriteFilters(
  filters: unknown,
  uid: string,
  getModel: GetModel,
  targetUid: string,
  sealed: readonly string[],
  rewrite: (field: string, condition: unknown, path: string[]) => { pairs: [string, unknown][]; errors: PathError[] },
  errors: PathError[],
  path: string[] = ['filters'],
  depth = 0,
): unknown {
  if (filters === null || typeof filters !== 'object' || depth > MAX_DEPTH + 2) return filters;
  if (Array.isArray(filters)) return filters.map((f, i) => rewriteFilters(f, uid, getModel, targetUid, sealed, rewrite, errors, [...path, String(i)], depth));
  const attributes = getModel(uid)?.attributes ?? {};
  const out: Record<string, unknown> = {};
  const also: Record<string, unknown>[] = [];
  for (const [key, condition] of Object.entries(filters as Record<string, unknown>)) {
    if (LOGICAL.has(key) || key === '$not') {
      out[key] = rewriteFilters(condition, uid, getModel, targetUid, sealed, rewrite, errors, [...path, key], depth);
      continue;
    }
    if (uid === targetUid && sealed.includes(key)) {
      const result = rewrite(key, condition, [...path, key]);
      errors.push(...result.errors);
      // `{ mobile: a, mobileHash: b }` both given: both conditions hold.
      for (const [k, c] of result.pairs) {
        if (k in out || (k !== key && k in (filters as object))) also.push({ [k]: c });
        else out[k] = c;
      }
      continue;
    }
    const attribute = attributes[key];
    const next = attribute?.type === 'relation' ? attribute.target : attribute?.type === 'component' ? attribute.component : undefined;
    out[key] = next ? rewriteFilters(condition, next, getModel, targetUid, sealed, rewrite, errors, [...path, key], depth + 1) : condition;
  }
  if (also.length) out.$and = [...((out.$and as unknown[]) ?? []), ...also];
  return out;
}
