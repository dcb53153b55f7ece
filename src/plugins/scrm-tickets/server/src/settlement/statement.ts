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

/** One line of a statement as stored (scrm_settlement_lines) and sealed. */
export interface StatementLine {
  /** `ticket`: a ticket's share; `rebate`: a period line of its own. */
  kind: string;
  ticket: string | null;
  ticketId: number | null;
  tier: string;
  level: number | null;
  lineFen: number;
  fen: number;
}

export interface StatementHead {
  period: string;
  party: string;
  currency: string;
  seq: number;
  totalFen: number;
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

/** The statement lines of one ticket's settlement line, one per payee (settlement preview; sql.ts does a month). */
export function linesOf(t: TicketForSettlement, tierKey: string, line: Line, splitParties: string[]): { payee: string; line: StatementLine }[] {
  return line.shares.map((share, i) => ({
    payee: payeeOf(splitParties[i], t),
    line: { kind: 'ticket', ticket: t.number, ticketId: t.id, tier: tierKey, level: i, lineFen: line.lineFen, fen: share.fen },
  }));
}

/**
 * The exact content a confirmation seals, fed line by line (a month's statement for the platform
 * holds every ticket): a heading, then one tab-separated row per line in the canonical order
 * (kind, ticket id, tier, level — statements.ts reads them so), each ending in a newline.
 * docs/settlement.md spells the format out so anyone can recompute a seal from an export.
 */
export function sealer(head: StatementHead) {
  const hash = createHash('sha256');
  hash.update(`scrm-statement/2\n${[head.period, head.party, head.currency, head.seq, head.totalFen].join('\t')}\n`, 'utf8');
  return {
    add(l: StatementLine) {
      hash.update(`${[l.kind, l.ticket ?? '', l.ticketId ?? '', l.tier, l.level ?? '', l.lineFen, l.fen].join('\t')}\n`, 'utf8');
    },
    digest: () => hash.digest('hex'),
  };
}

/** The canonical order of a statement's lines. */
export const compareLines = (a: StatementLine, b: StatementLine): number =>
  a.kind.localeCompare(b.kind, 'en') || (a.ticketId ?? 0) - (b.ticketId ?? 0) || (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0) || (a.level ?? -1) - (b.level ?? -1);

/** The seal of a statement whose lines are in memory (tests, small statements). */
export function sealOf(head: StatementHead, lines: StatementLine[]): string {
  const s = sealer(head);
  for (const l of [...lines].sort(compareLines)) s.add(l);
  return s.digest();
}
