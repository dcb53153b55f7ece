import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useWhileVisible } from './useWhileVisible';
import type { Facets, Problem, TicketPage, TicketRow } from './types';

const PAGE_SIZE = 25;
const REFRESH_MS = 5_000;

export interface TicketList {
  rows: TicketRow[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

const fromPage = (page: TicketPage): TicketList => ({ rows: page.data, ...page.meta });

/** A 400 names the parameters at fault; anything else is one problem with the error's message. */
export const problemsOf = (error: any): Problem[] => {
  const body = error?.response?.data?.error;
  return body?.details?.errors ?? [{ path: [], message: body?.message ?? String(error?.message ?? error) }];
};

/**
 * The tickets for `query` (the page's URL parameters), 25 at a time unless the URL says otherwise
 * (`pageSize`, up to the server's 100). The first page is fetched again every 5 s while the page
 * is visible and replaces the rows, unless the user has loaded more: then the rows stay as they
 * are, so the list does not jump under them.
 */
export const useTicketList = (query: string) => {
  const { get } = useFetchClient();
  const [list, setList] = useState<TicketList | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  // The query that `list` and `problems` answer: until it is the current one the page is loading,
  // from the very render in which the URL changed (not one effect later, with the old rows).
  const [answered, setAnswered] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Bumped for each new query: answers to an older one (still in flight) are dropped.
  const generation = useRef(0);
  const loadedMore = useRef(false);
  const refreshing = useRef(false);

  const fetchPage = useCallback(
    async (cursor?: string) => {
      const params = new URLSearchParams(query);
      if (!params.has('pageSize')) params.set('pageSize', String(PAGE_SIZE));
      if (cursor) params.set('cursor', cursor);
      const res = await get(`/scrm-tickets/tickets?${params}`);
      return res.data as TicketPage;
    },
    [get, query]
  );

  /** Shows an answer; one to an older query (the URL changed while it was in flight) is dropped. */
  const show = useCallback(
    (mine: number, next: TicketList | null, nextProblems: Problem[] = []) => {
      if (mine !== generation.current) return;
      setList(next);
      setProblems(nextProblems);
      setAnswered(query);
    },
    [query]
  );

  useEffect(() => {
    const mine = ++generation.current;
    loadedMore.current = false;
    fetchPage()
      .then((page) => show(mine, fromPage(page)))
      .catch((error) => show(mine, null, problemsOf(error)));
  }, [fetchPage, show]);

  const refresh = useCallback(() => {
    if (loadedMore.current || refreshing.current) return;
    const mine = generation.current;
    refreshing.current = true;
    fetchPage()
      .then((page) => {
        if (!loadedMore.current) show(mine, fromPage(page));
      })
      // A failed refresh leaves the rows on screen as they were; the next tick tries again.
      .catch(() => undefined)
      .finally(() => {
        refreshing.current = false;
      });
  }, [fetchPage, show]);
  useWhileVisible(refresh, REFRESH_MS);

  const loadMore = async () => {
    if (!list?.nextCursor) return;
    const mine = generation.current;
    // Set before the request so that a refresh landing meanwhile does not replace the rows.
    loadedMore.current = true;
    setLoadingMore(true);
    try {
      const page = await fetchPage(list.nextCursor);
      if (mine !== generation.current) return;
      setList((current) => {
        if (!current) return current;
        // A ticket can move past the cursor between two pages (its due time changed): show it once.
        const seen = new Set(current.rows.map((row) => row.documentId));
        return { rows: [...current.rows, ...page.data.filter((row) => !seen.has(row.documentId))], ...page.meta };
      });
    } catch (error) {
      if (mine === generation.current) setProblems(problemsOf(error));
    } finally {
      setLoadingMore(false);
    }
  };

  const dismissProblems = () => setProblems([]);

  return { list, loading: answered !== query, loadingMore, problems, dismissProblems, loadMore };
};

const NO_FACETS: Facets = { states: [], templates: [], regions: [], sources: [], assignees: [] };

/** The options of the filter selects; if they cannot be read the selects stay empty, the list works. */
export const useFacets = () => {
  const { get } = useFetchClient();
  const [facets, setFacets] = useState<Facets>(NO_FACETS);
  useEffect(() => {
    get('/scrm-tickets/tickets/facets')
      .then((res: { data: unknown }) => setFacets((res.data as { data: Facets }).data))
      .catch(() => setFacets(NO_FACETS));
  }, [get]);
  return facets;
};
