import type { TimeSlot } from '@hakobu/orders';

/** A shop's own time-slot wording mapped to the canonical slot (時間帯対応表), checked before the rules. */
export type TimeSlotTable = Readonly<Record<string, TimeSlot>>;

/** The result of reading a time slot: the slot and whether the wording was understood. */
export interface TimeSlotReading {
  readonly slot: TimeSlot;
  /** False when the text named a slot hakobu cannot express (e.g. 午後, 20-21時); the slot is then `none`. */
  readonly recognized: boolean;
}

const SLOTS = new Set<TimeSlot>(['12-14', '14-16', '16-18', '18-20', '19-21']);
const NONE = new Set(['', '0', 'なし', '指定なし', '希望なし', '指定しない', 'none', '-']);

/**
 * Reads a requested delivery time slot in any mall's wording (お届け時間帯): 楽天 shippingTerm codes
 * (`0`, `1` 午前, `1416` = 14–16時), BASE `0812`, and texts such as `午前中`, `14時～16時`, `14:00-16:00`,
 * `19〜21時`, `指定なし`. `table` (exact text) wins over the rules. Text naming a slot that is not one of
 * the canonical ones reads as `none` with `recognized: false`, so the reader can warn.
 *
 * @example
 * ```ts
 * readTimeSlot('1416'); // { slot: '14-16', recognized: true }
 * readTimeSlot('午前中'); // { slot: 'am', recognized: true }
 * readTimeSlot('１９時～２１時'); // { slot: '19-21', recognized: true }
 * readTimeSlot('午後'); // { slot: 'none', recognized: false }
 * ```
 */
export function readTimeSlot(text: string, table: TimeSlotTable = {}): TimeSlotReading {
  const trimmed = text.trim();
  const own = table[trimmed];
  if (own !== undefined) return { slot: own, recognized: true };
  const cached = CACHE.get(trimmed);
  if (cached !== undefined) return cached;
  const reading = readByRules(trimmed);
  // Files repeat the same few wordings on every row: remember them (bounded, so odd input cannot grow it).
  if (CACHE.size < 1000) CACHE.set(trimmed, reading);
  return reading;
}

const CACHE = new Map<string, TimeSlotReading>();

function readByRules(trimmed: string): TimeSlotReading {
  const folded = trimmed.normalize('NFKC').replace(/\s/g, '');
  if (NONE.has(folded)) return { slot: 'none', recognized: true };
  if (folded === '1' || folded.includes('午前')) return { slot: 'am', recognized: true };
  let hours: number[] = [];
  const compact = /^(\d{2})(\d{2})$/.exec(folded);
  if (compact !== null) {
    hours = [Number(compact[1]), Number(compact[2])];
  } else if (/^\d{3}$/.test(folded)) {
    hours = [Number(folded.slice(0, 1)), Number(folded.slice(1))];
  } else {
    hours = [...folded.matchAll(/(\d{1,2})(?::\d{2})?(?:時)?/g)].map((match) => Number(match[1]));
  }
  const [from, to] = hours;
  if (from !== undefined && to !== undefined) {
    if (from >= 6 && from < 12 && to === 12) return { slot: 'am', recognized: true };
    const slot = `${from}-${to}` as TimeSlot;
    if (SLOTS.has(slot)) return { slot, recognized: true };
  }
  return { slot: 'none', recognized: false };
}
