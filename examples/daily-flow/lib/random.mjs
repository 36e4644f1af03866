// A small seeded generator (mulberry32) so that the sample data is the same on every run: the demo
// never calls Math.random().

/**
 * A deterministic random source: `next()` in [0, 1), `int(n)` in [0, n), `pick(list)`, `chance(p)`.
 *
 * @param {number} seed
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[int(list.length)],
    chance: (p) => next() < p,
    /** Digits as text, `count` of them. */
    digits: (count) => Array.from({ length: count }, () => String(int(10))).join(''),
  };
}
