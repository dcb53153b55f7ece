import type { Core } from '@strapi/strapi';
import { createRequestQueue, type RequestQueue } from './request-queue';

/**
 * "Recompute the open tickets' SLA clocks" as a bull job (with REDIS_URL): a policy change on any
 * instance is worked by whichever worker is free, and a worker that dies half-way leaves the job
 * to bull's stalled-job check, which runs it again (each ticket's refresh is idempotent).
 */
export const createSlaRecomputeQueue = (strapi: Core.Strapi, redisUrl: string, run: () => Promise<number>, opts: { name: string }) =>
  createRequestQueue(strapi, redisUrl, run, { name: opts.name, label: 'SLA recompute' });

export type SlaRecomputeQueue = RequestQueue;
