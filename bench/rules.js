'use strict';

// What routing, SLA and assignment cost per ticket: intake with no configuration beside intake
// under 200 active routing rules, two SLA policies (facts, business-time due dates) and
// auto-assignment to the least loaded of eight agents (bench/config.js), in one run on Postgres,
// each on a fresh database and server. Usage: npm run bench:rules
const os = require('node:os');
const { DURATION, CONNECTIONS, FIELDS, freshDatabase, startServer, stopServer, run, row } = require('./lib');
const { RULES } = require('./config');

async function intake(title, config) {
  const db = freshDatabase('scrm_bench_rules');
  const server = await startServer({ ...process.env, NODE_ENV: 'production', DATABASE_URL: db.url, BENCH_CONFIG: config ? '1' : '0' });
  try {
    const url = `http://127.0.0.1:${server.port}/api/scrm-tickets/tickets`;
    const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    let n = 0;
    const body = () => JSON.stringify({ data: { templateKey: server.templateKey, title: `洗衣机报修 ${++n}`, fields: FIELDS } });
    await run('warm-up', { url, headers, duration: 3, setupClient: (c) => c.setBody(body()) });
    return await run(title, { url, headers, setupClient: (c) => c.setBody(body()) });
  } finally {
    await stopServer(server);
    db.drop();
  }
}

(async () => {
  const bare = await intake('intake, no rules / SLA / assignment', false);
  const configured = await intake(`intake + ${RULES} rules + SLA + auto-assignment`, true);
  console.log(`\nrules on Postgres, ${CONNECTIONS} connections, ${DURATION}s each, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.table([row(bare), row(configured)]);
  // At saturation each ticket costs 1/throughput of the server's time.
  const msPerTicket = (r) => 1000 / r.result.requests.average;
  console.log(`configured / bare = ${(configured.result.requests.average / bare.result.requests.average).toFixed(2)}x; ` +
    `rules + SLA + assignment add about ${(msPerTicket(configured) - msPerTicket(bare)).toFixed(1)} ms of server time per ticket`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
