import { z } from 'zod';
import { Sku } from '../model/product';
import { LocationId, Movement, MovementKind, StockLevel } from '../model/stock';

const quantity = z.number().int().positive();

/** Reserve (引当) `quantity` of one SKU at one location for one order line; refused when free stock is short. */
export const ReserveOperation = z.object({
  op: z.literal('reserve'),
  orderLineId: z.string().min(1),
  sku: Sku,
  location: LocationId.optional(),
  quantity,
});
/** @see {@link ReserveOperation} */
export type ReserveOperation = z.infer<typeof ReserveOperation>;

const lineScoped = {
  orderLineId: z.string().min(1),
  sku: Sku.optional(),
  location: LocationId.optional(),
  quantity: quantity.optional(),
};

function exactOrWhole(value: {
  sku?: string | undefined;
  location?: string | undefined;
  quantity?: number | undefined;
}) {
  return value.quantity === undefined
    ? value.sku === undefined && value.location === undefined
    : value.sku !== undefined;
}
const exactOrWholeMessage =
  'quantity を指定するときは sku も、省略するときは sku と location も省略してください';

/**
 * Release (引当解除) a reservation: with `sku` and `quantity`, exactly that much of one SKU and location;
 * with only `orderLineId`, everything the order line holds (cancel, or the first half of a re-allocation).
 */
export const ReleaseOperation = z
  .object({ op: z.literal('release'), ...lineScoped })
  .refine(exactOrWhole, { message: exactOrWholeMessage, path: ['quantity'] });
/** @see {@link ReleaseOperation} */
export type ReleaseOperation = z.infer<typeof ReleaseOperation>;

/**
 * Commit (出荷確定) a reservation on shipment: `onHand` and `reserved` both go down and a `shipment`
 * movement is written. Scoped like {@link ReleaseOperation}.
 */
export const CommitOperation = z
  .object({ op: z.literal('commit'), ...lineScoped })
  .refine(exactOrWhole, { message: exactOrWholeMessage, path: ['quantity'] });
/** @see {@link CommitOperation} */
export type CommitOperation = z.infer<typeof CommitOperation>;

/** The movement kinds an adjustment can record; `shipment` comes only from {@link CommitOperation}. */
export const AdjustmentKind = MovementKind.exclude(['shipment']);
/** @see {@link AdjustmentKind} */
export type AdjustmentKind = z.infer<typeof AdjustmentKind>;

/**
 * Change `onHand` by a signed `quantity` (入荷 +, 店舗販売 −, 棚卸調整 ±, 返品 +) and write a movement.
 * Refused when `onHand` would go below zero or below what is reserved.
 */
export const AdjustOperation = z.object({
  op: z.literal('adjust'),
  kind: AdjustmentKind,
  sku: Sku,
  location: LocationId.optional(),
  quantity: z
    .number()
    .int()
    .refine((value) => value !== 0, { message: '調整数に0は指定できません' }),
  reason: z.string().min(1).optional(),
});
/** @see {@link AdjustOperation} */
export type AdjustOperation = z.infer<typeof AdjustOperation>;

/** Set the safety stock (安全在庫) of one SKU at one location. */
export const SetSafetyStockOperation = z.object({
  op: z.literal('set_safety_stock'),
  sku: Sku,
  location: LocationId.optional(),
  quantity: z.number().int().nonnegative(),
});
/** @see {@link SetSafetyStockOperation} */
export type SetSafetyStockOperation = z.infer<typeof SetSafetyStockOperation>;

/** One operation of a {@link StockBatch}. */
export const StockOperation = z.discriminatedUnion('op', [
  ReserveOperation,
  ReleaseOperation,
  CommitOperation,
  AdjustOperation,
  SetSafetyStockOperation,
]);
/** @see {@link StockOperation} */
export type StockOperation = z.infer<typeof StockOperation>;

/**
 * An all-or-nothing batch of stock operations (在庫処理) under one idempotency key (処理キー).
 *
 * The store nets every operation of the batch per (SKU, location) and per reservation before checking, so
 * two lines on the same SKU are checked together, and a release in the batch frees stock for a reserve in
 * the same batch (re-allocation). Either every operation applies or none does. `actor` and `at` are
 * written to the ledger; the idempotency fingerprint covers `operations` only, so a retry with a fresh `at`
 * is still the same batch.
 */
export const StockBatch = z.object({
  key: z.string().min(1),
  actor: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  operations: z.array(StockOperation).min(1),
});
/** @see {@link StockBatch} */
export type StockBatch = z.infer<typeof StockBatch>;

/** How one reservation changed in a batch; `after` 0 means the reservation is gone. */
export const ReservationChange = z.object({
  orderLineId: z.string().min(1),
  sku: Sku,
  location: LocationId.optional(),
  before: z.number().int().nonnegative(),
  after: z.number().int().nonnegative(),
});
/** @see {@link ReservationChange} */
export type ReservationChange = z.infer<typeof ReservationChange>;

/**
 * What an applied batch did: the touched stock levels after it, the reservation changes and the movements
 * written, all in sorted key order. `replayed` is true when the key had already been applied with the
 * same operations and this is the stored outcome of that first run.
 */
export const StockBatchOutcome = z.object({
  key: z.string().min(1),
  replayed: z.boolean(),
  levels: z.array(StockLevel),
  reservations: z.array(ReservationChange),
  movements: z.array(Movement),
});
/** @see {@link StockBatchOutcome} */
export type StockBatchOutcome = z.infer<typeof StockBatchOutcome>;
