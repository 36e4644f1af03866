import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import type { BusinessCalendarConfigInput } from './business-calendar';
import { isBusinessDay } from './business-days';
import { createHolidayProvider } from './holidays';
import { japanInstant, toJapanDate } from './japan-time';
import { nextShipDate } from './ship-date';

const standard: BusinessCalendarConfigInput = { name: '本店出荷' };
const withSeasons: BusinessCalendarConfigInput = {
  name: '東京倉庫',
  yearlyClosedPeriods: [
    { name: '年末年始', from: '12-29', to: '01-03' },
    { name: 'お盆', from: '08-13', to: '08-16' },
  ],
};

function shipDate(
  calendar: BusinessCalendarConfigInput,
  instant: Date | string,
  options: Parameters<typeof nextShipDate>[2] = { cutoff: '14:00' },
): string {
  const result = nextShipDate(calendar, instant, options);
  return result.ok ? result.value : result.issues.map((issue) => issue.code).join();
}

describe('nextShipDate', () => {
  it('ships the same day before the cut-off and the next business day from the cut-off on (UTC instants)', () => {
    expect(shipDate(standard, '2026-11-27T04:59:59Z')).toBe('2026-11-27'); // 金 13:59:59 JST
    expect(shipDate(standard, new Date('2026-11-27T04:59:59.999Z'))).toBe('2026-11-27');
    expect(shipDate(standard, '2026-11-27T05:00:00Z')).toBe('2026-11-30'); // 金 14:00:00 JST
    expect(shipDate(standard, '2026-11-26T05:00:00Z')).toBe('2026-11-27'); // 木 14:00 → 金
  });

  it('uses the Japan date of orders placed just after JST midnight, whatever the process time zone', () => {
    // 2026-11-29T15:30Z is Monday 00:30 in Japan but still Sunday in UTC and in Los Angeles.
    expect(shipDate(standard, '2026-11-29T15:30:00Z')).toBe('2026-11-30');
    // 2026-11-27T14:59:59Z is Friday 23:59:59 in Japan: past the cut-off, so Monday.
    expect(shipDate(standard, '2026-11-27T14:59:59Z')).toBe('2026-11-30');
  });

  it('gives the same answers after the process time zone changes under it', () => {
    const original = process.env.TZ;
    const order = new Date('2026-11-29T15:30:00Z'); // 月 00:30 in Japan
    try {
      const seen = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((zone) => {
        process.env.TZ = zone;
        return {
          localDate: order.getDate(),
          japanDate: toJapanDate(order),
          shipDate: shipDate(standard, order),
          sameDayBefore: shipDate(standard, japanInstant('2026-11-30', '13:59')),
        };
      });
      // Node applies TZ changes at once: local dates really differ between the zones…
      expect(new Set(seen.map((s) => s.localDate)).size).toBeGreaterThan(1);
      // …while every Japan-time answer stays the same.
      for (const answers of seen) {
        expect(answers).toMatchObject({
          japanDate: '2026-11-30',
          shipDate: '2026-11-30',
          sameDayBefore: '2026-11-30',
        });
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('moves orders on closed days to the next business day, whatever the time', () => {
    expect(shipDate(standard, '2026-11-28T01:00:00Z')).toBe('2026-11-30'); // 土 10:00
    expect(shipDate(standard, '2026-09-19T01:00:00Z')).toBe('2026-09-24'); // シルバーウィーク
    expect(shipDate(standard, '2026-01-01T01:00:00Z')).toBe('2026-01-02'); // 元日
    expect(shipDate(withSeasons, '2026-12-28T06:00:00Z')).toBe('2027-01-04'); // 年末年始, after the cut-off
    expect(shipDate(withSeasons, '2026-12-28T04:00:00Z')).toBe('2026-12-28');
  });

  it('adds lead days as business days after the first possible day', () => {
    expect(shipDate(standard, '2026-11-27T01:00:00Z', { cutoff: '14:00', leadDays: 2 })).toBe('2026-12-01');
    expect(shipDate(standard, '2026-11-20T06:00:00Z', { cutoff: '14:00', leadDays: 1 })).toBe('2026-11-25');
    // 金 12-25 10:00 ships that day at the earliest; +1 is 月 12-28, +2 jumps 年末年始 to 2027-01-04.
    expect(shipDate(withSeasons, '2026-12-25T01:00:00Z', { cutoff: '12:00', leadDays: 2 })).toBe(
      '2027-01-04',
    );
    expect(shipDate(withSeasons, '2026-12-25T03:00:00Z', { cutoff: '12:00', leadDays: 2 })).toBe(
      '2027-01-05',
    );
  });

  it('takes the cut-off as any HH:mm and the holiday data from the provider', () => {
    expect(shipDate(standard, '2026-11-27T02:59:59+09:00', { cutoff: '03:00' })).toBe('2026-11-27');
    expect(shipDate(standard, '2026-11-27T03:00:00+09:00', { cutoff: '03:00' })).toBe('2026-11-30');
    const holidays = createHolidayProvider({ '2026-11-27': '臨時の祝日' });
    expect(shipDate(standard, '2026-11-27T01:00:00Z', { cutoff: '14:00', holidays })).toBe('2026-11-30');
  });

  it('fails for a calendar closed every day and throws for programmer errors', () => {
    const closed = { name: '休業中', closedWeekdays: [0, 1, 2, 3, 4, 5, 6] };
    expect(shipDate(closed, '2026-11-27T01:00:00Z')).toBe('calendar.no_business_day');
    expect(() => nextShipDate(standard, '2026-11-27T01:00:00Z', { cutoff: '14:00', leadDays: -1 })).toThrow(
      HakobuError,
    );
    expect(() => nextShipDate(standard, '2026-11-27T01:00:00Z', { cutoff: '2pm' })).toThrow(HakobuError);
    expect(() => nextShipDate(standard, '2026-11-27 10:00', { cutoff: '14:00' })).toThrow(HakobuError);
  });

  it('is a business day on or after the order date, same day exactly when open and before the cut-off (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2045, 0, 1) }),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        (ms, cutoffMinutes) => {
          const cutoff = `${String(Math.floor(cutoffMinutes / 60)).padStart(2, '0')}:${String(cutoffMinutes % 60).padStart(2, '0')}`;
          const order = new Date(ms);
          const orderDate = toJapanDate(order);
          const result = nextShipDate(withSeasons, order, { cutoff });
          if (!result.ok) throw new Error('unexpected failure');
          expect(isBusinessDay(withSeasons, result.value)).toBe(true);
          expect(result.value >= orderDate).toBe(true);
          const sameDay = isBusinessDay(withSeasons, orderDate) && order < japanInstant(orderDate, cutoff);
          expect(result.value === orderDate).toBe(sameDay);
        },
      ),
    );
  });

  it('handles a batch of 100,000 orders quickly', () => {
    const start = Date.UTC(2026, 0, 1);
    const started = performance.now();
    const counts = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const result = nextShipDate(withSeasons, new Date(start + i * 317_000), {
        cutoff: '14:00',
        leadDays: 1,
      });
      if (result.ok) counts.set(result.value, (counts.get(result.value) ?? 0) + 1);
    }
    const elapsed = performance.now() - started;
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(counts.has('2027-01-01')).toBe(false);
    expect(elapsed).toBeLessThan(5_000);
  });
});
