import { z } from 'zod';
import { createIssue, fail, HakobuError, type IssuePath, ok, type Result } from '../result';
import {
  epochDayFromCivil,
  epochDayToMs,
  fromEpochDay,
  isRealDate,
  type PlainDate,
  splitMs,
  type TimeOfDay,
  toEpochDay,
} from './plain-date';

/** Japan Standard Time is UTC+9 all year: Japan has had no daylight saving time since 1951. */
const JST_OFFSET_MS = 9 * 3_600_000;

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const WALL_CLOCK = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Milliseconds since the epoch of a wall-clock reading at a fixed offset, or undefined when it does not exist. */
function wallClockToMs(wall: WallClock, offsetMs: number): number | undefined {
  if (!isRealDate(wall.year, wall.month, wall.day)) return undefined;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  const epochDay = epochDayFromCivil(wall.year, wall.month, wall.day);
  return (
    epochDayToMs(epochDay) +
    wall.hour * 3_600_000 +
    wall.minute * 60_000 +
    wall.second * 1000 +
    wall.millisecond -
    offsetMs
  );
}

function fractionToMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
}

function parseOffsetMs(offset: string): number | undefined {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(-2));
  if (hours > 23 || minutes > 59) return undefined;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Epoch milliseconds of an ISO 8601 text that carries `Z` or an offset, or undefined when it is not one. */
function parseIsoWithOffset(text: string): number | undefined {
  const match = ISO_WITH_OFFSET.exec(text);
  if (match === null) return undefined;
  const offsetMs = parseOffsetMs(match[8]!);
  if (offsetMs === undefined) return undefined;
  return wallClockToMs(
    {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      hour: Number(match[4]),
      minute: Number(match[5]),
      second: Number(match[6] ?? 0),
      millisecond: fractionToMs(match[7]),
    },
    offsetMs,
  );
}

/** Epoch milliseconds of an offset-less mall timestamp read as Japan time, or undefined when it is not one. */
function parseJapanWallClock(text: string): number | undefined {
  const match = WALL_CLOCK.exec(text);
  if (match === null) return undefined;
  return wallClockToMs(
    {
      year: Number(match[1]),
      month: Number(match[3]),
      day: Number(match[4]),
      hour: Number(match[5]),
      minute: Number(match[6]),
      second: Number(match[7] ?? 0),
      millisecond: fractionToMs(match[8]),
    },
    JST_OFFSET_MS,
  );
}

/**
 * An instant (日時) as ISO 8601 text with `Z` or an explicit offset, such as `2026-11-28T10:00:00+09:00`.
 * Text without an offset is rejected: `2026-11-28T10:00:00` could be Japan time or UTC, nine hours apart.
 * Use {@link parseInstant} to read mall timestamps that omit the offset.
 */
export const Instant = z.string().refine((text) => parseIsoWithOffset(text) !== undefined, {
  message: '日時は時差付きの ISO 8601（例: 2026-11-28T10:00:00+09:00）で指定してください',
});
/** @see {@link Instant} */
export type Instant = z.infer<typeof Instant>;

/** Epoch milliseconds of an instant given as a `Date` or an {@link Instant} string; bad input throws. */
export function instantMs(instant: Date | Instant): number {
  const ms = typeof instant === 'string' ? parseIsoWithOffset(instant) : instant.getTime();
  if (ms === undefined || Number.isNaN(ms)) {
    throw new HakobuError(
      'calendar.invalid_instant',
      `Not a valid instant (a Date, or ISO 8601 text with an offset): ${String(instant)}`,
      { data: { instant: String(instant) } },
    );
  }
  return ms;
}

/** The Japan-time day count since 1970-01-01 and milliseconds into that day of an instant. */
export function japanDayAndTime(instant: Date | Instant): { epochDay: number; msOfDay: number } {
  return splitMs(instantMs(instant) + JST_OFFSET_MS);
}

