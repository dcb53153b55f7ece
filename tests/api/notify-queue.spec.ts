import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createTemplate, postTicket, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';
import { startWecomFake } from '../helpers/fakes/wecom';
import { createNotifyQueues, type NotifyQueues } from '../../src/plugins/scrm-tickets/server/src/queues/notify-queue';

const NOTIFICATION_UID = 'plugin::scrm-tickets.notification';
const CONFIG = 'plugin::scrm-tickets.notifications';
const REDIS = 'redis://127.0.0.1:6379';
const label = (zh: string) => ({ 'zh-Hans': zh });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dispatcher = () => strapi().plugin('scrm-tickets').service('notify-dispatcher');
/** Closing queues whose Redis is gone must not hang the suite. */
const closeSoon = (q: { close: () => Promise<unknown> }) => Promise.race([q.close(), pause(2000)]);

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

describe('notifications on bull queues (REDIS_URL)', () => {
  let wecom: Awaited<ReturnType<typeof startWecomFake>>;
  let saved: any;
  let template: any;

  beforeAll(async () => {
    wecom = await startWecomFake();
    saved = strapi().config.get(CONFIG);
    strapi().config.set(CONFIG, {
      ...saved,
      quietHours: null,
      leaseMs: 1500,
      retry: { attemptsPerChannel: 3, baseMs: 10, maxMs: 40 },
      wecom: { baseUrl: wecom.url, corpId: 'ww-queue-corp', secret: 'queue-secret', agentId: 1000003, timeoutMs: 2000 },
    });
    template = await createTemplate({ fieldDefinitions: [{ key: 'summary', label: label('概述'), type: 'text' }] });
  });

  afterAll(async () => {
    dispatcher().useQueues(null);
    strapi().config.set(CONFIG, saved);
    await wecom.close();
  });

  /** Tickets whose customers are reached through 微信客服; returns their outbox rows' ids. */
  async function tickets(n: number, tag: string) {
    const ids: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const c: any = await strapi()
        .documents('api::customer.customer' as any)
        .create({ data: { name: `客户${i}`, wecomExternalUserId: `wm${tag}${i}`, wecomOpenKfId: 'wkQueue', wecomKfLastMessageAt: new Date() } as any });
      const res = await postTicket({ templateKey: template.key, title: '排队通知', fields: { summary: 'x' }, customer: c.documentId });
      expect(res.status).toBe(201);
      const [row]: any[] = await strapi().db.query(NOTIFICATION_UID as any).findMany({ where: { ticketId: res.body.data.id } });
      ids.push(row.id);
    }
    return ids;
  }
  const statuses = async (ids: number[]) =>
    ((await strapi().db.query(NOTIFICATION_UID as any).findMany({ where: { id: { $in: ids } }, select: ['status'] })) as any[]).map((r) => r.status);
  const allSent = (ids: number[]) => async () => (await statuses(ids)).every((s) => s === 'sent');
  const deliveredKeys = (ids: number[]) => {
    const keys = new Set(ids.map((id) => `scrm-n${id}`));
    return wecom.kfMessages.filter((m) => keys.has(m.msgid)).map((m) => m.msgid);
  };

  it('moves due rows to per-channel queues; two dispatchers and two workers send each row once', async () => {
    const prefix = unique('scrm-test-notify');
    const deliver = (id: number) => dispatcher().deliver(id);
    const a: NotifyQueues = createNotifyQueues(strapi(), REDIS, deliver, { prefix });
    const b: NotifyQueues = createNotifyQueues(strapi(), REDIS, deliver, { prefix });
    a.work();
    b.work();
    dispatcher().useQueues(a);
    try {
      const ids = await tickets(8, 'Twin');
      const due = (await dispatcher().due(Date.now(), 1000)).length; // ours and any an earlier spec left
      expect(due).toBeGreaterThanOrEqual(8);
      // Two instances dispatch at once: each row is moved to `queued` (and queued) by one of them.
      const moved = await Promise.all([dispatcher().tick(), dispatcher().tick()]);
      expect(moved[0] + moved[1]).toBe(due);
      await until(allSent(ids), 15_000, 'the queued rows to be sent');
      expect(deliveredKeys(ids).sort()).toEqual(ids.map((id) => `scrm-n${id}`).sort());
      expect(wecom.duplicates.kf).toBe(0);
    } finally {
      dispatcher().useQueues(null);
      await Promise.all([closeSoon(a), closeSoon(b)]);
    }
  });

  it('loses nothing while Redis is down: writes succeed, rows wait, and go out once it is back', async () => {
    const port = 6390 + Math.floor(Math.random() * 500);
    const startRedis = () => spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no']);
    const stopRedis = () => spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    startRedis();
    await until(async () => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG', 5000, 'the test Redis');
    const queues = createNotifyQueues(strapi(), `redis://127.0.0.1:${port}`, (id) => dispatcher().deliver(id), { prefix: unique('scrm-outage') });
    queues.work();
    dispatcher().useQueues(queues);
    // The instance's own loop runs as in production: after each write and every 200 ms.
    dispatcher().start(200);
    try {
      const before = await tickets(3, 'Up');
      await until(allSent(before), 10_000, 'delivery while Redis is up');

      stopRedis();
      const started = Date.now();
      const during = await tickets(4, 'Down');
      // The writes did not wait for Redis (no 2 s add timeout per ticket).
      expect(Date.now() - started).toBeLessThan(8000);
      await pause(2500); // the loop tries and fails to queue them
      expect((await statuses(during)).every((s) => s === 'pending' || s === 'queued')).toBe(true);
      expect(deliveredKeys(during)).toEqual([]);

      startRedis();
      await until(allSent(during), 30_000, 'delivery after Redis came back');
      expect(deliveredKeys(during).sort()).toEqual(during.map((id) => `scrm-n${id}`).sort());
      expect(wecom.duplicates.kf).toBe(0);
    } finally {
      await dispatcher().stop(); // stops the loop and closes the queues
      stopRedis();
    }
  });

  const onPostgres = Boolean(process.env.DATABASE_URL);
  // A worker is a second Strapi process on the same database: Postgres only (an SQLite file
  // written by two processes is not a deployment we support).
  (onPostgres ? it : it.skip)('a worker SIGKILLed mid-batch and restarted sends every message exactly once', async () => {
    const prefix = unique('scrm-kill');
    const ids = await tickets(24, 'Kill');
    wecom.setDelay(250);
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      REDIS_URL: REDIS,
      SCRM_QUEUE_PREFIX: prefix,
      SCRM_SLA_POLLER: 'off',
      SCRM_SLA_RECOMPUTE: 'off',
      NOTIFY_LEASE_MS: '1500',
      NOTIFY_POLL_MS: '200',
      WECOM_API_BASE: wecom.url,
      WECOM_CORP_ID: 'ww-kill-corp',
      WECOM_APP_SECRET: 'kill-secret',
      WECOM_AGENT_ID: '1000004',
    };
    const worker = (): ChildProcess =>
      spawn(process.execPath, [path.join(process.cwd(), 'scripts/worker.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    let first: ChildProcess | null = worker();
    let second: ChildProcess | null = null;
    try {
      await until(async () => deliveredKeys(ids).length >= 6, 90_000, 'the first worker to start sending');
      first.kill('SIGKILL');
      await new Promise((r) => first!.once('exit', r));
      first = null;
      const stranded = (await statuses(ids)).filter((s) => s !== 'sent').length;
      expect(stranded).toBeGreaterThan(0); // killed in the middle of the batch

      second = worker();
      await until(allSent(ids), 90_000, 'the restarted worker to finish');
      // Each message reached the customer once; sends repeated after the kill were recognised by
      // their msgid (WeCom refuses a repeated one), and counted.
      expect(deliveredKeys(ids).sort()).toEqual(ids.map((id) => `scrm-n${id}`).sort());
      strapi().log.info(`kill test: ${wecom.duplicates.kf} repeated send(s) refused by msgid`);
    } finally {
      wecom.setDelay(0);
      first?.kill('SIGKILL');
      if (second) {
        second.kill('SIGTERM');
        await Promise.race([new Promise((r) => second!.once('exit', r)), pause(10_000)]);
      }
    }
  }, 200_000);
});
