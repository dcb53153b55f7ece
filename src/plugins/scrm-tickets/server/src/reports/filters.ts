// The dashboard's filters from a query string: the period as days in Asia/Shanghai, and the
// dimensions (region subtree, template, source, team, agent). Every bad parameter is reported with
// its path, in one 400.
import { DateTime } from 'luxon';
import type { PathError } from '../utils/field-errors';

export const ZONE = 'Asia/Shanghai';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A year and a day: longer periods are for the exports, not for one screen. */
export const MAX_DAYS = 366;

export interface ReportQuery {
  /** [from, to) as instants; the days they start are `fromDay` and `toDay` (exclusive). */
  from: Date;
  to: Date;
  fromDay: string;
  toDay: string;
  region?: string;
  template?: string;
  source?: string;
  team?: string;
  agent?: number;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The period defaults to the current month. `to` is exclusive (from=2026-11-01&to=2026-12-01 is
 * November), as in /reports/sources.
 */
export function parseReportQuery(query: Record<string, unknown>, now = new Date()): { value?: ReportQuery; errors: PathError[] } {
  const errors: PathError[] = [];
  const day = (key: 'from' | 'to') => {
    const v = query[key];
    if (v === undefined || v === '') return undefined;
    const parsed = typeof v === 'string' && DAY.test(v) ? DateTime.fromISO(v, { zone: ZONE }) : null;
    if (!parsed?.isValid) errors.push({ path: [key], message: 'must be a day as YYYY-MM-DD' });
    return parsed?.isValid ? parsed : undefined;
  };
  const month = DateTime.fromJSDate(now).setZone(ZONE).startOf('month');
  const from = day('from') ?? month;
  const to = day('to') ?? (query.from ? from.plus({ months: 1 }) : month.plus({ months: 1 }));
  if (!errors.length && to <= from) errors.push({ path: ['to'], message: 'must be after from' });
  else if (!errors.length && to.diff(from, 'days').days > MAX_DAYS) errors.push({ path: ['to'], message: `must be at most ${MAX_DAYS} days after from` });

  const short = (key: 'region' | 'template' | 'source' | 'team', max: number) => {
    const v = query[key];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || v.length > max) {
      errors.push({ path: [key], message: `must be a text of at most ${max} characters` });
      return undefined;
    }
    return text(v);
  };
  const region = short('region', 64);
  const template = short('template', 64);
  const source = short('source', 80);
  const team = short('team', 64);
  let agent: number | undefined;
  if (query.agent !== undefined && query.agent !== '') {
    agent = Number(query.agent);
    if (typeof query.agent !== 'string' || !/^\d{1,9}$/.test(query.agent) || agent < 1) {
      errors.push({ path: ['agent'], message: 'must be the id of an admin user' });
      agent = undefined;
    }
  }
  if (errors.length) return { errors };
  return {
    errors,
    value: { from: from.toJSDate(), to: to.toJSDate(), fromDay: from.toISODate()!, toDay: to.toISODate()!, region, template, source, team, agent },
  };
}
