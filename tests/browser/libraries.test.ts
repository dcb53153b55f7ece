import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerAdmin, startApp, type AppServer } from './server';

// An administrator imports a project library from the admin panel, in zh-Hans: a file with
// mistakes shows each problem at its JSON pointer and imports nothing; a good one shows what it
// adds, imports on the button, and the preset list offers the industry presets.
const ADMIN = { email: 'admin@browser.local', password: 'Browser2026!', firstname: '浏览器', lastname: '测试' };
const shots = path.join(__dirname, '..', '..', 'test-results');

const library = (version: string) => `
key: browser_lib
name: { zh-Hans: 浏览器测试库 }
industry: home_appliance
version: ${version}
settlementTiers:
  - key: browser_tier
    name: 浏览器档
    model: { baseFees: { default: 6000 }, split: [{ party: platform, rate: "0.1" }, { party: engineer }] }
templates:
  - key: browser_ac_clean
    name: { zh-Hans: 空调清洗预约 }
    fieldDefinitions: [{ key: summary, label: { zh-Hans: 概述 }, type: text, required: true }]
    settlementTier: browser_tier
`;

describe('project libraries in the admin (headless Chromium)', () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(path.join(tmpdir(), 'scrm-library-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  beforeAll(async () => {
    app = await startApp();
    // The first administrator, as on a new install.
    await registerAdmin(app, ADMIN);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'zh-CN' });
    await page.addInitScript(() => localStorage.setItem('strapi-admin-language', 'zh-Hans'));
    await page.goto(`${app.url}/admin/auth/login`);
    await page.fill('input[name="email"]', ADMIN.email);
    await page.fill('input[name="password"]', ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows every problem of a bad file at its pointer, previews a good one and imports it', async () => {
    await page.goto(`${app.url}/admin/plugins/scrm-tickets`);
    await page.getByRole('heading', { name: '项目库' }).waitFor({ timeout: 60_000 });

    await page.setInputFiles('[data-testid="library-file"]', file('bad.yaml', library('v1').replace('type: text', 'type: colour')));
    const problems = page.getByTestId('library-problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toMatch(/\/version[\s\S]*\/templates\/0\/fieldDefinitions\/0\/type/);
    await page.screenshot({ path: path.join(shots, 'libraries-problems.png'), fullPage: true });

    await page.setInputFiles('[data-testid="library-file"]', file('good.yaml', library('1.0.0')));
    const plan = page.getByTestId('library-plan');
    await plan.waitFor();
    await expect(plan.textContent()).resolves.toMatch(/结算档位[\s\S]*browser_tier[\s\S]*新增[\s\S]*工单模板[\s\S]*browser_ac_clean[\s\S]*新增/);
    await page.screenshot({ path: path.join(shots, 'libraries-preview.png'), fullPage: true });

    await page.getByRole('button', { name: '导入' }).click();
    const result = page.getByTestId('library-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('新增 2');
    await page.screenshot({ path: path.join(shots, 'libraries-imported.png'), fullPage: true });

    // The same file again: every item unchanged, nothing to import.
    await page.setInputFiles('[data-testid="library-file"]', file('again.yaml', library('1.0.0')));
    await expect(page.getByTestId('library-plan').textContent()).resolves.toMatch(/未变[\s\S]*未变/);
    expect(await page.getByRole('button', { name: '导入' }).isDisabled()).toBe(true);
  }, 120_000);

  it('previews an industry preset picked from the list', async () => {
    await page.getByRole('combobox', { name: '或选择行业预置' }).click();
    await page.getByRole('option', { name: '家电售后' }).click();
    await page.getByTestId('library-plan').getByText('ha_install', { exact: true }).waitFor();
    await expect(page.getByTestId('library-plan').textContent()).resolves.toMatch(/审批策略ha_refund新增[\s\S]*工单模板ha_install新增/);
    await page.getByText('appliance_aftersale 1.0.0').waitFor();
    await page.screenshot({ path: path.join(shots, 'libraries-preset.png'), fullPage: true });
  }, 60_000);
});
