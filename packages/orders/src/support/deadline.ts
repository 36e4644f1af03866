import { addDays, japanInstant, type PlainDate } from '@hakobu/core';

/**
 * The end of a Japan-time day (日本時間の当日末): the instant 00:00 JST of the next day, as an exclusive
 * bound. Something valid "until 2026-12-01" is valid while `now < endOfJapanDay('2026-12-01')`, that is
 * through 23:59:59.999 JST, whatever time zone the host runs in.
 *
 * @example
 * ```ts
 * endOfJapanDay('2026-12-01').toISOString(); // '2026-12-01T15:00:00.000Z' (2026-12-02 00:00 JST)
 * ```
 */
export function endOfJapanDay(date: PlainDate): Date {
  return japanInstant(addDays(date, 1), '00:00');
}
