import { redact } from './log-format';
import { within } from '../utils/within';

export type Probe = { status: 'up'; ms: number } | { status: 'down'; ms: number; error: string } | { status: 'not configured' };

/**
 * One dependency checked with a deadline: up with how long it took, or down with why — the first
 * line of the error, secrets masked, never a stack (the answer is public, for load balancers).
 */
export async function probe(check: () => Promise<unknown>, ms: number, what: string): Promise<Probe> {
  const started = Date.now();
  try {
    await within(Promise.resolve().then(check), ms, `${what} did not answer within ${ms} ms`);
    return { status: 'up', ms: Date.now() - started };
  } catch (error) {
    const message = String((error as Error)?.message ?? error)
      .split('\n')[0]
      .slice(0, 200);
    return { status: 'down', ms: Date.now() - started, error: redact(message) };
  }
}
