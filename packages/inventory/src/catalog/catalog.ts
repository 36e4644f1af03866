import { byCodeUnit, createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import { z } from 'zod';
import { Listing, type MallCode } from '../model/listing';
import { Product, type SetComponent } from '../model/product';

/**
 * The product master and the mall code mapping (商品マスタ + 商品対応表), checked and indexed once by
 * {@link indexCatalog} and then read by allocation and sync planning. Treat it as read-only.
 */
export interface Catalog {
  /** Products by SKU. */
  readonly products: ReadonlyMap<string, Product>;
  /** Listings by id. */
  readonly listings: ReadonlyMap<string, Listing>;
  /** Listings by {@link mallCodeKey}. */
  readonly listingsByMallCode: ReadonlyMap<string, Listing>;
  /** For each set SKU, its stocked components after expanding nested sets, summed per SKU, sorted by SKU. */
  readonly setStock: ReadonlyMap<string, readonly SetComponent[]>;
  /** For each stocked SKU, the set SKUs that contain it (directly or through nested sets), sorted. */
  readonly setsContaining: ReadonlyMap<string, readonly string[]>;
  /** For each SKU, its listings sorted by id. */
  readonly listingsBySku: ReadonlyMap<string, readonly Listing[]>;
  /** Every listing sorted by id: the order sync plans list them in. */
  readonly sortedListings: readonly Listing[];
}

/** The input of {@link indexCatalog}: the product master and the listings. */
export const CatalogInput = z.object({
  products: z.array(Product),
  listings: z.array(Listing),
});
/** @see {@link CatalogInput} */
export type CatalogInput = z.infer<typeof CatalogInput>;

/**
 * The lookup key of a mall code: channel, shop, item code and sub-code.
 *
 * @example
 * ```ts
 * mallCodeKey({ channel: 'rakuten', shopId: 'tea-shop', itemCode: 'tea-100', skuCode: 'size-l' });
 * // '["rakuten","tea-shop","tea-100","size-l"]'
 * ```
 */
export function mallCodeKey(code: MallCode): string {
  return JSON.stringify([code.channel, code.shopId, code.itemCode, code.skuCode ?? null]);
}

/**
 * How shop staff read a mall code in a message.
 *
 * @example
 * ```ts
 * describeMallCode({ channel: 'rakuten', shopId: 'tea-shop', itemCode: 'tea-100', skuCode: 'size-l' });
 * // 'rakuten/tea-shop 商品「tea-100」 SKU「size-l」'
 * ```
 */
export function describeMallCode(code: MallCode): string {
  const sub = code.skuCode === undefined ? '' : ` SKU「${code.skuCode}」`;
  return `${code.channel}/${code.shopId} 商品「${code.itemCode}」${sub}`;
}

/**
 * Checks the product master and the listings and indexes them (商品マスタ・商品対応表の検証). Every problem
 * is reported, and any error fails the whole catalog, so nothing is allocated or synced on a broken
 * mapping: `inventory.invalid_catalog` (schema), `inventory.duplicate_sku`, `inventory.set_component_missing`,
 * `inventory.set_cycle` (a set that contains itself, directly or through other sets),
 * `inventory.duplicate_listing`, `inventory.duplicate_mall_code`, `inventory.listing_sku_missing`.
 *
 * @example
 * ```ts
 * const catalog = indexCatalog({
 *   products: [
 *     { sku: 'TEA-100', name: '緑茶 100g', temperatureZone: 'ambient' },
 *     { sku: 'TEA-SET', name: '緑茶3袋セット', temperatureZone: 'ambient', components: [{ sku: 'TEA-100', quantity: 3 }] },
 *   ],
 *   listings: [
 *     { id: 'r-1', channel: 'rakuten', shopId: 'tea-shop', itemCode: 'tea-set', sku: 'TEA-SET', multiplier: 1 },
 *   ],
 * });
 * if (catalog.ok) catalog.value.setStock.get('TEA-SET'); // [{ sku: 'TEA-100', quantity: 3 }]
 * ```
 */
export function indexCatalog(input: CatalogInput): Result<Catalog> {
  const parsed = CatalogInput.safeParse(input);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) =>
        createIssue(
          'inventory.invalid_catalog',
          `商品マスタ・商品対応表の項目「${issue.path.join('.')}」が不正です: ${issue.message}`,
          {
            path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
          },
        ),
      ),
    );
  }
  const { products, listings } = parsed.data;
  const issues: Issue[] = [];
  const bySku = indexProducts(products, issues);
  const setStock = expandSets(products, bySku, issues);
  const { byId, byMallCode } = indexListings(listings, bySku, issues);
  if (issues.length > 0) return fail(issues);
  const sortedListings = [...byId.values()].sort((a, b) => byCodeUnit(a.id, b.id));
  const listingsBySku = new Map<string, Listing[]>();
  for (const listing of sortedListings) {
    const same = listingsBySku.get(listing.sku);
    if (same === undefined) listingsBySku.set(listing.sku, [listing]);
    else same.push(listing);
  }
  return ok({
    products: bySku,
    listings: byId,
    listingsByMallCode: byMallCode,
    setStock,
    setsContaining: invert(setStock),
    listingsBySku,
    sortedListings,
  });
}

