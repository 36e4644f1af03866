import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HakobuError } from '@hakobu/core';
import { createMemoryStockStore, type StockBatch, type StockStore } from '@hakobu/inventory';
import { stockStoreChecks } from '@hakobu/inventory/testing';
import { describe, expect, it } from 'vitest';
import { openJsonFileStockStore } from './stock-store';

const root = mkdtempSync(join(tmpdir(), 'hakobu-custom-adapter-stock-'));
let files = 0;
const freshPath = () => join(root, `stock-${++files}.json`);

// The whole contract of the port, concurrency included: one vitest test per check.
describe('JSON-file StockStore (stockStoreChecks)', () => {
  for (const { name, run } of stockStoreChecks(() => openJsonFileStockStore(freshPath()))) it(name, run);
});

const at = '2026-12-01T09:00:00+09:00';
const receipt: StockBatch = {
  key: 'receipt-1201',
  actor: '入荷担当',
  at,
  operations: [{ op: 'adjust', kind: 'receipt', sku: 'TEA-SENCHA-100', quantity: 20 }],
};
const reserve: StockBatch = {
  key: 'allocate:HK-1001',
  actor: '自動引当',
  at,
  operations: [{ op: 'reserve', orderLineId: 'HK-1001:1', sku: 'TEA-SENCHA-100', quantity: 2 }],
};

describe('JSON-file StockStore, beyond the port', () => {
  it('keeps levels, reservations, the ledger and the applied keys across a restart', async () => {
    const path = freshPath();
    const first = await openJsonFileStockStore(path);
    expect((await first.apply(receipt)).ok).toBe(true);
    expect((await first.apply(reserve)).ok).toBe(true);
    const reopened = await openJsonFileStockStore(path);
    expect(await reopened.readLevels()).toEqual([
      { sku: 'TEA-SENCHA-100', onHand: 20, reserved: 2, safetyStock: 0 },
    ]);
    expect(await reopened.readReservations()).toEqual([
      { orderLineId: 'HK-1001:1', sku: 'TEA-SENCHA-100', quantity: 2 },
    ]);
    expect((await reopened.readMovements()).map((movement) => movement.id)).toEqual(['receipt-1201#1']);
    // A retry after the restart is recognised: nothing is reserved twice.
    const retry = await reopened.apply(reserve);
    expect(retry.ok && retry.value.replayed).toBe(true);
    expect((await reopened.readLevels())[0]?.reserved).toBe(2);
  });

  it('refuses a file with records that are not stock', async () => {
    const path = freshPath();
    writeFileSync(
      path,
      JSON.stringify({
        format: 'hakobu-example/stock@1',
        data: { levels: [{ sku: 'A', onHand: -1 }], reservations: [], movements: [], applied: [] },
      }),
    );
    await expect(openJsonFileStockStore(path)).rejects.toMatchObject({ code: 'adapter.file_corrupt' });
  });
});

describe('the suite catches a broken adapter', () => {
  /** A store that forgets applied keys: every retry of a batch is applied again. */
  function forgetful(): StockStore {
    const inner = createMemoryStockStore();
    let attempt = 0;
    return {
      specificationVersion: 'v1',
      apply: (batch) => inner.apply({ ...batch, key: `${batch.key}~${++attempt}` }),
      readLevels: (query) => inner.readLevels(query),
      readReservations: (query) => inner.readReservations(query),
      readMovements: (query) => inner.readMovements(query),
    };
  }

  it('fails the idempotency checks with a reason', async () => {
    const failed: string[] = [];
    for (const check of stockStoreChecks(() => forgetful(), { concurrentReservers: 20 })) {
      try {
        await check.run();
      } catch (error) {
        expect(HakobuError.isInstance(error)).toBe(true);
        failed.push(check.name);
      }
    }
    expect(failed).toContain('a retried key with the same operations is replayed, not applied twice');
    expect(failed).toContain('concurrent retries of one key apply it exactly once');
  });
});
