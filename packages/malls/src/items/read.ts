import {
  type CsvColumn,
  type CsvDelimiter,
  type CsvRecord,
  createIssue,
  type Issue,
  readCsv,
  type TextEncoding,
} from '@hakobu/core';
import type { Listing, MallCode, MallQuantity, Product, TemperatureZone } from '@hakobu/inventory';
import { FieldReader } from '../pipeline/fields';
import type { RejectedRecord } from '../pipeline/result';

/**
 * A column of a mall item file, as the item readers name them. `option1`–`option3` are a SKU's variation
 * values (Shopify Option1–3 Value, EC-CUBE 規格分類1/2(ID)); `unlimited` is a stock-count-off flag (EC-CUBE
 * 在庫数無制限フラグ, Shopify Variant Inventory Tracker); `visible` is EC-CUBE's 商品規格表示フラグ.
 */
export type ItemKey =
  | 'itemCode'
  | 'itemNumber'
  | 'name'
  | 'skuCode'
  | 'merchantSku'
  | 'price'
  | 'quantity'
  | 'asin'
  | 'option1'
  | 'option2'
  | 'option3'
  | 'unlimited'
  | 'visible';

/** The text of one item row, by {@link ItemKey} (`''` for a column the file does not have). */
export type ItemRowValues = Readonly<Record<ItemKey, string>>;

/**
 * One accepted row of a mall item file (商品ファイルの1行). An `item` row is an item's parent row (商品行: its
 * name, no SKU of its own); a `sku` row is one sellable SKU and made a product and a listing; an `extra` row
 * belongs to an item but lists nothing (a Shopify image row, an EC-CUBE 規格 hidden in the shop), with the
 * reason in `note`.
 */
export interface MallItemRecord {
  readonly line: number;
  readonly kind: 'item' | 'sku' | 'extra';
  readonly mallCode: MallCode;
  /** The master SKU of a `sku` row. */
  readonly sku?: string;
  /** `true` when the master SKU was built from the mall codes because the row had no merchant SKU. */
  readonly skuDerived?: boolean;
  readonly name: string;
  /** 商品番号 (楽天), when the file has it. */
  readonly itemNumber?: string;
  /** 販売価格 in yen, when the file has it. */
  readonly price?: number;
  /** 在庫数, when the file has it. */
  readonly quantity?: number;
  /**
   * `true` when the mall sells the SKU without counting stock (EC-CUBE 在庫数無制限, a Shopify variant whose
   * inventory is not tracked): no 在庫数 is read for it and it has no mall quantity.
   */
  readonly unlimited?: true;
  /** The ASIN (Amazon), when the file has it. */
  readonly asin?: string;
  /** Why an `extra` row lists nothing, in Japanese. */
  readonly note?: string;
}

/** Counts of an item read: `rows === records + rejected`. */
export interface MallItemCounts {
  rows: number;
  records: number;
  rejected: number;
  products: number;
  listings: number;
}

/**
 * The result of an item file read (商品ファイル取込結果): product master records and listings for
 * `indexCatalog` of `@hakobu/inventory`, the mall quantities for `reconcile`, every accepted row, every
 * rejected row with its line and reasons, file-level issues and counts.
 */
export interface MallItemRead {
  /** One product per master SKU, in file order. */
  readonly products: Product[];
  /** One listing per mall code, in file order. */
  readonly listings: Listing[];
  /** The 在庫数 of every listing row that has one. */
  readonly quantities: MallQuantity[];
  readonly records: MallItemRecord[];
  readonly rejected: RejectedRecord[];
  /** File-level issues (encoding, header) and warnings on accepted rows. */
  readonly issues: Issue[];
  readonly counts: MallItemCounts;
}

/** Options every item reader takes. */
export interface MallItemReadOptions {
  /** The shop's id in hakobu (店舗ID), part of every mall code. */
  readonly shopId: string;
  /** The channel of the mall codes; default the mall's (`rakuten`, `yahoo`, `amazon`, `shopify`, `eccube`). */
  readonly channel?: string;
  /** 温度帯 of the products, or a function of the record; default `ambient` (item files do not say). */
  readonly temperatureZone?: TemperatureZone | ((record: MallItemRecord) => TemperatureZone);
  /** The id of a new listing; default `channel:shopId:itemCode[:skuCode]`, stable across re-imports. */
  readonly listingId?: (code: MallCode) => string;
  /** The master SKU of a row; default the mall's rule (see each reader). */
  readonly masterSku?: (row: ItemRowValues) => string | undefined;
  /** Header names by key when the shop's file differs from the defaults (aliases allowed). */
  readonly headers?: Partial<Readonly<Record<ItemKey, string | readonly string[]>>>;
  /** Byte input encoding; default detected (CP932 or UTF-8). */
  readonly encoding?: TextEncoding | 'auto';
}

