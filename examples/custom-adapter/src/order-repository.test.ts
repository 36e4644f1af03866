import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HakobuError, ok } from '@hakobu/core';
import { mallKeyString, type Order, type OrderRepository, queryOrders } from '@hakobu/orders';
import { generateOrders, orderRepositoryChecks, registerConformance } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { openJsonFileOrderRepository } from './order-repository';

const root = mkdtempSync(join(tmpdir(), 'hakobu-custom-adapter-orders-'));
let files = 0;
/** A path no repository has used yet: every check gets an empty repository, as the suite requires. */
const freshPath = () => join(root, `orders-${++files}.json`);

// The whole contract of the port, on this adapter: one vitest test per check.
registerConformance(
  'JSON-file OrderRepository (orderRepositoryChecks)',
  orderRepositoryChecks(() => openJsonFileOrderRepository(freshPath())),
  { describe, it },
);

describe('JSON-file OrderRepository, beyond the port', () => {
  it('keeps every saved order across a restart', async () => {
    const path = freshPath();
    const orders = generateOrders({ seed: 7, count: 5 });
    const first = await openJsonFileOrderRepository(path);
    const saved = await first.save(orders.map((order) => ({ order, expectedVersion: null })));
    expect(saved.ok).toBe(true);
    const reopened = await openJsonFileOrderRepository(path);
    expect(await reopened.get(orders[2]!.id)).toEqual(orders[2]);
    expect(await reopened.findByMallKey(orders[4]!)).toEqual(orders[4]);
    expect((await reopened.query({}, { offset: 0, limit: 10 })).total).toBe(5);
  });

  it('refuses a file that is not its own instead of misreading it', async () => {
    const foreign = freshPath();
    writeFileSync(foreign, JSON.stringify({ format: 'someone-else/1', data: [] }));
    await expect(openJsonFileOrderRepository(foreign)).rejects.toMatchObject({ code: 'adapter.file_format' });
    const broken = freshPath();
    writeFileSync(broken, '{"format":');
    await expect(openJsonFileOrderRepository(broken)).rejects.toMatchObject({ code: 'adapter.file_corrupt' });
    const notOrders = freshPath();
    writeFileSync(notOrders, JSON.stringify({ format: 'hakobu-example/orders@1', data: [{ id: 'x' }] }));
    await expect(openJsonFileOrderRepository(notOrders)).rejects.toThrow('1件目は受注として読めません');
  });

  it('lets only one of two concurrent saves of the same version through', async () => {
    const repository = await openJsonFileOrderRepository(freshPath());
    const [order] = generateOrders({ seed: 8, count: 1 });
    await repository.save([{ order: order!, expectedVersion: null }]);
    const edit = (tag: string) =>
      repository.save([
        { order: { ...order!, tags: [tag], version: order!.version + 1 }, expectedVersion: order!.version },
      ]);
    const results = await Promise.all([edit('A'), edit('B')]);
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    expect((await repository.get(order!.id))?.tags).toEqual(['A']);
  });
});

describe('the suite catches a broken adapter', () => {
  /** A "last write wins" repository: it forgets the optimistic version check, the usual first mistake. */
  function lastWriteWins(): OrderRepository {
    const byId = new Map<string, Order>();
    return {
      async get(id) {
        return structuredClone(byId.get(id));
      },
      async findByMallKey(key) {
        return structuredClone(
          [...byId.values()].find((order) => mallKeyString(order) === mallKeyString(key)),
        );
      },
      async save(changes) {
        for (const { order } of changes) byId.set(order.id, structuredClone(order));
        return ok(changes.map(({ order }) => order));
      },
      async query(query, page) {
        return queryOrders(byId.values(), query, page);
      },
    };
  }

  it('fails the version, batch and duplicate checks with a reason', async () => {
    const failed: string[] = [];
    for (const check of orderRepositoryChecks(() => lastWriteWins())) {
      try {
        await check.run();
      } catch (error) {
        expect(HakobuError.isInstance(error)).toBe(true);
        failed.push(check.name);
      }
    }
    expect(failed).toEqual([
      'refuses a stale version and keeps the stored order',
      'saves a batch all-or-nothing',
      'refuses a second insert of an id and a reused mall key',
    ]);
  });
});
