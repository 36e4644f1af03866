import {
  type CsvCp932Options,
  cp932ByteLength,
  createIssue,
  fail,
  type Issue,
  ok,
  type Result,
  writeCsv,
} from '@hakobu/core';
import { z } from 'zod';
import type { OrderLine, OrderState, Shipment } from '../model/order';
import { fullAddress } from '../model/party';
import { temperatureZoneLabels } from '../model/primitives';

interface Row {
  readonly order: OrderState;
  readonly shipment: Shipment | undefined;
  readonly line: OrderLine | undefined;
  readonly quantity: number | undefined;
}

/** One cell of an export row: text or integer yen and counts. */
export type ExportCell = string | number;

const FIELDS = {
  mallOrderNumber: ['受注番号', (r: Row): ExportCell => r.order.mallOrderNumber],
  channel: ['販路', (r: Row): ExportCell => r.order.channel],
  shopId: ['店舗', (r: Row): ExportCell => r.order.shopId],
  orderedAt: ['注文日時', (r: Row): ExportCell => r.order.orderedAt],
  status: ['ステータス', (r: Row): ExportCell => r.order.status],
  ordererName: ['注文者名', (r: Row): ExportCell => r.order.orderer.name],
  ordererPhone: ['注文者電話番号', (r: Row): ExportCell => r.order.orderer.phone],
  ordererPostalCode: ['注文者郵便番号', (r: Row): ExportCell => r.order.orderer.postalCode],
  ordererAddress: ['注文者住所', (r: Row): ExportCell => fullAddress(r.order.orderer)],
  ordererEmail: ['注文者メールアドレス', (r: Row): ExportCell => r.order.orderer.email ?? ''],
  paymentMethod: ['支払方法', (r: Row): ExportCell => r.order.payment.method],
  paymentStatus: ['入金状況', (r: Row): ExportCell => r.order.payment.status],
  items: ['商品合計', (r: Row): ExportCell => r.order.amounts.items],
  shipping: ['送料', (r: Row): ExportCell => r.order.amounts.shipping],
  codFee: ['代引手数料', (r: Row): ExportCell => r.order.amounts.codFee],
  couponDiscount: ['クーポン値引', (r: Row): ExportCell => r.order.amounts.couponDiscount],
  pointsUsed: ['ポイント利用', (r: Row): ExportCell => r.order.amounts.pointsUsed],
  billedTotal: ['請求金額', (r: Row): ExportCell => r.order.amounts.billedTotal],
  tags: ['タグ', (r: Row): ExportCell => r.order.tags.join(' ')],
  alerts: [
    'アラート',
    (r: Row): ExportCell =>
      r.order.alerts
        .map((alert) => (alert.acknowledged === undefined ? alert.message : `${alert.message}（確認済み）`))
        .join(' / '),
  ],
  slipNumber: ['伝票番号', (r: Row): ExportCell => r.shipment?.slipNumber ?? ''],
  destinationName: ['お届け先名', (r: Row): ExportCell => r.shipment?.destination.name ?? ''],
  destinationPhone: ['お届け先電話番号', (r: Row): ExportCell => r.shipment?.destination.phone ?? ''],
  destinationPostalCode: [
    'お届け先郵便番号',
    (r: Row): ExportCell => r.shipment?.destination.postalCode ?? '',
  ],
  destinationAddress: [
    'お届け先住所',
    (r: Row): ExportCell => (r.shipment === undefined ? '' : fullAddress(r.shipment.destination)),
  ],
  temperature: [
    '温度帯',
    (r: Row): ExportCell => (r.shipment === undefined ? '' : temperatureZoneLabels[r.shipment.temperature]),
  ],
  requestedDate: ['お届け希望日', (r: Row): ExportCell => r.shipment?.requestedDate ?? ''],
  timeSlot: ['お届け時間帯', (r: Row): ExportCell => r.shipment?.timeSlot ?? ''],
  codAmount: ['代引金額', (r: Row): ExportCell => r.shipment?.codAmount ?? ''],
  trackingNumbers: ['お問い合わせ番号', (r: Row): ExportCell => r.shipment?.trackingNumbers.join(' ') ?? ''],
  shippedOn: ['出荷日', (r: Row): ExportCell => r.shipment?.shippedOn ?? ''],
  sku: ['SKU', (r: Row): ExportCell => r.line?.sku ?? ''],
  lineName: ['商品名', (r: Row): ExportCell => r.line?.name ?? ''],
  options: ['項目選択肢', (r: Row): ExportCell => r.line?.options ?? ''],
  unitPrice: ['単価', (r: Row): ExportCell => r.line?.unitPrice ?? ''],
  quantity: ['数量', (r: Row): ExportCell => r.quantity ?? ''],
  taxRate: ['税率', (r: Row): ExportCell => (r.line === undefined ? '' : `${r.line.taxRate}%`)],
} as const;

