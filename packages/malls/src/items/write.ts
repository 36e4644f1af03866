import { type CsvCell, type CsvWritten, createIssue, type Issue, type Result } from '@hakobu/core';
import type { Listing, Product, SyncItem, SyncUpload } from '@hakobu/inventory';
import { rakutenListingProblems, rakutenStockProblems } from '../rakuten/codes';
import { type ItemFileRow, writeItemFile } from './file';

/** The row an extra column is asked about: an item's parent row, or one SKU row. */
export type RakutenItemRow =
  | { readonly kind: 'item'; readonly itemCode: string }
  | {
      readonly kind: 'sku';
      readonly itemCode: string;
      readonly listing?: Listing;
      readonly product?: Product;
      readonly item?: SyncItem;
    };

/**
 * A column the host adds to a 楽天 CSV (追加列): the RMS upload may expect columns the reference does not
 * confirm (a control column such as `コントロールカラム`, 納期管理番号 …), so they are the host's to add.
 */
export interface RakutenExtraColumn {
  readonly header: string;
  readonly value: (row: RakutenItemRow) => CsvCell;
}

/** The header names of the 楽天 item and stock CSVs, by column; each can be renamed. */
export interface RakutenItemCsvHeaders {
  readonly itemCode: string;
  readonly itemNumber: string;
  readonly name: string;
  readonly skuCode: string;
  readonly merchantSku: string;
  readonly price: string;
  readonly quantity: string;
}

/** The default headers of {@link RakutenItemCsvHeaders}: those the reference lists, plus 商品名. */
export const rakutenItemCsvHeaders: RakutenItemCsvHeaders = {
  itemCode: '商品管理番号（商品URL）',
  itemNumber: '商品番号',
  name: '商品名',
  skuCode: 'SKU管理番号',
  merchantSku: 'システム連携用SKU番号',
  price: '販売価格',
  quantity: '在庫数',
};

/** The input of {@link writeRakutenItemCsv}: the product master, its listings, prices and quantities. */
export interface RakutenItemCsvInput {
  readonly products: readonly Product[];
  /** Listings of every channel; those of the shop's 楽天 channel are written. */
  readonly listings: readonly Listing[];
  /** 販売価格 by master SKU (the product master has no price); blank when absent. */
  readonly prices?: Readonly<Record<string, number>>;
  /** 在庫数 by listing id (a `PushedState`, or a sync plan's); blank when absent. */
  readonly quantities?: Readonly<Record<string, number>>;
  /** 商品番号 by 商品管理番号; blank when absent. */
  readonly itemNumbers?: Readonly<Record<string, string>>;
}

/** Options of {@link writeRakutenItemCsv}. */
export interface RakutenItemCsvOptions {
  readonly shopId: string;
  /** Default `rakuten`. */
  readonly channel?: string;
  /** Default CP932. */
  readonly encoding?: 'cp932' | 'utf-8';
  readonly headers?: Partial<RakutenItemCsvHeaders>;
  readonly extraColumns?: readonly RakutenExtraColumn[];
  /**
   * Byte limits (全角 2 bytes): 商品名 default 255, RMS's limit (全角127文字) as given by a copy of the RMS
   * item API table and a multi-mall tool (◐). A longer value is cut and reported.
   */
  readonly maxBytes?: { readonly name?: number };
}

function headersOf(options: { readonly headers?: Partial<RakutenItemCsvHeaders> }): RakutenItemCsvHeaders {
  return { ...rakutenItemCsvHeaders, ...options.headers };
}

/**
 * Writes the basic 楽天 item CSV (商品CSV, SKU format) from the product master (商品登録: one master, every
 * mall): for each 商品管理番号 of the shop's listings, a parent row (商品管理番号（商品URL）, 商品番号, 商品名)
 * and one row per SKU (商品管理番号, SKU管理番号, システム連携用SKU番号 = the master SKU, 販売価格, 在庫数).
 * Items in order of 商品管理番号 (lower-cased, as RMS stores it), SKUs in listing order. The official column
 * spec is unconfirmed (reference/malls.md §1.8): headers can be renamed and `extraColumns` add what the
 * shop's RMS expects. The 商品名 is the first SKU's product name; SKUs with other names get a warning. A
 * listing without SKU管理番号, with an invalid code, or whose product is missing is left out with an error;
 * a 商品名 over 255 bytes is cut and characters CP932 cannot hold are substituted, each reported with its
 * file line.
 *
 * @example
 * ```ts
 * const file = writeRakutenItemCsv(
 *   { products, listings, prices: { 'SENCHA-100': 1080 } },
 *   { shopId: 'my-shop', extraColumns: [{ header: 'コントロールカラム', value: () => 'u' }] },
 * );
 * if (file.ok) await writeFile('normal-item.csv', file.value.bytes);
 * ```
 */
