export { readAmazonOrders } from './json';
export { type AmazonReadOptions, amazonStatusMap } from './order';
export { type AmazonReportKey, amazonOrderReportColumns, amazonOrderReportFormat } from './tsv';