/** A field an export column can show (出力項目). */
export const ExportField = z.enum(Object.keys(FIELDS) as [keyof typeof FIELDS, ...(keyof typeof FIELDS)[]]);
/** @see {@link ExportField} */
export type ExportField = z.infer<typeof ExportField>;

/**
 * One column of an export template (出力列): the field, an optional header to rename it, and an optional
 * byte limit for files that feed a system with fixed field widths (counted in the file's encoding: CP932
 * bytes or UTF-8 bytes, before the formula guard's `'`). A value over the limit is cut at a character
 * boundary and reported.
 */
export const ExportColumn = z.object({
  field: ExportField,
  header: z.string().min(1).optional(),
  maxBytes: z.number().int().positive().optional(),
});
/** @see {@link ExportColumn} */
export type ExportColumn = z.infer<typeof ExportColumn>;

/**
 * The encoding of an exported file (出力文字コード): `cp932` (Shift_JIS, what Excel and most Japanese back-office
 * tools open by default) or `utf-8-bom` (UTF-8 with the BOM, so that Excel detects it).
 */
export const ExportEncoding = z.enum(['cp932', 'utf-8-bom']);
/** @see {@link ExportEncoding} */
export type ExportEncoding = z.infer<typeof ExportEncoding>;

/**
 * A saved export layout (CSV出力テンプレート): one row per order, shipment or shipment line; the columns
 * chosen, in order, each with an optional header to rename it; the encoding (default `cp932`) and the Excel
 * formula guard (CSVインジェクション対策, default on). Plain data, so shops store and version it.
 */
export const ExportTemplate = z.object({
  name: z.string().min(1),
  rowPer: z.enum(['order', 'shipment', 'line']),
  columns: z.array(ExportColumn).min(1),
  /** Default `cp932`. */
  encoding: ExportEncoding.optional(),
  /**
   * Default `true`: a cell starting with `=`, `+`, `-`, `@`, TAB or CR is written as `'` + the value, so
   * Excel shows it instead of running it. Turn off only for a file a program reads.
   */
  formulaGuard: z.boolean().optional(),
});
/** @see {@link ExportTemplate} */
export type ExportTemplate = z.infer<typeof ExportTemplate>;

/** Header and rows of an export, before encoding (see {@link exportCsv} for the file bytes). */
export interface ExportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly ExportCell[])[];
}

function rowsOf(orders: readonly OrderState[], rowPer: ExportTemplate['rowPer']): Row[] {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const rows: Row[] = [];
  for (const order of orders) {
    if (rowPer === 'order') {
      rows.push({ order, shipment: order.shipments[0], line: undefined, quantity: undefined });
      continue;
    }
    for (const shipment of order.shipments) {
      if (rowPer === 'shipment') {
        rows.push({ order, shipment, line: undefined, quantity: undefined });
        continue;
      }
      for (const ref of shipment.lines) {
        const owner = byId.get(ref.orderId) ?? order;
        const line = owner.lines.find((candidate) => candidate.id === ref.lineId);
        rows.push({ order: owner, shipment, line, quantity: ref.quantity });
      }
    }
  }
  return rows;
}

