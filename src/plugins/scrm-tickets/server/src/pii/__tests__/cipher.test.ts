import { randomBytes } from 'node:crypto';
import { PiiDecryptError, PiiKeyError, blindIndex, decrypt, devKey, encrypt, keyIdOf, loadKeyring, parseKeys, reveal, type Keyring } from '../cipher';

const b64 = () => randomBytes(32).toString('base64');
const ring = (keys: string, hashKey = b64()): Keyring => loadKeyring({ keys, hashKey }, true).keyring;

describe('PII cipher', () => {
  const A = `A:${b64()}`;
  const B = `B:${b64()}`;

  it('round-trips text under the current key, a fresh IV each time', () => {
    const k = ring(A);
    const one = encrypt('13800138000', k, 'mobile');
    const two = encrypt('13800138000', k, 'mobile');
    expect(one).toMatch(/^enc:v1:A:[A-Za-z0-9+/]+=*$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain('13800138000');
    expect(decrypt(one, k, 'mobile')).toBe('13800138000');
    expect(decrypt(encrypt('上海市徐汇区漕溪北路 88 号 🏠', k, 'address'), k, 'address')).toBe('上海市徐汇区漕溪北路 88 号 🏠');
    expect(keyIdOf(one)).toBe('A');
  });

  it('refuses a value whose ciphertext, tag or IV was altered', () => {
    const k = ring(A);
    const sealed = encrypt('13800138000', k, 'mobile');
    const body = Buffer.from(sealed.slice('enc:v1:A:'.length), 'base64');
    for (const at of [0, 12, body.length - 1]) {
      const bad = Buffer.from(body);
      bad[at] ^= 1;
      expect(() => decrypt(`enc:v1:A:${bad.toString('base64')}`, k, 'mobile')).toThrow(PiiDecryptError);
    }
    expect(() => decrypt('enc:v1:A:AAAA', k, 'mobile')).toThrow(/truncated/);
  });

  it('does not open a value as another field (the field is authenticated)', () => {
    const k = ring(A);
    expect(() => decrypt(encrypt('13800138000', k, 'mobile'), k, 'address')).toThrow(/failed authentication/);
  });

  it('fails with the wrong key of the same id, and names a key the ring lacks', () => {
    const sealed = encrypt('13800138000', ring(A), 'mobile');
    expect(() => decrypt(sealed, ring(`A:${b64()}`), 'mobile')).toThrow(PiiDecryptError);
    const missing = (() => {
      try {
        decrypt(sealed, ring(B), 'mobile');
      } catch (error) {
        return error as PiiDecryptError;
      }
    })();
    expect(missing).toBeInstanceOf(PiiDecryptError);
    expect([missing!.keyId, missing!.message]).toEqual(['A', 'sealed with key "A", which the keyring does not hold']);
  });

  it('reads values of an older key after rotation, and seals new ones with the first key', () => {
    const old = encrypt('13800138000', ring(A), 'mobile');
    const rotated = ring(`${B},${A}`);
    expect(rotated.current).toBe('B');
    expect(decrypt(old, rotated, 'mobile')).toBe('13800138000');
    expect(keyIdOf(encrypt('13800138000', rotated, 'mobile'))).toBe('B');
  });

  it('passes legacy plaintext through reveal, and opens sealed values', () => {
    const k = ring(A);
    expect(reveal('13800138000', k, 'mobile')).toBe('13800138000');
    expect(reveal(null, k, 'mobile')).toBeNull();
    expect(reveal(encrypt('x', k, 'mobile'), k, 'mobile')).toBe('x');
  });

  it('hashes equal numbers equally, per key and per domain, ignoring surrounding blanks', () => {
    const key = randomBytes(32);
    expect(blindIndex('13800138000', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(' 13800138000 ', key)).toBe(blindIndex('13800138000', key));
    expect(blindIndex('13800138000', key)).not.toBe(blindIndex('13800138001', key));
    expect(blindIndex('13800138000', key)).not.toBe(blindIndex('13800138000', randomBytes(32)));
    expect(blindIndex('13800138000', key, 'mobile')).not.toBe(blindIndex('13800138000', key, 'other'));
  });
});

describe('PII keyring from the environment', () => {
  it('refuses to start in production without keys, saying what to set', () => {
    expect(() => loadKeyring({}, true)).toThrow(/SCRM_PII_KEYS is not set/);
    expect(() => loadKeyring({ keys: `A:${b64()}` }, true)).toThrow(/SCRM_PII_HASH_KEY is not set/);
  });

  it('refuses short, long, malformed and duplicate keys everywhere', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseKeys(`A:${short}`)).toThrow(/exactly 32 random bytes.*got 16/);
    expect(() => parseKeys(`A:${randomBytes(33).toString('base64')}`)).toThrow(/exactly 32/);
    expect(() => parseKeys(`A:not base64!`)).toThrow(PiiKeyError);
    expect(() => parseKeys(b64())).toThrow(/keyId:base64key/);
    expect(() => parseKeys(`a_b:${b64()}`)).toThrow(/key id/);
    const k = b64();
    expect(() => parseKeys(`A:${k},A:${k}`)).toThrow(/appears twice/);
    expect(() => loadKeyring({ keys: `A:${short}` }, false)).toThrow(PiiKeyError);
    expect(() => loadKeyring({ keys: `A:${b64()}`, hashKey: short }, false)).toThrow(/SCRM_PII_HASH_KEY must be at least 32/);
  });

  it('accepts base64url keys', () => {
    const raw = randomBytes(32);
    expect(parseKeys(`k1:${raw.toString('base64url')}`).keys.get('k1')).toEqual(raw);
  });

  it('falls back to the public development keys outside production, with warnings', () => {
    const { keyring, warnings } = loadKeyring({}, false);
    expect(keyring.current).toBe('dev');
    expect(keyring.keys.get('dev')).toEqual(devKey('aes'));
    expect(keyring.hashKey).toEqual(devKey('hmac'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/PUBLIC development key/);
  });
});
