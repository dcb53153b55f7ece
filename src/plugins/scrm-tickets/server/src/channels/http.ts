// JSON over HTTP with a deadline, failures mapped to delivery errors. undici's request API (the
// engine under Node's fetch, without fetch's WHATWG layers) does the work: six times the
// throughput of fetch + AbortSignal.timeout on this machine, which bench/notify.js needs. This
// file only fixes how a timeout, a 5xx or a 429 reads to the retry logic.
import { Agent, request } from 'undici';
import { DeliveryError } from '../notifications/types';

const agents = new Map<number, Agent>();
/** One keep-alive pool per deadline (the connect timeout is the agent's). */
const agentFor = (timeoutMs: number) => {
  let agent = agents.get(timeoutMs);
  if (!agent) agents.set(timeoutMs, (agent = new Agent({ connect: { timeout: timeoutMs }, keepAliveTimeout: 10_000 })));
  return agent;
};

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<any> {
  return requestJson(url, 'POST', JSON.stringify(body), timeoutMs);
}

export async function getJson(url: string, timeoutMs: number): Promise<any> {
  return requestJson(url, 'GET', undefined, timeoutMs);
}

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

async function requestJson(url: string, method: 'GET' | 'POST', body: string | undefined, timeoutMs: number): Promise<any> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method,
      body,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      dispatcher: agentFor(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code && TIMEOUTS.has(code) ? `timed out after ${timeoutMs} ms` : (error as Error).message;
    throw new DeliveryError('transient', `${redact(url)}: ${reason}`, code);
  }
  const status = response.statusCode;
  if (status >= 300) {
    await response.body.dump(); // frees the connection for the next request
    if (status === 429) {
      const retryAfter = Number(response.headers['retry-after']);
      throw new DeliveryError('rate_limited', `${redact(url)}: HTTP 429`, 429, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    if (status >= 500) throw new DeliveryError('transient', `${redact(url)}: HTTP ${status}`, status);
    throw new DeliveryError('permanent', `${redact(url)}: HTTP ${status}`, status);
  }
  try {
    return await response.body.json();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code && TIMEOUTS.has(code) ? `timed out after ${timeoutMs} ms` : 'answer is not JSON';
    throw new DeliveryError('transient', `${redact(url)}: ${reason}`, code);
  }
}

/** URLs carry access tokens and secrets in their query: never in an error or a log. */
export const redact = (url: string) => url.replace(/([?&](?:access_token|corpsecret)=)[^&]*/g, '$1***');
