'use strict';

// Ticket intake throughput: POST /api/scrm-tickets/tickets (validation, numbering, version,
// audit event, all in the document-service middleware) beside Strapi's stock create of content
// types shaped like the ticket (scalars only; scalars and relations), in one run, on Postgres. Usage: npm run bench:intake
// (DATABASE_URL optional: a fresh database is created on 127.0.0.1 and dropped afterwards).
const os = require('node:os');
const { DURATION, CONNECTIONS, FIELDS, freshDatabase, startServer, stopServer, run, row } = require('./lib');

(async () => {
  const db = freshDatabase('scrm_bench');
  const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: db.url };
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
    await stopServer(server);
    db.drop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
