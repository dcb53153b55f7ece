'use strict';

// The system under test for bench/intake.js, in its own process so the load client does not
// share its event loop: boots the app (with the baseline plugin), makes a full-access token and a
// ticket template, listens, and prints one JSON line the parent reads.
process.env.BENCH_BASELINE = '1';
const { compileStrapi, createStrapi } = require('@strapi/strapi');

(async () => {
  const app = await createStrapi(await compileStrapi()).load();
  app.log.level = 'error';
  const token = await app.service('admin::api-token').create({
    name: `bench-${Date.now()}`, type: 'full-access', lifespan: null, description: '',
  });
  const key = `bench_${Date.now()}`;
  const template = await app.documents('plugin::scrm-tickets.ticket-template').create({
    data: { key, name: '压测模板', fieldDefinitions: require('./template-fields') },
  });
  // bench/rules.js: the same intake under 200 rules, SLA policies and auto-assignment.
  if (process.env.BENCH_CONFIG === '1') await require('./config').configure(app, key);
  // bench/batch.js: customers with an email address, whom their tickets' `created` message reaches.
  const customers = [];
  for (let i = 0; i < Number(process.env.BENCH_CUSTOMERS || 0); i += 1) {
    const customer = await app.documents('api::customer.customer').create({ data: { name: `顾客${i}`, email: `customer${i}@example.com` } });
    customers.push(customer.documentId);
  }
  await app.server.listen();
  const { port } = app.server.httpServer.address();
  process.stdout.write(`${JSON.stringify({ ready: true, port, token: token.accessKey, templateKey: key, templateId: template.documentId, customers })}\n`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
