'use strict';

// Batch intake throughput: POST /api/scrm-tickets/tickets/batch (1,000 tickets a request: each
// validated, numbered, routed, clocked and recorded with its created event, written set-based)
// beside a raw multi-row INSERT of the same rows into a copy of the ticket table (no validation,
// no events, no links), in one run, on Postgres. Then the books: tickets = unique numbers =
// created events. The app is measured as `npm start` runs it, with Node's default young
// generation, and as an order sync whose customers are each told of their ticket (see measure).
// Usage: npm run bench:batch (BATCHES, BATCH_SIZE, BATCH_CLIENTS to vary; BENCH_CONFIG=1 for the
// configuration bench/config.js makes: 200 routing rules, SLA on the Chinese calendar, a team of
// eight agents assigning the least loaded).
const fs = require('node:fs');
const os = require('node:os');
const { Client } = require('pg');
const { FIELDS, freshDatabase, startServer, stopServer } = require('./lib');
const { NODE_FLAGS } = require('../scripts/node-flags');

const BATCHES = Number(process.env.BATCHES || 20);
const SIZE = Number(process.env.BATCH_SIZE || 1000);
const CLIENTS = Number(process.env.BATCH_CLIENTS || 2);

const items = (templateKey, customers, from) =>
  Array.from({ length: SIZE }, (_, i) => ({
    templateKey,
    customer: customers[(from + i) % customers.length],
    title: `订单同步 ${from + i}`,
    fields: { ...FIELDS, summary: `洗衣机不脱水 #${from + i}` },
    idempotencyKey: `order-sync-${from + i}`,
    source: 'ecommerce',
  }));

