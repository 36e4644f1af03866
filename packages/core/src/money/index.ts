export { apportion } from './apportion';
export {
  RoundingMode,
  type SummarizeTaxOptions,
  summarizeTax,
  TAX_RATES,
  TaxBreakdown,
  TaxLine,
  TaxPricing,
  TaxRate,
  TaxSummary,
  taxOf,
} from './tax';
export { type FormatYenOptions, formatYen, type ParseYenOptions, parseYen, Yen, YenStyle, yen } from './yen';
