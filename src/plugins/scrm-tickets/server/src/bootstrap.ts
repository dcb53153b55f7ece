import type { Core } from '@strapi/strapi';
import { createSlaTimerQueue } from './queues/sla-timer-queue';
import { createNotifyQueues } from './queues/notify-queue';
import { createSlaRecomputeQueue } from './queues/sla-recompute-queue';
import { createSettlementQueue } from './queues/settlement-queue';
import { createWecomInboundQueue } from './queues/wecom-inbound-queue';
import { createRequestQueue } from './queues/request-queue';
import { countersClient } from './queues/counters-client';
import { getService } from './utils/get-service';
import { notificationsConfig } from './services/outbox';

const POLL_MS = 5000;
/** With a queue the poller is only a safety net (jobs lost while Redis was away). */
const SAFETY_POLL_MS = 60_000;

const bootstrap = ({ strapi }: { strapi: Core.Strapi }) => {
  const timers = getService('sla-timers', { strapi });
  // SLA warn/breach timers live in the database. With REDIS_URL each is also a bull delayed job,
  // fired at its due time; this instance runs the processor unless SCRM_QUEUE_WORKERS=off.
  // Either way every instance polls the table (a timer still fires once: each is claimed with a
  // conditional UPDATE). SCRM_SLA_POLLER=off turns the poller off (the tests drive it by hand).
  const redisUrl = process.env.REDIS_URL;
  // Queue names start with SCRM_QUEUE_PREFIX: apps (or test runs) sharing a Redis keep apart.
  const prefix = process.env.SCRM_QUEUE_PREFIX || 'scrm';
  if (redisUrl) {
    const queue = createSlaTimerQueue(strapi, redisUrl, (job) => timers.fireQueued(job), { name: `${prefix}-sla-timers` });
    timers.useQueue(queue);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') queue.work();
    const sla = getService('sla', { strapi });
    const recompute = createSlaRecomputeQueue(strapi, redisUrl, () => sla.recomputeOpen(), { name: `${prefix}-sla-recompute` });
    sla.useRecomputeQueue(recompute);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') recompute.work();
    // Settlement runs (a month's drafts) likewise: queued, worked by one free worker.
    const runs = getService('settlement-runs', { strapi });
    const settlement = createSettlementQueue(strapi, redisUrl, (runId, job) => runs.execute(runId, job), { name: `${prefix}-settlement` });
    runs.useQueue(settlement);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') settlement.work();
    // Stored WeCom callbacks: tickets, 微信客服 syncs and menu answers made by any free worker.
    const callback = getService('wecom-callback', { strapi });
    const inbound = createWecomInboundQueue(strapi, redisUrl, (id) => callback.process(id), { name: `${prefix}-wecom` });
    callback.useQueue(inbound);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') inbound.work();
    // The dashboard's rollups: a ticket write that touched a past day asks for a refresh (one
    // waiting job at a time), worked by one free worker.
    const reportRollups = getService('report-rollups', { strapi });
    const rollupQueue = createRequestQueue(strapi, redisUrl, () => reportRollups.refresh(), { name: `${prefix}-report-rollups`, label: 'report rollups', jobId: 'refresh', delayMs: 1000 });
    reportRollups.useQueue(rollupQueue);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') rollupQueue.work();
    getService('ops-board', { strapi }).get().show([queue.queue, recompute.queue, settlement.queue, inbound.queue, rollupQueue.queue]);
  }
  if (process.env.SCRM_SLA_POLLER !== 'off') timers.start(redisUrl ? SAFETY_POLL_MS : POLL_MS);

  // Notifications: every instance polls the outbox (and runs at once after a write that added
  // rows). Without Redis it delivers the rows itself; with REDIS_URL it moves them to per-channel
  // bull queues, whose processors run here unless SCRM_QUEUE_WORKERS=off (then in
  // `npm run worker` processes). SCRM_NOTIFY_POLLER=off stops the polling (tests drive it).
  const dispatcher = getService('notify-dispatcher', { strapi });
  if (redisUrl) {
    const queues = createNotifyQueues(strapi, redisUrl, (id) => dispatcher.deliver(id), { prefix: `${prefix}-notify` });
    dispatcher.useQueues(queues);
    getService('ops-board', { strapi }).get().show([...queues.queues.values()]);
    // Rate-limit counters; no offline queue: a limit check never waits for a Redis that is away.
    const counters = countersClient(strapi, redisUrl, 'rate-limit counters');
    dispatcher.useRedis(counters);
    // WeCom access tokens shared by every instance and worker, refreshed by one at a time.
    getService('wecom-api', { strapi }).useRedis(counters, prefix);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') queues.work(Number(process.env.NOTIFY_QUEUE_CONCURRENCY) || 32);
  }
  if (process.env.SCRM_NOTIFY_POLLER !== 'off') dispatcher.start(notificationsConfig(strapi).pollMs);

  // Request limits per customer, member, token and IP (http/request-limit.ts): with REDIS_URL
  // counted in Redis, so every instance shares one count (in memory until it connects, and while
  // it is away). Not awaited: it only waits for the connection, and never rejects.
  if (redisUrl) void getService('request-limits', { strapi }).useRedis(redisUrl, prefix);

  // Report rollups: every ticket write (any path) names the past days it touched; days are built
  // once over, and rebuilt when named. Every instance also polls (a safety net with a queue).
  // SCRM_REPORTS_POLLER=off leaves it to the caller (the tests refresh by hand).
  const rollups = getService('report-rollups', { strapi });
  rollups.subscribe();
  if (process.env.SCRM_REPORTS_POLLER !== 'off') rollups.start(redisUrl ? SAFETY_POLL_MS : POLL_MS);

  // Customers still holding a plaintext mobile or address (from before encryption) are sealed in
  // the background; rows under a key SCRM_PII_KEYS lacks are reported (docs/operations.md).
  void sealLegacyCustomers(strapi);

  // WeCom messages stored but not yet made into tickets when a process died: work them now.
  void getService('wecom-callback', { strapi }).resume().catch((error) => strapi.log.warn(`scrm-tickets: WeCom resume: ${error.message}`));
};

async function sealLegacyCustomers(strapi: Core.Strapi) {
  try {
    const done = await getService('pii-rotation', { strapi }).sealLegacy();
    if (done.sealed > 0) strapi.log.info(`scrm-tickets: sealed the mobile/address of ${done.sealed} customers stored in plaintext`);
    if (done.unreadable > 0) {
      strapi.log.error(`scrm-tickets: ${done.unreadable} customers are sealed under keys SCRM_PII_KEYS does not hold (${done.unknownKeys.join(', ')}): their mobile and address cannot be read until the key is added back`);
    }
  } catch (error) {
    strapi.log.warn(`scrm-tickets: sealing plaintext customers: ${(error as Error).message}`);
  }
}

export default bootstrap;
