import Bull from 'bull';
import type { Core } from '@strapi/strapi';
import { within } from '../utils/within';
import { BULL_REDIS_OPTIONS } from './redis-options';

/** Redis may be gone: a request it has not taken by then is left to the caller's fallback. */
const ADD_TIMEOUT_MS = 2000;

/**
 * "Do this once more" as a bull job (with REDIS_URL): whichever worker is free runs it, and one
 * that dies half-way leaves it to bull's stalled-job check, which runs it again — so `run` must be
 * idempotent. With `jobId`, a request while one is still waiting joins it (a debounce).
 */
export function createRequestQueue(strapi: Core.Strapi, redisUrl: string, run: () => Promise<unknown>, opts: { name: string; label: string; jobId?: string; delayMs?: number }) {
  const queue = new Bull(opts.name, redisUrl, {
    redis: BULL_REDIS_OPTIONS,
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
  });
  queue.on('error', (error) => strapi.log.warn(`scrm-tickets: ${opts.label} queue: ${error.message}`));
  return {
    queue,
    /** Queues one run; rejects when Redis does not take it in time. */
    async request() {
      const options = opts.jobId ? { jobId: opts.jobId, delay: opts.delayMs ?? 0, removeOnComplete: true, removeOnFail: true } : { delay: opts.delayMs ?? 0 };
      await within(queue.add({ requestedAt: Date.now() }, options), ADD_TIMEOUT_MS, `Redis did not take the job within ${ADD_TIMEOUT_MS} ms`);
    },
    /** One run at a time per worker. */
    work() {
      void queue.process(1, () => run());
    },
    close: () => queue.close(),
  };
}

export type RequestQueue = ReturnType<typeof createRequestQueue>;
