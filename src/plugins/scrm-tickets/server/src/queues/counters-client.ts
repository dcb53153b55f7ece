import type { Core } from '@strapi/strapi';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * A Redis connection for counters (rate limits, the WeCom token): no offline queue and one retry,
 * so a check never waits for a Redis that is away — it fails at once and the caller counts in
 * memory. Its errors are logged at debug level: /ready reports Redis down.
 */
export function countersClient(strapi: Core.Strapi, redisUrl: string, label: string, options: RedisOptions = {}) {
  const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, ...options });
  client.on('error', (error) => strapi.log.debug(`scrm-tickets: ${label}: ${error.message}`));
  return client;
}
