import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Catalog, indexCatalog } from '../catalog/catalog';
import type { Listing } from '../model/listing';
import type { Product } from '../model/product';
import type { StockLevel } from '../model/stock';
import { type ChannelPolicy, indexPolicies, shareOf } from '../policy/policy';
import { sellableStock } from './availability';
import { planSync, type SyncInput } from './plan';
import type { ShareMode } from './share';

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
const listing = (id: string, channel: string, sku: string, multiplier = 1, shopId = `${channel}-shop`) => ({
  id,
  channel,
  shopId,
  itemCode: `${id}-item`,
  sku,
  multiplier,
});
const level = (sku: string, onHand: number): StockLevel => ({ sku, onHand, reserved: 0, safetyStock: 0 });

/** Every listing's planned quantity, by listing id (a first plan uploads every listing). */
function quantities(input: Omit<SyncInput, 'pushed'>): Record<string, number> {
  return planSync({ ...input, pushed: {} }).pushed;
}

describe('dividing a channel share among its listings', () => {
  const cups = catalogOf(
    [product('CUP')],
    [
      listing('r-cup', 'rakuten', 'CUP'),
      listing('r-cup-3pack', 'rakuten', 'CUP', 3),
      listing('y-cup', 'yahoo', 'CUP'),
    ],
  );
  const policies: ChannelPolicy[] = [
    { channel: 'rakuten', ratio: 60 },
    { channel: 'yahoo', ratio: 40 },
  ];

  it('a single item and a 3-pack of one SKU divide the channel share instead of each showing it all', () => {
    // 14 sellable, 楽天 60% = 8 units: 4 each, the 3-pack can use 3 of its 4, the last unit goes to r-cup.
    expect(quantities({ catalog: cups, levels: [level('CUP', 14)], policies })).toEqual({
      'r-cup': 5,
      'r-cup-3pack': 1,
      'y-cup': 5,
    });
  });

  it('shared lets every listing show the whole share, as asked per channel', () => {
    // 8 + 2 × 3 = 14 units on 楽天 alone: more than its 8-unit share.
    expect(
      quantities({ catalog: cups, levels: [level('CUP', 14)], policies, shares: { rakuten: 'shared' } }),
    ).toEqual({ 'r-cup': 8, 'r-cup-3pack': 2, 'y-cup': 5 });
  });

  it('divides equally in master units, the remainder going to listings in id order', () => {
    const three = catalogOf(
      [product('TEA')],
      ['c', 'a', 'b'].map((id) => listing(id, 'rakuten', 'TEA')),
    );
    expect(quantities({ catalog: three, levels: [level('TEA', 10)] })).toEqual({ a: 4, b: 3, c: 3 });
  });

  it('a listing held by its cap or its own ratio leaves its part to the others', () => {
    const three = catalogOf(
      [product('TEA')],
      ['a', 'b', 'c'].map((id) => listing(id, 'rakuten', 'TEA')),
    );
    expect(
      quantities({
        catalog: three,
        levels: [level('TEA', 12)],
        policies: [
          { listingId: 'a', cap: 1 },
          { listingId: 'b', ratio: 25 },
        ],
      }),
    ).toEqual({ a: 1, b: 3, c: 8 });
  });

  it('a set and its component on one channel share the component stock', () => {
    const catalog = catalogOf(
      [product('TEA'), product('TEA-PAIR', [{ sku: 'TEA', quantity: 2 }])],
      [listing('r-pair', 'rakuten', 'TEA-PAIR'), listing('r-tea', 'rakuten', 'TEA')],
    );
    // 10 TEA: 5 each; the pair uses 4 of its 5 (2 sets), r-pair then r-tea in id order: r-tea takes the last.
    expect(quantities({ catalog, levels: [level('TEA', 10)] })).toEqual({ 'r-pair': 2, 'r-tea': 6 });
  });

  it('a shop with its own ratio divides its share inside the channel share', () => {
    const catalog = catalogOf(
      [product('TEA')],
      [
        listing('main', 'rakuten', 'TEA', 1, 'main'),
        listing('outlet', 'rakuten', 'TEA', 1, 'outlet'),
        listing('outlet-2', 'rakuten', 'TEA', 2, 'outlet'),
      ],
    );
    // 楽天 60% of 20 = 12 units; outlet 20% = 4 units for its two listings together.
    expect(
      quantities({
        catalog,
        levels: [level('TEA', 20)],
        policies: [
          { channel: 'rakuten', ratio: 60 },
          { channel: 'rakuten', shopId: 'outlet', ratio: 20 },
        ],
      }),
    ).toEqual({ main: 8, outlet: 2, 'outlet-2': 1 });
  });

  it('a shop or listing policy narrows a listing but never lifts it above its channel or shop share', () => {
    const catalog = catalogOf(
      [product('TEA'), product('CUP')],
      [
        listing('r-tea', 'rakuten', 'TEA', 1, 'outlet'),
        listing('r-cup', 'rakuten', 'CUP', 1, 'main'),
        listing('r-cup-2', 'rakuten', 'CUP', 2, 'main'),
      ],
    );
    expect(
      quantities({
        catalog,
        levels: [level('TEA', 20), level('CUP', 20)],
        policies: [
          { channel: 'rakuten', ratio: 60 },
          { channel: 'rakuten', shopId: 'outlet', ratio: 20 },
          { channel: 'rakuten', shopId: 'main', ratio: 80, reserve: 5 },
          { listingId: 'r-tea', ratio: 100 },
          { listingId: 'r-cup', ratio: 100, reserve: 0 },
        ],
      }),
      // TEA: the outlet's 20% = 4, though the listing asks 100%. CUP: 楽天 60% = 12 units, inside main's
      // floor(15 × 80%) = 12, divided 6 + 6 (3 pairs).
    ).toEqual({ 'r-cup': 6, 'r-cup-2': 3, 'r-tea': 4 });
  });

  it('a listing left below its floor-to-zero shows 0 and its units go to the others', () => {
    expect(
      quantities({
        catalog: cups,
        levels: [level('CUP', 14)],
        policies: [...policies, { listingId: 'r-cup-3pack', floorToZero: 2 }],
      }),
    ).toEqual({ 'r-cup': 8, 'r-cup-3pack': 0, 'y-cup': 5 });
  });

  it('with changedSkus also plans the listings of the channel that divide a share with the affected ones', () => {
    const catalog = catalogOf(
      [
        product('A'),
        product('B'),
        product('AB', [
          { sku: 'A', quantity: 1 },
          { sku: 'B', quantity: 1 },
        ]),
      ],
      [
        listing('r-a', 'rakuten', 'A'),
        listing('r-ab', 'rakuten', 'AB'),
        listing('y-a', 'yahoo', 'A'),
        listing('y-b', 'yahoo', 'B'),
      ],
    );
    const first = planSync({ catalog, levels: [level('A', 10), level('B', 1)], pushed: {} });
    expect(first.pushed).toEqual({ 'r-a': 9, 'r-ab': 1, 'y-a': 10, 'y-b': 1 });
    // B arrives: r-ab can grow, which takes units of A from r-a; y-a shares nothing with B on yahoo.
    const plan = planSync({
      catalog,
      levels: [level('A', 10), level('B', 9)],
      pushed: first.pushed,
      changedSkus: ['B'],
    });
    expect(plan.uploads.flatMap((u) => u.items.map((i) => [i.listingId, i.previous, i.quantity]))).toEqual([
      ['r-a', 9, 5],
      ['r-ab', 1, 5],
      ['y-b', 1, 9],
    ]);
    const shared = planSync({
      catalog,
      levels: [level('A', 10), level('B', 9)],
      pushed: first.pushed,
      changedSkus: ['B'],
      shares: { rakuten: 'shared' },
    });
    expect(shared.uploads.flatMap((u) => u.items.map((i) => i.listingId))).toEqual(['r-ab', 'y-b']);
  });
});

