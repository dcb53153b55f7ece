// SLA arithmetic on business time: how much of it lies between two instants, and when a target
// of business minutes is reached. Pure; pauses are given as intervals (from the status history).
import { DateTime } from 'luxon';
import { clockIntervals, MAX_DAYS } from './intervals';
import { DEFAULT_ZONE, type Interval, type Schedule } from './types';
import { isWorkingDay } from './working-days';

const MINUTE = 60_000;

/** Business milliseconds in [from, to), pauses excluded. */
export function businessMillisBetween(from: Date, to: Date, schedule: Schedule, pauses: Interval[] = []): number {
  const end = to.getTime();
  let total = 0;
  for (const interval of clockIntervals(from.getTime(), schedule, pauses)) {
    if (interval.start >= end) break;
    total += Math.min(interval.end, end) - interval.start;
  }
  return total;
}

/**
 * The earliest instant at which `minutes` business minutes have run since `start`: inside
 * business time, or exactly at the end of a window (11:00 + 60 min is 12:00, not 13:30).
 */
export function addBusinessMinutes(start: Date, minutes: number, schedule: Schedule, pauses: Interval[] = []): Date {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError('minutes must be a non-negative integer');
  if (minutes === 0) return new Date(start.getTime());
  let remaining = minutes * MINUTE;
  for (const interval of clockIntervals(start.getTime(), schedule, pauses)) {
    const length = interval.end - interval.start;
    if (remaining <= length) return new Date(interval.start + remaining);
    remaining -= length;
  }
  throw new RangeError(`the schedule has no ${minutes} business minutes within ${MAX_DAYS} days`);
}

/** The first instant at or after `instant` when the clock of `schedule` runs. */
export function nextBusinessTime(instant: Date, schedule: Schedule): Date {
  for (const interval of clockIntervals(instant.getTime(), schedule, [])) return new Date(interval.start);
  throw new RangeError(`the schedule has no business time within ${MAX_DAYS} days`);
}

/** Whether the clock of `schedule` runs at `instant` (pauses aside). */
export function isBusinessTime(instant: Date, schedule: Schedule): boolean {
  if (schedule.hours === 'always') return true;
  const local = DateTime.fromJSDate(instant, { zone: schedule.timezone ?? DEFAULT_ZONE });
  if (!isWorkingDay(local.toISODate()!, schedule)) return false;
  const hhmm = local.toFormat('HH:mm:ss.SSS');
  return schedule.hours.some((w) => hhmm >= `${w.start}:00.000` && (w.end === '24:00' || hhmm < `${w.end}:00.000`));
}
