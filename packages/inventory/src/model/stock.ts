import { z } from 'zod';
import { Sku } from './product';

/** A stock location (倉庫 / ロケーション). Absent means the shop's single default location. */
export const LocationId = z.string().min(1);
/** @see {@link LocationId} */
export type LocationId = z.infer<typeof LocationId>;

/**
 * The stock of one SKU at one location (在庫). `onHand` is 実在庫, `reserved` is 引当済み, `safetyStock` is
 * 安全在庫: never advertised to any mall, but still allocatable to orders already received.
 * フリー在庫 (free stock) is `onHand − reserved`; the store keeps `0 ≤ reserved ≤ onHand` at all times.
 */
export const StockLevel = z.object({
  sku: Sku,
  location: LocationId.optional(),
  onHand: z.number().int().nonnegative(),
  reserved: z.number().int().nonnegative(),
  safetyStock: z.number().int().nonnegative(),
});
/** @see {@link StockLevel} */
export type StockLevel = z.infer<typeof StockLevel>;

/**
 * A reservation (引当) held for one order line (受注明細) on one SKU at one location. A set line holds one
 * reservation per component.
 */
export const Reservation = z.object({
  orderLineId: z.string().min(1),
  sku: Sku,
  location: LocationId.optional(),
  quantity: z.number().int().positive(),
});
/** @see {@link Reservation} */
export type Reservation = z.infer<typeof Reservation>;

/**
 * The kind of a stock movement (入出庫区分): 入荷 `receipt`, 出荷 `shipment`, 店舗販売 `store_sale` (a sale in
 * the real store, entered by hand), 棚卸・調整 `adjustment`, 返品 `return`.
 */
export const MovementKind = z.enum(['receipt', 'shipment', 'store_sale', 'adjustment', 'return']);
/** @see {@link MovementKind} */
export type MovementKind = z.infer<typeof MovementKind>;

/**
 * One entry of the movement ledger (入出庫履歴): a signed change of `onHand` with its reason, actor and
 * instant. `id` is `<batch key>#<n>`, so the same batch always gives the same ids.
 */
export const Movement = z.object({
  id: z.string().min(1),
  batchKey: z.string().min(1),
  kind: MovementKind,
  sku: Sku,
  location: LocationId.optional(),
  quantity: z.number().int(),
  reason: z.string().optional(),
  orderLineId: z.string().min(1).optional(),
  actor: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
});
/** @see {@link Movement} */
export type Movement = z.infer<typeof Movement>;
