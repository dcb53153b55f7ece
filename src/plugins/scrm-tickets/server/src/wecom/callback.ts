// WeCom's callback protocol (../shared/wecom.md §1): signature, timestamp window, decryption,
// the receiver check and the inner XML. Pure: services/wecom-callback.ts does the I/O.
import { createHash } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { sameText } from '../utils/raw';

export interface CallbackConfig {
  corpId: string;
  token: string;
  encodingAesKey: string;
}

/** How far a callback's timestamp may be from now: an older one is a replay. */
export const CALLBACK_WINDOW_S = 300;

export class CallbackError extends Error {
  constructor(
    public readonly status: 400 | 401 | 403,
    message: string
  ) {
    super(message);
  }
}

// Values stay strings (a 19-digit MsgId, "00123" content); CDATA is unwrapped.
const parser = new XMLParser({ parseTagValue: false, processEntities: true });

export interface Query {
  msg_signature?: unknown;
  timestamp?: unknown;
  nonce?: unknown;
  echostr?: unknown;
}

/** Checks the signed envelope and decrypts `encrypted` (echostr or the body's Encrypt). */
export function open(config: CallbackConfig, query: Query, encrypted: unknown, now = Date.now()): string {
  const { msg_signature: signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof encrypted !== 'string' || !encrypted) {
    throw new CallbackError(400, 'msg_signature, timestamp, nonce and the encrypted message are required');
  }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > CALLBACK_WINDOW_S) {
    throw new CallbackError(401, `timestamp is not within ${CALLBACK_WINDOW_S} s of now`);
  }
  if (!sameText(signature, getSignature(config.token, timestamp, nonce, encrypted))) throw new CallbackError(401, 'msg_signature does not match');
  let opened: { message: string; id: string };
  try {
    opened = decrypt(config.encodingAesKey, encrypted);
  } catch {
    throw new CallbackError(400, 'the message does not decrypt');
  }
  // The receiver is the CorpID for a self-built app: a message for another corp is not ours.
  if (!sameText(opened.id, config.corpId)) throw new CallbackError(403, 'the message is for another corp');
  return opened.message;
}

/** The `Encrypt` of a POSTed envelope. */
export function encryptedOf(xml: unknown): string | undefined {
  if (typeof xml !== 'string') return undefined;
  try {
    const parsed = parser.parse(xml);
    return typeof parsed?.xml?.Encrypt === 'string' ? parsed.xml.Encrypt : undefined;
  } catch {
    return undefined;
  }
}

export interface InboundMessage {
  MsgType?: string;
  Event?: string;
  FromUserName?: string;
  ToUserName?: string;
  CreateTime?: string;
  MsgId?: string;
  Content?: string;
  EventKey?: string;
  AgentID?: string;
  OpenKfId?: string;
  Token?: string;
  [key: string]: unknown;
}

/** The decrypted inner XML as its fields (strings). */
export function messageOf(xml: string): InboundMessage {
  try {
    const parsed = parser.parse(xml);
    if (parsed?.xml && typeof parsed.xml === 'object') return parsed.xml as InboundMessage;
  } catch {
    /* reported below */
  }
  throw new CallbackError(400, 'the decrypted message is not XML');
}

/** The dedupe column holds 200 characters: a longer key keeps its start and a hash of the whole (two keys never merge). */
const MAX_KEY = 200;
const fitted = (key: string) => (key.length <= MAX_KEY ? key : `${key.slice(0, MAX_KEY - 65)}#${createHash('sha256').update(key).digest('hex')}`);

/** WeCom's advice: MsgId for messages; FromUserName + CreateTime for events. */
export function dedupeKeyOf(m: InboundMessage): string {
  if (m.MsgId) return fitted(`msg:${m.MsgId}`);
  // 微信客服 events have no sender; each carries its own sync token (and the sync dedupes by msgid).
  if (m.Event === 'kf_msg_or_event') return fitted(`event:kf:${m.OpenKfId ?? ''}:${m.CreateTime ?? ''}:${m.Token ?? ''}`);
  return fitted(`event:${m.Event ?? ''}:${m.FromUserName ?? ''}:${m.CreateTime ?? ''}:${m.EventKey ?? ''}`);
}