function columnsOf(template: ExportTemplate) {
  return template.columns.map((column) => {
    const [header, value] = FIELDS[column.field];
    return { ...column, header: column.header ?? header, value };
  });
}

/**
 * Lays orders out by an export template (CSV出力): header row with the default Japanese names or the
 * template's renames, then one row per order, shipment or line (a 同梱 slip lists each line with its own
 * mall order). {@link exportCsv} turns the same layout into file bytes.
 *
 * @example
 * ```ts
 * exportTable(orders, {
 *   name: '出荷リスト',
 *   rowPer: 'shipment',
 *   columns: [{ field: 'slipNumber' }, { field: 'destinationName', header: '送り先' }, { field: 'codAmount' }],
 * });
 * // { header: ['伝票番号', '送り先', '代引金額'], rows: [['381234-...-1', '佐藤 太郎', 0], ...] }
 * ```
 */
export function exportTable(orders: readonly OrderState[], template: ExportTemplate): ExportTable {
  const columns = columnsOf(template);
  return {
    header: columns.map((column) => column.header),
    rows: rowsOf(orders, template.rowPer).map((row) => columns.map((column) => column.value(row))),
  };
}

/** Options of {@link exportCsv} beyond the template. */
export interface ExportCsvOptions {
  /** CP932 substitutions and strictness, passed to `writeCsv` of `@hakobu/core` (default: substitute and report). */
  readonly cp932?: CsvCp932Options;
}

/** An exported file (出力ファイル): its bytes, the text they hold, and the number of data rows. */
export interface ExportedCsv {
  /** The file as written: CP932, or UTF-8 starting with the BOM EF BB BF. */
  readonly bytes: Uint8Array;
  /** The text the bytes hold, after CP932 substitution and truncation, without the BOM. */
  readonly text: string;
  /** Data rows written (the header row not counted). */
  readonly rowCount: number;
}

/** Which record a row of the file stands for, as named in issues. */
interface RecordRef {
  readonly orderId: string;
  readonly mallOrderNumber: string;
  readonly slipNumber?: string;
  readonly lineId?: string;
}

function recordOf(row: Row): RecordRef {
  return {
    orderId: row.order.id,
    mallOrderNumber: row.order.mallOrderNumber,
    ...(row.shipment === undefined ? {} : { slipNumber: row.shipment.slipNumber }),
    ...(row.line === undefined ? {} : { lineId: row.line.id }),
  };
}

function recordLabel(record: RecordRef): string {
  return `受注${record.mallOrderNumber}${record.slipNumber === undefined ? '' : `・伝票${record.slipNumber}`}`;
}

function byteLength(text: string, encoding: ExportEncoding, options: CsvCp932Options): number {
  return encoding === 'cp932' ? cp932ByteLength(text, options) : new TextEncoder().encode(text).length;
}

/** Line breaks inside the cells of one row, which push the following rows down the file. */
function lineBreaks(cells: readonly ExportCell[]): number {
  let count = 0;
  for (const cell of cells) if (typeof cell === 'string') count += cell.split('\n').length - 1;
  return count;
}

