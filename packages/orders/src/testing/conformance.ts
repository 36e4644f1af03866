import { canonicalJson, createIssue, HakobuError } from '@hakobu/core';
import type { ConformanceCheck } from '@hakobu/core/testing';
import type { BlacklistEntry } from '../blacklist/blacklist';
import type { Order, OrderAlert } from '../model/order';
import type { BlacklistStore, OrderRepository } from '../repository/ports';
import { generateOrders } from './generator';

function assert(condition: boolean, check: string, detail: string): void {
  if (!condition) throw new HakobuError('orders.conformance.failed', `${check}: ${detail}`);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Binds each check's `run`, so hosts can pass `check.run` around detached. */
function bound(checks: readonly ConformanceCheck[]): ConformanceCheck[] {
  return checks.map((check) => ({ name: check.name, run: () => check.run.call(check) }));
}

function sample(count: number, idPrefix: string): Order[] {
  return generateOrders({ seed: 20261128, count, idPrefix });
}

/**
 * The conformance suite of {@link OrderRepository} (適合テスト): round trip, find by mall key, optimistic
 * version check, all-or-nothing batches, duplicate ids and mall keys, isolation from caller mutation, query
 * with paging, and `hasAlerts` counting only open alerts (an acknowledged 確認済み alert does not count, as
 * `isOpenAlert` says). `create` must return an empty repository each time.
 *
 * @example
 * ```ts
 * for (const check of orderRepositoryChecks(() => createInMemoryOrderRepository())) await check.run();
 * ```
 */
export function orderRepositoryChecks(
  create: () => OrderRepository | Promise<OrderRepository>,
): ConformanceCheck[] {
  return bound([
    {
      name: 'saves a new order and reads it back deep-equal, by id and by mall key',
      async run() {
        const repository = await create();
        const [order] = sample(1, 'rt');
        const saved = await repository.save([{ order: order!, expectedVersion: null }]);
        assert(saved.ok, this.name, 'save of a new order failed');
        assert(same(await repository.get(order!.id), order), this.name, 'get returned a different order');
        const found = await repository.findByMallKey(order!);
        assert(same(found, order), this.name, 'findByMallKey returned a different order');
        assert(
          (await repository.get('missing')) === undefined,
          this.name,
          'get of an unknown id must be undefined',
        );
      },
    },
    {
      name: 'refuses a stale version and keeps the stored order',
      async run() {
        const repository = await create();
        const [order] = sample(1, 'ver');
        await repository.save([{ order: order!, expectedVersion: null }]);
        const next = { ...order!, tags: ['更新'], version: order!.version + 1 };
        const first = await repository.save([{ order: next, expectedVersion: order!.version }]);
        assert(first.ok, this.name, 'save with the current version failed');
        const stale = await repository.save([
          { order: { ...next, tags: ['古い'] }, expectedVersion: order!.version },
        ]);
        assert(!stale.ok, this.name, 'save with a stale version succeeded');
        assert(
          stale.issues.some((issue) => issue.code === 'orders.repository.stale_version'),
          this.name,
          'stale save must report orders.repository.stale_version',
        );
        assert(
          same(await repository.get(order!.id), next),
          this.name,
          'a refused save changed the stored order',
        );
      },
    },
    {
      name: 'saves a batch all-or-nothing',
      async run() {
        const repository = await create();
        const [a, b] = sample(2, 'batch');
        await repository.save([{ order: a!, expectedVersion: null }]);
        const result = await repository.save([
          { order: { ...a!, version: a!.version + 1, tags: ['x'] }, expectedVersion: a!.version },
          { order: b!, expectedVersion: 99 },
        ]);
        assert(!result.ok, this.name, 'a batch with one stale change succeeded');
        assert(same(await repository.get(a!.id), a), this.name, 'a failed batch changed an order');
        assert((await repository.get(b!.id)) === undefined, this.name, 'a failed batch inserted an order');
      },
    },
    {
      name: 'refuses a second insert of an id and a reused mall key',
      async run() {
        const repository = await create();
        const [a] = sample(1, 'dup');
        await repository.save([{ order: a!, expectedVersion: null }]);
        const again = await repository.save([{ order: a!, expectedVersion: null }]);
        assert(
          !again.ok && again.issues.some((issue) => issue.code === 'orders.repository.already_exists'),
          this.name,
          'a second insert must report orders.repository.already_exists',
        );
        const clash = await repository.save([{ order: { ...a!, id: 'other-id' }, expectedVersion: null }]);
        assert(
          !clash.ok && clash.issues.some((issue) => issue.code === 'orders.repository.duplicate_mall_key'),
          this.name,
          'a reused mall key must report orders.repository.duplicate_mall_key',
        );
      },
    },
    {
      name: 'is isolated from callers mutating saved or returned objects',
      async run() {
        const repository = await create();
        const [order] = sample(1, 'iso');
        const copy = structuredClone(order!);
        await repository.save([{ order: order!, expectedVersion: null }]);
        order!.tags.push('mutated');
        const read = await repository.get(copy.id);
        assert(same(read, copy), this.name, 'mutating the saved object changed the stored order');
        read!.tags.push('mutated');
        assert(
          same(await repository.get(copy.id), copy),
          this.name,
          'mutating a returned object changed the store',
        );
      },
    },
    {
      name: 'queries with filters and stable paging',
      async run() {
        const repository = await create();
        const orders = sample(30, 'q');
        await repository.save(orders.map((order) => ({ order, expectedVersion: null })));
        const all = await repository.query({}, { offset: 0, limit: 100 });
        assert(
          all.total === 30 && all.items.length === 30,
          this.name,
          'an empty query must return every order',
        );
        const first = await repository.query({}, { offset: 0, limit: 10 });
        const second = await repository.query({}, { offset: 10, limit: 10 });
        assert(
          same([...first.items, ...second.items], all.items.slice(0, 20)),
          this.name,
          'pages must follow the order of the full result',
        );
        const channel = orders[0]!.channel;
        const byChannel = await repository.query({ channel: [channel] }, { offset: 0, limit: 100 });
        assert(
          byChannel.total === orders.filter((order) => order.channel === channel).length &&
            byChannel.items.every((order) => order.channel === channel),
          this.name,
          'the channel filter returned wrong orders',
        );
      },
    },
    {
      name: 'counts only open alerts in hasAlerts: an acknowledged (確認済み) alert does not count',
      async run() {
        const repository = await create();
        const open: OrderAlert = createIssue('orders.blacklist.hit', 'ブラックリストに一致しました');
        const acknowledged: OrderAlert = {
          ...createIssue('carrier.remote_island', '離島です', { severity: 'warning' }),
          acknowledged: { by: 'staff-1', at: '2026-11-28T10:00:00.000+09:00', note: '確認済み' },
        };
        const alertsOf: Record<string, OrderAlert[]> = {
          none: [],
          open: [open],
          acknowledged: [acknowledged],
          both: [acknowledged, open],
        };
        const orders = sample(4, 'alert').map((order, index) => {
          const kind = Object.keys(alertsOf)[index]!;
          return { ...order, alerts: alertsOf[kind]!, tags: [kind] };
        });
        await repository.save(orders.map((order) => ({ order, expectedVersion: null })));
        const kinds = async (hasAlerts: boolean) => {
          const found = await repository.query({ hasAlerts }, { offset: 0, limit: 100 });
          return { total: found.total, kinds: found.items.map((order) => order.tags[0]).sort() };
        };
        const withAlerts = await kinds(true);
        assert(
          same(withAlerts, { total: 2, kinds: ['both', 'open'] }),
          this.name,
          `hasAlerts: true must find the orders with an open alert, found ${JSON.stringify(withAlerts)}`,
        );
        const withoutAlerts = await kinds(false);
        assert(
          same(withoutAlerts, { total: 2, kinds: ['acknowledged', 'none'] }),
          this.name,
          `hasAlerts: false must find the orders without an open alert, found ${JSON.stringify(withoutAlerts)}`,
        );
      },
    },
  ]);
}

/**
 * The conformance suite of {@link BlacklistStore}: put, get, list, remove, and a revision that increases on
 * every change. `create` must return an empty store each time.
 *
 * @example
 * ```ts
 * registerConformance('blacklist store', blacklistStoreChecks(() => createInMemoryBlacklistStore()), { describe, it });
 * ```
 */
export function blacklistStoreChecks(
  create: () => BlacklistStore | Promise<BlacklistStore>,
): ConformanceCheck[] {
  const entry: BlacklistEntry = {
    id: 'bl-1',
    phone: '090-1111-2222',
    reason: '受取拒否',
    note: '2026年10月',
  };
  return bound([
    {
      name: 'puts, gets, lists and removes entries',
      async run() {
        const store = await create();
        await store.put(entry);
        assert(same(await store.get(entry.id), entry), this.name, 'get returned a different entry');
        assert(same(await store.list(), [entry]), this.name, 'list returned different entries');
        await store.put({ ...entry, reason: '代引未払い' });
        assert((await store.get(entry.id))?.reason === '代引未払い', this.name, 'put must replace an entry');
        assert(
          (await store.remove(entry.id)) === true,
          this.name,
          'remove of an existing entry must return true',
        );
        assert(
          (await store.remove(entry.id)) === false,
          this.name,
          'remove of a missing entry must return false',
        );
        assert((await store.list()).length === 0, this.name, 'removed entries must not be listed');
      },
    },
    {
      name: 'increases the revision on every change',
      async run() {
        const store = await create();
        const start = await store.revision();
        await store.put(entry);
        const afterPut = await store.revision();
        await store.remove(entry.id);
        const afterRemove = await store.revision();
        assert(
          start < afterPut && afterPut < afterRemove,
          this.name,
          'revision must increase on put and remove',
        );
      },
    },
  ]);
}
