import { copyData, createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import type { BlacklistEntry } from '../blacklist/blacklist';
import { mallKeyString } from '../model/derive';
import type { MallOrderKey, Order, OrderEvent } from '../model/order';
import { type OrderQuery, type Page, type QueryResult, queryOrders } from './query';

/**
 * One order to save with the version the caller read (楽観ロック): `null` for a new order. Operations bump
 * the version by one, so after an operation `expectedVersion` is `order.version - 1`.
 */
export interface OrderChange {
  readonly order: Order;
  readonly expectedVersion: number | null;
}

/**
 * Order persistence port (受注リポジトリ). `save` is all-or-nothing over its changes (a 同梱 saves the parent
 * and every child together) and refuses, as issues, a stale version (`orders.repository.stale_version`), an
 * existing id for a new order (`orders.repository.already_exists`) and a mall key already used by another
 * order (`orders.repository.duplicate_mall_key`). Run `orderRepositoryChecks` from `@hakobu/orders/testing`
 * against an adapter.
 */
export interface OrderRepository {
  get(id: string): Promise<Order | undefined>;
  findByMallKey(key: MallOrderKey): Promise<Order | undefined>;
  save(changes: readonly OrderChange[]): Promise<Result<readonly Order[]>>;
  query(query: OrderQuery, page: Page): Promise<QueryResult<Order>>;
}

/**
 * Blacklist persistence port (ブラックリストストア). `revision` increases on every change, so a host knows
 * when to re-screen open orders.
 */
export interface BlacklistStore {
  list(): Promise<readonly BlacklistEntry[]>;
  get(id: string): Promise<BlacklistEntry | undefined>;
  put(entry: BlacklistEntry): Promise<void>;
  remove(id: string): Promise<boolean>;
  revision(): Promise<number>;
}

/**
 * The change list to save the outcome of an operation: each order with `expectedVersion = version - 1`.
 *
 * @example
 * ```ts
 * await repository.save(changesOf(result.value.orders));
 * ```
 */
export function changesOf(orders: readonly Order[]): OrderChange[] {
  return orders.map((order) => ({ order, expectedVersion: order.version - 1 }));
}

/** What {@link checkOrderChanges} needs to know of the stored orders. */
export interface StoredOrderLookup {
  /** The stored version of an order, `undefined` when none is stored. */
  versionOf(orderId: string): number | undefined;
  /** The id of the stored order that holds a mall key (`mallKeyString`), if any. */
  ownerOfMallKey(mallKey: string): string | undefined;
}

/**
 * The checks every {@link OrderRepository} makes before a save (保存前の検査), as issues: an existing id for a
 * new order, a stale version (楽観ロック), and a mall key held by another order, stored or earlier in the
 * batch. Adapters call it with what they read (under lock) so every store refuses with the same codes and
 * messages.
 *
 * @example
 * ```ts
 * const issues = checkOrderChanges(changes, {
 *   versionOf: (id) => stored.get(id)?.version,
 *   ownerOfMallKey: (key) => owners.get(key),
 * });
 * if (issues.length > 0) return fail(issues);
 * ```
 */
export function checkOrderChanges(changes: readonly OrderChange[], stored: StoredOrderLookup): Issue[] {
  const issues: Issue[] = [];
  const keysInBatch = new Map<string, string>();
  for (const [index, { order, expectedVersion }] of changes.entries()) {
    const version = stored.versionOf(order.id);
    const path = ['changes', index];
    if (expectedVersion === null && version !== undefined) {
      issues.push(
        createIssue(
          'orders.repository.already_exists',
          `受注${order.mallOrderNumber}(${order.id})は既に登録されています`,
          {
            path,
            data: { orderId: order.id },
          },
        ),
      );
    } else if (expectedVersion !== null && version !== expectedVersion) {
      issues.push(
        createIssue(
          'orders.repository.stale_version',
          `受注${order.mallOrderNumber}は他の操作で更新されています（版${version ?? 'なし'}、想定${expectedVersion}）。読み込み直してください`,
          { path, data: { orderId: order.id, expectedVersion, storedVersion: version ?? null } },
        ),
      );
    }
    const key = mallKeyString(order);
    const owner = keysInBatch.get(key) ?? stored.ownerOfMallKey(key);
    if (owner !== undefined && owner !== order.id) {
      issues.push(
        createIssue(
          'orders.repository.duplicate_mall_key',
          `モール注文番号${order.mallOrderNumber}は別の受注で登録済みです`,
          {
            path,
            data: { orderId: order.id, mallKey: key, existingOrderId: owner },
          },
        ),
      );
    }
    keysInBatch.set(key, order.id);
  }
  return issues;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** A copy of `order` whose `history` is `history`; keys keep their order, so serialised bytes do not change. */
function withHistory(order: Order, history: OrderEvent[]): Order {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(order)) out[key] = key === 'history' ? history : copyData(value);
  return out as Order;
}

/**
 * The stored form of a saved order: its state copied, its history events frozen and shared with the stored
 * version it replaces wherever the caller handed back the very same event (the usual case: operations only
 * append), so a save copies only what is new.
 */
function storedForm(order: Order, previous: Order | undefined): Order {
  return withHistory(
    order,
    order.history.map((event, i) => (event === previous?.history[i] ? event : deepFreeze(copyData(event)))),
  );
}

/**
 * An in-memory {@link OrderRepository} (for tests, demos and small hosts). Orders go in and out as copies,
 * so callers cannot change stored orders by accident. History events are the record and never change once
 * written: they are kept frozen and shared between the store and the orders it returns, which keeps reads
 * and saves of orders with long histories cheap — mutating a returned event throws a `TypeError`.
 *
 * @example
 * ```ts
 * const repository = createInMemoryOrderRepository();
 * await repository.save([{ order, expectedVersion: null }]);
 * ```
 */
export function createInMemoryOrderRepository(initial: readonly Order[] = []): OrderRepository {
  const byId = new Map<string, Order>(initial.map((order) => [order.id, storedForm(order, undefined)]));
  const byMallKey = new Map<string, string>(initial.map((order) => [mallKeyString(order), order.id]));
  const out = (order: Order): Order => withHistory(order, [...order.history]);
  return {
    async get(id) {
      const order = byId.get(id);
      return order === undefined ? undefined : out(order);
    },
    async findByMallKey(key) {
      const order = byId.get(byMallKey.get(mallKeyString(key)) ?? '');
      return order === undefined ? undefined : out(order);
    },
    async save(changes) {
      const issues = checkOrderChanges(changes, {
        versionOf: (id) => byId.get(id)?.version,
        ownerOfMallKey: (key) => byMallKey.get(key),
      });
      if (issues.length > 0) return fail(issues);
      const saved = changes.map(({ order }) => {
        const previous = byId.get(order.id);
        if (previous !== undefined) byMallKey.delete(mallKeyString(previous));
        const stored = storedForm(order, previous);
        byId.set(order.id, stored);
        byMallKey.set(mallKeyString(order), order.id);
        return stored;
      });
      return ok(saved.map(out));
    },
    async query(query, page) {
      const result = queryOrders(byId.values(), query, page);
      return { items: result.items.map(out), total: result.total };
    },
  };
}

/**
 * An in-memory {@link BlacklistStore}.
 *
 * @example
 * ```ts
 * const store = createInMemoryBlacklistStore();
 * await store.put({ id: 'b1', phone: '090-1111-2222', reason: '受取拒否' });
 * ```
 */
export function createInMemoryBlacklistStore(initial: readonly BlacklistEntry[] = []): BlacklistStore {
  const entries = new Map(initial.map((entry) => [entry.id, copyData(entry)]));
  let revision = 0;
  return {
    async list() {
      return [...entries.values()].map((entry) => copyData(entry));
    },
    async get(id) {
      const entry = entries.get(id);
      return entry === undefined ? undefined : copyData(entry);
    },
    async put(entry) {
      entries.set(entry.id, copyData(entry));
      revision += 1;
    },
    async remove(id) {
      const removed = entries.delete(id);
      if (removed) revision += 1;
      return removed;
    },
    async revision() {
      return revision;
    },
  };
}
