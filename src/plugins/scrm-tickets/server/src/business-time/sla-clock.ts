// A ticket's SLA clocks from its policy and its status history. Pure: the same events always
// give the same due times, so clocks can be recomputed (and audited) at any time.
import { addBusinessMinutes } from './business-time';
import type { Interval, Schedule } from './types';

export interface ClockPolicy {
  firstResponseMinutes?: number | null;
  resolutionMinutes?: number | null;
  schedule: Schedule;
}

/** One state change of the ticket, oldest first. */
export interface StateChange {
  at: number;
  to: string;
}

export interface Pauses {
  /** Closed pauses: the clock stood still in these intervals. */
  pauses: Interval[];
  /** When the current pause began, or null if the clock runs now. */
  pausedSince: number | null;
}

/** The intervals spent in pausing states, from the initial state and the changes after it. */
export function pausesFromHistory(initial: string, start: number, changes: StateChange[], pausing: Set<string>): Pauses {
  const pauses: Interval[] = [];
  let pausedSince: number | null = pausing.has(initial) ? start : null;
  for (const change of changes) {
    const pausesNow = pausing.has(change.to);
    if (pausesNow && pausedSince === null) pausedSince = Math.max(change.at, start);
    if (!pausesNow && pausedSince !== null) {
      if (change.at > pausedSince) pauses.push({ start: pausedSince, end: change.at });
      pausedSince = null;
    }
  }
  return { pauses, pausedSince };
}

export interface DueTimes {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/**
 * Due times counted from `reportedAt` on the policy's business time, minus the pauses. While the
 * clock is paused there is no due time: it is recomputed when the ticket leaves the pause.
 */
export function dueTimes(reportedAt: Date, policy: ClockPolicy, history: Pauses): DueTimes {
  if (history.pausedSince !== null) return { firstResponseDueAt: null, resolutionDueAt: null };
  const due = (minutes: number | null | undefined) =>
    typeof minutes === 'number' && minutes > 0 ? addBusinessMinutes(reportedAt, minutes, policy.schedule, history.pauses) : null;
  return { firstResponseDueAt: due(policy.firstResponseMinutes), resolutionDueAt: due(policy.resolutionMinutes) };
}

/** Met when resolved by the resolution due time and first answered by the first-response due time. */
export function slaMet(t: { resolvedAt: Date | null; firstRespondedAt: Date | null } & DueTimes): boolean | null {
  if (!t.resolvedAt) return null;
  const resolvedInTime = !t.resolutionDueAt || t.resolvedAt.getTime() <= t.resolutionDueAt.getTime();
  const answeredAt = t.firstRespondedAt ?? t.resolvedAt;
  const answeredInTime = !t.firstResponseDueAt || answeredAt.getTime() <= t.firstResponseDueAt.getTime();
  return resolvedInTime && answeredInTime;
}
