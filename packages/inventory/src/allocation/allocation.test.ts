import type { Result } from '@hakobu/core';
import { fixedClock } from '@hakobu/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Catalog, indexCatalog } from '../catalog/catalog';
import { createMemoryStockStore } from '../store/memory';
import type { StockStore } from '../store/port';
import { allocate, commit, type DemandLine, planReservations, reallocate, release } from './allocation';

function buildCatalog(): Catalog {
  const result = indexCatalog({
    products: [
      { sku: 'TEA', name: '緑茶 100g', temperatureZone: 'ambient' },
      { sku: 'CUP', name: '湯呑み', temperatureZone: 'ambient' },
      { sku: 'ICE', name: 'アイス', temperatureZone: 'frozen' },
      {
        sku: 'GIFT',
        name: 'ギフトセット',
        temperatureZone: 'ambient',
        components: [
          { sku: 'TEA', quantity: 2 },
          { sku: 'CUP', quantity: 1 },
        ],
      },
    ],
    listings: [
      {
        id: 'r-tea',
        channel: 'rakuten',
        shopId: 'main',
        itemCode: 'tea',
        skuCode: 'single',
        sku: 'TEA',
        multiplier: 1,
      },
      {
        id: 'r-tea3',
        channel: 'rakuten',
        shopId: 'main',
        itemCode: 'tea',
        skuCode: 'pack3',
        sku: 'TEA',
        multiplier: 3,
      },
      { id: 'y-gift', channel: 'yahoo', shopId: 'y1', itemCode: 'gift', sku: 'GIFT', multiplier: 1 },
      { id: 'a-ice', channel: 'amazon', shopId: 'a1', itemCode: 'ICE-AMZ', sku: 'ICE', multiplier: 1 },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const catalog = buildCatalog();
const clock = fixedClock('2026-11-28T10:00:00+09:00');

async function stocked(levels: Record<string, number>): Promise<StockStore> {
  const store = createMemoryStockStore();
  const receipts = Object.entries(levels).filter(([, quantity]) => quantity > 0);
  if (receipts.length === 0) return store;
  const result = await store.apply({
    key: 'seed',
    actor: 'test',
    at: '2026-11-28T09:00:00+09:00',
    operations: receipts.map(([sku, quantity]) => ({ op: 'adjust', kind: 'receipt', sku, quantity })),
  });
  expect(result.ok).toBe(true);
  return store;
}

async function free(store: StockStore): Promise<Record<string, number>> {
  return Object.fromEntries((await store.readLevels()).map((l) => [l.sku, l.onHand - l.reserved]));
}

function applied<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const rakutenTea = (skuCode: string) => ({ channel: 'rakuten', shopId: 'main', itemCode: 'tea', skuCode });

describe('planReservations', () => {
  it('maps mall codes, multiplies packs, expands sets and sums per order line and SKU', () => {
    const planned = planReservations(catalog, [
      { orderLineId: 'o1-1', mallCode: rakutenTea('pack3'), quantity: 2 },
      { orderLineId: 'o1-2', mallCode: { channel: 'yahoo', shopId: 'y1', itemCode: 'gift' }, quantity: 1 },
      { orderLineId: 'o1-1', sku: 'TEA', quantity: 1 },
      { orderLineId: 'o1-3', sku: 'ICE', quantity: 1, location: 'freezer' },
    ]);
    expect(applied(planned)).toEqual([
      { op: 'reserve', orderLineId: 'o1-1', sku: 'TEA', quantity: 7 },
      { op: 'reserve', orderLineId: 'o1-2', sku: 'CUP', quantity: 1 },
      { op: 'reserve', orderLineId: 'o1-2', sku: 'TEA', quantity: 2 },
      { op: 'reserve', orderLineId: 'o1-3', sku: 'ICE', location: 'freezer', quantity: 1 },
    ]);
  });

  it('reports every unmapped or invalid line', () => {
    const planned = planReservations(catalog, [
      { orderLineId: 'o1-1', mallCode: rakutenTea('nope'), quantity: 1 },
      { orderLineId: 'o1-2', sku: 'GHOST', quantity: 1 },
      { orderLineId: 'o1-3', sku: 'TEA', quantity: 0 },
      { orderLineId: 'o1-4', quantity: 1 } as DemandLine,
    ]);
    expect(planned.ok).toBe(false);
    expect(planned.issues.map((i) => [i.code, i.path])).toEqual([
      ['inventory.unknown_mall_code', ['lines', 0, 'mallCode']],
      ['inventory.unknown_sku', ['lines', 1, 'sku']],
      ['inventory.invalid_line', ['lines', 2, 'quantity']],
      ['inventory.invalid_line', ['lines', 3, 'sku']],
    ]);
    expect(planned.issues[0]?.message).toBe(
      '受注明細「o1-1」の rakuten/main 商品「tea」 SKU「nope」 は商品対応表にありません',
    );
  });
});

describe('allocate', () => {
  it('reserves all lines of an order at once and writes the clock instant', async () => {
    const store = await stocked({ TEA: 10, CUP: 2 });
    const outcome = applied(
      await allocate(
        { store, catalog, clock },
        {
          key: 'alloc:o1',
          actor: '自動引当',
          lines: [
            { orderLineId: 'o1-1', mallCode: rakutenTea('pack3'), quantity: 2 },
            {
              orderLineId: 'o1-2',
              mallCode: { channel: 'yahoo', shopId: 'y1', itemCode: 'gift' },
              quantity: 2,
            },
          ],
        },
      ),
    );
    expect(outcome.levels).toEqual([
      { sku: 'CUP', onHand: 2, reserved: 2, safetyStock: 0 },
      { sku: 'TEA', onHand: 10, reserved: 10, safetyStock: 0 },
    ]);
    expect(await free(store)).toEqual({ CUP: 0, TEA: 0 });
  });

  it('reserves nothing and lists every shortfall, with the order lines concerned', async () => {
    const store = await stocked({ TEA: 3, CUP: 0, ICE: 5 });
    const result = await allocate(
      { store, catalog, clock },
      {
        key: 'alloc:o2',
        actor: '自動引当',
        lines: [
          { orderLineId: 'o2-1', sku: 'TEA', quantity: 2 },
          { orderLineId: 'o2-2', sku: 'GIFT', quantity: 1 },
          { orderLineId: 'o2-3', sku: 'ICE', quantity: 1 },
        ],
      },
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.data)).toEqual([
      { sku: 'CUP', requested: 1, available: 0, orderLineIds: ['o2-2'] },
      { sku: 'TEA', requested: 4, available: 3, orderLineIds: ['o2-1', 'o2-2'] },
    ]);
    expect(result.issues[1]?.message).toBe('SKU「TEA」の在庫が不足しています（必要数 4、引当可能数 3）');
    expect(await free(store)).toEqual({ ICE: 5, TEA: 3 });
  });

  it('applies nothing when a mall code is unknown', async () => {
    const store = await stocked({ TEA: 3 });
    const result = await allocate(
      { store, catalog, clock },
      {
        key: 'alloc:o3',
        actor: 'a',
        lines: [
          { orderLineId: 'o3-1', sku: 'TEA', quantity: 1 },
          {
            orderLineId: 'o3-2',
            mallCode: { channel: 'rakuten', shopId: 'main', itemCode: 'zzz' },
            quantity: 1,
          },
        ],
      },
    );
    expect(result.issues.map((i) => i.code)).toEqual(['inventory.unknown_mall_code']);
    expect(await store.readReservations()).toEqual([]);
  });
});

describe('release, commit, reallocate', () => {
  it('release on cancel restores free stock and warns for lines holding nothing', async () => {
    const store = await stocked({ TEA: 10, CUP: 5 });
    applied(
      await allocate(
        { store, catalog, clock },
        { key: 'a', actor: 'x', lines: [{ orderLineId: 'l1', sku: 'GIFT', quantity: 2 }] },
      ),
    );
    const released = await release({ store, clock }, { key: 'c', actor: 'x', orderLineIds: ['l1', 'never'] });
    expect(released.ok).toBe(true);
    expect(released.issues.map((i) => [i.code, i.severity, i.data])).toEqual([
      ['inventory.nothing_reserved', 'warning', { orderLineId: 'never' }],
    ]);
    expect(await free(store)).toEqual({ CUP: 5, TEA: 10 });
  });

  it('stamps the ledger in Japan time, whatever form the clock gives the instant in', async () => {
    const store = await stocked({ TEA: 5 });
    // 15:30 UTC on the 27th is already 00:30 on the 28th in Japan: the ledger shows the Japanese day.
    const utcClock = fixedClock(new Date('2026-11-27T15:30:00.250Z'));
    applied(
      await allocate(
        { store, catalog, clock: utcClock },
        { key: 'a', actor: 'x', lines: [{ orderLineId: 'l1', sku: 'TEA', quantity: 2 }] },
      ),
    );
    const shipped = applied(
      await commit({ store, catalog, clock: utcClock }, { key: 's', actor: '出荷', orderLineIds: ['l1'] }),
    );
    expect(shipped.movements.map((m) => m.at)).toEqual(['2026-11-28T00:30:00+09:00']);
    expect((await store.readMovements({ sku: 'TEA' })).map((m) => [m.batchKey, m.at])).toEqual([
      ['seed', '2026-11-28T09:00:00+09:00'],
      ['s', '2026-11-28T00:30:00+09:00'],
    ]);
  });

  it('commit ships whole lines or exact partial quantities and refuses shipping more than held', async () => {
    const store = await stocked({ TEA: 10, CUP: 5 });
    applied(
      await allocate(
        { store, catalog, clock },
        {
          key: 'a',
          actor: 'x',
          lines: [
            { orderLineId: 'l1', sku: 'GIFT', quantity: 2 },
            { orderLineId: 'l2', sku: 'TEA', quantity: 3 },
          ],
        },
      ),
    );
    const partial = applied(
      await commit(
        { store, catalog, clock },
        { key: 's1', actor: '出荷', lines: [{ orderLineId: 'l2', sku: 'TEA', quantity: 1 }] },
      ),
    );
    expect(partial.movements).toEqual([
      {
        id: 's1#1',
        batchKey: 's1',
        kind: 'shipment',
        sku: 'TEA',
        quantity: -1,
        orderLineId: 'l2',
        actor: '出荷',
        at: '2026-11-28T10:00:00+09:00',
      },
    ]);
    const over = await commit(
      { store, catalog, clock },
      { key: 's2', actor: 'x', lines: [{ orderLineId: 'l2', sku: 'TEA', quantity: 3 }] },
    );
    expect(over.issues.map((i) => i.code)).toEqual(['inventory.reservation_exceeded']);
    applied(await commit({ store, catalog, clock }, { key: 's3', actor: 'x', orderLineIds: ['l1', 'l2'] }));
    expect(await store.readLevels()).toEqual([
      { sku: 'CUP', onHand: 3, reserved: 0, safetyStock: 0 },
      { sku: 'TEA', onHand: 3, reserved: 0, safetyStock: 0 },
    ]);
  });

  it('reallocate after 伝票分割 or 同梱 does not double count', async () => {
    const store = await stocked({ TEA: 3 });
    applied(
      await allocate(
        { store, catalog, clock },
        { key: 'a', actor: 'x', lines: [{ orderLineId: 'l1', sku: 'TEA', quantity: 3 }] },
      ),
    );
    // The line is now on two slips (2 + 1): the same 3 units, while stock is fully reserved.
    const split = applied(
      await reallocate(
        { store, catalog, clock },
        {
          key: 'split',
          actor: 'x',
          lines: [
            { orderLineId: 'l1', sku: 'TEA', quantity: 2 },
            { orderLineId: 'l1', sku: 'TEA', quantity: 1 },
          ],
        },
      ),
    );
    expect(split.reservations).toEqual([{ orderLineId: 'l1', sku: 'TEA', before: 3, after: 3 }]);
    const grown = await reallocate(
      { store, catalog, clock },
      { key: 'grow', actor: 'x', lines: [{ orderLineId: 'l1', sku: 'TEA', quantity: 4 }] },
    );
    expect(grown.issues.map((i) => [i.code, i.data?.requested, i.data?.available])).toEqual([
      ['inventory.shortfall', 4, 3],
    ]);
    const shrunk = applied(
      await reallocate(
        { store, catalog, clock },
        { key: 'shrink', actor: 'x', lines: [{ orderLineId: 'l1', sku: 'TEA', quantity: 1 }] },
      ),
    );
    expect(shrunk.levels).toEqual([{ sku: 'TEA', onHand: 3, reserved: 1, safetyStock: 0 }]);
  });

  it('property: allocate then release restores stock exactly', async () => {
    const sku = fc.constantFrom('TEA', 'CUP', 'GIFT', 'ICE');
    const line = fc.record({
      orderLineId: fc.constantFrom('l1', 'l2', 'l3'),
      sku,
      quantity: fc.integer({ min: 1, max: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ TEA: fc.nat(20), CUP: fc.nat(20), ICE: fc.nat(20) }),
        fc.array(line, { minLength: 1, maxLength: 6 }),
        async (levels, lines) => {
          const store = await stocked(levels);
          const before = await store.readLevels();
          const allocated = await allocate({ store, catalog, clock }, { key: 'a', actor: 'p', lines });
          if (allocated.ok) {
            const lineIds = [...new Set(lines.map((l) => l.orderLineId))];
            expect(
              (await release({ store, clock }, { key: 'r', actor: 'p', orderLineIds: lineIds })).ok,
            ).toBe(true);
          }
          expect(await store.readLevels()).toEqual(before);
          expect(await store.readReservations()).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