async function batches(base, { token, templateKey, customers }, offset, count = BATCHES) {
  // Bodies made before the clock starts: the load generator shares the two cores with the server
  // and Postgres, and what it spends making a megabyte of JSON is not the server's time.
  const bodies = Array.from({ length: count }, (_, n) => JSON.stringify({ data: items(templateKey, customers, offset + n * SIZE) }));
  let next = 0;
  const started = process.hrtime.bigint();
  let created = 0;
  const client = async () => {
    while (next < count) {
      const n = next++;
      const res = await fetch(`${base}/api/scrm-tickets/tickets/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: bodies[n],
      });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`batch ${n}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      created += body.meta.created;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { created, seconds, perSecond: created / seconds };
}

/** The same rows as one multi-row INSERT per 1,000 into a copy of scrm_tickets (indexes included). */
async function rawInsert(pg, count) {
  await pg.query('CREATE TABLE bench_raw_tickets (LIKE scrm_tickets INCLUDING ALL)');
  const started = process.hrtime.bigint();
  for (let b = 0; b < count / SIZE; b += 1) {
    const values = [];
    const params = [];
    for (let i = 0; i < SIZE; i += 1) {
      const n = b * SIZE + i;
      const at = new Date();
      const row = [
        `raw${n}`.padEnd(24, 'x'),
        `RAW-${n}`,
        `订单同步 ${n}`,
        JSON.stringify({ ...FIELDS, summary: `洗衣机不脱水 #${n}` }),
        'new',
        'normal',
        'ecommerce',
        1,
        `order-sync-${n}`,
        at,
        at,
        at,
        at,
      ];
      values.push(`(${row.map((_, k) => `$${params.length + k + 1}`).join(', ')})`);
      params.push(...row);
    }
    await pg.query(
      `INSERT INTO bench_raw_tickets (document_id, number, title, fields, state, priority, source, version, idempotency_key, reported_at, created_at, updated_at, published_at) VALUES ${values.join(', ')}`,
      params,
    );
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { created: count, seconds, perSecond: count / seconds };
}

/** The process's peak resident memory in MB (Linux's VmHWM), or null where /proc has none. */
function peakResidentMb(pid) {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * One server on a fresh database: a warm-up batch (validators, rules and SLA policies compile once
 * per process), the measured batches, the raw baseline when asked, and the books: tickets =
 * unique numbers = created events (= customer messages when the tickets name customers).
 * An email channel is configured in every run, as production has channels: every `created` event
 * goes through the outbox, which reads its ticket. With `customers`, every ticket names one of 200
 * customers with an email address, as an order sync's tickets do, and its `created` event writes
 * that customer's message; nothing sends it (no dispatcher runs: the measure is intake).
 */
async function measure(nodeFlags, { customers, withRaw }) {
  const db = freshDatabase('scrm_bench_batch');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    BENCH_CUSTOMERS: customers ? '200' : '0',
    NOTIFY_SMTP_HOST: '127.0.0.1',
    NOTIFY_SMTP_PORT: '9',
    SCRM_NOTIFY_POLLER: 'off',
  };
  const server = await startServer(env, { nodeFlags });
  const pg = new Client({ connectionString: db.url });
  try {
    await pg.connect();
    const base = `http://127.0.0.1:${server.port}`;
    const warm = await batches(base, server, 10_000_000, 1);
    const plugin = await batches(base, server, 0);
    const raw = withRaw ? await rawInsert(pg, plugin.created) : null;
    const books = (
      await pg.query(
        `SELECT (SELECT count(DISTINCT number) FROM scrm_tickets) AS numbers,
              (SELECT count(*) FROM scrm_tickets) AS all_tickets,
              (SELECT count(*) FROM scrm_ticket_events WHERE type = 'created') AS created_events,
              (SELECT count(*) FROM scrm_notifications WHERE audience = 'customer') AS messages`,
      )
    ).rows[0];
    const made = warm.created + plugin.created;
    const balanced =
      [books.all_tickets, books.numbers, books.created_events].every((n) => Number(n) === made) && Number(books.messages) === (customers ? made : 0);
    return { plugin, raw, books, warm, balanced, peakMb: peakResidentMb(server.child.pid) };
  } finally {
    await pg.end();
    await stopServer(server);
    db.drop();
  }
}

(async () => {
  // The issue's shape (the same rows as the raw insert) as `npm start` runs an instance
  // (scripts/node-flags.js) and with Node's default young generation; then an order sync whose
  // customers are each told of their ticket.
  const production = await measure(NODE_FLAGS, { customers: false, withRaw: true });
  const defaults = await measure([], { customers: false });
  const told = await measure(NODE_FLAGS, { customers: true });
  const { raw } = production;
  const line = (label, run, peakMb) => ({ case: label, tickets: run.created, seconds: run.seconds.toFixed(2), 'tickets/s': Math.round(run.perSecond), 'peak RSS MB': peakMb ?? '' });
  console.log(`\nbatch intake on Postgres: ${BATCHES} batches of ${SIZE}, ${CLIENTS} clients, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.table([
    line(`POST /tickets/batch, as npm start runs it (${NODE_FLAGS.join(' ')})`, production.plugin, production.peakMb),
    line('POST /tickets/batch, Node defaults (16 MB semi-spaces)', defaults.plugin, defaults.peakMb),
    line('POST /tickets/batch, npm start, each ticket\'s customer told (a message row each)', told.plugin, told.peakMb),
    line('raw multi-row INSERT of the same rows (baseline)', raw),
  ]);
  console.log(`plugin / raw = ${(production.plugin.perSecond / raw.perSecond).toFixed(2)}x (target >= 5,000 tickets/s)`);
  for (const [label, run] of [['npm start', production], ['defaults', defaults], ['customers told', told]]) {
    console.log(`books (${label}): ${run.books.all_tickets} tickets (${run.warm.created} of the warm-up), ${run.books.numbers} unique numbers, ${run.books.created_events} created events, ${run.books.messages} customer messages`);
    if (!run.balanced) {
      console.error('the books do not balance');
      process.exitCode = 1;
    }
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