/** An instant read on a Japanese wall clock: the date, the minute, and the second. */
export interface JapanDateTime {
  /** The date in Japan (日付). */
  date: PlainDate;
  /** The time in Japan to the minute (時刻). */
  time: TimeOfDay;
  /** The seconds past `time`, 0–59; milliseconds are dropped. */
  second: number;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The date in Japan (日本時間の日付) of an instant, whatever time zone the process runs in.
 *
 * @example
 * ```ts
 * toJapanDate('2026-11-27T15:00:00Z'); // '2026-11-28' (00:00 JST)
 * toJapanDate(new Date('2026-11-27T14:59:59Z')); // '2026-11-27'
 * ```
 */
export function toJapanDate(instant: Date | Instant): PlainDate {
  return fromEpochDay(japanDayAndTime(instant).epochDay);
}

/**
 * The date and time in Japan (日本時間の日時) of an instant, whatever time zone the process runs in.
 *
 * @example
 * ```ts
 * toJapanDateTime('2026-11-28T04:59:30Z'); // { date: '2026-11-28', time: '13:59', second: 30 }
 * ```
 */
export function toJapanDateTime(instant: Date | Instant): JapanDateTime {
  const { epochDay, msOfDay } = japanDayAndTime(instant);
  const totalSeconds = Math.floor(msOfDay / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  return {
    date: fromEpochDay(epochDay),
    time: `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`,
    second: totalSeconds % 60,
  };
}

/**
 * An instant as ISO 8601 in Japan time with the `+09:00` offset, to the second (日本時間表記).
 *
 * @example
 * ```ts
 * formatInstantJst('2026-11-28T01:00:00Z'); // '2026-11-28T10:00:00+09:00'
 * ```
 */
export function formatInstantJst(instant: Date | Instant): Instant {
  const { date, time, second } = toJapanDateTime(instant);
  return `${date}T${time}:${pad2(second)}+09:00`;
}

/**
 * The instant at which a Japan-time wall clock shows `time` on `date` (日本時間の日付・時刻 → 日時).
 * `time` is `HH:mm` or `HH:mm:ss`.
 *
 * @example
 * ```ts
 * japanInstant('2026-11-28', '14:00').toISOString(); // '2026-11-28T05:00:00.000Z'
 * ```
 */
export function japanInstant(date: PlainDate, time: TimeOfDay | string): Date {
  const match = CLOCK_TIME.exec(time);
  if (match === null) {
    throw new HakobuError('calendar.invalid_time', `Not an HH:mm or HH:mm:ss time: ${JSON.stringify(time)}`, {
      data: { time },
    });
  }
  const msOfDay = Number(match[1]) * 3_600_000 + Number(match[2]) * 60_000 + Number(match[3] ?? 0) * 1000;
  return new Date(epochDayToMs(toEpochDay(date)) + msOfDay - JST_OFFSET_MS);
}

/** Options of {@link parseInstant}. */
export interface ParseInstantOptions {
  /**
   * Read text without an offset (`2026/11/28 10:00:00`, `2026-11-28 10:00:00`, `2026-11-28T10:00`) as
   * Japan time, as Japanese malls write it. Default `true`; `false` rejects such text as ambiguous.
   */
  assumeJapanTime?: boolean;
  /** The field's name in Japanese for the issue message, such as `注文日時`. Default `日時`. */
  field?: string;
  /** Where the text sits in the input, copied to the issue. */
  path?: IssuePath;
}

/**
 * Reads an instant (日時) from text: ISO 8601 with `Z` or an offset, and, unless turned off, the
 * offset-less forms of Japanese mall files (`2026/11/28 10:00:00`, `2026-11-28 10:00:00`, single-digit
 * month, day and hour allowed, seconds optional) as Japan time. Surrounding spaces are ignored.
 * Fails with `calendar.invalid_instant` for text that is no real date and time, and with
 * `calendar.instant_without_offset` for offset-less text when `assumeJapanTime` is `false`.
 *
 * @example
 * ```ts
 * const result = parseInstant('2026/11/28 10:00:00', { field: '注文日時' });
 * if (result.ok) result.value.toISOString(); // '2026-11-28T01:00:00.000Z'
 * parseInstant('2026-11-28T10:00:00Z'); // ok: 19:00 in Japan
 * ```
 */
export function parseInstant(text: string, options: ParseInstantOptions = {}): Result<Date> {
  const field = options.field ?? '日時';
  const trimmed = text.trim();
  const details = { ...(options.path === undefined ? {} : { path: options.path }), data: { value: text } };
  const withOffset = parseIsoWithOffset(trimmed);
  if (withOffset !== undefined) return ok(new Date(withOffset));
  const wallClock = parseJapanWallClock(trimmed);
  if (wallClock !== undefined) {
    if (options.assumeJapanTime ?? true) return ok(new Date(wallClock));
    return fail([
      createIssue(
        'calendar.instant_without_offset',
        `${field}「${text}」に時差（+09:00 など）がないため、日時を確定できません`,
        details,
      ),
    ]);
  }
  return fail([
    createIssue(
      'calendar.invalid_instant',
      `${field}「${text}」は日時として読めません（例: 2026/11/28 10:00:00、2026-11-28T10:00:00+09:00）`,
      details,
    ),
  ]);
}
