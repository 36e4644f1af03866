import type { IdGenerator } from '../ports/ids';

/**
 * Deterministic identifiers `<kind>_<n>` with a counter per kind, zero-padded to `width` digits so they sort.
 *
 * @example
 * ```ts
 * const ids = sequenceIdGenerator();
 * ids.newId('order'); // 'order_0001'
 * ids.newId('order'); // 'order_0002'
 * ids.newId('event'); // 'event_0001'
 * ```
 */
export function sequenceIdGenerator(width = 4): IdGenerator {
  const counters = new Map<string, number>();
  return {
    newId(kind) {
      const next = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, next);
      return `${kind}_${String(next).padStart(width, '0')}`;
    },
  };
}
