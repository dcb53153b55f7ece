import Bull from 'bull';
import type { Core } from '@strapi/strapi';
import { BULL_REDIS_OPTIONS } from './redis-options';

export interface TimerJob {
  timerId: number;
  dueAt: number;
}

/**
 * SLA timers as bull delayed jobs (with REDIS_URL): each timer fires at its due time instead of
 * at the next poll. The job id is the timer and its due time, so a timer is queued once per due
 * time and a moved timer gets a new job (the old one finds its due time changed and does
 * nothing). The database stays the truth: the job only asks sla-timers to fire the row, which it
 * claims with a conditional UPDATE, so a duplicate or stale job is harmless.
 */
export function createSlaTimerQueue(
  strapi: Core.Strapi,
  redisUrl: string,
  fire: (job: TimerJob) => Promise<unknown>,
  opts: { name?: string } = {}
) {
  const queue = new Bull<TimerJob>(opts.name ?? 'scrm-sla-timers', redisUrl, {
    redis: BULL_REDIS_OPTIONS,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
  });
  queue.on('error', (error) => strapi.log.warn(`scrm-tickets: SLA timer queue: ${error.message}`));

  return {
    queue,
    /** Queues the timers; never throws and is never awaited by a ticket write (Redis may be down). */
    schedule(jobs: TimerJob[]) {
      for (const job of jobs) {
        queue
          .add(job, { jobId: `${job.timerId}:${job.dueAt}`, delay: Math.max(0, job.dueAt - Date.now()) })
          .catch((error) => strapi.log.warn(`scrm-tickets: SLA timer ${job.timerId} not queued (${error.message}); the poller will fire it`));
      }
    },
    /** Runs the processor in this process (Strapi instances and workers alike). */
    work(concurrency = 4) {
      void queue.process(concurrency, (job) => fire(job.data));
    },
    close: () => queue.close(),
  };
}

export type SlaTimerQueue = ReturnType<typeof createSlaTimerQueue>;
