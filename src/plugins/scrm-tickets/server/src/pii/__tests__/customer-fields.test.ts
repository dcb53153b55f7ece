import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, loadKeyring, PiiDecryptError } from '../cipher';
import { mobileHash, revealCustomer, rewriteSealedCondition, sealCustomerData } from '../customer-fields';
import { createReach, rewriteFilters, visitResult, type GetModel } from '../schema-walk';

const keyring = loadKeyring({ keys: `A:${randomBytes(32).toString('base64')}`, hashKey: randomBytes(32).toString('base64') }, true).keyring;
const CUSTOMER = 'api::customer.customer';

describe('sealing customer data', () => {
  it('seals mobile and address, sets the hash, and leaves the caller’s object alone', () => {
    const input = { name: '王女士', mobile: '13800138000', address: '上海市徐汇区漕溪北路 88 号', mobileHash: 'forged' };
    const { data, errors } = sealCustomerData(input, keyring);
    expect(errors).toEqual([]);
    expect(data.mobile).toMatch(/^enc:v1:A:/);
    expect(decrypt(data.mobile as string, keyring, 'mobile')).toBe('13800138000');
    expect(decrypt(data.address as string, keyring, 'address')).toBe(input.address);
    expect(data.mobileHash).toBe(mobileHash('13800138000', keyring));
    expect(input.mobile).toBe('13800138000');
  });

  it('names each bad field: a malformed mobile, an address over 500 characters, a non-string', () => {
    expect(sealCustomerData({ mobile: '12345', address: '路'.repeat(501) }, keyring).errors).toEqual([
      { path: ['mobile'], message: 'must be a Chinese mobile number (11 digits)' },
      { path: ['address'], message: 'must be at most 500 characters' },
    ]);
    expect(sealCustomerData({ mobile: 13800138000 }, keyring).errors[0].path).toEqual(['mobile']);
    expect(sealCustomerData({ address: '路'.repeat(500) }, keyring).errors).toEqual([]);
  });

  it('clears mobile and hash together; leaves both alone when mobile is not written; drops a hash given alone', () => {
    expect(sealCustomerData({ mobile: '' }, keyring).data).toEqual({ mobile: null, mobileHash: null });
    expect(sealCustomerData({ mobile: null, address: null }, keyring).data).toEqual({ mobile: null, mobileHash: null, address: null });
    expect(sealCustomerData({ name: 'x', mobileHash: 'forged' }, keyring).data).toEqual({ name: 'x' });
  });

  it('accepts a sealed value read back (a form saving what it showed) by opening and re-sealing it, and refuses one it cannot open', () => {
    const sealed = encrypt('13800138000', keyring, 'mobile');
    const { data } = sealCustomerData({ mobile: sealed }, keyring);
    expect(decrypt(data.mobile as string, keyring, 'mobile')).toBe('13800138000');
    expect(data.mobileHash).toBe(mobileHash('13800138000', keyring));
    expect(sealCustomerData({ mobile: encrypt('1', keyring, 'address') }, keyring).errors[0].path).toEqual(['mobile']);
  });

  it('reveals a row in place without its hash, and names the customer and key when it cannot', () => {
    const row = { id: 7, documentId: 'abc', ...sealCustomerData({ mobile: '13800138000', address: '地址' }, keyring).data };
    expect(revealCustomer(row, keyring)).toEqual({ id: 7, documentId: 'abc', mobile: '13800138000', address: '地址' });
    const other = loadKeyring({ keys: `B:${randomBytes(32).toString('base64')}`, hashKey: randomBytes(32).toString('base64') }, true).keyring;
    const sealed = { documentId: 'abc', mobile: encrypt('13800138000', keyring, 'mobile') };
    expect(() => revealCustomer(sealed, other)).toThrow(PiiDecryptError);
    expect(() => revealCustomer(sealed, other)).toThrow(/customer abc mobile: sealed with key "A"/);
  });
});

