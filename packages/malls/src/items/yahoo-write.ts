import { type CsvCell, type CsvWritten, createIssue, type Issue, type Result } from '@hakobu/core';
import type { Listing, Product } from '@hakobu/inventory';
import { type ItemFileColumn, type ItemFileRow, writeItemFile } from './file';

/**
 * The header names of the Yahoo!ショッピング 商品データ CSV (data.csv) columns hakobu writes; each can be
 * renamed. ◐ The reference has no column list for data.csv (reference/malls.md §10), so only these basic
 * columns are written, each from public sources: `path`, `name`, `code`, `price` are the four columns a
 * 項目指定 upload requires (a shop blog on the ストアクリエイターPro manual, a Q&A on the upload API, and the
 * same four required parameters of the 商品登録API editItem); `price` is the 通常販売価格, one per 商品コード
 * (a price-update tool's data.csv is `code,price`); `product-category` is required since 2022-12 per the
 * change log of Yahoo's official upload format page (developer.yahoo.co.jp/webapi/shopping/upload_format.html).
 * That page also says the header row must hold exact field names and no column of one's own, so
 * `extraColumns` must be real Yahoo! field names.
 */
export interface YahooItemCsvHeaders {
  readonly path: string;
  readonly name: string;
  readonly code: string;
  readonly price: string;
  readonly productCategory: string;
}

/** The default headers of {@link YahooItemCsvHeaders}. */
export const yahooItemCsvHeaders: YahooItemCsvHeaders = {
  path: 'path',
  name: 'name',
  code: 'code',
  price: 'price',
  productCategory: 'product-category',
};

/** One data.csv row as an extra column sees it: a 商品コード and the listings and products under it. */
export interface YahooItemRow {
  readonly itemCode: string;
  readonly listings: readonly Listing[];
  readonly products: readonly Product[];
}

/**
 * A column the host adds to the data.csv (追加列), e.g. `sub-code` and `options` for 個別商品コード, whose
 * format hakobu does not write (unconfirmed), or `sale-price`.
 */
export interface YahooExtraColumn {
  readonly header: string;
  readonly value: (row: YahooItemRow) => CsvCell;
}

/** The input of {@link writeYahooItemCsv}: the product master, its listings, prices and store paths. */
export interface YahooItemCsvInput {
  readonly products: readonly Product[];
  /** Listings of every channel; those of the shop's Yahoo! channel are written. */
  readonly listings: readonly Listing[];
  /** 通常販売価格 (税込) by master SKU (the product master has no price). */
  readonly prices?: Readonly<Record<string, number>>;
  /** ストアカテゴリのパス (`path`, e.g. `日本茶:煎茶`) by 商品コード. */
  readonly paths?: Readonly<Record<string, string>>;
  /** プロダクトカテゴリ ID by 商品コード; when given, the `product-category` column is written. */
  readonly productCategories?: Readonly<Record<string, string | number>>;
}

/** Options of {@link writeYahooItemCsv}. */
export interface YahooItemCsvOptions {
  readonly shopId: string;
  /** Default `yahoo`. */
  readonly channel?: string;
  /** Default CP932. */
  readonly encoding?: 'cp932' | 'utf-8';
  readonly headers?: Partial<YahooItemCsvHeaders>;
  readonly extraColumns?: readonly YahooExtraColumn[];
  /** The `path` of items `paths` does not name. */
  readonly defaultPath?: string;
  /**
   * Byte limits (全角 2 bytes): `name` default 150 (全角75文字, the 商品名 limit two independent sources give,
   * ◐), `path` none. A longer value is cut and reported.
   */
  readonly maxBytes?: { readonly name?: number; readonly path?: number };
}

const YAHOO_CODE = /^[A-Za-z0-9-]{1,99}$/;

interface Item {
  readonly listings: Listing[];
  readonly products: Product[];
}

function groupListings(
  input: YahooItemCsvInput,
  options: YahooItemCsvOptions,
  issues: Issue[],
): Map<string, Item> {
  const channel = options.channel ?? 'yahoo';
  const products = new Map(input.products.map((product) => [product.sku, product]));
  const items = new Map<string, Item>();
  for (const listing of input.listings) {
    if (listing.channel !== channel || listing.shopId !== options.shopId) continue;
    const problems: string[] = [];
    if (!YAHOO_CODE.test(listing.itemCode)) problems.push('商品コードは半角英数字とハイフンで99文字以内です');
    const product = products.get(listing.sku);
    if (product === undefined) problems.push(`商品マスタにSKU「${listing.sku}」がありません`);
    if (problems.length > 0 || product === undefined) {
      issues.push(
        createIssue(
          'malls.items.invalid_listing',
          `Yahoo!の商品対応表「${listing.id}」(${listing.itemCode} / ${listing.skuCode ?? '-'}): ${problems.join('、')}`,
          { data: { listingId: listing.id } },
        ),
      );
      continue;
    }
    const item = items.get(listing.itemCode) ?? { listings: [], products: [] };
    item.listings.push(listing);
    if (!item.products.includes(product)) item.products.push(product);
    items.set(listing.itemCode, item);
  }
  return items;
}

