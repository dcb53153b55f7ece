'use strict';

// Ticket intake throughput: POST /api/scrm-tickets/tickets (validation, numbering, version,
// audit event, all in the document-service middleware) beside Strapi's stock create of content
// types shaped like the ticket (scalars only; scalars and relations), in one run, on Postgres. Usage: npm run bench:intake
// (DATABASE_URL optional: a fresh database is created on 127.0.0.1 and dropped afterwards).
const { spawn, execFileSync } = require('node:child_process');
const readline = require('node:readline');
const os = require('node:os');
const autocannon = require('autocannon');

const DURATION = Number(process.env.BENCH_DURATION || 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 16);

const FIELDS = {
  summary: '洗衣机不脱水', detail: '脱水时噪音很大，然后停机', quantity: 1, claimFen: 12900,
  purchaseDate: '2026-03-15', channel: 'tmall', underWarranty: true, contactMobile: '13912345678',
  contactEmail: 'wang@example.com', site: { lat: 31.2304, lng: 121.4737 },
};

function startServer(env) {
  const child = spawn(process.execPath, [`${__dirname}/server.js`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) resolve({ child, ...JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
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

(async () => {
  let db = null;
  const env = { ...process.env, NODE_ENV: 'production' };
  if (!env.DATABASE_URL) {
    db = `scrm_bench_${Date.now()}`;
    execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', `CREATE DATABASE ${db}`]);
    env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${db}`;
  }
  const server = await startServer(env);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    let n = 0;
    // Warm-up, then the baseline and the plugin back to back against the same process.
    await run('warm-up', { url: `${base}/api/bench-baseline/plain-tickets`, headers, duration: 3,
      body: JSON.stringify({ data: { title: 'warm', fields: FIELDS } }) });
    const bare = await run('bare Strapi create (plain type, same attributes)', {
      url: `${base}/api/bench-baseline/plain-tickets`, headers,
      body: JSON.stringify({ data: { title: '洗衣机报修', fields: FIELDS } }),
    });
    const linked = await run('bare Strapi create (same attributes and relations)', {
      url: `${base}/api/bench-baseline/linked-tickets`, headers,
      body: JSON.stringify({ data: { title: '洗衣机报修', fields: FIELDS, template: server.templateId } }),
    });
    const plugin = await run('scrm-tickets create (validate, number, audit)', {
      url: `${base}/api/scrm-tickets/tickets`, headers,
      setupClient: (client) => client.setBody(JSON.stringify({ data: { templateKey: server.templateKey, title: `洗衣机报修 ${++n}`, fields: FIELDS } })),
    });
    console.log(`\nintake on Postgres, ${CONNECTIONS} connections, ${DURATION}s each, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.table([row(bare), row(linked), row(plugin)]);
    const ratio = (baseline) => (plugin.result.requests.average / baseline.result.requests.average).toFixed(2);
    console.log(`plugin / bare plain = ${ratio(bare)}x, plugin / bare with relations = ${ratio(linked)}x (target >= 0.80x)`);
  } finally {
    // Let Strapi's after-commit webhook events drain, so shutdown does not abort pool waiters.
    await new Promise((r) => setTimeout(r, 2000));
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    if (db) execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db}`]);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
