import type { CsvColumn } from '@hakobu/core';
import {
  type ItemKey,
  type ItemLayout,
  type MallItemRead,
  type MallItemReadOptions,
  readItemFile,
} from './read';

/**
 * The columns read from a Yahoo!ショッピング item file, by default header: those of the 在庫 (quantity.csv)
 * download, which carries `name` next to `code`, `sub-code` and `quantity` (◐, from a quoted format table),
 * and `price`, the 通常販売価格 of the 商品データ CSV (data.csv, ◐: see `yahooItemCsvHeaders`), so the
 * basic data.csv written by `writeYahooItemCsv` reads back. Another export is read by naming its
 * headers in the `headers` option.
 */
export const yahooItemCsvColumns: readonly CsvColumn<ItemKey>[] = [
  { key: 'itemCode', header: 'code', required: true },
  { key: 'name', header: 'name' },
  { key: 'skuCode', header: 'sub-code' },
  { key: 'price', header: 'price' },
  { key: 'quantity', header: 'quantity' },
];

const yahooItemLayout: ItemLayout = {
  mall: 'Yahoo!',
  channel: 'yahoo',
  columns: yahooItemCsvColumns,
  requireSku: false,
  lowerCaseItemCode: false,
  codeRule: { pattern: /^[A-Za-z0-9-]{1,99}$/, text: '半角英数字とハイフンで99文字以内です' },
  masterSku: (row) => row.skuCode.trim() || row.itemCode.trim() || undefined,
  derivedSku: (itemCode, skuCode) => skuCode ?? itemCode,
};

/**
 * Reads a Yahoo!ショッピング item file into product master records and listings of `@hakobu/inventory`
 * (商品の取込). Each row with a `sub-code` (個別商品コード) is one SKU: a listing for `code` + `sub-code` and a
 * product whose master SKU is the sub-code; a row without sub-code is a sellable item of its own (listing
 * `code`, master SKU `code`), unless other rows give sub-codes for the same code, where it is the item's
 * parent row and names them. `price` and `quantity` are kept on the records, `quantity` also as mall
 * quantities for `reconcile`.
 *
 * @example
 * ```ts
 * const read = readYahooItems(await readFile('quantity.csv'), { shopId: 'mystore' });
 * for (const row of read.rejected) console.log(row.line, row.issues.map((i) => i.message));
 * ```
 */
export function readYahooItems(input: string | Uint8Array, options: MallItemReadOptions): MallItemRead {
  return readItemFile(input, yahooItemLayout, options);
}
