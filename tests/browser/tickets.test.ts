import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { callApp, logInAdmin, registerAdmin, startApp, type AppServer } from './server';

// The service team's ticket list in the zh-Hans admin: a 客服坐席 of 上海 sees the 上海 tickets (and
// the unplaced one) and not the 杭州 one, searches and filters; the administrator sees them all
// and loads further pages.
const ADMIN = { email: 'list-admin@browser.local', password: 'Browser2026!', firstname: '系统', lastname: '管理员' };
const AGENT = { email: 'sh-agent@browser.local', password: 'Browser2026!', firstname: '上海', lastname: '坐席' };
const shots = path.join(__dirname, '..', '..', 'test-results');
const TEMPLATE = {
  key: 'list_repair',
  name: '列表报修',
  category: 'aftersale',
  fieldDefinitions: [
    { key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' },
    { key: 'contactMobile', label: { 'zh-Hans': '联系电话' }, type: 'mobile' },
  ],
};
const MANAGER = { email: 'sh-manager@browser.local', password: 'Browser2026!', firstname: '上海', lastname: '店长' };
const REGIONAL = { email: 'ec-regional@browser.local', password: 'Browser2026!', firstname: '华东', lastname: '区域经理' };
const FINANCE = { email: 'finance@browser.local', password: 'Browser2026!', firstname: '总部', lastname: '财务' };
const CONFIGURER = { email: 'configurer@browser.local', password: 'Browser2026!', firstname: '系统', lastname: '配置员' };
// A 1×1 PNG: the photo a 客服坐席 attaches to a reply.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
// A compensation needs the store manager's approval before it is paid.
const APPROVAL_TEMPLATE = {
  key: 'list_compensation',
  name: '赔付申请',
  category: 'aftersale',
  fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' }],
  workflow: {
    initial: 'open',
    final: ['done'],
    states: [{ key: 'open', label: { 'zh-Hans': '待处理' } }, { key: 'paid', label: { 'zh-Hans': '已赔付' }, resolves: true }, { key: 'done', label: { 'zh-Hans': '完成' } }],
    transitions: [{ from: 'open', to: 'paid', approval: 'browser_compensation' }, { from: 'paid', to: 'done' }],
  },
};
const CT = '/content-manager/collection-types';

describe('ticket list in the admin (headless Chromium, zh-Hans)', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let adminJwt: string;
  const numbers: Record<string, string> = {};
  const call = (method: string, url: string, body?: unknown) => callApp(app, method, url, adminJwt, body);
  const shot = (name: string) => page.screenshot({ path: path.join(shots, `tickets-${name}.png`), fullPage: true });
  const rows = async () => page.locator('tr[data-testid=ticket-row]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number')));
  const waitRows = async (expected: string[]) => {
    for (const end = Date.now() + 15_000; ; await page.waitForTimeout(200)) {
      const seen = await rows();
      if (JSON.stringify([...seen].sort()) === JSON.stringify([...expected].sort())) return seen;
      if (Date.now() > end) throw new Error(`rows ${JSON.stringify(seen)}, wanted ${JSON.stringify(expected)}`);
    }
  };
  const logIn = (who: { email: string; password: string }) => logInAdmin(page, app, who);

  /** An admin user in a seeded role, invited and registered as the admin panel does it. */
  const invite = async (who: typeof AGENT, roleCode: string) => {
    const roles = (await call('GET', '/admin/roles')).data;
    const invited = (await call('POST', '/admin/users', { email: who.email, firstname: who.firstname, lastname: who.lastname, roles: [roles.find((r: any) => r.code === roleCode).id] })).data;
    const registered = await fetch(`${app.url}/admin/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ registrationToken: invited.registrationToken, userInfo: { firstname: who.firstname, lastname: who.lastname, password: who.password } }),
    });
    if (registered.status !== 200) throw new Error(`register: ${registered.status} ${await registered.text()}`);
    return invited.id as number;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startApp(2900 + (process.pid % 500));
    adminJwt = (await registerAdmin(app, ADMIN)).jwt;
    await call('POST', `${CT}/plugin::scrm-tickets.ticket-template`, TEMPLATE);
    const region = async (code: string, name: string) => (await call('POST', `${CT}/plugin::scrm-tickets.region`, { code, name, level: 'city' })).data;
    const sh = await region('SH', '上海');
    const hz = await region('HZ', '杭州');
    const customer = (await call('POST', `${CT}/api::customer.customer`, { name: '王女士', mobile: '13900000001', vipLevel: 1 })).data;
    await call('POST', `${CT}/api::order.order`, { number: 'DD20261101-0007', amountFen: 459900, state: 'completed', customer: { connect: [{ documentId: customer.documentId }] } });
    const ticket = async (title: string, extra: Record<string, unknown>) => {
      const made = (await call('POST', `${CT}/plugin::scrm-tickets.ticket`, { title, template: { connect: [{ documentId: (await templateDoc()).documentId }] }, fields: { summary: title }, ...extra })).data;
      numbers[title] = made.number;
    };
    const templateDoc = async () => (await call('GET', `${CT}/plugin::scrm-tickets.ticket-template?filters[key][$eq]=${TEMPLATE.key}`)).results[0];
    await ticket('上海空调漏水', { region: { connect: [{ documentId: sh.documentId }] }, customer: { connect: [{ documentId: customer.documentId }] }, priority: 'urgent' });
    // 王女士's too: her 360 panel lists it for those who see 杭州, and not for the 上海 agent.
    await ticket('杭州冰箱异响', { region: { connect: [{ documentId: hz.documentId }] }, customer: { connect: [{ documentId: customer.documentId }] } });
    await ticket('未分区的咨询', {});
    // The 上海 agent: an admin user in the seeded 客服坐席 role whose agent profile names 上海.
    const agentId = await invite(AGENT, 'scrm-agent');
    await invite(MANAGER, 'scrm-store-manager');
    await invite(REGIONAL, 'scrm-regional-manager');
    await invite(FINANCE, 'scrm-finance');
    await invite(CONFIGURER, 'scrm-admin');
    await call('POST', `${CT}/plugin::scrm-tickets.team`, { key: 'sh', name: '上海组', autoAssign: false });
    await call('POST', `${CT}/plugin::scrm-tickets.agent-profile`, { name: '上海坐席', team: 'sh', user: agentId, regions: ['SH'] });
    await call('POST', `${CT}/plugin::scrm-tickets.approval-policy`, { key: 'browser_compensation', name: '赔付审批', levels: [{ key: 'store', label: { 'zh-Hans': '店长审批' }, roles: ['店长'] }] });
    await call('POST', `${CT}/plugin::scrm-tickets.ticket-template`, APPROVAL_TEMPLATE);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a 上海 agent the 上海 and unplaced tickets only, and finds one by search and filter', async () => {
    await logIn(AGENT);
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets`);
    await waitRows([numbers['上海空调漏水'], numbers['未分区的咨询']]);
    await shot('1-agent');
    await page.fill('input[name=q]', '王女士');
    await waitRows([numbers['上海空调漏水']]);
    await page.fill('input[name=q]', '');
    await waitRows([numbers['上海空调漏水'], numbers['未分区的咨询']]);
    // The filters live in the URL: a bookmarked view opens as it was.
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets?priority=urgent`);
    await waitRows([numbers['上海空调漏水']]);
    await shot('2-agent-filtered');
  });

  it('shows the administrator every ticket, page by page', async () => {
    await logIn(ADMIN);
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets?pageSize=2`);
    await waitRows([numbers['未分区的咨询'], numbers['杭州冰箱异响']]);
    expect(await page.textContent('[data-testid=ticket-total]')).toContain('3');
    await page.click('[data-testid=load-more]');
    await waitRows(Object.values(numbers));
    await shot('3-admin');
  });

  it('moves a card on the board by the real transition, and puts back one the workflow refuses', async () => {
    const stateOf = async (number: string) => {
      const found = await call('GET', `${CT}/plugin::scrm-tickets.ticket?filters[number][$eq]=${number}`);
      return found.results[0].state;
    };
    const card = (number: string) => page.locator(`[data-testid=board-card][data-number="${number}"]`);
    const column = (state: string) => page.locator(`[data-testid=board-column][data-state="${state}"]`);
    const number = numbers['上海空调漏水'];
    await logIn(ADMIN);
    // Every column on screen: a drag that has to scroll the board is not what this test is about.
    await page.setViewportSize({ width: 2400, height: 900 });
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/board?template=${TEMPLATE.key}`);
    await column('new').locator(`[data-testid=board-card][data-number="${number}"]`).waitFor();
    await card(number).dragTo(column('in_progress'));
    await column('in_progress').locator(`[data-testid=board-card][data-number="${number}"]`).waitFor();
    for (const end = Date.now() + 10_000; (await stateOf(number)) !== 'in_progress'; await page.waitForTimeout(200)) {
      if (Date.now() > end) throw new Error('the move did not reach the server');
    }
    await shot('4-board-moved');
    // in_progress → closed is no transition of the workflow: the server refuses, the card goes back.
    await card(number).dragTo(column('closed'));
    await page.locator('[data-testid=board-error]').waitFor();
    // Said in Chinese, with the states' names.
    expect(await page.textContent('[data-testid=board-error]')).toContain('工单不能从「处理中」直接到「已关闭」');
    await column('in_progress').locator(`[data-testid=board-card][data-number="${number}"]`).waitFor();
    expect(await stateOf(number)).toBe('in_progress');
    await shot('5-board-refused');
  });

  it('opens a ticket: a bad field value is shown at its field and not saved, a good one is, with the timeline', async () => {
    await logIn(AGENT);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets`);
    await page.locator(`tr[data-testid=ticket-row][data-number="${numbers['上海空调漏水']}"]`).click();
    await page.waitForSelector('[data-testid=detail-number]');
    expect(await page.textContent('[data-testid=detail-number]')).toContain(numbers['上海空调漏水']);
    await page.click('[data-testid=edit-fields]');
    await page.fill('[name="field.contactMobile"]', '12345');
    await page.click('[data-testid=save-fields]');
    await page.locator('[data-testid=error-contactMobile]').waitFor({ state: 'visible' });
    await shot('6-detail-error');
    const stored = async () => (await call('GET', `${CT}/plugin::scrm-tickets.ticket?filters[number][$eq]=${numbers['上海空调漏水']}`)).results[0];
    expect((await stored()).fields.contactMobile).toBeUndefined();
    await page.fill('[name="field.contactMobile"]', '13800138000');
    await page.click('[data-testid=save-fields]');
    await page.locator('[data-testid=timeline-item][data-type=field_changed]').first().waitFor();
    expect((await stored()).fields.contactMobile).toBe('13800138000');
    await page.fill('textarea[name=reply]', '已联系客户，明早上门');
    await page.click('[data-testid=send-reply]');
    await page.locator('[data-testid=timeline-item][data-type=comment]', { hasText: '明早上门' }).waitFor();
    // A reply with a photo: uploaded to the Media Library, linked on the timeline.
    await page.fill('textarea[name=reply]', '现场照片见附件');
    await page.setInputFiles('[data-testid=reply-file-input]', { name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO });
    await page.locator('[data-testid=reply-files]', { hasText: '现场照片.png' }).waitFor();
    await page.click('[data-testid=send-reply]');
    await page.locator('[data-testid=timeline-item][data-type=comment]', { hasText: '现场照片.png' }).waitFor();

    // Customer 360: her order; her 杭州 ticket is outside this agent's regions.
    const card = page.locator('[data-testid=customer-card]');
    await card.locator('text=王女士').waitFor();
    await page.locator('[data-testid=c360-orders]', { hasText: 'DD20261101-0007' }).waitFor();
    expect(await page.textContent('[data-testid=c360-tickets]')).toContain('暂无其他工单');
    // 转为商机: an empty title is refused under its field; a good one is linked to the ticket.
    await page.click('[data-testid=c360-new-opportunity]');
    const dialog = page.locator('[role=dialog]');
    await dialog.locator('input[name=title]').fill('');
    await dialog.locator('[data-testid=c360-save-opportunity]').click();
    await dialog.locator('[data-testid=c360-error-title]').waitFor();
    await shot('7-detail-opportunity-error');
    await dialog.locator('input[name=title]').fill('以旧换新：一级能效空调');
    await dialog.locator('input[name=expectedAmountFen]').fill('6999');
    await dialog.locator('[data-testid=c360-save-opportunity]').click();
    await page.locator('[data-testid=c360-opportunities]', { hasText: '以旧换新：一级能效空调' }).waitFor();
    expect(await page.textContent('[data-testid=c360-opportunities]')).toContain('本单关联');
    const linked = (await call('GET', `${CT}/plugin::scrm-tickets.ticket/${(await stored()).documentId}?populate[opportunity]=true`)).data;
    expect([linked.opportunity.title, linked.opportunity.expectedAmountFen]).toEqual(['以旧换新：一级能效空调', 699900]);
    await shot('7-detail');
  });

  it('gives each seeded role its pages and only the controls its rights allow', async () => {
    const roles = [
      { who: AGENT, code: 'scrm-agent', sees: 2, controls: ['edit-fields', 'send-reply'], not: ['assign'] },
      { who: MANAGER, code: 'scrm-store-manager', sees: 3, controls: ['edit-fields', 'send-reply', 'assign'], not: [] },
      { who: REGIONAL, code: 'scrm-regional-manager', sees: 3, controls: ['edit-fields', 'assign'], not: [] },
      { who: FINANCE, code: 'scrm-finance', sees: 3, controls: ['read-only'], not: ['edit-fields', 'send-reply', 'assign'] },
      { who: CONFIGURER, code: 'scrm-admin', sees: 3, controls: ['edit-fields', 'send-reply', 'assign'], not: [] },
    ];
    const ticket = (await call('GET', `${CT}/plugin::scrm-tickets.ticket?filters[number][$eq]=${numbers['未分区的咨询']}`)).results[0];
    for (const role of roles) {
      await logIn(role.who);
      await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets`);
      await page.locator('tr[data-testid=ticket-row]').nth(role.sees - 1).waitFor();
      expect(await page.locator('tr[data-testid=ticket-row]').count()).toBe(role.sees);
      await shot(`role-${role.code}-list`);
      await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets/${ticket.documentId}`);
      await page.waitForSelector('[data-testid=detail-number]');
      await page.locator('[data-testid=customer-card]').waitFor();
      for (const id of role.controls) await page.locator(`[data-testid=${id}]`).first().waitFor();
      for (const id of role.not) expect([role.code, id, await page.locator(`[data-testid=${id}]`).count()]).toEqual([role.code, id, 0]);
      await shot(`role-${role.code}-detail`);
    }
  });

  it('lets the 店长 approve a compensation waiting for the store level', async () => {
    const template = (await call('GET', `${CT}/plugin::scrm-tickets.ticket-template?filters[key][$eq]=${APPROVAL_TEMPLATE.key}`)).results[0];
    const made = (await call('POST', `${CT}/plugin::scrm-tickets.ticket`, { title: '冰箱运输损坏赔付', template: { connect: [{ documentId: template.documentId }] }, fields: { summary: '外壳凹陷' } })).data;
    await call('POST', `/scrm-tickets/tickets/${made.documentId}/transitions`, { to: 'paid', version: made.version });
    await logIn(MANAGER);
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/tickets/${made.documentId}`);
    await page.waitForSelector('[data-testid=approve]');
    await shot('8-approval');
    await page.click('[data-testid=approve]');
    for (const end = Date.now() + 10_000; ; await page.waitForTimeout(200)) {
      const state = (await call('GET', `${CT}/plugin::scrm-tickets.ticket/${made.documentId}`)).data.state;
      if (state === 'paid') break;
      if (Date.now() > end) throw new Error(`still ${state}`);
    }
    await page.locator('[data-testid=detail-state]', { hasText: '已赔付' }).waitFor();
  });
});
