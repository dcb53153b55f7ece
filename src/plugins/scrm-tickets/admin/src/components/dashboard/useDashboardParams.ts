import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DateTime } from 'luxon';

// The dashboard's filters live in the URL (a view of the numbers can be bookmarked and sent):
// a period preset or explicit days, and the dimension filters the reports API takes.

export const ZONE = 'Asia/Shanghai';
export const PERIODS = ['this_month', 'last_month', 'last_7', 'last_30', 'last_90', 'this_year'] as const;
export type Period = (typeof PERIODS)[number];
export const DIMENSIONS = ['region', 'template', 'source', 'team'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** [from, to) as Asia/Shanghai days for a preset, `to` exclusive (as the reports API takes them). */
export function periodDays(period: Period, now = DateTime.now().setZone(ZONE)): { from: string; to: string } {
  const today = now.startOf('day');
  const tomorrow = today.plus({ days: 1 });
  const span = (from: DateTime, to: DateTime) => ({ from: from.toISODate()!, to: to.toISODate()! });
  switch (period) {
    case 'last_month':
      return span(today.startOf('month').minus({ months: 1 }), today.startOf('month'));
    case 'last_7':
      return span(tomorrow.minus({ days: 7 }), tomorrow);
    case 'last_30':
      return span(tomorrow.minus({ days: 30 }), tomorrow);
    case 'last_90':
      return span(tomorrow.minus({ days: 90 }), tomorrow);
    case 'this_year':
      return span(today.startOf('year'), tomorrow);
    default:
      return span(today.startOf('month'), today.startOf('month').plus({ months: 1 }));
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const useDashboardParams = () => {
  const [searchParams, setSearchParams] = useSearchParams();
  const period = (PERIODS as readonly string[]).includes(searchParams.get('period') ?? '') ? (searchParams.get('period') as Period) : 'this_month';
  const explicit = DAY.test(searchParams.get('from') ?? '') && DAY.test(searchParams.get('to') ?? '');
  const days = explicit ? { from: searchParams.get('from')!, to: searchParams.get('to')! } : periodDays(period);

  /** The reports API's query: the period's days and the dimension filters set. */
  const query = useMemo(() => {
    const q = new URLSearchParams(days);
    for (const d of DIMENSIONS) {
      const v = searchParams.get(d);
      if (v) q.set(d, v);
    }
    return q.toString();
  }, [days.from, days.to, searchParams]);

  const set = useCallback(
    (param: Dimension | 'period', value: string) =>
      setSearchParams((previous) => {
        const next = new URLSearchParams(previous);
        // A preset replaces explicit days.
        if (param === 'period') {
          next.delete('from');
          next.delete('to');
        }
        if (value) next.set(param, value);
        else next.delete(param);
        return next;
      }),
    [setSearchParams]
  );

  return { value: (param: Dimension) => searchParams.get(param) ?? '', period: explicit ? '' : period, days, query, set };
};
