// What goes on a statement and how its content is sealed. Pure.
import { createHash } from 'node:crypto';
import type { Line } from './line';

export interface TicketForSettlement {
  id: number;
  number: string;
  amountFen: number | null;
  priority: string | null;
  csat: number | null;
  serviceItem: string | null;
  reportedAt: Date;
  resolvedAt: Date | null;
  assigneeId: number | null;
  /** The ticket's region and its ancestors' codes, nearest first; the region's price coefficient. */
  regionPath: string[];
  regionCoefficient: string;
}

export interface StatementLine {
  ticket: string;
  ticketId: number;
  tier: string;
  lineFen: number;
  fen: number;
}

/**
 * Who a split level pays: `engineer` → the ticket's assignee, `store` → the ticket's region,
 * `region` → the top of its region tree, any other key (platform, city partner …) → that key.
 */
export function payeeOf(partyKey: string, t: TicketForSettlement): string {
  if (partyKey === 'engineer') return t.assigneeId === null ? 'engineer:unassigned' : `engineer:user:${t.assigneeId}`;
  if (partyKey === 'store') return t.regionPath[0] ? `store:region:${t.regionPath[0]}` : 'store:none';
  if (partyKey === 'region') return t.regionPath.length ? `region:region:${t.regionPath[t.regionPath.length - 1]}` : 'region:none';
  return partyKey;
}

/** The statement lines of one ticket's settlement line, one per payee. */
export function linesOf(t: TicketForSettlement, tierKey: string, line: Line, splitParties: string[]): { payee: string; line: StatementLine }[] {
  return line.shares.map((share, i) => ({
    payee: payeeOf(splitParties[i], t),
    line: { ticket: t.number, ticketId: t.id, tier: tierKey, lineFen: line.lineFen, fen: share.fen },
  }));
}

/** The exact content a confirmation seals, in a canonical form (fixed key order, lines by ticket). */
export function canonicalContent(s: { period: string; party: string; currency: string; totalFen: number; lines: StatementLine[] }): string {
  const lines = [...s.lines]
    .sort((a, b) => a.ticketId - b.ticketId || a.tier.localeCompare(b.tier))
    .map((l) => [l.ticket, l.ticketId, l.tier, l.lineFen, l.fen]);
  return JSON.stringify(['scrm-statement/1', s.period, s.party, s.currency, s.totalFen, lines]);
}

export const sealOf = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');
