'use strict';

// Horizontal scale, measured and checked: the same mixed load — creates, transitions, list reads,
// signed shop webhooks and WeCom callbacks, each delivered twice — against one Strapi instance (working its own queues) and against two instances with two queue
// workers (scripts/cluster.js), each on a fresh Postgres database and its own Redis queues, in one
// run. After each, the books must balance: every accepted create is one ticket with one unique
// number and one `created` event, and every notification row was sent exactly once (the SMTP sink
// counts Message-IDs). Usage: npm run bench:scale (figures) or npm run test:load (a short run that
// fails on a broken invariant). Needs a built app (npm run build), Postgres and Redis on 127.0.0.1.
const os = require('node:os');
const { createHmac, randomBytes } = require('node:crypto');
const { encrypt, getSignature } = require('@wecom/crypto');
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
// The load's tickets are reported 58 s ago under a one-minute first-response SLA: each is warned at
// once and breached two seconds later, by whichever instance or worker claims the timer first.
const REPORTED_AGO_MS = 58_000;
const SHOP = { key: 'scale_shop', secret: 'scale-shop-secret-2026' };
// The WeCom app's callback: members' texts become tickets, each message delivered twice (WeCom
// retries). Its API base is a closed local port: nothing here ever calls out.
const WECOM = { corpId: 'wwscale0000000001', token: 'scaleToken', encodingAesKey: randomBytes(32).toString('base64').slice(0, 43) };
const WECOM_ENV = {
  WECOM_CORP_ID: WECOM.corpId, WECOM_CALLBACK_TOKEN: WECOM.token, WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey, WECOM_INTAKE_TEMPLATE: 'scale_repair', WECOM_API_BASE: 'http://127.0.0.1:9',
};
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
  // Staff transitions do not answer the customer here, so every ticket's timers fire.
  await call(url, jwt, 'POST', `${CT}/plugin::scrm-tickets.sla-policy`, {
    key: 'scale_sla', name: '扩容时效', schedule: { hours: 'always' }, firstResponseMinutes: 1, warnAtPercent: 50, responseActions: ['public_reply'],
    escalations: [{ key: 'warn', at: 'warn', notify: 'assignee' }, { key: 'breach', at: 'breach', notify: 'team_lead' }],
    conditions: { all: [{ fact: 'template', operator: 'equal', value: 'scale_repair' }] },
  });
  // A shop whose order webhooks become tickets; each event is delivered twice, as senders retry.
  await call(url, jwt, 'POST', `${CT}/plugin::scrm-tickets.intake-source`, {
    key: SHOP.key, name: '扩容店铺', secret: SHOP.secret, templateKey: 'scale_repair', eventIdPath: 'id', mapping: { title: 'title', fields: { summary: 'reason' } }, enabled: true,
  });
  // Customers told by email, enough of them that none reaches the per-recipient mail limit (60 an hour).
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i += 1) {
    customers.push((await call(url, jwt, 'POST', `${CT}/api::customer.customer`, { name: `压测客户${i}`, email: `load${i}@customers.test`, notifyChannels: ['email'] })).data.documentId);
  }
  return { token, customers };
}

/** The mixed load on every instance at once, connections shared among them. */
/** A signed delivery of shop event `id` (the sender's HMAC over its timestamp and body). */
function webhook(id) {
  const body = JSON.stringify({ id: `order-${id}`, title: `订单退货 ${id}`, reason: '尺码不合适' });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', SHOP.secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-scrm-timestamp': timestamp, 'x-scrm-signature': signature } };
}

