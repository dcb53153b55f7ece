// Checks a business-hours schedule before it is saved; every error with its path. Pure.
import { DateTime, IANAZone } from 'luxon';
import { isPlainObject } from '../fields/guards';
import type { FieldError, Path } from '../fields/types';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROPS = new Set(['timezone', 'calendar', 'hours', 'holidays', 'workdays']);
const MAX_WINDOWS = 6;
const MAX_DATES = 500;

const minutesOf = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));

function checkWindows(hours: unknown, at: Path, errors: FieldError[]) {
  if (hours === 'always') return;
  if (!Array.isArray(hours) || hours.length === 0 || hours.length > MAX_WINDOWS) {
    return void errors.push({ path: at, message: `must be "always" or 1 to ${MAX_WINDOWS} windows { start, end }` });
  }
  let previousEnd = -1;
  hours.forEach((w, i) => {
    const here = [...at, i];
    if (!isPlainObject(w)) return void errors.push({ path: here, message: 'must be { start: "HH:mm", end: "HH:mm" }' });
    for (const prop of Object.keys(w)) if (prop !== 'start' && prop !== 'end') errors.push({ path: [...here, prop], message: 'is not a window property' });
    const startOk = typeof w.start === 'string' && HHMM.test(w.start);
    const endOk = typeof w.end === 'string' && (HHMM.test(w.end) || w.end === '24:00');
    if (!startOk) errors.push({ path: [...here, 'start'], message: 'must be HH:mm (00:00-23:59)' });
    if (!endOk) errors.push({ path: [...here, 'end'], message: 'must be HH:mm (00:01-24:00)' });
    if (!startOk || !endOk) return;
    const [start, end] = [minutesOf(w.start as string), minutesOf(w.end as string)];
    if (end <= start) errors.push({ path: [...here, 'end'], message: 'must be after start' });
    else if (start < previousEnd) errors.push({ path: [...here, 'start'], message: 'must not be before the end of the previous window' });
    previousEnd = Math.max(previousEnd, end);
  });
}

function checkDates(list: unknown, at: Path, errors: FieldError[]): Set<string> {
  const seen = new Set<string>();
  if (list === undefined) return seen;
  if (!Array.isArray(list) || list.length > MAX_DATES) {
    errors.push({ path: at, message: `must be a list of at most ${MAX_DATES} dates` });
    return seen;
  }
  list.forEach((d, i) => {
    if (typeof d !== 'string' || !DATE.test(d) || !DateTime.fromISO(d).isValid) errors.push({ path: [...at, i], message: 'must be a date YYYY-MM-DD' });
    else if (seen.has(d)) errors.push({ path: [...at, i], message: 'is listed twice' });
    else seen.add(d);
  });
  return seen;
}

export function validateSchedule(value: unknown, basePath: Path = ['schedule']): FieldError[] {
  if (!isPlainObject(value)) return [{ path: basePath, message: 'must be { hours, calendar?, timezone?, holidays?, workdays? }' }];
  const errors: FieldError[] = [];
  for (const prop of Object.keys(value)) if (!PROPS.has(prop)) errors.push({ path: [...basePath, prop], message: 'is not a schedule property' });
  if (value.timezone !== undefined && (typeof value.timezone !== 'string' || !IANAZone.isValidZone(value.timezone))) {
    errors.push({ path: [...basePath, 'timezone'], message: 'must be an IANA time zone such as Asia/Shanghai' });
  }
  if (value.calendar !== undefined && !['cn', 'weekdays', 'everyday'].includes(value.calendar as string)) {
    errors.push({ path: [...basePath, 'calendar'], message: 'must be cn, weekdays or everyday' });
  }
  checkWindows(value.hours, [...basePath, 'hours'], errors);
  const holidays = checkDates(value.holidays, [...basePath, 'holidays'], errors);
  const workdays = checkDates(value.workdays, [...basePath, 'workdays'], errors);
  (Array.isArray(value.workdays) ? value.workdays : []).forEach((d, i) => {
    if (holidays.has(d as string) && workdays.has(d as string)) errors.push({ path: [...basePath, 'workdays', i], message: 'is also listed as a holiday' });
  });
  return errors;
}
