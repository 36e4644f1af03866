import type { CsvColumn } from '@hakobu/core';
import {
  type ItemKey,
  type ItemLayout,
  type MallItemRead,
  type MallItemReadOptions,
  readItemFile,
} from './read';

/**
 * The columns read from the Amazon listings report (出品詳細レポート / All Listings Report,
 * `GET_MERCHANT_LISTINGS_ALL_DATA`, tab-separated), by header name with the Japanese header as an alias.
 *
 * - English headers `seller-sku`, `item-name`, `price`, `quantity`, `asin1` are confirmed by Amazon's
 *   SP-API report attribute list (Inventory reports: GET_MERCHANT_LISTINGS_ALL_DATA).
 * - Japanese headers `出品者SKU`, `商品名`, `価格`, `数量` are seen in several independent third-party tools
 *   reading JP reports (◐: Amazon's own JP column list was not found). They also show that the JP `在庫数`
 *   column is `pending-quantity`, not `quantity`, so it is deliberately not an alias.
 * - The ASIN column is `asin1` in one JP header list and `ASIN 1` in two other tools (◐).
 *
 * The report lets `preferredReportDocumentLocale` choose the header language, and Amazon adds columns over
 * time, so every header can be renamed with the `headers` option.
 */
export const amazonItemReportColumns: readonly CsvColumn<ItemKey>[] = [
  { key: 'itemCode', header: ['seller-sku', '出品者SKU'], required: true },
  { key: 'name', header: ['item-name', '商品名'] },
  { key: 'price', header: ['price', '価格'] },
  { key: 'quantity', header: ['quantity', '数量'] },
  { key: 'asin', header: ['asin1', 'ASIN 1'] },
];

const amazonItemLayout: ItemLayout = {
  mall: 'Amazon',
  channel: 'amazon',
  columns: amazonItemReportColumns,
  delimiter: '\t',
  quoted: false,
  requireSku: false,
  lowerCaseItemCode: false,
  // 40 characters is the flat-file SKU limit; beyond that, anything but a tab or line break is allowed.
  codeRule: { pattern: /^[^\t\r\n]{1,40}$/u, text: 'タブや改行を含まない40文字以内です' },
  masterSku: (row) => row.itemCode.trim() || undefined,
  derivedSku: (itemCode) => itemCode,
};

/**
 * Reads an Amazon listings report (出品詳細レポート, TSV, CP932 or UTF-8) into product master records and
 * listings of `@hakobu/inventory` (商品の取込). Amazon has no parent/SKU split: each row is one SKU, its mall
 * code the 出品者SKU alone (channel `amazon`, `itemCode` = seller-sku, no `skuCode`), its master SKU the
 * seller-sku too (set `masterSku` when the shop's master codes differ). 価格 and 数量 are kept on the
 * records, the ASIN as `asin`; 数量 also becomes a mall quantity for `reconcile`. A row whose 数量 is blank
 * (an FBA listing, whose stock Amazon keeps) gets no mall quantity. The report does not quote fields, so a
 * `"` in a 商品名 stays part of it.
 *
 * Rejected with their line: an empty or over-long seller-sku, a repeated seller-sku, a row without 商品名,
 * a 価格 or 数量 that is not a whole number ≥ 0, a row with the wrong field count.
 *
 * @example
 * ```ts
 * const read = readAmazonItems(await readFile('All+Listings+Report.txt'), { shopId: 'amazon-jp' });
 * read.listings[0]; // { id: 'amazon:amazon-jp:SENCHA-100', channel: 'amazon', itemCode: 'SENCHA-100', sku: 'SENCHA-100', … }
 * read.records[0]?.asin; // 'B0EXAMPLE1'
 * ```
 */
export function readAmazonItems(input: string | Uint8Array, options: MallItemReadOptions): MallItemRead {
  return readItemFile(input, amazonItemLayout, options);
}
