import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSmsFake } from '../helpers/fakes/tencent-sms';
import { callApp, registerAdmin, startApp, type AppServer } from './server';

// A customer on the H5 pages, on a phone-sized screen, in Chinese: signs in with the code the
// (fake) SMS provider received, files a ticket — a bad mobile is shown at its field and nothing is
// saved, the corrected one goes through — sees it in 我的工单, adds a photo to it, and rates it once
// the service team has resolved it.
const ADMIN = { email: 'h5-admin@browser.local', password: 'Browser2026!', firstname: '浏览器', lastname: '测试' };
const LOGIN_TEMPLATE = '300003';
const shots = path.join(__dirname, '..', '..', 'test-results');
const MOBILE = '13912345678';
// A 1×1 PNG: the photo the customer picks.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TEMPLATE = {
  key: 'h5_repair',
  name: '家电报修',
  category: 'aftersale',
  fieldDefinitions: [
    { key: 'summary', label: { 'zh-Hans': '故障描述' }, type: 'textarea', required: true },
    { key: 'contactMobile', label: { 'zh-Hans': '联系电话' }, type: 'mobile', required: true },
    {
      key: 'appliance', label: { 'zh-Hans': '家电类型' }, type: 'select', required: true,
      options: [{ value: 'ac', label: { 'zh-Hans': '空调' } }, { value: 'fridge', label: { 'zh-Hans': '冰箱' } }],
    },
  ],
};

