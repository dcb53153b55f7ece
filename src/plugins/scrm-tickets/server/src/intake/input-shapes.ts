// Strapi's content-API input checks of batch items (validateInput + sanitizeInput), run once per
// shape of item rather than once per item.
import { isDeepStrictEqual } from 'node:util';

/** Attribute types whose values Strapi's input visitors never look into (they read the key only). */
const SCALAR_TYPES = new Set(['string', 'text', 'enumeration', 'integer', 'biginteger', 'float', 'decimal', 'boolean', 'date', 'datetime', 'time', 'timestamp', 'email', 'uid']);

interface Attribute {
  type: string;
  relation?: string;
  target?: string;
}

/**
 * The item's keys with the kind of each value, when Strapi's verdict on it can depend on nothing
 * else: every key an attribute, scalar attributes holding primitives, json attributes anything
 * (not traversed), relations a plain documentId string or null (checked as "may the caller read
 * the target type", never by value). Otherwise null: the item is checked on its own.
 */
export function shapeOf(data: Record<string, unknown>, attributes: Record<string, Attribute>): string | null {
  const parts: string[] = [];
  for (const key of Object.keys(data)) {
    const attribute = attributes[key];
    if (!attribute) return null;
    const value = data[key];
    const kind = value === null ? 'null' : typeof value;
    if (attribute.type === 'relation') {
      if (!attribute.target || attribute.relation?.startsWith('morph') || (kind !== 'string' && kind !== 'null')) return null;
    } else if (attribute.type !== 'json') {
      if (!SCALAR_TYPES.has(attribute.type) || (kind !== 'string' && kind !== 'number' && kind !== 'boolean' && kind !== 'null')) return null;
    }
    parts.push(`${key}:${kind}`);
  }
  return parts.sort().join('\n');
}

/**
 * Strapi's `validateInput` + `sanitizeInput` cost ~70 µs an item (each call builds its lodash/fp
 * pipelines and deep-clones the entity): a third of a 1,000-ticket batch's CPU. Their visitors
 * decide on keys, attribute kinds and the caller's permissions, so for one caller (one request)
 * items of one shape (`shapeOf`) get one verdict. The first item of each shape runs them; if it
 * passes and its sanitised copy kept every value as given, later items of that shape keep the same
 * keys without running them again. A failure is not remembered (each such item runs them and gets
 * its own error), nor is a shape whose values the sanitiser changed; items of no shape always run
 * them. `memo: false` (Strapi's input registries hold plugin validators or sanitisers, which may
 * look at values) runs them for every item.
 */
export function createInputShapes(attributes: Record<string, Attribute>, check: (data: Record<string, unknown>) => Promise<Record<string, unknown>>, memo = true) {
  const keptKeys = new Map<string, string[] | null>();
  return async (data: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const shape = memo ? shapeOf(data, attributes) : null;
    if (shape === null) return check(data);
    const kept = keptKeys.get(shape);
    if (kept) return Object.fromEntries(kept.map((key) => [key, data[key]]));
    if (kept === null) return check(data);
    const checked = await check(data);
    const unchanged = Object.keys(checked).every((key) => key in data && isDeepStrictEqual(checked[key], data[key]));
    keptKeys.set(shape, unchanged ? Object.keys(checked) : null);
    return checked;
  };
}

/** No plugin added its own content-API input validators or sanitisers (they could read values). */
export const valueBlindInputChecks = (strapi: { sanitizers: { get(key: string): unknown[] }; validators: { get(key: string): unknown[] } }): boolean =>
  (strapi.sanitizers.get('content-api.input') ?? []).length === 0 && (strapi.validators.get('content-api.input') ?? []).length === 0;
