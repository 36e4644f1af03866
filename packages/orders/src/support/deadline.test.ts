import { describe, expect, it } from 'vitest';
import { endOfJapanDay } from './deadline';

describe('endOfJapanDay', () => {
  it('is 00:00 JST of the next day (15:00 UTC of the day), across month, year and leap days', () => {
    expect(endOfJapanDay('2026-12-01').toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(endOfJapanDay('2026-12-31').toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(endOfJapanDay('2028-02-28').getTime()).toBe(Date.parse('2028-02-29T00:00:00+09:00'));
    expect(endOfJapanDay('2028-02-29').getTime()).toBe(Date.parse('2028-03-01T00:00:00+09:00'));
  });
});