/** A rule mall codes must follow, and its wording in messages (`は…です`). */
export interface CodeRule {
  readonly pattern: RegExp;
  readonly text: string;
}

/** What makes one mall's item file: its columns, code rules and row rules. */
export interface ItemLayout {
  /** The mall as named in messages (`楽天`, `Yahoo!`). */
  readonly mall: string;
  readonly channel: string;
  readonly columns: readonly CsvColumn<ItemKey>[];
  /** Field separator; default `,`. */
  readonly delimiter?: CsvDelimiter;
  /** `false` for tab-separated reports that never quote (Amazon): a `"` is then part of the value. */
  readonly quoted?: boolean;
  /** Every item needs SKU rows (楽天 SKU format); otherwise a row without sub-code is itself sellable. */
  readonly requireSku: boolean;
  /** RMS stores 商品管理番号 in lower case. */
  readonly lowerCaseItemCode: boolean;
  readonly codeRule: CodeRule;
  /** The rule of SKU codes when it differs from the item code's. */
  readonly skuCodeRule?: CodeRule;
  /**
   * The mall's SKU code of a row when it is not the skuCode column as written (Shopify: the option values
   * when Variant SKU is empty), `''` for none; default the skuCode column.
   */
  readonly skuCodeOf?: (row: ItemRowValues) => string;
  /**
   * Why a row lists nothing although it belongs to an item (a Shopify image row, an EC-CUBE 規格 hidden in
   * the shop), or `undefined` for a row that does. `present` tells whether the file has a column.
   */
  readonly extraRow?: (row: ItemRowValues, present: (key: ItemKey) => boolean) => string | undefined;
  /**
   * Reads the `unlimited` column when the file has it: `true` (the mall counts no stock), `false`, or
   * `undefined` for a value the mall does not write; `text` names the allowed values in messages.
   */
  readonly unlimited?: { readonly read: (value: string) => boolean | undefined; readonly text: string };
  /** The master SKU when the row names none: built from the mall codes. */
  readonly masterSku: (row: ItemRowValues) => string | undefined;
  readonly derivedSku: (itemCode: string, skuCode: string | undefined, row: ItemRowValues) => string;
}

function labelsOf(columns: readonly CsvColumn<ItemKey>[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const column of columns) {
    if ('header' in column)
      labels.set(
        column.key,
        typeof column.header === 'string' ? column.header : (column.header[0] ?? column.key),
      );
  }
  return labels;
}

/** The layout's columns with the shop's header names in place of the defaults. */
export function withHeaders(
  columns: readonly CsvColumn<ItemKey>[],
  headers: MallItemReadOptions['headers'],
): CsvColumn<ItemKey>[] {
  const out: CsvColumn<ItemKey>[] = columns.map((column) => {
    const header = headers?.[column.key];
    return header === undefined || !('header' in column) ? column : { ...column, header };
  });
  for (const key of Object.keys(headers ?? {}) as ItemKey[]) {
    const header = headers?.[key];
    if (header !== undefined && !out.some((column) => column.key === key)) out.push({ key, header });
  }
  return out;
}

function defaultListingId(code: MallCode): string {
  return [
    code.channel,
    code.shopId,
    code.itemCode,
    ...(code.skuCode === undefined ? [] : [code.skuCode]),
  ].join(':');
}

interface Row {
  readonly line: number;
  /** Every key, `''` for a column the layout or the file does not have. */
  readonly values: ItemRowValues;
  readonly itemCode: string;
  readonly skuCode: string;
  /** Why the row lists nothing (see {@link ItemLayout.extraRow}). */
  readonly extra: string | undefined;
}

const EMPTY: ItemRowValues = {
  itemCode: '',
  itemNumber: '',
  name: '',
  skuCode: '',
  merchantSku: '',
  price: '',
  quantity: '',
  asin: '',
  option1: '',
  option2: '',
  option3: '',
  unlimited: '',
  visible: '',
};

