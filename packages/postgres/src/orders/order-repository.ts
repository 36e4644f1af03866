import {
  blindIndex,
  copyData,
  DASH_CHARACTERS,
  decryptField,
  encryptField,
  fail,
  HakobuError,
  normalizeAddressKey,
  normalizeName,
  normalizePhone,
  ok,
  toJapanDate,
} from '@hakobu/core';
import {
  checkOrderChanges,
  fullAddress,
  isOpenAlert,
  isRedactedOrder,
  type MallOrderKey,
  mallKeyString,
  type Order,
  type OrderChange,
  type OrderEvent,
  type OrderQuery,
  type OrderRepository,
  type QueryResult,
  REDACTION_EVENT,
} from '@hakobu/orders';
import {
  DEFAULT_SCHEMA,
  isUniqueViolation,
  quoteSchema,
  type SqlDatabase,
  type SqlExecutor,
  withRetry,
} from '../sql/database';
import type { PiiProtection } from './blacklist-store';

/** Options of {@link createPostgresOrderRepository}. */
export interface PostgresOrderRepositoryOptions {
  /** The schema {@link migrate} created (default `hakobu`). */
  readonly schema?: string;
  /**
   * Store each order and each history event as an `encryptField` envelope, and the name, address and phone
   * search columns as blind indexes: the text search then matches whole names, addresses and phone numbers
   * (as normalised by `@hakobu/core`) instead of parts of them.
   */
  readonly pii?: PiiProtection;
}

/** Which events of the history table to read; absent fields read everything. */
export interface OrderEventQuery {
  /** Only events of this order. */
  readonly orderId?: string;
  /** Only events at or after this instant (ISO 8601, compared as recorded, Japan time). */
  readonly from?: string;
  /** Only events before this instant. */
  readonly to?: string;
  /** At most this many events (default 1,000). */
  readonly limit?: number;
}

/** One row of the event history (履歴): the event, and the order and position it was recorded at. */
export interface OrderEventRecord {
  readonly orderId: string;
  readonly position: number;
  readonly event: OrderEvent;
}

/**
 * `OrderRepository` of `@hakobu/orders` on PostgreSQL plus a read of the event history table across orders (操作履歴の検索).
 */
export interface PostgresOrderRepository extends OrderRepository {
  /** Events of the history table, by instant then order and position. */
  events(query?: OrderEventQuery): Promise<OrderEventRecord[]>;
}

interface StoredRow {
  id: string;
  version: number;
  channel: string;
  shop_id: string;
  mall_order_number: string;
  history_length: number;
}

/** A concurrent writer got in between the checks and the writes: run the whole save again. */
class Raced extends Error {}

const SAVE_ROUNDS = 8;
const PHONE_LIKE = new RegExp(`^[+＋]?[0-9０-９\\s()（）${DASH_CHARACTERS}]+$`, 'u');

/**
 * The order repository on PostgreSQL (PostgreSQL受注リポジトリ). Each order is one row: the whole order as
 * `jsonb` (the truth that `get` returns) beside the columns a search needs: mall key (unique), status,
 * channel, shop, payment method, `orderedAt` and its Japan date, billed total, tags, alert and tracking
 * flags, and the match keys of `@hakobu/core` for names, readings, addresses and phones. Every event of an
 * order's history is also written to `order_events`, so history is searchable across orders.
 *
 * `save` is one transaction: the stored rows are locked, every problem is reported as the in-memory
 * repository does (`orders.repository.stale_version`, `already_exists`, `duplicate_mall_key`), and updates
 * are conditional on the version (`UPDATE … WHERE id = $1 AND version = $expected`). `query` translates
 * `OrderQuery` to SQL with the same meaning, sorted by `orderedAt`, then id by code unit.
 *
 * @example
 * ```ts
 * const db = new PGlite();
 * await migrate(db);
 * const orders = createPostgresOrderRepository(db);
 * await orders.save([{ order, expectedVersion: null }]);
 * await orders.query({ text: 'ﾔﾏﾀﾞ' }, { offset: 0, limit: 50 });
 * ```
 */
