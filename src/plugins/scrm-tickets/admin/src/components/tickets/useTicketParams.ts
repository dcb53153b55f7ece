import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

// The view, the filters and the sort live in the URL's query string, so a list can be bookmarked
// and the back button steps through earlier choices.

/** The select filters, in the order of the filter bar. */
export const FILTERS = ['state', 'priority', 'template', 'source', 'region', 'assignee', 'sla'] as const;
export type Filter = (typeof FILTERS)[number];
export type Param = 'view' | 'q' | 'sort' | Filter;

const PARAMS: Param[] = ['view', 'q', 'sort', ...FILTERS];
/** The dashboard's drill-down: the tickets a figure counted over its days (no control sets them). */
export const DRILLDOWN = ['counted', 'from', 'to', 'team'] as const;
/** What goes to the server: the page's parameters, the drill-down's, and a page size a URL may set (none is offered). */
const QUERY = [...PARAMS, ...DRILLDOWN, 'pageSize'];
/** Values the server assumes when a parameter is missing: they are left out of the URL. */
const DEFAULTS: Partial<Record<Param, string>> = { view: 'all', sort: 'createdAt:desc' };

export const useTicketParams = () => {
  const [searchParams, setSearchParams] = useSearchParams();

  const value = (param: Param) => searchParams.get(param) || DEFAULTS[param] || '';

  /** The server's query: only the parameters it knows (a bookmarked URL may carry others). */
  const query = useMemo(() => {
    const known = new URLSearchParams();
    for (const param of QUERY) {
      const v = searchParams.get(param);
      if (v) known.set(param, v);
    }
    return known.toString();
  }, [searchParams]);

  /** `replace` for the search box: one history entry per pause in typing would make back useless. */
  const set = useCallback(
    (param: Param, v: string, replace = false) =>
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (v && v !== DEFAULTS[param]) next.set(param, v);
          else next.delete(param);
          return next;
        },
        { replace }
      ),
    [setSearchParams]
  );

  /** Clears the search and the select filters; the view and the sort are choices, not filters. */
  const clearFilters = useCallback(
    () =>
      setSearchParams((previous) => {
        const next = new URLSearchParams(previous);
        for (const param of ['q', ...FILTERS, ...DRILLDOWN]) next.delete(param);
        return next;
      }),
    [setSearchParams]
  );

  const filtered = ['q', ...FILTERS, ...DRILLDOWN].some((param) => searchParams.has(param));
  /** What the dashboard's drill-down narrowed the list to (shown above the rows, cleared with the filters). */
  const counted = searchParams.get('counted') ? { counted: searchParams.get('counted')!, from: searchParams.get('from') ?? '', to: searchParams.get('to') ?? '' } : null;

  return { value, query, set, clearFilters, filtered, counted };
};
