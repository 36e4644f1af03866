import type { CsvColumn } from '@hakobu/core';
import {
  type ItemKey,
  type ItemLayout,
  type ItemRowValues,
  type MallItemRead,
  type MallItemReadOptions,
  readItemFile,
} from './read';

/**
 * The columns read from a Shopify product CSV export (商品CSV), by header name: the older headers first
 * (`Handle`, `Title`, `Variant SKU`, `Variant Price`, `Variant Inventory Qty`, `Variant Inventory Tracker`,
 * `Option1 Value` …) and the current ones as aliases (`URL handle`, `SKU`, `Price`, `Inventory quantity`,
 * `Inventory tracker`, `Option1 value` …). Both sets come from Shopify's help page "Using CSV files to import
 * and export products" and its older translations, and match the headers third-party tools write. The
 * inventory quantity column exists only for single-location stores (multi-location stores export stock in
 * a separate inventory CSV); without it, records simply carry no 在庫数. Headers can be renamed with the
 * `headers` option.
 */
export const shopifyItemCsvColumns: readonly CsvColumn<ItemKey>[] = [
  { key: 'itemCode', header: ['Handle', 'URL handle'], required: true },
  { key: 'name', header: 'Title' },
  { key: 'skuCode', header: ['Variant SKU', 'SKU'] },
  { key: 'option1', header: ['Option1 Value', 'Option1 value'] },
  { key: 'option2', header: ['Option2 Value', 'Option2 value'] },
  { key: 'option3', header: ['Option3 Value', 'Option3 value'] },
  { key: 'price', header: ['Variant Price', 'Price'] },
  { key: 'quantity', header: ['Variant Inventory Qty', 'Inventory quantity'] },
  { key: 'unlimited', header: ['Variant Inventory Tracker', 'Inventory tracker'] },
];

/** The option value of a product without variants (Option1 Name `Title`). */
const DEFAULT_TITLE = 'Default Title';

function optionValues(row: ItemRowValues): string[] {
  return [row.option1, row.option2, row.option3].map((value) => value.trim()).filter((value) => value !== '');
}

/** The variant's code: its SKU, else its option values as Shopify shows them (`赤 / M`), none for the only variant. */
function shopifySkuCode(row: ItemRowValues): string {
  const sku = row.skuCode.trim();
  if (sku !== '') return sku;
  const values = optionValues(row);
  return values.length === 1 && values[0] === DEFAULT_TITLE ? '' : values.join(' / ');
}

const shopifyItemLayout: ItemLayout = {
  mall: 'Shopify',
  channel: 'shopify',
  columns: shopifyItemCsvColumns,
  requireSku: false,
  lowerCaseItemCode: false,
  codeRule: { pattern: /^\S{1,255}$/u, text: '空白を含まない255文字以内です' },
  skuCodeRule: { pattern: /^[^\t\r\n]{1,255}$/u, text: 'タブや改行を含まない255文字以内です' },
  skuCodeOf: shopifySkuCode,
  // A variant row always has an option value (at least `Default Title`) and a price; a row with neither
  // and no SKU only adds an image to the product.
  extraRow: (row) =>
    row.skuCode.trim() === '' && row.price.trim() === '' && optionValues(row).length === 0
      ? '商品画像だけの行（バリエーションなし）'
      : undefined,
  // A blank tracker means Shopify does not count the variant's stock; `shopify` or a fulfillment
  // service's handle means it does.
  unlimited: { read: (value) => value === '', text: '空欄か在庫の管理元（shopify など）' },
  masterSku: (row) => row.skuCode.trim() || undefined,
  derivedSku: (itemCode, skuCode) => (skuCode === undefined ? itemCode : `${itemCode}-${skuCode}`),
};

/**
 * Reads a Shopify product CSV export into product master records and listings of `@hakobu/inventory`
 * (商品の取込). One row per variant, grouped by Handle; Title is on the first row of a Handle only and
 * names every variant. Each variant is a listing with `itemCode` = Handle and `skuCode` = Variant SKU; a
 * variant without SKU is keyed by its option values joined as Shopify shows them (`赤 / M`), and the only
 * variant of a product without options (`Default Title`) by the Handle alone. The master SKU is the
 * Variant SKU, or `Handle-options` (`skuDerived`) when it is empty. Variant Price and Variant Inventory Qty
 * are kept on the records, the quantity also as a mall quantity; a variant whose Variant Inventory Tracker is
 * blank is not stock-counted by Shopify, so it is marked `unlimited` and gets no mall quantity. Rows that
 * only add an image (Handle and image columns) are kept as `extra` records.
 *
 * Rejected with their line: a Handle with spaces, a repeated Handle + variant, a variant of a Handle that has
 * no Title anywhere, a price or quantity that is not a whole number ≥ 0 (JPY has no decimals: `1080.00` is
 * read, `1080.50` is not).
 *
 * @example
 * ```ts
 * const read = readShopifyItems(await readFile('products_export_1.csv'), { shopId: 'my-store' });
 * read.listings.map((l) => [l.itemCode, l.skuCode, l.sku]);
 * // [['organic-tee', 'TEE-RED-M', 'TEE-RED-M'], ['organic-tee', 'TEE-RED-L', 'TEE-RED-L'], ['gift-card', undefined, 'gift-card']]
 * ```
 */
export function readShopifyItems(input: string | Uint8Array, options: MallItemReadOptions): MallItemRead {
  return readItemFile(input, shopifyItemLayout, options);
}
