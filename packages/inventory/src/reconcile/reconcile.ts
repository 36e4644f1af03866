import { byCodeUnit, createIssue, type Issue } from '@hakobu/core';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import { describeMallCode, mallCodeKey } from '../catalog/catalog';
import { MallCode } from '../model/listing';
import type { PushedState } from '../sync/plan';

/** A quantity read back from a mall (モール在庫数) for one of its codes. */
export const MallQuantity = MallCode.extend({
  quantity: z.number().int().nonnegative(),
});
/** @see {@link MallQuantity} */
export type MallQuantity = z.infer<typeof MallQuantity>;

/**
 * A listing whose mall quantity differs from what was pushed (在庫ずれ). `pushed` is undefined for a
 * listing never pushed; `difference` is `mall − pushed` (negative: the mall sold or lost units since the
 * push; positive: the mall shows more than was pushed, an oversell risk).
 */
export const Drift = z.object({
  listingId: z.string().min(1),
  channel: z.string().min(1),
  shopId: z.string().min(1),
  itemCode: z.string().min(1),
  skuCode: z.string().min(1).optional(),
  pushed: z.number().int().nonnegative().optional(),
  mall: z.number().int().nonnegative(),
  difference: z.number().int().optional(),
});
/** @see {@link Drift} */
export type Drift = z.infer<typeof Drift>;

/** The result of {@link reconcile}. */
export interface ReconcileReport {
  /** Listings that differ, sorted by listing id. */
  readonly drifts: Drift[];
  /** How many read-back listings matched what was pushed. */
  readonly matched: number;
  /** Read-back codes with no listing (`inventory.unknown_mall_code`, warning) and duplicates read back. */
  readonly issues: Issue[];
}

/**
 * Compares quantities read back from the malls with what was pushed (在庫照合) and reports the drift per
 * listing. Only listings read back are compared, so a partial read is fine. A drift of a listing whose
 * mall quantity is higher than pushed is the one that can oversell.
 *
 * @example
 * ```ts
 * const report = reconcile(catalog, lastPushed, [
 *   { channel: 'rakuten', shopId: 'tea-shop', itemCode: 'tea-100', quantity: 7 },
 * ]);
 * report.drifts; // [{ listingId: 'r-1', …, pushed: 5, mall: 7, difference: 2 }]
 * ```
 */
export function reconcile(
  catalog: Catalog,
  pushed: PushedState,
  readBack: readonly MallQuantity[],
): ReconcileReport {
  const issues: Issue[] = [];
  const drifts: Drift[] = [];
  const seen = new Set<string>();
  let matched = 0;
  readBack.forEach((read, index) => {
    const listing = catalog.listingsByMallCode.get(mallCodeKey(read));
    if (listing === undefined) {
      issues.push(
        createIssue(
          'inventory.unknown_mall_code',
          `モールから読み込んだ ${describeMallCode(read)} は商品対応表にありません`,
          {
            severity: 'warning',
            path: ['readBack', index],
            data: { ...read },
          },
        ),
      );
      return;
    }
    if (seen.has(listing.id)) {
      issues.push(
        createIssue(
          'inventory.duplicate_read_back',
          `${describeMallCode(read)} が読み込みデータに重複しています`,
          {
            severity: 'warning',
            path: ['readBack', index],
            data: { listingId: listing.id },
          },
        ),
      );
      return;
    }
    seen.add(listing.id);
    const last = pushed[listing.id];
    if (last === read.quantity) {
      matched += 1;
      return;
    }
    const drift: Drift = {
      listingId: listing.id,
      channel: listing.channel,
      shopId: listing.shopId,
      itemCode: listing.itemCode,
      mall: read.quantity,
    };
    if (listing.skuCode !== undefined) drift.skuCode = listing.skuCode;
    if (last !== undefined) {
      drift.pushed = last;
      drift.difference = read.quantity - last;
    }
    drifts.push(drift);
  });
  drifts.sort((a, b) => byCodeUnit(a.listingId, b.listingId));
  return { drifts, matched, issues };
}
