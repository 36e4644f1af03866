import holidayJp from '@holiday-jp/holiday_jp';
import { HakobuError } from '../result';
import { type PlainDate, toEpochDay, tryEpochDay } from './plain-date';

/**
 * The source of Japanese national holidays (国民の祝日・振替休日・国民の休日), a port. The default,
 * {@link defaultHolidayProvider}, reads the data of `@holiday-jp/holiday_jp`, which matches the Cabinet
 * Office list and runs to 2050; dates after the latest official list are projections (equinox days are
 * announced each February for the next year, and laws can move holidays, as in 2020 and 2021). A host
 * that holds newer data supplies its own provider, for example with {@link createHolidayProvider}.
 *
 * Implementations must be pure: the same date always gives the same answer, since business calendars
 * cache what they compute from a provider.
 */
export interface HolidayProvider {
  /** The holiday's Japanese name on this Japan-time date (such as `元日`), or `undefined` on other days. */
  holidayName(date: PlainDate): string | undefined;
}

/**
 * A {@link HolidayProvider} over a table of dates and names, for hosts that load the Cabinet Office's
 * 祝日 CSV or their own list. Every key must be a real `YYYY-MM-DD` date and every name non-empty.
 *
 * @example
 * ```ts
 * const holidays = createHolidayProvider({ '2051-01-01': '元日' });
 * holidays.holidayName('2051-01-01'); // '元日'
 * ```
 */
export function createHolidayProvider(
  holidays: Readonly<Record<PlainDate, string>> | Iterable<readonly [PlainDate, string]>,
): HolidayProvider {
  const entries = Symbol.iterator in holidays ? [...holidays] : Object.entries(holidays);
  const names = new Map<PlainDate, string>();
  for (const [date, name] of entries) {
    if (tryEpochDay(date) === undefined || name.length === 0) {
      throw new HakobuError(
        'calendar.invalid_holiday',
        `Bad holiday entry: ${JSON.stringify([date, name])}`,
        {
          data: { date, name },
        },
      );
    }
    names.set(date, name);
  }
  return { holidayName: (date) => names.get(date) };
}

let packagedNames: Map<PlainDate, string> | undefined;

/** The package's table, read into a Map on first use: its own `isHoliday` scans every key on each call. */
function packagedHolidayNames(): Map<PlainDate, string> {
  packagedNames ??= new Map(Object.values(holidayJp.holidays).map((holiday) => [holiday.date, holiday.name]));
  return packagedNames;
}

/**
 * The default {@link HolidayProvider}: the holidays of `@holiday-jp/holiday_jp` (1970 to 2050), keyed by
 * Japan-time date strings, never by `Date` objects, so a UTC server gets the same answers as one in Tokyo.
 *
 * @example
 * ```ts
 * defaultHolidayProvider.holidayName('2026-09-22'); // '休日' (国民の休日)
 * ```
 */
export const defaultHolidayProvider: HolidayProvider = {
  holidayName: (date) => packagedHolidayNames().get(date),
};

/**
 * True when the Japan-time date is a national holiday (祝日・振替休日・国民の休日).
 *
 * @example
 * ```ts
 * isJapaneseHoliday('2026-05-06'); // true (振替休日)
 * isJapaneseHoliday('2026-05-07'); // false
 * ```
 */
export function isJapaneseHoliday(
  date: PlainDate,
  holidays: HolidayProvider = defaultHolidayProvider,
): boolean {
  // A malformed date would otherwise read silently as an ordinary day.
  toEpochDay(date);
  return holidays.holidayName(date) !== undefined;
}

/**
 * The Japanese name of the national holiday (祝日名) on the date, or `undefined` on other days.
 *
 * @example
 * ```ts
 * japaneseHolidayName('2026-01-01'); // '元日'
 * japaneseHolidayName('2026-01-02'); // undefined
 * ```
 */
export function japaneseHolidayName(
  date: PlainDate,
  holidays: HolidayProvider = defaultHolidayProvider,
): string | undefined {
  // A malformed date would otherwise read silently as an ordinary day.
  toEpochDay(date);
  return holidays.holidayName(date);
}
