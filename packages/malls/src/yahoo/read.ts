import type { CsvColumn } from '@hakobu/core';
import type { CsvOrderFormat } from '../pipeline/csv-orders';
import type { MallOrderDraft } from '../pipeline/draft';
import { FieldReader } from '../pipeline/fields';
import { asList, asRecord, jsonReader, pathText } from '../pipeline/json-fields';
import type { MallReadResult, RejectedRecord } from '../pipeline/result';
import { parseJsonInput } from '../rakuten/json';
import { type YahooReadOptions, yahooDraft } from './order';

const GROUPS = ['Pay', 'Ship', 'Detail', 'Seller'] as const;

function orderInfosOf(value: unknown): { infos: unknown[]; base: (string | number)[] } {
  const root = asRecord(value);
  const resultSet = asRecord(root.ResultSet ?? root);
  if (resultSet.Result !== undefined) {
    const results = asList(resultSet.Result);
    return {
      infos: results.map((result) => asRecord(result).OrderInfo ?? result),
      base: ['ResultSet', 'Result'],
    };
  }
  if (root.OrderInfo !== undefined) return { infos: asList(root.OrderInfo), base: ['OrderInfo'] };
  if (Array.isArray(value)) return { infos: value, base: [] };
  return { infos: root.OrderId === undefined ? [] : [root], base: [] };
}

/**
 * Reads Yahoo!ショッピング orderInfo results (注文詳細API) after XML parsing into drafts. Takes the parsed
 * `ResultSet`, one `OrderInfo` or a list of them; fields are read from the order and its `Pay`, `Ship`,
 * `Detail` and `Seller` groups, and a single `Item` that the XML conversion turned into an object is read
 * as a one-item list. Records in = orders + rejected, each rejection with its path.
 *
 * @example
 * ```ts
 * const parsed = xmlParser.parse(responseText); // any XML → object converter
 * const read = readYahooOrderInfo(parsed, { shopId: 'mystore' });
 * ```
 */
export function readYahooOrderInfo(input: unknown, options: YahooReadOptions): MallReadResult {
  const parsed = parseJsonInput(input, 'malls.yahoo.invalid_json');
  const { infos, base } = orderInfosOf(parsed.value);
  const drafts: MallOrderDraft[] = [];
  const rejected: RejectedRecord[] = [];
  const issues = [...parsed.issues];
  for (const [index, info] of infos.entries()) {
    const record = asRecord(info);
    const path = base.length === 0 ? [index] : [...base, index];
    const id = String(record.OrderId ?? '');
    const label = `注文番号 ${id || '空'}`;
    const groupOf = (field: string): string | undefined =>
      GROUPS.find((group) => asRecord(record[group])[field] !== undefined);
    const order = new FieldReader(
      (field) => {
        if (record[field] !== undefined) return record[field];
        const group = groupOf(field);
        return group === undefined ? undefined : asRecord(record[group])[field];
      },
      {
        path: (field) => {
          const group = groupOf(field);
          return group === undefined ? [...path, field] : [...path, group, field];
        },
        record: `${pathText(path)} (${label})`,
      },
    );
    const items = asList(record.Item).map((item, i) => jsonReader(item, [...path, 'Item', i], label));
    let draft: MallOrderDraft | undefined;
    try {
      draft = yahooDraft(order, items, options, info, { path: pathText(path) });
    } catch (error) {
      order.error('OrderId', `を読めませんでした: ${String(error)}`);
    }
    const recordIssues = [...order.issues, ...items.flatMap((item) => item.issues)];
    if (draft === undefined || recordIssues.some((issue) => issue.severity === 'error')) {
      rejected.push(
        id === ''
          ? { path: pathText(path), issues: recordIssues }
          : { path: pathText(path), mallOrderNumber: id, issues: recordIssues },
      );
      continue;
    }
    issues.push(...recordIssues);
    drafts.push(draft);
  }
  return {
    drafts,
    rejected,
    issues,
    counts: {
      records: infos.length,
      accepted: drafts.length,
      rejected: rejected.length,
      orders: drafts.length,
    },
  };
}

/** Order-level fields of the Yahoo! order CSV, read from the first row of each order. */
export const YAHOO_ORDER_FIELDS = [
  'OrderId',
  'OrderTime',
  'OrderStatus',
  'ShipStatus',
  'PayStatus',
  'PayType',
  'PayMethod',
  'PayMethodName',
  'BillLastName',
  'BillFirstName',
  'BillLastNameKana',
  'BillFirstNameKana',
  'BillZipCode',
  'BillPrefecture',
  'BillCity',
  'BillAddress1',
  'BillAddress2',
  'BillPhoneNumber',
  'BillMailAddress',
  'ShipLastName',
  'ShipFirstName',
  'ShipLastNameKana',
  'ShipFirstNameKana',
  'ShipZipCode',
  'ShipPrefecture',
  'ShipCity',
  'ShipAddress1',
  'ShipAddress2',
  'ShipPhoneNumber',
  'ShipRequestDate',
  'ShipRequestTime',
  'ShipCompanyCode',
  'ShipInvoiceNumber1',
  'ShipInvoiceNumber2',
  'ShipDate',
  'GiftWrapName',
  'GiftWrapType',
  'ShipCharge',
  'PayCharge',
  'GiftWrapCharge',
  'Discount',
  'TotalMallCouponDiscount',
  'UsePoint',
  'TotalPrice',
  'BuyerComments',
] as const;

/** Item-level fields of the Yahoo! order CSV, one row per item. */
export const YAHOO_ITEM_FIELDS = [
  'LineId',
  'ItemId',
  'SubCode',
  'Title',
  'ItemOption',
  'SubCodeOption',
  'UnitPrice',
  'Quantity',
  'ItemTaxRatio',
] as const;

/** A field of the Yahoo! order CSV. */
export type YahooCsvKey = (typeof YAHOO_ORDER_FIELDS)[number] | (typeof YAHOO_ITEM_FIELDS)[number];

/**
 * The Yahoo!ショッピング order CSV (注文データ, one row per item) as a {@link CsvOrderFormat}. The official
 * download header spelling is UNCONFIRMED (reference/malls.md §2.6): by default the headers are the
 * orderInfo field names (`OrderId`, `ShipLastName`, `ItemId` …); pass `headers` to map each field to the
 * header your download uses.
 *
 * @example
 * ```ts
 * const read = readOrderCsv(bytes, yahooOrderCsvFormat({ shopId: 'mystore', headers: { OrderId: '注文ID' } }));
 * ```
 */
export function yahooOrderCsvFormat(
  options: YahooReadOptions & { readonly headers?: Partial<Record<YahooCsvKey, string | readonly string[]>> },
): CsvOrderFormat<YahooCsvKey> {
  const columns: CsvColumn<YahooCsvKey>[] = [...YAHOO_ORDER_FIELDS, ...YAHOO_ITEM_FIELDS].map((key) => ({
    key,
    header: options.headers?.[key] ?? key,
    required: key === 'OrderId' || key === 'ItemId',
  }));
  return {
    name: 'yahoo.order-csv',
    columns,
    orderKey: 'OrderId',
    toDraft(group) {
      return yahooDraft(
        group.reader(0),
        group.lines.map((_, index) => group.reader(index)),
        options,
        group.raw(),
        { lines: [...group.lines] },
      );
    },
  };
}
