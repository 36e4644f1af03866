import { z } from 'zod';

/** Integer yen (円), never fractional. */
export const Yen = z.number().int();
/** @see {@link Yen} */
export type Yen = z.infer<typeof Yen>;

/** A calendar date in Japan time, `YYYY-MM-DD` (日付). */
export const CalendarDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
/** @see {@link CalendarDate} */
export type CalendarDate = z.infer<typeof CalendarDate>;

/** An instant as ISO 8601 with an offset, e.g. `2026-11-28T10:00:00+09:00` (日時). */
export const Timestamp = z.iso.datetime({ offset: true });
/** @see {@link Timestamp} */
export type Timestamp = z.infer<typeof Timestamp>;

/** Consumption-tax rate in percent: 10 (標準税率) or 8 (軽減税率), 0 for non-taxable. */
export const TaxRatePercent = z.union([z.literal(10), z.literal(8), z.literal(0)]);
/** @see {@link TaxRatePercent} */
export type TaxRatePercent = z.infer<typeof TaxRatePercent>;

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
