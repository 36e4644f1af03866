import { byCodeUnit, createIssue, type Issue } from '@hakobu/core';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import type { Listing } from '../model/listing';
import type { StockLevel } from '../model/stock';
import type { ChannelPolicy } from '../policy/policy';
import { indexPolicies } from '../policy/policy';
import { sellableStock } from './availability';
import { listingQuantities, type ShareMode, stockedComponents } from './share';

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
  /** Channel policies; none means every channel's share is all the sellable stock. */
  readonly policies?: readonly ChannelPolicy[];
  /** What was pushed last time; `{}` on the first run. */
  readonly pushed: PushedState;
  /** The mode per channel; a channel not named here is `absolute`. */
  readonly modes?: Readonly<Record<string, SyncMode>>;
  /**
   * How each channel's share is divided among its listings (see {@link ShareMode}); a channel not named
   * here is `split`: its listings together never advertise more than its share.
   */
  readonly shares?: Readonly<Record<string, ShareMode>>;
  /**
   * Only plan listings affected by these SKUs, e.g. the SKUs of the levels an order, a receipt or a
   * real-store sale touched: the listings of these SKUs and of every set containing them, and, in `split`
   * channels, every listing of the same channel sharing stock with those (they divide one share). Absent
   * plans every listing.
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
 * its components) through its channel policy; then each channel's share (and each shop's, when the shop
 * has its own ratio or reserve) of every stocked SKU is divided among the listings that use it — a single
 * item and a pack of one SKU, shops of one mall, sets and their components — so that together they never
 * advertise more than the share (`split`, the default; see {@link ShareMode}). Quantities are compared with
 * what was pushed last; only listings whose quantity changed are uploaded. In a `delta` channel a listing
 * never pushed before cannot get a delta: it goes into an `absolute` upload of the same shop, with the
 * warning `inventory.sync_no_baseline`. Save `pushed` only after the uploads succeed.
 *
 * The division is equal in master units, round by round, and deterministic: each share's remaining units
 * are divided equally among the listings still growing that use it, each taking whole sold units; a listing
 * that cannot take a whole unit stops growing, the last units go to listings in id order, and a listing
 * left below its floor-to-zero shows 0 and gives its units to the others.
 *
 * Pure; linear in the number of listings when few listings of a channel share stock.
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
  const sellable = sellableStock(input.levels);
  const planned = listingsToPlan(
    catalog,
    input.changedSkus,
    (channel) => input.shares?.[channel] !== 'shared',
  );
  const quantities = listingQuantities(catalog, planned, sellable, index, input.shares);

  const uploads = new Map<string, SyncUpload>();
  const next: PushedState = input.changedSkus === undefined ? {} : { ...pushed };
  planned.forEach((listing, position) => {
    const quantity = quantities[position] ?? 0;
    const previous = pushed[listing.id];
    next[listing.id] = quantity;
    if (previous === quantity) return;
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
  });
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

/**
 * Listings in id order: all of them, or those whose quantity can depend on one of the changed SKUs: the
 * listings of the SKU and of sets containing it and, through `split` channels, every listing of the same
 * channel that uses a stocked SKU one of those uses (they divide one share), and so on.
 */
function listingsToPlan(
  catalog: Catalog,
  changedSkus: readonly string[] | undefined,
  splits: (channel: string) => boolean,
): readonly Listing[] {
  if (changedSkus === undefined) return catalog.sortedListings;
  const planned = new Set<Listing>();
  const changed = new Set<string>();
  for (const sku of changedSkus)
    for (const { sku: leaf } of stockedComponents(catalog, sku)) changed.add(leaf);
  const queue: { leaf: string; channel?: string }[] = [...changed].map((leaf) => ({ leaf }));
  const visited = new Set<string>();
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const { leaf, channel } = next;
    for (const sku of [leaf, ...(catalog.setsContaining.get(leaf) ?? [])]) {
      for (const listing of catalog.listingsBySku.get(sku) ?? []) {
        if ((channel !== undefined && listing.channel !== channel) || planned.has(listing)) continue;
        planned.add(listing);
        if (!splits(listing.channel)) continue;
        for (const { sku: other } of stockedComponents(catalog, listing.sku)) {
          const key = JSON.stringify([listing.channel, other]);
          if (changed.has(other) || visited.has(key)) continue;
          visited.add(key);
          queue.push({ leaf: other, channel: listing.channel });
        }
      }
    }
  }
  return [...planned].sort((a, b) => byCodeUnit(a.id, b.id));
}
