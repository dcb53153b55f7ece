// What is sealed on a customer and how a write, a filter and a read see it. Pure (no Strapi).
import type { PathError } from '../utils/field-errors';
import { PiiDecryptError, blindIndex, decrypt, encrypt, isSealed, type Keyring } from './cipher';

/** The sealed attributes; `mobileHash` is the lookup hash of `mobile`. */
export const SEALED_FIELDS = ['mobile', 'address'] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];
export const MOBILE_HASH = 'mobileHash';
/** Was the schema's regex: the stored value is ciphertext now, so it is checked here. */
export const MOBILE = /^1[3-9]\d{9}$/;
export const MAX_ADDRESS = 500;

const MOBILE_MESSAGE = 'must be a Chinese mobile number (11 digits)';

/** The lookup hash of a mobile number. */
export const mobileHash = (mobile: string, keyring: Keyring) => blindIndex(mobile, keyring.hashKey, 'mobile');

/** A plaintext from input: a sealed value (a form sending back what it read, a history restore) is opened first. */
function plaintextOf(value: unknown, field: SealedField, keyring: Keyring): { text?: string | null; error?: string } {
  if (value === null || value === '') return { text: null };
  if (typeof value !== 'string') return { error: 'must be text' };
  if (!isSealed(value)) return { text: value };
  try {
    return { text: decrypt(value, keyring, field) };
  } catch (error) {
    return { error: `is sealed and cannot be read with the configured keys (${(error as Error).message})` };
  }
}

/**
 * The data of a customer create/update with mobile and address sealed and the mobile's hash set;
 * a copy (the caller's object is not touched). `mobileHash` given by the caller is dropped: it
 * only ever follows `mobile`. Errors carry the attribute's path.
 */
export function sealCustomerData(data: Record<string, unknown>, keyring: Keyring): { data: Record<string, unknown>; errors: PathError[] } {
  const out: Record<string, unknown> = { ...data };
  const errors: PathError[] = [];
  delete out[MOBILE_HASH];
  if (data.mobile !== undefined) {
    const { text, error } = plaintextOf(data.mobile, 'mobile', keyring);
    if (error) errors.push({ path: ['mobile'], message: error });
    else if (text !== null && !MOBILE.test(text!)) errors.push({ path: ['mobile'], message: MOBILE_MESSAGE });
    else {
      out.mobile = text === null ? null : encrypt(text!, keyring, 'mobile');
      out[MOBILE_HASH] = text === null ? null : mobileHash(text!, keyring);
    }
  }
  if (data.address !== undefined) {
    const { text, error } = plaintextOf(data.address, 'address', keyring);
    if (error) errors.push({ path: ['address'], message: error });
    // Characters, not bytes or UTF-16 units: 500 Chinese characters is an address of 500.
    else if (text !== null && [...text!].length > MAX_ADDRESS) errors.push({ path: ['address'], message: `must be at most ${MAX_ADDRESS} characters` });
    else out.address = text === null ? null : encrypt(text!, keyring, 'address');
  }
  return { data: out, errors };
}

/**
 * A customer row with mobile and address as plaintext (in place; returns it). Legacy plaintext
 * values pass as they are. `dropHash` removes the lookup hash, which no reader needs to see.
 * A value that cannot be opened throws, naming the customer and the key: answering ciphertext or
 * nothing would let a form save it back over the real value.
 */
export function revealCustomer<T>(row: T, keyring: Keyring, dropHash = true): T {
  if (!row || typeof row !== 'object') return row;
  const r = row as Record<string, unknown>;
  for (const field of SEALED_FIELDS) {
    if (!isSealed(r[field])) continue;
    try {
      r[field] = decrypt(r[field] as string, keyring, field);
    } catch (error) {
      const e = error as PiiDecryptError;
      throw new PiiDecryptError(`scrm-tickets: customer ${r.documentId ?? r.id ?? '?'} ${field}: ${e.message}; is its key in SCRM_PII_KEYS?`, e.keyId);
    }
  }
  if (dropHash) delete r[MOBILE_HASH];
  return row;
}

/** Filter operators that keep their meaning on the hash (equality), and those that hold on ciphertext as well (null checks). */
const EQUALITY = new Set(['$eq', '$ne', '$in', '$notIn']);
const NULL_CHECKS = new Set(['$null', '$notNull']);

/**
 * One sealed attribute's filter condition, rewritten: `{ mobile: X }`, `$eq`, `$ne`, `$in`, `$notIn`
 * become the same on `mobileHash`; `$null`/`$notNull` stay (they hold on ciphertext); anything
 * else (`$contains`, `$lt`, ...) cannot be answered on ciphertext and is an error. Address is
 * searchable by null checks only. Returns the [key, condition] pairs to put in place of it.
 */
export function rewriteSealedCondition(field: SealedField, condition: unknown, keyring: Keyring, path: string[]): { pairs: [string, unknown][]; errors: PathError[] } {
  const errors: PathError[] = [];
  const hash = (v: unknown) => (v === null ? null : mobileHash(String(v), keyring));
  const refuse = (op: string) =>
    errors.push({
      path,
      message: `cannot be filtered with ${op}: it is stored encrypted${field === 'mobile' ? ' (only equality: $eq, $ne, $in, $notIn, and $null/$notNull)' : ' (only $null/$notNull)'}`,
    });

  if (condition === null || condition === undefined) return { pairs: [[field, condition]], errors };
  if (typeof condition !== 'object') {
    if (field !== 'mobile') refuse('equality');
    return { pairs: [[MOBILE_HASH, hash(condition)]], errors };
  }
  if (Array.isArray(condition)) {
    if (field !== 'mobile') refuse('$in');
    return { pairs: [[MOBILE_HASH, { $in: condition.map(hash) }]], errors };
  }
  const onHash: Record<string, unknown> = {};
  const onField: Record<string, unknown> = {};
  for (const [op, value] of Object.entries(condition as Record<string, unknown>)) {
    if (NULL_CHECKS.has(op)) onField[op] = value;
    else if (op === '$not' && value && typeof value === 'object') {
      const inner = rewriteSealedCondition(field, value, keyring, path);
      errors.push(...inner.errors);
      for (const [key, cond] of inner.pairs) (key === MOBILE_HASH ? onHash : onField).$not = cond;
    } else if (field === 'mobile' && EQUALITY.has(op)) onHash[op] = Array.isArray(value) ? value.map(hash) : hash(value);
    else refuse(op);
  }
  const pairs: [string, unknown][] = [];
  if (Object.keys(onField).length) pairs.push([field, onField]);
  if (Object.keys(onHash).length) pairs.push([MOBILE_HASH, onHash]);
  return { pairs, errors };
}
