import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldReader } from './fields';

function readerOf(value: unknown): FieldReader {
  return new FieldReader(
    () => value,
    { line: 2, record: '2行目' },
    () => '項目',
  );
}

/** The general rules the fast paths must agree with, written the plain way. */
const reference = {
  int(value: string): number | 'invalid' {
    const text = value
      .trim()
      .replace(/^[¥￥]/, '')
      .replaceAll(',', '');
    if (text === '') return 0;
    if (!/^-?\d+(\.0+)?$/.test(text)) return 'invalid';
    return Number.parseInt(text, 10);
  },
  instant(value: string): string | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\+09:?00)?$/.exec(value);
    if (match === null) return undefined;
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
    const date = new Date(Date.UTC(year as number, (month as number) - 1, day as number));
    const real =
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === (month as number) - 1 &&
      date.getUTCDate() === day;
    if (!real || (hour as number) > 23 || (minute as number) > 59 || (second as number) > 59)
      return 'invalid';
    return `${value.slice(0, 10)}T${value.slice(11, 19)}+09:00`;
  },
};

const digits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(String(max).length, '0'));

describe('FieldReader fast paths', () => {
  it('reads integers as the general rule does, for plain and decorated numbers', () => {
    const decorated = fc
      .tuple(
        fc.constantFrom('', ' ', '¥', '￥', '-', '　'),
        fc.stringMatching(/^[0-9,]{0,18}$/),
        fc.constantFrom('', '.0', '.00', ' ', 'a', '\t'),
      )
      .map(([head, body, tail]) => `${head}${body}${tail}`);
    fc.assert(
      fc.property(fc.oneof(fc.integer().map(String), decorated), (text) => {
        const reader = readerOf(text);
        const value = reader.int('amount');
        const expected = reference.int(text);
        if (expected === 'invalid') {
          expect(reader.issues.map((issue) => issue.code)).toEqual(['malls.invalid_field']);
        } else {
          expect(reader.issues).toEqual([]);
          expect(value).toBe(expected);
        }
      }),
    );
  });

  it('keeps undecided sentinels and the minimum on the fast path', () => {
    expect(readerOf('-9999').int('price', { undecided: [-9999] })).toBeNull();
    const negative = readerOf('-5');
    expect(negative.int('units', { min: 1, empty: 1 })).toBe(1);
    expect(negative.issues[0]?.message).toContain('1未満です: -5');
  });

  it('trims exactly what String.prototype.trim trims', () => {
    const edge = fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\u2028', '\u200b', 'x', '');
    fc.assert(
      fc.property(edge, fc.string(), edge, (head, body, tail) => {
        const text = `${head}${body}${tail}`;
        expect(readerOf(text).text('name')).toBe(text.trim());
      }),
    );
  });

  it('reads Japan-time instants as the general rule does', () => {
    const candidate = fc
      .tuple(
        digits(0, 9999),
        digits(0, 19),
        digits(0, 39),
        fc.constantFrom(' ', 'T', '/'),
        digits(0, 29),
        digits(0, 69),
        digits(0, 69),
        fc.constantFrom('', '+09:00', '+0900', '+09:0', 'Z'),
      )
      .map(([y, mo, d, sep, h, mi, s, offset]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${offset}`);
    fc.assert(
      fc.property(candidate, (text) => {
        const reader = readerOf(text);
        const value = reader.instant('at');
        const expected = reference.instant(text);
        if (expected === undefined || expected === 'invalid') {
          // Not the plain Japan-time shape: the general parser decides; it never yields an invalid date.
          if (value !== undefined) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
          else expect(reader.failed).toBe(true);
        } else {
          expect(value).toBe(expected);
        }
      }),
    );
  });

  it('cuts dates at the first space or T', () => {
    expect(readerOf('2026-12-01 10:00').date('d')).toBe('2026-12-01');
    expect(readerOf('2026/2/3T00:00').date('d')).toBe('2026-02-03');
    expect(readerOf('20261201').date('d')).toBe('2026-12-01');
    const bad = readerOf('2026-02-30');
    expect(bad.date('d')).toBeUndefined();
    expect(bad.failed).toBe(true);
    expect(readerOf('2028-02-29').date('d')).toBe('2028-02-29');
    expect(readerOf('2100-02-29').date('d')).toBeUndefined();
  });
});
