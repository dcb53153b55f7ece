// Quiet hours: non-urgent messages planned at night wait for the morning (Asia/Shanghai). Pure.
import { DateTime } from 'luxon';

export interface QuietHours {
  /** `HH:mm` local time; a window may cross midnight (21:00 → 08:00). */
  start: string;
  end: string;
  timezone: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** When a non-urgent message planned at `now` may go out: `now`, or the end of the quiet window. */
export function sendableAt(now: number, quiet: QuietHours | null | undefined): number {
  if (!quiet) return now;
  const local = DateTime.fromMillis(now, { zone: quiet.timezone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const crosses = start > end;
  const inside = crosses ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return now;
  const endToday = local.startOf('day').plus({ minutes: end });
  const release = crosses && minute >= start ? endToday.plus({ days: 1 }) : endToday;
  return release.toMillis();
}

/** `HH:mm` check for configuration. */
export const isClockTime = (value: unknown): value is string =>
  typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
