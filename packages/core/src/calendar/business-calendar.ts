import { z } from 'zod';
import { HakobuError } from '../result';
import { defaultHolidayProvider, type HolidayProvider } from './holidays';
import {
  civilFromEpochDay,
  dayOfWeekOfEpochDay,
  fromEpochDay,
  MonthDay,
  PlainDate,
  toEpochDay,
} from './plain-date';

/** A closure over consecutive dates (臨時休業期間), both ends included. */
export const ClosedRange = z
  .object({
    from: PlainDate,
    to: PlainDate,
    /** Why the shop is closed, for people reading the config (棚卸し, 倉庫移転 …). */
    name: z.string().optional(),
  })
  .refine((range) => range.from <= range.to, { message: '休業期間の開始日は終了日以前にしてください' });
/** @see {@link ClosedRange} */
export type ClosedRange = z.infer<typeof ClosedRange>;

/**
 * A closure that recurs every year (毎年の休業期間), both ends included, given as `MM-DD`. When `from` is
 * later in the year than `to`, the period crosses the new year: `{ from: '12-29', to: '01-03' }` is
 * 年末年始, closing 12-29 to 12-31 and 01-01 to 01-03 of every year.
 */
export const YearlyClosedPeriod = z.object({
  from: MonthDay,
  to: MonthDay,
  /** The period's name (年末年始, お盆 …). */
  name: z.string().optional(),
});
/** @see {@link YearlyClosedPeriod} */
export type YearlyClosedPeriod = z.infer<typeof YearlyClosedPeriod>;

/**
 * A shop's or warehouse's business calendar (営業日カレンダー) as plain, JSON-serialisable data. A date is
 * a business day (営業日) unless its weekday is closed, it is a national holiday and holidays are closed,
 * or it falls on a closed date, a closed range or a yearly closed period; an extra working day
 * (臨時営業日) is a business day whatever else says.
 *
 * Defaults: Saturday and Sunday closed, national holidays closed, nothing else.
 *
 * The functions that take a calendar compile it once and cache the result per config object, so treat a
 * config as immutable: build a new object to change it.
 */
export const BusinessCalendarConfig = z.object({
  /** The calendar's name, shown in issues (本店出荷, 東京倉庫 …). */
  name: z.string().min(1),
  /** Weekdays that are closed (定休日), 0 = Sunday … 6 = Saturday. */
  closedWeekdays: z.array(z.number().int().min(0).max(6)).default([0, 6]),
  /** Whether national holidays (祝日・振替休日・国民の休日) are closed. */
  nationalHolidaysClosed: z.boolean().default(true),
  /** Single closed dates (臨時休業日). */
  closedDates: z.array(PlainDate).default([]),
  /** Closed runs of dates. */
  closedRanges: z.array(ClosedRange).default([]),
  /** Closures that recur every year, such as 年末年始 and お盆. */
  yearlyClosedPeriods: z.array(YearlyClosedPeriod).default([]),
  /** Dates that are business days in spite of every closing rule (臨時営業日), such as a Saturday sale. */
  extraWorkingDays: z.array(PlainDate).default([]),
});
/** @see {@link BusinessCalendarConfig}; every default filled in. */
export type BusinessCalendarConfig = z.infer<typeof BusinessCalendarConfig>;
/** A {@link BusinessCalendarConfig} as written by hand or stored, where defaulted fields may be left out. */
export type BusinessCalendarConfigInput = z.input<typeof BusinessCalendarConfig>;

/** Options shared by the business-day functions. */
export interface CalendarOptions {
  /** Where national holidays come from; default {@link defaultHolidayProvider}. */
  holidays?: HolidayProvider;
}

/** Business days are computed in blocks of this many days, each once, then read from arrays. */
const BLOCK_SIZE = 512;

interface Block {
  /** 1 for a business day, 0 for a closed day, per day of the block. */
  readonly open: Uint8Array;
  /** `prefix[i]` = business days among the block's first `i` days; `prefix[BLOCK_SIZE]` is the total. */
  readonly prefix: Int32Array;
}

/** A config turned into lookups by day count since 1970-01-01. */
export interface CompiledCalendar {
  readonly name: string;
  isOpen(epochDay: number): boolean;
  /** Business days in `(from, to]`, for `from <= to`. */
  countOpenAfter(from: number, to: number): number;
}

function isInYearlyPeriod(monthDay: number, periods: readonly { from: number; to: number }[]): boolean {
  return periods.some((period) =>
    period.from <= period.to
      ? monthDay >= period.from && monthDay <= period.to
      : monthDay >= period.from || monthDay <= period.to,
  );
}

