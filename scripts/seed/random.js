'use strict';

// A seeded PRNG (mulberry32) so every demo database is the same: screenshots, docs and bug
// reports can refer to the same customers and tickets.
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
  return { next, int, pick, some, chance };
}

module.exports = { createRandom };
