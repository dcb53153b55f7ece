'use strict';

// Horizontal scale, measured and checked: the same mixed load — creates, transitions, list reads
// — against one Strapi instance (working its own queues) and against two instances with two queue
// workers (scripts/cluster.js), each on a fresh Postgres database and its own Redis queues, in one
// run. After each, the books must balance: every accepted create is one ticket with one unique
// number and one `created` event, and every notification row was sent exactly once (the SMTP sink
// counts Message-IDs). Usage: npm run bench:scale (figures) or npm run test:load (a short run that
// fails on a broken invariant). Needs a built app (npm run build), Postgres and Redis on 127.0.0.1.
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const autocannon = require('autocannon');
const { SMTPServer } = require('smtp-server');
const { startCluster } = require('../scripts/cluster');
const { freshDatabase } = require('./lib');

const DURATION = Number(process.env.BENCH_DURATION || 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 16);
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const ALL_TOPOLOGIES = [
  { name: '1 instance (works its own queues)', instances: 1, workers: 0 },
  { name: '2 instances + 2 workers', instances: 2, workers: 2 },
];
// SCALE_TOPOLOGY=1 or 2 runs one of them (a quicker look).
const TOPOLOGIES = process.env.SCALE_TOPOLOGY ? [ALL_TOPOLOGIES[Number(process.env.SCALE_TOPOLOGY) - 1]] : ALL_TOPOLOGIES;

/** An SMTP server keeping the Message-ID of every mail it accepts. */
async function smtpSink() {
  const ids = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (c) => (raw += c));
      stream.on('end', () => {
        ids.push(raw.match(/^Message-ID:\s*(.*)$/im)?.[1]?.trim() ?? null);
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { ids, port: server.server.address().port, close: () => new Promise((r) => server.close(r)) };
}

const json = async (res) => {
  const body = await res.json();
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
};
const call = (url, token, method, path, body) =>
  fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) }).then(json);
const sql = (dbUrl, query) => execFileSync('psql', [dbUrl, '-tAc', query]).toString().trim();

const CUSTOMERS = 200;

/** What the load needs: an API token, a template and customers who are told by email. */
async function seed(url) {
  const admin = await call(url, null, 'POST', '/admin/register-admin', { email: 'scale@bench.local', password: 'Scale2026!x', firstname: '压测', lastname: '扩容' });
  const jwt = admin.data.token;
  const token = (await call(url, jwt, 'POST', '/admin/api-tokens', { name: 'scale', type: 'full-access', lifespan: null })).data.accessKey;
  const CT = '/content-manager/collection-types';
  await call(url, jwt, 'POST', `${CT}/plugin::scrm-tickets.ticket-template`, { key: 'scale_repair', name: '扩容报修', fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '描述' }, type: 'text' }] });
  // Customers told by email, enough of them that none reaches the per-recipient mail limit (60 an hour).
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i += 1) {
    customers.push((await call(url, jwt, 'POST', `${CT}/api::customer.customer`, { name: `压测客户${i}`, email: `load${i}@customers.test`, notifyChannels: ['email'] })).data.documentId);
  }
  return { token, customers };
}

/** The mixed load on every instance at once, connections shared among them. */
async function load(urls, token, customers, seconds) {
  const counts = { created: 0, moved: 0 };
  let n = 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const list = { method: 'GET', path: '/api/scrm-tickets/tickets?pagination[pageSize]=20', headers };
  const runs = urls.map(
    (url) =>
      new Promise((resolve, reject) =>
        autocannon(
          {
            url,
            duration: seconds,
            connections: Math.max(1, Math.round(CONNECTIONS / urls.length)),
            requests: [
              {
                method: 'POST',
                path: '/api/scrm-tickets/tickets',
                headers,
                setupRequest: (req) => ({ ...req, body: JSON.stringify({ data: { templateKey: 'scale_repair', title: `扩容压测 ${++n}`, customer: customers[n % customers.length], fields: { summary: '不制冷' } } }) }),
                onResponse: (status, body, context) => {
                  if (status !== 201) return;
                  counts.created += 1;
                  const { documentId, version } = JSON.parse(body).data;
                  Object.assign(context, { documentId, version });
                },
              },
              {
                method: 'POST',
                headers,
                // The ticket this connection just made moves on (new → 处理中).
                setupRequest: (req, context) => ({ ...req, path: `/api/scrm-tickets/tickets/${context.documentId}/transitions`, body: JSON.stringify({ to: 'in_progress', version: context.version }) }),
                onResponse: (status) => {
                  if (status < 300) counts.moved += 1;
                },
              },
              list,
            ],
          },
          (error, result) => (error ? reject(error) : resolve(result))
        )
      )
  );
  const results = await Promise.all(runs);
  const total = (f) => results.reduce((sum, r) => sum + f(r), 0);
  return {
    ...counts,
    requestsPerSecond: total((r) => r.requests.average),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: total((r) => r.non2xx),
    errors: total((r) => r.errors),
  };
}

