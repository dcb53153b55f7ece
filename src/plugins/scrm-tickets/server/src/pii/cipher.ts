// Field encryption of customer PII (AES-256-GCM) and keyed hashes for equality lookups. Pure:
// node:crypto only, no Strapi, so it is unit-tested without booting anything.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** Every sealed value starts so: `enc:v1:<keyId>:<base64(iv | tag | ciphertext)>`. */
export const SEALED_PREFIX = 'enc:';
const V1 = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Letters, digits, dot and dash: no colon (the separator) and no `_`/`%` (SQL LIKE wildcards, used by the rotation's scan). */
export const KEY_ID = /^[A-Za-z0-9.-]{1,16}$/;

export interface Keyring {
  /** New values are sealed with this key; the others are still read (rotation). */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** The HMAC key of the lookup hashes (not rotated with the others: docs/operations.md). */
  hashKey: Buffer;
}

/** A configuration the app must not start with. */
export class PiiKeyError extends Error {
  name = 'PiiKeyError';
}

/** A sealed value that cannot be opened: unknown key id, tampered, or sealed for another field. */
export class PiiDecryptError extends Error {
  name = 'PiiDecryptError';
  constructor(
    message: string,
    readonly keyId: string | null,
  ) {
    super(message);
  }
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX);

/** The key id a sealed value names, or null for anything else. */
export function keyIdOf(value: unknown): string | null {
  if (!isSealed(value) || !value.startsWith(V1)) return null;
  const end = value.indexOf(':', V1.length);
  return end > V1.length ? value.slice(V1.length, end) : null;
}

/**
 * Seals `plaintext` with the keyring's current key. A fresh random IV each time (equal values
 * give different ciphertexts: lookups use blindIndex). `field` is authenticated data, so a value
 * sealed as one field (a mobile) does not open as another (an address).
 */
export function encrypt(plaintext: string, keyring: Keyring, field: string): string {
  const key = keyring.keys.get(keyring.current);
  if (!key) throw new PiiKeyError(`the current PII key "${keyring.current}" is not in the keyring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${V1}${keyring.current}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Opens a value sealed by encrypt; throws PiiDecryptError rather than answer anything unauthenticated. */
export function decrypt(value: string, keyring: Keyring, field: string): string {
  const keyId = keyIdOf(value);
  if (keyId === null) throw new PiiDecryptError('not a sealed value of a known version', null);
  const key = keyring.keys.get(keyId);
  if (!key) throw new PiiDecryptError(`sealed with key "${keyId}", which the keyring does not hold`, keyId);
  const packed = Buffer.from(value.slice(V1.length + keyId.length + 1), 'base64');
  if (packed.length < IV_BYTES + TAG_BYTES) throw new PiiDecryptError(`sealed value under key "${keyId}" is truncated`, keyId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new PiiDecryptError(`sealed value under key "${keyId}" failed authentication (altered, or sealed as another field)`, keyId);
  }
}

/** A stored value as plaintext: sealed values are opened; anything else is a legacy plaintext row, returned as it is. */
export const reveal = (value: unknown, keyring: Keyring, field: string): unknown => (isSealed(value) ? decrypt(value, keyring, field) : value);

/** What the lookup hash is taken over: surrounding blanks never make two numbers differ. */
export const normalizeForIndex = (value: string) => value.trim();

/** HMAC-SHA256 over the normalized value, hex (64 characters). `domain` keeps the hashes of different fields apart. */
export function blindIndex(value: string, hashKey: Buffer, domain = 'mobile'): string {
  return createHmac('sha256', hashKey)
    .update(`${domain}\u0000${normalizeForIndex(value)}`)
    .digest('hex');
}

/** `keyId:base64key,...` — the first is the current key. */
export function parseKeys(text: string, name = 'SCRM_PII_KEYS'): { current: string; keys: Map<string, Buffer> } {
  const keys = new Map<string, Buffer>();
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new PiiKeyError(`${name} names no key`);
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) throw new PiiKeyError(`${name}: each entry is keyId:base64key, with a key id of 1-16 letters, digits, "." or "-" (got "${id || entry.slice(0, 16)}")`);
    if (keys.has(id)) throw new PiiKeyError(`${name}: key id "${id}" appears twice`);
    keys.set(id, decodeKey(entry.slice(colon + 1), `${name} key "${id}"`, true));
  }
  return { current: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

/** Base64 (or base64url) of exactly 32 bytes for an AES key; at least 32 for the HMAC key. */
function decodeKey(text: string, what: string, exact: boolean): Buffer {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : Buffer.alloc(0);
  if (exact ? bytes.length !== KEY_BYTES : bytes.length < KEY_BYTES) {
    throw new PiiKeyError(
      `${what} must be ${exact ? 'exactly' : 'at least'} ${KEY_BYTES} random bytes in base64 (got ${bytes.length}); make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return bytes;
}

export interface PiiSettings {
  /** SCRM_PII_KEYS */
  keys?: string | null;
  /** SCRM_PII_HASH_KEY */
  hashKey?: string | null;
}

/**
 * Development keys: fixed and public (derived from this text), so `npm run demo` runs with no
 * environment and its data survives restarts. Never in production; docs/operations.md tells how
 * to move data written under them to real keys.
 */
export const DEV_KEY_ID = 'dev';
export const devKey = (purpose: 'aes' | 'hmac') => createHash('sha256').update(`scrm-tickets development PII ${purpose} key: public, never for production`).digest();

/**
 * The keyring the settings describe. Production refuses to start without real keys; elsewhere a
 * missing key falls back to the development key (with a warning to log). A key that is set but
 * malformed is refused everywhere: a typo must not quietly mean the public key.
 */
export function loadKeyring(settings: PiiSettings, production: boolean): { keyring: Keyring; warnings: string[] } {
  const warnings: string[] = [];
  const missing = (name: string) =>
    new PiiKeyError(
      `${name} is not set. In production customer mobiles and addresses are encrypted with keys from the environment: see docs/operations.md ("Customer data encryption").`,
    );
  let ring: { current: string; keys: Map<string, Buffer> };
  if (settings.keys && settings.keys.trim()) ring = parseKeys(settings.keys);
  else if (production) throw missing('SCRM_PII_KEYS');
  else {
    ring = { current: DEV_KEY_ID, keys: new Map([[DEV_KEY_ID, devKey('aes')]]) };
    warnings.push('SCRM_PII_KEYS is not set: customer mobiles and addresses are encrypted with the PUBLIC development key (not for production).');
  }
  let hashKey: Buffer;
  if (settings.hashKey && settings.hashKey.trim()) hashKey = decodeKey(settings.hashKey, 'SCRM_PII_HASH_KEY', false);
  else if (production) throw missing('SCRM_PII_HASH_KEY');
  else {
    hashKey = devKey('hmac');
    warnings.push('SCRM_PII_HASH_KEY is not set: customer mobile lookups use the PUBLIC development hash key (not for production).');
  }
  return { keyring: { ...ring, hashKey }, warnings };
}
