import { PGlite } from '@electric-sql/pglite';
import { stockStoreChecks } from '@hakobu/inventory/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations/migrations';
import { createPostgresStockStore } from './stock-store';

const db = new PGlite();
let schemas = 0;

async function freshStore() {
  schemas += 1;
  const schema = `stock_${schemas}`;
  await migrate(db, { schema });
  return createPostgresStockStore(db, { schema });
}

afterAll(() => db.close());

describe('createPostgresStockStore on PGlite conforms to the StockStore port', () => {
  for (const { name, run } of stockStoreChecks(freshStore)) it(name, run);
});

describe('createPostgresStockStore on PGlite', () => {
  it('keeps the database invariant: the CHECK constraint refuses reserved above onHand', async () => {
    const store = await freshStore();
    await store.apply({
      key: 'r',
      actor: 't',
      at: '2026-11-28T10:00:00+09:00',
      operations: [{ op: 'adjust', kind: 'receipt', sku: 'A', quantity: 1 }],
    });
    await expect(
      db.query(`UPDATE "stock_${schemas}".stock_levels SET reserved = 2 WHERE sku = 'A'`),
    ).rejects.toThrow(/stock_levels_never_over_reserved/);
  });

  it('releases a whole order line that holds stock at several locations', async () => {
    const store = await freshStore();
    const at = '2026-11-28T10:00:00+09:00';
    await store.apply({
      key: 'r',
      actor: 't',
      at,
      operations: [
        { op: 'adjust', kind: 'receipt', sku: 'A', quantity: 3 },
        { op: 'adjust', kind: 'receipt', sku: 'A', location: 'east', quantity: 3 },
      ],
    });
    await store.apply({
      key: 'o',
      actor: 't',
      at,
      operations: [
        { op: 'reserve', orderLineId: 'L1', sku: 'A', quantity: 2 },
        { op: 'reserve', orderLineId: 'L1', sku: 'A', location: 'east', quantity: 1 },
      ],
    });
    const released = await store.apply({
      key: 'c',
      actor: 't',
      at,
      operations: [{ op: 'release', orderLineId: 'L1' }],
    });
    expect(released.ok && released.value.reservations).toEqual([
      { orderLineId: 'L1', sku: 'A', before: 2, after: 0 },
      { orderLineId: 'L1', sku: 'A', location: 'east', before: 1, after: 0 },
    ]);
    expect(await store.readLevels()).toEqual([
      { sku: 'A', onHand: 3, reserved: 0, safetyStock: 0 },
      { sku: 'A', onHand: 3, reserved: 0, safetyStock: 0, location: 'east' },
    ]);
  });
});
