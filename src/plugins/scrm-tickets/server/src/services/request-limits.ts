import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';
import { budgetOf, resolveRequestLimits, type LimitClass } from '../http/limit-config';
import { createLimitStore, type LimitStore, type Verdict } from '../http/limit-store';
import type { Caller } from '../http/caller';
import { once } from 'node:events';
import { countersClient } from '../queues/counters-client';
import { within } from '../utils/within';

/** Closes a connection; never rejects. */
const quit = async (client: Redis | null) => {
  await client?.quit().catch(() => client.disconnect());
};

/** A request's count waits at most this long for Redis; then it is counted in memory. */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_WAIT_MS = 2000;

/**
 * The request limits' counts (http/request-limit.ts asks): in Redis once bootstrap names one
 * (REDIS_URL), else in this process. The config is read on every request, so a change
 * (the tests make them) takes effect at once; the counts start over when it changes.
 */
const createRequestLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let redis: Redis | null = null;
  let prefix = 'scrm';
  let store: { key: string; value: LimitStore } | null = null;
  const config = () => resolveRequestLimits((strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).requestLimits);

  const service = {
    /** Counts one request of the caller in its class: the verdict, or null when it is not limited. */
    async take(caller: Caller, limitClass: LimitClass): Promise<(Verdict & { scope: string }) | null> {
      const limits = config();
      if (!limits.enabled) return null;
      const budget = budgetOf(limits, caller.kind, limitClass);
      if (!budget.length) return null;
      const key = JSON.stringify(limits);
      if (store?.key !== key) store = { key, value: createLimitStore({ redis: redis ?? undefined, prefix: `${prefix}-req` }) };
      const scope = `${caller.kind}.${limitClass}`;
      try {
        const verdict = await store.value.consume(scope, budget, caller.id);
        return verdict && { ...verdict, scope };
      } catch (error) {
        // Not a verdict (the insurance limiter catches Redis' errors; this is a bug or worse): a
        // broken counter must neither refuse every request nor fail it.
        strapi.log.warn(`scrm-tickets: request limit ${scope} not counted: ${(error as Error).message}`);
        return null;
      }
    },

    /**
     * With REDIS_URL: counts shared by every instance, under keys starting `<prefix>-req:`, on a
     * connection of their own whose commands give up after COMMAND_TIMEOUT_MS — a Redis that hangs
     * is counted around in memory, not waited for. Null: back to this process's memory.
     */
    async useRedis(redisUrl: string | null, keyPrefix = 'scrm'): Promise<void> {
      const old = redis;
      const client = redisUrl ? countersClient(strapi, redisUrl, 'request limits', { commandTimeout: COMMAND_TIMEOUT_MS }) : null;
      redis = client;
      prefix = keyPrefix;
      store = null;
      await quit(old);
      // Resolves once connected (or after CONNECT_WAIT_MS): until then requests count in memory.
      if (client && client.status !== 'ready') await within(once(client, 'ready'), CONNECT_WAIT_MS, 'not connected').catch(() => undefined);
    },

    close(): Promise<void> {
      const old = redis;
      redis = null;
      store = null;
      return quit(old);
    },
  };
  return service;
};

export type RequestLimitsService = ReturnType<typeof createRequestLimitsService>;
export default createRequestLimitsService;
