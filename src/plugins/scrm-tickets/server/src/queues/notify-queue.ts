import Bull from 'bull';
import type { Core } from '@strapi/strapi';
import { CHANNELS, type Channel } from '../notifications/types';
import { within } from '../utils/within';
import { BULL_REDIS_OPTIONS } from './redis-options';

export interface NotifyJob {
  id: number;
}

export interface QueuedRow {
  id: number;
  channel: Channel;
  /** When the row was queued: with the id, the job id (one job per queueing of a row). */
  queuedAt: number;
}

/** Redis may be gone: an add that has not answered by then leaves its rows to the sweeper. */
const ADD_TIMEOUT_MS = 2000;

/**
 * One bull queue per channel (a slow SMS gateway does not hold up WeCom). A job carries only the
 * outbox row's id: the row stays the truth, and the processor claims it with a conditional
 * UPDATE, so a duplicate or stale job sends nothing.
 */
export function createNotifyQueues(
  strapi: Core.Strapi,
  redisUrl: string,
  deliver: (id: number) => Promise<unknown>,
  opts: { prefix?: string } = {}
) {
  const prefix = opts.prefix ?? 'scrm-notify';
  const queues = new Map<Channel, Bull.Queue<NotifyJob>>(
    CHANNELS.map((channel) => {
      const queue = new Bull<NotifyJob>(`${prefix}-${channel}`, redisUrl, {
        redis: BULL_REDIS_OPTIONS,
        // The processor never throws (failures are the row's retries), so failed jobs are rare.
        defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000 },
      });
      queue.on('error', (error) => strapi.log.warn(`scrm-tickets: notification queue ${channel}: ${error.message}`));
      return [channel, queue] as const;
    })
  );

  return {
    queues,
    /** Adds one job per row; rejects (after at most ADD_TIMEOUT_MS) when Redis does not take them. */
    async enqueue(rows: QueuedRow[]) {
      const adds = [...queues].map(([channel, queue]) => {
        const jobs = rows.filter((r) => r.channel === channel).map((r) => ({ data: { id: r.id }, opts: { jobId: `n${r.id}@${r.queuedAt}` } }));
        return jobs.length ? queue.addBulk(jobs) : null;
      });
      await within(Promise.all(adds), ADD_TIMEOUT_MS, `Redis did not take the jobs within ${ADD_TIMEOUT_MS} ms`);
    },
    /** Runs the processors in this process (Strapi instances and `npm run worker` alike). */
    work(concurrency = 32) {
      for (const queue of queues.values()) void queue.process(concurrency, (job) => deliver(job.data.id));
    },
    close: () => Promise.all([...queues.values()].map((q) => q.close())),
  };
}

export type NotifyQueues = ReturnType<typeof createNotifyQueues>;
