import { isWorkday } from 'chinese-days';
import { DateTime } from 'luxon';
import type { Schedule } from './types';

/**
 * Whether a local date ('YYYY-MM-DD') is a working day. Overrides first, then the calendar. For
 * years chinese-days has no data for, 'cn' falls back to Monday–Friday (its own behaviour).
 */
export function isWorkingDay(isoDate: string, schedule: Schedule): boolean {
  if (schedule.holidays?.includes(isoDate)) return false;
  if (schedule.workdays?.includes(isoDate)) return true;
  switch (schedule.calendar ?? 'cn') {
    case 'everyday':
      return true;
    case 'weekdays':
      return DateTime.fromISO(isoDate).weekday <= 5;
    default:
      return isWorkday(isoDate);
  }
}
