// Exact nearest-rank percentiles over whole seconds, in two reads instead of one sort of every
// duration. The durations are kept in buckets a few percent wide (a log-linear scale, like HDR
// histograms: 1 s wide below a minute, then 32 buckets per doubling); the first read counts
// durations per bucket — from small per-month and per-day histograms where it can — and tells
// which bucket holds each wanted rank and how far into it; the second reads only those buckets'
// durations to the second. The answer is the same value a sort of all durations gives.
import type { Percentiles } from './figures';

/** Below this every second is its own bucket. */
const LINEAR = 64;
/** Buckets per doubling above it: each at most 1/32 (3 %) of its values wide. */
const SUB_BITS = 5;
/** Doublings with their own buckets (up to 2^36 s, some 2,000 years); longer durations share the last. */
const LAST_POWER = 36;
const FIRST_POWER = Math.log2(LINEAR);

/** The bucket of a duration in whole seconds (as the SQL of `bucketSql` computes it). */
export function bucketOf(seconds: number): number {
  if (seconds < LINEAR) return Math.max(0, seconds);
  for (let k = FIRST_POWER; k < LAST_POWER; k += 1) {
    if (seconds < 2 ** (k + 1)) return LINEAR + (k - FIRST_POWER) * 2 ** SUB_BITS + Math.floor((seconds - 2 ** k) / 2 ** (k - SUB_BITS));
  }
  return LINEAR + (LAST_POWER - FIRST_POWER) * 2 ** SUB_BITS;
}

/**
 * The bucket of the whole seconds `d` (an SQL expression naming a column, evaluated once per
 * branch) in integer arithmetic, identical on Postgres and SQLite: no logarithms, whose floating
 * point could put a boundary value in different buckets on different databases.
 */
export function bucketSql(d: string): string {
  // Pieces [upper bound (exclusive), bucket expression], then a binary search over them: about six
  // comparisons a duration instead of up to thirty.
  const pieces: [number, string][] = [[LINEAR, d]];
  for (let k = FIRST_POWER; k < LAST_POWER; k += 1) pieces.push([2 ** (k + 1), `${LINEAR + (k - FIRST_POWER) * 2 ** SUB_BITS} + (${d} - ${2 ** k}) / ${2 ** (k - SUB_BITS)}`]);
  pieces.push([Infinity, String(bucketOf(2 ** LAST_POWER))]);
  const search = (from: number, to: number): string => {
    if (to - from === 1) return pieces[from][1];
    const mid = (from + to) >> 1;
    return `(CASE WHEN ${d} < ${pieces[mid - 1][0]} THEN ${search(from, mid)} ELSE ${search(mid, to)} END)`;
  };
  return search(0, pieces.length);
}

export const QUANTILES = [50, 90] as const;
type Quantile = (typeof QUANTILES)[number];

/** How many durations a group has in a bucket (the first read). */
export interface BucketCount {
  g: unknown;
  b: unknown;
  n: unknown;
}
/** How many durations of a group took exactly `d` seconds, in bucket `b` (the second read). */
export interface DurationCount extends BucketCount {
  d: unknown;
}

/** A wanted rank: the `rank`-th smallest duration of bucket `b` of group `g` is its percentile `q`. */
export interface Target {
  g: string;
  q: Quantile;
  b: number;
  rank: number;
}

const key = (g: unknown) => (g === null || g === undefined ? '' : String(g));

/**
 * The bucket and the rank within it of each group's median and 90th percentile (nearest rank:
 * ⌈q·N/100⌉), and how many durations each group has.
 */
export function locate(rows: BucketCount[]): { targets: Target[]; totals: Map<string, number> } {
  const groups = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const g = key(r.g);
    if (!groups.has(g)) groups.set(g, new Map());
    const buckets = groups.get(g)!;
    buckets.set(Number(r.b), (buckets.get(Number(r.b)) ?? 0) + Number(r.n));
  }
  const targets: Target[] = [];
  const totals = new Map<string, number>();
  for (const [g, buckets] of groups) {
    const sorted = [...buckets].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((s, [, n]) => s + n, 0);
    totals.set(g, total);
    for (const q of QUANTILES) {
      if (!total) continue;
      const wanted = Math.floor((q * total + 99) / 100);
      let before = 0;
      for (const [b, n] of sorted) {
        if (before + n >= wanted) {
          targets.push({ g, q, b, rank: wanted - before });
          break;
        }
        before += n;
      }
    }
  }
  return { targets, totals };
}

/** The percentiles of each group from the durations of the targets' buckets. */
export function pick(targets: Target[], rows: DurationCount[]): Map<string, Percentiles> {
  const within = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const at = `${key(r.g)}\u0000${Number(r.b)}`;
    if (!within.has(at)) within.set(at, new Map());
    const values = within.get(at)!;
    values.set(Number(r.d), (values.get(Number(r.d)) ?? 0) + Number(r.n));
  }
  const out = new Map<string, Percentiles>();
  for (const t of targets) {
    if (!out.has(t.g)) out.set(t.g, { p50: null, p90: null });
    const values = [...(within.get(`${t.g}\u0000${t.b}`) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    let seen = 0;
    for (const [d, n] of values) {
      seen += n;
      if (seen >= t.rank) {
        out.get(t.g)![t.q === 50 ? 'p50' : 'p90'] = d;
        break;
      }
    }
    // Both reads see the same committed rows only within one snapshot; a duration written
    // between them can leave a target short, and then the percentile is the bucket's largest value.
    if (seen < t.rank && values.length) out.get(t.g)![t.q === 50 ? 'p50' : 'p90'] = values[values.length - 1][0];
  }
  return out;
}
