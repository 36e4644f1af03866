import { byCodeUnit, canonicalJson, createIssue, fail, HakobuError, ok, type Result } from '@hakobu/core';
import {
  evaluateBatch,
  Movement,
  Reservation,
  StockBatch,
  type StockBatchOutcome,
  StockLevel,
  type StockStore,
  type StockView,
} from '@hakobu/inventory';
import { jsonFile, serialQueue } from './json-file';

const FORMAT = 'hakobu-example/stock@1';

/** What the file holds: the state of the store, including the keys it has applied (for idempotency). */
interface StockDocument {
  levels: StockLevel[];
  reservations: Reservation[];
  movements: Movement[];
  applied: { key: string; fingerprint: string; outcome: StockBatchOutcome }[];
}

// The port fixes one order for keys and reads: UTF-16 code units, SKU then location, order line then SKU
// then location, an absent location first.
const levelKey = (sku: string, location: string | undefined) => `${sku}\u0000${location ?? ''}`;
const reservationKey = (orderLineId: string, sku: string, location: string | undefined) =>
  `${orderLineId}\u0000${sku}\u0000${location ?? ''}`;

function sortedCopies<T extends object>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort(byCodeUnit).map((key) => ({ ...map.get(key)! }));
}

/**
 * A {@link StockStore} kept in one JSON file (JSONファイル在庫ストア). The hard part of the port — netting a
 * batch, checking it and deciding what to write — is `evaluateBatch` of `@hakobu/inventory`, a pure function;
 * the adapter supplies a read-only view of its state and writes what it returns, all or nothing. What the
 * adapter itself must get right, and what `stockStoreChecks` checks:
 *
 * - check and write in one step: here a queue runs one `apply` at a time, because writing the file is an
 *   `await` (a SQL adapter uses one transaction with row locks taken in sorted key order instead);
 * - idempotency: an applied key is stored with a fingerprint of its operations and its outcome, so a retry is
 *   replayed and a reuse with other operations is refused; a refused batch is not stored;
 * - reads are copies in the port's order.
 *
 * @example
 * ```ts
 * const store = await openJsonFileStockStore('/var/lib/shop/stock.json');
 * await allocate({ store, catalog, clock: systemClock }, request); // @hakobu/inventory
 * ```
 */
export async function openJsonFileStockStore(path: string): Promise<StockStore> {
  const file = jsonFile<StockDocument>(path, FORMAT);
  const loaded = (await file.read()) ?? { levels: [], reservations: [], movements: [], applied: [] };
  const valid =
    loaded.levels.every((level) => StockLevel.safeParse(level).success) &&
    loaded.reservations.every((reservation) => Reservation.safeParse(reservation).success) &&
    loaded.movements.every((movement) => Movement.safeParse(movement).success);
  if (!valid) throw new HakobuError('adapter.file_corrupt', `${path} に在庫として読めない記録があります`);
  let levels = new Map(loaded.levels.map((level) => [levelKey(level.sku, level.location), level]));
  let reservations = new Map(
    loaded.reservations.map((r) => [reservationKey(r.orderLineId, r.sku, r.location), r]),
  );
  let movements = loaded.movements;
  let applied = new Map(loaded.applied.map((entry) => [entry.key, entry]));
  const serial = serialQueue();

  const view: StockView = {
    level: (sku, location) => levels.get(levelKey(sku, location)),
    reserved: (orderLineId, sku, location) =>
      reservations.get(reservationKey(orderLineId, sku, location))?.quantity ?? 0,
    reservationsOf: (orderLineId) =>
      [...reservations.entries()]
        .filter(([, reservation]) => reservation.orderLineId === orderLineId)
        .sort(([a], [b]) => byCodeUnit(a, b))
        .map(([, reservation]) => reservation),
  };

  async function applyNow(input: StockBatch): Promise<Result<StockBatchOutcome>> {
    const parsed = StockBatch.safeParse(input);
    if (!parsed.success) {
      const key = typeof input?.key === 'string' ? input.key : '';
      return fail(
        parsed.error.issues.map((issue) =>
          createIssue(
            'inventory.invalid_batch',
            `在庫処理「${key}」の項目「${issue.path.join('.')}」が不正です: ${issue.message}`,
            { path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)) },
          ),
        ),
      );
    }
    const batch = parsed.data;
    const fingerprint = canonicalJson(batch.operations);
    const previous = applied.get(batch.key);
    if (previous !== undefined) {
      if (previous.fingerprint === fingerprint)
        return ok(structuredClone({ ...previous.outcome, replayed: true }));
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
    const write = decision.value;
    const nextLevels = new Map(levels);
    for (const level of write.levels) nextLevels.set(levelKey(level.sku, level.location), level);
    const nextReservations = new Map(reservations);
    for (const change of write.reservations) {
      const key = reservationKey(change.orderLineId, change.sku, change.location);
      if (change.after === 0) nextReservations.delete(key);
      else {
        const reservation: Reservation = {
          orderLineId: change.orderLineId,
          sku: change.sku,
          quantity: change.after,
        };
        if (change.location !== undefined) reservation.location = change.location;
        nextReservations.set(key, reservation);
      }
    }
    const outcome: StockBatchOutcome = { key: batch.key, replayed: false, ...write };
    const nextApplied = new Map(applied).set(batch.key, { key: batch.key, fingerprint, outcome });
    const nextMovements = [...movements, ...write.movements];
    try {
      await file.write({
        levels: [...nextLevels.values()],
        reservations: [...nextReservations.values()],
        movements: nextMovements,
        applied: [...nextApplied.values()],
      });
    } catch (error) {
      return fail([
        createIssue(
          'adapter.write_failed',
          `在庫処理「${batch.key}」を ${path} に保存できませんでした: ${String(error)}`,
        ),
      ]);
    }
    levels = nextLevels;
    reservations = nextReservations;
    movements = nextMovements;
    applied = nextApplied;
    return ok(structuredClone(outcome));
  }

  return {
    specificationVersion: 'v1',
    apply: (batch) => serial(() => applyNow(batch)),
    async readLevels(query = {}) {
      const skus = query.skus === undefined ? undefined : new Set(query.skus);
      return sortedCopies(levels).filter((level) => skus === undefined || skus.has(level.sku));
    },
    async readReservations(query = {}) {
      const lines = query.orderLineIds === undefined ? undefined : new Set(query.orderLineIds);
      const skus = query.skus === undefined ? undefined : new Set(query.skus);
      return sortedCopies(reservations).filter(
        (r) => (lines === undefined || lines.has(r.orderLineId)) && (skus === undefined || skus.has(r.sku)),
      );
    },
    async readMovements(query = {}) {
      return movements
        .filter(
          (m) =>
            (query.sku === undefined || m.sku === query.sku) &&
            (query.batchKey === undefined || m.batchKey === query.batchKey),
        )
        .map((m) => ({ ...m }));
    },
  };
}
