import { encrypt, getSignature } from '@wecom/crypto';
import { CallbackError, dedupeKeyOf, encryptedOf, messageOf, open } from '../callback';

const config = { corpId: 'wwcorp', token: 'tok', encodingAesKey: 'a'.repeat(43) };
const now = 1_700_000_000_000;

describe('WeCom callback protocol', () => {
  it('opens a signed, fresh message for our corp', () => {
    const encrypted = encrypt(config.encodingAesKey, '<xml><MsgId>123</MsgId></xml>', 'wwcorp');
    const timestamp = String(now / 1000);
    const query = { msg_signature: getSignature('tok', timestamp, 'n1', encrypted), timestamp, nonce: 'n1' };
    expect(open(config, query, encrypted, now)).toBe('<xml><MsgId>123</MsgId></xml>');
    expect(() => open(config, query, encrypted, now + 301_000)).toThrow(CallbackError);
    expect(() => open({ ...config, corpId: 'other' }, query, encrypted, now)).toThrow('another corp');
    expect(() => open(config, { ...query, nonce: 'n2' }, encrypted, now)).toThrow('msg_signature');
  });

  it('keeps values as strings and dedupes messages by MsgId, events by sender and time', () => {
    const m = messageOf('<xml><MsgId>1234567890123456789</MsgId><Content><![CDATA[00123]]></Content></xml>');
    expect([m.MsgId, m.Content, dedupeKeyOf(m)]).toEqual(['1234567890123456789', '00123', 'msg:1234567890123456789']);
    expect(dedupeKeyOf({ Event: 'click', FromUserName: 'zs', CreateTime: '1', EventKey: 'k' })).toBe('event:click:zs:1:k');
    expect([encryptedOf('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>'), encryptedOf('<xml>'), encryptedOf(undefined)]).toEqual(['abc', undefined, undefined]);
  });
});
