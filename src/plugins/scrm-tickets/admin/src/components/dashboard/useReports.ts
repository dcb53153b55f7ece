import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useWhileVisible } from '../tickets/useWhileVisible';
import { problemsOf } from '../tickets/useTicketList';
import type { Problem } from '../tickets/types';
import type { DashboardData, GroupRow, Summary } from './types';

const REFRESH_MS = 60_000;
/** The stacked source bars show the period's biggest sources; the rest would be slivers. */
const TOP_SOURCES = 6;

/**
 * Everything the dashboard draws for `query` (the period and filters): the summary, the daily
 * trend, the region and agent breakdowns, and weekly created tickets per top source. Read again
 * every minute while the page is visible; an answer to an older query is dropped.
 */
export const useReports = (query: string) => {
  const { get } = useFetchClient();
  const [data, setData] = useState<DashboardData | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [answered, setAnswered] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (): Promise<DashboardData> => {
    const read = async <T,>(path: string, extra = ''): Promise<T> => ((await get(`/scrm-tickets/reports/${path}?${query}${extra}`)).data as { data: T }).data;
    const [summary, trend, regions, agents] = await Promise.all([
      read<Summary>('summary'),
      read<{ rows: GroupRow[] }>('trend', '&interval=day'),
      read<{ rows: GroupRow[] }>('breakdown', '&by=region'),
      read<{ rows: GroupRow[] }>('breakdown', '&by=agent'),
    ]);
    const sources = summary.sources.slice(0, TOP_SOURCES).map((s) => s.source);
    const weekly = await Promise.all(sources.map((source) => read<{ rows: GroupRow[] }>('trend', `&interval=week&source=${encodeURIComponent(source)}`)));
    return {
      summary,
      trend: trend.rows,
      regions: regions.rows,
      agents: agents.rows.filter((r) => r.key !== null),
      sourceWeeks: {
        weeks: weekly[0]?.rows.map((r) => r.key ?? '') ?? [],
        series: sources.map((source, i) => ({ source, created: weekly[i].rows.map((r) => r.created) })),
      },
    };
  }, [get, query]);

  const fetchNow = useCallback(() => {
    const mine = ++generation.current;
    load()
      .then((next) => {
        if (mine !== generation.current) return;
        setData(next);
        setProblems([]);
        setAnswered(query);
      })
      .catch((error) => {
        if (mine !== generation.current) return;
        setProblems(problemsOf(error));
        setAnswered(query);
      });
  }, [load, query]);

  useEffect(fetchNow, [fetchNow]);
  useWhileVisible(fetchNow, REFRESH_MS);

  return { data, problems, loading: answered !== query };
};
