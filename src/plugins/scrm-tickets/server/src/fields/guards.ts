// Small shape guards shared by the definition and value checks.

/**
 * A JSON-like object. Accepts null-prototype objects too: graphql-js builds input objects with
 * Object.create(null). Rejects arrays, Dates, Maps and other class instances.
 */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Own-property lookup: `obj[key]` would also find inherited names such as `constructor`. */
export const hasOwn = (obj: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(obj, key);

/** "Nothing entered": also what `required` and `notEmpty` look at. A blank string counts as empty. */
export const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/**
 * Deep equality of JSON values. Unlike util.isDeepStrictEqual it ignores prototypes, so a
 * null-prototype object from GraphQL equals the same literal in a template.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** `{ 'zh-Hans', en? }` texts; labels need the Chinese text, help texts need neither. */
export const isTexts = (v: unknown, maxLength: number, requireZh: boolean): boolean =>
  isPlainObject(v) &&
  Object.entries(v).every(([k, s]) => (k === 'zh-Hans' || k === 'en') && typeof s === 'string' && s.length <= maxLength) &&
  (!requireZh || (typeof v['zh-Hans'] === 'string' && v['zh-Hans'].trim().length > 0));
