import { createIssue, fail, HakobuError, ok, type Result } from '../result';
import {
  type BusinessCalendarConfigInput,
  type CalendarOptions,
  type CompiledCalendar,
  compiledCalendar,
} from './business-calendar';
import { fromEpochDay, type PlainDate, toEpochDay } from './plain-date';

/**
 * How many closed days in a row a search walks through before it gives up: a calendar with no business
 * day in a whole year is misconfigured (every weekday closed, say), and would otherwise loop forever.
 */
export const MAX_CLOSED_RUN = 366;

/**
 * The first business day at or after (`step` 1) or at or before (`step` -1) a day count, as a day
 * count; or a `calendar.no_business_day` failure after {@link MAX_CLOSED_RUN} closed days.
 */
export function seekOpenDay(calendar: CompiledCalendar, start: number, step: 1 | -1): Result<number> {
  for (let offset = 0; offset <= MAX_CLOSED_RUN; offset++) {
    const day = start + step * offset;
    if (calendar.isOpen(day)) return ok(day);
  }
  const direction = step === 1 ? '先' : '前';
  return fail([
    createIssue(
      'calendar.no_business_day',
      `営業日カレンダー「${calendar.name}」では ${fromEpochDay(start)} から${MAX_CLOSED_RUN}日${direction}まで営業日がありません。定休日・休業日の設定を確認してください`,
      { data: { calendar: calendar.name, date: fromEpochDay(start), searchedDays: MAX_CLOSED_RUN } },
    ),
  ]);
}

/** The business day `count` business days after (or, when negative, before) a day count. */
export function stepBusinessDays(calendar: CompiledCalendar, start: number, count: number): Result<number> {
  if (!Number.isInteger(count)) {
    throw new HakobuError('calendar.invalid_days', `Business days must be an integer: ${count}`, {
      data: { count },
    });
  }
  const step = count < 0 ? -1 : 1;
  let day = start;
  for (let remaining = Math.abs(count); remaining > 0; remaining--) {
    const next = seekOpenDay(calendar, day + step, step);
    if (!next.ok) return next;
    day = next.value;
  }
  return ok(day);
}

function toDateResult(result: Result<number>): Result<PlainDate> {
  return result.ok ? ok(fromEpochDay(result.value)) : result;
}

/**
 * True when the date is a business day (営業日) of the calendar.
 *
 * @example
 * ```ts
 * const calendar = { name: '本店出荷' };
 * isBusinessDay(calendar, '2026-11-27'); // true (金曜日)
 * isBusinessDay(calendar, '2026-11-23'); // false (勤労感謝の日)
 * ```
 */
export function isBusinessDay(
  calendar: BusinessCalendarConfigInput,
  date: PlainDate,
  options: CalendarOptions = {},
): boolean {
  return compiledCalendar(calendar, options.holidays).isOpen(toEpochDay(date));
}

/** Options of {@link nextBusinessDay}. */
export interface NextBusinessDayOptions extends CalendarOptions {
  /** Answer `date` itself when it is a business day. Default `false`: the first business day after it. */
  includeToday?: boolean;
}

/**
 * The next business day (翌営業日) after `date`, or `date` itself with `includeToday` when it is one.
 * Fails with `calendar.no_business_day` when the calendar has none within 366 days.
 *
 * @example
 * ```ts
 * const calendar = { name: '本店出荷' };
 * nextBusinessDay(calendar, '2026-11-20'); // ok('2026-11-24'): 土日と勤労感謝の日（月）を越える
 * nextBusinessDay(calendar, '2026-11-24', { includeToday: true }); // ok('2026-11-24')
 * ```
 */
export function nextBusinessDay(
  calendar: BusinessCalendarConfigInput,
  date: PlainDate,
  options: NextBusinessDayOptions = {},
): Result<PlainDate> {
  const start = toEpochDay(date) + (options.includeToday ? 0 : 1);
  return toDateResult(seekOpenDay(compiledCalendar(calendar, options.holidays), start, 1));
}

/**
 * The date `count` business days after `date` (N営業日後), or before it when `count` is negative. Only
 * business days are counted, starting after (or before) `date`, so `date` itself need not be one; with
 * `count` 0 the answer is `date` unchanged, business day or not (use {@link nextBusinessDay} with
 * `includeToday` to move a closed date forward). For `count` ≠ 0 the answer is always a business day.
 *
 * @example
 * ```ts
 * const calendar = { name: '本店出荷' };
 * addBusinessDays(calendar, '2026-11-27', 1); // ok('2026-11-30'): 金曜日の1営業日後は月曜日
 * addBusinessDays(calendar, '2026-11-30', -1); // ok('2026-11-27')
 * ```
 */
export function addBusinessDays(
  calendar: BusinessCalendarConfigInput,
  date: PlainDate,
  count: number,
  options: CalendarOptions = {},
): Result<PlainDate> {
  return toDateResult(
    stepBusinessDays(compiledCalendar(calendar, options.holidays), toEpochDay(date), count),
  );
}

/**
 * The number of business days (営業日数) after `from` up to and including `to`: the interval is
 * `(from, to]`, so `from` is never counted and `to` is counted when it is a business day. This makes
 * `countBusinessDays(c, d, addBusinessDays(c, d, n))` equal `n` for every `n ≥ 0`, and the count from
 * today to a delivery date is the number of business days still to go. When `to` is before `from` the
 * answer is negative: `-countBusinessDays(c, to, from)`.
 *
 * @example
 * ```ts
 * const calendar = { name: '本店出荷' };
 * countBusinessDays(calendar, '2026-11-27', '2026-11-30'); // 1 (the Monday)
 * countBusinessDays(calendar, '2026-11-27', '2026-11-27'); // 0
 * ```
 */
export function countBusinessDays(
  calendar: BusinessCalendarConfigInput,
  from: PlainDate,
  to: PlainDate,
  options: CalendarOptions = {},
): number {
  const compiled = compiledCalendar(calendar, options.holidays);
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  // `0 -` rather than unary minus, so an empty backward interval counts 0 and not -0.
  return end >= start ? compiled.countOpenAfter(start, end) : 0 - compiled.countOpenAfter(end, start);
}
