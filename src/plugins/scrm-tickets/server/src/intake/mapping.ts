// How a webhook payload becomes a ticket: dot paths into the JSON ("order.items.0.sku"), checked
// when the source is saved. Pure. A path grammar this small needs no library: segments are keys
// or array indexes, nothing else.

export interface IntakeMapping {
  /** Path of the ticket title (else the source's name). */
  title?: string;
  /** Template field key → path. */
  fields?: Record<string, string>;
  /** Paths of ticket attributes. */
  amountFen?: string;
  externalRef?: string;
  priority?: string;
}

const PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const ATTRIBUTES = ['title', 'fields', 'amountFen', 'externalRef', 'priority'];

export const isPath = (value: unknown): value is string => typeof value === 'string' && value.length <= 200 && PATH.test(value);

/** The value at a dot path, or undefined. */
export function valueAt(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value) ? (/^\d+$/.test(segment) ? value[Number(segment)] : undefined) : (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Every problem of a source's mapping and event id path, with its path. */
export function mappingErrors(mapping: unknown, eventIdPath: unknown): { path: (string | number)[]; message: string }[] {
  const errors: { path: (string | number)[]; message: string }[] = [];
  const bad = 'must be a dot path into the payload ("order.items.0.sku")';
  if (!isPath(eventIdPath)) errors.push({ path: ['eventIdPath'], message: bad });
  if (mapping === undefined || mapping === null) return errors;
  if (typeof mapping !== 'object' || Array.isArray(mapping)) return [...errors, { path: ['mapping'], message: 'must be { title?, fields?, amountFen?, externalRef?, priority? }' }];
  for (const [key, value] of Object.entries(mapping)) {
    if (!ATTRIBUTES.includes(key)) errors.push({ path: ['mapping', key], message: `is not mapped; known: ${ATTRIBUTES.join(', ')}` });
    else if (key === 'fields') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) errors.push({ path: ['mapping', 'fields'], message: 'must be { fieldKey: path }' });
      else for (const [field, path] of Object.entries(value)) if (!isPath(path)) errors.push({ path: ['mapping', 'fields', field], message: bad });
    } else if (!isPath(value)) errors.push({ path: ['mapping', key], message: bad });
  }
  return errors;
}

/** The ticket data a payload maps to (paths that lead nowhere are left out). */
export function ticketDataOf(mapping: IntakeMapping | null | undefined, payload: unknown): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const m = mapping ?? {};
  for (const key of ['title', 'amountFen', 'externalRef', 'priority'] as const) {
    const path = m[key];
    const value = path ? valueAt(payload, path) : undefined;
    if (value !== undefined && value !== null) data[key] = key === 'externalRef' || key === 'title' ? String(value) : value;
  }
  const fields: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(m.fields ?? {})) {
    const value = valueAt(payload, path);
    if (value !== undefined && value !== null) fields[field] = value;
  }
  data.fields = fields;
  return data;
}
