import type { Browser, Page } from 'playwright-core';
import { adminMoves, openAdmin } from './admin-page';
import { callApp, registerAdmin, startApp, type AppServer } from './server';

// The workflow editor and the rule builder in the zh-Hans Content Manager: a business user
// changes a template's workflow and writes a routing rule without JSON, sees an unreachable
// state, a dead end, a final state with exits and an empty condition group refused in place as
// they make them (and by the server when saved anyway), tries the rule on an existing ticket,
// and saves what the server then accepts.
const ADMIN = { email: 'editors-admin@browser.local', password: 'Browser2026!', firstname: '流程', lastname: '配置' };
const CT = '/content-manager/collection-types';
const TEMPLATE_UID = 'plugin::scrm-tickets.ticket-template';
const RULE_UID = 'plugin::scrm-tickets.routing-rule';

describe('workflow editor and rule builder in the Content Manager (headless Chromium, zh-Hans)', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let jwt: string;
  let template: string;
  const call = (method: string, url: string, body?: unknown) => callApp(app, method, url, jwt, body);
  const { byTest, shot, choose, chooseIn, until } = adminMoves(() => page, 'editors');

  beforeAll(async () => {
    app = await startApp(3500 + (process.pid % 400));
    jwt = (await registerAdmin(app, ADMIN)).jwt;
    template = (
      await call('POST', `${CT}/${TEMPLATE_UID}`, {
        key: 'ac_repair',
        name: '空调维修',
        category: 'aftersale',
        fieldDefinitions: [
          {
            key: 'jiXing',
            label: { 'zh-Hans': '机型' },
            type: 'select',
            options: [
              { value: 'guaJi', label: { 'zh-Hans': '挂机' } },
              { value: 'guiJi', label: { 'zh-Hans': '柜机' } },
            ],
          },
        ],
      })
    ).data.documentId;
    await call('POST', `${CT}/plugin::scrm-tickets.approval-policy`, {
      key: 'onsite_review',
      name: '上门审核',
      levels: [{ key: 'lead', label: { 'zh-Hans': '组长审批' }, roles: ['*'] }],
    });
    ({ browser, page } = await openAdmin(app, ADMIN));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('changes a workflow without JSON, refusing an unreachable state, a dead end and a final state with exits in place', async () => {
    const started = Date.now();
    await page.goto(`${app.url}/admin${CT}/${TEMPLATE_UID}/${template}`);
    await byTest('workflow-default').waitFor({ timeout: 60_000 });
    await byTest('workflow-customise').click();
    await byTest('workflow-state-6').waitFor();

    // A new state: its key follows its Chinese name; reached from nowhere and leading nowhere, it says so on its card.
    await byTest('workflow-add-state').click();
    await byTest('workflow-state-label-7').fill('上门检测');
    expect(await byTest('workflow-state-key-7').inputValue()).toBe('shang_men_jian_ce');
    const keyErrors = byTest('workflow-state-7-error-key');
    await keyErrors.getByText('从初始状态无法到达此状态').waitFor();
    await keyErrors.getByText('不是终态，却没有出口：工单会卡在这里').waitFor();
    await byTest('workflow-check-add-7').click();
    await byTest('workflow-check-7-0').fill('确认空调型号');
    await shot('workflow-unreachable');

    // Saved anyway: the server refuses it, and its answer sits on the same state.
    await page.getByRole('button', { name: '保存' }).click();
    await keyErrors.locator('[data-server="true"]').first().waitFor({ timeout: 15_000 });
    expect((await call('GET', `${CT}/${TEMPLATE_UID}/${template}`)).data.workflow).toBeNull();
    expect(await byTest('workflow-state-label-7').inputValue()).toBe('上门检测');

    // 处理中 → 上门检测 (the customer may ask for it too), 上门检测 → 已解决 after 上门审核: the state is reached and left.
    await byTest('workflow-add-transition').click();
    await choose('流转10：从', '新建', '处理中');
    await choose('流转10：到', '上门检测');
    await choose('流转10：谁可以操作', '所有员工', '客户本人');
    await byTest('workflow-add-transition').click();
    await choose('流转11：从', '新建', '上门检测');
    await choose('流转11：到', '已解决');
    await choose('流转11：审批', '上门审核 (onsite_review)');
    await until('the state to be reachable', async () => (await keyErrors.count()) === 0);
    expect(await byTest('workflow-state-exits-7').innerText()).toBe('可流转至：已解决');

    // A final state with a way out is refused on its 终态 setting, until the transition goes.
    await byTest('workflow-add-transition').click();
    await choose('流转12：从', '新建', '已关闭');
    await choose('流转12：到', '处理中');
    await byTest('workflow-state-5-error-final').getByText('终态不能有流出的流转').waitFor();
    await shot('workflow-final-exit');
    await byTest('workflow-transition-remove-11').click();
    await until('the final state to be clean', async () => (await byTest('workflow-state-5-error-final').count()) === 0);

    await page.getByRole('button', { name: '保存' }).click();
    await until('the workflow to be saved', async () => (await call('GET', `${CT}/${TEMPLATE_UID}/${template}`)).data.workflow?.states?.length === 8);
    const saved = (await call('GET', `${CT}/${TEMPLATE_UID}/${template}`)).data.workflow;
    expect(saved.states[7]).toEqual({
      key: 'shang_men_jian_ce',
      label: { 'zh-Hans': '上门检测' },
      checklist: [{ key: 'que_ren_kong_tiao_xing_hao', label: { 'zh-Hans': '确认空调型号' } }],
    });
    expect(saved.transitions.slice(9)).toEqual([
      { from: 'in_progress', to: 'shang_men_jian_ce', roles: ['*', 'customer'] },
      { from: 'shang_men_jian_ce', to: 'resolved', approval: 'onsite_review' },
    ]);
    expect(saved.initial).toBe('new');
    expect(saved.final).toEqual(['closed', 'cancelled']);
    console.log(`workflow editor: a state, its checklist and two transitions added and saved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await shot('workflow-saved');
  }, 240_000);

  it('writes a routing rule without JSON, tries it on a ticket, refuses an empty group in place, and the saved rule routes new tickets', async () => {
    const started = Date.now();
    const customer = (await call('POST', `${CT}/api::customer.customer`, { name: '周先生', mobile: '13900000123', vipLevel: 3 })).data;
    const ticketOf = async (title: string, jiXing: string, vip: boolean) =>
      (
        await call('POST', `${CT}/plugin::scrm-tickets.ticket`, {
          title,
          template: { connect: [{ documentId: template }] },
          fields: { jiXing },
          ...(vip ? { customer: { connect: [{ documentId: customer.documentId }] } } : {}),
        })
      ).data;
    const tried = await ticketOf('柜机不制冷，要投诉', 'guiJi', true);

    await page.goto(`${app.url}/admin${CT}/${RULE_UID}/create`);
    await byTest('rules-conditions').waitFor({ timeout: 60_000 });
    await page.locator('input[name="name"]').fill('VIP 投诉优先');

    // VIP level at least 3, and (the title mentions 投诉 or 漏水, or the unit is a 柜机).
    await byTest('rules-add-condition-root').click();
    await chooseIn('rules-condition-all.0', '运算符', '大于等于');
    await byTest('rules-value-all.0').fill('3');
    await chooseIn('rules-group-root', '条件组合方式', '以下全部满足');
    await byTest('rules-add-group-root').click();
    await chooseIn('rules-group-all.1', '条件组合方式', '以下任一满足');
    await chooseIn('rules-condition-all.1.any.0', '判断对象', '标题');
    await chooseIn('rules-condition-all.1.any.0', '运算符', '含任一关键词');
    await byTest('rules-value-all.1.any.0').fill('投诉，漏水');
    await byTest('rules-add-condition-all.1').click();
    await chooseIn('rules-condition-all.1.any.1', '判断对象', '表单字段 · 机型（空调维修）');
    await chooseIn('rules-condition-all.1.any.1', '运算符', '等于');
    await chooseIn('rules-condition-all.1.any.1', '值', '柜机');

    // An empty group is refused in place as it is made, and goes again.
    await byTest('rules-add-group-root').click();
    await byTest('rules-remove-all.2.any.0').click();
    await byTest('rules-error-all.2').getByText('请至少添加一个条件').waitFor();
    await shot('rules-empty-group');
    await byTest('rules-remove-all.2').click();
    expect(await byTest('rules-error-all.2').count()).toBe(0);

    // Then: 优先级高 and the tag VIP.
    await byTest('rules-action-add').click();
    await chooseIn('rules-action-0', '优先级', '高');
    await byTest('rules-action-add').click();
    await chooseIn('rules-action-1', '动作', '添加标签');
    await byTest('rules-action-tags-1').fill('VIP');

    // Tried on the ticket before saving: every condition marked, and what the rule would change.
    await byTest('rules-try-ticket').fill(tried.number);
    await byTest('rules-try-run').click();
    const result = byTest('rules-try-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-matched')).toBe('true');
    const verdict = (id: string) => byTest(`rules-verdict-${id}`).getAttribute('data-result');
    expect([await verdict('root'), await verdict('all.0'), await verdict('all.1'), await verdict('all.1.any.0'), await verdict('all.1.any.1')]).toEqual([
      'true',
      'true',
      'true',
      'true',
      'true',
    ]);
    expect(await byTest('rules-verdict-all.0-fact').innerText()).toBe('工单中的值：3');
    expect(await byTest('rules-verdict-all.1.any.1-fact').innerText()).toBe('工单中的值：柜机');
    expect(await byTest('rules-try-outcome').innerText()).toBe('优先级 普通 → 高；标签：VIP');
    await shot('rules-tried');

    // A threshold the customer misses: the old verdicts go, the new try says no and where.
    await byTest('rules-value-all.0').fill('5');
    expect(await byTest('rules-verdict-all.0').count()).toBe(0);
    await byTest('rules-try-run').click();
    await until('the second try', async () => (await result.getAttribute('data-matched').catch(() => null)) === 'false');
    expect(await verdict('all.0')).toBe('false');
    await byTest('rules-value-all.0').fill('3');

    await page.getByRole('button', { name: '保存' }).click();
    let rule: any;
    await until('the rule to be saved', async () => (rule = (await call('GET', `${CT}/${RULE_UID}?filters[name][$eq]=VIP 投诉优先`)).results[0]) !== undefined);
    expect(rule.conditions).toEqual({
      all: [
        { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 },
        {
          any: [
            { fact: 'title', operator: 'containsAnyText', value: ['投诉', '漏水'] },
            { fact: 'fields', path: '$.jiXing', operator: 'equal', value: 'guiJi' },
          ],
        },
      ],
    });
    expect(rule.actions).toEqual([
      { type: 'setPriority', priority: 'high' },
      { type: 'addTags', tags: ['VIP'] },
    ]);
    console.log(`rule builder: a rule of three conditions and two actions written, tried twice and saved in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The saved rule routes: a VIP's 柜机 ticket arrives 优先级高 with the tag; a stranger's does not.
    const routed = (await call('GET', `${CT}/plugin::scrm-tickets.ticket/${(await ticketOf('柜机异响', 'guiJi', true)).documentId}`)).data;
    expect([routed.priority, routed.tags]).toEqual(['high', ['VIP']]);
    const plain = (await call('GET', `${CT}/plugin::scrm-tickets.ticket/${(await ticketOf('柜机异响', 'guiJi', false)).documentId}`)).data;
    expect(plain.priority).toBe('normal');
  }, 240_000);

  it('sets up a settlement tier without JSON: brackets that refuse to overlap, a split chain with its example in yuan', async () => {
    const started = Date.now();
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.settlement-tier/create`);
    await byTest('tier-editor').waitFor({ timeout: 60_000 });
    await page.locator('input[name="key"]').fill('ac_service');
    await page.locator('input[name="name"]').fill('空调服务结算');
    await byTest('tier-basefee-0-amount').fill('50');

    // Commission: 5 % up to ¥1000, then a bracket added between, its bound typed below the one before: refused on that bound.
    await byTest('tier-commission-on').click();
    await byTest('tier-bracket-add').click();
    await byTest('tier-bracket-1-upto').fill('500');
    await byTest('tier-bracket-1-error-upToFen').getByText('须高于上一档的上限：档位不能重叠').waitFor();
    expect(await byTest('tier-example-line').innerText()).toBe('请先修正上面的问题，再查看示例');
    await shot('tier-overlap');
    await byTest('tier-bracket-1-upto').fill('2000');
    await until('the overlap to clear', async () => (await byTest('tier-bracket-1-error-upToFen').count()) === 0);
    await byTest('tier-bracket-1-rate').fill('6');

    // Split: 平台 10 %, 门店 20 %, the engineer the rest; a ticket of ¥300 worked through as it is typed.
    await byTest('tier-split-add').click();
    await byTest('tier-split-add').click();
    await chooseIn('tier-split-0', '第 1 级：收款方', '平台');
    await byTest('tier-split-0-rate').fill('10');
    await chooseIn('tier-split-1', '第 2 级：收款方', '门店');
    await byTest('tier-split-1-rate').fill('20');
    await byTest('tier-example-amount').fill('300');
    // 50 + 5 % of 300 = 65 yuan: 6.50 / 13.00 / 45.50.
    await until('the example', async () => (await byTest('tier-example-line').innerText()) === '基础服务费 ¥50.00 + 提成 ¥15.00 = 结算 ¥65.00');
    expect(await page.locator('[data-testid^="tier-example-share-"]').allInnerTexts()).toEqual(['平台：¥6.50', '门店：¥13.00', '工程师：¥45.50']);

    // Shares over 100 % are refused on the chain.
    await byTest('tier-split-1-rate').fill('95');
    await byTest('tier-split-error').getByText('各级比例合计超过 100%').waitFor();
    await shot('tier-split-over');
    await byTest('tier-split-1-rate').fill('20');

    await page.getByRole('button', { name: '保存' }).click();
    let tier: any;
    await until(
      'the tier to be saved',
      async () => (tier = (await call('GET', `${CT}/plugin::scrm-tickets.settlement-tier?filters[key][$eq]=ac_service`)).results[0]) !== undefined,
    );
    expect(tier.model).toEqual({
      baseFees: { default: 5000 },
      commission: {
        basis: 'ticket_amount',
        mode: 'progressive',
        brackets: [
          { upToFen: 100000, rate: '0.05' },
          { upToFen: 200000, rate: '0.06' },
          { upToFen: null, rate: '0.08' },
        ],
      },
      split: [{ party: 'platform', rate: '0.1' }, { party: 'store', rate: '0.2' }, { party: 'engineer' }],
    });
    console.log(`tier editor: a tier with three brackets and a three-level split set up and saved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await shot('tier-saved');
  }, 240_000);

  it('writes an SLA policy of 4 business hours on the Chinese calendar without JSON, refusing overlapping hours in place', async () => {
    const started = Date.now();
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.sla-policy/create`);
    await byTest('sla-schedule').waitFor({ timeout: 60_000 });
    await page.locator('input[name="key"]').fill('ac_repair_4h');
    await page.locator('input[name="name"]').fill('空调维修 4 小时');
    await byTest('rules-add-condition-root').click();
    await chooseIn('rules-condition-all.0', '判断对象', '工单模板');
    await chooseIn('rules-condition-all.0', '值', '空调维修');
    await byTest('sla-resolutionMinutes-hours').fill('4');

    // The working hours start as 9-12 and 13-18 on Chinese working days; an afternoon window starting before noon is refused on its start.
    await byTest('sla-window-1-start').fill('11:30');
    await byTest('sla-window-1-error').getByText('不能早于上一时段的结束时间').waitFor();
    expect(await byTest('sla-preview-resolutionMinutes').innerText()).toBe('请先修正服务时间，再查看到期时间');
    await shot('sla-overlap');
    await byTest('sla-window-1-start').fill('13:00');
    // A company day off (the shop's anniversary) on top of the public holidays.
    await byTest('sla-holidays-pick').fill('2026-12-18');
    await byTest('sla-holidays-add').click();
    await until('the due time', async () => /^解决时限 4 小时 0 分钟 → .+/.test(await byTest('sla-preview-resolutionMinutes').innerText()));
    await shot('sla-preview');

    await page.getByRole('button', { name: '保存' }).click();
    let policy: any;
    await until(
      'the policy to be saved',
      async () => (policy = (await call('GET', `${CT}/plugin::scrm-tickets.sla-policy?filters[key][$eq]=ac_repair_4h`)).results[0]) !== undefined,
    );
    expect([policy.resolutionMinutes, policy.firstResponseMinutes, policy.conditions, policy.schedule]).toEqual([
      240,
      null,
      { all: [{ fact: 'template', operator: 'equal', value: 'ac_repair' }] },
      {
        calendar: 'cn',
        hours: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
        holidays: ['2026-12-18'],
      },
    ]);
    console.log(`SLA editor: a policy of 4 business hours on the Chinese calendar written and saved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);

  it('sets up approval levels without JSON: who decides, and a level only for large compensations', async () => {
    await page.goto(`${app.url}/admin${CT}/plugin::scrm-tickets.approval-policy/create`);
    await byTest('approval-levels').waitFor({ timeout: 60_000 });
    await page.locator('input[name="key"]').fill('refund_review');
    await page.locator('input[name="name"]').fill('退款审批');
    await byTest('approval-level-add').click();
    await byTest('approval-level-0-label').fill('店长审批');
    await byTest('approval-level-add').click();
    await byTest('approval-level-1-label').fill('区域经理审批');
    // Nobody left to decide level 2: refused in place.
    await page.getByRole('combobox', { name: '第 2 级：审批人', exact: true }).click();
    await page.getByRole('option', { name: '所有员工', exact: true }).click();
    await page.keyboard.press('Escape');
    await byTest('approval-level-1-error-roles').getByText('请至少选择一个角色').waitFor();
    await page.getByRole('combobox', { name: '第 2 级：审批人', exact: true }).click();
    await page.getByRole('option', { name: 'Editor', exact: true }).click();
    await page.keyboard.press('Escape');
    await byTest('approval-level-1-conditional').click();
    await chooseIn('approval-level-1', '运算符', '大于');
    // An amount condition is typed in yuan and kept in fen.
    await byTest('approval-level-1').locator('[data-testid="rules-value-all.0"]').fill('500');
    await shot('approval-levels');
    await page.getByRole('button', { name: '保存' }).click();
    let policy: any;
    await until(
      'the policy to be saved',
      async () => (policy = (await call('GET', `${CT}/plugin::scrm-tickets.approval-policy?filters[key][$eq]=refund_review`)).results[0]) !== undefined,
    );
    // 长 of 店长 read as cháng by pinyin-pro: a key is only an identifier, its name is what people read.
    expect(policy.levels).toEqual([
      { key: 'dian_chang_shen_pi', label: { 'zh-Hans': '店长审批' }, roles: ['*'] },
      {
        key: 'qu_yu_jing_li_shen_pi',
        label: { 'zh-Hans': '区域经理审批' },
        roles: ['strapi-editor'],
        when: { all: [{ fact: 'compensationFen', operator: 'greaterThan', value: 50000 }] },
      },
    ]);
  }, 240_000);

  it('edits the region tree in place: a coefficient inherited down the tree, a bad one refused, a store added under its city', async () => {
    const region = async (code: string, name: string, level: string, parent?: string, extra: Record<string, unknown> = {}) =>
      (await call('POST', `${CT}/plugin::scrm-tickets.region`, { code, name, level, ...(parent ? { parent: { connect: [{ documentId: parent }] } } : {}), ...extra })).data
        .documentId;
    const east = await region('EAST', '华东大区', 'area');
    const sh = await region('SH', '上海', 'city', east, { cityTier: 1 });
    await region('SH-001', '徐汇店', 'store', sh);
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/regions`);
    await byTest('region-SH-001').waitFor({ timeout: 60_000 });
    expect(await byTest('region-SH-001-effective').innerText()).toBe('× 1');

    await byTest('region-SH-coefficient').fill('1.2.3');
    await byTest('region-SH-error').getByText('须为最多 4 位小数的数字，例如 1.2').waitFor();
    expect(await byTest('region-SH-save').isDisabled()).toBe(true);
    await shot('regions-bad-coefficient');
    await byTest('region-SH-coefficient').fill('1.2');
    await byTest('region-SH-save').click();
    await until('the coefficient to be inherited', async () => (await byTest('region-SH-001-effective').innerText()) === '× 1.2');

    // A city tier the schema does not allow: the server's refusal under the row.
    await page.getByRole('textbox', { name: '上海 的城市等级' }).fill('9');
    await byTest('region-SH-save').click();
    await byTest('region-SH-refused').first().waitFor();
    await page.getByRole('textbox', { name: '上海 的城市等级' }).fill('1');

    await byTest('region-SH-add').click();
    await byTest('region-new-name').fill('浦东店');
    await byTest('region-new-code').fill('SH-002');
    await byTest('region-new-save').click();
    await until('the new store', async () => (await byTest('region-SH-002-effective').count()) === 1);
    expect(await byTest('region-SH-002-effective').innerText()).toBe('× 1.2');
    await shot('regions');
    const stored = (await call('GET', `${CT}/plugin::scrm-tickets.region?filters[code][$eq]=SH-002&populate=parent`)).results[0];
    expect([stored.level, stored.parent.code]).toEqual(['store', 'SH']);
  }, 240_000);
});
