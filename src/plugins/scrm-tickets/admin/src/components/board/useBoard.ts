import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useFetchClient } from '@strapi/strapi/admin';
import { localize } from '../tickets/types';
import { useT } from '../tickets/useT';
import { refusalText } from './refusalText';
import { messagesOf, type BoardPage, type BoardRow, type Columns, type Workflow } from './types';
import { useWhileVisible } from '../tickets/useWhileVisible';

const PAGE_SIZE = 50;
const REFRESH_MS = 5_000;

/** The columns with the workflow they were read for, or why the first read failed. */
interface Board {
  workflow: Workflow;
  columns: Columns | null;
  error: string[];
}

/**
 * `row` out of its state's column into `to`'s, with the state it now has and both counts changed.
 * It goes where the list's order (newest first) puts it, so a later refresh does not move it again.
 */
const moveRow = (columns: Columns, row: BoardRow, to: string): Columns => {
  const from = columns[row.state];
  const target = columns[to];
  if (!from || !target) return columns;
  const moved = { ...row, state: to };
  const rows = target.rows.filter((r) => r.documentId !== row.documentId);
  const at = rows.findIndex((r) => r.createdAt < moved.createdAt);
  rows.splice(at < 0 ? rows.length : at, 0, moved);
  return {
    ...columns,
    [row.state]: { ...from, rows: from.rows.filter((r) => r.documentId !== row.documentId), total: from.total - 1 },
    [to]: { ...target, rows, total: target.total + 1 },
  };
};

/**
 * The workflow's columns, each the first 50 tickets of its state, read again every 5 s while the
 * tab is visible, no drag is under way (`paused`) and no move awaits the server. `move` runs a
 * transition: the card moves at once and goes back if the server refuses, saying why (`refusal`).
 */
export const useBoard = (workflow: Workflow | null, paused: boolean) => {
  const t = useT();
  const { locale } = useIntl();
  const stateName = useCallback(
    (key: string) => {
      const state = workflow?.states.find((s) => s.key === key);
      return state ? localize(state.label, locale) : key;
    },
    [workflow, locale]
  );
  const { get, post } = useFetchClient();
  const [board, setBoard] = useState<Board | null>(null);
  const [refusal, setRefusal] = useState<string[]>([]);
  // Bumped by each read and each move: an answer to a read begun before is stale and dropped (a
  // read begun before a move would put the card back where it came from).
  const epoch = useRef(0);
  const reading = useRef(0);
  const moving = useRef(0);
  const latest = useRef(workflow);
  latest.current = workflow;
  const dragging = useRef(paused);
  dragging.current = paused;

  const load = useCallback(async () => {
    // A move settling after the user switched templates must not read the old template's columns.
    if (!workflow || latest.current !== workflow) return;
    const mine = ++epoch.current;
    reading.current++;
    try {
      const pages = await Promise.all(
        workflow.states.map(async ({ key }) => {
          const params = new URLSearchParams({ template: workflow.key, state: key, pageSize: String(PAGE_SIZE) });
          const page = (await get(`/scrm-tickets/tickets?${params}`)).data as BoardPage;
          return [key, { rows: page.data, ...page.meta }] as const;
        })
      );
      // Not while a card is being dragged: re-rendering under the pointer could end the drag.
      if (mine === epoch.current && !dragging.current) setBoard({ workflow, columns: Object.fromEntries(pages), error: [] });
    } catch (error) {
      // A failed refresh leaves the columns on screen as they were; the next tick tries again.
      if (mine === epoch.current) {
        setBoard((b) => (b?.workflow === workflow && b.columns ? b : { workflow, columns: null, error: messagesOf(error) }));
      }
    } finally {
      reading.current--;
    }
  }, [get, workflow]);

  useEffect(() => {
    load();
  }, [load]);
  const refresh = useCallback(() => {
    if (dragging.current || moving.current > 0 || reading.current > 0) return;
    load();
  }, [load]);
  useWhileVisible(refresh, REFRESH_MS);

  const move = useCallback(
    async (row: BoardRow, to: string) => {
      if (!workflow || row.state === to) return;
      const update = (change: (columns: Columns) => Columns) =>
        setBoard((b) => (b?.workflow === workflow && b.columns ? { ...b, columns: change(b.columns) } : b));
      epoch.current++;
      moving.current++;
      setRefusal([]);
      update((columns) => moveRow(columns, row, to));
      try {
        const res = await post(`/scrm-tickets/tickets/${row.documentId}/transitions`, { to, version: row.version });
        // The card may be dragged again before the refresh lands: it needs the version it now has.
        const { version } = (res.data as { data: { version: number } }).data;
        update((columns) => {
          const target = columns[to];
          const rows = target?.rows.map((r) => (r.documentId === row.documentId ? { ...r, version } : r));
          return rows ? { ...columns, [to]: { ...target, rows } } : columns;
        });
      } catch (error) {
        update((columns) => moveRow(columns, { ...row, state: to }, row.state));
        setRefusal(refusalText(error, { from: row.state, to }, stateName, t));
      } finally {
        // The server may have put the ticket elsewhere (an approval holds it in awaiting_approval).
        if (--moving.current === 0) load();
      }
    },
    [load, post, workflow, stateName, t]
  );

  const mine = board?.workflow === workflow ? board : null;
  return {
    columns: mine?.columns ?? null,
    loadError: mine?.error ?? [],
    refusal,
    dismissRefusal: () => setRefusal([]),
    move,
  };
};
