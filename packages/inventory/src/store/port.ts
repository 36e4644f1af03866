import type { Result } from '@hakobu/core';
import type { Movement, Reservation, StockLevel } from '../model/stock';
import type { StockBatch, StockBatchOutcome } from './batch';

/** Which stock levels to read; absent fields read everything. */
export interface LevelQuery {
  /** Only these SKUs. */
  readonly skus?: readonly string[];
}

/** Which reservations to read; absent fields read everything. */
export interface ReservationQuery {
  /** Only reservations of these order lines. */
  readonly orderLineIds?: readonly string[];
  /** Only reservations on these SKUs. */
  readonly skus?: readonly string[];
}

/** Which movements to read; absent fields read the whole ledger. */
export interface MovementQuery {
  /** Only movements of this SKU. */
  readonly sku?: string;
  /** Only movements written by this batch. */
  readonly batchKey?: string;
}

/**
 * The stock store port (在庫ストア): where stock levels, reservations and the movement ledger live. A host
 * implements it on its database; `createMemoryStockStore` is the in-process implementation, and
 * `stockStoreChecks` in `@hakobu/inventory/testing` checks any implementation.
 *
 * The contract, which the conformance suite tests:
 *
 * 1. `apply` is atomic and conditional: every operation of the batch is netted per (SKU, location) and per
 *    reservation, checked against the current state, and either all are written or none. It never reads,
 *    awaits outside I/O and then writes on what it read: the check and the write are one step (one SQL
 *    statement or transaction with row locks taken in sorted key order, or one synchronous section).
 * 2. Keys (SKU + location, then order line + SKU + location) are processed in sorted order, so two
 *    concurrent batches never deadlock and issues come out in a stable order.
 * 3. Afterwards `0 ≤ reserved ≤ onHand` for every level and every reservation is positive. A refused batch
 *    reports every problem (`inventory.shortfall` per SKU and location, not only the first).
 * 4. An applied key is remembered: the same key with the same operations returns the first outcome with
 *    `replayed: true` and applies nothing; the same key with other operations fails with
 *    `inventory.idempotency_conflict`. A refused batch is not remembered, so it may be retried.
 * 5. Reads return copies, sorted by key (movements in ledger order).
 */
export interface StockStore {
  /** The version of this contract the implementation follows. */
  readonly specificationVersion: 'v1';
  /** Applies a batch atomically, or refuses it with every issue found. */
  apply(batch: StockBatch): Promise<Result<StockBatchOutcome>>;
  /** Reads stock levels. */
  readLevels(query?: LevelQuery): Promise<StockLevel[]>;
  /** Reads reservations. */
  readReservations(query?: ReservationQuery): Promise<Reservation[]>;
  /** Reads the movement ledger (入出庫履歴). */
  readMovements(query?: MovementQuery): Promise<Movement[]>;
}
