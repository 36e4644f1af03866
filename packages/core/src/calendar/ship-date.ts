import { HakobuError, ok, type Result } from '../result';
import {
  type BusinessCalendarConfigInput,
  type CalendarOptions,
  compiledCalendar,
} from './business-calendar';
import { seekOpenDay, stepBusinessDays } from './business-days';
import { type Instant, japanDayAndTime } from './japan-time';
import { fromEpochDay, minutesOfTimeOfDay, type PlainDate, type TimeOfDay } from './plain-date';

/** Options of {@link nextShipDate}. */
export interface ShipDateOptions extends CalendarOptions {
  /**
   * The same-day shipping cut-off in Japan time (当日出荷の締め時刻), `HH:mm`. An order placed before it
   * on a business day ships that day; one placed at or after it ships on the next business day.
   */
  cutoff: TimeOfDay;
  /** Business days of preparation (出荷までの営業日数) added after that first possible day. Default 0. */
  leadDays?: number;
}

/**
 * The planned ship date (出荷予定日) of an order: the order's Japan-time date when that is a business day
 * and the order came strictly before the cut-off, otherwise the next business day; then `leadDays` more
 * business days. An order at exactly the cut-off (14:00:00.000) misses it. Fails with
 * `calendar.no_business_day` when the calendar has no business day within 366 days.
 *
 * @example
 * ```ts
 * const calendar = { name: '本店出荷' };
 * nextShipDate(calendar, '2026-11-27T04:59:59Z', { cutoff: '14:00' }); // ok('2026-11-27'): 金曜 13:59:59
 * nextShipDate(calendar, '2026-11-27T05:00:00Z', { cutoff: '14:00' }); // ok('2026-11-30'): 締め後 → 月曜
 * nextShipDate(calendar, '2026-11-27T01:00:00Z', { cutoff: '14:00', leadDays: 2 }); // ok('2026-12-01')
 * ```
 */
export function nextShipDate(
  calendar: BusinessCalendarConfigInput,
  orderInstant: Date | Instant,
  options: ShipDateOptions,
): Result<PlainDate> {
  const leadDays = options.leadDays ?? 0;
  if (!Number.isInteger(leadDays) || leadDays < 0) {
    throw new HakobuError('calendar.invalid_lead_days', `leadDays must be a whole number ≥ 0: ${leadDays}`, {
      data: { leadDays },
    });
  }
  const cutoffMs = minutesOfTimeOfDay(options.cutoff) * 60_000;
  const compiled = compiledCalendar(calendar, options.holidays);
  const { epochDay, msOfDay } = japanDayAndTime(orderInstant);
  const firstDay = seekOpenDay(compiled, msOfDay < cutoffMs ? epochDay : epochDay + 1, 1);
  if (!firstDay.ok) return firstDay;
  const shipDay = stepBusinessDays(compiled, firstDay.value, leadDays);
  return shipDay.ok ? ok(fromEpochDay(shipDay.value)) : shipDay;
}
