import Bull from 'bull';
import type { Core } from '@strapi/strapi';
import { within } from '../utils/within';
import { BULL_REDIS_OPTIONS } from './redis-options';

/** Redis may be gone: a run it has not taken by then is run in this process instead. */
const ADD_TIMEOUT_MS = 2000;

/**
 * Settlement runs as bull jobs (with REDIS_URL): a month's drafts are computed by whichever worker
 * is free, one run at a time per worker; a worker that dies half-way leaves the job to bull's
 * stalled-job check, which runs it again (a run is one transaction, so nothing half-done stays).
 */
export function createSettlementQueue(strapi: Core.Strapi, redisUrl: string, run: (runId: number, job: Bull.Job) => Promise<unknown>, opts: { name: string }) {
  const queue = new Bull(opts.name, redisUrl, {
    redis: BULL_REDIS_OPTIONS,
    defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100, attempts: 2, backoff: { type: 'fixed', delay: 5000 } },
    // A month of a million tickets takes a while: renew the job's lock well before it could lapse.
    settings: { lockDuration: 120_000, lockRenewTime: 30_000 },
  });
  queue.on('error', (error) => strapi.log.warn(`scrm-tickets: settlement queue: ${error.message}`));
  return {
    queue,
    /** Queues a run; rejects when Redis does not take it in time. */
    async request(runId: number) {
      await within(queue.add({ runId }, { jobId: `settle:${runId}` }), ADD_TIMEOUT_MS, `Redis did not take the job within ${ADD_TIMEOUT_MS} ms`);
    },
    work() {
      void queue.process(1, (job) => run(job.data.runId, job));
    },
    close: () => queue.close(),
  };
}

export type SettlementQueue = ReturnType<typeof createSettlementQueue>;