function monthDayNumber(text: MonthDay): number {
  return Number(text.slice(0, 2)) * 100 + Number(text.slice(3, 5));
}

function businessDayRule(
  config: BusinessCalendarConfig,
  holidays: HolidayProvider,
): (epochDay: number) => boolean {
  const closedWeekdays = new Set(config.closedWeekdays);
  const closedDates = new Set(config.closedDates.map(toEpochDay));
  const extraWorkingDays = new Set(config.extraWorkingDays.map(toEpochDay));
  const ranges = config.closedRanges.map((range) => ({
    from: toEpochDay(range.from),
    to: toEpochDay(range.to),
  }));
  const periods = config.yearlyClosedPeriods.map((period) => ({
    from: monthDayNumber(period.from),
    to: monthDayNumber(period.to),
  }));
  return (epochDay) => {
    if (extraWorkingDays.has(epochDay)) return true;
    if (closedWeekdays.has(dayOfWeekOfEpochDay(epochDay)) || closedDates.has(epochDay)) return false;
    if (ranges.some((range) => epochDay >= range.from && epochDay <= range.to)) return false;
    const { year, month, day } = civilFromEpochDay(epochDay);
    if (isInYearlyPeriod(month * 100 + day, periods)) return false;
    const inRange = year >= 1 && year <= 9999;
    return !(
      config.nationalHolidaysClosed &&
      inRange &&
      holidays.holidayName(fromEpochDay(epochDay)) !== undefined
    );
  };
}

function compile(config: BusinessCalendarConfig, holidays: HolidayProvider): CompiledCalendar {
  const isOpenDay = businessDayRule(config, holidays);
  const blocks = new Map<number, Block>();
  const blockAt = (index: number): Block => {
    let block = blocks.get(index);
    if (block === undefined) {
      const open = new Uint8Array(BLOCK_SIZE);
      const prefix = new Int32Array(BLOCK_SIZE + 1);
      for (let i = 0; i < BLOCK_SIZE; i++) {
        open[i] = isOpenDay(index * BLOCK_SIZE + i) ? 1 : 0;
        prefix[i + 1] = prefix[i]! + open[i]!;
      }
      block = { open, prefix };
      blocks.set(index, block);
    }
    return block;
  };
  /** Business days from the start of the day's block up to and including the day. */
  const countInBlockThrough = (epochDay: number): number => {
    const index = Math.floor(epochDay / BLOCK_SIZE);
    return blockAt(index).prefix[epochDay - index * BLOCK_SIZE + 1]!;
  };
  return {
    name: config.name,
    isOpen: (epochDay) => {
      const index = Math.floor(epochDay / BLOCK_SIZE);
      return blockAt(index).open[epochDay - index * BLOCK_SIZE] === 1;
    },
    countOpenAfter: (from, to) => {
      const fromBlock = Math.floor(from / BLOCK_SIZE);
      const toBlock = Math.floor(to / BLOCK_SIZE);
      let count = countInBlockThrough(to) - countInBlockThrough(from);
      for (let index = fromBlock; index < toBlock; index++) count += blockAt(index).prefix[BLOCK_SIZE]!;
      return count;
    },
  };
}

const compiled = new WeakMap<object, WeakMap<HolidayProvider, CompiledCalendar>>();

/**
 * The compiled form of a calendar config, built once per (config object, holiday provider) pair: batches
 * of 100,000 orders on one calendar then cost one array read per day looked at. An invalid config is a
 * programmer error (validate stored configs with {@link BusinessCalendarConfig} first) and throws.
 */
export function compiledCalendar(
  config: BusinessCalendarConfigInput,
  holidays: HolidayProvider = defaultHolidayProvider,
): CompiledCalendar {
  let byProvider = compiled.get(config);
  if (byProvider === undefined) {
    byProvider = new WeakMap();
    compiled.set(config, byProvider);
  }
  let calendar = byProvider.get(holidays);
  if (calendar === undefined) {
    const parsed = BusinessCalendarConfig.safeParse(config);
    if (!parsed.success) {
      throw new HakobuError(
        'calendar.invalid_config',
        `Invalid business calendar config: ${parsed.error.message}`,
        {
          data: { issues: parsed.error.issues },
        },
      );
    }
    calendar = compile(parsed.data, holidays);
    byProvider.set(holidays, calendar);
  }
  return calendar;
}
