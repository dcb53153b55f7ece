// Regional pricing: a quote for a ticket's service items before the customer confirms, and the
// price-calibration check. Pure; the region's coefficient and ancestry come from the region tree.
import { DateTime } from 'luxon';
import { D, mulFen, toFen } from './money';

export interface SeasonRule {
  name: string;
  /** Region codes whose subtrees the rule covers (e.g. the northern areas). */
  regions: string[];
  /** Months 1–12, in Asia/Shanghai (December–February: [12, 1, 2]). */
  months: number[];
  coefficient: string;
}

export interface QuoteInput {
  items: { item: string; quantity: number }[];
  /** Price list: fen per unit of each service item. */
  prices: Record<string, number>;
  /** The ticket's region and its ancestors' codes, nearest first (store → city → province → area). */
  regionPath: string[];
  regionCoefficient: string;
  seasons: SeasonRule[];
  /** When the service is delivered (the season is of that date). */
  at: Date;
  rush?: { rate?: string; fixedFen?: number } | null;
}

export interface QuoteLine {
  item: string;
  quantity: number;
  unitFen: number;
  listFen: number;
  /** After the region coefficient, then the season's, each rounded half-up. */
  regionalFen: number;
  fen: number;
}

export interface Quote {
  lines: QuoteLine[];
  season: SeasonRule | null;
  rushFen: number;
  totalFen: number;
}

/** The first season rule covering the region (any ancestor) in the month of `at`. */
export function seasonFor(rules: SeasonRule[], regionPath: string[], at: Date): SeasonRule | null {
  const month = DateTime.fromJSDate(at, { zone: 'Asia/Shanghai' }).month;
  return rules.find((r) => r.months.includes(month) && r.regions.some((code) => regionPath.includes(code))) ?? null;
}

/**
 * price list × quantity, × region coefficient, × season coefficient — per line, each step rounded
 * half-up to the fen — then a rush surcharge on the total (fixed, or a rate of it).
 * An item missing from the price list is a caller error (validated before quoting).
 */
export function quote(input: QuoteInput): Quote {
  const season = seasonFor(input.seasons, input.regionPath, input.at);
  const lines = input.items.map(({ item, quantity }) => {
    const unitFen = input.prices[item];
    if (unitFen === undefined) throw new RangeError(`no price for ${item}`);
    const listFen = unitFen * quantity;
    const regionalFen = mulFen(listFen, input.regionCoefficient);
    return { item, quantity, unitFen, listFen, regionalFen, fen: mulFen(regionalFen, season?.coefficient ?? '1') };
  });
  const subtotal = lines.reduce((a, l) => a + l.fen, 0);
  const rushFen = !input.rush ? 0 : input.rush.fixedFen ?? mulFen(subtotal, input.rush.rate ?? '0');
  return { lines, season, rushFen, totalFen: subtotal + rushFen };
}

export interface Calibration {
  /** (effective − reference) / reference, as a decimal string with 4 places ("0.0825" = +8.25 %). */
  drift: string;
  outside: boolean;
}

/**
 * Whether a region's effective price has drifted beyond the band around the reference price (the
 * price-calibration alert): |effective − reference| > band × reference.
 */
export function calibrate(referenceFen: number, effectiveFen: number, band: string): Calibration {
  if (referenceFen <= 0) return { drift: '0', outside: effectiveFen !== referenceFen };
  const drift = new D(effectiveFen - referenceFen).dividedBy(referenceFen);
  return { drift: drift.toDecimalPlaces(4).toFixed(4), outside: drift.abs().gt(band) };
}

/** Average effective unit price (fen, half-up) of a region's lines, for `calibrate`. */
export const averageFen = (fens: number[]): number => (fens.length ? toFen(new D(fens.reduce((a, b) => a + b, 0)).dividedBy(fens.length)) : 0);
