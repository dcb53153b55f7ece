import type { LocalizedLabel, TicketPage, TicketRow } from '../tickets/types';

// The board's API shapes: a template's workflow (GET /scrm-tickets/templates/<key>/workflow) and
// the list API's rows, which carry the version a transition must send back.

export interface Workflow {
  key: string;
  name: string;
  initial: string;
  final: string[];
  states: { key: string; label: LocalizedLabel }[];
  transitions: { from: string[]; to: string; roles: string[]; approval: string | null }[];
}

/** A list row with the version the server checks a transition against (409 when it is stale). */
export type BoardRow = TicketRow & { version: number };

export interface BoardPage {
  data: BoardRow[];
  meta: TicketPage['meta'];
}

/** One state's cards (the first page of them) and how many tickets are in that state in all. */
export interface Column {
  rows: BoardRow[];
  total: number;
  totalCapped: boolean;
}

/** The columns by state key. */
export type Columns = Record<string, Column>;

/** The states the workflow leads to from `state`, whoever may take the transition. */
export const reachable = (workflow: Workflow, state: string) =>
  new Set(workflow.transitions.filter((t) => t.from.includes(state)).map((t) => t.to));

/** What the server said when it refused: its message, then each field error it lists (a 400). */
export const messagesOf = (error: any): string[] => {
  const body = error?.response?.data?.error;
  if (!body?.message) return [String(error?.message ?? error)];
  const more: string[] = (body.details?.errors ?? []).map((e: { message: string }) => e.message);
  // A single field error is the summary again ("to cannot be reached from new"): not twice.
  const restated = more.length === 1 && body.message.includes(more[0]);
  return [body.message, ...(restated ? [] : more)];
};
