import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { callApp, registerAdmin, startApp } from '../browser/server';

// The customer PII keys as an operator meets them, with real processes: production refuses to
// start without them, and the documented rotation — add a new first key, `npm run pii:rotate`,
// drop the old key — keeps every customer readable.
const ADMIN = { email: 'pii-admin@test.local', password: 'PiiKeys2026!', firstname: '密钥', lastname: '轮换' };
const root = path.join(__dirname, '..', '..');
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const run = promisify(execFile);

describe('customer PII keys in production (strapi start, npm run pii:rotate)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrm-pii-'));
  const database = path.relative(root, path.join(dir, 'data.db'));
  const hashKey = randomBytes(32).toString('base64');
  const port = 4900 + (process.pid % 90);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start without keys or with a short one, saying what to set', async () => {
    await expect(startApp(port, { DATABASE_FILENAME: database, SCRM_PII_KEYS: '', SCRM_PII_HASH_KEY: hashKey })).rejects.toThrow(/SCRM_PII_KEYS is not set/);
    await expect(startApp(port, { DATABASE_FILENAME: database, SCRM_PII_KEYS: key('A'), SCRM_PII_HASH_KEY: '' })).rejects.toThrow(/SCRM_PII_HASH_KEY is not set/);
    await expect(startApp(port, { DATABASE_FILENAME: database, SCRM_PII_KEYS: `A:${randomBytes(16).toString('base64')}`, SCRM_PII_HASH_KEY: hashKey })).rejects.toThrow(
      /SCRM_PII_KEYS key "A" must be exactly 32 random bytes/,
    );
  }, 240_000);

  it('rotates A → B with the script, and B alone then reads every customer', async () => {
    const A = key('A');
    const B = key('B');
    const mobile = '13612345678';
    let app = await startApp(port, { DATABASE_FILENAME: database, SCRM_PII_KEYS: A, SCRM_PII_HASH_KEY: hashKey });
    let token: string;
    let documentId: string;
    try {
      const jwt = (await registerAdmin(app, ADMIN)).jwt;
      token = (await callApp(app, 'POST', '/admin/api-tokens', jwt, { name: 'pii', type: 'full-access', lifespan: null })).data.accessKey;
      documentId = (await callApp(app, 'POST', '/api/customers', token, { data: { name: '轮换', mobile, address: '杭州市滨江区江南大道 1 号' } })).data.documentId;
    } finally {
      await app.stop();
    }

    const env = { ...process.env, NODE_ENV: 'production', DATABASE_FILENAME: database, SCRM_PII_KEYS: `${B},${A}`, SCRM_PII_HASH_KEY: hashKey };
    delete (env as any).DATABASE_URL;
    delete (env as any).REDIS_URL;
    const { stdout } = await run(process.execPath, [path.join(root, 'scripts', 'pii-rotate.js')], { cwd: root, env });
    expect(stdout).toMatch(/under key "B"/);
    expect(stdout).toMatch(/customers: 1 looked at, 0 plaintext sealed, 1 moved to the current key/);
    // A second run has nothing left to do.
    expect((await run(process.execPath, [path.join(root, 'scripts', 'pii-rotate.js')], { cwd: root, env })).stdout).toMatch(/customers: 0 looked at/);

    app = await startApp(port, { DATABASE_FILENAME: database, SCRM_PII_KEYS: B, SCRM_PII_HASH_KEY: hashKey });
    try {
      const read = await callApp(app, 'GET', `/api/customers/${documentId!}`, token!);
      expect(read.data).toMatchObject({ mobile, address: '杭州市滨江区江南大道 1 号' });
      const found = await callApp(app, 'GET', `/api/customers?filters[mobile][$eq]=${mobile}`, token!);
      expect(found.data.map((c: any) => c.documentId)).toEqual([documentId!]);
    } finally {
      await app.stop();
    }
  }, 300_000);
});
