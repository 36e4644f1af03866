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
  alerts: ['アラート', (r: Row): ExportCell => r.order.alerts.map((alert) => alert.message).join(' / ')],
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
 * A saved export layout (CSV出力テンプレート): one row per order, shipment or shipment line; the columns
 * chosen, in order, each with an optional header to rename it. Plain data, so shops store and version it.
 */
export const ExportTemplate = z.object({
  name: z.string().min(1),
  rowPer: z.enum(['order', 'shipment', 'line']),
  columns: z.array(z.object({ field: ExportField, header: z.string().min(1).optional() })).min(1),
});
/** @see {@link ExportTemplate} */
export type ExportTemplate = z.infer<typeof ExportTemplate>;

/** Header and rows ready for `writeCsv` of `@hakobu/core` (CP932 or UTF-8 with BOM, formula guard on). */
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

/**
 * Lays orders out by an export template (CSV出力): header row with the default Japanese names or the
 * template's renames, then one row per order, shipment or line (a 同梱 slip lists each line with its own
 * mall order). Hand the result to `writeCsv` of `@hakobu/core` for CP932 / UTF-8 BOM bytes with the Excel
 * formula guard.
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
  const columns = template.columns.map((column) => {
    const [header, value] = FIELDS[column.field];
    return { header: column.header ?? header, value };
  });
  return {
    header: columns.map((column) => column.header),
    rows: rowsOf(orders, template.rowPer).map((row) => columns.map((column) => column.value(row))),
  };
}
