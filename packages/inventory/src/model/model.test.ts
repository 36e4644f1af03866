import { describe, expect, it } from 'vitest';
import { Listing, Movement, Product, StockLevel } from './index';

describe('model schemas', () => {
  it('accept a set product, a pack listing, a level and a ledger entry', () => {
    expect(
      Product.safeParse({
        sku: 'GIFT',
        name: 'ギフト',
        temperatureZone: 'chilled',
        components: [{ sku: 'TEA', quantity: 2 }],
      }).success,
    ).toBe(true);
    expect(
      Listing.safeParse({
        id: 'l',
        channel: 'rakuten',
        shopId: 's',
        itemCode: 'i',
        skuCode: 'k',
        sku: 'TEA',
        multiplier: 3,
      }).success,
    ).toBe(true);
    expect(
      StockLevel.safeParse({ sku: 'TEA', location: 'east', onHand: 3, reserved: 1, safetyStock: 0 }).success,
    ).toBe(true);
    expect(
      Movement.safeParse({
        id: 'k#1',
        batchKey: 'k',
        kind: 'store_sale',
        sku: 'TEA',
        quantity: -1,
        actor: '店舗',
        at: '2026-11-28T10:00:00+09:00',
      }).success,
    ).toBe(true);
  });

  it('reject what cannot be stock: empty sets, zero packs, negative stock, unknown zones', () => {
    expect(
      Product.safeParse({ sku: 'S', name: 'n', temperatureZone: 'ambient', components: [] }).success,
    ).toBe(false);
    expect(Product.safeParse({ sku: 'S', name: 'n', temperatureZone: 'warm' }).success).toBe(false);
    expect(
      Listing.safeParse({ id: 'l', channel: 'c', shopId: 's', itemCode: 'i', sku: 'S', multiplier: 0 })
        .success,
    ).toBe(false);
    expect(StockLevel.safeParse({ sku: 'S', onHand: -1, reserved: 0, safetyStock: 0 }).success).toBe(false);
    expect(
      Movement.safeParse({
        id: 'k#1',
        batchKey: 'k',
        kind: 'receipt',
        sku: 'S',
        quantity: 1,
        actor: 'a',
        at: '2026-11-28 10:00',
      }).success,
    ).toBe(false);
  });
});
