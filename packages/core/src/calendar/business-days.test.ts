import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { BusinessCalendarConfig, type BusinessCalendarConfigInput } from './business-calendar';
import {
  addBusinessDays,
  countBusinessDays,
  isBusinessDay,
  MAX_CLOSED_RUN,
  nextBusinessDay,
} from './business-days';
import { createHolidayProvider } from './holidays';
import { addDays } from './plain-date';

const standard: BusinessCalendarConfigInput = { name: '本店出荷' };
const withSeasons: BusinessCalendarConfigInput = {
  name: '東京倉庫',
  yearlyClosedPeriods: [
    { name: '年末年始', from: '12-29', to: '01-03' },
    { name: 'お盆', from: '08-13', to: '08-16' },
  ],
};
const closedEveryDay: BusinessCalendarConfigInput = { name: '休業中', closedWeekdays: [0, 1, 2, 3, 4, 5, 6] };

function value<T>(result: { ok: true; value: T } | { ok: false }): T | 'failed' {
  return result.ok ? result.value : 'failed';
}

describe('BusinessCalendarConfig', () => {
  it('fills in Saturday and Sunday closed, holidays closed and empty lists', () => {
    expect(BusinessCalendarConfig.parse({ name: '本店出荷' })).toEqual({
      name: '本店出荷',
      closedWeekdays: [0, 6],
      nationalHolidaysClosed: true,
      closedDates: [],
      closedRanges: [],
      yearlyClosedPeriods: [],
      extraWorkingDays: [],
    });
  });

  it('survives a JSON round trip', () => {
    const config = BusinessCalendarConfig.parse({
      ...withSeasons,
      closedDates: ['2026-10-01'],
      closedRanges: [{ from: '2026-06-01', to: '2026-06-03', name: '棚卸し' }],
      extraWorkingDays: ['2026-11-28'],
    });
    expect(BusinessCalendarConfig.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it('rejects impossible dates, reversed ranges and bad weekdays', () => {
    expect(BusinessCalendarConfig.safeParse({ name: 'x', closedDates: ['2026-02-30'] }).success).toBe(false);
    expect(
      BusinessCalendarConfig.safeParse({
        name: 'x',
        closedRanges: [{ from: '2026-06-03', to: '2026-06-01' }],
      }).success,
    ).toBe(false);
    expect(BusinessCalendarConfig.safeParse({ name: 'x', closedWeekdays: [7] }).success).toBe(false);
    expect(
      BusinessCalendarConfig.safeParse({ name: 'x', yearlyClosedPeriods: [{ from: '02-30', to: '03-01' }] })
        .success,
    ).toBe(false);
    expect(BusinessCalendarConfig.safeParse({ name: '' }).success).toBe(false);
  });

  it('throws a HakobuError when an unvalidated invalid config reaches a function', () => {
    const broken = { name: 'x', closedDates: ['2026/10/01'] };
    expect(() => isBusinessDay(broken, '2026-10-01')).toThrow(HakobuError);
    try {
      isBusinessDay(broken, '2026-10-01');
    } catch (error) {
      expect(HakobuError.isInstance(error) && error.code).toBe('calendar.invalid_config');
    }
  });
});

describe('isBusinessDay', () => {
  it('closes weekends and national holidays by default', () => {
    expect(isBusinessDay(standard, '2026-11-27')).toBe(true); // 金
    expect(isBusinessDay(standard, '2026-11-28')).toBe(false); // 土
    expect(isBusinessDay(standard, '2026-11-29')).toBe(false); // 日
    expect(isBusinessDay(standard, '2026-11-23')).toBe(false); // 勤労感謝の日（月）
    expect(isBusinessDay(standard, '2026-05-06')).toBe(false); // 振替休日
    expect(isBusinessDay(standard, '2019-05-01')).toBe(false); // 即位の日
    expect(isBusinessDay(standard, '2020-07-24')).toBe(false); // スポーツの日（五輪で移動）
    expect(isBusinessDay(standard, '2020-10-12')).toBe(true); // 移動前の体育の日は平日
  });

  it('applies closed weekdays, dates, ranges and yearly periods, and lets extra working days override them', () => {
    const calendar: BusinessCalendarConfigInput = {
      name: '倉庫',
      closedWeekdays: [0, 3],
      nationalHolidaysClosed: false,
      closedDates: ['2026-10-01'],
      closedRanges: [{ from: '2026-06-01', to: '2026-06-03', name: '棚卸し' }],
      yearlyClosedPeriods: [{ name: '年末年始', from: '12-29', to: '01-03' }],
      extraWorkingDays: ['2026-11-25', '2026-12-30', '2026-10-01', '2026-06-02'],
    };
    expect(isBusinessDay(calendar, '2026-11-28')).toBe(true); // 土 is open here
    expect(isBusinessDay(calendar, '2026-11-23')).toBe(true); // holidays not closed
    expect(isBusinessDay(calendar, '2026-11-18')).toBe(false); // 水
    expect(isBusinessDay(calendar, '2026-11-25')).toBe(true); // 水, extra working day
    expect(isBusinessDay(calendar, '2026-10-01')).toBe(true); // closed date, but extra working day
    expect(isBusinessDay(calendar, '2026-06-01')).toBe(false);
    expect(isBusinessDay(calendar, '2026-06-02')).toBe(true);
    expect(isBusinessDay(calendar, '2026-06-03')).toBe(false); // 水 and range end
    expect(isBusinessDay(calendar, '2026-06-04')).toBe(true);
    expect(isBusinessDay(calendar, '2026-12-29')).toBe(false);
    expect(isBusinessDay(calendar, '2026-12-30')).toBe(true);
    expect(isBusinessDay(calendar, '2027-01-02')).toBe(false); // 土, but 年末年始
    expect(isBusinessDay(calendar, '2027-01-04')).toBe(true);
  });

  it('uses the holiday provider it is given', () => {
    const holidays = createHolidayProvider({ '2051-01-02': '休日' });
    expect(isBusinessDay(standard, '2051-01-02', { holidays })).toBe(false);
    expect(isBusinessDay(standard, '2051-01-02')).toBe(true);
    expect(isBusinessDay(standard, '2026-01-01', { holidays })).toBe(true); // not in the host's data
  });

  it('gives the same answers for equal configs held in different objects', () => {
    const again = JSON.parse(JSON.stringify(withSeasons)) as BusinessCalendarConfigInput;
    for (let i = 0; i < 800; i++) {
      const date = addDays('2026-01-01', i);
      expect(isBusinessDay(again, date)).toBe(isBusinessDay(withSeasons, date));
    }
  });
});

describe('nextBusinessDay', () => {
  it('walks through weekend and holiday chains', () => {
    expect(value(nextBusinessDay(standard, '2026-09-18'))).toBe('2026-09-24'); // シルバーウィーク 9/19–9/23
    expect(value(nextBusinessDay(standard, '2026-05-01'))).toBe('2026-05-07'); // GW 5/2–5/6
    expect(value(nextBusinessDay(standard, '2019-04-26'))).toBe('2019-05-07'); // 2019年の10連休
    expect(value(nextBusinessDay(standard, '2026-11-20'))).toBe('2026-11-24');
  });

  it('answers the date itself only with includeToday and only when it is a business day', () => {
    expect(value(nextBusinessDay(standard, '2026-11-24', { includeToday: true }))).toBe('2026-11-24');
    expect(value(nextBusinessDay(standard, '2026-11-24'))).toBe('2026-11-25');
    expect(value(nextBusinessDay(standard, '2026-11-28', { includeToday: true }))).toBe('2026-11-30');
  });

  it('crosses the year through 年末年始 and skips お盆', () => {
    expect(value(nextBusinessDay(withSeasons, '2026-12-28'))).toBe('2027-01-04');
    expect(value(nextBusinessDay(withSeasons, '2025-12-26'))).toBe('2026-01-05');
    expect(value(nextBusinessDay(withSeasons, '2026-08-12'))).toBe('2026-08-17');
    expect(value(nextBusinessDay(standard, '2026-08-12'))).toBe('2026-08-13');
  });

  it('fails with calendar.no_business_day instead of looping on a calendar closed every day', () => {
    const result = nextBusinessDay(closedEveryDay, '2026-11-28');
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        code: 'calendar.no_business_day',
        severity: 'error',
        message: `営業日カレンダー「休業中」では 2026-11-29 から${MAX_CLOSED_RUN}日先まで営業日がありません。定休日・休業日の設定を確認してください`,
        data: { calendar: '休業中', date: '2026-11-29', searchedDays: MAX_CLOSED_RUN },
      },
    ]);
    expect(isBusinessDay(closedEveryDay, '2026-11-27')).toBe(false);
  });

  it('walks through a long closure shorter than a year', () => {
    const renovation = { name: '改装', closedRanges: [{ from: '2026-01-05', to: '2026-10-30' }] };
    expect(value(nextBusinessDay(renovation, '2026-01-02'))).toBe('2026-11-02');
  });
});

