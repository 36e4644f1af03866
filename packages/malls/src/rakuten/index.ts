export { type RakutenCsvKey, rakutenOrderCsvColumns, rakutenOrderCsvFormat } from './csv';
export { readRakutenGetOrder } from './json';
export { RAKUTEN_UNDECIDED, type RakutenReadOptions, rakutenStatusMap } from './order';
