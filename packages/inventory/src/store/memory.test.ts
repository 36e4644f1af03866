import { describe, expect, it } from 'vitest';
import type { StockBatch } from './batch';
import { createMemoryStockStore } from './memory';

const at = '2026-11-28T10:00:00+09:00';

describe('createMemoryStockStore', () => {
  it('names the batch and field of an invalid batch, in Japanese', async () => {
    const store = createMemoryStockStore();
    const result = await store.apply({
      key: 'k1',
      actor: 'x',
      at,
      operations: [{ op: 'release', orderLineId: 'L1', quantity: 2 }],
    } as StockBatch);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['inventory.invalid_batch', ['operations', 0, 'quantity']],
    ]);
    expect(result.issues[0]?.message).toMatch(/^在庫処理「k1」の項目「operations\.0\.quantity」が不正です/);
  });

  it('hands out copies: changing an outcome or a read does not change the store', async () => {
    const store = createMemoryStockStore();
    const first = await store.apply({
      key: 'r',
      actor: 'x',
      at,
      operations: [{ op: 'adjust', kind: 'receipt', sku: 'A', quantity: 3 }],
    });
    if (!first.ok) throw new Error('refused');
    first.value.levels[0]!.onHand = 99;
    (await store.readLevels())[0]!.onHand = 98;
    expect(await store.readLevels()).toEqual([{ sku: 'A', onHand: 3, reserved: 0, safetyStock: 0 }]);
    const replay = await store.apply({
      key: 'r',
      actor: 'x',
      at,
      operations: [{ op: 'adjust', kind: 'receipt', sku: 'A', quantity: 3 }],
    });
    expect(replay.ok && replay.value.levels).toEqual([{ sku: 'A', onHand: 3, reserved: 0, safetyStock: 0 }]);
  });

  it('writes reasons and filters the ledger by SKU and batch', async () => {
    const store = createMemoryStockStore();
    await store.apply({
      key: 'count',
      actor: '棚卸担当',
      at,
      operations: [
        { op: 'adjust', kind: 'adjustment', sku: 'A', quantity: 5, reason: '棚卸差異' },
        { op: 'adjust', kind: 'return', sku: 'B', quantity: 1 },
      ],
    });
    expect(await store.readMovements({ batchKey: 'count', sku: 'A' })).toEqual([
      {
        id: 'count#1',
        batchKey: 'count',
        kind: 'adjustment',
        sku: 'A',
        quantity: 5,
        reason: '棚卸差異',
        actor: '棚卸担当',
        at,
      },
    ]);
    expect(await store.readMovements({ batchKey: 'other' })).toEqual([]);
  });
});