export function createPostgresOrderRepository(
  db: SqlDatabase,
  options: PostgresOrderRepositoryOptions = {},
): PostgresOrderRepository {
  const s = quoteSchema(options.schema ?? DEFAULT_SCHEMA);
  const pii = options.pii;

  async function sealed(value: unknown, associatedData: string): Promise<unknown> {
    return pii === undefined ? value : encryptField(JSON.stringify(value), pii.keyring, { associatedData });
  }

  async function opened<T>(value: T | string, associatedData: string): Promise<T> {
    if (typeof value !== 'string') return value;
    if (pii === undefined)
      throw new HakobuError('postgres.pii_required', '暗号化された受注データを読むには pii の鍵が必要です', {
        data: { associatedData },
      });
    const plain = await decryptField(value, pii.keyring, { associatedData, label: '受注データ' });
    if (!plain.ok)
      throw new HakobuError(
        'postgres.order_undecryptable',
        `受注データ（${associatedData}）を復号できません: ${plain.issues.map((i) => i.message).join(' / ')}`,
        { data: { associatedData, codes: plain.issues.map((i) => i.code) } },
      );
    return JSON.parse(plain.value) as T;
  }

  async function keys(values: readonly string[], kind: 'name' | 'address' | 'phone'): Promise<string[]> {
    const present = values.filter((value) => value.trim() !== '');
    if (pii === undefined) {
      const normalise =
        kind === 'name' ? normalizeName : kind === 'address' ? normalizeAddressKey : normalizePhone;
      return [...new Set(present.map(normalise).filter((key) => key !== ''))];
    }
    const indexes = await Promise.all(present.map((value) => blindIndex(value, kind, pii.indexKey)));
    return [...new Set(indexes.flatMap((index) => (index.ok ? [index.value] : [])))];
  }

  async function rowOf(order: Order) {
    // A redacted order keeps no search keys: indexing its placeholders would only make it findable by them.
    const parties = isRedactedOrder(order)
      ? []
      : [order.orderer, ...order.shipments.map((shipment) => shipment.destination)];
    return {
      id: order.id,
      channel: order.channel,
      shop_id: order.shopId,
      mall_order_number: order.mallOrderNumber,
      version: order.version,
      status: order.status,
      payment_method: order.payment.method,
      ordered_at: order.orderedAt,
      ordered_date: toJapanDate(order.orderedAt),
      billed_total: order.amounts.billedTotal,
      tags: order.tags,
      // Acknowledged (確認済み) alerts do not count, as in the in-memory repository's `hasAlerts`.
      alert_count: order.alerts.filter(isOpenAlert).length,
      has_tracking: order.shipments.some((shipment) => shipment.trackingNumbers.length > 0),
      name_keys: await keys(
        parties.flatMap((p) => [p.name, p.nameKana ?? '']),
        'name',
      ),
      address_keys: await keys(parties.map(fullAddress), 'address'),
      phone_keys: await keys(
        parties.map((p) => p.phone),
        'phone',
      ),
      state: await sealed(order, `order:${order.id}`),
      history_length: order.history.length,
    };
  }

  async function whereOf(query: OrderQuery): Promise<{ where: string; params: unknown[] }> {
    const text = query.text?.trim() ?? '';
    if (text === '' || pii === undefined) return plainWhereOf(query);
    const { where, params } = plainWhereOf({ ...query, text: undefined });
    const any = [`strpos(mall_order_number, $${params.push(text)}) > 0`];
    for (const [column, kind] of [
      ['name_keys', 'name'],
      ['address_keys', 'address'],
      ['phone_keys', 'phone'],
    ] as const) {
      const [key] = await keys([text], kind);
      if (key !== undefined) any.push(`$${params.push(key)} = ANY(${column})`);
    }
    const clause = `(${any.join(' OR ')})`;
    return { where: where === '' ? ` WHERE ${clause}` : `${where} AND ${clause}`, params };
  }

  async function saveOnce(tx: SqlExecutor, changes: readonly OrderChange[]) {
    const ids = [...new Set(changes.map((change) => change.order.id))];
    const stored = await tx.query<StoredRow>(
      `SELECT id, version, channel, shop_id, mall_order_number, history_length FROM ${s}.orders
       WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE`,
      [ids],
    );
    const byId = new Map(stored.rows.map((row) => [row.id, row]));
    const owners = await tx.query<StoredRow>(
      `SELECT o.id, o.channel, o.shop_id, o.mall_order_number FROM ${s}.orders AS o
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(channel, shop_id, mall_order_number)
         ON o.channel = k.channel AND o.shop_id = k.shop_id AND o.mall_order_number = k.mall_order_number`,
      [
        changes.map((c) => c.order.channel),
        changes.map((c) => c.order.shopId),
        changes.map((c) => c.order.mallOrderNumber),
      ],
    );
    const byMallKey = new Map(
      owners.rows.map((row) => [
        mallKeyString({
          channel: row.channel,
          shopId: row.shop_id,
          mallOrderNumber: row.mall_order_number,
        } as MallOrderKey),
        row.id,
      ]),
    );
    const issues = checkOrderChanges(changes, {
      versionOf: (id) => {
        const row = byId.get(id);
        return row === undefined ? undefined : Number(row.version);
      },
      ownerOfMallKey: (key) => byMallKey.get(key),
    });
    if (issues.length > 0) return fail(issues);

    const inserts = changes.filter((change) => change.expectedVersion === null).map((c) => c.order);
    const updates = changes.filter((change) => change.expectedVersion !== null);
    if (inserts.length > 0) {
      const inserted = await tx.query(
        `INSERT INTO ${s}.orders (${COLUMNS}) SELECT ${FROM_JSON} FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT DO NOTHING RETURNING id`,
        [JSON.stringify(await Promise.all(inserts.map(rowOf)))],
      );
      if (inserted.rows.length !== inserts.length) throw new Raced();
    }
    if (updates.length > 0) {
      const rows = await Promise.all(
        updates.map(async (c) => ({ ...(await rowOf(c.order)), expectedVersion: c.expectedVersion })),
      );
      const updated = await tx.query(
        `UPDATE ${s}.orders AS o SET (${COLUMNS}) = (SELECT ${FROM_JSON})
         FROM jsonb_array_elements($1::jsonb) AS e
         WHERE o.id = e->>'id' AND o.version = (e->>'expectedVersion')::integer RETURNING o.id`,
        [JSON.stringify(rows)],
      );
      if (updated.rows.length !== updates.length) throw new Raced();
    }
    await writeEvents(tx, changes, byId);
    return ok(changes.map(({ order }) => copyData(order)));
  }

  async function writeEvents(tx: SqlExecutor, changes: readonly OrderChange[], byId: Map<string, StoredRow>) {
    const rows: Array<{
      order_id: string;
      position: number;
      meta: Pick<OrderEvent, 'id' | 'type' | 'at' | 'actor'>;
      stored: unknown;
    }> = [];
    const shortened: Array<{ id: string; length: number }> = [];
    for (const { order } of changes) {
      const stored = byId.get(order.id)?.history_length ?? 0;
      // Redaction rewrites every earlier event without the personal data, so the whole history is rewritten.
      const from = order.history.slice(stored).some((event) => event.type === REDACTION_EVENT) ? 0 : stored;
      for (const [i, event] of order.history.slice(from).entries()) {
        const position = from + i;
        const { id, type, at, actor } = event;
        rows.push({
          order_id: order.id,
          position,
          meta: { id, type, at, actor },
          stored: await sealed(event, `order_event:${order.id}:${position}`),
        });
      }
      if (order.history.length < stored) shortened.push({ id: order.id, length: order.history.length });
    }
    if (shortened.length > 0)
      await tx.query(
        `DELETE FROM ${s}.order_events AS v USING jsonb_array_elements($1::jsonb) AS e
         WHERE v.order_id = e->>'id' AND v.position >= (e->>'length')::integer`,
        [JSON.stringify(shortened)],
      );
    if (rows.length > 0)
      await tx.query(
        `INSERT INTO ${s}.order_events (order_id, position, event_id, type, at, actor, event)
         SELECT e->>'order_id', (e->>'position')::integer, e->'meta'->>'id', e->'meta'->>'type',
                e->'meta'->>'at', e->'meta'->>'actor', e->'stored'
         FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT (order_id, position) DO UPDATE SET event_id = EXCLUDED.event_id, type = EXCLUDED.type,
           at = EXCLUDED.at, actor = EXCLUDED.actor, event = EXCLUDED.event`,
        [JSON.stringify(rows)],
      );
  }

  return {
    async get(id) {
      const found = await db.query<{ state: Order | string }>(`SELECT state FROM ${s}.orders WHERE id = $1`, [
        id,
      ]);
      const row = found.rows[0];
      return row === undefined ? undefined : opened(row.state, `order:${id}`);
    },
    async findByMallKey(key) {
      const found = await db.query<{ id: string; state: Order | string }>(
        `SELECT id, state FROM ${s}.orders WHERE channel = $1 AND shop_id = $2 AND mall_order_number = $3`,
        [key.channel, key.shopId, key.mallOrderNumber],
      );
      const row = found.rows[0];
      return row === undefined ? undefined : opened(row.state, `order:${row.id}`);
    },
    async save(changes) {
      if (changes.length === 0) return ok([]);
      if (new Set(changes.map((change) => change.order.id)).size !== changes.length)
        throw new HakobuError('postgres.duplicate_change', '同じ受注を1回の保存に2回含めることはできません', {
          data: { orderIds: changes.map((change) => change.order.id) },
        });
      for (let round = 1; ; round += 1) {
        try {
          return await withRetry(db, (tx) => saveOnce(tx, changes));
        } catch (error) {
          const raced = error instanceof Raced || isUniqueViolation(error);
          if (!raced || round >= SAVE_ROUNDS) throw error;
        }
      }
    },
    async query(query, page) {
      const { where, params } = await whereOf(query);
      const total = await db.query<{ total: number | string }>(
        `SELECT count(*) AS total FROM ${s}.orders${where}`,
        params,
      );
      const items = await db.query<{ id: string; state: Order | string }>(
        `SELECT id, state FROM ${s}.orders${where} ORDER BY ordered_at, id COLLATE "C"
         OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, page.offset, page.limit],
      );
      const result: QueryResult<Order> = {
        items: await Promise.all(items.rows.map((row) => opened(row.state, `order:${row.id}`))),
        total: Number(total.rows[0]?.total ?? 0),
      };
      return result;
    },
    async events(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.orderId !== undefined) where.push(`order_id = $${params.push(query.orderId)}`);
      if (query.from !== undefined) where.push(`at >= $${params.push(query.from)}`);
      if (query.to !== undefined) where.push(`at < $${params.push(query.to)}`);
      const limit = params.push(query.limit ?? 1000);
      const rows = await db.query<{ order_id: string; position: number; event: OrderEvent | string }>(
        `SELECT order_id, position, event FROM ${s}.order_events${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
         ORDER BY at, order_id COLLATE "C", position LIMIT $${limit}`,
        params,
      );
      return Promise.all(
        rows.rows.map(async (row) => ({
          orderId: row.order_id,
          position: Number(row.position),
          event: await opened(row.event, `order_event:${row.order_id}:${row.position}`),
        })),
      );
    },
  };
}

const COLUMNS =
  'id, channel, shop_id, mall_order_number, version, status, payment_method, ordered_at, ordered_date, billed_total, tags, alert_count, has_tracking, name_keys, address_keys, phone_keys, state, history_length';

const textArray = (field: string) => `ARRAY(SELECT jsonb_array_elements_text(e->'${field}'))`;
const FROM_JSON = [
  "e->>'id'",
  "e->>'channel'",
  "e->>'shop_id'",
  "e->>'mall_order_number'",
  "(e->>'version')::integer",
  "e->>'status'",
  "e->>'payment_method'",
  "(e->>'ordered_at')::timestamptz",
  "e->>'ordered_date'",
  "(e->>'billed_total')::bigint",
  textArray('tags'),
  "(e->>'alert_count')::integer",
  "(e->>'has_tracking')::boolean",
  textArray('name_keys'),
  textArray('address_keys'),
  textArray('phone_keys'),
  "e->'state'",
  "(e->>'history_length')::integer",
].join(', ');

function plainWhereOf(query: OrderQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.status !== undefined) clauses.push(`status = ANY(${param(query.status)}::text[])`);
  if (query.channel !== undefined) clauses.push(`channel = ANY(${param(query.channel)}::text[])`);
  if (query.shopId !== undefined) clauses.push(`shop_id = ANY(${param(query.shopId)}::text[])`);
  if (query.paymentMethod !== undefined)
    clauses.push(`payment_method = ANY(${param(query.paymentMethod)}::text[])`);
  if (query.orderedFrom !== undefined) clauses.push(`ordered_date >= ${param(query.orderedFrom)}`);
  if (query.orderedTo !== undefined) clauses.push(`ordered_date <= ${param(query.orderedTo)}`);
  if (query.minTotal !== undefined) clauses.push(`billed_total >= ${param(query.minTotal)}`);
  if (query.maxTotal !== undefined) clauses.push(`billed_total <= ${param(query.maxTotal)}`);
  if (query.tags !== undefined) clauses.push(`tags @> ${param(query.tags)}::text[]`);
  if (query.hasAlerts !== undefined) clauses.push(query.hasAlerts ? 'alert_count > 0' : 'alert_count = 0');
  if (query.hasTracking !== undefined) clauses.push(`has_tracking = ${param(query.hasTracking)}`);
  const text = query.text?.trim() ?? '';
  if (text !== '') {
    const contains = (column: string, needle: string) =>
      `EXISTS (SELECT 1 FROM unnest(${column}) AS k WHERE strpos(k, ${param(needle)}) > 0)`;
    const name = normalizeName(text);
    const address = normalizeAddressKey(text);
    const phone = PHONE_LIKE.test(text) ? normalizePhone(text) : '';
    const any = [`strpos(mall_order_number, ${param(text)}) > 0`];
    if (name !== '') any.push(contains('name_keys', name));
    if (address !== '') any.push(contains('address_keys', address));
    if (phone !== '') any.push(contains('phone_keys', phone));
    clauses.push(`(${any.join(' OR ')})`);
  }
  return { where: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}
