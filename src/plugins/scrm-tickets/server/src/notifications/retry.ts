// When a failed send is tried again, and when a channel is given up. Pure.
import type { FailureKind } from './types';

export interface RetryPolicy {
  /** Sends per channel before falling back to the next one (the first send included). */
  attemptsPerChannel: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attemptsPerChannel: 5, baseMs: 2000, maxMs: 15 * 60_000 };

/**
 * Exponential backoff with full jitter (AWS's "Exponential Backoff and Jitter"): a random delay
 * in [base, min(max, base · 2^n)] after the n-th failure (n ≥ 1), so workers that failed
 * together do not retry together. `random` is injectable for tests.
 */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(policy.baseMs + random() * Math.max(0, ceiling - policy.baseMs));
}

export type NextStep =
  | { kind: 'retry'; delayMs: number }
  | { kind: 'fallback' }
  | { kind: 'dead' };

/**
 * After a failure on the current channel: retry it (transient or rate limited, budget left),
 * move to the next channel (permanent, or budget spent) or give up (no channel left).
 */
export function nextStep(input: {
  kind: FailureKind;
  channelAttempts: number;
  hasNextChannel: boolean;
  retryAfterMs?: number;
  policy: RetryPolicy;
  random?: () => number;
}): NextStep {
  const budgetLeft = input.channelAttempts < input.policy.attemptsPerChannel;
  if (input.kind !== 'permanent' && budgetLeft) {
    const delayMs =
      input.kind === 'rate_limited' && input.retryAfterMs !== undefined
        ? input.retryAfterMs
        : backoffMs(input.channelAttempts, input.policy, input.random);
    return { kind: 'retry', delayMs };
  }
  return input.hasNextChannel ? { kind: 'fallback' } : { kind: 'dead' };
}