describe('customer H5 pages (headless Chromium, fake SMS)', () => {
  let sms: Awaited<ReturnType<typeof startSmsFake>>;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let adminJwt: string;
  let apiToken: string;
  const shot = (name: string) => page.screenshot({ path: path.join(shots, `h5-${name}.png`), fullPage: true });
  const admin = (method: string, url: string, body?: unknown, token = adminJwt) => callApp(app, method, url, token, body);
  /** What `read` gives once it gives something (the SMS arrives after the click). */
  const until = async <T>(read: () => T | undefined, ms = 10_000): Promise<T> => {
    for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
      const value = read();
      if (value !== undefined) return value;
      if (Date.now() > end) throw new Error(`nothing within ${ms} ms`);
    }
  };
  const loginCode = () => sms.sent.filter((s) => s.TemplateId === LOGIN_TEMPLATE && s.PhoneNumberSet[0] === `+86${MOBILE}`).pop()?.TemplateParamSet[0];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    sms = await startSmsFake();
    app = await startApp(1900 + (process.pid % 500), {
      TENCENT_SMS_SECRET_ID: 'AKID-browser', TENCENT_SMS_SECRET_KEY: 'sk-browser', TENCENT_SMS_APP_ID: '1400000000', TENCENT_SMS_SIGN: '测试门店',
      TENCENT_SMS_TEMPLATE_ID: '100001', TENCENT_SMS_LOGIN_TEMPLATE_ID: LOGIN_TEMPLATE, TENCENT_SMS_ENDPOINT: `127.0.0.1:${sms.port}`, TENCENT_SMS_PROTOCOL: 'http://',
    });
    adminJwt = (await registerAdmin(app, ADMIN)).jwt;
    await admin('POST', '/content-manager/collection-types/plugin::scrm-tickets.ticket-template', TEMPLATE);
    apiToken = (await admin('POST', '/admin/api-tokens', { name: 'h5-browser', type: 'full-access', lifespan: null })).data.accessKey;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sms?.close();
  });

  it('signs in with the SMS code, files a ticket (a bad mobile shown in place first), lists it, adds a photo and rates it', async () => {
    await page.goto(`${app.url}/h5/`);
    await page.fill('input[name=mobile]', MOBILE);
    await page.click('[data-testid=send-code]');
    const code = await until(loginCode);
    expect(code).toMatch(/^\d{6}$/);
    await page.fill('input[name=code]', code);
    await shot('1-login');
    await page.click('[data-testid=login]');
    await page.waitForSelector('[data-testid=new-ticket]');

    await page.click('[data-testid=new-ticket]');
    await page.click(`[data-testid=template-${TEMPLATE.key}]`);
    await page.fill('input[name=title]', '客厅空调不制冷');
    await page.fill('[name="field.summary"]', '开机半小时仍是常温风，外机不转');
    await page.selectOption('[name="field.appliance"]', 'ac');
    await page.fill('[name="field.contactMobile"]', '12345');
    await page.click('[data-testid=submit]');
    const mobileError = page.locator('[data-testid=error-contactMobile]');
    await mobileError.waitFor({ state: 'visible' });
    expect(await mobileError.textContent()).toContain('11 位手机号');
    await shot('2-form-error');
    const listed = await admin('GET', '/api/scrm-tickets/tickets', undefined, apiToken);
    expect(listed.data).toEqual([]);

    await page.fill('[name="field.contactMobile"]', '13800138000');
    await page.click('[data-testid=submit]');
    await page.waitForSelector('[data-testid=ticket-number]');
    const number = (await page.textContent('[data-testid=ticket-number]'))!.trim();
    expect(number).toMatch(/^GD\d{8}-\d{6}$/);
    const [ticket] = (await admin('GET', '/api/scrm-tickets/tickets', undefined, apiToken)).data;
    expect([ticket.number, ticket.source, ticket.fields]).toEqual([number, 'h5', { summary: '开机半小时仍是常温风，外机不转', contactMobile: '13800138000', appliance: 'ac' }]);

    await page.fill('textarea[name=comment]', '外机照片');
    await page.setInputFiles('[data-testid=photo-input]', { name: 'outdoor.png', mimeType: 'image/png', buffer: PNG });
    await page.click('[data-testid=send-comment]');
    await page.locator('[data-testid=timeline-item]', { hasText: '外机照片' }).waitFor();
    const events = await admin('GET', `/api/scrm-tickets/tickets/${ticket.documentId}/events`, undefined, apiToken);
    expect(events.data.find((e: any) => e.type === 'comment')).toMatchObject({ body: '外机照片', attachments: [expect.objectContaining({ mime: 'image/png' })] });

    await page.goto(`${app.url}/h5/#/tickets`);
    const row = page.locator('[data-testid=ticket-item]', { hasText: number });
    await row.waitFor();
    expect(await row.locator('[data-testid=ticket-status]').textContent()).toContain('新建');
    await shot('3-my-tickets');

    // The service team resolves it; the customer's page shows it and offers the rating.
    for (const to of ['in_progress', 'resolved']) {
      const { version } = (await admin('GET', `/api/scrm-tickets/tickets/${ticket.documentId}`, undefined, apiToken)).data;
      await admin('POST', `/api/scrm-tickets/tickets/${ticket.documentId}/transitions`, { to, version }, apiToken);
    }
    await row.click();
    await page.waitForSelector('[data-testid=star-4]');
    expect(await page.textContent('[data-testid=ticket-status]')).toContain('已解决');
    const changes = await page.locator('[data-testid=timeline-item]', { hasText: '状态变更' }).allTextContents();
    expect(changes.map((t) => t.replace(/^.*状态变更/, '状态变更'))).toEqual(['状态变更：新建 → 处理中', '状态变更：处理中 → 已解决']);
    await page.click('[data-testid=star-4]');
    await page.fill('textarea[name=csatComment]', '师傅很专业');
    await page.click('[data-testid=submit-rating]');
    await page.waitForSelector('[data-testid=rating-done]');
    expect(await page.textContent('[data-testid=rating-done]')).toContain('4');
    await shot('4-rated');
    const rated = (await admin('GET', `/api/scrm-tickets/tickets/${ticket.documentId}`, undefined, apiToken)).data;
    expect([rated.csat, rated.csatComment]).toEqual([4, '师傅很专业']);
  }, 120_000);
});
