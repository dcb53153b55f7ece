// JSON over HTTP with a deadline, failures mapped to delivery errors. Node's fetch (undici) does
// the work; this only fixes how a timeout, a 5xx or a 429 reads to the retry logic.
import { DeliveryError } from '../notifications/types';

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<any> {
  return requestJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, timeoutMs);
}

export async function getJson(url: string, timeoutMs: number): Promise<any> {
  return requestJson(url, { method: 'GET' }, timeoutMs);
}

async function requestJson(url: string, init: RequestInit, timeoutMs: number): Promise<any> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    const reason = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (error as Error).message;
    throw new DeliveryError('transient', `${redact(url)}: ${reason}`, name);
  }
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new DeliveryError('rate_limited', `${redact(url)}: HTTP 429`, 429, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
  }
  if (response.status >= 500) throw new DeliveryError('transient', `${redact(url)}: HTTP ${response.status}`, response.status);
  if (!response.ok) throw new DeliveryError('permanent', `${redact(url)}: HTTP ${response.status}`, response.status);
  try {
    return await response.json();
  } catch {
    throw new DeliveryError('transient', `${redact(url)}: answer is not JSON`);
  }
}

/** URLs carry access tokens and secrets in their query: never in an error or a log. */
export const redact = (url: string) => url.replace(/([?&](?:access_token|corpsecret)=)[^&]*/g, '$1***');
