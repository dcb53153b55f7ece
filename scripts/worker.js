'use strict';

// `npm run worker`: a process that only works queues. It loads the app without an HTTP server;
// the plugin's bootstrap starts the bull processors (notifications per channel, SLA timers) and
// the outbox dispatcher, as every Strapi instance does unless SCRM_QUEUE_WORKERS=off. Run as
// many as the load needs: rows are claimed one by one, so no two workers send the same message.
// Strapi's own SIGTERM / SIGINT handling destroys the app: the plugin's destroy lets the jobs in
// flight finish and closes the queues and the pool.
const { compileStrapi, createStrapi } = require('@strapi/strapi');

async function main() {
  if (!process.env.REDIS_URL) {
    console.error('npm run worker needs REDIS_URL: without Redis the Strapi process delivers notifications itself.');
    process.exit(1);
  }
  // This process is a worker whatever the instances are told: processors and dispatcher on.
  process.env.SCRM_QUEUE_WORKERS = 'on';
  process.env.SCRM_NOTIFY_POLLER = 'on';
  const strapi = createStrapi(await compileStrapi());
  await strapi.load();
  strapi.log.info(`scrm-tickets worker ${process.pid} is working the queues`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
