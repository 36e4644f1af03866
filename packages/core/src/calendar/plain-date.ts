import { z } from 'zod';
import { HakobuError } from '../result';

const MS_PER_DAY = 86_400_000;
const PLAIN_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_DAY_PATTERN = /^(\d{2})-(\d{2})$/;

/** Days in each month of a leap year; February 29 is checked against the year separately. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True when the month and day exist in the year (実在する日付): month 1–12, the day within that month, 29
 * February only in a leap year of the proleptic Gregorian calendar, year 1 or later.
 *
 * @example
 * ```ts
 * isRealDate(2028, 2, 29); // true
 * isRealDate(2026, 2, 29); // false
 * isRealDate(2026, 13, 1); // false
 * ```
 */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return isLeapYear(year);
  return day <= DAYS_IN_MONTH[month - 1]!;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by integer arithmetic alone, so that no `Date`
 * and no process time zone is involved.
 */
export function epochDayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of {@link epochDayFromCivil}: year, 1-based month and day of a day count since 1970-01-01. */
export function civilFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Days since 1970-01-01 of a `PlainDate`, or `undefined` when the text is not a real `YYYY-MM-DD` date. */
export function tryEpochDay(text: string): number | undefined {
  const match = PLAIN_DATE_PATTERN.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isRealDate(year, month, day) ? epochDayFromCivil(year, month, day) : undefined;
}

/** Days since 1970-01-01 of a `PlainDate`; a malformed date is a programmer error and throws. */
export function toEpochDay(date: PlainDate): number {
  const epochDay = tryEpochDay(date);
  if (epochDay === undefined) {
    throw new HakobuError('calendar.invalid_date', `Not a real YYYY-MM-DD date: ${JSON.stringify(date)}`, {
      data: { date },
    });
  }
  return epochDay;
}

/** The `PlainDate` of a day count since 1970-01-01; years outside 0001–9999 are a programmer error. */
export function fromEpochDay(epochDay: number): PlainDate {
  const { year, month, day } = civilFromEpochDay(epochDay);
  if (year < 1 || year > 9999) {
    throw new HakobuError('calendar.out_of_range', `Date outside years 0001-9999 (epoch day ${epochDay})`, {
      data: { epochDay },
    });
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Milliseconds since the Unix epoch at 00:00 UTC of a day count, for arithmetic on fixed-offset times. */
export function epochDayToMs(epochDay: number): number {
  return epochDay * MS_PER_DAY;
}

/** The day count and the milliseconds into that day of an epoch-millisecond value. */
export function splitMs(ms: number): { epochDay: number; msOfDay: number } {
  const epochDay = Math.floor(ms / MS_PER_DAY);
  return { epochDay, msOfDay: ms - epochDay * MS_PER_DAY };
}

/**
 * A calendar date without time or zone (日付), `YYYY-MM-DD`, validated as a real date (no 2026-02-30).
 * In hakobu every `PlainDate` is a date in Japan time.
 */
export const PlainDate = z.string().refine((text) => tryEpochDay(text) !== undefined, {
  message: '日付は実在する YYYY-MM-DD で指定してください',
});
/** @see {@link PlainDate} */
export type PlainDate = z.infer<typeof PlainDate>;

/** A wall-clock time of day (時刻), `HH:mm` on the 24-hour clock, 00:00–23:59. */
export const TimeOfDay = z
  .string()
  .regex(TIME_OF_DAY_PATTERN, { message: '時刻は HH:mm（00:00〜23:59）で指定してください' });
/** @see {@link TimeOfDay} */
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/**
 * A day of the year without the year (月日), `MM-DD`, for closures that recur every year such as
 * 年末年始 or お盆. `02-29` is allowed and simply does not occur in common years.
 */
export const MonthDay = z.string().refine(
  (text) => {
    const match = MONTH_DAY_PATTERN.exec(text);
    return match !== null && isRealDate(2000, Number(match[1]), Number(match[2]));
  },
  { message: '月日は実在する MM-DD で指定してください' },
);
/** @see {@link MonthDay} */
export type MonthDay = z.infer<typeof MonthDay>;

/** Minutes after midnight of a `TimeOfDay`; a malformed time is a programmer error and throws. */
export function minutesOfTimeOfDay(time: TimeOfDay): number {
  const match = TIME_OF_DAY_PATTERN.exec(time);
  if (match === null) {
    throw new HakobuError('calendar.invalid_time', `Not an HH:mm time of day: ${JSON.stringify(time)}`, {
      data: { time },
    });
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The date `days` days after `date` (負の数なら前). Pure calendar arithmetic on the string: the process
 * time zone plays no part.
 *
 * @example
 * ```ts
 * addDays('2026-12-31', 1); // '2027-01-01'
 * addDays('2024-03-01', -1); // '2024-02-29'
 * ```
 */
export function addDays(date: PlainDate, days: number): PlainDate {
  if (!Number.isInteger(days)) {
    throw new HakobuError('calendar.invalid_days', `Days must be an integer: ${days}`, { data: { days } });
  }
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The number of days from `a` to `b` (日数差): positive when `b` is later, `0` on the same date.
 *
 * @example
 * ```ts
 * diffDays('2026-12-29', '2027-01-03'); // 5
 * diffDays('2026-01-03', '2026-01-01'); // -2
 * ```
 */
export function diffDays(a: PlainDate, b: PlainDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week (曜日) of a day count since 1970-01-01, which was a Thursday. */
export function dayOfWeekOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/**
 * The day of the week (曜日) of a date: 0 = Sunday (日) … 6 = Saturday (土), as `Date#getDay`, but
 * computed from the date string alone.
 *
 * @example
 * ```ts
 * dayOfWeek('2026-11-28'); // 6 (土曜日)
 * ```
 */
export function dayOfWeek(date: PlainDate): number {
  return dayOfWeekOfEpochDay(toEpochDay(date));
}
