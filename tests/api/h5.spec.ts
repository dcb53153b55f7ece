import { apiToken, bearer, createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startSmsFake } from '../helpers/fakes/tencent-sms';

const KEY = 'plugin::scrm-tickets';
const CUSTOMER_UID = 'api::customer.customer';
const FIELDS = [{ key: 'summary', label: { 'zh-Hans': '问题描述' }, type: 'textarea', required: true }];

/** A fresh mainland mobile number per call (the limits are per number). */
let serial = Math.floor(Math.random() * 1e7);
const newMobile = () => `139${String((serial += 1) % 1e8).padStart(8, '0')}`;

describe('customer H5: SMS sign-in, rate limits and ratings (/api/scrm-tickets/h5/*)', () => {
  let sms: Awaited<ReturnType<typeof startSmsFake>>;
  let saved: any;
  let template: any;
  const setLimits = (h5: Record<string, number>) => strapi().config.set(KEY, { ...strapi().config.get(KEY), h5 });
  const requestCode = (mobile: string, ip = '10.0.0.1') => http().post('/api/scrm-tickets/h5/sms-code').set('x-forwarded-for', ip).send({ mobile });
  const login = (mobile: string, code: string) => http().post('/api/scrm-tickets/h5/login').send({ mobile, code });
  /** The code the fake SMS provider received last for this number. */
  const codeSentTo = (mobile: string) => {
    const text = [...sms.sent].reverse().find((s) => s.PhoneNumberSet[0] === `+86${mobile}`);
    return text?.TemplateParamSet?.[0] as string | undefined;
  };
  const signIn = async (mobile = newMobile()) => {
    expect((await requestCode(mobile)).status).toBe(200);
    const res = await login(mobile, codeSentTo(mobile)!);
    expect(res.status).toBe(200);
    return { mobile, jwt: res.body.data.jwt as string, customer: res.body.data.customer };
  };

  beforeAll(async () => {
    sms = await startSmsFake();
    saved = strapi().config.get(KEY);
    strapi().config.set(KEY, {
      ...saved,
      h5: {},
      notifications: {
        ...saved.notifications,
        sms: {
          provider: 'tencent', secretId: 'AKID-test', secretKey: 'sk-test', endpoint: `127.0.0.1:${sms.port}`, protocol: 'http://',
          sdkAppId: '1400000000', signName: '测试门店', defaultTemplate: { templateId: '100001', params: ['ticket.number'] },
          templates: { login_code: { templateId: '200002', params: ['code', 'minutes'] } },
        },
      },
    });
    // Behind a proxy the client's address comes from X-Forwarded-For (the limits are per IP).
    strapi().server.app.proxy = true;
    template = await createTemplate({ fieldDefinitions: FIELDS, name: '在线报修' });
  });
  afterAll(async () => {
    strapi().server.app.proxy = false;
    strapi().config.set(KEY, saved);
    await sms.close();
  });

  it('signs a customer in with the code sent by SMS, making the customer on first sign-in and finding them after', async () => {
    const mobile = newMobile();
    const sent = await requestCode(mobile);
    expect([sent.status, sent.body.data]).toEqual([200, { retryAfterSeconds: 60 }]);
    const text = sms.sent[sms.sent.length - 1];
    expect([text.TemplateId, text.PhoneNumberSet, text.TemplateParamSet[1]]).toEqual(['200002', [`+86${mobile}`], '5']);
    expect(codeSentTo(mobile)).toMatch(/^\d{6}$/);
    const wrong = String((Number(codeSentTo(mobile)) + 1) % 1e6).padStart(6, '0');
    expect((await login(mobile, wrong)).body.error.details.errors[0].path).toEqual(['code']);
    const ok = await login(mobile, codeSentTo(mobile)!);
    expect(ok.status).toBe(200);
    expect(ok.body.data.customer).toMatchObject({ name: `客户${mobile.slice(-4)}`, mobile });
    // A code signs in once.
    expect((await login(mobile, codeSentTo(mobile)!)).status).toBe(400);
    const mine = await http().get('/api/scrm-tickets/tickets').set(bearer(ok.body.data.jwt));
    expect([mine.status, mine.body.data]).toEqual([200, []]);
    // The next sign-in (a minute later) is the same customer and user.
    strapi().config.set(KEY, { ...strapi().config.get(KEY), h5: { resendAfterMs: 0 } });
    const again = await signIn(mobile);
    expect(again.customer.documentId).toBe(ok.body.data.customer.documentId);
    // The number is stored sealed: one customer carries its lookup hash.
    const mobileHash = strapi().plugin('scrm-tickets').service('pii').mobileHash(mobile);
    expect(await strapi().db.query(CUSTOMER_UID as any).count({ where: { mobileHash } })).toBe(1);
    setLimits({});
  });

  it('refuses a bad mobile, and a code after five wrong tries', async () => {
    const bad = await requestCode('12345');
    expect([bad.status, bad.body.error.details.errors[0].path]).toEqual([400, ['mobile']]);
    const mobile = newMobile();
    await requestCode(mobile);
    const right = codeSentTo(mobile)!;
    const wrong = String((Number(right) + 7) % 1e6).padStart(6, '0');
    for (let i = 0; i < 5; i += 1) expect((await login(mobile, wrong)).status).toBe(400);
    expect((await login(mobile, right)).status).toBe(400);
  });

  it('limits codes per number (one a minute, five an hour) and per IP, saying when to try again', async () => {
    const mobile = newMobile();
    expect((await requestCode(mobile)).status).toBe(200);
    const soon = await requestCode(mobile);
    expect([soon.status, soon.body.error.name]).toEqual([429, 'RateLimitError']);
    expect(soon.body.error.details.retryAfterSeconds).toBeGreaterThan(55);
    setLimits({ resendAfterMs: 0, perMobilePerHour: 2 });
    expect((await requestCode(mobile)).status).toBe(200);
    const hourly = await requestCode(mobile);
    expect(hourly.status).toBe(429);
    expect(hourly.body.error.details.retryAfterSeconds).toBeGreaterThan(3500);
    setLimits({ resendAfterMs: 0, perIpPerHour: 3 });
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await requestCode(newMobile(), ip)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await requestCode(newMobile(), '10.8.0.1')).status).toBe(200);
    setLimits({});
  });

  it('does not count a code the SMS provider failed to send, and answers 503', async () => {
    const mobile = newMobile();
    sms.failNext('FailedOperation.InsufficientBalanceInSmsPackage');
    expect((await requestCode(mobile)).status).toBe(503);
    expect((await requestCode(mobile)).status).toBe(200);
  });

  it('lets a signed-in customer file a ticket, see its state label, and rate it once resolved (not before, not someone else’s)', async () => {
    const me = await signIn();
    const created = await http()
      .post('/api/scrm-tickets/tickets')
      .set(bearer(me.jwt))
      .send({ data: { templateKey: template.key, title: '热水器不出热水', fields: { summary: '打开后只有冷水' }, source: 'h5' } });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const list = await http().get('/api/scrm-tickets/tickets').set(bearer(me.jwt));
    expect(list.body.data.map((t: any) => [t.documentId, t.source, t.stateLabel])).toEqual([[id, 'h5', { 'zh-Hans': '新建', en: 'New' }]]);
    const rate = (jwt: string, data: unknown) => http().post(`/api/scrm-tickets/tickets/${id}/rating`).set(bearer(jwt)).send({ data });
    expect((await rate(me.jwt, { csat: 5 })).status).toBe(409);

    const token = await apiToken();
    for (const to of ['in_progress', 'resolved']) {
      const version = (await http().get(`/api/scrm-tickets/tickets/${id}`).set(bearer(token))).body.data.version;
      expect((await http().post(`/api/scrm-tickets/tickets/${id}/transitions`).set(bearer(token)).send({ to, version })).status).toBe(200);
    }
    const bad = await rate(me.jwt, { csat: 6, comment: 7 });
    expect([bad.status, bad.body.error.details.errors.map((e: any) => e.path[0])]).toEqual([400, ['csat', 'comment']]);
    const other = await signIn();
    expect((await rate(other.jwt, { csat: 1 })).status).toBe(404);
    const rated = await rate(me.jwt, { csat: 4, comment: ' 师傅很准时 ' });
    expect(rated.status).toBe(200);
    expect([rated.body.data.csat, rated.body.data.csatComment, rated.body.data.stateLabel['zh-Hans']]).toEqual([4, '师傅很准时', '已解决']);
  });
});
