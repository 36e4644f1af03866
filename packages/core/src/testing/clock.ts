import type { Clock } from '../ports/clock';

/**
 * A clock that always answers the same instant.
 *
 * @example
 * ```ts
 * const clock = fixedClock('2026-11-28T10:00:00+09:00');
 * clock.now().toISOString(); // '2026-11-28T01:00:00.000Z'
 * ```
 */
export function fixedClock(instant: string | Date): Clock {
  const ms = new Date(instant).getTime();
  return { now: () => new Date(ms) };
}

/**
 * A clock that starts at `start` and moves forward by `stepMs` after each reading, for tests of ordering
 * and timeouts.
 *
 * @example
 * ```ts
 * const clock = steppingClock('2026-11-28T00:00:00Z', 1000);
 * clock.now(); // 00:00:00
 * clock.now(); // 00:00:01
 * ```
 */
export function steppingClock(start: string | Date, stepMs = 1000): Clock {
  let ms = new Date(start).getTime();
  return {
    now: () => {
      const current = new Date(ms);
      ms += stepMs;
      return current;
    },
  };
}
