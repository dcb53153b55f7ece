// A WeCom server API client for one app (corp id + secret): access token cached until 5 minutes
// before expiry in a TokenCache (this process, or Redis shared by every instance), fetched by one
// caller at a time, dropped and fetched again once when WeCom says it is invalid (40014, 42001,
// 42007, 42009 — as the WeCom team's own SDK does). Errcodes are mapped to retry / give up.
// See ../shared/wecom.md §3.
import { createHash } from 'node:crypto';
import { DeliveryError } from '../../notifications/types';
import { getJson, postJson } from '../http';
import { memoryTokenCache, type TokenCache } from './token-cache';

export interface WecomAppConfig {
  baseUrl: string;
  corpId: string;
  secret: string;
  agentId: number;
  timeoutMs?: number;
}

const TOKEN_INVALID = new Set([40014, 42001, 42007, 42009]);
/** Frequency and concurrency limits: blocked for a minute (wecom.md §3 rate limits). */
const RATE_LIMITED = new Set([45009, 45033]);
const REFRESH_EARLY_MS = 5 * 60_000;

/** Each app's secret has its own token; the cache key names the app without holding its secret. */
export const tokenKeyOf = (config: Pick<WecomAppConfig, 'corpId' | 'secret'>) =>
  `wecom-token:${config.corpId}:${createHash('sha256').update(config.secret).digest('hex').slice(0, 16)}`;

export function createWecomClient(config: WecomAppConfig, tokens: TokenCache = memoryTokenCache()) {
  const timeoutMs = config.timeoutMs ?? 5000;
  const key = tokenKeyOf(config);

  async function fetchToken() {
    const url = `${config.baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(config.corpId)}&corpsecret=${encodeURIComponent(config.secret)}`;
    const answer = await getJson(url, timeoutMs);
    if (answer.errcode !== 0 || typeof answer.access_token !== 'string') throw toError(answer, 'gettoken');
    return { value: answer.access_token as string, ttlMs: Number(answer.expires_in ?? 7200) * 1000 - REFRESH_EARLY_MS };
  }

  const accessToken = async () => (await tokens.get(key)) ?? tokens.refresh(key, fetchToken);

  /** Calls WeCom with the app's token; on an invalid token drops it (if still cached) and tries once more. */
  async function call(send: (token: string) => Promise<any>, what: string): Promise<any> {
    for (let tries = 0; ; tries += 1) {
      const used = await accessToken();
      const answer = await send(used);
      if (answer.errcode === 0) return answer;
      if (TOKEN_INVALID.has(answer.errcode) && tries === 0) {
        await tokens.drop(key, used);
        continue;
      }
      throw toError(answer, what);
    }
  }
  const withToken = (path: string, token: string, query = '') => `${config.baseUrl}${path}?access_token=${encodeURIComponent(token)}${query}`;

  return {
    /** POSTs to a WeCom API path with the app's token; errcode 0 or a DeliveryError. */
    post: (path: string, body: unknown) => call((token) => postJson(withToken(path, token), body, timeoutMs), path),
    /** GETs a WeCom API path with the app's token and the given query parameters. */
    get: (path: string, params: Record<string, string> = {}) =>
      call((token) => getJson(withToken(path, token, Object.entries(params).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('')), timeoutMs), path),
    tokens,
    corpId: config.corpId,
    agentId: config.agentId,
  };
}

export type WecomClient = ReturnType<typeof createWecomClient>;

function toError(answer: any, what: string): DeliveryError {
  const code = Number(answer?.errcode);
  const message = `WeCom ${what}: ${code} ${answer?.errmsg ?? ''}`.trim();
  if (RATE_LIMITED.has(code)) return new DeliveryError('rate_limited', message, code, 60_000);
  // -1 is 系统繁忙; a token still invalid after one refresh is WeCom's trouble too.
  if (code === -1 || TOKEN_INVALID.has(code)) return new DeliveryError('transient', message, code);
  return new DeliveryError('permanent', message, code);
}
