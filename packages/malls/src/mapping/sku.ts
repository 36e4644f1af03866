import type { Listing, Product } from '@hakobu/inventory';
import type { TemperatureZone } from '@hakobu/orders';

/** What a line's mall codes map to in the product master (商品マスタ対応): the master SKU and its 温度帯. */
export interface SkuMatch {
  readonly masterSku: string;
  readonly temperature: TemperatureZone | undefined;
  /** Master units per sold unit (セット販売の入数), from the listing. */
  readonly multiplier: number;
}

/**
 * Maps a line's mall codes to the product master (SKU対応表): tries every SKU candidate in order against the
 * listings of the channel and shop (`itemCode` + `skuCode`), then the item code alone, then a candidate that
 * is itself a master SKU. Returns `undefined` when nothing matches.
 */
export type SkuMapper = (
  channel: string,
  shopId: string,
  itemCode: string,
  skuCandidates: readonly string[],
) => SkuMatch | undefined;

function key(channel: string, shopId: string, itemCode: string, skuCode: string | undefined): string {
  return `${channel}\u0000${shopId}\u0000${itemCode}\u0000${skuCode ?? ''}`;
}

/**
 * Builds a {@link SkuMapper} from the listings and products of `@hakobu/inventory` (商品対応表). For 楽天 the
 * readers pass the candidates システム連携用SKU番号, SKU管理番号, 商品番号 in that order, so a listing keyed by
 * any of them matches.
 *
 * @example
 * ```ts
 * const mapSku = createSkuMapper({
 *   listings: [{ id: 'l1', channel: 'rakuten', shopId: 'shop', itemCode: 'tea-set', skuCode: 'v1', sku: 'TEA-01', multiplier: 1 }],
 *   products: [{ sku: 'TEA-01', name: '煎茶', temperatureZone: 'ambient' }],
 * });
 * mapSku('rakuten', 'shop', 'tea-set', ['TEA-01-M', 'v1']); // { masterSku: 'TEA-01', temperature: 'ambient', multiplier: 1 }
 * ```
 */
export function createSkuMapper(input: {
  readonly listings: readonly Listing[];
  readonly products?: readonly Product[];
}): SkuMapper {
  const byCode = new Map<string, Listing>();
  for (const listing of input.listings) {
    byCode.set(key(listing.channel, listing.shopId, listing.itemCode, listing.skuCode), listing);
  }
  const zones = new Map<string, TemperatureZone>();
  for (const product of input.products ?? []) zones.set(product.sku, product.temperatureZone);
  const match = (sku: string, multiplier: number): SkuMatch => ({
    masterSku: sku,
    temperature: zones.get(sku),
    multiplier,
  });
  return (channel, shopId, itemCode, skuCandidates) => {
    for (const candidate of skuCandidates) {
      if (candidate === '') continue;
      const listing = byCode.get(key(channel, shopId, itemCode, candidate));
      if (listing !== undefined) return match(listing.sku, listing.multiplier);
    }
    const itemOnly = byCode.get(key(channel, shopId, itemCode, undefined));
    if (itemOnly !== undefined) return match(itemOnly.sku, itemOnly.multiplier);
    for (const candidate of skuCandidates) {
      if (zones.has(candidate)) return match(candidate, 1);
    }
    return undefined;
  };
}
