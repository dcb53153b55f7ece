import Bull from 'bull';
import type { Core } from '@strapi/strapi';
import { within } from '../utils/within';
import { BULL_REDIS_OPTIONS } from './redis-options';

/** Redis may be gone: a message it has not taken by then is worked in this process instead. */
const ADD_TIMEOUT_MS = 2000;

/**
 * Stored WeCom callbacks as bull jobs (with REDIS_URL): the callback answers WeCom as soon as the
 * row is stored, and whichever worker is free turns it into a ticket, a 微信客服 sync or a menu
 * answer. The row is the truth: a job names its id, the work is done only while the row is still
 * `received`, and rows a lost job left behind are picked up at the next start.
 */
export function createWecomInboundQueue(strapi: Core.Strapi, redisUrl: string, work: (id: number) => Promise<unknown>, opts: { name: string }) {
  const queue = new Bull(opts.name, redisUrl, {
    redis: BULL_REDIS_OPTIONS,
    defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
  });
  queue.on('error', (error) => strapi.log.warn(`scrm-tickets: WeCom inbound queue: ${error.message}`));
  return {
    queue,
    /** Queues a stored message; rejects when Redis does not take it in time. */
    async request(id: number) {
      await within(queue.add({ id }, { jobId: `wecom:${id}` }), ADD_TIMEOUT_MS, `Redis did not take the job within ${ADD_TIMEOUT_MS} ms`);
    },
    work(concurrency = 4) {
      void queue.process(concurrency, (job) => work(job.data.id));
    },
    close: () => queue.close(),
  };
}

export type WecomInboundQueue = ReturnType<typeof createWecomInboundQueue>;
