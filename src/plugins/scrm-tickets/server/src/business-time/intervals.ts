import { DateTime } from 'luxon';
import { isWorkingDay } from './working-days';
import { DEFAULT_ZONE, type Interval, type Schedule } from './types';

const ALWAYS = [{ start: '00:00', end: '24:00' }];
/** How far ahead a walk may go before the schedule is deemed to have no business time at all. */
export const MAX_DAYS = 5 * 366;

const at = (day: DateTime, hhmm: string): number => {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
};

/** The business intervals of one local day, in order. */
function dayIntervals(day: DateTime, schedule: Schedule): Interval[] {
  if (schedule.hours === 'always') return [{ start: day.toMillis(), end: at(day, '24:00') }];
  if (!isWorkingDay(day.toISODate()!, schedule)) return [];
  return (schedule.hours.length ? schedule.hours : ALWAYS).map((w) => ({ start: at(day, w.start), end: at(day, w.end) }));
}

interface Day {
  intervals: Interval[];
  /** When the next local day starts (ms). */
  next: number;
}

/**
 * Each schedule's days by their start (ms), computed once: a batch walks the same few days for a
 * thousand tickets, and every step is luxon zone arithmetic (~1 ms a ticket with two clocks and
 * their warnings). Schedules are plain data read from their policy, never changed in place; a
 * schedule object that is not kept (built per call) simply misses. Bounded per schedule.
 */
const days = new WeakMap<Schedule, Map<number, Day>>();
const MAX_CACHED_DAYS = 4 * 366;

function dayOf(start: number, schedule: Schedule, zone: string): Day {
  let known = days.get(schedule);
  if (!known) days.set(schedule, (known = new Map()));
  let day = known.get(start);
  if (!day) {
    const local = DateTime.fromMillis(start, { zone });
    day = { intervals: dayIntervals(local, schedule), next: local.plus({ days: 1 }).startOf('day').toMillis() };
    if (known.size >= MAX_CACHED_DAYS) known.clear();
    known.set(start, day);
  }
  return day;
}

/** Sorted, merged pauses: overlapping or touching pauses become one. */
export function mergePauses(pauses: Interval[]): Interval[] {
  const sorted = pauses.filter((p) => p.end > p.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}

/** `interval` minus the (merged, sorted) pauses. */
function withoutPauses(interval: Interval, pauses: Interval[]): Interval[] {
  const parts: Interval[] = [];
  let cursor = interval.start;
  for (const p of pauses) {
    if (p.end <= cursor) continue;
    if (p.start >= interval.end) break;
    if (p.start > cursor) parts.push({ start: cursor, end: p.start });
    cursor = Math.max(cursor, p.end);
    if (cursor >= interval.end) break;
  }
  if (cursor < interval.end) parts.push({ start: cursor, end: interval.end });
  return parts;
}

/**
 * The running-clock intervals from `from` onwards, day by day (never minute by minute), clipped
 * to start at `from` and with the pauses cut out. Stops after MAX_DAYS days.
 */
export function* clockIntervals(from: number, schedule: Schedule, pauses: Interval[]): Generator<Interval> {
  const zone = schedule.timezone ?? DEFAULT_ZONE;
  const merged = mergePauses(pauses);
  let start = DateTime.fromMillis(from, { zone }).startOf('day').toMillis();
  for (let i = 0; i < MAX_DAYS; i += 1) {
    const day = dayOf(start, schedule, zone);
    start = day.next;
    for (const interval of day.intervals) {
      if (interval.end <= from) continue;
      const clipped = { start: Math.max(interval.start, from), end: interval.end };
      yield* withoutPauses(clipped, merged);
    }
  }
}
