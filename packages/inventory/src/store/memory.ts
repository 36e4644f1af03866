import { byCodeUnit, canonicalJson, copyData, createIssue, fail, ok, type Result } from '@hakobu/core';
import type { Movement, Reservation, StockLevel } from '../model/stock';
import { StockBatch, type StockBatchOutcome } from './batch';
import { evaluateBatch, type StockView, withLocation } from './evaluate';
import { levelKey, reservationKey } from './keys';
import type { LevelQuery, MovementQuery, ReservationQuery, StockStore } from './port';

interface AppliedBatch {
  readonly fingerprint: string;
  readonly outcome: StockBatchOutcome;
}

/**
 * The in-memory stock store (インメモリ在庫ストア): a complete {@link StockStore} for one process, for
 * development, tests, and hosts that keep stock in memory and snapshot it themselves. Each `apply` checks
 * and writes in one synchronous step, so concurrent async callers can never interleave between the check
 * and the write.
 *
 * @example
 * ```ts
 * const store = createMemoryStockStore();
 * await store.apply({
 *   key: 'receipt-2026-11-28',
 *   actor: '倉庫スタッフ',
 *   at: '2026-11-28T09:00:00+09:00',
 *   operations: [{ op: 'adjust', kind: 'receipt', sku: 'TEA-100', quantity: 20 }],
 * });
 * await store.readLevels({ skus: ['TEA-100'] }); // [{ sku: 'TEA-100', onHand: 20, reserved: 0, safetyStock: 0 }]
 * ```
 */
export function createMemoryStockStore(): StockStore {
  const levels = new Map<string, StockLevel>();
  const reservations = new Map<string, Reservation>();
  const reservationsByLine = new Map<string, Set<string>>();
  const ledger: Movement[] = [];
  const applied = new Map<string, AppliedBatch>();

  const view: StockView = {
    level: (sku, location) => levels.get(levelKey(sku, location)),
    reserved: (orderLineId, sku, location) =>
      reservations.get(reservationKey(orderLineId, sku, location))?.quantity ?? 0,
    reservationsOf: (orderLineId) =>
      [...(reservationsByLine.get(orderLineId) ?? [])].sort(byCodeUnit).map((key) => reservations.get(key)!),
  };

  function applyNow(input: StockBatch): Result<StockBatchOutcome> {
    const parsed = StockBatch.safeParse(input);
    if (!parsed.success) {
      const key = typeof input?.key === 'string' ? input.key : '';
      return fail(
        parsed.error.issues.map((issue) =>
          createIssue(
            'inventory.invalid_batch',
            `在庫処理「${key}」の項目「${issue.path.join('.')}」が不正です: ${issue.message}`,
            {
              path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
            },
          ),
        ),
      );
    }
    const batch = parsed.data;
    const fingerprint = canonicalJson(batch.operations);
    const previous = applied.get(batch.key);
    if (previous !== undefined) {
      if (previous.fingerprint === fingerprint) return ok(copyData({ ...previous.outcome, replayed: true }));
      return fail([
        createIssue(
          'inventory.idempotency_conflict',
          `処理キー「${batch.key}」は別の内容で処理済みです。同じキーで異なる在庫処理は実行できません`,
          { path: ['key'], data: { key: batch.key } },
        ),
      ]);
    }
    const decision = evaluateBatch(view, batch);
    if (!decision.ok) return decision;
    const { levels: after, reservations: changes, movements } = decision.value;
    for (const level of after) levels.set(levelKey(level.sku, level.location), level);
    for (const change of changes)
      writeReservation(change.orderLineId, change.sku, change.location, change.after);
    ledger.push(...movements);
    const outcome: StockBatchOutcome = {
      key: batch.key,
      replayed: false,
      levels: after,
      reservations: changes,
      movements,
    };
    applied.set(batch.key, { fingerprint, outcome: copyData(outcome) });
    return ok(copyData(outcome));
  }

  function writeReservation(
    orderLineId: string,
    sku: string,
    location: string | undefined,
    quantity: number,
  ) {
    const key = reservationKey(orderLineId, sku, location);
    let keys = reservationsByLine.get(orderLineId);
    if (quantity === 0) {
      reservations.delete(key);
      keys?.delete(key);
      if (keys?.size === 0) reservationsByLine.delete(orderLineId);
      return;
    }
    reservations.set(key, withLocation({ orderLineId, sku, quantity }, location));
    if (keys === undefined) {
      keys = new Set();
      reservationsByLine.set(orderLineId, keys);
    }
    keys.add(key);
  }

  return {
    specificationVersion: 'v1',
    // No await before or inside applyNow: the check and the write happen in one turn of the event loop.
    apply: async (batch) => applyNow(batch),
    readLevels: async (query: LevelQuery = {}) => {
      const skus = query.skus === undefined ? undefined : new Set(query.skus);
      return sortedValues(levels).filter((level) => skus === undefined || skus.has(level.sku));
    },
    readReservations: async (query: ReservationQuery = {}) => {
      const lines = query.orderLineIds === undefined ? undefined : new Set(query.orderLineIds);
      const skus = query.skus === undefined ? undefined : new Set(query.skus);
      return sortedValues(reservations).filter(
        (r) => (lines === undefined || lines.has(r.orderLineId)) && (skus === undefined || skus.has(r.sku)),
      );
    },
    readMovements: async (query: MovementQuery = {}) =>
      ledger
        .filter(
          (m) =>
            (query.sku === undefined || m.sku === query.sku) &&
            (query.batchKey === undefined || m.batchKey === query.batchKey),
        )
        .map((m) => ({ ...m })),
  };
}

function sortedValues<T extends object>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort(byCodeUnit).map((key) => ({ ...map.get(key)! }));
}
