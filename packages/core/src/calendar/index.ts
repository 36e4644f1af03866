export {
  BusinessCalendarConfig,
  type BusinessCalendarConfigInput,
  type CalendarOptions,
  ClosedRange,
  YearlyClosedPeriod,
} from './business-calendar';
export {
  addBusinessDays,
  countBusinessDays,
  isBusinessDay,
  MAX_CLOSED_RUN,
  type NextBusinessDayOptions,
  nextBusinessDay,
} from './business-days';
export {
  createHolidayProvider,
  defaultHolidayProvider,
  type HolidayProvider,
  isJapaneseHoliday,
  japaneseHolidayName,
} from './holidays';
export {
  formatInstantJst,
  Instant,
  type JapanDateTime,
  japanInstant,
  type ParseInstantOptions,
  parseInstant,
  toJapanDate,
  toJapanDateTime,
} from './japan-time';
export { addDays, dayOfWeek, diffDays, isRealDate, MonthDay, PlainDate, TimeOfDay } from './plain-date';
export { nextShipDate, type ShipDateOptions } from './ship-date';
