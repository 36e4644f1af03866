import { z } from 'zod';
import { Sku } from './product';

/**
 * A sales channel (販売チャネル / モール): `rakuten`, `yahoo`, `amazon`, or any other name a shop uses
 * (`own-site`, `qoo10`). Several shops (店舗) can sell on the same channel and share one stock pool.
 */
export const Channel = z.string().min(1);
/** @see {@link Channel} */
export type Channel = z.infer<typeof Channel>;

/**
 * The codes a mall uses for one sellable item (モール商品コード): 楽天 商品管理番号 + SKU管理番号, Yahoo!
 * 商品コード + 個別商品コード (sub-code), Amazon 出品者SKU (no sub-code).
 */
export const MallCode = z.object({
  channel: Channel,
  shopId: z.string().min(1),
  itemCode: z.string().min(1),
  skuCode: z.string().min(1).optional(),
});
/** @see {@link MallCode} */
export type MallCode = z.infer<typeof MallCode>;

/**
 * A listing (商品対応表の一行): maps one mall code of one shop to a master SKU. `multiplier` is the number of
 * master units in one sold unit, for packs (3個セット sold as one item of a single-unit SKU).
 */
export const Listing = MallCode.extend({
  id: z.string().min(1),
  sku: Sku,
  multiplier: z.number().int().positive(),
});
/** @see {@link Listing} */
export type Listing = z.infer<typeof Listing>;