describe('addBusinessDays', () => {
  it('moves forward and backward over closed days', () => {
    expect(value(addBusinessDays(standard, '2026-11-27', 1))).toBe('2026-11-30');
    expect(value(addBusinessDays(standard, '2026-11-30', -1))).toBe('2026-11-27');
    expect(value(addBusinessDays(standard, '2026-09-18', 2))).toBe('2026-09-25');
    expect(value(addBusinessDays(standard, '2026-11-28', 1))).toBe('2026-11-30'); // from a closed day
    expect(value(addBusinessDays(standard, '2026-11-28', -1))).toBe('2026-11-27');
    expect(value(addBusinessDays(withSeasons, '2026-12-25', 3))).toBe('2027-01-05');
    expect(value(addBusinessDays(withSeasons, '2027-01-04', -1))).toBe('2026-12-28');
  });

  it('leaves the date unchanged for 0, business day or not', () => {
    expect(value(addBusinessDays(standard, '2026-11-27', 0))).toBe('2026-11-27');
    expect(value(addBusinessDays(standard, '2026-11-28', 0))).toBe('2026-11-28');
    expect(value(addBusinessDays(closedEveryDay, '2026-11-28', 0))).toBe('2026-11-28');
  });

  it('fails on a calendar closed every day and throws for a non-integer count', () => {
    expect(addBusinessDays(closedEveryDay, '2026-11-28', 1).issues[0]?.code).toBe('calendar.no_business_day');
    expect(addBusinessDays(closedEveryDay, '2026-11-28', -1).issues[0]?.message).toContain('日前まで');
    expect(() => addBusinessDays(standard, '2026-11-28', 1.5)).toThrow(HakobuError);
  });
});

