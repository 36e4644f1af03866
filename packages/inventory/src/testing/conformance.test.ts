import { createIssue, fail, ok } from '@hakobu/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStockStore } from '../store/memory';
import type { StockStore } from '../store/port';
import { stockStoreChecks } from './conformance';

describe('createMemoryStockStore conforms to the StockStore port', () => {
  for (const { name, run } of stockStoreChecks(createMemoryStockStore)) it(name, run);
});

describe('stockStoreChecks catches a broken store', () => {
  it('fails a store that reads, awaits, then writes (the oversell race of peers)', async () => {
    const levels = new Map<string, { sku: string; onHand: number; reserved: number; safetyStock: number }>();
    const reservations: Array<{ orderLineId: string; sku: string; quantity: number }> = [];
    const racy: StockStore = {
      specificationVersion: 'v1',
      apply: async (batch) => {
        for (const op of batch.operations) {
          if (op.op !== 'reserve' && op.op !== 'adjust') continue;
          const level = levels.get(op.sku) ?? { sku: op.sku, onHand: 0, reserved: 0, safetyStock: 0 };
          if (op.op === 'adjust') levels.set(op.sku, { ...level, onHand: level.onHand + op.quantity });
          else {
            if (level.onHand - level.reserved < op.quantity)
              return fail([createIssue('inventory.shortfall', '在庫不足')]);
            await new Promise((resolve) => setTimeout(resolve, 0));
            const current = levels.get(op.sku) ?? level;
            levels.set(op.sku, { ...current, reserved: current.reserved + op.quantity });
            reservations.push({ orderLineId: op.orderLineId, sku: op.sku, quantity: op.quantity });
          }
        }
        return ok({ key: batch.key, replayed: false, levels: [], reservations: [], movements: [] });
      },
      readLevels: async () => [...levels.values()],
      readReservations: async () => reservations,
      readMovements: async () => [],
    };
    const concurrency = stockStoreChecks(() => racy, { concurrentReservers: 50 }).find((c) =>
      c.name.includes('concurrent reservers'),
    );
    await expect(concurrency?.run()).rejects.toMatchObject({ code: 'inventory.conformance_failed' });
  });
});
