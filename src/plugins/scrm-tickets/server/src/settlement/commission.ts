// Commission by brackets. Pure.
import { D, type Dec, toFen } from './money';
import type { Bracket } from './types';

/**
 * The exact commission on `amountFen` (unrounded):
 * - progressive: each slice of the amount at its bracket's rate (100000 at 5 % + 20000 at 8 %);
 * - whole: the rate of the bracket the amount reaches, on the whole amount.
 * Brackets are ordered by `upToFen`, the last open-ended (validated on save).
 */
export function commissionExact(amountFen: number, brackets: Bracket[], mode: 'progressive' | 'whole'): Dec {
  if (amountFen <= 0 || brackets.length === 0) return new D(0);
  if (mode === 'whole') {
    const reached = brackets.find((b) => b.upToFen === null || amountFen <= b.upToFen) ?? brackets[brackets.length - 1];
    return new D(amountFen).times(reached.rate);
  }
  let total = new D(0);
  let lower = 0;
  for (const b of brackets) {
    const upper = b.upToFen === null ? amountFen : Math.min(amountFen, b.upToFen);
    if (upper > lower) total = total.plus(new D(upper - lower).times(b.rate));
    if (b.upToFen === null || amountFen <= b.upToFen) break;
    lower = b.upToFen;
  }
  return total;
}

export const commissionFen = (amountFen: number, brackets: Bracket[], mode: 'progressive' | 'whole'): number =>
  toFen(commissionExact(amountFen, brackets, mode));