/**
 * Reads a mall item file with a layout (商品ファイル取込): one generic reader, the mall differences being data
 * of {@link ItemLayout}. Rows without a SKU code are an item's parent row when SKU rows share their item code
 * (always, when the layout requires SKUs); a SKU row without item code takes the one of the row above; a SKU
 * row without name takes its parent row's, or else the first name given for its item (Shopify writes Title
 * on the first row only). Rows the layout marks as listing nothing are kept as `extra` records. Every bad
 * row is rejected with its line and reasons; nothing is dropped silently (`rows === records + rejected`).
 */
export function readItemFile(
  input: string | Uint8Array,
  layout: ItemLayout,
  options: MallItemReadOptions,
): MallItemRead {
  const columns = withHeaders(layout.columns, options.headers);
  const encoding = options.encoding ?? 'auto';
  const csv = readCsv(input, {
    columns,
    encoding,
    keepRaw: false,
    delimiter: layout.delimiter ?? ',',
    quoted: layout.quoted ?? true,
  });
  const labels = labelsOf(columns);
  const missing = new Set<string>(csv.missingColumns);
  const found = new Set(columns.map((column) => column.key).filter((key) => !missing.has(key)));
  const present = (key: ItemKey): boolean => found.has(key);
  const rejected: RejectedRecord[] = csv.rejected.map((row) => ({ line: row.line, issues: row.issues }));
  const rows = inheritItemCodes(csv.records, layout, present);
  const parents = new Map<string, Row>();
  const skuCount = new Map<string, number>();
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = row.values.name.trim();
    if (name !== '' && !names.has(row.itemCode)) names.set(row.itemCode, name);
    if (row.extra !== undefined) continue;
    if (row.skuCode !== '') skuCount.set(row.itemCode, (skuCount.get(row.itemCode) ?? 0) + 1);
    else if (!parents.has(row.itemCode)) parents.set(row.itemCode, row);
  }
  const channel = options.channel ?? layout.channel;
  const listingId = options.listingId ?? defaultListingId;
  const masterSku = options.masterSku ?? layout.masterSku;
  const skuRule = layout.skuCodeRule ?? layout.codeRule;
  const records: MallItemRecord[] = [];
  const issues: Issue[] = [...csv.issues];
  const products = new Map<string, Product>();
  const listings = new Map<string, { listing: Listing; line: number }>();
  const quantities: MallQuantity[] = [];

  for (const row of rows) {
    const { line, values } = row;
    const reader = new FieldReader(
      (field) => values[field as ItemKey],
      { line, record: () => `${line}行目 (${labels.get('itemCode')} ${row.itemCode || '空'})` },
      (field) => labels.get(field) ?? field,
    );
    const rowIssues: Issue[] = [];
    const itemCode = layout.lowerCaseItemCode ? row.itemCode.toLowerCase() : row.itemCode;
    if (itemCode === '') reader.error('itemCode', 'が空です', '');
    else if (!layout.codeRule.pattern.test(itemCode))
      reader.error('itemCode', `は${layout.codeRule.text}`, itemCode);
    if (row.extra !== undefined) {
      if (reader.failed) {
        rejected.push({ line, issues: reader.issues });
        continue;
      }
      records.push({
        line,
        kind: 'extra',
        mallCode: { channel, shopId: options.shopId, itemCode },
        name: reader.text('name') || (names.get(row.itemCode) ?? ''),
        note: row.extra,
      });
      continue;
    }
    if (row.skuCode !== '' && !skuRule.pattern.test(row.skuCode))
      reader.error('skuCode', `は${skuRule.text}`, row.skuCode);
    const isParent = row.skuCode === '' && (layout.requireSku || (skuCount.get(row.itemCode) ?? 0) > 0);
    if (isParent && parents.get(row.itemCode) !== row) {
      rowIssues.push(
        createIssue(
          'malls.items.duplicate_item',
          `${line}行目: ${layout.mall}の商品「${itemCode}」の商品行が${parents.get(row.itemCode)?.line}行目にもあります`,
          { line, data: { itemCode } },
        ),
      );
    } else if (isParent && (skuCount.get(row.itemCode) ?? 0) === 0 && itemCode !== '') {
      rowIssues.push(
        createIssue(
          'malls.items.no_sku_rows',
          `${line}行目: ${layout.mall}の商品「${itemCode}」にSKU行（${labels.get('skuCode')}のある行）がありません`,
          { line, data: { itemCode } },
        ),
      );
    }
    const parent = parents.get(row.itemCode);
    const name =
      reader.text('name') ||
      (parent === undefined ? '' : parent.values.name.trim()) ||
      (names.get(row.itemCode) ?? '');
    if (name === '') reader.error('name', isParent ? 'が空です' : 'が空で、商品行にもありません', '');
    const price = values.price.trim() === '' ? undefined : (reader.int('price', { min: 0 }) ?? undefined);
    const unlimited = readUnlimited(layout, present, values, reader);
    const quantity =
      unlimited || values.quantity.trim() === ''
        ? undefined
        : (reader.int('quantity', { min: 0 }) ?? undefined);
    const itemNumber = reader.optional('itemNumber');
    const asin = reader.optional('asin');
    const mallCode: MallCode =
      row.skuCode === '' || isParent
        ? { channel, shopId: options.shopId, itemCode }
        : { channel, shopId: options.shopId, itemCode, skuCode: row.skuCode };
    let sku: string | undefined;
    let skuDerived = false;
    if (!isParent) {
      const named = { ...values, itemCode, skuCode: values.skuCode.trim() };
      sku = masterSku(named);
      if (sku === undefined || sku === '') {
        sku = layout.derivedSku(itemCode, mallCode.skuCode, named);
        skuDerived = true;
      }
      const id = listingId(mallCode);
      const earlier = listings.get(id);
      if (earlier !== undefined)
        rowIssues.push(
          createIssue(
            'malls.items.duplicate_mall_code',
            `${line}行目: ${layout.mall}の商品「${itemCode}」${mallCode.skuCode === undefined ? '' : ` SKU「${mallCode.skuCode}」`}は${earlier.line}行目と重複しています`,
            { line, data: { ...mallCode, firstLine: earlier.line } },
          ),
        );
    }
    rowIssues.push(...reader.issues);
    if (rowIssues.some((issue) => issue.severity === 'error')) {
      rejected.push({ line, issues: rowIssues });
      continue;
    }
    issues.push(...rowIssues);
    const accepted: MallItemRecord = {
      line,
      kind: isParent ? 'item' : 'sku',
      mallCode,
      name,
      ...(sku === undefined ? {} : { sku, skuDerived }),
      ...(itemNumber === undefined ? {} : { itemNumber }),
      ...(price === undefined ? {} : { price }),
      ...(quantity === undefined ? {} : { quantity }),
      ...(unlimited ? { unlimited: true as const } : {}),
      ...(asin === undefined ? {} : { asin }),
    };
    records.push(accepted);
    if (sku === undefined) continue;
    const zone =
      typeof options.temperatureZone === 'function'
        ? options.temperatureZone(accepted)
        : (options.temperatureZone ?? 'ambient');
    const known = products.get(sku);
    if (known === undefined) products.set(sku, { sku, name, temperatureZone: zone });
    else if (known.name !== name)
      issues.push(
        createIssue(
          'malls.items.sku_name_differs',
          `${line}行目: 商品マスタSKU「${sku}」は前の行で「${known.name}」として読み込み済みです（この行の商品名「${name}」は使いません）`,
          { severity: 'warning', line, data: { sku, name, kept: known.name } },
        ),
      );
    const id = listingId(mallCode);
    listings.set(id, { listing: { ...mallCode, id, sku, multiplier: 1 }, line });
    if (quantity !== undefined) quantities.push({ ...mallCode, quantity });
  }
  rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    products: [...products.values()],
    listings: [...listings.values()].map((entry) => entry.listing),
    quantities,
    records,
    rejected,
    issues,
    counts: {
      rows: csv.counts.rows,
      records: records.length,
      rejected: rejected.length,
      products: products.size,
      listings: listings.size,
    },
  };
}

function readUnlimited(
  layout: ItemLayout,
  present: (key: ItemKey) => boolean,
  values: ItemRowValues,
  reader: FieldReader,
): boolean {
  if (layout.unlimited === undefined || !present('unlimited')) return false;
  const flag = layout.unlimited.read(values.unlimited.trim());
  if (flag === undefined) reader.error('unlimited', `は${layout.unlimited.text}です`, values.unlimited);
  return flag === true;
}

function inheritItemCodes(
  records: readonly CsvRecord<ItemKey>[],
  layout: ItemLayout,
  present: (key: ItemKey) => boolean,
): Row[] {
  let previous = '';
  return records.map((record) => {
    const values = { ...EMPTY, ...record.values };
    const extra = layout.extraRow?.(values, present);
    const own = values.itemCode.trim();
    const skuCode = extra === undefined ? (layout.skuCodeOf?.(values) ?? values.skuCode).trim() : '';
    const itemCode = own === '' && skuCode !== '' ? previous : own;
    if (itemCode !== '') previous = itemCode;
    return { line: record.line, values, itemCode, skuCode, extra };
  });
}
