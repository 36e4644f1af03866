export { rakutenItemCsvColumns, readRakutenItems } from './rakuten';
export type {
  ItemKey,
  ItemRowValues,
  MallItemCounts,
  MallItemRead,
  MallItemReadOptions,
  MallItemRecord,
} from './read';
export {
  type RakutenExtraColumn,
  type RakutenItemCsvHeaders,
  type RakutenItemCsvInput,
  type RakutenItemCsvOptions,
  type RakutenItemRow,
  rakutenItemCsvHeaders,
  writeRakutenItemCsv,
  writeRakutenStockCsv,
} from './write';
export { readYahooItems, yahooItemCsvColumns } from './yahoo';
