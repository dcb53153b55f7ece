// A WeCom server API client for one app (corp id + secret): access token cached until 5 minutes
// before expiry, fetched by one caller at a time, dropped and fetched again once when WeCom says
// it is invalid (40014, 42001, 42007, 42009 — as the WeCom team's own SDK does). Errcodes are
// mapped to retry / give up. See ../shared/wecom.md §3.
// The cache is per process; sharing it through Redis across instances belongs to the intake work.
import { DeliveryError } from '../../notifications/types';
import { getJson, postJson } from '../http';

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

export function createWecomClient(config: WecomAppConfig) {
  const timeoutMs = config.timeoutMs ?? 5000;
  let token: { value: string; expiresAt: number } | null = null;
  let fetching: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const url = `${config.baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(config.corpId)}&corpsecret=${encodeURIComponent(config.secret)}`;
    const answer = await getJson(url, timeoutMs);
    if (answer.errcode !== 0 || typeof answer.access_token !== 'string') throw toError(answer, 'gettoken');
    token = { value: answer.access_token, expiresAt: Date.now() + Number(answer.expires_in ?? 7200) * 1000 - REFRESH_EARLY_MS };
    return token.value;
  }

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now()) return token.value;
    // Single flight: concurrent senders wait for the same gettoken call.
    fetching ??= fetchToken().finally(() => {
      fetching = null;
    });
    return fetching;
  }

  return {
    /** POSTs to a WeCom API path with the app's token; errcode 0 or a DeliveryError. */
    async post(path: string, body: unknown): Promise<any> {
      for (let tries = 0; ; tries += 1) {
        const used = await accessToken();
        const answer = await postJson(`${config.baseUrl}${path}?access_token=${encodeURIComponent(used)}`, body, timeoutMs);
        if (answer.errcode === 0) return answer;
        if (TOKEN_INVALID.has(answer.errcode) && tries === 0) {
          // Only drop the token that failed: another caller may already hold a fresh one.
          if (token?.value === used) token = null;
          continue;
        }
        throw toError(answer, path);
      }
    },
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
