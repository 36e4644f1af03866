import type { CsvColumn } from '@hakobu/core';
import { RAKUTEN_CODE, RAKUTEN_CODE_TEXT } from '../rakuten/codes';
import {
  type ItemKey,
  type ItemLayout,
  type MallItemRead,
  type MallItemReadOptions,
  readItemFile,
} from './read';

/**
 * The columns read from a 楽天 item CSV (`normal-item.csv`, SKU format), by default header. The reference
 * has them only from third-party code (◐, the official column spec is unconfirmed), and `商品名` not at all,
 * so every header can be renamed with the `headers` option.
 */
export const rakutenItemCsvColumns: readonly CsvColumn<ItemKey>[] = [
  { key: 'itemCode', header: ['商品管理番号（商品URL）', '商品管理番号'], required: true },
  { key: 'itemNumber', header: '商品番号' },
  { key: 'name', header: '商品名' },
  { key: 'skuCode', header: 'SKU管理番号', required: true },
  { key: 'merchantSku', header: 'システム連携用SKU番号' },
  { key: 'price', header: '販売価格' },
  { key: 'quantity', header: '在庫数' },
];

const rakutenItemLayout: ItemLayout = {
  mall: '楽天',
  channel: 'rakuten',
  columns: rakutenItemCsvColumns,
  requireSku: true,
  lowerCaseItemCode: true,
  codeRule: { pattern: RAKUTEN_CODE, text: RAKUTEN_CODE_TEXT },
  masterSku: (row) => row.merchantSku.trim() || undefined,
  derivedSku: (itemCode, skuCode) => `${itemCode}-${skuCode ?? ''}`,
};

/**
 * Reads a 楽天 item CSV (商品CSV, SKU format) into product master records and listings of
 * `@hakobu/inventory` (商品登録の取込). A row without SKU管理番号 is an item's parent row: its 商品名 names
 * every SKU of the item; each row with SKU管理番号 is one SKU: a listing for 商品管理番号 (lower-cased, as RMS
 * stores it) + SKU管理番号, and a product whose master SKU is the システム連携用SKU番号, or
 * `商品管理番号-SKU管理番号` when that is empty (`skuDerived` on the record). 販売価格 and 在庫数 are kept on
 * the records, 在庫数 also as mall quantities for `reconcile`. CP932 or UTF-8, read by header name.
 *
 * Rejected with their line: a bad code, an item without SKU rows, a second parent row, a repeated
 * 商品管理番号 + SKU管理番号, a SKU without any 商品名, a price or quantity that is not a whole number ≥ 0.
 *
 * @example
 * ```ts
 * const read = readRakutenItems(await readFile('normal-item.csv'), { shopId: 'my-shop' });
 * read.counts; // { rows: 41, records: 40, rejected: 1, products: 32, listings: 32 }
 * const catalog = indexCatalog({ products: read.products, listings: read.listings });
 * ```
 */
export function readRakutenItems(input: string | Uint8Array, options: MallItemReadOptions): MallItemRead {
  return readItemFile(input, rakutenItemLayout, options);
}
