import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Listing } from '../model/listing';
import { advertisedQuantity, indexPolicies, shareOf, unrestrictedPolicy } from './policy';

const listing: Listing = {
  id: 'L',
  channel: 'rakuten',
  shopId: 'outlet',
  itemCode: 'i',
  sku: 'S',
  multiplier: 1,
};

describe('advertisedQuantity', () => {
  it('applies reserve, ratio, pack, cap, floor-to-zero in that order, rounding down', () => {
    expect(advertisedQuantity(10, { ratio: 50, reserve: 1, cap: undefined, floorToZero: 0 }, 1)).toBe(4);
    expect(advertisedQuantity(100, { ratio: 99, reserve: 0, cap: undefined, floorToZero: 0 }, 1)).toBe(99);
    expect(advertisedQuantity(5, { ratio: 99, reserve: 0, cap: undefined, floorToZero: 0 }, 1)).toBe(4);
    expect(advertisedQuantity(10, { ratio: 100, reserve: 0, cap: 2, floorToZero: 0 }, 3)).toBe(2);
    expect(advertisedQuantity(10, { ratio: 100, reserve: 0, cap: undefined, floorToZero: 0 }, 3)).toBe(3);
    expect(advertisedQuantity(3, { ratio: 100, reserve: 0, cap: undefined, floorToZero: 4 }, 1)).toBe(0);
    expect(advertisedQuantity(4, { ratio: 100, reserve: 0, cap: undefined, floorToZero: 4 }, 1)).toBe(4);
    expect(advertisedQuantity(2, { ratio: 100, reserve: 5, cap: undefined, floorToZero: 0 }, 1)).toBe(0);
    expect(advertisedQuantity(7, unrestrictedPolicy, 1)).toBe(7);
  });

  it('shareOf is the reserve and ratio steps, in master units', () => {
    expect(shareOf(14, { ratio: 60, reserve: 0, cap: 1, floorToZero: 9 })).toBe(8);
    expect(shareOf(14, { ratio: 50, reserve: 4, cap: undefined, floorToZero: 0 })).toBe(5);
    expect(shareOf(3, { ratio: 100, reserve: 5, cap: undefined, floorToZero: 0 })).toBe(0);
  });

  it('never advertises more master units than the stock behind it', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.integer({ min: 0, max: 100 }),
        fc.nat(50),
        fc.option(fc.nat(500), { nil: undefined }),
        fc.nat(20),
        fc.integer({ min: 1, max: 12 }),
        (free, ratio, reserve, cap, floorToZero, multiplier) => {
          const quantity = advertisedQuantity(free, { ratio, reserve, cap, floorToZero }, multiplier);
          expect(quantity).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(quantity)).toBe(true);
          expect(quantity * multiplier).toBeLessThanOrEqual(Math.max(0, free - reserve));
        },
      ),
    );
  });
});

describe('indexPolicies', () => {
  it('merges channel, shop and listing policies field by field, most specific last', () => {
    const { index, issues } = indexPolicies([
      { channel: 'rakuten', ratio: 60, reserve: 2 },
      { channel: 'rakuten', shopId: 'outlet', cap: 5 },
      { listingId: 'L', reserve: 0, floorToZero: 3 },
    ]);
    expect(issues).toEqual([]);
    expect(index.resolve(listing)).toEqual({ ratio: 60, reserve: 0, cap: 5, floorToZero: 3 });
    expect(index.resolve({ ...listing, id: 'other', shopId: 'main' })).toEqual({
      ratio: 60,
      reserve: 2,
      cap: undefined,
      floorToZero: 0,
    });
    expect(index.resolve({ ...listing, channel: 'yahoo' })).toEqual({
      ratio: 100,
      reserve: 0,
      cap: undefined,
      floorToZero: 3,
    });
  });

  it('resolves the policy of a whole channel or of one shop, without listing policies', () => {
    const { index } = indexPolicies([
      { channel: 'rakuten', ratio: 60, reserve: 2 },
      { channel: 'rakuten', shopId: 'outlet', ratio: 20 },
      { listingId: 'L', ratio: 5 },
    ]);
    expect(index.resolveScope('rakuten')).toEqual({ ratio: 60, reserve: 2, cap: undefined, floorToZero: 0 });
    expect(index.resolveScope('rakuten', 'outlet')).toEqual({
      ratio: 20,
      reserve: 2,
      cap: undefined,
      floorToZero: 0,
    });
    expect(index.resolveScope('rakuten', 'main')).toEqual(index.resolveScope('rakuten'));
    expect(index.resolveScope('yahoo')).toEqual(unrestrictedPolicy);
  });

  it('reports duplicate scopes and invalid policies and keeps the first valid one', () => {
    const { index, issues } = indexPolicies([
      { channel: 'yahoo', ratio: 30 },
      { channel: 'yahoo', ratio: 70 },
      { channel: 'amazon', ratio: 120 },
      { listingId: 'L', channel: 'rakuten', cap: 1 },
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['inventory.duplicate_policy', ['policies', 1]],
      ['inventory.invalid_policy', ['policies', 2, 'ratio']],
      ['inventory.invalid_policy', ['policies', 3, 'channel']],
    ]);
    expect(issues[0]?.message).toBe('チャネル「yahoo」の在庫連携設定が重複しています');
    expect(index.resolve({ ...listing, channel: 'yahoo' }).ratio).toBe(30);
  });
});
