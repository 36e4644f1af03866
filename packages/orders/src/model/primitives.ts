import { Yen as CoreYen, Instant, PlainDate, TaxRate } from '@hakobu/core';
import { z } from 'zod';

/** Integer yen (円), never fractional: `Yen` of `@hakobu/core`, re-exported under the same name. */
export const Yen = CoreYen;
/** @see {@link Yen} */
export type Yen = CoreYen;

/**
 * A calendar date in Japan time, `YYYY-MM-DD` (日付): `PlainDate` of `@hakobu/core` (a real date, so
 * `2026-02-30` is refused), under the name orders has always used.
 */
export const CalendarDate = PlainDate;
/** @see {@link CalendarDate} */
export type CalendarDate = PlainDate;

/**
 * An instant as ISO 8601 with `Z` or an offset, e.g. `2026-11-28T10:00:00+09:00` (日時): `Instant` of
 * `@hakobu/core`, under the name orders has always used.
 */
export const Timestamp = Instant;
/** @see {@link Timestamp} */
export type Timestamp = Instant;

/**
 * Consumption-tax rate in percent: 10 (標準税率) or 8 (軽減税率), 0 for non-taxable: `TaxRate` of
 * `@hakobu/core`, under the name orders has always used.
 */
export const TaxRatePercent = TaxRate;
/** @see {@link TaxRatePercent} */
export type TaxRatePercent = TaxRate;

/** Temperature zone (温度帯): 常温 `ambient`, 冷蔵 `chilled`, 冷凍 `frozen`. */
export const TemperatureZone = z.enum(['ambient', 'chilled', 'frozen']);
/** @see {@link TemperatureZone} */
export type TemperatureZone = z.infer<typeof TemperatureZone>;

/** Japanese labels of {@link TemperatureZone}. */
export const temperatureZoneLabels: Readonly<Record<TemperatureZone, string>> = {
  ambient: '常温',
  chilled: '冷蔵',
  frozen: '冷凍',
};

/**
 * Requested delivery time slot (お届け時間帯) as the carrier code most malls use: `am` (午前中), `12-14`,
 * `14-16`, `16-18`, `18-20`, `19-21`, or `none` (指定なし).
 */
export const TimeSlot = z.enum(['none', 'am', '12-14', '14-16', '16-18', '18-20', '19-21']);
/** @see {@link TimeSlot} */
export type TimeSlot = z.infer<typeof TimeSlot>;
