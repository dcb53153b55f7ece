// Period lines: volume rebates and the department time split. Pure.
import { D, toFen } from './money';
import { largestRemainder, type Share } from './split';
import type { Rebate } from './types';

/**
 * A party's volume rebate for a period: the rate of the highest threshold its volume exceeds, on
 * the whole volume, rounded half-up (the seeds': over ¥500,000 in a month → 2 %). A line of its
 * own on the period's statement, never folded into a ticket's line.
 */
export function rebateFen(volumeFen: number, rebates: Rebate[] | null | undefined): number {
  const reached = (rebates ?? []).filter((r) => volumeFen > r.overFen).at(-1);
  return reached ? toFen(new D(volumeFen).times(reached.rate)) : 0;
}

export interface Holding {
  /** When the ticket moved to this department (team); the first one is when it was reported. */
  at: Date;
  department: string;
}

/** How long each department held the ticket between `holdings[0].at` and `end`, in ms, first holder first. */
export function holdingTimes(holdings: Holding[], end: Date): { department: string; ms: number }[] {
  const sorted = [...holdings].sort((a, b) => a.at.getTime() - b.at.getTime());
  const times = new Map<string, number>();
  sorted.forEach((h, i) => {
    const until = i + 1 < sorted.length ? sorted[i + 1].at.getTime() : end.getTime();
    const ms = Math.max(0, Math.min(until, end.getTime()) - h.at.getTime());
    times.set(h.department, (times.get(h.department) ?? 0) + ms);
  });
  return [...times].map(([department, ms]) => ({ department, ms }));
}

/**
 * A fee shared by the time each department held the ticket (from its timeline), by largest
 * remainder so the shares add up to the fee. A ticket no department held for any time goes
 * wholly to its first department.
 */
export function shareByTime(feeFen: number, holdings: Holding[], end: Date): Share[] {
  const times = holdingTimes(holdings, end);
  if (times.length === 0) return [];
  const total = times.reduce((a, t) => a + t.ms, 0);
  if (total === 0) return times.map((t, i) => ({ party: t.department, fen: i === 0 ? feeFen : 0 }));
  const exact = times.map((t) => new D(feeFen).times(t.ms).dividedBy(total));
  // The exact shares may not sum exactly (division): the remainder method closes the gap.
  const fen = largestRemainder(feeFen, exact);
  return times.map((t, i) => ({ party: t.department, fen: fen[i] }));
}
