'use strict';

// A seeded PRNG (mulberry32) so every demo database is the same: screenshots, docs and bug
// reports can refer to the same customers and tickets. Also what makes an interrupted seed
// resumable: a rerun draws the same values and finds the rows it already wrote.
function createRandom(seed = 20261124) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, max) => [...new Set(Array.from({ length: int(1, max) }, () => pick(list)))];
  const chance = (p) => next() < p;
  /** A key of `weights` ({ key: weight }), each as likely as its weight. */
  const weighted = (weights) => {
    const entries = Object.entries(weights);
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((r -= w) < 0) return key;
    return entries[entries.length - 1][0];
  };
  return { next, int, pick, some, chance, weighted };
}

module.exports = { createRandom };
