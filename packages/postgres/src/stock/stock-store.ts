import { byCodeUnit, canonicalJson, createIssue, fail, HakobuError, ok, type Result } from '@hakobu/core';
import {
  evaluateBatch,
  type Movement,
  type Reservation,
  StockBatch,
  type StockBatchOutcome,
  type StockLevel,
  type StockStore,
  type StockView,
} from '@hakobu/inventory';
import { DEFAULT_SCHEMA, quoteSchema, type SqlDatabase, type SqlExecutor, withRetry } from '../sql/database';
import { levelKey, reservationKey } from './keys';

/** Options of {@link createPostgresStockStore}. */
export interface PostgresStockStoreOptions {
  /** The schema {@link migrate} created (default `hakobu`). */
  readonly schema?: string;
}

interface LevelRow {
  sku: string;
  location: string;
  on_hand: number;
  reserved: number;
  safety_stock: number;
}

interface ReservationRow {
  order_line_id: string;
  sku: string;
  location: string;
  quantity: number;
}

interface MovementRow {
  id: string;
  batch_key: string;
  kind: Movement['kind'];
  sku: string;
  location: string | null;
  quantity: number;
  reason: string | null;
  order_line_id: string | null;
  actor: string;
  at: string;
}

/** Rolls the transaction back and carries the refusal out of it. */
class Refused {
  constructor(readonly result: Result<StockBatchOutcome>) {}
}

/** A whole-line release or commit met reservations on levels this attempt did not lock: lock them too, again. */
class MoreLevels {
  constructor(readonly keys: ReadonlyArray<readonly [string, string]>) {}
}

const LOCK_ROUNDS = 16;

/**
 * The stock store on PostgreSQL (PostgreSQL在庫ストア): `StockStore` of `@hakobu/inventory` in plain SQL, on
 * PGlite or a server. One `apply` is one transaction:
 *
 * 1. the idempotency key is claimed in `stock_batches` (primary key): a concurrent retry of the same key
 *    waits there and then replays the stored outcome, or reports `inventory.idempotency_conflict`;
 * 2. every touched stock level is locked (`SELECT … FOR UPDATE`) in one fixed order, SKU then location by
 *    UTF-16 code units, the order of `@hakobu/inventory`, so concurrent batches never deadlock;
 * 3. `evaluateBatch` of `@hakobu/inventory` nets the operations and finds every issue, exactly as the
 *    in-memory store does;
 * 4. levels are written as conditional updates (`reserved = reserved + n … WHERE on_hand + Δ >= reserved + n`)
 *    under `CHECK (0 <= reserved <= on_hand)`, then reservations, the ledger and the outcome.
 *
 * A refused batch rolls back, so its key is not remembered. Deadlocks and serialization failures (from
 * hosts on `SERIALIZABLE`) are retried. Run {@link migrate} first.
 *
 * @example
 * ```ts
 * const db = new PGlite();
 * await migrate(db);
 * const store = createPostgresStockStore(db);
 * await store.apply({
 *   key: 'receipt-2026-11-28',
 *   actor: '倉庫スタッフ',
 *   at: '2026-11-28T09:00:00+09:00',
 *   operations: [{ op: 'adjust', kind: 'receipt', sku: 'TEA-100', quantity: 20 }],
 * });
 * ```
 */
