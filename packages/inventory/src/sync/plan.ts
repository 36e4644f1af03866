import { createIssue, type Issue } from '@hakobu/core';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import type { Listing } from '../model/listing';
import type { StockLevel } from '../model/stock';
import type { ChannelPolicy } from '../policy/policy';
import { advertisedQuantity, indexPolicies } from '../policy/policy';
import { byCodeUnit } from '../store/keys';
import { sellableStock, setQuantity } from './availability';

/** How a channel takes stock: the new quantity (`absolute`, 在庫数の上書き) or the change (`delta`, 差分). */
export const SyncMode = z.enum(['absolute', 'delta']);
/** @see {@link SyncMode} */
export type SyncMode = z.infer<typeof SyncMode>;

/** The last quantity pushed to each mall listing (前回連携在庫数), by listing id. */
export const PushedState = z.record(z.string(), z.number().int().nonnegative());
/** @see {@link PushedState} */
export type PushedState = z.infer<typeof PushedState>;

/** One quantity to upload for one listing. `previous` and `delta` are set when the last push is known. */
export const SyncItem = z.object({
  listingId: z.string().min(1),
  itemCode: z.string().min(1),
  skuCode: z.string().min(1).optional(),
  quantity: z.number().int().nonnegative(),
  previous: z.number().int().nonnegative().optional(),
  delta: z.number().int().optional(),
});
/** @see {@link SyncItem} */
export type SyncItem = z.infer<typeof SyncItem>;

/** The items of one shop to send in one mode (one upload file or API call series). */
export const SyncUpload = z.object({
  channel: z.string().min(1),
  shopId: z.string().min(1),
  mode: SyncMode,
  items: z.array(SyncItem),
});
/** @see {@link SyncUpload} */
export type SyncUpload = z.infer<typeof SyncUpload>;

/** The input of {@link planSync}. */
export interface SyncInput {
  /** The product master and listings, from `indexCatalog`. */
  readonly catalog: Catalog;
  /** Every stock level (from `StockStore.readLevels`). */
  readonly levels: readonly StockLevel[];
  /** Channel policies; none means every listing advertises all sellable stock. */
  readonly policies?: readonly ChannelPolicy[];
  /** What was pushed last time; `{}` on the first run. */
  readonly pushed: PushedState;
  /** The mode per channel; a channel not named here is `absolute`. */
  readonly modes?: Readonly<Record<string, SyncMode>>;
  /**
   * Only plan listings affected by these SKUs (the SKU itself and every set containing it), e.g. the SKUs
   * of the levels an order, a receipt or a real-store sale touched. Absent plans every listing.
   */
  readonly changedSkus?: readonly string[];
}

/** The result of {@link planSync}: what to upload, the pushed state once uploaded, and any issues. */
export interface SyncPlan {
  /** Uploads sorted by channel, shop and mode; items sorted by listing id. Only changed listings appear. */
  readonly uploads: SyncUpload[];
  /**
   * The pushed state once every upload succeeds. A full plan gives the quantity of every listing of the
   * catalog (entries of listings no longer in the catalog are dropped); a plan limited by `changedSkus`
   * gives the input state with the planned listings written in.
   */
  readonly pushed: PushedState;
  /** Policy problems and delta listings without a previous push. */
  readonly issues: Issue[];
}

/**
 * Plans a multi-mall stock sync (在庫連携): for every listing, the sellable stock of its SKU (a set's from
 * its components), through its channel policy, compared with what was pushed last; only listings whose
 * quantity changed are uploaded. Several shops of one mall read the same pool. In a `delta` channel a
 * listing never pushed before cannot get a delta: it goes into an `absolute` upload of the same shop,
 * with the warning `inventory.sync_no_baseline`. Save `pushed` only after the uploads succeed.
 *
 * Pure and linear in the number of listings.
 *
 * @example
 * ```ts
 * const plan = planSync({
 *   catalog,
 *   levels: await store.readLevels(),
 *   policies: [{ channel: 'rakuten', ratio: 60 }, { channel: 'yahoo', ratio: 40 }],
 *   pushed: lastPushed,
 *   modes: { amazon: 'delta' },
 * });
 * for (const upload of plan.uploads) await sendToMall(upload);
 * lastPushed = plan.pushed;
 * ```
 */
export function planSync(input: SyncInput): SyncPlan {
  const { catalog, pushed } = input;
  const { index, issues } = indexPolicies(input.policies ?? []);
  const free = sellableStock(input.levels);
  // Sets have no stock of their own: their quantity is written over any level filed under a set SKU.
  const setQuantities = [...catalog.setStock].map(
    ([sku, components]) => [sku, setQuantity(components, free)] as const,
  );
  for (const [sku, quantity] of setQuantities) free.set(sku, quantity);

  const uploads = new Map<string, SyncUpload>();
  const planned = listingsToPlan(catalog, input.changedSkus);
  const next: PushedState = input.changedSkus === undefined ? {} : { ...pushed };
  for (const listing of planned) {
    const quantity = advertisedQuantity(
      free.get(listing.sku) ?? 0,
      index.resolve(listing),
      listing.multiplier,
    );
    const previous = pushed[listing.id];
    next[listing.id] = quantity;
    if (previous === quantity) continue;
    let mode = input.modes?.[listing.channel] ?? 'absolute';
    const item: SyncItem = { listingId: listing.id, itemCode: listing.itemCode, quantity };
    if (listing.skuCode !== undefined) item.skuCode = listing.skuCode;
    if (previous !== undefined) {
      item.previous = previous;
      if (mode === 'delta') item.delta = quantity - previous;
    } else if (mode === 'delta') {
      mode = 'absolute';
      issues.push(
        createIssue(
          'inventory.sync_no_baseline',
          `商品対応表「${listing.id}」は前回の連携在庫数が不明のため、差分ではなく在庫数 ${quantity} で連携します`,
          { severity: 'warning', data: { listingId: listing.id, quantity } },
        ),
      );
    }
    uploadFor(uploads, listing, mode).items.push(item);
  }
  const sorted = [...uploads.keys()].sort(byCodeUnit).map((key) => uploads.get(key)!);
  return { uploads: sorted, pushed: next, issues };
}

function uploadFor(uploads: Map<string, SyncUpload>, listing: Listing, mode: SyncMode): SyncUpload {
  const key = `${listing.channel}\u0000${listing.shopId}\u0000${mode}`;
  let upload = uploads.get(key);
  if (upload === undefined) {
    upload = { channel: listing.channel, shopId: listing.shopId, mode, items: [] };
    uploads.set(key, upload);
  }
  return upload;
}

/** Listings in id order: all of them, or those whose stock depends on one of the changed SKUs. */
function listingsToPlan(catalog: Catalog, changedSkus: readonly string[] | undefined): readonly Listing[] {
  if (changedSkus === undefined) return catalog.sortedListings;
  const skus = new Set<string>();
  for (const sku of changedSkus) {
    skus.add(sku);
    for (const set of catalog.setsContaining.get(sku) ?? []) skus.add(set);
  }
  const listings: Listing[] = [];
  for (const sku of skus) listings.push(...(catalog.listingsBySku.get(sku) ?? []));
  return listings.sort((a, b) => byCodeUnit(a.id, b.id));
}
