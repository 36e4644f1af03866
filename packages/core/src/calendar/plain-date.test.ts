import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import {
  addDays,
  dayOfWeek,
  diffDays,
  fromEpochDay,
  isRealDate,
  MonthDay,
  PlainDate,
  TimeOfDay,
  toEpochDay,
} from './plain-date';

/** A real date between 1900 and 2100, built from UTC fields so the process time zone plays no part. */
const plainDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
  .map((epochDay) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10));

describe('PlainDate', () => {
  it('accepts real dates, including 29 February of leap years', () => {
    for (const date of ['2026-11-28', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) {
      expect(PlainDate.safeParse(date).success).toBe(true);
    }
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD, with a Japanese message', () => {
    for (const date of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '2026/01/05',
      '',
    ]) {
      expect(PlainDate.safeParse(date).success).toBe(false);
    }
    expect(PlainDate.safeParse('2026-02-30').error?.issues[0]?.message).toContain('YYYY-MM-DD');
  });
});

describe('TimeOfDay and MonthDay', () => {
  it('accepts HH:mm from 00:00 to 23:59 only', () => {
    expect(['00:00', '09:30', '14:00', '23:59'].every((t) => TimeOfDay.safeParse(t).success)).toBe(true);
    expect(['24:00', '9:00', '14:60', '14:00:00', ''].some((t) => TimeOfDay.safeParse(t).success)).toBe(
      false,
    );
  });

  it('accepts MM-DD days that exist in some year', () => {
    expect(['12-29', '01-03', '02-29', '08-13'].every((t) => MonthDay.safeParse(t).success)).toBe(true);
    expect(['02-30', '13-01', '1-3', '00-10'].some((t) => MonthDay.safeParse(t).success)).toBe(false);
  });
});

describe('addDays, diffDays, dayOfWeek', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2026-11-28', 0)).toBe('2026-11-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(diffDays('2026-12-29', '2027-01-03')).toBe(5);
    expect(diffDays('2026-01-03', '2026-01-01')).toBe(-2);
  });

  it('knows the weekday of known dates, 0 = Sunday', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2026-11-28')).toBe(6);
    expect(dayOfWeek('2026-11-29')).toBe(0);
    expect(dayOfWeek('2000-02-29')).toBe(2);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('throws a HakobuError for malformed dates and non-integer day counts', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(HakobuError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(HakobuError);
    expect(() => dayOfWeek('28/11/2026')).toThrow(HakobuError);
    expect(() => fromEpochDay(toEpochDay('9999-12-31') + 1)).toThrow(HakobuError);
  });

  it('agrees with UTC Date arithmetic (property)', () => {
    fc.assert(
      fc.property(plainDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
        if (expected.getUTCFullYear() < 1 || expected.getUTCFullYear() > 9999) return;
        expect(addDays(date, days)).toBe(expected.toISOString().slice(0, 10));
        expect(diffDays(date, addDays(date, days))).toBe(days);
        expect(dayOfWeek(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});

describe('isRealDate', () => {
  it('knows month lengths and the Gregorian leap years', () => {
    expect(isRealDate(2028, 2, 29)).toBe(true);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(2100, 2, 29)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(2026, 12, 31)).toBe(true);
    expect([
      isRealDate(2026, 0, 1),
      isRealDate(2026, 13, 1),
      isRealDate(2026, 1, 0),
      isRealDate(0, 1, 1),
    ]).toEqual([false, false, false, false]);
  });

  it('agrees with PlainDate on every day of 1900–2100 (property)', () => {
    fc.assert(
      fc.property(plainDate, (text) => {
        const [year, month, day] = text.split('-').map(Number) as [number, number, number];
        expect(isRealDate(year, month, day)).toBe(true);
        expect(isRealDate(year, month, day + 1)).toBe(
          PlainDate.safeParse(`${text.slice(0, 8)}${String(day + 1).padStart(2, '0')}`).success,
        );
      }),
    );
  });
});
