import Bull from 'bull';
import type { Core } from '@strapi/strapi';
import { within } from '../utils/within';

/** Redis may be gone: a request it has not taken by then is run in this process instead. */
const ADD_TIMEOUT_MS = 2000;

/**
 * "Recompute the open tickets' SLA clocks" as a bull job (with REDIS_URL): a policy change on any
 * instance is worked by whichever worker is free, and a worker that dies half-way leaves the job
 * to bull's stalled-job check, which runs it again (each ticket's refresh is idempotent).
 */
export function createSlaRecomputeQueue(strapi: Core.Strapi, redisUrl: string, run: () => Promise<number>, opts: { name: string }) {
  const queue = new Bull(opts.name, redisUrl, {
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
  });
  queue.on('error', (error) => strapi.log.warn(`scrm-tickets: SLA recompute queue: ${error.message}`));
  return {
    queue,
    /** Queues one recomputation; rejects when Redis does not take it in time. */
    async request() {
      await within(queue.add({ requestedAt: Date.now() }), ADD_TIMEOUT_MS, `Redis did not take the job within ${ADD_TIMEOUT_MS} ms`);
    },
    /** One recomputation at a time per worker. */
    work() {
      void queue.process(1, () => run());
    },
    close: () => queue.close(),
  };
}

export type SlaRecomputeQueue = ReturnType<typeof createSlaRecomputeQueue>;