export function writeRakutenItemCsv(
  input: RakutenItemCsvInput,
  options: RakutenItemCsvOptions,
): Result<CsvWritten> {
  const channel = options.channel ?? 'rakuten';
  const headers = headersOf(options);
  const extras = options.extraColumns ?? [];
  const products = new Map(input.products.map((product) => [product.sku, product]));
  const issues: Issue[] = [];
  const items = new Map<string, { listing: Listing; product: Product }[]>();
  for (const listing of input.listings) {
    if (listing.channel !== channel || listing.shopId !== options.shopId) continue;
    const itemCode = listing.itemCode.toLowerCase();
    const problems = rakutenListingProblems(itemCode, listing.skuCode);
    const product = products.get(listing.sku);
    if (product === undefined) problems.push(`商品マスタにSKU「${listing.sku}」がありません`);
    if (problems.length > 0 || product === undefined) {
      issues.push(
        createIssue(
          'malls.items.invalid_listing',
          `楽天の商品対応表「${listing.id}」(${listing.itemCode} / ${listing.skuCode ?? '-'}): ${problems.join('、')}`,
          { data: { listingId: listing.id } },
        ),
      );
      continue;
    }
    const group = items.get(itemCode) ?? [];
    group.push({ listing, product });
    items.set(itemCode, group);
  }
  const columns = [
    { header: headers.itemCode },
    { header: headers.itemNumber },
    { header: headers.name, maxBytes: options.maxBytes?.name ?? 255 },
    { header: headers.skuCode },
    { header: headers.merchantSku },
    { header: headers.price },
    { header: headers.quantity },
    ...extras.map((extra) => ({ header: extra.header })),
  ];
  const rows: ItemFileRow[] = [];
  for (const itemCode of [...items.keys()].sort()) {
    const group = items.get(itemCode) ?? [];
    const name = group[0]?.product.name ?? '';
    const others = group.filter((entry) => entry.product.name !== name).map((entry) => entry.product.sku);
    if (others.length > 0)
      issues.push(
        createIssue(
          'malls.items.names_differ',
          `楽天の商品「${itemCode}」の商品名は「${name}」で書き出しました。SKU ${others.join('、')} の商品名は異なります`,
          { severity: 'warning', data: { itemCode, name, skus: others } },
        ),
      );
    const parent: RakutenItemRow = { kind: 'item', itemCode };
    rows.push({
      label: `商品「${itemCode}」`,
      cells: [
        itemCode,
        input.itemNumbers?.[itemCode] ?? '',
        name,
        '',
        '',
        '',
        '',
        ...extras.map((e) => e.value(parent)),
      ],
    });
    for (const { listing, product } of group) {
      const row: RakutenItemRow = { kind: 'sku', itemCode, listing, product };
      rows.push({
        label: `商品「${itemCode}」 SKU「${listing.skuCode}」`,
        cells: [
          itemCode,
          '',
          '',
          listing.skuCode,
          product.sku,
          input.prices?.[product.sku],
          input.quantities?.[listing.id],
          ...extras.map((e) => e.value(row)),
        ],
      });
    }
  }
  return writeItemFile('楽天', columns, rows, issues, options.encoding ?? 'cp932');
}

/**
 * Writes a 楽天 stock CSV (在庫更新CSV) from a sync upload of `@hakobu/inventory`: 商品管理番号（商品URL）,
 * SKU管理番号, 在庫数, the minimal stock file one tool uploads (◐: the official spec is unconfirmed, so the
 * headers can be renamed and `extraColumns` add 納期管理番号, リードタイム or a control column). The file
 * holds absolute quantities only, so a delta upload writes each SKU's new quantity. A listing without
 * SKU管理番号, with an invalid code, or over 99,999 is left out with an error.
 *
 * @example
 * ```ts
 * const file = writeRakutenStockCsv(upload, { extraColumns: [{ header: '在庫あり時納期管理番号', value: () => 1000 }] });
 * ```
 */
export function writeRakutenStockCsv(
  upload: SyncUpload,
  options: {
    readonly encoding?: 'cp932' | 'utf-8';
    readonly headers?: Partial<RakutenItemCsvHeaders>;
    readonly extraColumns?: readonly RakutenExtraColumn[];
  } = {},
): Result<CsvWritten> {
  const headers = headersOf(options);
  const extras = options.extraColumns ?? [];
  const issues: Issue[] = [];
  const columns = [
    headers.itemCode,
    headers.skuCode,
    headers.quantity,
    ...extras.map((extra) => extra.header),
  ];
  const rows: ItemFileRow[] = [];
  for (const item of upload.items) {
    const itemCode = item.itemCode.toLowerCase();
    const problems = rakutenStockProblems({ ...item, itemCode });
    if (problems.length > 0) {
      issues.push(
        createIssue(
          'malls.stock.invalid_listing',
          `楽天の商品対応表「${item.listingId}」(${item.itemCode} / ${item.skuCode ?? '-'}): ${problems.join('、')}`,
          { data: { listingId: item.listingId } },
        ),
      );
      continue;
    }
    const row: RakutenItemRow = { kind: 'sku', itemCode, item };
    rows.push({
      label: `商品「${itemCode}」 SKU「${item.skuCode}」`,
      cells: [itemCode, item.skuCode, item.quantity, ...extras.map((e) => e.value(row))],
    });
  }
  return writeItemFile(
    '楽天',
    columns.map((header) => ({ header })),
    rows,
    issues,
    options.encoding ?? 'cp932',
  );
}
