import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

/** The app's callback settings the WeCom specs configure (a random EncodingAESKey per run). */
export const WECOM = { corpId: 'ww1436e0e65a779aee', token: 'QDG6eK', encodingAesKey: randomBytes(32).toString('base64').slice(0, 43) };

/** What WeCom sends: the query it signs and the encrypted message (real @wecom/crypto). */
export function signed(plaintext: string, opts: { corpId?: string; timestamp?: number; token?: string } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = encrypt(WECOM.encodingAesKey, plaintext, opts.corpId ?? WECOM.corpId);
  const msg_signature = getSignature(opts.token ?? WECOM.token, timestamp, nonce, encrypted);
  return { query: { msg_signature, timestamp, nonce }, encrypted };
}

/** The XML envelope WeCom POSTs around an encrypted message. */
export const envelope = (encrypted: string) =>
  `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;

/** An event's inner XML (kf_msg_or_event, click, …) with its own fields. */
export const eventXml = (event: string, fields: Record<string, string>, from = '') =>
  `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName>${from ? `<FromUserName><![CDATA[${from}]]></FromUserName>` : ''}<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${Object.entries(fields)
    .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
    .join('')}<AgentID>1000002</AgentID></xml>`;
