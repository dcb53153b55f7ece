// The built app (admin panel included) as a server of its own on a fresh SQLite file, for the
// browser tests: `strapi start` in a child process, ready when /_health answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/** `extraEnv`: settings of this run (e.g. a fake provider's address). */
export async function startApp(port = 1400 + (process.pid % 500), extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrm-browser-'));
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_FILENAME: path.relative(path.join(__dirname, '..', '..'), path.join(dir, 'data.db')) };
  delete (env as any).DATABASE_URL;
  delete (env as any).REDIS_URL;
  // Production needs the customer PII keys: fresh ones for this fresh database.
  const pii = { SCRM_PII_KEYS: `test:${randomBytes(32).toString('base64')}`, SCRM_PII_HASH_KEY: randomBytes(32).toString('base64') };
  Object.assign(env, { SCRM_NOTIFY_POLLER: 'off', SCRM_SLA_POLLER: 'off' }, pii, extraEnv);
  const root = path.join(__dirname, '..', '..');
  const cli = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
  const child: ChildProcess = spawn(process.execPath, [cli, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`strapi start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) break;
    } catch {
      /* not listening yet */
    }
    // Two cores shared with an admin build or another app can make a cold start slow.
    if (waited > 150_000) throw new Error(`strapi start did not answer within 150 s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** JSON to the app with a bearer token (an admin JWT or API token); throws on a status ≥ 300. */
export async function callApp(app: AppServer, method: string, url: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(`${app.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: any = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The first administrator, as on a new install: their admin JWT and user id. */
export async function registerAdmin(app: AppServer, admin: { email: string; password: string; firstname: string; lastname: string }) {
  const res = await fetch(`${app.url}/admin/register-admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (res.status !== 200) throw new Error(`register-admin: ${res.status} ${await res.text()}`);
  const { token, user } = ((await res.json()) as any).data;
  return { jwt: token as string, id: user.id as number };
}

/** Signs `who` in to the admin panel in zh-Hans, as a person would on the login page (whoever was signed in before is forgotten). */
export async function logInAdmin(page: import('playwright-core').Page, app: AppServer, who: { email: string; password: string }): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${app.url}/admin/auth/login`);
  await page.evaluate(() => localStorage.clear());
  await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await page.goto(`${app.url}/admin/auth/login`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 });
}
