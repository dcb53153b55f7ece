// Fen arithmetic with decimal.js: rates and coefficients are decimal strings, every rounding is
// half-up to the fen. Never a binary float on the way (0.1 + 0.2 is not 0.3). Pure.
import Decimal from 'decimal.js';

/** A private Decimal class: nobody else's precision or rounding settings leak in. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** Half-up to the whole fen (20235.5 → 20236, -0.5 → -1: away from zero). */
export const toFen = (value: Dec): number => value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

/** `fen × rate`, rounded half-up to the fen. */
export const mulFen = (fen: number, rate: string): number => toFen(new D(fen).times(rate));

/** A decimal string we accept as a rate or coefficient: plain digits, at most 6 decimals. */
export const isDecimalString = (value: unknown): value is string => typeof value === 'string' && /^\d{1,6}(\.\d{1,6})?$/.test(value);

/** A whole number of fen that fits a JavaScript integer (and a Postgres bigint). */
export const isFen = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
