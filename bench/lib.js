'use strict';

// What the benchmarks share: a fresh Postgres database, the server under test in its own process,
// an autocannon run and its table row.
const { spawn, execFileSync } = require('node:child_process');
const readline = require('node:readline');
const autocannon = require('autocannon');
const { NODE_FLAGS } = require('../scripts/node-flags');

// The benchmarks run the app as production does, which needs the customer PII keys
// (docs/operations.md): fresh ones for this run unless set, inherited by every server, worker
// and in-process app the benchmarks start (their databases are fresh too).
const { randomBytes } = require('node:crypto');
process.env.SCRM_PII_KEYS ||= `bench:${randomBytes(32).toString('base64')}`;
process.env.SCRM_PII_HASH_KEY ||= randomBytes(32).toString('base64');

const DURATION = Number(process.env.BENCH_DURATION || 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 16);

/** The fields of every benchmarked ticket (bench/template-fields.js defines them). */
const FIELDS = {
  summary: '洗衣机不脱水', detail: '脱水时噪音很大，然后停机', quantity: 1, claimFen: 12900,
  purchaseDate: '2026-03-15', channel: 'tmall', underWarranty: true, contactMobile: '13912345678',
  contactEmail: 'wang@example.com', site: { lat: 31.2304, lng: 121.4737 },
};

const psql = (sql) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', sql]);

/** A fresh database (unless DATABASE_URL is set); `drop()` removes it. */
function freshDatabase(prefix) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, drop: () => {} };
  const db = `${prefix}_${Date.now()}`;
  psql(`CREATE DATABASE ${db}`);
  return { url: `postgres://postgres@127.0.0.1:5432/${db}`, drop: () => psql(`DROP DATABASE IF EXISTS ${db}`) };
}

/**
 * Starts bench/server.js with `env` and the V8 flags `npm start` runs instances with (or
 * `nodeFlags`); resolves with the JSON line it prints when ready.
 */
function startServer(env, { nodeFlags = NODE_FLAGS } = {}) {
  const child = spawn(process.execPath, [...nodeFlags, `${__dirname}/server.js`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) resolve({ child, ...JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function stopServer(server) {
  // Let Strapi's after-commit webhook events drain, so shutdown does not abort pool waiters.
  await new Promise((r) => setTimeout(r, 2000));
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

const run = (title, opts) =>
  new Promise((resolve, reject) => {
    autocannon({ duration: DURATION, connections: CONNECTIONS, method: 'POST', ...opts }, (err, result) =>
      err ? reject(err) : resolve({ title, result })
    );
  });

const row = ({ title, result }) => ({
  case: title,
  'req/s': Math.round(result.requests.average),
  'p50 ms': result.latency.p50,
  'p99 ms': result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
});

/**
 * The app loaded in this process on a fresh Postgres database, without Redis or pollers: what
 * the in-process benchmarks (settlement, library) measure is the service, not the schedulers.
 * `close()` lets after-commit work drain, destroys Strapi and drops the database.
 */
async function loadApp(prefix) {
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const db = freshDatabase(prefix);
  Object.assign(process.env, { NODE_ENV: 'production', DATABASE_URL: db.url, SCRM_NOTIFY_POLLER: 'off', SCRM_SLA_POLLER: 'off', SCRM_REPORTS_POLLER: 'off' });
  delete process.env.REDIS_URL;
  const strapi = createStrapi(await compileStrapi());
  await strapi.load();
  strapi.log.level = 'warn';
  const close = async () => {
    await new Promise((r) => setTimeout(r, 1000));
    await strapi.destroy();
    db.drop();
  };
  return { strapi, close };
}

/**
 * What the in-process benchmarks' tickets hang on: three templates, 5 areas → 50 cities → 500
 * stores, and `agentCount` admin users. Answers their ids (stores only, for the tickets).
 */
async function seedDimensions(strapi, agentCount) {
  const knex = strapi.db.connection;
  const now = new Date();
  const templates = [];
  for (const key of ['bench_repair', 'bench_install', 'bench_complaint']) {
    templates.push((await strapi.documents('plugin::scrm-tickets.ticket-template').create({ data: { key, name: key, fieldDefinitions: [] } })).id);
  }
  const stores = [];
  for (let a = 0; a < 5; a += 1) {
    const area = await strapi.db.query('plugin::scrm-tickets.region').create({ data: { code: `area${a}`, name: `大区${a}`, level: 'area' } });
    for (let c = 0; c < 10; c += 1) {
      const city = await strapi.db.query('plugin::scrm-tickets.region').create({ data: { code: `city${a}_${c}`, name: `城市${a}_${c}`, level: 'city', parent: area.id } });
      const rows = Array.from({ length: 10 }, (_, s) => ({ document_id: `bench-store-${a}-${c}-${s}`, code: `store${a}_${c}_${s}`, name: `门店${a}_${c}_${s}`, level: 'store', created_at: now, updated_at: now, published_at: now }));
      const inserted = await knex('scrm_regions').insert(rows).returning('id');
      await knex('scrm_regions_parent_lnk').insert(inserted.map((r) => ({ region_id: r.id, inv_region_id: city.id })));
      stores.push(...inserted.map((r) => r.id));
    }
  }
  const agents = (await knex('admin_users')
    .insert(Array.from({ length: agentCount }, (_, i) => ({ document_id: `bench-agent-${i}`, firstname: `坐席${i}`, email: `agent${i}@bench.local`, is_active: true, blocked: false, created_at: now, updated_at: now })))
    .returning('id')).map((r) => r.id);
  return { templates, stores, agents };
}

/** p50 and p95 in ms of `fn` over `rounds` runs after `warmups` (3); `last` is the last answer. */
async function time(fn, rounds, warmups = 3) {
  for (let i = 0; i < warmups; i += 1) await fn();
  const ms = [];
  let last;
  for (let i = 0; i < rounds; i += 1) {
    const started = process.hrtime.bigint();
    last = await fn();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)].toFixed(1);
  return { p50: at(0.5), p95: at(0.95), last };
}

module.exports = { DURATION, CONNECTIONS, FIELDS, freshDatabase, loadApp, seedDimensions, time, startServer, stopServer, run, row };
