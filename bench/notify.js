'use strict';

// Notification throughput: outbox rows → dispatcher → bull (per-channel queue) → processor →
// WeCom provider → a loopback fake WeCom API → row marked sent, beside bull alone moving the same
// number of empty jobs with the same concurrency, in one run on Postgres and Redis.
// Usage: npm run bench:notify  (BENCH_MESSAGES, BENCH_CONCURRENCY)
const http = require('node:http');
const os = require('node:os');
const Bull = require('bull');
const { compileStrapi, createStrapi } = require('@strapi/strapi');
const { freshDatabase } = require('./lib');

const MESSAGES = Number(process.env.BENCH_MESSAGES || 10000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 32);
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const TABLE = 'scrm_notifications';

/** A WeCom API that answers at once: what is measured is our side. */
async function loopbackWecom() {
  let sent = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url.startsWith('/cgi-bin/gettoken')) return res.end('{"errcode":0,"access_token":"bench","expires_in":7200}');
      sent += 1;
      res.end(`{"errcode":0,"errmsg":"ok","msgid":"m${sent}"}`);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, sent: () => sent, close: () => new Promise((r) => server.close(r)) };
}

async function bullAlone() {
  const queue = new Bull(`bench-empty-${Date.now()}`, REDIS, { defaultJobOptions: { removeOnComplete: true } });
  let done = 0;
  let finish;
  const finished = new Promise((r) => (finish = r));
  void queue.process(CONCURRENCY, async () => {
    if (++done === MESSAGES) finish();
  });
  const started = Date.now();
  for (let i = 0; i < MESSAGES; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, MESSAGES - i) }, (_, j) => ({ data: { id: i + j }, opts: { jobId: `e${i + j}` } })));
  }
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  return seconds;
}

async function throughOutbox(strapi, fake) {
  const knex = strapi.db.connection;
  const now = Date.now();
  for (let i = 0; i < MESSAGES; i += 500) {
    const rows = Array.from({ length: Math.min(500, MESSAGES - i) }, (_, j) => ({
      document_id: `bench${i + j}`, ticket_id: null, ticket_number: `GD-BENCH-${i + j}`, text_key: 'assigned', audience: 'staff',
      recipient: JSON.stringify({ kind: 'staff', id: i + j, name: '坐席', locale: 'zh-Hans', wecomUserId: `agent${i + j}` }), channels: JSON.stringify(['wecom']), channel_index: 0, channel: 'wecom',
      title: '新工单待处理', body: `GD-BENCH-${i + j} 洗衣机报修`, url: 'https://tickets.example.test/t', vars: JSON.stringify({}),
      urgent: false, status: 'pending', attempts: 0, channel_attempts: 0, due_at: now, log: JSON.stringify([]),
      created_at: new Date(), updated_at: new Date(), published_at: new Date(),
    }));
    await knex(TABLE).insert(rows);
  }
  const dispatcher = strapi.plugin('scrm-tickets').service('notify-dispatcher');
  const started = Date.now();
  const sentCount = async () => Number((await knex(TABLE).where({ status: 'sent' }).count({ n: '*' }))[0].n);
  // The dispatch loop as an instance runs it, without the poll interval's wait.
  while ((await dispatcher.dispatch(Date.now(), 1000)) > 0);
  while ((await sentCount()) < MESSAGES) await new Promise((r) => setTimeout(r, 50));
  const seconds = (Date.now() - started) / 1000;
  if (fake.sent() !== MESSAGES) throw new Error(`the fake got ${fake.sent()} messages, not ${MESSAGES}`);
  return seconds;
}

(async () => {
  const db = freshDatabase('scrm_bench_notify');
  const fake = await loopbackWecom();
  const prefix = `bench-${Date.now()}`;
  Object.assign(process.env, {
    NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: REDIS, SCRM_QUEUE_PREFIX: prefix, SCRM_NOTIFY_POLLER: 'off',
    SCRM_SLA_POLLER: 'off', NOTIFY_QUEUE_CONCURRENCY: String(CONCURRENCY),
    WECOM_API_BASE: fake.url, WECOM_CORP_ID: 'bench-corp', WECOM_APP_SECRET: 'bench-secret', WECOM_AGENT_ID: '1000001',
  });
  const strapi = createStrapi(await compileStrapi());
  await strapi.load();
  strapi.log.level = 'warn';
  // What is measured is our pipeline, not WeCom's quota: the per-app limit (10,000 calls a minute
  // per API) is lifted; the per-recipient one is counted in Redis as in production (each
  // message goes to a different member). BENCH_LIMITS=off drops the counting too.
  const key = 'plugin::scrm-tickets.notifications';
  const rateLimits = process.env.BENCH_LIMITS === 'off' ? {} : { wecom: { perApp: null, perRecipient: { points: 30, duration: 60 } } };
  strapi.config.set(key, { ...strapi.config.get(key), rateLimits });
  try {
    const bare = await bullAlone();
    // This process's queue processors (started by the plugin's bootstrap, as in `npm run worker`).
    const outbox = await throughOutbox(strapi, fake);
    console.log(`\nnotifications on Postgres + Redis, ${MESSAGES} messages, concurrency ${CONCURRENCY}, one process, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.table([
      { case: 'bull alone, empty jobs', 'messages/s': Math.round(MESSAGES / bare), seconds: bare },
      { case: 'outbox → bull → WeCom provider → loopback fake', 'messages/s': Math.round(MESSAGES / outbox), seconds: outbox },
    ]);
  } finally {
    await strapi.destroy();
    await fake.close();
    db.drop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
