import {
  CalendarDate,
  Party,
  PaymentMethod,
  PaymentStatus,
  TaxRatePercent,
  TemperatureZone,
  TimeSlot,
  Timestamp,
} from '@hakobu/orders';
import { z } from 'zod';

/**
 * One line of a mall order as read, before it becomes an `OrderLine` (取込明細). `mallLineId` is the mall's
 * own line id (楽天 商品明細ID, Amazon order-item-id, Yahoo LineId) or the line's position, and is what
 * shipments refer to.
 */
export const DraftLine = z.object({
  mallLineId: z.string().min(1),
  /** 商品管理番号 / 商品コード / ASIN's seller item code */
  mallItemCode: z.string().min(1),
  /**
   * SKU candidates in the mall's order of preference (楽天: システム連携用SKU番号, SKU管理番号, 商品番号); the
   * first non-empty one becomes `OrderLine.sku`, each is tried against the listings.
   */
  skuCandidates: z.array(z.string()),
  name: z.string().min(1),
  options: z.string().optional(),
  /** 税込単価 */
  unitPrice: z.number().int().nonnegative(),
  quantity: z.number().int().positive(),
  taxRate: TaxRatePercent,
  temperature: TemperatureZone.optional(),
  requestedDate: CalendarDate.optional(),
  wrapping: z.string().optional(),
  noshi: z.string().optional(),
});
/** @see {@link DraftLine} */
export type DraftLine = z.infer<typeof DraftLine>;

/**
 * One destination of a mall order (送付先) with the lines going there. `mallShipmentId` is the mall's id
 * of the destination (楽天 basketId, EC-CUBE 出荷ID) that write-back needs.
 */
export const DraftShipment = z.object({
  mallShipmentId: z.string().optional(),
  destination: Party,
  lines: z.array(z.object({ mallLineId: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  requestedDate: CalendarDate.optional(),
  timeSlot: TimeSlot,
  /** 送料 and 代引料 of this destination when the mall gives them per destination (楽天 PackageModel). */
  shipping: z.number().int().nonnegative().optional(),
  codFee: z.number().int().nonnegative().optional(),
  noshi: z.string().optional(),
  carrier: z.string().optional(),
  trackingNumbers: z.array(z.string()),
  shippedOn: CalendarDate.optional(),
});
/** @see {@link DraftShipment} */
export type DraftShipment = z.infer<typeof DraftShipment>;

/**
 * The amounts as the mall reported them (モール金額), tax included. `billedTotal` is the mall's 請求金額,
 * or `null` when the mall has not decided it yet (楽天 `-9999`).
 */
export const DraftAmounts = z.object({
  shipping: z.number().int().nonnegative(),
  codFee: z.number().int().nonnegative(),
  wrapping: z.number().int().nonnegative(),
  otherFees: z.number().int().nonnegative(),
  couponDiscount: z.number().int().nonnegative(),
  pointsUsed: z.number().int().nonnegative(),
  billedTotal: z.number().int().nullable(),
});
/** @see {@link DraftAmounts} */
export type DraftAmounts = z.infer<typeof DraftAmounts>;

/**
 * A mall order read from a file or an API response, in canonical terms but not yet an `Order`
 * (取込受注): what every mall reader produces and what {@link planImport} turns into orders. A host can
 * build drafts for a cart hakobu does not know and use the same pipeline.
 */
export const MallOrderDraft = z.object({
  channel: z.string().min(1),
  shopId: z.string().min(1),
  mallOrderNumber: z.string().min(1),
  orderedAt: Timestamp,
  orderer: Party,
  paymentMethod: PaymentMethod,
  paymentStatus: PaymentStatus,
  /** The mall's own status text or code, e.g. `300`, `Unshipped`. */
  mallStatus: z.string(),
  /** The canonical status id to create the order in (`new`, `awaitingShipment`, `shipped`, `cancelled` …). */
  status: z.string().min(1),
  amounts: DraftAmounts,
  lines: z.array(DraftLine).min(1),
  shipments: z.array(DraftShipment).min(1),
  /** お客様備考 */
  customerNote: z.string().optional(),
  /** Amounts the mall has not decided yet (楽天 -9999), by field name; the order gets a hold. */
  undecided: z.array(z.string()),
  /** The mall's record as read: the JSON object, or the CSV header and rows (取込元データ). */
  raw: z.unknown(),
  /** Where the record came from: 1-based lines of a file, or a JSON path. */
  source: z.object({ lines: z.array(z.number().int().positive()).optional(), path: z.string().optional() }),
});
/** @see {@link MallOrderDraft} */
export type MallOrderDraft = z.infer<typeof MallOrderDraft>;

/**
 * The items of an array built with `push`, in an array of their exact length. A pushed array keeps room to grow
 * (two items take sixteen slots), and an import keeps every draft's and order's arrays: 100,000 rows carry
 * tens of megabytes of empty slots otherwise.
 *
 * @example
 * ```ts
 * const refs = [];
 * refs.push(ref);
 * shipment.lines = exactArray(refs);
 * ```
 */
export function exactArray<T>(items: T[]): T[] {
  return items.slice();
}
