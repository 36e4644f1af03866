import type { CsvColumn, Issue } from '@hakobu/core';
import type { CsvOrderFormat, OrderRows } from '../pipeline/csv-orders';
import { FieldReader } from '../pipeline/fields';
import { type RakutenOrderSource, type RakutenReadOptions, rakutenDraft } from './order';

/**
 * The columns of the 楽天 order CSV (楽天ペイ受注CSV, after the 2018 format change) by header name, with the
 * legacy names as aliases. Keys are the getOrder field names, prefixed by the model they belong to, so
 * the CSV and the API share one mapping. Only 注文番号 is required; the column set differs between
 * downloads (reference/malls.md §1.9), so every other column is optional.
 */
export const rakutenOrderCsvColumns = [
  { key: 'order.orderNumber', header: ['注文番号', '受注番号'], required: true },
  { key: 'order.orderProgress', header: ['ステータス'] },
  { key: 'order.orderDatetime', header: ['注文日時'] },
  { key: 'order.goodsPrice', header: ['商品合計金額', '合計'] },
  { key: 'order.postagePrice', header: ['送料合計', '送料(-99999=無効値)'] },
  { key: 'order.deliveryPrice', header: ['代引料合計', '代引料(-99999=無効値)'] },
  { key: 'order.requestPrice', header: ['請求金額', '請求金額(-99999=無効値)'] },
  { key: 'order.paymentCharge', header: ['決済手数料'] },
  { key: 'order.additionalFeeOccurAmountToUser', header: ['注文者負担金合計'] },
  { key: 'order.couponAllTotalPrice', header: ['クーポン利用総額', 'クーポン利用額'] },
  { key: 'order.deliveryDate', header: ['お届け日指定'] },
  { key: 'order.shippingTerm', header: ['お届け時間帯'] },
  { key: 'order.remarks', header: ['コメント'] },
  { key: 'settlement.settlementMethod', header: ['支払方法名', '決済方法'] },
  { key: 'point.usedPoint', header: ['ポイント利用額'] },
  { key: 'orderer.zipCode1', header: ['注文者郵便番号1', '注文者郵便番号１'] },
  { key: 'orderer.zipCode2', header: ['注文者郵便番号2', '注文者郵便番号２'] },
  { key: 'orderer.prefecture', header: ['注文者住所都道府県', '注文者住所：都道府県'] },
  { key: 'orderer.city', header: ['注文者住所郡市区', '注文者住所：都市区'] },
  { key: 'orderer.subAddress', header: ['注文者住所それ以降の住所', '注文者住所：町以降'] },
  { key: 'orderer.familyName', header: ['注文者姓', '注文者名字'] },
  { key: 'orderer.firstName', header: ['注文者名', '注文者名前'] },
  { key: 'orderer.familyNameKana', header: ['注文者姓カナ'] },
  { key: 'orderer.firstNameKana', header: ['注文者名カナ'] },
  { key: 'orderer.phoneNumber1', header: ['注文者電話番号1', '注文者電話番号１'] },
  { key: 'orderer.phoneNumber2', header: ['注文者電話番号2', '注文者電話番号２'] },
  { key: 'orderer.phoneNumber3', header: ['注文者電話番号3', '注文者電話番号３'] },
  { key: 'orderer.emailAddress', header: ['注文者メールアドレス', 'メールアドレス'] },
  { key: 'pkg.basketId', header: ['送付先ID'] },
  { key: 'pkg.postagePrice', header: ['送付先送料'] },
  { key: 'pkg.deliveryPrice', header: ['送付先代引料'] },
  { key: 'pkg.noshi', header: ['のし'] },
  { key: 'pkg.defaultDeliveryCompanyCode', header: ['購入時配送会社'] },
  { key: 'sender.zipCode1', header: ['送付先郵便番号1'] },
  { key: 'sender.zipCode2', header: ['送付先郵便番号2'] },
  { key: 'sender.prefecture', header: ['送付先住所都道府県'] },
  { key: 'sender.city', header: ['送付先住所郡市区'] },
  { key: 'sender.subAddress', header: ['送付先住所それ以降の住所'] },
  { key: 'sender.familyName', header: ['送付先姓'] },
  { key: 'sender.firstName', header: ['送付先名'] },
  { key: 'sender.familyNameKana', header: ['送付先姓カナ'] },
  { key: 'sender.firstNameKana', header: ['送付先名カナ'] },
  { key: 'sender.phoneNumber1', header: ['送付先電話番号1'] },
  { key: 'sender.phoneNumber2', header: ['送付先電話番号2'] },
  { key: 'sender.phoneNumber3', header: ['送付先電話番号3'] },
  { key: 'item.itemDetailId', header: ['商品明細ID'] },
  { key: 'item.itemId', header: ['商品ID'] },
  { key: 'item.itemName', header: ['商品名'] },
  { key: 'item.itemNumber', header: ['商品番号'] },
  { key: 'item.manageNumber', header: ['商品管理番号'] },
  { key: 'item.price', header: ['単価'] },
  { key: 'item.units', header: ['個数'] },
  { key: 'item.includeTaxFlag', header: ['税込別'] },
  { key: 'item.selectedChoice', header: ['項目・選択肢'] },
  { key: 'item.taxRate', header: ['商品税率'] },
  { key: 'item.priceTaxIncl', header: ['商品毎税込価格'] },
  { key: 'sku.variantId', header: ['SKU管理番号'] },
  { key: 'sku.merchantDefinedSkuId', header: ['システム連携用SKU番号'] },
  { key: 'sku.skuInfo', header: ['SKU情報'] },
  { key: 'wrapping1.title', header: ['ラッピングタイトル1'] },
  { key: 'wrapping1.name', header: ['ラッピング名1'] },
  { key: 'wrapping1.price', header: ['ラッピング料金1'] },
  { key: 'wrapping2.title', header: ['ラッピングタイトル2'] },
  { key: 'wrapping2.name', header: ['ラッピング名2'] },
  { key: 'wrapping2.price', header: ['ラッピング料金2'] },
] as const satisfies readonly CsvColumn[];

