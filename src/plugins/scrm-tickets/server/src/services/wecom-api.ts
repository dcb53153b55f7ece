import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import { createWecomClient, type WecomClient } from '../channels/wecom/api-client';
import { memoryTokenCache, redisTokenCache, type TokenCache } from '../channels/wecom/token-cache';
import { notificationsConfig } from './outbox';

/**
 * The configured WeCom app (`notifications.wecom`: corp id, secret, agent id, API base URL; from
 * the environment, never in any API answer) and where its tokens live: this process, or Redis
 * (bootstrap, with REDIS_URL) so every instance and worker uses one token and refreshes it once.
 * Notifications, 微信客服 sync, the workbench and the sidebar all call WeCom through here.
 */
const createWecomApiService = ({ strapi }: { strapi: Core.Strapi }) => {
  let tokens: TokenCache = memoryTokenCache();
  let built: { key: string; tokens: TokenCache; client: WecomClient } | null = null;
  return {
    useRedis(redis: Redis, prefix: string) {
      tokens = redisTokenCache(redis, prefix, (error) => strapi.log.warn(`scrm-tickets: WeCom token cache in Redis: ${error.message}`));
    },
    tokens: () => tokens,
    /** The app's client, or null when WeCom is not configured. */
    client(): WecomClient | null {
      const config = notificationsConfig(strapi).wecom;
      if (!config) return null;
      const key = JSON.stringify(config);
      if (built?.key !== key || built.tokens !== tokens) built = { key, tokens, client: createWecomClient(config, tokens) };
      return built.client;
    },
  };
};

export type WecomApiService = ReturnType<typeof createWecomApiService>;
export default createWecomApiService;
