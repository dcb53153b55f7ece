import { randomBytes } from 'node:crypto';
import { adminToken, apiToken, bearer, createTemplate, http, postTicket } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startSmsFake } from '../helpers/fakes/tencent-sms';
import { devKey } from '../../src/plugins/scrm-tickets/server/src/pii/cipher';

const KEY = 'plugin::scrm-tickets';
const CUSTOMER_UID = 'api::customer.customer';
const cm = `/content-manager/collection-types/${CUSTOMER_UID}`;
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
/** The development key the suite's data is sealed with (no SCRM_PII_KEYS in tests). */
const DEV = `dev:${devKey('aes').toString('base64')}`;

let serial = Math.floor(Math.random() * 1e7);
const newMobile = () => `137${String((serial += 1) % 1e8).padStart(8, '0')}`;

/** The stored row, by SQL: what a backup or a database reader sees. */
async function rawCustomer(documentId: string) {
  const result = await strapi().db.connection.raw('SELECT mobile, address, mobile_hash FROM customers WHERE document_id = ?', [documentId]);
  return (Array.isArray(result) ? result : result.rows)[0] as { mobile: string | null; address: string | null; mobile_hash: string | null };
}
const rotation = () => strapi().plugin('scrm-tickets').service('pii-rotation');
const pii = () => strapi().plugin('scrm-tickets').service('pii');
const docs = () => strapi().documents(CUSTOMER_UID as any);