/** A key of {@link rakutenOrderCsvColumns}. */
export type RakutenCsvKey = (typeof rakutenOrderCsvColumns)[number]['key'];

const LABELS = new Map<string, string>(
  rakutenOrderCsvColumns.map((column) => [column.key, column.header[0]]),
);

/** Per model prefix: its column keys by field name and the Japanese header of a field, built once. */
interface PrefixColumns {
  readonly keys: Map<string, RakutenCsvKey>;
  readonly label: (field: string) => string;
}

const PREFIXES = new Map<string, PrefixColumns>();
for (const column of rakutenOrderCsvColumns) {
  const [prefix = '', field = ''] = column.key.split('.');
  let entry = PREFIXES.get(prefix);
  if (entry === undefined) {
    const keys = new Map<string, RakutenCsvKey>();
    const label = (name: string): string => {
      const key = keys.get(name);
      return key === undefined ? name : (LABELS.get(key) ?? name);
    };
    entry = { keys, label };
    PREFIXES.set(prefix, entry);
  }
  entry.keys.set(field, column.key);
}

/** Readers over the fields of one row, one per model prefix; they share the row's place in messages. */
function rowReaders(
  group: OrderRows<RakutenCsvKey>,
  index: number,
  orderNumber: string,
  issues: Issue[],
): (prefix: string) => FieldReader {
  const line = group.lines[index] as number;
  const where = { line, record: () => `${line}行目 (注文番号 ${orderNumber})` };
  return (prefix) => {
    const { keys, label } = PREFIXES.get(prefix) as PrefixColumns;
    return new FieldReader(
      (field) => {
        const key = keys.get(field);
        return key === undefined ? undefined : group.value(index, key);
      },
      where,
      label,
      issues,
    );
  };
}

function sourceOf(group: OrderRows<RakutenCsvKey>): RakutenOrderSource {
  const number = group.value(0, 'order.orderNumber');
  // Rows by 送付先ID, in order of appearance; an order has few destinations, so a search beats a Map.
  const baskets: string[] = [];
  const packages: number[][] = [];
  for (let index = 0; index < group.lines.length; index++) {
    const basket = group.value(index, 'pkg.basketId');
    const at = baskets.indexOf(basket);
    if (at === -1) {
      baskets.push(basket);
      packages.push([index]);
    } else (packages[at] as number[]).push(index);
  }
  const issues: Issue[] = [];
  const first = rowReaders(group, 0, number, issues);
  return {
    order: first('order'),
    orderer: first('orderer'),
    settlement: first('settlement'),
    point: first('point'),
    wrappings: [first('wrapping1'), first('wrapping2')],
    packages: packages.map((rows) => {
      const head = rowReaders(group, rows[0] as number, number, issues);
      return {
        pkg: head('pkg'),
        sender: head('sender'),
        items: rows.map((index) => {
          const of = rowReaders(group, index, number, issues);
          return { item: of('item'), sku: of('sku') };
        }),
        shippings: [],
      };
    }),
    issues,
  };
}

/**
 * The 楽天 order CSV (受注CSV) as a {@link CsvOrderFormat}: one row per item, grouped by 注文番号 and, inside
 * an order, by 送付先ID; money `-9999` (and the legacy `-99999`) read as 未確定. Encoding is detected
 * (CP932 as RMS writes it, or UTF-8). Use with `readOrderCsv` or `readOrderCsvStream`.
 *
 * @example
 * ```ts
 * const read = readOrderCsv(bytes, rakutenOrderCsvFormat({ shopId: 'myshop' }));
 * read.counts; // { records: 250, accepted: 250, rejected: 0, orders: 180 }
 * ```
 */
export function rakutenOrderCsvFormat(options: RakutenReadOptions): CsvOrderFormat<RakutenCsvKey> {
  return {
    name: 'rakuten.order-csv',
    columns: rakutenOrderCsvColumns,
    orderKey: 'order.orderNumber',
    toDraft(group, issues) {
      const src = sourceOf(group);
      const draft = rakutenDraft(src, options, group.raw(), { lines: [...group.lines] });
      issues.push(...src.issues);
      return draft;
    },
  };
}