/** The longest prefix of whole code points that fits `maxBytes` in the file's encoding. */
function truncateToBytes(
  text: string,
  maxBytes: number,
  encoding: ExportEncoding,
  options: CsvCp932Options,
): string {
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (byteLength(chars.slice(0, middle).join(''), encoding, options) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  return chars.slice(0, low).join('');
}

/**
 * Exports orders as a CSV file by a saved template (CSV出力): the layout of {@link exportTable} written by
 * `writeCsv` of `@hakobu/core` in CP932 (default) or UTF-8 with BOM, with the Excel formula guard on unless the
 * template turns it off. Nothing is lost silently: every character CP932 cannot hold (substituted, e.g.
 * 𠮷 → 吉, or replaced by 〓, e.g. an emoji) and every value cut to a column's `maxBytes` comes back as an
 * issue naming the mall order (and slip), the column and the file line, with `path: ['rows', rowIndex, field]`
 * (`['header', columnIndex]` for the header row). With `cp932.onUnencodable: 'fail'` an unencodable character
 * fails the export with every such issue.
 *
 * @example
 * ```ts
 * const result = exportCsv(orders, {
 *   name: '出荷リスト',
 *   rowPer: 'shipment',
 *   columns: [{ field: 'slipNumber' }, { field: 'destinationName', header: '送り先', maxBytes: 32 }],
 * });
 * if (result.ok) await writeFile('shipments.csv', result.value.bytes); // CP932, formula guard on
 * result.issues; // e.g. 受注381234-…・伝票381234-…-1の「送り先」: … 「𠮷」… を「吉」に置き換えました
 * ```
 */
export function exportCsv(
  orders: readonly OrderState[],
  template: ExportTemplate,
  options: ExportCsvOptions = {},
): Result<ExportedCsv> {
  const columns = columnsOf(template);
  const encoding = template.encoding ?? 'cp932';
  const cp932 = options.cp932 ?? {};
  const rows = rowsOf(orders, template.rowPer);
  const records = rows.map(recordOf);
  const truncations: Issue[] = [];
  const header = columns.map((column) => column.header);
  let line = 1 + lineBreaks(header);
  const cells = rows.map((row, rowIndex) => {
    line += 1;
    const rowLine = line;
    const rowCells = columns.map((column) => {
      const value = column.value(row);
      if (column.maxBytes === undefined) return value;
      const text = String(value);
      if (byteLength(text, encoding, cp932) <= column.maxBytes) return value;
      const cut = truncateToBytes(text, column.maxBytes, encoding, cp932);
      const record = records[rowIndex]!;
      truncations.push(
        createIssue(
          'orders.export.truncated',
          `${recordLabel(record)}の「${column.header}」は${column.maxBytes}バイトを超えるため「${cut}」に切り詰めました（元の値「${text}」）`,
          {
            severity: 'warning',
            line: rowLine,
            path: ['rows', rowIndex, column.field],
            data: {
              ...record,
              field: column.field,
              header: column.header,
              maxBytes: column.maxBytes,
              value: text,
              written: cut,
            },
          },
        ),
      );
      return cut;
    });
    line += lineBreaks(rowCells);
    return rowCells;
  });
  const written = writeCsv([header, ...cells], {
    formulaGuard: template.formulaGuard ?? true,
    encoding,
    cp932,
  });
  const located = written.issues.map((issue) => locate(issue, columns, records));
  const issues = [...truncations, ...located].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (!written.ok) return fail(issues);
  return ok({ bytes: written.value.bytes, text: written.value.text, rowCount: rows.length }, issues);
}

/**
 * Names the record and column of a `writeCsv` issue: its path `['rows', n, column]` counts the header as
 * row 0, so data row `n - 1` is the record.
 */
function locate(
  issue: Issue,
  columns: readonly { readonly field: ExportField; readonly header: string }[],
  records: readonly RecordRef[],
): Issue {
  const [, rowNumber, columnIndex] = issue.path ?? [];
  if (typeof rowNumber !== 'number' || typeof columnIndex !== 'number') return issue;
  const column = columns[columnIndex];
  if (column === undefined) return issue;
  if (rowNumber === 0) {
    return {
      ...issue,
      message: `見出しの「${column.header}」: ${issue.message}`,
      path: ['header', columnIndex],
      data: { ...issue.data, field: column.field, header: column.header },
    };
  }
  const record = records[rowNumber - 1];
  if (record === undefined) return issue;
  return {
    ...issue,
    message: `${recordLabel(record)}の「${column.header}」: ${issue.message}`,
    path: ['rows', rowNumber - 1, column.field],
    data: { ...issue.data, ...record, field: column.field, header: column.header },
  };
}
