import type { CsvColumn } from '@hakobu/core';
import {
  type ItemKey,
  type ItemLayout,
  type MallItemRead,
  type MallItemReadOptions,
  readItemFile,
} from './read';

/**
 * The columns read from the EC-CUBE 4 商品CSV (csv_type 1), by the default header labels of EC-CUBE's
 * `dtb_csv` seed (`src/Eccube/Resource/doctrine/import_csv/ja/dtb_csv.csv`): 商品ID, 商品名, 商品規格ID,
 * 規格分類1(ID), 規格分類2(ID), 商品コード, 在庫数, 在庫数無制限フラグ, 販売価格, and 商品規格表示フラグ (added
 * in 4.2, off by default in the CSV出力項目設定). Shops can turn columns off, reorder and rename them, so they
 * are read by name and can be renamed with the `headers` option.
 */
export const eccubeItemCsvColumns: readonly CsvColumn<ItemKey>[] = [
  { key: 'itemCode', header: '商品ID', required: true },
  { key: 'name', header: '商品名' },
  { key: 'skuCode', header: '商品規格ID', required: true },
  { key: 'option1', header: '規格分類1(ID)' },
  { key: 'option2', header: '規格分類2(ID)' },
  { key: 'merchantSku', header: '商品コード' },
  { key: 'price', header: '販売価格' },
  { key: 'quantity', header: '在庫数' },
  { key: 'unlimited', header: '在庫数無制限フラグ' },
  { key: 'visible', header: '商品規格表示フラグ' },
];

const eccubeItemLayout: ItemLayout = {
  mall: 'EC-CUBE',
  channel: 'eccube',
  columns: eccubeItemCsvColumns,
  requireSku: false,
  lowerCaseItemCode: false,
  codeRule: { pattern: /^\d{1,10}$/, text: '半角数字です' },
  // The 規格なし product class (no 規格分類1) is the product itself; EC-CUBE hides it once 規格 are added,
  // which makes it the parent row of the 規格 rows.
  skuCodeOf: (row) => (row.option1.trim() === '' ? '' : row.skuCode),
  // EC-CUBE writes booleans as PHP strings: `1` for true, an empty cell for false.
  extraRow: (row, present) =>
    present('visible') && (row.visible.trim() === '' || row.visible.trim() === '0')
      ? '非表示の商品規格（商品規格表示フラグが1ではありません）'
      : undefined,
  unlimited: {
    read: (value) => (value === '1' ? true : value === '' || value === '0' ? false : undefined),
    text: '1（無制限）か0または空欄',
  },
  masterSku: (row) => row.merchantSku.trim() || undefined,
  derivedSku: (itemCode, _skuCode, row) => `${itemCode}-${row.skuCode}`,
};

/**
 * Reads an EC-CUBE 4 商品CSV (商品一覧の CSV ダウンロード, one row per 商品規格) into product master records and
 * listings of `@hakobu/inventory` (商品の取込). A product without 規格 is one sellable row keyed by 商品ID
 * alone; a product with 規格 has one SKU per 商品規格 (規格分類1 set) keyed by 商品ID + 商品規格ID (the id the
 * 受注CSV carries too, stable where 商品コード is optional and not unique), and its 規格なし row, which EC-CUBE
 * hides, is the parent row. The master SKU is 商品コード, or `商品ID-商品規格ID` (`skuDerived`) when it is
 * empty. 販売価格 (EC-CUBE stores it tax excluded) and 在庫数 are kept on the records, 在庫数 also as a mall
 * quantity; 在庫数無制限フラグ = 1 marks the record `unlimited` instead of inventing a number (no mall quantity).
 * With 商品規格表示フラグ in the file, 規格 hidden in the shop (the CSV includes them) are kept as `extra`
 * records; without it they cannot be told apart, so turning the column on in the CSV出力項目設定 is advised.
 *
 * Rejected with their line: a 商品ID or 商品規格ID that is not a number, a repeated 商品規格ID, a second 規格なし
 * row beside 規格 rows, a row without 商品名, a 販売価格 or 在庫数 that is not a whole number ≥ 0 (`1080.00`
 * is read), a 在庫数無制限フラグ other than 1, 0 or blank.
 *
 * @example
 * ```ts
 * const read = readEccubeItems(await readFile('product_20260101.csv'), { shopId: 'own-site' });
 * read.records.filter((r) => r.unlimited).map((r) => r.sku); // SKUs EC-CUBE sells without a stock count
 * ```
 */
export function readEccubeItems(input: string | Uint8Array, options: MallItemReadOptions): MallItemRead {
  return readItemFile(input, eccubeItemLayout, options);
}