describe('filters on sealed fields', () => {
  const h = (m: string) => mobileHash(m, keyring);

  it('moves equality on mobile to the hash', () => {
    expect(rewriteSealedCondition('mobile', '13800138000', keyring, ['mobile']).pairs).toEqual([['mobileHash', h('13800138000')]]);
    expect(rewriteSealedCondition('mobile', { $eq: '13800138000' }, keyring, ['mobile']).pairs).toEqual([['mobileHash', { $eq: h('13800138000') }]]);
    expect(rewriteSealedCondition('mobile', { $in: ['13800138000', '13900139000'] }, keyring, ['mobile']).pairs).toEqual([
      ['mobileHash', { $in: [h('13800138000'), h('13900139000')] }],
    ]);
    expect(rewriteSealedCondition('mobile', { $not: { $eq: '13800138000' } }, keyring, ['mobile']).pairs).toEqual([['mobileHash', { $not: { $eq: h('13800138000') } }]]);
    expect(rewriteSealedCondition('mobile', { $notNull: true }, keyring, ['mobile']).pairs).toEqual([['mobile', { $notNull: true }]]);
  });

  it('refuses what ciphertext cannot answer, with the filter path', () => {
    const { errors } = rewriteSealedCondition('mobile', { $contains: '1380' }, keyring, ['filters', 'mobile']);
    expect(errors).toEqual([{ path: ['filters', 'mobile'], message: expect.stringMatching(/cannot be filtered with \$contains/) }]);
    expect(rewriteSealedCondition('address', { $eq: 'x' }, keyring, ['filters', 'address']).errors).toHaveLength(1);
    expect(rewriteSealedCondition('address', { $null: true }, keyring, ['filters', 'address']).errors).toEqual([]);
  });

  const models: Record<string, any> = {
    'plugin::t.ticket': { attributes: { title: { type: 'string' }, customer: { type: 'relation', target: CUSTOMER }, order: { type: 'relation', target: 'api::order.order' } } },
    'api::order.order': { attributes: { number: { type: 'string' }, customer: { type: 'relation', target: CUSTOMER } } },
    [CUSTOMER]: { attributes: { name: { type: 'string' }, mobile: { type: 'string' }, mobileHash: { type: 'string' }, address: { type: 'text' } } },
    'plugin::t.region': { attributes: { name: { type: 'string' } } },
  };
  const getModel: GetModel = (uid) => models[uid];
  const rewrite = (filters: unknown, uid: string) => {
    const errors: any[] = [];
    const out = rewriteFilters(filters, uid, getModel, CUSTOMER, ['mobile', 'address'], (f, c, p) => rewriteSealedCondition(f as any, c, keyring, p), errors);
    return { out, errors };
  };

  it('rewrites through relations and logical operators, without touching the input', () => {
    const input = { $or: [{ title: { $containsi: '冰箱' } }, { customer: { mobile: '13800138000' } }, { order: { customer: { mobile: { $eq: '13900139000' } } } }] };
    const copy = JSON.parse(JSON.stringify(input));
    expect(rewrite(input, 'plugin::t.ticket').out).toEqual({
      $or: [{ title: { $containsi: '冰箱' } }, { customer: { mobileHash: h('13800138000') } }, { order: { customer: { mobileHash: { $eq: h('13900139000') } } } }],
    });
    expect(input).toEqual(copy);
  });

  it('keeps both conditions when a caller filters by mobile and hash at once', () => {
    expect(rewrite({ mobile: '13800138000', mobileHash: 'x' }, CUSTOMER).out).toEqual({ mobileHash: 'x', $and: [{ mobileHash: h('13800138000') }] });
  });

  it('reports the path of a refused condition under a relation', () => {
    expect(rewrite({ customer: { mobile: { $startsWith: '138' } } }, 'plugin::t.ticket').errors[0].path).toEqual(['filters', 'customer', 'mobile']);
  });

  it('knows which types reach the customer, and visits customers inside results', () => {
    const reaches = createReach(getModel, CUSTOMER);
    expect([reaches('plugin::t.ticket'), reaches('api::order.order'), reaches('plugin::t.region')]).toEqual([true, true, false]);
    const seen: string[] = [];
    const result = [
      { title: 't', customer: { name: 'a' }, order: { customer: { name: 'b' } } },
      { title: 'u', customer: null },
    ];
    visitResult(result, 'plugin::t.ticket', getModel, CUSTOMER, (row) => seen.push(row.name as string));
    visitResult({ documentId: 'd', entries: [{ name: 'c' }] }, CUSTOMER, getModel, CUSTOMER, (row) => seen.push(row.name as string));
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});
