import fc from 'fast-check';
import Database from 'better-sqlite3';
import { bucketOf, bucketSql, locate, pick } from '../percentiles';

/** Nearest rank over a sort of every value: what the two reads must give. */
const nearestRank = (values: number[], q: number) => (values.length ? [...values].sort((a, b) => a - b)[Math.ceil((q * values.length) / 100) - 1] : null);

/** Both reads done in memory over (group, seconds) pairs. */
function twoReads(durations: [string, number][]) {
  const counts = new Map<string, { g: string; b: number; n: number }>();
  for (const [g, d] of durations) {
    const at = `${g}/${bucketOf(d)}`;
    counts.set(at, { g, b: bucketOf(d), n: (counts.get(at)?.n ?? 0) + 1 });
  }
  const { targets } = locate([...counts.values()]);
  const wanted = new Set(targets.map((t) => `${t.g}/${t.b}`));
  return pick(targets, durations.filter(([g, d]) => wanted.has(`${g}/${bucketOf(d)}`)).map(([g, d]) => ({ g, b: bucketOf(d), d, n: 1 })));
}

describe('report percentiles in two reads', () => {
  const boundaries = [0, 1, 62, 63, 64, 65, 127, 128, 129, 3599, 3600, 86_399, 86_400, 432_000, 2 ** 20 - 1, 2 ** 20, 2 ** 35 + 12_345, 2 ** 36 - 1, 2 ** 36, 2 ** 40];

  it('puts every second below a minute in its own bucket and keeps buckets in order and narrow', () => {
    expect([0, 1, 63].map(bucketOf)).toEqual([0, 1, 63]);
    let previous = -1;
    for (let d = 0; d < 300_000; d += 1 + Math.floor(d / 500)) {
      const b = bucketOf(d);
      expect(b).toBeGreaterThanOrEqual(previous);
      previous = b;
    }
    // A bucket above a minute spans at most 1/32 of its lower end.
    expect(bucketOf(1000)).not.toBe(bucketOf(1032));
    expect(bucketOf(2 ** 36)).toBe(bucketOf(2 ** 40));
  });

  it('computes the same bucket in SQL as in JavaScript, boundaries included (SQLite here, Postgres in the API suite)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE d (seconds INTEGER)');
    const insert = db.prepare('INSERT INTO d VALUES (?)');
    const values = [...boundaries, ...Array.from({ length: 2000 }, (_, i) => Math.floor(i ** 2.3))];
    for (const v of values) insert.run(v);
    const rows = db.prepare(`SELECT seconds, ${bucketSql('seconds')} AS b FROM d`).all() as { seconds: number; b: number }[];
    for (const r of rows) expect([r.seconds, r.b]).toEqual([r.seconds, bucketOf(r.seconds)]);
    db.close();
  });

  it('gives exactly the nearest-rank median and 90th percentile of a sort of every duration, per group', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', ''), fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 3_000_000 }), fc.constantFrom(...boundaries))), { maxLength: 400 }), (durations) => {
        const got = twoReads(durations);
        for (const g of ['a', 'b', '']) {
          const values = durations.filter(([x]) => x === g).map(([, d]) => d);
          expect(got.get(g) ?? { p50: null, p90: null }).toEqual({ p50: nearestRank(values, 50), p90: nearestRank(values, 90) });
        }
      }),
      { numRuns: 300 }
    );
  });

  it('adds up the rows of one bucket that come from several parts (rollups and the live day)', () => {
    const { targets, totals } = locate([{ g: 'all', b: 5, n: 2 }, { g: 'all', b: 5, n: 1 }, { g: 'all', b: 70, n: 1 }]);
    expect(targets).toEqual([{ g: 'all', q: 50, b: 5, rank: 2 }, { g: 'all', q: 90, b: 70, rank: 1 }]);
    expect(totals).toEqual(new Map([['all', 4]]));
    expect(pick(targets, [{ g: 'all', b: 5, d: 5, n: 2 }, { g: 'all', b: 5, d: 5, n: 1 }, { g: 'all', b: 70, d: 66, n: 1 }]).get('all')).toEqual({ p50: 5, p90: 66 });
  });
});