describe('countBusinessDays', () => {
  it('counts (from, to]: from excluded, to included', () => {
    expect(countBusinessDays(standard, '2026-11-27', '2026-11-27')).toBe(0);
    expect(countBusinessDays(standard, '2026-11-27', '2026-11-30')).toBe(1);
    expect(countBusinessDays(standard, '2026-11-26', '2026-11-27')).toBe(1);
    expect(countBusinessDays(standard, '2026-11-27', '2026-11-29')).toBe(0);
    expect(countBusinessDays(withSeasons, '2026-12-25', '2027-01-05')).toBe(3);
    expect(countBusinessDays(standard, '2026-11-30', '2026-11-27')).toBe(-1);
    expect(countBusinessDays(closedEveryDay, '2026-01-01', '2027-01-01')).toBe(0);
    expect(countBusinessDays(standard, '2026-11-29', '2026-11-28')).toBe(0);
  });

  it('counts whole years correctly across cached blocks', () => {
    // 2026: 365 days − 104 weekend days − 17 holidays on weekdays = 244.
    expect(countBusinessDays(standard, '2025-12-31', '2026-12-31')).toBe(244);
    let naive = 0;
    for (let i = 1; i <= 3_000; i++) if (isBusinessDay(withSeasons, addDays('2020-01-01', i))) naive++;
    expect(countBusinessDays(withSeasons, '2020-01-01', addDays('2020-01-01', 3_000))).toBe(naive);
  });
});

describe('business-day properties', () => {
  const calendars = fc.constantFrom<BusinessCalendarConfigInput>(
    standard,
    withSeasons,
    { name: '日曜定休', closedWeekdays: [0], nationalHolidaysClosed: false },
    {
      name: '臨時休業あり',
      closedRanges: [{ from: '2026-03-01', to: '2026-04-15' }],
      closedDates: ['2026-07-01'],
      extraWorkingDays: ['2026-03-07', '2026-05-05'],
    },
  );
  const dates = fc.integer({ min: 0, max: 365 * 40 }).map((i) => addDays('2005-01-01', i));
  const counts = fc.integer({ min: -60, max: 60 });

  it('addBusinessDays(d, n) is a business day for n ≠ 0', () => {
    fc.assert(
      fc.property(calendars, dates, counts, (calendar, date, n) => {
        fc.pre(n !== 0);
        const result = addBusinessDays(calendar, date, n);
        expect(result.ok && isBusinessDay(calendar, result.value)).toBe(true);
      }),
    );
  });

  it('countBusinessDays(d, addBusinessDays(d, n)) === n for n ≥ 0, and the reverse count is -n', () => {
    fc.assert(
      fc.property(calendars, dates, fc.nat({ max: 60 }), (calendar, date, n) => {
        const result = addBusinessDays(calendar, date, n);
        if (!result.ok) throw new Error('unexpected failure');
        expect(countBusinessDays(calendar, date, result.value)).toBe(n);
        expect(countBusinessDays(calendar, result.value, date)).toBe(0 - n);
      }),
    );
  });

  it('stepping back n business days from a business day undoes stepping forward', () => {
    fc.assert(
      fc.property(calendars, dates, counts, (calendar, date, n) => {
        const start = nextBusinessDay(calendar, date, { includeToday: true });
        if (!start.ok) throw new Error('unexpected failure');
        const there = addBusinessDays(calendar, start.value, n);
        if (!there.ok) throw new Error('unexpected failure');
        expect(value(addBusinessDays(calendar, there.value, -n))).toBe(start.value);
      }),
    );
  });
});