function indexProducts(products: readonly Product[], issues: Issue[]): Map<string, Product> {
  const bySku = new Map<string, Product>();
  products.forEach((product, index) => {
    if (bySku.has(product.sku)) {
      issues.push(
        createIssue('inventory.duplicate_sku', `商品マスタのSKU「${product.sku}」が重複しています`, {
          path: ['products', index, 'sku'],
          data: { sku: product.sku },
        }),
      );
      return;
    }
    bySku.set(product.sku, product);
  });
  products.forEach((product, index) => {
    product.components?.forEach((component, position) => {
      if (bySku.has(component.sku)) return;
      issues.push(
        createIssue(
          'inventory.set_component_missing',
          `セット商品「${product.sku}」の構成品SKU「${component.sku}」が商品マスタにありません`,
          {
            path: ['products', index, 'components', position, 'sku'],
            data: { sku: product.sku, component: component.sku },
          },
        ),
      );
    });
  });
  return bySku;
}

/** Expands every set to stocked components; a set that reaches itself is reported once, with its cycle. */
function expandSets(
  products: readonly Product[],
  bySku: ReadonlyMap<string, Product>,
  issues: Issue[],
): Map<string, SetComponent[]> {
  const expanded = new Map<string, Map<string, number> | null>();
  const visiting: string[] = [];
  const cyclic = new Set<string>();

  function expand(sku: string): Map<string, number> | null {
    const known = expanded.get(sku);
    if (known !== undefined) return known;
    const start = visiting.indexOf(sku);
    if (start >= 0) {
      for (const member of visiting.slice(start)) cyclic.add(member);
      const cycle = [...visiting.slice(start), sku];
      const index = products.findIndex((p) => p.sku === sku);
      issues.push(
        createIssue(
          'inventory.set_cycle',
          `セット商品「${sku}」が自分自身を構成品に含んでいます（${cycle.join(' → ')}）`,
          {
            path: ['products', index, 'components'],
            data: { sku, cycle },
          },
        ),
      );
      return null;
    }
    const product = bySku.get(sku);
    if (product?.components === undefined) return new Map([[sku, 1]]);
    visiting.push(sku);
    const total = new Map<string, number>();
    let broken = false;
    for (const component of product.components) {
      if (!bySku.has(component.sku)) {
        broken = true;
        continue;
      }
      const inner = expand(component.sku);
      if (inner === null) {
        broken = true;
        continue;
      }
      for (const [leaf, quantity] of inner)
        total.set(leaf, (total.get(leaf) ?? 0) + quantity * component.quantity);
    }
    visiting.pop();
    const result = broken || cyclic.has(sku) ? null : total;
    expanded.set(sku, result);
    return result;
  }

  const setStock = new Map<string, SetComponent[]>();
  for (const product of products) {
    if (product.components === undefined) continue;
    const leaves = expand(product.sku);
    if (leaves === null) continue;
    setStock.set(
      product.sku,
      [...leaves].sort(([a], [b]) => byCodeUnit(a, b)).map(([sku, quantity]) => ({ sku, quantity })),
    );
  }
  return setStock;
}

function indexListings(listings: readonly Listing[], bySku: ReadonlyMap<string, Product>, issues: Issue[]) {
  const byId = new Map<string, Listing>();
  const byMallCode = new Map<string, Listing>();
  listings.forEach((listing, index) => {
    if (byId.has(listing.id)) {
      issues.push(
        createIssue('inventory.duplicate_listing', `商品対応表のID「${listing.id}」が重複しています`, {
          path: ['listings', index, 'id'],
          data: { listingId: listing.id },
        }),
      );
      return;
    }
    byId.set(listing.id, listing);
    const key = mallCodeKey(listing);
    const other = byMallCode.get(key);
    if (other !== undefined) {
      issues.push(
        createIssue(
          'inventory.duplicate_mall_code',
          `${describeMallCode(listing)} が商品対応表「${other.id}」と「${listing.id}」に重複しています`,
          { path: ['listings', index, 'itemCode'], data: { listingId: listing.id, other: other.id } },
        ),
      );
    } else byMallCode.set(key, listing);
    if (!bySku.has(listing.sku)) {
      issues.push(
        createIssue(
          'inventory.listing_sku_missing',
          `商品対応表「${listing.id}」（${describeMallCode(listing)}）のSKU「${listing.sku}」が商品マスタにありません`,
          { path: ['listings', index, 'sku'], data: { listingId: listing.id, sku: listing.sku } },
        ),
      );
    }
  });
  return { byId, byMallCode };
}

function invert(setStock: ReadonlyMap<string, readonly SetComponent[]>): Map<string, string[]> {
  const containing = new Map<string, string[]>();
  for (const [set, components] of setStock) {
    for (const { sku } of components) {
      const sets = containing.get(sku);
      if (sets === undefined) containing.set(sku, [set]);
      else sets.push(set);
    }
  }
  for (const sets of containing.values()) sets.sort(byCodeUnit);
  return containing;
}
