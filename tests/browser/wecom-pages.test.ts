import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWecomFake } from '../helpers/fakes/wecom';
import { callApp, registerAdmin, startApp, type AppServer } from './server';

// A store manager in WeCom: the app-menu card opens the workbench form through web authorization
// (a fake WeCom API names the member) and files a ticket as them; the chat sidebar reads the
// contact through the JS-SDK — a stand-in for WeCom's SDK script, served in its place, records
// the signed config — shows them as a customer and files a ticket for them.
const ADMIN = { email: 'wecom-admin@browser.local', password: 'Browser2026!', firstname: '王', lastname: '店长' };
const shots = path.join(__dirname, '..', '..', 'test-results');
const MEMBER = 'wangdz';
const CONTACT = 'wmSidebar01';
const TEMPLATE = {
  key: 'store_repair',
  name: '门店报修',
  category: 'aftersale',
  fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '故障描述' }, type: 'textarea', required: true }],
};
// WeCom's JS-SDK as far as the sidebar uses it; it records what the page configured.
const SDK_STAND_IN = `window.__wx = [];
window.wx = {
  config(o) { __wx.push(['config', o]); }, ready(cb) { setTimeout(cb, 0); }, error() {},
  agentConfig(o) { __wx.push(['agentConfig', o]); setTimeout(o.success, 0); },
  invoke(name, args, cb) { __wx.push(['invoke', name]); cb({ err_msg: name + ':ok', userId: '${CONTACT}' }); },
};`;

describe('WeCom member pages: workbench form and chat sidebar (headless Chromium, fake WeCom)', () => {
  let wecom: Awaited<ReturnType<typeof startWecomFake>>;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let adminJwt: string;
  let adminId: number;
  let apiToken: string;
  const shot = (name: string) => page.screenshot({ path: path.join(shots, `wecom-${name}.png`), fullPage: true });
  const call = (method: string, url: string, body?: unknown, token = adminJwt) => callApp(app, method, url, token, body);
  const tickets = async () => (await call('GET', '/api/scrm-tickets/tickets?sort=createdAt:asc', undefined, apiToken)).data;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    wecom = await startWecomFake();
    const port = 2400 + (process.pid % 500);
    app = await startApp(port, {
      WECOM_CORP_ID: 'ww-browser-corp', WECOM_APP_SECRET: 'browser-secret', WECOM_AGENT_ID: '1000007', WECOM_API_BASE: wecom.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    ({ jwt: adminJwt, id: adminId } = await registerAdmin(app, ADMIN));
    await call('POST', '/content-manager/collection-types/plugin::scrm-tickets.ticket-template', TEMPLATE);
    await call('POST', '/content-manager/collection-types/plugin::scrm-tickets.team', { key: 'store', name: '门店', autoAssign: false });
    await call('POST', '/content-manager/collection-types/plugin::scrm-tickets.agent-profile', { name: '王店长', team: 'store', wecomUserId: MEMBER, user: adminId });
    apiToken = (await call('POST', '/admin/api-tokens', { name: 'wecom-browser', type: 'full-access', lifespan: null })).data.accessKey;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // Nothing leaves the machine: WeCom's SDK scripts are answered here.
    await page.route('https://res.wx.qq.com/**', (route) => route.fulfill({ contentType: 'application/javascript', body: SDK_STAND_IN }));
    await page.route('https://open.work.weixin.qq.com/**', (route) => route.fulfill({ contentType: 'application/javascript', body: '' }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await wecom?.close();
  });

  it('opens the menu card’s form signed in as the member and files the ticket as them (wecom_menu)', async () => {
    wecom.oauthCodes.set('code-workbench', MEMBER);
    await page.goto(`${app.url}/h5/workbench.html?template=${TEMPLATE.key}&source=wecom_menu&code=code-workbench&state=scrm`);
    await page.waitForSelector('[data-testid=submit]');
    expect(new URL(page.url()).searchParams.get('code')).toBeNull(); // a reload does not spend it again
    await page.click('[data-testid=submit]');
    await page.locator('[data-testid=error-summary]').waitFor({ state: 'visible' });
    await page.fill('[name="field.summary"]', '收银台打印机卡纸');
    await page.click('[data-testid=submit]');
    const toast = page.locator('[data-testid=toast]', { hasText: '提交成功' });
    await toast.waitFor();
    await shot('1-workbench');
    const [ticket] = await tickets();
    expect((await toast.textContent())!).toContain(ticket.number);
    expect([ticket.source, ticket.fields]).toEqual(['wecom_menu', { summary: '收银台打印机卡纸' }]);
    const events = (await call('GET', `/api/scrm-tickets/tickets/${ticket.documentId}/events`, undefined, apiToken)).data;
    expect(events[0].actor).toMatchObject({ kind: 'admin', id: adminId });
  });

  it('shows the sidebar’s contact through a signed JS-SDK config and files a ticket for them (wecom_sidebar)', async () => {
    wecom.contacts.set(CONTACT, { external_contact: { external_userid: CONTACT, name: '赵先生', type: 1 }, follow_user: [{ userid: MEMBER, remark_mobiles: ['13700001111'] }] });
    wecom.oauthCodes.set('code-sidebar', MEMBER);
    await page.goto(`${app.url}/h5/sidebar.html?code=code-sidebar`);
    await page.waitForSelector('[data-testid=customer-name]');
    expect(await page.textContent('[data-testid=customer-name]')).toContain('赵先生');
    const calls: any[] = await page.evaluate(() => (window as any).__wx);
    const config = calls.find((c) => c[0] === 'config')[1];
    const agentConfig = calls.find((c) => c[0] === 'agentConfig')[1];
    const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
    const url = `${app.url}/h5/sidebar.html`;
    expect([config.appId, agentConfig.corpid, agentConfig.agentid]).toEqual(['ww-browser-corp', 'ww-browser-corp', '1000007']);
    expect(config.signature).toBe(sha1(`jsapi_ticket=corp-ticket-1&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${url}`));
    expect(agentConfig.signature).toBe(sha1(`jsapi_ticket=agent-ticket-1&noncestr=${agentConfig.nonceStr}&timestamp=${agentConfig.timestamp}&url=${url}`));

    await page.click(`[data-testid=template-${TEMPLATE.key}]`);
    await page.fill('[name="field.summary"]', '会员卡积分没到账');
    await page.fill('input[name=title]', '赵先生积分问题');
    await page.click('[data-testid=submit]');
    await page.locator('[data-testid=ticket-item]', { hasText: '赵先生积分问题' }).waitFor();
    await shot('2-sidebar');
    const filed = (await tickets()).find((t: any) => t.title === '赵先生积分问题');
    expect(filed.source).toBe('wecom_sidebar');
    const withCustomer = await call('GET', `/api/scrm-tickets/tickets/${filed.documentId}?populate[customer][fields][0]=name&populate[customer][fields][1]=mobile`, undefined, apiToken);
    expect(withCustomer.data.customer).toMatchObject({ name: '赵先生', mobile: '13700001111' });
  });
});
