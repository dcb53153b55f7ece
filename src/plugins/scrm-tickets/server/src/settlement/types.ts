// A settlement tier's fee model, as business staff configure it (validated by validate-tier.ts).
// Money is integer fen; rates and coefficients are decimal strings ("0.05", "1.2").

export interface Bracket {
  /** Upper bound of the slice in fen (inclusive), or null for "and above" (the last bracket). */
  upToFen: number | null;
  rate: string;
}

export interface Commission {
  /** What the brackets apply to: this ticket's amount, or the party's volume in the period. */
  basis: 'ticket_amount' | 'period_volume';
  /** `progressive`: each slice at its bracket's rate; `whole`: the reached bracket's rate on all. */
  mode: 'progressive' | 'whole';
  brackets: Bracket[];
}

export interface Rush {
  /** When the surcharge applies: the ticket's priority is one of these, or it was completed within N hours. */
  priorities?: string[];
  withinHours?: number;
  /** A fixed surcharge, or a rate of base + commission. */
  fixedFen?: number;
  rate?: string;
}

export interface SplitLevel {
  /** Who is paid: platform, region, city partner, store, engineer … */
  party: string;
  /** A share of the line, a fixed amount, or neither for the last level (the remainder). */
  rate?: string;
  fixedFen?: number;
}

export interface Rebate {
  /** Period volume above which the rebate applies (fen), and its rate on the whole volume. */
  overFen: number;
  rate: string;
}

export interface TierModel {
  /** Base fee per service item (item key → fen); `default` for items not listed. */
  baseFees: Record<string, number>;
  commission?: Commission | null;
  rush?: Rush | null;
  /** CSAT score ("1"…"5") → coefficient; scores not listed (or no score) → 1. */
  satisfaction?: Record<string, string> | null;
  rebates?: Rebate[] | null;
  /** Who the volume rebates pay: a split party (default: the last level, who takes the remainder). */
  rebateParty?: string | null;
  split: SplitLevel[];
}

export const MAX_SPLIT_LEVELS = 10;
