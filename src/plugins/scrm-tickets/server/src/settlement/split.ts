// Sharing a line along the split chain. Pure.
import { D, type Dec } from './money';
import type { SplitLevel } from './types';

export interface Share {
  party: string;
  fen: number;
}

/**
 * Each level's exact share — a rate of the line or a fixed amount; the last level takes what the
 * others leave — then the largest-remainder method: every share is floored and the fen left over
 * go one each to the largest fractional parts, ties to the earlier level. The shares add up to
 * the line exactly. When fixed amounts ask for more than is left, the earlier levels are paid
 * first and the later ones get what remains (never a negative share).
 */
export function splitLine(lineFen: number, levels: SplitLevel[]): Share[] {
  const exact: Dec[] = [];
  let left = new D(lineFen);
  levels.forEach((level, i) => {
    const wanted =
      i === levels.length - 1
        ? left
        : level.fixedFen !== undefined
          ? new D(level.fixedFen)
          : new D(lineFen).times(level.rate ?? 0);
    const share = D.max(0, D.min(wanted, left));
    exact.push(share);
    left = left.minus(share);
  });
  const fen = largestRemainder(lineFen, exact);
  return levels.map((level, i) => ({ party: level.party, fen: fen[i] }));
}

/**
 * Whole fen from exact shares that add up to `totalFen`: each share floored, the fen left over
 * one each to the largest fractional parts, ties to the earlier share.
 */
export function largestRemainder(totalFen: number, exact: Dec[]): number[] {
  const fen = exact.map((e) => e.floor().toNumber());
  let spare = totalFen - fen.reduce((a, b) => a + b, 0);
  const byFraction = exact
    .map((e, i) => ({ i, fraction: e.minus(e.floor()) }))
    .sort((a, b) => b.fraction.comparedTo(a.fraction) || a.i - b.i);
  for (const { i } of byFraction) {
    if (spare <= 0) break;
    fen[i] += 1;
    spare -= 1;
  }
  return fen;
}
