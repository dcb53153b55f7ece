import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { callApp, logInAdmin, registerAdmin, startApp, type AppServer } from './server';

// 数据驾驶舱 in the zh-Hans admin: the month's numbers and charts drawn (each chart's canvas holds
// paint), a region filter changes them, and a click on a region, a funnel slice or a card opens
// the ticket list with the tickets behind it.
const ADMIN = { email: 'dash-admin@browser.local', password: 'Browser2026!', firstname: '数据', lastname: '管理员' };
const TEMPLATE = { key: 'dash_repair', name: '驾驶舱报修', category: 'aftersale', fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text' }] };
const CT = '/content-manager/collection-types';
const shots = path.join(__dirname, '..', '..', 'test-results');

describe('dashboard in the admin (headless Chromium, zh-Hans)', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let jwt: string;
  const call = (method: string, url: string, body?: unknown) => callApp(app, method, url, jwt, body);
  const shot = (name: string) => page.screenshot({ path: path.join(shots, `dashboard-${name}.png`), fullPage: true });
  const text = (testId: string) => page.locator(`[data-testid=${testId}]`).innerText();
  const waitText = async (testId: string, wanted: string) => {
    for (const end = Date.now() + 15_000; ; await page.waitForTimeout(200)) {
      const seen = await text(testId).catch(() => '');
      if (seen.trim() === wanted) return;
      if (Date.now() > end) throw new Error(`${testId} shows ${JSON.stringify(seen)}, wanted ${wanted}`);
    }
  };
  /** Pixels with any paint on a chart's canvas (ECharts animates in: wait for it). */
  const painted = async (chart: string) => {
    const canvas = page.locator(`[data-testid=chart-${chart}] canvas`).first();
    await canvas.waitFor();
    let count = 0;
    for (const end = Date.now() + 10_000; count < 500 && Date.now() < end; await page.waitForTimeout(250)) {
      count = await canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
        return n;
      });
    }
    return count;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startApp(3500 + (process.pid % 400));
    jwt = (await registerAdmin(app, ADMIN)).jwt;
    const template = (await call('POST', `${CT}/plugin::scrm-tickets.ticket-template`, TEMPLATE)).data;
    const region = async (code: string, name: string) => (await call('POST', `${CT}/plugin::scrm-tickets.region`, { code, name, level: 'city' })).data;
    const regions = { SH: await region('SH', '上海'), HZ: await region('HZ', '杭州') };
    // 上海: three tickets, two resolved; 杭州: two, one resolved.
    const plan: [keyof typeof regions, string, boolean][] = [
      ['SH', '空调不制冷', true], ['SH', '洗衣机漏水', true], ['SH', '冰箱异响', false], ['HZ', '热水器打不着火', true], ['HZ', '投诉配送慢', false],
    ];
    for (const [code, title, resolve] of plan) {
      const made = (await call('POST', `${CT}/plugin::scrm-tickets.ticket`, { title, template: { connect: [{ documentId: template.documentId }] }, fields: { summary: title }, region: { connect: [{ documentId: regions[code].documentId }] } })).data;
      if (!resolve) continue;
      const moved = (await call('POST', `/scrm-tickets/tickets/${made.documentId}/transitions`, { to: 'in_progress', version: made.version })).data;
      await call('POST', `/scrm-tickets/tickets/${made.documentId}/transitions`, { to: 'resolved', version: moved.version });
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await logInAdmin(page, app, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('draws the month: the numbers, and every chart with paint on its canvas', async () => {
    await page.click('a[href$="/plugins/scrm-tickets/dashboard"]');
    await page.waitForSelector('[data-testid=dashboard-ready]');
    await waitText('kpi-created-value', '5');
    await waitText('kpi-resolved-value', '3');
    await waitText('kpi-open-value', '2');
    expect(await text('kpi-completionRate-value')).toBe('60.0%');
    expect(await page.locator('h1', { hasText: '数据驾驶舱' }).count()).toBe(1);
    for (const chart of ['trend', 'sources', 'funnel', 'regions']) expect([chart, (await painted(chart)) > 500]).toEqual([chart, true]);
    expect(await page.locator('tr[data-testid=regions-row]').allInnerTexts()).toEqual([expect.stringContaining('上海'), expect.stringContaining('杭州')]);
    await shot('month');
    await page.locator('[data-testid=chart-funnel]').scrollIntoViewIfNeeded();
    await shot('month-charts');
    await page.locator('[data-testid=table-agents]').scrollIntoViewIfNeeded();
    await shot('month-tables');
  });

  it('narrows every number to a region chosen in the filter', async () => {
    await page.click('[data-testid=filter-region]');
    await page.getByRole('option', { name: '杭州' }).click();
    await waitText('kpi-created-value', '2');
    await waitText('kpi-resolved-value', '1');
    expect(new URL(page.url()).searchParams.get('region')).toBe('HZ');
    expect(await painted('trend')).toBeGreaterThan(500);
    await shot('hangzhou');
  });

  it('drills down from a region row, a funnel slice and a card to the tickets behind them', async () => {
    await page.goto(`${app.url}/admin/plugins/scrm-tickets/dashboard`);
    await page.waitForSelector('[data-testid=dashboard-ready]');
    await waitText('kpi-created-value', '5');
    await page.locator('tr[data-testid=regions-row]', { hasText: '上海' }).click();
    await page.waitForURL(/\/plugins\/scrm-tickets\/tickets\?/);
    const url = new URL(page.url());
    expect([url.searchParams.get('counted'), url.searchParams.get('region')]).toEqual(['created', 'SH']);
    await page.locator('[data-testid=drilldown]').waitFor();
    await page.locator('tr[data-testid=ticket-row]').nth(2).waitFor();
    expect(await page.locator('tr[data-testid=ticket-row]').count()).toBe(3);
    await shot('drilldown-region');

    await page.goBack();
    await page.waitForSelector('[data-testid=dashboard-ready]');
    // The funnel's slices are stacked in workflow order: 新建 (2) on top, 已解决 (3) below.
    await painted('funnel');
    const funnel = page.locator('[data-testid=chart-funnel] canvas').first();
    await funnel.scrollIntoViewIfNeeded();
    const box = (await funnel.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.3);
    await page.waitForURL(/state=new/);
    expect(new URL(page.url()).searchParams.get('counted')).toBe('created');
    await page.locator('tr[data-testid=ticket-row]').nth(1).waitFor();
    expect(await page.locator('tr[data-testid=ticket-row]').count()).toBe(2);

    await page.goBack();
    await page.waitForSelector('[data-testid=dashboard-ready]');
    await page.click('[data-testid=kpi-open]');
    await page.waitForURL(/counted=open/);
    await page.locator('tr[data-testid=ticket-row]').nth(1).waitFor();
    expect(await page.locator('tr[data-testid=ticket-row]').count()).toBe(2);
  });
});