/** Until the outbox and every queue are empty (the readiness answer counts them). */
async function drained(url, ms = 120_000) {
  let ready;
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 1000))) {
    ready = await (await fetch(`${url}/api/scrm-tickets/ready`)).json();
    const busy = Object.values(ready.queues ?? {}).some((q) => q.waiting + q.active + q.delayed > 0);
    if (ready.outbox?.pending === 0 && !busy) return;
  }
  throw new Error(`the outbox and queues did not drain within ${ms / 1000} s: ${JSON.stringify(ready)}`);
}

async function measure(topology) {
  const db = freshDatabase('scrm_scale');
  const smtp = await smtpSink();
  const prefix = `scale${Date.now()}`;
  const cluster = await startCluster({
    instances: topology.instances,
    workers: topology.workers,
    port: 5600,
    env: { DATABASE_URL: db.url, REDIS_URL: REDIS, SCRM_QUEUE_PREFIX: prefix, NOTIFY_SMTP_HOST: '127.0.0.1', NOTIFY_SMTP_PORT: String(smtp.port), NOTIFY_QUIET_HOURS: 'off', LOG_FORMAT: 'json' },
  });
  try {
    const { token, customers } = await seed(cluster.urls[0]);
    await load(cluster.urls, token, customers, 3); // warm-up
    const figures = await load(cluster.urls, token, customers, DURATION);
    await drained(cluster.urls[0], Number(process.env.SCALE_DRAIN_MS) || 120_000).catch((error) => {
      throw new Error(`${error.message}\n${sql(db.url, "SELECT status, channel, count(*), max(last_error), min(due_at) FROM scrm_notifications GROUP BY 1, 2")}`);
    });
    const [tickets, numbers] = sql(db.url, 'SELECT count(*), count(DISTINCT number) FROM scrm_tickets').split('|').map(Number);
    const createdEvents = Number(sql(db.url, "SELECT count(*) FROM scrm_ticket_events WHERE type = 'created'"));
    const sent = Number(sql(db.url, "SELECT count(*) FROM scrm_notifications WHERE status = 'sent'"));
    const unsent = Number(sql(db.url, "SELECT count(*) FROM scrm_notifications WHERE status <> 'sent'"));
    const mails = smtp.ids.length;
    const distinctMails = new Set(smtp.ids).size;
    return { topology, figures, tickets, numbers, createdEvents, sent, unsent, mails, distinctMails };
  } finally {
    await cluster.stop();
    await smtp.close();
    db.drop();
    // The run's queues go with it.
    try {
      const keys = execFileSync('redis-cli', ['-u', REDIS, '--scan', '--pattern', `bull:${prefix}*`]).toString().split('\n').filter(Boolean);
      for (let i = 0; i < keys.length; i += 500) execFileSync('redis-cli', ['-u', REDIS, 'DEL', ...keys.slice(i, i + 500)]);
    } catch {
      /* nothing to clean */
    }
  }
}

/** The books of one run: what must hold whatever the topology. */
function broken(run) {
  const problems = [];
  // Warm-up creates count too: every ticket in the database came from an accepted create.
  if (run.numbers !== run.tickets) problems.push(`${run.tickets - run.numbers} duplicate ticket numbers`);
  if (run.createdEvents !== run.tickets) problems.push(`${run.createdEvents} created events for ${run.tickets} tickets`);
  if (run.unsent !== 0) problems.push(`${run.unsent} notifications not sent`);
  if (run.mails !== run.sent) problems.push(`${run.mails} mails for ${run.sent} sent notifications`);
  if (run.distinctMails !== run.mails) problems.push(`${run.mails - run.distinctMails} mails sent twice`);
  if (run.figures.created === 0) problems.push('no ticket was created');
  return problems;
}

(async () => {
  const runs = [];
  for (const topology of TOPOLOGIES) runs.push(await measure(topology));
  console.log(`\nscale on Postgres + Redis, mixed load (create, transition, list), ${CONNECTIONS} connections, ${DURATION}s each, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.table(
    runs.map((r) => ({
      topology: r.topology.name,
      'req/s': Math.round(r.figures.requestsPerSecond),
      'creates/s': Math.round(r.figures.created / DURATION),
      'p50 ms': r.figures.p50,
      'p99 ms': r.figures.p99,
      non2xx: r.figures.non2xx,
      tickets: r.tickets,
      'unique numbers': r.numbers,
      'mails (unique)': `${r.mails} (${r.distinctMails})`,
    }))
  );
  const failures = runs.flatMap((r) => broken(r).map((p) => `${r.topology.name}: ${p}`));
  if (failures.length) {
    console.error(`\ninvariants broken:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log('\ninvariants hold: every ticket one unique number and one created event; every notification sent exactly once.');
  const [one, two] = runs;
  if (two) console.log(`2 instances + 2 workers / 1 instance = ${(two.figures.requestsPerSecond / one.figures.requestsPerSecond).toFixed(2)}x`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
