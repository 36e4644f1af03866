import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import {
  createHolidayProvider,
  defaultHolidayProvider,
  isJapaneseHoliday,
  japaneseHolidayName,
} from './holidays';
import { addDays } from './plain-date';

describe('national holidays from the packaged data', () => {
  it.each([
    ['2026-01-01', '元日'],
    ['2026-05-06', 'こどもの日 振替休日'],
    ['2026-09-21', '敬老の日'],
    ['2026-09-22', '休日'],
    ['2026-09-23', '秋分の日'],
    ['2019-04-30', '休日'],
    ['2019-05-01', '休日（祝日扱い）'],
    ['2019-05-02', '休日'],
    ['2019-10-22', '休日（祝日扱い）'],
    ['2020-07-23', '海の日'],
    ['2020-07-24', 'スポーツの日'],
    ['2020-08-10', '山の日'],
    ['2021-07-22', '海の日'],
    ['2021-07-23', 'スポーツの日'],
    ['2021-08-09', '山の日 振替休日'],
    ['2050-11-23', '勤労感謝の日'],
  ])('%s is %s', (date, name) => {
    expect(japaneseHolidayName(date)).toBe(name);
    expect(isJapaneseHoliday(date)).toBe(true);
  });

  it.each([
    '2026-01-02',
    '2026-05-07',
    '2026-09-24',
    '2020-07-20', // 海の日 moved to 07-23 for the Olympics
    '2020-08-11',
    '2020-10-12', // スポーツの日 moved to 07-24
    '2021-07-19',
    '2021-08-11',
  ])('%s is an ordinary day', (date) => {
    expect(isJapaneseHoliday(date)).toBe(false);
    expect(japaneseHolidayName(date)).toBeUndefined();
  });

  it('throws for malformed dates instead of answering "not a holiday"', () => {
    expect(() => isJapaneseHoliday('2026-1-1')).toThrow(HakobuError);
    expect(() => japaneseHolidayName('2026-02-30')).toThrow(HakobuError);
  });

  it('answers 100,000 look-ups quickly, unlike the package per-call isHoliday', () => {
    let count = 0;
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) {
      if (isJapaneseHoliday(addDays('2000-01-01', i % 10_000))) count++;
    }
    expect(count).toBeGreaterThan(1_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('HolidayProvider', () => {
  it('lets a host supply newer data from a record or entries', () => {
    const fromRecord = createHolidayProvider({ '2051-01-01': '元日', '2051-01-09': '成人の日' });
    expect(isJapaneseHoliday('2051-01-01', fromRecord)).toBe(true);
    expect(japaneseHolidayName('2051-01-09', fromRecord)).toBe('成人の日');
    expect(isJapaneseHoliday('2051-01-01')).toBe(false);
    const fromEntries = createHolidayProvider(new Map([['2051-01-01', '元日']]));
    expect(fromEntries.holidayName('2051-01-01')).toBe('元日');
    expect(fromEntries.holidayName('2026-01-01')).toBeUndefined();
  });

  it('rejects bad entries as programmer errors', () => {
    expect(() => createHolidayProvider({ '2051-02-30': '休日' })).toThrow(HakobuError);
    expect(() => createHolidayProvider({ '2051-01-01': '' })).toThrow(HakobuError);
  });

  it('default provider covers 1970 to 2050', () => {
    expect(defaultHolidayProvider.holidayName('1970-01-01')).toBe('元日');
    expect(defaultHolidayProvider.holidayName('2051-01-01')).toBeUndefined();
  });
});
