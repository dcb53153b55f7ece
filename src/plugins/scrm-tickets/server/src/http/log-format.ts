// How the plugin shapes Strapi's log lines (winston): each with the id of the request it was
// written in, secrets masked wherever they appear, and — with LOG_FORMAT=json, for production log
// collectors — one JSON object per line with a timestamp.
import { format, type Logform } from 'winston';

/** Settings whose values are secrets, wherever they appear as `name=value`, `"name":"value"` or `name: value`. */
const SECRET_NAMES = ['access_token', 'corpsecret', 'secret', 'password', 'token', 'encodingaeskey', 'authorization', 'secretkey', 'secret_key', 'api_key', 'apikey', 'signature'];
const NAMES = SECRET_NAMES.join('|');
const PATTERNS = [
  // access_token=abc&…, corpsecret=…
  new RegExp(`\\b(${NAMES})=([^&\\s"']+)`, 'gi'),
  // "password":"…", 'token': '…'
  new RegExp(`(["']?(?:${NAMES})["']?\\s*:\\s*)(["'])(.*?)\\2`, 'gi'),
  // Authorization: Bearer …
  /\b(bearer)\s+([A-Za-z0-9._~+/=-]{8,})/gi,
];
const MASK = '[redacted]';

/** A text with every secret value masked. */
export function redact(text: string): string {
  return text
    .replace(PATTERNS[0], (_m, name) => `${name}=${MASK}`)
    .replace(PATTERNS[1], (_m, head, quote) => `${head}${quote}${MASK}${quote}`)
    .replace(PATTERNS[2], (_m, word) => `${word} ${MASK}`);
}

const isSecretKey = (key: string) => SECRET_NAMES.includes(key.toLowerCase().replace(/[-\s]/g, '_')) || /secret|password/i.test(key);

/** Masks secrets in the message and in every field of the line (nested objects too, to a depth). */
export const redactSecrets = format((info) => {
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redact(value);
    if (!value || typeof value !== 'object' || depth > 4) return value;
    if (value instanceof Error) return value;
    if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretKey(k) && v != null ? MASK : clean(v, depth + 1)]));
  };
  for (const key of Object.keys(info)) (info as any)[key] = isSecretKey(key) && (info as any)[key] != null ? MASK : clean((info as any)[key], 0);
  if (info.stack && typeof info.stack === 'string') info.stack = redact(info.stack);
  return info;
});

/** Adds `requestId` from the request being served, when a line is written inside one. */
export const withRequestId = (current: () => { state?: { requestId?: string } } | undefined) =>
  format((info) => {
    const id = current()?.state?.requestId;
    if (id && info.requestId === undefined) info.requestId = id;
    return info;
  })();

/** One JSON object per line: time, level, message, request id and any other field. */
export const jsonLines = (): Logform.Format => format.combine(format.timestamp(), format.errors({ stack: true }), format.json());
