import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import {
  formatInstantJst,
  Instant,
  japanInstant,
  parseInstant,
  toJapanDate,
  toJapanDateTime,
} from './japan-time';

/** Instants between 1971 and 2099, to the millisecond. */
const instant = fc
  .integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms));

const tokyoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('Instant', () => {
  it('accepts ISO 8601 with Z or an offset', () => {
    for (const text of [
      '2026-11-28T10:00:00+09:00',
      '2026-11-28T01:00:00Z',
      '2026-11-28T01:00:00.123Z',
      '2026-11-28T10:00+09:00',
      '2026-11-27T20:00:00-05:00',
      '2026-11-28T10:00:00+0900',
    ]) {
      expect(Instant.safeParse(text).success, text).toBe(true);
    }
  });

  it('rejects offset-less, impossible and malformed text', () => {
    for (const text of [
      '2026-11-28T10:00:00',
      '2026/11/28 10:00:00',
      '2026-02-30T10:00:00Z',
      '2026-11-28T24:00:00Z',
      '2026-11-28T10:00:60Z',
      '2026-11-28',
      'yesterday',
    ]) {
      expect(Instant.safeParse(text).success, text).toBe(false);
    }
  });
});

describe('Japan time, whatever the process time zone', () => {
  it('puts instants near JST midnight on the right Japan date', () => {
    // 23:59:59.999 and 00:00 JST are 14:59:59.999 and 15:00 UTC: the UTC date and, under
    // America/Los_Angeles, the local date both differ from the Japan date on one side of midnight.
    expect(toJapanDate(new Date('2026-11-27T14:59:59.999Z'))).toBe('2026-11-27');
    expect(toJapanDate(new Date('2026-11-27T15:00:00.000Z'))).toBe('2026-11-28');
    expect(toJapanDate('2026-12-31T15:00:00Z')).toBe('2027-01-01');
    expect(toJapanDate('2026-12-31T23:59:59+09:00')).toBe('2026-12-31');
    expect(toJapanDate('2026-12-31T10:00:00-05:00')).toBe('2027-01-01');
  });

  it('matches Intl in Asia/Tokyo for every instant (property)', () => {
    fc.assert(
      fc.property(instant, (value) => {
        expect(toJapanDate(value)).toBe(tokyoDate.format(value));
      }),
    );
  });

  it('gives the date and minute and second in Japan', () => {
    expect(toJapanDateTime('2026-11-28T04:59:30Z')).toEqual({
      date: '2026-11-28',
      time: '13:59',
      second: 30,
    });
    expect(toJapanDateTime(new Date('2026-11-27T15:00:00Z'))).toEqual({
      date: '2026-11-28',
      time: '00:00',
      second: 0,
    });
  });

  it('formats an instant in JST with the +09:00 offset', () => {
    expect(formatInstantJst('2026-11-28T01:00:00Z')).toBe('2026-11-28T10:00:00+09:00');
    expect(formatInstantJst(new Date('2026-11-27T15:00:00.999Z'))).toBe('2026-11-28T00:00:00+09:00');
    expect(formatInstantJst('1999-12-31T23:30:00-01:00')).toBe('2000-01-01T09:30:00+09:00');
  });

  it('builds the instant of a Japan wall-clock time', () => {
    expect(japanInstant('2026-11-28', '14:00').toISOString()).toBe('2026-11-28T05:00:00.000Z');
    expect(japanInstant('2026-01-01', '00:00').toISOString()).toBe('2025-12-31T15:00:00.000Z');
    expect(japanInstant('2026-11-28', '13:59:59').toISOString()).toBe('2026-11-28T04:59:59.000Z');
    expect(() => japanInstant('2026-11-28', '25:00')).toThrow(HakobuError);
    expect(() => japanInstant('2026-11-31', '10:00')).toThrow(HakobuError);
  });

  it('throws a HakobuError for an invalid Date or offset-less text', () => {
    expect(() => toJapanDate(new Date(Number.NaN))).toThrow(HakobuError);
    expect(() => toJapanDate('2026-11-28T10:00:00')).toThrow(HakobuError);
  });

  it('has toJapanDate equal the date part of formatInstantJst, and round-trips to the second (property)', () => {
    fc.assert(
      fc.property(instant, (value) => {
        const text = formatInstantJst(value);
        expect(toJapanDate(value)).toBe(text.slice(0, 10));
        expect(Instant.safeParse(text).success).toBe(true);
        const parsed = parseInstant(text);
        expect(parsed.ok && parsed.value.getTime()).toBe(Math.floor(value.getTime() / 1000) * 1000);
        const { date, time, second } = toJapanDateTime(value);
        expect(japanInstant(date, `${time}:${String(second).padStart(2, '0')}`).getTime()).toBe(
          Math.floor(value.getTime() / 1000) * 1000,
        );
      }),
    );
  });
});

describe('parseInstant', () => {
  const iso = (text: string, options?: Parameters<typeof parseInstant>[1]) => {
    const result = parseInstant(text, options);
    return result.ok ? result.value.toISOString() : result.issues;
  };

  it('reads ISO 8601 with an offset as given', () => {
    expect(iso('2026-11-28T10:00:00+09:00')).toBe('2026-11-28T01:00:00.000Z');
    expect(iso('2026-11-28T10:00:00Z')).toBe('2026-11-28T10:00:00.000Z');
    expect(iso('2026-11-28T10:00:00.5+09:00')).toBe('2026-11-28T01:00:00.500Z');
    expect(iso(' 2026-11-28 10:00:00+09:00 ')).toBe('2026-11-28T01:00:00.000Z');
  });

  it('reads offset-less mall timestamps as Japan time', () => {
    expect(iso('2026/11/28 10:00:00')).toBe('2026-11-28T01:00:00.000Z');
    expect(iso('2026-11-28 10:00:00')).toBe('2026-11-28T01:00:00.000Z');
    expect(iso('2026-11-28T10:00:00')).toBe('2026-11-28T01:00:00.000Z');
    expect(iso('2026/1/5 9:05')).toBe('2026-01-05T00:05:00.000Z');
    expect(iso('2026/01/01 00:30:00')).toBe('2025-12-31T15:30:00.000Z');
  });

  it('rejects offset-less text when told not to assume Japan time', () => {
    const result = parseInstant('2026/11/28 10:00:00', {
      assumeJapanTime: false,
      field: '注文日時',
      path: ['orderedAt'],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'calendar.instant_without_offset',
          severity: 'error',
          message: '注文日時「2026/11/28 10:00:00」に時差（+09:00 など）がないため、日時を確定できません',
          path: ['orderedAt'],
          data: { value: '2026/11/28 10:00:00' },
        },
      ],
    });
    expect(parseInstant('2026-11-28T10:00:00+09:00', { assumeJapanTime: false }).ok).toBe(true);
  });

  it('fails with a Japanese message naming the field for text that is no real date and time', () => {
    for (const text of [
      '2026/02/30 10:00:00',
      '2026/11/28 24:00:00',
      '2026/11-28 10:00',
      '2026-11-28',
      '',
      '明日',
    ]) {
      const result = parseInstant(text, { field: '注文日時' });
      expect(result.ok, text).toBe(false);
      expect(result.issues[0]?.code).toBe('calendar.invalid_instant');
      expect(result.issues[0]?.message).toContain(`注文日時「${text}」`);
    }
    expect(parseInstant('x').issues[0]?.message).toContain('日時「x」');
  });
});
