import { DateTime } from 'luxon';

/** The business day of a moment, as YYYYMMDD in the given zone (Asia/Shanghai by default). */
export const businessDay = (at: Date, zone = 'Asia/Shanghai'): string =>
  DateTime.fromJSDate(at, { zone }).toFormat('yyyyLLdd');

/** `GD20261124-000042`: prefix, business day, per-day counter padded to six digits. */
export const formatTicketNumber = (prefix: string, day: string, counter: number): string =>
  `${prefix}${day}-${String(counter).padStart(6, '0')}`;
