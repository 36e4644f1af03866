export { amazonItemReportColumns, readAmazonItems } from './amazon';
export { eccubeItemCsvColumns, readEccubeItems } from './eccube';
export { rakutenItemCsvColumns, readRakutenItems } from './rakuten';
export type {
  ItemKey,
  ItemRowValues,
  MallItemCounts,
  MallItemRead,
  MallItemReadOptions,
  MallItemRecord,
} from './read';
export { readShopifyItems, shopifyItemCsvColumns } from './shopify';
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
export {
  writeYahooItemCsv,
  type YahooExtraColumn,
  type YahooItemCsvHeaders,
  type YahooItemCsvInput,
  type YahooItemCsvOptions,
  type YahooItemRow,
  yahooItemCsvHeaders,
} from './yahoo-write';