export function createPostgresStockStore(
  db: SqlDatabase,
  options: PostgresStockStoreOptions = {},
): StockStore {
  const s = quoteSchema(options.schema ?? DEFAULT_SCHEMA);

  async function apply(input: StockBatch): Promise<Result<StockBatchOutcome>> {
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
    const extra = new Map<string, readonly [string, string]>();
    for (let round = 1; round <= LOCK_ROUNDS; round += 1) {
      try {
        return await withRetry(db, (tx) => attempt(tx, batch, fingerprint, [...extra.values()]));
      } catch (error) {
        if (error instanceof Refused) return error.result;
        if (!(error instanceof MoreLevels)) throw error;
        for (const key of error.keys) extra.set(levelKey(key[0], key[1]), key);
      }
    }
    throw new HakobuError(
      'postgres.stock_lock_rounds',
      `在庫処理「${batch.key}」の引当対象が処理中に変わり続けたため、${LOCK_ROUNDS}回試して中止しました`,
      { data: { key: batch.key } },
    );
  }

  async function attempt(
    tx: SqlExecutor,
    batch: StockBatch,
    fingerprint: string,
    extra: ReadonlyArray<readonly [string, string]>,
  ): Promise<Result<StockBatchOutcome>> {
    const keys = new Map<string, readonly [string, string]>();
    const want = (sku: string, location: string) => keys.set(levelKey(sku, location), [sku, location]);
    const sortedKeys = () => [...keys.keys()].sort(byCodeUnit).map((key) => keys.get(key)!);
    for (const op of batch.operations) if (op.sku !== undefined) want(op.sku, op.location ?? '');
    for (const [sku, location] of extra) want(sku, location);
    const named = sortedKeys();
    // Claim the key and create the missing level rows (in key order) in one round trip. Rows found only
    // through a whole-line release below need no creating: a reservation always sits on an existing level.
    const claimed = await tx.query(
      `WITH claim AS (
         INSERT INTO ${s}.stock_batches (key, fingerprint) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key
       ), created AS (
         INSERT INTO ${s}.stock_levels (sku, location)
         SELECT k.sku, k.location FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS k(sku, location, n)
         WHERE EXISTS (SELECT 1 FROM claim)
         ORDER BY k.n ON CONFLICT DO NOTHING
       )
       SELECT key FROM claim`,
      [batch.key, fingerprint, named.map(([sku]) => sku), named.map(([, location]) => location)],
    );
    if (claimed.rows.length === 0) return remembered(tx, batch.key, fingerprint);

    const lines = [...new Set(batch.operations.map((op) => ('orderLineId' in op ? op.orderLineId : '')))]
      .filter((line) => line !== '')
      .sort(byCodeUnit);
    const wholeLines = new Set(
      batch.operations.flatMap((op) =>
        (op.op === 'release' || op.op === 'commit') && op.sku === undefined ? [op.orderLineId] : [],
      ),
    );
    if (wholeLines.size > 0) {
      const held = await tx.query<ReservationRow>(
        `SELECT sku, location FROM ${s}.stock_reservations WHERE order_line_id = ANY($1::text[])`,
        [[...wholeLines]],
      );
      for (const row of held.rows) want(row.sku, row.location);
    }
    const sorted = sortedKeys();
    const skus = sorted.map(([sku]) => sku);
    const locations = sorted.map(([, location]) => location);

    const levels = new Map<string, LevelRow>();
    if (sorted.length > 0) {
      const locked = await tx.query<LevelRow>(
        `SELECT l.sku, l.location, l.on_hand, l.reserved, l.safety_stock
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(sku, location, n)
         JOIN ${s}.stock_levels AS l ON l.sku = k.sku AND l.location = k.location
         ORDER BY k.n FOR UPDATE OF l`,
        [skus, locations],
      );
      for (const row of locked.rows) levels.set(levelKey(row.sku, row.location), row);
    }

    const reservations = new Map<string, ReservationRow>();
    const byLine = new Map<string, string[]>();
    if (lines.length > 0) {
      const held = await tx.query<ReservationRow>(
        `SELECT order_line_id, sku, location, quantity FROM ${s}.stock_reservations WHERE order_line_id = ANY($1::text[])`,
        [lines],
      );
      const unlocked: Array<readonly [string, string]> = [];
      for (const row of held.rows) {
        if (!levels.has(levelKey(row.sku, row.location))) {
          if (wholeLines.has(row.order_line_id)) unlocked.push([row.sku, row.location]);
          continue;
        }
        const key = reservationKey(row.order_line_id, row.sku, row.location);
        reservations.set(key, row);
        byLine.set(row.order_line_id, [...(byLine.get(row.order_line_id) ?? []), key]);
      }
      if (unlocked.length > 0) throw new MoreLevels(unlocked);
    }

    const view: StockView = {
      level(sku, location) {
        const row = levels.get(levelKey(sku, location ?? ''));
        return row === undefined ? undefined : toLevel(row);
      },
      reserved: (line, sku, location) =>
        reservations.get(reservationKey(line, sku, location ?? ''))?.quantity ?? 0,
      reservationsOf: (line) =>
        (byLine.get(line) ?? []).sort(byCodeUnit).map((key) => toReservation(reservations.get(key)!)),
    };
    const decision = evaluateBatch(view, batch);
    if (!decision.ok) throw new Refused(decision);
    const { levels: after, reservations: changes, movements } = decision.value;

    const before = after.map((level) => levels.get(levelKey(level.sku, level.location ?? '')));
    const kept = changes.filter((change) => change.after > 0);
    const gone = changes.filter((change) => change.after === 0);
    const outcome: StockBatchOutcome = {
      key: batch.key,
      replayed: false,
      levels: after,
      reservations: changes,
      movements,
    };
    // Every write in one statement (one round trip); the level update is conditional, and the statement
    // reports how many levels it matched, so a broken lock order could never write past the guard unseen.
    const written = await tx.query<{ levels: number | string }>(
      `WITH levels AS (
         UPDATE ${s}.stock_levels AS l
         SET on_hand = l.on_hand + d.d_on_hand, reserved = l.reserved + d.d_reserved, safety_stock = d.safety
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[]) AS d(sku, location, d_on_hand, d_reserved, safety)
         WHERE l.sku = d.sku AND l.location = d.location
           AND l.on_hand + d.d_on_hand >= l.reserved + d.d_reserved AND l.reserved + d.d_reserved >= 0
         RETURNING 1
       ), kept AS (
         INSERT INTO ${s}.stock_reservations (order_line_id, sku, location, quantity)
         SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::int[])
         ON CONFLICT (order_line_id, sku, location) DO UPDATE SET quantity = EXCLUDED.quantity
       ), gone AS (
         DELETE FROM ${s}.stock_reservations AS r
         USING unnest($10::text[], $11::text[], $12::text[]) AS g(order_line_id, sku, location)
         WHERE r.order_line_id = g.order_line_id AND r.sku = g.sku AND r.location = g.location
       ), ledger AS (
         INSERT INTO ${s}.stock_movements (id, batch_key, kind, sku, location, quantity, reason, order_line_id, actor, at)
         SELECT m.id, m.batch_key, m.kind, m.sku, m.location, m.quantity, m.reason, m.order_line_id, m.actor, m.at
         FROM unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::int[], $19::text[], $20::text[], $21::text[], $22::text[])
         WITH ORDINALITY AS m(id, batch_key, kind, sku, location, quantity, reason, order_line_id, actor, at, n)
         ORDER BY m.n
       ), remembered AS (
         UPDATE ${s}.stock_batches SET outcome = $24 WHERE key = $23
       )
       SELECT count(*) AS levels FROM levels`,
      [
        after.map((level) => level.sku),
        after.map((level) => level.location ?? ''),
        after.map((level, i) => level.onHand - (before[i]?.on_hand ?? 0)),
        after.map((level, i) => level.reserved - (before[i]?.reserved ?? 0)),
        after.map((level) => level.safetyStock),
        kept.map((c) => c.orderLineId),
        kept.map((c) => c.sku),
        kept.map((c) => c.location ?? ''),
        kept.map((c) => c.after),
        gone.map((c) => c.orderLineId),
        gone.map((c) => c.sku),
        gone.map((c) => c.location ?? ''),
        movements.map((m) => m.id),
        movements.map((m) => m.batchKey),
        movements.map((m) => m.kind),
        movements.map((m) => m.sku),
        movements.map((m) => m.location ?? null),
        movements.map((m) => m.quantity),
        movements.map((m) => m.reason ?? null),
        movements.map((m) => m.orderLineId ?? null),
        movements.map((m) => m.actor),
        movements.map((m) => m.at),
        batch.key,
        JSON.stringify(outcome),
      ],
    );
    const matched = Number(written.rows[0]?.levels ?? 0);
    if (matched !== after.length)
      throw new HakobuError(
        'postgres.stock_guard',
        `在庫処理「${batch.key}」の条件付き更新が ${after.length} 件中 ${matched} 件しか当たりませんでした（ロックの不整合）`,
        { data: { key: batch.key } },
      );
    return ok(outcome);
  }

  async function remembered(
    tx: SqlExecutor,
    key: string,
    fingerprint: string,
  ): Promise<Result<StockBatchOutcome>> {
    const found = await tx.query<{ fingerprint: string; outcome: string | null }>(
      `SELECT fingerprint, outcome FROM ${s}.stock_batches WHERE key = $1`,
      [key],
    );
    const row = found.rows[0];
    if (row?.outcome == null)
      throw new HakobuError(
        'postgres.stock_batch_pending',
        `処理キー「${key}」の記録が読めません（処理中のまま残っています）`,
        { data: { key } },
      );
    if (row.fingerprint === fingerprint) {
      const outcome = JSON.parse(row.outcome) as StockBatchOutcome;
      return ok({ ...outcome, replayed: true });
    }
    return fail([
      createIssue(
        'inventory.idempotency_conflict',
        `処理キー「${key}」は別の内容で処理済みです。同じキーで異なる在庫処理は実行できません`,
        { path: ['key'], data: { key } },
      ),
    ]);
  }

  return {
    specificationVersion: 'v1',
    apply,
    async readLevels(query = {}) {
      const rows =
        query.skus === undefined
          ? await db.query<LevelRow>(
              `SELECT sku, location, on_hand, reserved, safety_stock FROM ${s}.stock_levels`,
            )
          : await db.query<LevelRow>(
              `SELECT sku, location, on_hand, reserved, safety_stock FROM ${s}.stock_levels WHERE sku = ANY($1::text[])`,
              [[...query.skus]],
            );
      return rows.rows
        .sort((a, b) => byCodeUnit(levelKey(a.sku, a.location), levelKey(b.sku, b.location)))
        .map(toLevel);
    },
    async readReservations(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.orderLineIds !== undefined) {
        params.push([...query.orderLineIds]);
        where.push(`order_line_id = ANY($${params.length}::text[])`);
      }
      if (query.skus !== undefined) {
        params.push([...query.skus]);
        where.push(`sku = ANY($${params.length}::text[])`);
      }
      const rows = await db.query<ReservationRow>(
        `SELECT order_line_id, sku, location, quantity FROM ${s}.stock_reservations${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
        params,
      );
      return rows.rows
        .sort((a, b) =>
          byCodeUnit(
            reservationKey(a.order_line_id, a.sku, a.location),
            reservationKey(b.order_line_id, b.sku, b.location),
          ),
        )
        .map(toReservation);
    },
    async readMovements(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.sku !== undefined) {
        params.push(query.sku);
        where.push(`sku = $${params.length}`);
      }
      if (query.batchKey !== undefined) {
        params.push(query.batchKey);
        where.push(`batch_key = $${params.length}`);
      }
      const rows = await db.query<MovementRow>(
        `SELECT id, batch_key, kind, sku, location, quantity, reason, order_line_id, actor, at FROM ${s}.stock_movements${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
        params,
      );
      return rows.rows.map(toMovement);
    },
  };
}

function toLevel(row: LevelRow): StockLevel {
  const level: StockLevel = {
    sku: row.sku,
    onHand: Number(row.on_hand),
    reserved: Number(row.reserved),
    safetyStock: Number(row.safety_stock),
  };
  return row.location === '' ? level : { ...level, location: row.location };
}

function toReservation(row: ReservationRow): Reservation {
  const reservation: Reservation = {
    orderLineId: row.order_line_id,
    sku: row.sku,
    quantity: Number(row.quantity),
  };
  return row.location === '' ? reservation : { ...reservation, location: row.location };
}

function toMovement(row: MovementRow): Movement {
  const movement: Movement = {
    id: row.id,
    batchKey: row.batch_key,
    kind: row.kind,
    sku: row.sku,
    quantity: Number(row.quantity),
    actor: row.actor,
    at: row.at,
  };
  if (row.location !== null) movement.location = row.location;
  if (row.order_line_id !== null) movement.orderLineId = row.order_line_id;
  if (row.reason !== null) movement.reason = row.reason;
  return movement;
}