/** A member's text message `id`, encrypted and signed as WeCom sends it (real @wecom/crypto). */
function wecomMessage(id) {
  const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[member${id % 50}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[门店空调漏水 ${id}]]></Content><MsgId>${9_000_000_000 + id}</MsgId><AgentID>1000002</AgentID></xml>`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = encrypt(WECOM.encodingAesKey, xml, WECOM.corpId);
  const signature = getSignature(WECOM.token, timestamp, nonce, encrypted);
  return {
    path: `/api/scrm-tickets/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

async function load(urls, token, customers, seconds) {
  const counts = { created: 0, moved: 0, delivered: new Set(), messaged: new Set() };
  let n = 0;
  let events = 0;
  let messages = 0;
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
                setupRequest: (req) => {
                  const reportedAt = new Date(Date.now() - REPORTED_AGO_MS).toISOString();
                  const data = { templateKey: 'scale_repair', title: `扩容压测 ${++n}`, customer: customers[n % customers.length], fields: { summary: '不制冷' }, reportedAt };
                  return { ...req, body: JSON.stringify({ data }) };
                },
                onResponse: (status, body, context) => {
                  if (status !== 201) return void (process.env.SCALE_DEBUG && console.error('create', status, body.slice(0, 400)));
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
              // A shop event, then its retry: one ticket (201, then 200 with the same ticket).
              ...[0, 1].map((retry) => ({
                method: 'POST',
                path: `/api/scrm-tickets/intake/${SHOP.key}`,
                setupRequest: (req, context) => {
                  if (!retry) context.event = ++events;
                  return { ...req, ...webhook(context.event) };
                },
                onResponse: (status, _body, context) => {
                  if (status < 300) counts.delivered.add(context.event);
                },
              })),
              // A member's WeCom message, then WeCom's retry of it: one ticket.
              ...[0, 1].map((retry) => ({
                method: 'POST',
                setupRequest: (req, context) => {
                  if (!retry) context.message = ++messages;
                  return { ...req, ...wecomMessage(context.message) };
                },
                onResponse: (status, _body, context) => {
                  if (status < 300) counts.messaged.add(context.message);
                },
              })),
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
    verbose: Boolean(process.env.SCALE_DEBUG),
    env: { DATABASE_URL: db.url, REDIS_URL: REDIS, SCRM_QUEUE_PREFIX: prefix, NOTIFY_SMTP_HOST: '127.0.0.1', NOTIFY_SMTP_PORT: String(smtp.port), NOTIFY_QUIET_HOURS: 'off', LOG_FORMAT: 'json', ...WECOM_ENV },
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
    const slaEvents = Number(sql(db.url, "SELECT count(*) FROM scrm_ticket_events WHERE type IN ('sla_warning', 'sla_breach')"));
    const slaTwice = Number(
      sql(
        db.url,
        `SELECT count(*) FROM (SELECT l.ticket_id FROM scrm_ticket_events e JOIN scrm_ticket_events_ticket_lnk l ON l.ticket_event_id = e.id
          WHERE e.type IN ('sla_warning', 'sla_breach') GROUP BY l.ticket_id, e.changes->>'clock', e.changes->>'level' HAVING count(*) > 1) twice`
      )
    );
    const [timers, fired] = sql(db.url, 'SELECT count(*), count(fired_at) FROM scrm_sla_timers').split('|').map(Number);
    const [shopTickets, shopKeys] = sql(db.url, `SELECT count(*), count(DISTINCT idempotency_key) FROM scrm_tickets WHERE source = 'webhook:${SHOP.key}'`).split('|').map(Number);
    const [chatTickets, chatKeys] = sql(db.url, "SELECT count(*), count(DISTINCT idempotency_key) FROM scrm_tickets WHERE source = 'wecom'").split('|').map(Number);
    const inboundLeft = Number(sql(db.url, "SELECT count(*) FROM scrm_wecom_inbound WHERE status <> 'done'"));
    const mails = smtp.ids.length;
    const distinctMails = new Set(smtp.ids).size;
    return { topology, figures, tickets, numbers, createdEvents, sent, unsent, mails, distinctMails, slaEvents, slaTwice, timers, fired, shopTickets, shopKeys, chatTickets, chatKeys, inboundLeft };
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
  // Every ticket's warning and breach fired, each exactly once, whoever claimed it.
  if (run.fired !== run.timers) problems.push(`${run.timers - run.fired} SLA timers never fired`);
  if (run.timers !== 2 * run.tickets) problems.push(`${run.timers} SLA timers for ${run.tickets} tickets`);
  if (run.slaEvents !== run.fired) problems.push(`${run.slaEvents} SLA events for ${run.fired} fired timers`);
  if (run.slaTwice !== 0) problems.push(`${run.slaTwice} SLA levels fired twice`);
  // Each shop event one ticket, however often delivered (some deliveries may end with the run).
  if (run.shopKeys !== run.shopTickets) problems.push(`${run.shopTickets - run.shopKeys} shop events made two tickets`);
  if (run.shopTickets < run.figures.delivered.size) problems.push(`${run.figures.delivered.size - run.shopTickets} delivered shop events without a ticket`);
  // Each WeCom message one ticket, however often WeCom delivers it; none left unworked.
  if (run.chatKeys !== run.chatTickets) problems.push(`${run.chatTickets - run.chatKeys} WeCom messages made two tickets`);
  if (run.chatTickets < run.figures.messaged.size) problems.push(`${run.figures.messaged.size - run.chatTickets} answered WeCom messages without a ticket`);
  if (run.inboundLeft !== 0) problems.push(`${run.inboundLeft} WeCom messages not made into tickets`);
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
      'SLA fired': `${r.fired}/${r.timers}`,
      'shop events → tickets': `${r.figures.delivered.size} → ${r.shopTickets}`,
      'WeCom messages → tickets': `${r.figures.messaged.size} → ${r.chatTickets}`,
    }))
  );
  const failures = runs.flatMap((r) => broken(r).map((p) => `${r.topology.name}: ${p}`));
  if (failures.length) {
    console.error(`\ninvariants broken:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log('\ninvariants hold: every ticket one unique number and one created event; every notification sent exactly once; every SLA warning and breach fired once; each shop event and WeCom message one ticket.');
  const [one, two] = runs;
  if (two) console.log(`2 instances + 2 workers / 1 instance = ${(two.figures.requestsPerSecond / one.figures.requestsPerSecond).toFixed(2)}x`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