/** The item's one price: the highest of its SKUs' (never undersell a SKU), with a warning when they differ. */
function itemPrice(
  itemCode: string,
  item: Item,
  input: YahooItemCsvInput,
  issues: Issue[],
): number | undefined {
  const priced = item.products.flatMap((product) => {
    const price = input.prices?.[product.sku];
    return price === undefined ? [] : [{ sku: product.sku, price }];
  });
  if (priced.length === 0) return undefined;
  const price = Math.max(...priced.map((entry) => entry.price));
  if (priced.some((entry) => entry.price !== price))
    issues.push(
      createIssue(
        'malls.items.prices_differ',
        `Yahoo!の商品「${itemCode}」は商品コードごとに価格が1つのため、SKUの価格のうち最も高い${price}円で書き出しました（${priced.map((entry) => `${entry.sku} ${entry.price}円`).join('、')}）`,
        { severity: 'warning', data: { itemCode, price, prices: priced } },
      ),
    );
  return price;
}

/**
 * Writes the basic Yahoo!ショッピング 商品データ CSV (data.csv) from the product master (商品登録: one master,
 * every mall): one row per 商品コード of the shop's listings, in code order, with `path` (from `paths`, else
 * `defaultPath`), `name` (the first listed product's name; other names get a warning), `code`, `price` (the
 * SKUs' price from `prices`; data.csv has one price per 商品コード, so differing SKU prices write the highest
 * with a warning) and, when `productCategories` is given, `product-category`. ◐ The column list is
 * unconfirmed (see {@link YahooItemCsvHeaders} for where each column comes from): headers can be renamed and
 * `extraColumns` add what the shop's upload needs. 個別商品コード (`sub-code`, `options`) are not written,
 * their format being unconfirmed: an item with sub-codes gets an `info` issue unless an extra column is
 * named `sub-code`. An item with an invalid code, without path or without price is left out with an error;
 * a `name` over 150 bytes is cut and characters CP932 cannot hold are substituted, each reported with its
 * file line. It reads back with `readYahooItems` (code, name, price).
 *
 * @example
 * ```ts
 * const file = writeYahooItemCsv(
 *   { products, listings, prices: { 'SENCHA-100': 1080 }, paths: { sencha: '日本茶:煎茶' } },
 *   { shopId: 'mystore' },
 * );
 * if (file.ok) await writeFile('data.csv', file.value.bytes); // upload as 項目指定 or 追加
 * ```
 */
export function writeYahooItemCsv(
  input: YahooItemCsvInput,
  options: YahooItemCsvOptions,
): Result<CsvWritten> {
  const headers = { ...yahooItemCsvHeaders, ...options.headers };
  const extras = options.extraColumns ?? [];
  const issues: Issue[] = [];
  const items = groupListings(input, options, issues);
  const categories = input.productCategories;
  const columns: ItemFileColumn[] = [
    options.maxBytes?.path === undefined
      ? { header: headers.path }
      : { header: headers.path, maxBytes: options.maxBytes.path },
    { header: headers.name, maxBytes: options.maxBytes?.name ?? 150 },
    { header: headers.code },
    { header: headers.price },
    ...(categories === undefined ? [] : [{ header: headers.productCategory }]),
    ...extras.map((extra) => ({ header: extra.header })),
  ];
  const rows: ItemFileRow[] = [];
  const withSubCodes: string[] = [];
  for (const itemCode of [...items.keys()].sort()) {
    const item = items.get(itemCode) as Item;
    const name = item.products[0]?.name ?? '';
    const others = item.products.filter((product) => product.name !== name).map((product) => product.sku);
    if (others.length > 0)
      issues.push(
        createIssue(
          'malls.items.names_differ',
          `Yahoo!の商品「${itemCode}」の商品名は「${name}」で書き出しました。SKU ${others.join('、')} の商品名は異なります`,
          { severity: 'warning', data: { itemCode, name, skus: others } },
        ),
      );
    const path = input.paths?.[itemCode] ?? options.defaultPath;
    const price = itemPrice(itemCode, item, input, issues);
    const problems = [
      ...(path === undefined || path === '' ? ['パス（path）がありません'] : []),
      ...(price === undefined ? ['価格（price）がありません'] : []),
    ];
    if (problems.length > 0) {
      issues.push(
        createIssue(
          'malls.items.incomplete_item',
          `Yahoo!の商品「${itemCode}」を書き出せません: ${problems.join('、')}`,
          {
            data: { itemCode, listingIds: item.listings.map((listing) => listing.id) },
          },
        ),
      );
      continue;
    }
    if (item.listings.some((listing) => listing.skuCode !== undefined)) withSubCodes.push(itemCode);
    const row: YahooItemRow = { itemCode, listings: item.listings, products: item.products };
    rows.push({
      label: `商品「${itemCode}」`,
      cells: [
        path,
        name,
        itemCode,
        price,
        ...(categories === undefined ? [] : [categories[itemCode]]),
        ...extras.map((extra) => extra.value(row)),
      ],
    });
  }
  if (withSubCodes.length > 0 && !extras.some((extra) => extra.header === 'sub-code'))
    issues.push(
      createIssue(
        'malls.items.sub_codes_not_written',
        `Yahoo!の商品 ${withSubCodes.join('、')} には個別商品コードがありますが、data.csv には書き出していません（sub-code・options の書式は未確認のため）。ストアクリエイターProで設定するか、追加列で書き出してください`,
        { severity: 'info', data: { itemCodes: withSubCodes } },
      ),
    );
  return writeItemFile('Yahoo!', columns, rows, issues, options.encoding ?? 'cp932');
}
