import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { NOTIFICATION_UID } from '../constants';
import { probe, type Probe } from '../http/probe';
import { getService } from '../utils/get-service';
import { within } from '../utils/within';

const DATABASE_MS = 2000;
const REDIS_MS = 1000;
const QUEUE_MS = 1000;

export interface Readiness {
  ready: boolean;
  checks: { database: Probe; redis: Probe };
  /** Jobs per bull queue (with Redis): waiting, active, delayed, failed. */
  queues: Record<string, { waiting: number; active: number; delayed: number; failed: number }>;
  /** Notifications in the database outbox not yet sent (with or without Redis). */
  outbox: { pending: number } | null;
}

/**
 * Liveness and readiness for load balancers and orchestrators: ready when the database answers
 * and, where REDIS_URL is set, Redis too; with the depth of every queue, so a backlog shows
 * before it hurts. Each check has a deadline: a probe never hangs on a dependency that is away.
 */
const createHealthService = ({ strapi }: { strapi: Core.Strapi }) => {
  let redis: { url: string; client: Redis } | null = null;
  const client = (url: string) => {
    if (redis?.url !== url) {
      redis?.client.disconnect();
      // No offline queue and one retry: a ping to a Redis that is down fails at once.
      const created = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
      created.on('error', (error) => strapi.log.debug(`scrm-tickets: readiness Redis: ${error.message}`));
      redis = { url, client: created };
    }
    return redis.client;
  };
  const ping = async (url: string) => {
    const r = client(url);
    if (r.status === 'wait' || r.status === 'end') await r.connect();
    return r.ping();
  };

  async function queueDepths(): Promise<Readiness['queues']> {
    const out: Readiness['queues'] = {};
    for (const queue of getService('ops-board', { strapi }).get().queues()) {
      const counts = await within(queue.getJobCounts(), QUEUE_MS, `queue ${queue.name} did not answer`).catch(() => null);
      if (counts) out[queue.name] = { waiting: counts.waiting, active: counts.active, delayed: counts.delayed, failed: counts.failed };
    }
    return out;
  }

  return {
    async readiness(): Promise<Readiness> {
      const url = process.env.REDIS_URL;
      const [database, redisCheck] = await Promise.all([
        probe(() => strapi.db.connection.raw('select 1'), DATABASE_MS, 'the database'),
        url ? probe(() => ping(url), REDIS_MS, 'Redis') : Promise.resolve<Probe>({ status: 'not configured' }),
      ]);
      const pending =
        database.status === 'up'
          ? await within(strapi.db.query(NOTIFICATION_UID as any).count({ where: { status: { $in: ['pending', 'queued'] } } }), DATABASE_MS, 'outbox count').catch(() => null)
          : null;
      return {
        ready: database.status === 'up' && redisCheck.status !== 'down',
        checks: { database, redis: redisCheck },
        queues: redisCheck.status === 'up' ? await queueDepths() : {},
        outbox: pending === null ? null : { pending },
      };
    },

    close() {
      redis?.client.disconnect();
      redis = null;
    },
  };
};

export type HealthService = ReturnType<typeof createHealthService>;
export default createHealthService;