describe('properties of split shares', () => {
  const stocked = ['A', 'B', 'C'] as const;
  const setSkus = ['S1', 'S2'] as const;
  const policyRule = fc.record(
    {
      ratio: fc.integer({ min: 0, max: 100 }),
      reserve: fc.nat(6),
      cap: fc.nat(40),
      floorToZero: fc.nat(4),
    },
    { requiredKeys: [] },
  );
  const world = fc
    .record({
      levels: fc.array(
        fc.record({
          sku: fc.constantFrom(...stocked),
          location: fc.constantFrom('x', 'y'),
          onHand: fc.nat(120),
          reserved: fc.nat(120),
          safetyStock: fc.nat(5),
        }),
        { maxLength: 6 },
      ),
      s1: fc.uniqueArray(
        fc.record({ sku: fc.constantFrom(...stocked), quantity: fc.integer({ min: 1, max: 3 }) }),
        {
          selector: (c) => c.sku,
          minLength: 1,
          maxLength: 3,
        },
      ),
      s2: fc.uniqueArray(
        fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'S1'), quantity: fc.integer({ min: 1, max: 2 }) }),
        { selector: (c) => c.sku, minLength: 1, maxLength: 2 },
      ),
      listings: fc.array(
        fc.record({
          channel: fc.nat(2),
          shop: fc.constantFrom('s0', 's1'),
          sku: fc.constantFrom(...stocked, ...setSkus),
          multiplier: fc.integer({ min: 1, max: 4 }),
        }),
        { minLength: 1, maxLength: 10 },
      ),
      ratios: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
      channelRules: fc.array(policyRule, { minLength: 3, maxLength: 3 }),
      shopRules: fc.array(fc.tuple(fc.nat(2), fc.constantFrom('s0', 's1'), policyRule), { maxLength: 3 }),
      listingRules: fc.array(fc.tuple(fc.nat(9), policyRule), { maxLength: 4 }),
    })
    .map((w) => {
      const total = w.ratios.reduce((sum, r) => sum + r, 0);
      // Channel ratios scaled down to add up to at most 100%; shop and listing rules may say anything.
      const ratios = total <= 100 ? w.ratios : w.ratios.map((r) => Math.floor((r * 100) / total));
      const catalog = catalogOf(
        [...stocked.map((sku) => product(sku)), product('S1', w.s1), product('S2', w.s2)],
        w.listings.map((l, i) => listing(`L${i}`, `ch${l.channel}`, l.sku, l.multiplier, l.shop)),
      );
      const policies: ChannelPolicy[] = [
        ...ratios.map((ratio, c) => ({ ...w.channelRules[c], channel: `ch${c}`, ratio })),
        ...uniqueBy(w.shopRules, ([c, shop]) => `${c}/${shop}`).map(([c, shopId, rule]) => ({
          ...rule,
          channel: `ch${c}`,
          shopId,
        })),
        ...uniqueBy(w.listingRules, ([l]) => l)
          .filter(([l]) => l < w.listings.length)
          .map(([l, rule]) => ({ ...rule, listingId: `L${l}` })),
      ];
      const levels = [
        ...new Map(
          w.levels.map((l) => [`${l.sku}/${l.location}`, { ...l, reserved: Math.min(l.reserved, l.onHand) }]),
        ).values(),
      ];
      return { catalog, policies, levels };
    });

  function uniqueBy<T>(items: T[], key: (item: T) => string | number): T[] {
    const seen = new Map<string | number, T>();
    for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
    return [...seen.values()];
  }

  /** Master units of every stocked SKU each listing advertises, summed per scope key. */
  function unitsBy(catalog: Catalog, pushed: Record<string, number>, scope: (l: Listing) => string) {
    const units = new Map<string, number>();
    for (const [id, quantity] of Object.entries(pushed)) {
      const l = catalog.listings.get(id)!;
      for (const { sku, quantity: each } of catalog.setStock.get(l.sku) ?? [{ sku: l.sku, quantity: 1 }]) {
        const key = `${scope(l)}|${sku}`;
        units.set(key, (units.get(key) ?? 0) + quantity * l.multiplier * each);
      }
    }
    return units;
  }

  const sharedEverywhere: Record<string, ShareMode> = { ch0: 'shared', ch1: 'shared', ch2: 'shared' };

  it('property: channels whose ratios add up to at most 100% never advertise more than the sellable stock', () => {
    fc.assert(
      fc.property(world, ({ catalog, policies, levels }) => {
        const sellable = sellableStock(levels);
        const { index } = indexPolicies(policies);
        const plan = planSync({ catalog, levels, policies, pushed: {} });
        for (const sku of stocked) {
          const total = [...unitsBy(catalog, plan.pushed, () => 'all')]
            .filter(([key]) => key.endsWith(`|${sku}`))
            .reduce((sum, [, units]) => sum + units, 0);
          expect(total).toBeLessThanOrEqual(sellable.get(sku) ?? 0);
        }
        // And each channel, and each shop, stays within its own share.
        for (const [key, units] of unitsBy(catalog, plan.pushed, (l) => `${l.channel}|${l.shopId}`)) {
          const [channel, shopId, sku] = key.split('|') as [string, string, string];
          const free = sellable.get(sku) ?? 0;
          expect(units).toBeLessThanOrEqual(shareOf(free, index.resolveScope(channel, shopId)));
        }
        for (const [key, units] of unitsBy(catalog, plan.pushed, (l) => l.channel)) {
          const [channel, sku] = key.split('|') as [string, string];
          expect(units).toBeLessThanOrEqual(shareOf(sellable.get(sku) ?? 0, index.resolveScope(channel)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: a split never shows more than shared, respects floor-to-zero and leaves no usable unit', () => {
    fc.assert(
      fc.property(world, ({ catalog, policies, levels }) => {
        // Without floor-to-zero every listing below its own quantity is stopped by a spent share.
        const noFloor = policies.map(({ floorToZero: _, ...rest }) => rest);
        for (const set of [policies, noFloor]) {
          const split = planSync({ catalog, levels, policies: set, pushed: {} }).pushed;
          const alone = planSync({
            catalog,
            levels,
            policies: set,
            pushed: {},
            shares: sharedEverywhere,
          }).pushed;
          const { index } = indexPolicies(set);
          const sellable = sellableStock(levels);
          const usedByChannel = unitsBy(catalog, split, (l) => l.channel);
          const usedByShop = unitsBy(catalog, split, (l) => `${l.channel}|${l.shopId}`);
          for (const [id, quantity] of Object.entries(split)) {
            const l = catalog.listings.get(id)!;
            expect(quantity).toBeLessThanOrEqual(alone[id]!);
            const floor = index.resolve(l).floorToZero;
            expect(quantity === 0 || quantity >= floor).toBe(true);
            if (set !== noFloor || quantity === alone[id]) continue;
            const components = catalog.setStock.get(l.sku) ?? [{ sku: l.sku, quantity: 1 }];
            const blocked = components.some(({ sku, quantity: each }) => {
              const need = each * l.multiplier;
              const free = sellable.get(sku) ?? 0;
              const channelLeft =
                shareOf(free, index.resolveScope(l.channel)) -
                (usedByChannel.get(`${l.channel}|${sku}`) ?? 0);
              const shopLeft =
                shareOf(free, index.resolveScope(l.channel, l.shopId)) -
                (usedByShop.get(`${l.channel}|${l.shopId}|${sku}`) ?? 0);
              return channelLeft < need || shopLeft < need;
            });
            expect(blocked).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a plan limited by changedSkus ends where a full plan does', () => {
    const change = fc.array(fc.record({ sku: fc.constantFrom(...stocked), onHand: fc.nat(120) }), {
      minLength: 1,
      maxLength: 2,
    });
    fc.assert(
      fc.property(world, change, fc.boolean(), ({ catalog, policies, levels }, changes, shareRakuten) => {
        const shares: Record<string, ShareMode> = shareRakuten ? { ch1: 'shared' } : {};
        const before = planSync({ catalog, levels, policies, pushed: {}, shares });
        const after = [
          ...levels.filter((l) => !changes.some((c) => c.sku === l.sku)),
          ...uniqueBy(changes, (c) => c.sku).map((c) => level(c.sku, c.onHand)),
        ];
        const partial = planSync({
          catalog,
          levels: after,
          policies,
          pushed: before.pushed,
          shares,
          changedSkus: changes.map((c) => c.sku),
        });
        const full = planSync({ catalog, levels: after, policies, pushed: before.pushed, shares });
        expect(partial.pushed).toEqual(full.pushed);
        expect(partial.uploads).toEqual(full.uploads);
      }),
      { numRuns: 300 },
    );
  });
});
