import type { Core } from '@strapi/strapi';
import { createSlaTimerQueue } from './queues/sla-timer-queue';
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
  if (redisUrl) {
    const queue = createSlaTimerQueue(strapi, redisUrl, (job) => timers.fireQueued(job));
    timers.useQueue(queue);
    if (process.env.SCRM_QUEUE_WORKERS !== 'off') queue.work();
  }
  if (process.env.SCRM_SLA_POLLER !== 'off') timers.start(redisUrl ? SAFETY_POLL_MS : POLL_MS);

  // Notifications: the outbox is delivered in-process, polling the table (and at once after a
  // write that added rows). SCRM_NOTIFY_POLLER=off turns it off (tests drive it by hand).
  if (process.env.SCRM_NOTIFY_POLLER !== 'off') {
    getService('notify-dispatcher', { strapi }).start(notificationsConfig(strapi).pollMs);
  }
};

export default bootstrap;