describe('customer mobile and address encrypted at rest (AES-256-GCM, keyed hash lookups)', () => {
  let sms: Awaited<ReturnType<typeof startSmsFake>>;
  let saved: any;
  let token: string;
  let template: any;
  const setKeys = (keys?: string, hashKey?: string) => strapi().config.set(KEY, { ...strapi().config.get(KEY), pii: { keys, hashKey } });

  beforeAll(async () => {
    sms = await startSmsFake();
    saved = strapi().config.get(KEY);
    strapi().config.set(KEY, {
      ...saved,
      h5: {},
      notifications: {
        ...saved.notifications,
        quietHours: null,
        sms: {
          provider: 'tencent',
          secretId: 'AKID-test',
          secretKey: 'sk-test',
          endpoint: `127.0.0.1:${sms.port}`,
          protocol: 'http://',
          sdkAppId: '1400000000',
          signName: '测试门店',
          defaultTemplate: { templateId: '100001', params: ['ticket.number'] },
          templates: { login_code: { templateId: '200002', params: ['code', 'minutes'] } },
        },
      },
    });
    token = await apiToken();
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' }] });
  });
  afterAll(async () => {
    strapi().config.set(KEY, saved);
    await sms.close();
  });

  const createByRest = async (data: Record<string, unknown>) => {
    const res = await http().post('/api/customers').set(bearer(token)).send({ data });
    expect(res.status).toBe(201);
    return res.body.data;
  };

  it('stores ciphertext and a hash, never the number or the address; every reader gets plaintext and no hash', async () => {
    const mobile = newMobile();
    const address = '上海市徐汇区漕溪北路 88 号 1201 室';
    const created = await createByRest({ name: '加密客户', mobile, address });
    expect(created).toMatchObject({ mobile, address });
    expect(created).not.toHaveProperty('mobileHash');

    const raw = await rawCustomer(created.documentId);
    expect(raw.mobile).toMatch(/^enc:v1:dev:/);
    expect(raw.address).toMatch(/^enc:v1:dev:/);
    expect(`${raw.mobile}${raw.address}`).not.toContain(mobile.slice(3));
    expect(`${raw.mobile}${raw.address}`).not.toContain('漕溪北路');
    expect(raw.mobile_hash).toMatch(/^[0-9a-f]{64}$/);

    // REST (content API)
    const rest = await http().get(`/api/customers/${created.documentId}`).set(bearer(token));
    expect(rest.body.data).toMatchObject({ mobile, address });
    expect(rest.body.data).not.toHaveProperty('mobileHash');
    // Content Manager
    const jwt = await adminToken();
    const admin = await http().get(`${cm}/${created.documentId}`).set(bearer(jwt));
    expect(admin.status).toBe(200);
    expect(admin.body.data).toMatchObject({ mobile, address });
    expect(admin.body.data).not.toHaveProperty('mobileHash');
    // Document service
    expect(await docs().findOne({ documentId: created.documentId } as any)).toMatchObject({ mobile, address });
    // GraphQL, top level and through a ticket's relation (the query engine, past the middleware)
    const ticket = (await postTicket({ templateKey: template.key, title: '加密工单', fields: { summary: 'x' }, customer: created.documentId })).body.data;
    const gql = await http()
      .post('/graphql')
      .set(bearer(token))
      .send({
        query: `query($m: String, $t: ID!) { customers(filters: { mobile: { eq: $m } }) { documentId mobile address } scrmTicketsTicket(documentId: $t) { customer { mobile address } } }`,
        variables: { m: mobile, t: ticket.documentId },
      });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.customers).toEqual([{ documentId: created.documentId, mobile, address }]);
    expect(gql.body.data.scrmTicketsTicket.customer).toEqual({ mobile, address });
    // REST of another type with the customer populated
    const populated = await http().get(`/api/scrm-tickets/tickets/${ticket.documentId}`).query({ populate: 'customer' }).set(bearer(token));
    expect(populated.body.data.customer).toMatchObject({ mobile, address });
    expect(populated.body.data.customer).not.toHaveProperty('mobileHash');
  });

  it('finds customers by mobile (REST, Content Manager, the admin ticket list) and refuses searches ciphertext cannot answer', async () => {
    const mobile = newMobile();
    const c = await createByRest({ name: '查找客户', mobile });
    await createByRest({ name: '别的客户', mobile: newMobile() });
    const found = await http()
      .get('/api/customers')
      .query({ filters: { mobile: { $eq: mobile } } })
      .set(bearer(token));
    expect(found.body.data.map((r: any) => r.documentId)).toEqual([c.documentId]);
    const jwt = await adminToken();
    // As the list view's filter sends it.
    const admin = await http().get(`${cm}?filters[$and][0][mobile][$eq]=${mobile}`).set(bearer(jwt));
    expect(admin.body.results.map((r: any) => [r.documentId, r.mobile])).toEqual([[c.documentId, mobile]]);

    const contains = await http()
      .get('/api/customers')
      .query({ filters: { mobile: { $contains: mobile.slice(0, 5) } } })
      .set(bearer(token));
    expect(contains.status).toBe(400);
    expect(contains.body.error.details.errors[0].path).toEqual(['filters', 'mobile']);

    const ticket = (await postTicket({ templateKey: template.key, title: '按手机号找', fields: { summary: 'x' }, customer: c.documentId })).body.data;
    const list = await http().get('/scrm-tickets/tickets').query({ q: mobile }).set(bearer(jwt));
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: any) => [r.documentId, r.customer.mobile])).toEqual([[ticket.documentId, mobile]]);
  });

  it('refuses a bad mobile or a too-long address with the field path (REST, Content Manager) and stores nothing', async () => {
    const before = await docs().count({} as any);
    const bad = await http()
      .post('/api/customers')
      .set(bearer(token))
      .send({ data: { name: '坏号码', mobile: '1380013800' } });
    expect([bad.status, bad.body.error.details.errors[0].path]).toEqual([400, ['mobile']]);
    const long = await http()
      .post('/api/customers')
      .set(bearer(token))
      .send({ data: { name: '长地址', address: '路'.repeat(501) } });
    expect([long.status, long.body.error.details.errors[0].path]).toEqual([400, ['address']]);
    const admin = await http()
      .post(cm)
      .set(bearer(await adminToken()))
      .send({ name: '后台坏号码', mobile: '+86 13800138000' });
    expect([admin.status, admin.body.error.details.errors[0].path]).toEqual([400, ['mobile']]);
    expect(await docs().count({} as any)).toBe(before);
  });

  it('signs in on H5 as the customer who has that mobile, and texts the plaintext number while the outbox keeps it sealed', async () => {
    const mobile = newMobile();
    const c = await createByRest({ name: '短信客户', mobile, notifyChannels: ['sms'] });
    expect((await http().post('/api/scrm-tickets/h5/sms-code').send({ mobile })).status).toBe(200);
    const code = [...sms.sent].reverse().find((s) => s.PhoneNumberSet[0] === `+86${mobile}`)!.TemplateParamSet[0];
    const login = await http().post('/api/scrm-tickets/h5/login').send({ mobile, code });
    expect(login.status).toBe(200);
    expect(login.body.data.customer).toMatchObject({ documentId: c.documentId, mobile });
    // Neither the code table nor the users table holds the number.
    const codes = await strapi().db.connection('scrm_h5_login_codes').select('*');
    expect(JSON.stringify(codes)).not.toContain(mobile);
    const user = await strapi()
      .db.query('plugin::users-permissions.user')
      .findOne({ where: { provider: 'h5-sms', username: { $startsWith: 'h5_' } }, orderBy: { id: 'desc' } });
    expect(`${user.username} ${user.email}`).not.toContain(mobile);

    const ticket = (await postTicket({ templateKey: template.key, title: '短信通知', fields: { summary: 'x' }, customer: c.documentId })).body.data;
    const outbox = await strapi().db.connection('scrm_notifications').where({ ticket_id: ticket.id }).first();
    const recipient = typeof outbox.recipient === 'string' ? JSON.parse(outbox.recipient) : outbox.recipient;
    expect(recipient.mobile).toMatch(/^enc:v1:/);
    expect(JSON.stringify(outbox)).not.toContain(mobile);
    const before = sms.sent.length;
    await strapi().plugin('scrm-tickets').service('notify-dispatcher').tick(Date.now());
    expect(sms.sent.slice(before).map((s) => s.PhoneNumberSet)).toContainEqual([`+86${mobile}`]);
  });

  it('rotates: rows of key A move to key B, read with B,A and then with B alone', async () => {
    const A = key('A');
    const B = key('B');
    const mobile = newMobile();
    try {
      setKeys(`${A},${DEV}`);
      const c = await createByRest({ name: '轮换客户', mobile, address: '杭州市西湖区文三路 1 号' });
      expect((await rawCustomer(c.documentId)).mobile).toMatch(/^enc:v1:A:/);

      // A new current key: old rows still read, new writes use B.
      setKeys(`${B},${A},${DEV}`);
      expect(await docs().findOne({ documentId: c.documentId } as any)).toMatchObject({ mobile });
      const report = await rotation().rotate({ batchSize: 7 });
      expect(report.customers.rotated).toBeGreaterThanOrEqual(1);
      expect(report.customers.unreadable).toBe(0);
      const raw = await rawCustomer(c.documentId);
      expect([raw.mobile, raw.address]).toEqual([expect.stringMatching(/^enc:v1:B:/), expect.stringMatching(/^enc:v1:B:/)]);
      const notUnderB = await strapi().db.connection('customers').whereNotNull('mobile').andWhere('mobile', 'not like', 'enc:v1:B:%').count({ n: '*' });
      expect(Number(notUnderB[0].n)).toBe(0);
      // Idempotent: a second run finds nothing to do.
      expect((await rotation().rotate()).customers).toMatchObject({ rotated: 0, sealed: 0, rehashed: 0 });

      // B alone: the old keys can go.
      setKeys(B);
      expect(await docs().findOne({ documentId: c.documentId } as any)).toMatchObject({ mobile, address: '杭州市西湖区文三路 1 号' });
      const found: any = await docs().findFirst({ filters: { mobile } } as any);
      expect(found?.documentId).toBe(c.documentId);
    } finally {
      // Everything back under the suite's key for the specs that follow.
      setKeys(`${DEV},${B},${A}`);
      expect((await rotation().rotate()).customers.unreadable).toBe(0);
      setKeys(saved.pii?.keys, saved.pii?.hashKey);
    }
  });

  it('refuses to read a row whose key was removed, naming the key; the boot pass reports it', async () => {
    const A = key('A');
    const c = await (async () => {
      setKeys(A);
      try {
        return await docs().create({ data: { name: '无钥客户', mobile: newMobile() } as any });
      } finally {
        setKeys(saved.pii?.keys, saved.pii?.hashKey);
      }
    })();
    try {
      await expect(docs().findOne({ documentId: c.documentId } as any)).rejects.toThrow(/sealed with key "A", which the keyring does not hold/);
      const boot = await rotation().sealLegacy();
      expect(boot.unreadable).toBeGreaterThanOrEqual(1);
      expect(boot.unknownKeys).toContain('A');
    } finally {
      await strapi().db.connection('customers').where({ document_id: c.documentId }).delete();
    }
  });

  it('seals legacy plaintext rows (the boot pass), after which lookups find them', async () => {
    const mobile = newMobile();
    const documentId = `legacy${Date.now()}`;
    const now = new Date();
    await strapi()
      .db.connection('customers')
      .insert({ document_id: documentId, name: '老客户', mobile, address: '老地址', vip_level: 0, created_at: now, updated_at: now, published_at: now });
    // Plaintext passes through reads until sealed; the lookup needs the hash.
    expect(await docs().findOne({ documentId } as any)).toMatchObject({ mobile, address: '老地址' });
    expect(await docs().findFirst({ filters: { mobile } } as any)).toBeNull();
    const done = await rotation().sealLegacy();
    expect(done.sealed).toBeGreaterThanOrEqual(1);
    const raw = await rawCustomer(documentId);
    expect(raw.mobile).toMatch(/^enc:v1:dev:/);
    expect(raw.mobile_hash).toBe(pii().mobileHash(mobile));
    expect(((await docs().findFirst({ filters: { mobile } } as any)) as any)?.documentId).toBe(documentId);
  });

  it('rehashes every lookup hash after SCRM_PII_HASH_KEY changes', async () => {
    const mobile = newMobile();
    const c = await createByRest({ name: '换哈希', mobile });
    const hashKey = randomBytes(32).toString('base64');
    try {
      setKeys(saved.pii?.keys, hashKey);
      expect(await docs().findFirst({ filters: { mobile } } as any)).toBeNull();
      expect((await rotation().rotate({ rehash: true })).customers.rehashed).toBeGreaterThanOrEqual(1);
      expect(((await docs().findFirst({ filters: { mobile } } as any)) as any)?.documentId).toBe(c.documentId);
    } finally {
      setKeys(saved.pii?.keys, saved.pii?.hashKey);
      await rotation().rotate({ rehash: true });
    }
    expect(((await docs().findFirst({ filters: { mobile } } as any)) as any)?.documentId).toBe(c.documentId);
  });
});
