// What the admin-panel browser tests share: a zh-Hans admin signed in on a desktop-sized page, and
// the few moves every test makes on it — find by test id, pick from a combobox, wait for a
// condition, keep a screenshot.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { logInAdmin, type AppServer } from './server';

export const SHOTS = path.join(__dirname, '..', '..', 'test-results');

/** Debian's Chromium, headless, with one desktop page signed in to the admin as `who`. */
export async function openAdmin(app: AppServer, who: { email: string; password: string }): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });
  await logInAdmin(page, app, who);
  return { browser, page };
}

/** The moves on the page `current()` answers (made in beforeAll); screenshots named `<prefix>-<name>.png`. */
export function adminMoves(current: () => Page, prefix: string) {
  const shot = (name: string) => current().screenshot({ path: path.join(SHOTS, `${prefix}-${name}.png`), fullPage: true });
  const byTest = (id: string) => current().locator(`[data-testid="${id}"]`);
  return {
    shot,
    byTest,
    /** Picks `options` in the combobox named `combobox` (several: a multiple choice, closed after). */
    async choose(combobox: string, ...options: string[]) {
      const page = current();
      await page.getByRole('combobox', { name: combobox, exact: true }).click();
      for (const option of options) await page.getByRole('option', { name: option, exact: true }).click();
      if (options.length > 1) await page.keyboard.press('Escape');
    },
    /** A choice in one of several comboboxes of the same name: the one inside the element with test id `scope`. */
    async chooseIn(scope: string, combobox: string, option: string) {
      await byTest(scope).getByRole('combobox', { name: combobox, exact: true }).first().click();
      await current().getByRole('option', { name: option, exact: true }).click();
    },
    /** What `read` answers once it answers something (not undefined or false), within 15 s; a screenshot when it never does. */
    async until<T>(what: string, read: () => Promise<T | undefined | false>): Promise<T> {
      for (const end = Date.now() + 15_000; ; await current().waitForTimeout(250)) {
        const value = await read();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > end) {
          await shot(`${what.replace(/\W+/g, '-')}-failed`);
          throw new Error(`timed out waiting for ${what}`);
        }
      }
    },
  };
}
