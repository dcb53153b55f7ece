/** One working window of a day, local time, half-open: [start, end). `end` may be '24:00'. */
export interface TimeWindow {
  start: string;
  end: string;
}

/**
 * When the SLA clock runs. `calendar: 'cn'` follows chinese-days: public holidays off, 调休
 * make-up weekend days on. `holidays` / `workdays` override single days (a company holiday, or a
 * year chinese-days does not know yet). `hours: 'always'` is 24×7 and ignores the calendar.
 */
export interface Schedule {
  timezone?: string;
  calendar?: 'cn' | 'weekdays' | 'everyday';
  hours: 'always' | TimeWindow[];
  holidays?: string[];
  workdays?: string[];
}

/** A span of time, half-open: [start, end). Pauses of the clock are intervals. */
export interface Interval {
  start: number;
  end: number;
}

export const DEFAULT_ZONE = 'Asia/Shanghai';
