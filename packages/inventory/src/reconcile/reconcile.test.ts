import { describe, expect, it } from 'vitest';
import { indexCatalog } from '../catalog/catalog';
import { reconcile } from './reconcile';

const catalog = (() => {
  const result = indexCatalog({
    products: [{ sku: 'TEA', name: '緑茶', temperatureZone: 'ambient' }],
    listings: [
      {
        id: 'r-1',
        channel: 'rakuten',
        shopId: 's',
        itemCode: 'tea',
        skuCode: 'a',
        sku: 'TEA',
        multiplier: 1,
      },
      {
        id: 'r-2',
        channel: 'rakuten',
        shopId: 's',
        itemCode: 'tea',
        skuCode: 'b',
        sku: 'TEA',
        multiplier: 1,
      },
      { id: 'y-1', channel: 'yahoo', shopId: 'y', itemCode: 'tea', sku: 'TEA', multiplier: 1 },
      { id: 'a-1', channel: 'amazon', shopId: 'a', itemCode: 'TEA-AMZ', sku: 'TEA', multiplier: 1 },
    ],
  });
  if (!result.ok) throw new Error('catalog');
  return result.value;
})();

describe('reconcile', () => {
  it('reports drift per listing read back, and unknown or duplicate codes', () => {
    const report = reconcile(catalog, { 'r-1': 5, 'r-2': 3, 'y-1': 4 }, [
      { channel: 'yahoo', shopId: 'y', itemCode: 'tea', quantity: 2 },
      { channel: 'rakuten', shopId: 's', itemCode: 'tea', skuCode: 'a', quantity: 7 },
      { channel: 'rakuten', shopId: 's', itemCode: 'tea', skuCode: 'b', quantity: 3 },
      { channel: 'amazon', shopId: 'a', itemCode: 'TEA-AMZ', quantity: 1 },
      { channel: 'amazon', shopId: 'a', itemCode: 'GONE', quantity: 1 },
      { channel: 'yahoo', shopId: 'y', itemCode: 'tea', quantity: 2 },
    ]);
    expect(report.drifts).toEqual([
      { listingId: 'a-1', channel: 'amazon', shopId: 'a', itemCode: 'TEA-AMZ', mall: 1 },
      {
        listingId: 'r-1',
        channel: 'rakuten',
        shopId: 's',
        itemCode: 'tea',
        skuCode: 'a',
        pushed: 5,
        mall: 7,
        difference: 2,
      },
      {
        listingId: 'y-1',
        channel: 'yahoo',
        shopId: 'y',
        itemCode: 'tea',
        pushed: 4,
        mall: 2,
        difference: -2,
      },
    ]);
    expect(report.matched).toBe(1);
    expect(report.issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['inventory.unknown_mall_code', 'warning', ['readBack', 4]],
      ['inventory.duplicate_read_back', 'warning', ['readBack', 5]],
    ]);
    expect(report.issues[0]?.message).toBe(
      'モールから読み込んだ amazon/a 商品「GONE」 は商品対応表にありません',
    );
  });
});
