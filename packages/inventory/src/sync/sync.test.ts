import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Catalog, indexCatalog } from '../catalog/catalog';
import type { Listing } from '../model/listing';
import type { Product } from '../model/product';
import type { StockLevel } from '../model/stock';
import { createMemoryStockStore } from '../store/memory';
import { sellableStock, setQuantity } from './availability';
import { planSync } from './plan';

function catalogOf(products: Product[], listings: Listing[]): Catalog {
  const result = indexCatalog({ products, listings });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const product = (sku: string, components?: Product['components']): Product => ({
  sku,
  name: sku,
  temperatureZone: 'ambient',
  ...(components === undefined ? {} : { components }),
});
const listing = (
  id: string,
  channel: string,
  sku: string,
  multiplier = 1,
  shopId = `${channel}-shop`,
): Listing => ({
  id,
  channel,
  shopId,
  itemCode: `${id}-item`,
  sku,
  multiplier,
});
const level = (sku: string, onHand: number, reserved = 0, safetyStock = 0): StockLevel => ({
  sku,
  onHand,
  reserved,
  safetyStock,
});

describe('sellableStock and setQuantity', () => {
  it('sums free stock over locations less safety stock, never below zero', () => {
    const sellable = sellableStock([
      level('A', 10, 3, 2),
      { sku: 'A', location: 'east', onHand: 4, reserved: 0, safetyStock: 0 },
      level('B', 2, 1, 5),
    ]);
    expect(Object.fromEntries(sellable)).toEqual({ A: 9, B: 0 });
  });

  it('takes the minimum over components of floor(free / quantity)', () => {
    const free = new Map([
      ['CUP', 7],
      ['SAUCER', 10],
    ]);
    expect(
      setQuantity(
        [
          { sku: 'CUP', quantity: 2 },
          { sku: 'SAUCER', quantity: 2 },
        ],
        free,
      ),
    ).toBe(3);
    expect(setQuantity([{ sku: 'NONE', quantity: 1 }], free)).toBe(0);
    expect(setQuantity([], free)).toBe(0);
  });
});

describe('planSync', () => {
  const products = [
    product('TEA'),
    product('CUP'),
    product('GIFT', [
      { sku: 'TEA', quantity: 2 },
      { sku: 'CUP', quantity: 1 },
    ]),
  ];
  const listings = [
    listing('r-tea', 'rakuten', 'TEA'),
    listing('r2-tea', 'rakuten', 'TEA', 1, 'second-shop'),
    listing('y-tea3', 'yahoo', 'TEA', 3),
    listing('a-gift', 'amazon', 'GIFT'),
  ];
  const catalog = catalogOf(products, listings);

  it('uploads every listing the first time, per shop, shops of one mall dividing the channel share', () => {
    // 9 TEA sellable: rakuten's two shops divide them (5 + 4), yahoo and amazon each have their own share.
    const plan = planSync({ catalog, levels: [level('TEA', 10, 1), level('CUP', 3)], pushed: {} });
    expect(
      plan.uploads.map((u) => [u.channel, u.shopId, u.mode, u.items.map((i) => [i.listingId, i.quantity])]),
    ).toEqual([
      ['amazon', 'amazon-shop', 'absolute', [['a-gift', 3]]],
      ['rakuten', 'rakuten-shop', 'absolute', [['r-tea', 5]]],
      ['rakuten', 'second-shop', 'absolute', [['r2-tea', 4]]],
      ['yahoo', 'yahoo-shop', 'absolute', [['y-tea3', 3]]],
    ]);
    expect(plan.pushed).toEqual({ 'a-gift': 3, 'r-tea': 5, 'r2-tea': 4, 'y-tea3': 3 });
    expect(plan.issues).toEqual([]);
  });

  it('uploads only what changed, as deltas where the channel takes deltas', () => {
    const pushed = { 'a-gift': 3, 'r-tea': 5, 'r2-tea': 4, 'y-tea3': 3, removed: 4 };
    // A real-store sale took 2 TEA.
    const plan = planSync({
      catalog,
      levels: [level('TEA', 8, 1), level('CUP', 3)],
      pushed,
      modes: { rakuten: 'delta' },
    });
    expect(plan.uploads).toEqual([
      {
        channel: 'rakuten',
        shopId: 'rakuten-shop',
        mode: 'delta',
        items: [{ listingId: 'r-tea', itemCode: 'r-tea-item', quantity: 4, previous: 5, delta: -1 }],
      },
      {
        channel: 'rakuten',
        shopId: 'second-shop',
        mode: 'delta',
        items: [{ listingId: 'r2-tea', itemCode: 'r2-tea-item', quantity: 3, previous: 4, delta: -1 }],
      },
      {
        channel: 'yahoo',
        shopId: 'yahoo-shop',
        mode: 'absolute',
        items: [{ listingId: 'y-tea3', itemCode: 'y-tea3-item', quantity: 2, previous: 3 }],
      },
    ]);
    expect(plan.pushed).toEqual({ 'a-gift': 3, 'r-tea': 4, 'r2-tea': 3, 'y-tea3': 2 });
    expect(
      planSync({ catalog, levels: [level('TEA', 8, 1), level('CUP', 3)], pushed: plan.pushed }).uploads,
    ).toEqual([]);
  });

  it('sends an absolute quantity with a warning when a delta channel has no baseline', () => {
    const plan = planSync({
      catalog,
      levels: [level('TEA', 2)],
      pushed: {},
      modes: { yahoo: 'delta' },
      changedSkus: ['TEA'],
    });
    const yahoo = plan.uploads.find((u) => u.channel === 'yahoo');
    expect(yahoo?.mode).toBe('absolute');
    expect(plan.issues.map((i) => [i.code, i.severity, i.data])).toEqual([
      ['inventory.sync_no_baseline', 'warning', { listingId: 'y-tea3', quantity: 0 }],
    ]);
  });

  it('a real-store sale or a receipt triggers a plan for the SKUs it touched, like an order does', async () => {
    const store = createMemoryStockStore();
    const at = '2026-11-28T10:00:00+09:00';
    await store.apply({
      key: 'seed',
      actor: 'x',
      at,
      operations: [
        { op: 'adjust', kind: 'receipt', sku: 'TEA', quantity: 9 },
        { op: 'adjust', kind: 'receipt', sku: 'CUP', quantity: 9 },
      ],
    });
    const first = planSync({ catalog, levels: await store.readLevels(), pushed: {} });
    const sale = await store.apply({
      key: 'store-sale-1',
      actor: '店舗',
      at,
      operations: [{ op: 'adjust', kind: 'store_sale', sku: 'TEA', quantity: -4, reason: '実店舗販売' }],
    });
    if (!sale.ok) throw new Error('refused');
    const plan = planSync({
      catalog,
      levels: await store.readLevels(),
      pushed: first.pushed,
      changedSkus: sale.value.levels.map((l) => l.sku),
    });
    expect(plan.uploads.flatMap((u) => u.items.map((i) => [i.listingId, i.previous, i.quantity]))).toEqual([
      ['a-gift', 4, 2],
      ['r-tea', 5, 3],
      ['r2-tea', 4, 2],
      ['y-tea3', 3, 1],
    ]);
  });

  it('with changedSkus plans only listings of those SKUs and of sets containing them', () => {
    const plan = planSync({
      catalog,
      levels: [level('TEA', 10), level('CUP', 3)],
      pushed: {},
      changedSkus: ['CUP'],
    });
    expect(plan.uploads.flatMap((u) => u.items.map((i) => i.listingId))).toEqual(['a-gift']);
  });

  it('applies channel, shop and listing policies and reports policy problems', () => {
    const plan = planSync({
      catalog,
      levels: [level('TEA', 20), level('CUP', 20)],
      pushed: {},
      policies: [
        { channel: 'rakuten', ratio: 50, reserve: 2 },
        { channel: 'rakuten', shopId: 'second-shop', cap: 4 },
        { listingId: 'y-tea3', floorToZero: 10 },
        { channel: 'amazon', ratio: 101 },
      ],
    });
    // Rakuten's share is floor((20 − 2) × 50%) = 9: second-shop is capped at 4, r-tea takes the other 5.
    expect(
      Object.fromEntries(plan.uploads.flatMap((u) => u.items.map((i) => [i.listingId, i.quantity]))),
    ).toEqual({
      'a-gift': 10,
      'r-tea': 5,
      'r2-tea': 4,
      'y-tea3': 0,
    });
    expect(plan.issues.map((i) => i.code)).toEqual(['inventory.invalid_policy']);
  });

  const stockedSku = fc.constantFrom('A', 'B', 'C');
  const world = fc
    .record({
      levels: fc.array(
        fc.record({
          sku: stockedSku,
          onHand: fc.nat(200),
          reserved: fc.nat(200),
          safetyStock: fc.nat(10),
          location: fc.constantFrom('x', 'y', 'z'),
        }),
        { maxLength: 6 },
      ),
      setComponents: fc.uniqueArray(
        fc.record({ sku: stockedSku, quantity: fc.integer({ min: 1, max: 4 }) }),
        {
          selector: (c) => c.sku,
          minLength: 1,
          maxLength: 3,
        },
      ),
      ratios: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
      multipliers: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 4, maxLength: 4 }),
      reserve: fc.nat(5),
      cap: fc.option(fc.nat(100), { nil: undefined }),
    })
    .map((w) => ({
      ...w,
      // Physical stock: reserved never above onHand, as the store guarantees; one level per SKU and location.
      levels: [
        ...new Map(
          w.levels.map((l) => [`${l.sku}/${l.location}`, { ...l, reserved: Math.min(l.reserved, l.onHand) }]),
        ).values(),
      ],
    }));

  function freeOf(
    sku: string,
    levels: StockLevel[],
    components: { sku: string; quantity: number }[],
  ): number {
    const sellable = sellableStock(levels);
    return sku === 'SET' ? setQuantity(components, sellable) : (sellable.get(sku) ?? 0);
  }

  it('property: no listing ever advertises more than the free stock behind it', () => {
    fc.assert(
      fc.property(world, ({ levels, setComponents, ratios, multipliers, reserve, cap }) => {
        const skus = ['A', 'B', 'C', 'SET'];
        const c = catalogOf(
          [product('A'), product('B'), product('C'), product('SET', setComponents)],
          skus.flatMap((sku, i) =>
            ratios.map((_, r) => listing(`${sku}-${r}`, `ch${r}`, sku, multipliers[i] ?? 1)),
          ),
        );
        const plan = planSync({
          catalog: c,
          levels,
          pushed: {},
          policies: ratios.map((ratio, r) => ({
            channel: `ch${r}`,
            ratio,
            reserve,
            ...(cap === undefined ? {} : { cap }),
          })),
        });
        for (const upload of plan.uploads) {
          for (const item of upload.items) {
            const l = c.listings.get(item.listingId)!;
            expect(item.quantity * l.multiplier).toBeLessThanOrEqual(freeOf(l.sku, levels, setComponents));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
