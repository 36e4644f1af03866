import { describe, expect, it } from 'vitest';
import type { Listing } from '../model/listing';
import type { Product } from '../model/product';
import { type CatalogInput, describeMallCode, indexCatalog, mallCodeKey } from './catalog';

const tea: Product = { sku: 'TEA', name: '緑茶 100g', temperatureZone: 'ambient' };
const cup: Product = { sku: 'CUP', name: '湯呑み', temperatureZone: 'ambient' };
const gift: Product = {
  sku: 'GIFT',
  name: 'ギフトセット',
  temperatureZone: 'ambient',
  components: [
    { sku: 'TEA', quantity: 2 },
    { sku: 'CUP', quantity: 1 },
  ],
};
const bigGift: Product = {
  sku: 'BIG',
  name: '大ギフト',
  temperatureZone: 'ambient',
  components: [
    { sku: 'GIFT', quantity: 2 },
    { sku: 'TEA', quantity: 1 },
  ],
};
const listing = (id: string, sku: string, itemCode = id, skuCode?: string): Listing => ({
  id,
  channel: 'rakuten',
  shopId: 'shop',
  itemCode,
  ...(skuCode === undefined ? {} : { skuCode }),
  sku,
  multiplier: 1,
});

function issuesOf(input: CatalogInput) {
  const result = indexCatalog(input);
  expect(result.ok).toBe(false);
  return result.issues;
}

describe('indexCatalog', () => {
  it('expands nested sets to stocked components and indexes listings', () => {
    const result = indexCatalog({
      products: [tea, cup, gift, bigGift],
      listings: [listing('b', 'BIG'), listing('a', 'TEA', 'tea', 'x')],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const catalog = result.value;
    expect(catalog.setStock.get('GIFT')).toEqual([
      { sku: 'CUP', quantity: 1 },
      { sku: 'TEA', quantity: 2 },
    ]);
    expect(catalog.setStock.get('BIG')).toEqual([
      { sku: 'CUP', quantity: 2 },
      { sku: 'TEA', quantity: 5 },
    ]);
    expect(catalog.setsContaining.get('TEA')).toEqual(['BIG', 'GIFT']);
    expect(catalog.sortedListings.map((l) => l.id)).toEqual(['a', 'b']);
    expect(
      catalog.listingsByMallCode.get(
        mallCodeKey({ channel: 'rakuten', shopId: 'shop', itemCode: 'tea', skuCode: 'x' }),
      )?.id,
    ).toBe('a');
    expect(catalog.listingsBySku.get('BIG')?.map((l) => l.id)).toEqual(['b']);
  });

  it('reports a set that contains itself, directly or through another set', () => {
    const self: Product = {
      sku: 'SELF',
      name: '自己参照',
      temperatureZone: 'ambient',
      components: [{ sku: 'SELF', quantity: 1 }],
    };
    const a: Product = {
      sku: 'A',
      name: 'A',
      temperatureZone: 'ambient',
      components: [{ sku: 'B', quantity: 1 }],
    };
    const b: Product = {
      sku: 'B',
      name: 'B',
      temperatureZone: 'ambient',
      components: [{ sku: 'A', quantity: 1 }],
    };
    const issues = issuesOf({ products: [self, a, b, tea], listings: [] });
    expect(issues.map((i) => [i.code, i.data?.cycle])).toEqual([
      ['inventory.set_cycle', ['SELF', 'SELF']],
      ['inventory.set_cycle', ['A', 'B', 'A']],
    ]);
    expect(issues[0]?.message).toContain('セット商品「SELF」');
  });

  it('reports every mapping problem at once: missing SKU, missing component, duplicates', () => {
    const broken: Product = {
      sku: 'SET',
      name: 'セット',
      temperatureZone: 'ambient',
      components: [{ sku: 'NONE', quantity: 1 }],
    };
    const issues = issuesOf({
      products: [tea, broken, { ...tea, name: '重複' }],
      listings: [listing('l1', 'TEA', 'same'), listing('l2', 'GHOST', 'same'), listing('l1', 'TEA', 'other')],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['inventory.duplicate_sku', ['products', 2, 'sku']],
      ['inventory.set_component_missing', ['products', 1, 'components', 0, 'sku']],
      ['inventory.duplicate_mall_code', ['listings', 1, 'itemCode']],
      ['inventory.listing_sku_missing', ['listings', 1, 'sku']],
      ['inventory.duplicate_listing', ['listings', 2, 'id']],
    ]);
    expect(issues[3]?.message).toBe(
      '商品対応表「l2」（rakuten/shop 商品「same」）のSKU「GHOST」が商品マスタにありません',
    );
  });

  it('rejects schema problems with paths', () => {
    const issues = issuesOf({
      products: [{ ...tea, components: [{ sku: 'CUP', quantity: 0 }] }],
      listings: [],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['inventory.invalid_catalog', ['products', 0, 'components', 0, 'quantity']],
    ]);
  });
});

describe('describeMallCode', () => {
  it('names channel, shop, item and sub-code for staff', () => {
    expect(describeMallCode({ channel: 'yahoo', shopId: 's', itemCode: 'i', skuCode: 'k' })).toBe(
      'yahoo/s 商品「i」 SKU「k」',
    );
  });
});
