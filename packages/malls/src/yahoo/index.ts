export { type YahooReadOptions, yahooStatus } from './order';
export {
  readYahooOrderInfo,
  YAHOO_ITEM_FIELDS,
  YAHOO_ORDER_FIELDS,
  type YahooCsvKey,
  yahooOrderCsvFormat,
} from './read';
