import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addBusinessMinutes } from '../../src/plugins/scrm-tickets/server/src/business-time/business-time';
import { startSmsFake } from '../helpers/fakes/tencent-sms';
import { adminMoves, openAdmin, SHOTS } from './admin-page';
import { callApp, registerAdmin, startApp, type AppServer } from './server';

// The promise of the low-code editors, played end to end: a store's business user, in the zh-Hans
// admin and without typing any JSON, sets up 空调清洗预约 — a settlement tier, the template's five
// fields (a select, a required mobile, a field shown for one answer) and its workflow with a
// checklist, an SLA of 4 business hours, and a rule "VIP → 优先级高" — then a VIP customer books it
// on the H5 page and the ticket arrives routed to the team, prioritised, due in 4 business hours.
const ADMIN = { email: 'store-manager@browser.local', password: 'Browser2026!', firstname: '店长', lastname: '王' };
const CT = '/content-manager/collection-types';
const LOGIN_TEMPLATE = '300003';
const MOBILE = '13987654321';

describe('a business user configures a service without JSON; a customer books it on H5 (headless Chromium, zh-Hans)', () => {
  let sms: Awaited<ReturnType<typeof startSmsFake>>;
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let jwt: string;
  const call = (method: string, url: string, body?: unknown) => callApp(app, method, url, jwt, body);
  const { byTest, shot, choose, chooseIn, until } = adminMoves(() => page, 'business-user');
  const saved = (uid: string, filter: string) => until(`${uid} saved`, async () => (await call('GET', `${CT}/${uid}?${filter}`)).results[0]);
  const save = () => page.getByRole('button', { name: '保存' }).click();

  beforeAll(async () => {
    sms = await startSmsFake();
    app = await startApp(2900 + (process.pid % 400), {
      TENCENT_SMS_SECRET_ID: 'AKID-browser',
      TENCENT_SMS_SECRET_KEY: 'sk-browser',
      TENCENT_SMS_APP_ID: '1400000000',
      TENCENT_SMS_SIGN: '测试门店',
      TENCENT_SMS_TEMPLATE_ID: '100001',
      TENCENT_SMS_LOGIN_TEMPLATE_ID: LOGIN_TEMPLATE,
      TENCENT_SMS_ENDPOINT: `127.0.0.1:${sms.port}`,
      TENCENT_SMS_PROTOCOL: 'http://',
    });
    jwt = (await registerAdmin(app, ADMIN)).jwt;
    // What the store already has: its cleaning team, and a VIP member in the CRM.
    await call('POST', `${CT}/plugin::scrm-tickets.team`, { key: 'cleaning', name: '清洗组', autoAssign: false });
    await call('POST', `${CT}/api::customer.customer`, { name: '李女士', mobile: MOBILE, vipLevel: 2 });
    ({ browser, page } = await openAdmin(app, ADMIN));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sms?.close();
  });

  it('sets up 空调清洗预约 in the admin, and a VIP booking on H5 arrives routed, prioritised and due in 4 business hours', async () => {
    const started = Date.now();

    // 1. The settlement tier: ¥80 a cleaning, the platform 10 %, the engineer the rest.
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.settlement-tier/create`);
    await byTest('tier-editor').waitFor({ timeout: 60_000 });
    await page.locator('input[name="key"]').fill('ac_cleaning');
    await page.locator('input[name="name"]').fill('空调清洗结算');
    await byTest('tier-basefee-0-amount').fill('80');
    await byTest('tier-split-add').click();
    await byTest('tier-split-0-rate').fill('10');
    await until('the example', async () => ((await byTest('tier-example-share-1').count()) ? true : undefined));
    await shot('1-tier');
    await save();
    await saved('plugin::scrm-tickets.settlement-tier', 'filters[key][$eq]=ac_cleaning');

    // 2. The template: five fields, a workflow with an on-site step and its checklist, the tier.
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.ticket-template/create`);
    await byTest('designer').waitFor({ timeout: 60_000 });
    await page.locator('input[name="key"]').fill('ac_cleaning');
    await page.locator('input[name="name"]').fill('空调清洗预约');
    await byTest('designer-add-text').click();
    await byTest('designer-label-zh').fill('联系人');
    await byTest('designer-add-mobile').click();
    await byTest('designer-label-zh').fill('手机号');
    await byTest('designer-required').click();
    await byTest('designer-add-select').click();
    await byTest('designer-label-zh').fill('服务类型');
    await byTest('designer-option-label-0').fill('挂机清洗');
    await byTest('designer-option-add').click();
    await byTest('designer-option-label-1').fill('柜机清洗');
    await byTest('designer-add-textarea').click();
    await byTest('designer-label-zh').fill('柜机位置');
    await choose('依据哪个字段', '当「服务类型」…');
    await choose('值', '柜机清洗');
    await byTest('designer-add-date').click();
    await byTest('designer-label-zh').fill('预约日期');
    await shot('2-designer');

    await byTest('workflow-customise').click();
    await byTest('workflow-add-state').click();
    await byTest('workflow-state-label-7').fill('上门清洗');
    await byTest('workflow-check-add-7').click();
    await byTest('workflow-check-7-0').fill('清洗前后拍照');
    await byTest('workflow-add-transition').click();
    // A new transition starts from the first state: 新建 is taken off, 处理中 put on.
    await choose('流转10：从', '新建', '处理中');
    await choose('流转10：到', '上门清洗');
    await byTest('workflow-add-transition').click();
    await choose('流转11：从', '新建', '上门清洗');
    await choose('流转11：到', '已解决');
    await until('a workflow without problems', async () =>
      (await page.locator('[data-testid^="workflow-"][data-problems]:not([data-problems="0"])').count()) === 0 ? true : undefined,
    );
    await byTest('workflow-state-7').scrollIntoViewIfNeeded();
    await shot('3-workflow');

    await page.getByRole('combobox', { name: 'settlementTier' }).click();
    // The Content Manager names a tier in the picker by its main field (its key).
    await page.getByRole('option', { name: /ac_cleaning|空调清洗结算/ }).click();
    await save();
    const template = await saved('plugin::scrm-tickets.ticket-template', 'filters[key][$eq]=ac_cleaning&populate=settlementTier');
    expect(template.fieldDefinitions.map((f: any) => [f.key, f.type, f.required ?? false])).toEqual([
      ['lianXiRen', 'text', false],
      ['shouJiHao', 'mobile', true],
      ['fuWuLeiXing', 'select', false],
      ['guiJiWeiZhi', 'textarea', false],
      ['yuYueRiQi', 'date', false],
    ]);
    expect(template.workflow.states[7]).toEqual({
      key: 'shang_men_qing_xi',
      label: { 'zh-Hans': '上门清洗' },
      checklist: [{ key: 'qing_xi_qian_hou_pai_zhao', label: { 'zh-Hans': '清洗前后拍照' } }],
    });
    expect(template.settlementTier.key).toBe('ac_cleaning');

    // 3. The SLA: resolved within 4 business hours on Chinese working days, 9-12 and 13-18.
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.sla-policy/create`);
    await byTest('sla-schedule').waitFor({ timeout: 60_000 });
    await page.locator('input[name="key"]').fill('ac_cleaning_4h');
    await page.locator('input[name="name"]').fill('空调清洗 4 小时');
    await byTest('rules-add-condition-root').click();
    await chooseIn('rules-condition-all.0', '判断对象', '工单模板');
    await chooseIn('rules-condition-all.0', '值', '空调清洗预约');
    await byTest('sla-resolutionMinutes-hours').fill('4');
    await until('the due time', async () => (/^解决时限 4 小时 0 分钟 → /.test(await byTest('sla-preview-resolutionMinutes').innerText()) ? true : undefined));
    await byTest('sla-preview').scrollIntoViewIfNeeded();
    await shot('4-sla');
    await save();
    const policy = await saved('plugin::scrm-tickets.sla-policy', 'filters[key][$eq]=ac_cleaning_4h');

    // 4. The rule: VIP → 优先级高, to the cleaning team.
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.routing-rule/create`);
    await byTest('rules-conditions').waitFor({ timeout: 60_000 });
    await page.locator('input[name="name"]').fill('VIP → 优先级高');
    await byTest('rules-add-condition-root').click();
    await chooseIn('rules-condition-all.0', '运算符', '大于等于');
    await byTest('rules-value-all.0').fill('1');
    await byTest('rules-action-add').click();
    await chooseIn('rules-action-0', '优先级', '高');
    await byTest('rules-action-add').click();
    await chooseIn('rules-action-1', '动作', '分派给团队');
    await chooseIn('rules-action-1', '团队', '清洗组');
    await shot('5-rule');
    await save();
    await saved('plugin::scrm-tickets.routing-rule', 'filters[name][$eq]=VIP → 优先级高');
    console.log(
      `business user: tier, template (5 fields, workflow with a checklist), SLA and rule set up in the admin in ${((Date.now() - started) / 1000).toFixed(1)} s, no JSON typed`,
    );

    // 5. The VIP customer books a 柜机 cleaning on the H5 page.
    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${app.url}/h5/`);
    await phone.fill('input[name=mobile]', MOBILE);
    await phone.click('[data-testid=send-code]');
    const code = await until(
      'the SMS code',
      async () => sms.sent.filter((s) => s.TemplateId === LOGIN_TEMPLATE && s.PhoneNumberSet[0] === `+86${MOBILE}`).pop()?.TemplateParamSet[0],
    );
    await phone.fill('input[name=code]', code);
    await phone.click('[data-testid=login]');
    await phone.click('[data-testid=new-ticket]');
    await phone.click('[data-testid=template-ac_cleaning]');
    await phone.fill('input[name=title]', '客厅柜机清洗');
    await phone.fill('[name="field.lianXiRen"]', '李女士');
    await phone.fill('[name="field.shouJiHao"]', MOBILE);
    expect(await phone.locator('[name="field.guiJiWeiZhi"]').isVisible()).toBe(false);
    await phone.selectOption('[name="field.fuWuLeiXing"]', 'guiJiQingXi');
    await phone.fill('[name="field.guiJiWeiZhi"]', '客厅东墙');
    await phone.fill('[name="field.yuYueRiQi"]', '2026-12-10');
    await phone.screenshot({ path: path.join(SHOTS, 'business-user-6-h5.png'), fullPage: true });
    await phone.click('[data-testid=submit]');
    await phone.waitForSelector('[data-testid=ticket-number]');
    const number = (await phone.textContent('[data-testid=ticket-number]'))!.trim();

    // 6. It arrived routed, prioritised and with its due time.
    const ticket = (await call('GET', `${CT}/plugin::scrm-tickets.ticket?filters[number][$eq]=${number}&populate=template`)).results[0];
    expect([ticket.template.key, ticket.source, ticket.state, ticket.priority, ticket.team, ticket.slaPolicyKey]).toEqual([
      'ac_cleaning',
      'h5',
      'new',
      'high',
      'cleaning',
      'ac_cleaning_4h',
    ]);
    expect(ticket.fields).toEqual({ lianXiRen: '李女士', shouJiHao: MOBILE, fuWuLeiXing: 'guiJiQingXi', guiJiWeiZhi: '客厅东墙', yuYueRiQi: '2026-12-10' });
    const due = addBusinessMinutes(new Date(ticket.reportedAt), 240, policy.schedule);
    expect(new Date(ticket.resolutionDueAt).toISOString()).toBe(due.toISOString());
    console.log(
      `business user: ${number} arrived 优先级高, 清洗组, due ${new Date(ticket.resolutionDueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} (4 business hours from ${new Date(ticket.reportedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })})`,
    );
    await phone.close();
  }, 300_000);
});
