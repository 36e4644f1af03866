import type { Clock, Result } from '@hakobu/core';
import { byCodeUnit, createIssue, fail, formatInstantJst, type Issue, ok } from '@hakobu/core';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import { describeMallCode, mallCodeKey } from '../catalog/catalog';
import { MallCode } from '../model/listing';
import { Sku } from '../model/product';
import { LocationId } from '../model/stock';
import type { ReserveOperation, StockBatchOutcome, StockOperation } from '../store/batch';
import { withLocation } from '../store/evaluate';
import { reservationKey } from '../store/keys';
import type { StockStore } from '../store/port';

/**
 * One line of demand (引当対象の明細): an order line, by master SKU or by the mall code it was sold under,
 * and the quantity sold. Lines with the same `orderLineId` add up (one order line spread over several
 * slips after 伝票分割). `location` picks the stock location; absent is the default location.
 */
export const DemandLine = z
  .object({
    orderLineId: z.string().min(1),
    sku: Sku.optional(),
    mallCode: MallCode.optional(),
    quantity: z.number().int().positive(),
    location: LocationId.optional(),
  })
  .refine((line) => (line.sku === undefined) !== (line.mallCode === undefined), {
    message: 'sku か mallCode のどちらか一方を指定してください',
    path: ['sku'],
  });
/** @see {@link DemandLine} */
export type DemandLine = z.infer<typeof DemandLine>;

/** What an allocation-type operation needs: the store, the catalog and a clock for the ledger instant. */
export interface AllocationContext {
  /** Where stock lives. */
  readonly store: StockStore;
  /** The product master and mall code mapping. */
  readonly catalog: Catalog;
  /** The source of the instant written to the movement ledger, in Japan time (`+09:00`, to the second). */
  readonly clock: Clock;
}

/** The common part of every request: the idempotency key (処理キー) and who asks (担当者). */
export interface BatchRequest {
  /** Idempotency key of the batch; reuse it when retrying the same request. */
  readonly key: string;
  /** Who or what asks, written to the ledger. */
  readonly actor: string;
}

/**
 * Turns demand lines into reserve operations (引当の計画), without touching stock: maps mall codes to
 * master SKUs, multiplies packs, expands sets to their stocked components, and sums per order line, SKU
 * and location. Fails with every unmapped line: `inventory.unknown_mall_code`, `inventory.unknown_sku`,
 * `inventory.invalid_line`.
 *
 * @example
 * ```ts
 * planReservations(catalog, [
 *   { orderLineId: 'R-1001-1', mallCode: { channel: 'rakuten', shopId: 'tea-shop', itemCode: 'tea-set' }, quantity: 1 },
 * ]);
 * // ok([{ op: 'reserve', orderLineId: 'R-1001-1', sku: 'TEA-100', quantity: 3 }])
 * ```
 */
export function planReservations(catalog: Catalog, lines: readonly DemandLine[]): Result<ReserveOperation[]> {
  const issues: Issue[] = [];
  const demand = new Map<string, ReserveOperation>();
  lines.forEach((input, index) => {
    const parsed = DemandLine.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push(
          createIssue(
            'inventory.invalid_line',
            `明細 ${index + 1} 行目の項目「${issue.path.join('.')}」が不正です: ${issue.message}`,
            {
              path: [
                'lines',
                index,
                ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
              ],
            },
          ),
        );
      }
      return;
    }
    const line = parsed.data;
    const resolved = resolveLine(catalog, line, index);
    if ('issue' in resolved) {
      issues.push(resolved.issue);
      return;
    }
    const units = line.quantity * resolved.multiplier;
    for (const component of catalog.setStock.get(resolved.sku) ?? [{ sku: resolved.sku, quantity: 1 }]) {
      const key = reservationKey(line.orderLineId, component.sku, line.location);
      const existing = demand.get(key);
      if (existing !== undefined) existing.quantity += units * component.quantity;
      else {
        demand.set(
          key,
          withLocation(
            {
              op: 'reserve' as const,
              orderLineId: line.orderLineId,
              sku: component.sku,
              quantity: units * component.quantity,
            },
            line.location,
          ),
        );
      }
    }
  });
  if (issues.length > 0) return fail(issues);
  return ok([...demand.keys()].sort(byCodeUnit).map((key) => demand.get(key)!));
}

function resolveLine(
  catalog: Catalog,
  line: DemandLine,
  index: number,
): { sku: string; multiplier: number } | { issue: Issue } {
  if (line.mallCode !== undefined) {
    const listing = catalog.listingsByMallCode.get(mallCodeKey(line.mallCode));
    if (listing !== undefined) return { sku: listing.sku, multiplier: listing.multiplier };
    return {
      issue: createIssue(
        'inventory.unknown_mall_code',
        `受注明細「${line.orderLineId}」の ${describeMallCode(line.mallCode)} は商品対応表にありません`,
        { path: ['lines', index, 'mallCode'], data: { orderLineId: line.orderLineId, ...line.mallCode } },
      ),
    };
  }
  const sku = line.sku!;
  if (catalog.products.has(sku)) return { sku, multiplier: 1 };
  return {
    issue: createIssue(
      'inventory.unknown_sku',
      `受注明細「${line.orderLineId}」のSKU「${sku}」は商品マスタにありません`,
      {
        path: ['lines', index, 'sku'],
        data: { orderLineId: line.orderLineId, sku },
      },
    ),
  };
}

async function run(
  context: Pick<AllocationContext, 'store' | 'clock'>,
  request: BatchRequest,
  operations: StockOperation[],
) {
  if (operations.length === 0)
    return ok<StockBatchOutcome>({
      key: request.key,
      replayed: false,
      levels: [],
      reservations: [],
      movements: [],
    });
  return context.store.apply({
    key: request.key,
    actor: request.actor,
    // The ledger reads in Japan time like order events, whatever the host's time zone.
    at: formatInstantJst(context.clock.now()),
    operations,
  });
}

/** A request to allocate: the demand lines of one or more orders. */
export interface AllocateRequest extends BatchRequest {
  /** The lines to reserve stock for. */
  readonly lines: readonly DemandLine[];
}

/**
 * Allocates stock (引当) for order lines, all or nothing: maps and expands the lines, sums demand per SKU,
 * and reserves in one batch. When stock is short nothing is reserved and every short SKU is listed as an
 * `inventory.shortfall` issue (with `requested`, `available` and the `orderLineIds` concerned).
 *
 * Allocating an order line that already holds stock adds to it: after 伝票分割 or 同梱 use
 * {@link reallocate}, which replaces instead.
 *
 * @example
 * ```ts
 * const result = await allocate({ store, catalog, clock: systemClock }, {
 *   key: 'allocate:R-1001',
 *   actor: '自動引当',
 *   lines: [{ orderLineId: 'R-1001-1', mallCode: { channel: 'rakuten', shopId: 'tea-shop', itemCode: 'tea-set' }, quantity: 2 }],
 * });
 * if (!result.ok) result.issues.filter((i) => i.code === 'inventory.shortfall'); // every short SKU
 * ```
 */
export async function allocate(
  context: AllocationContext,
  request: AllocateRequest,
): Promise<Result<StockBatchOutcome>> {
  const planned = planReservations(context.catalog, request.lines);
  if (!planned.ok) return planned;
  return run(context, request, planned.value);
}

/** A request to release the whole reservations of order lines. */
export interface ReleaseRequest extends BatchRequest {
  /** The order lines whose reservations end (cancel, 取消). */
  readonly orderLineIds: readonly string[];
}

/**
 * Releases every reservation of the given order lines (引当解除, on cancel), in one batch. Lines that hold
 * nothing are reported as the warning `inventory.nothing_reserved`. Allocating and then releasing the same
 * lines restores stock exactly.
 *
 * @example
 * ```ts
 * await release({ store, clock: systemClock }, { key: 'cancel:R-1001', actor: '店舗スタッフ', orderLineIds: ['R-1001-1'] });
 * ```
 */
export async function release(
  context: Pick<AllocationContext, 'store' | 'clock'>,
  request: ReleaseRequest,
): Promise<Result<StockBatchOutcome>> {
  const lineIds = [...new Set(request.orderLineIds)].sort(byCodeUnit);
  const result = await run(
    context,
    request,
    lineIds.map((orderLineId) => ({ op: 'release', orderLineId })),
  );
  if (!result.ok) return result;
  const touched = new Set(result.value.reservations.map((change) => change.orderLineId));
  const warnings = lineIds
    .filter((id) => !touched.has(id))
    .map((orderLineId) =>
      createIssue('inventory.nothing_reserved', `受注明細「${orderLineId}」には引当済みの在庫がありません`, {
        severity: 'warning',
        data: { orderLineId },
      }),
    );
  return ok(result.value, [...result.issues, ...warnings]);
}

/** A request to commit reservations on shipment. */
export interface CommitRequest extends BatchRequest {
  /** Order lines shipped in full: everything they hold is shipped. */
  readonly orderLineIds?: readonly string[];
  /** Partial shipments: exactly these quantities, mapped and expanded like {@link allocate}'s lines. */
  readonly lines?: readonly DemandLine[];
}

/**
 * Commits reservations on shipment (出荷確定): the shipped quantity leaves `onHand` and `reserved`, and a
 * `shipment` movement is written per SKU. Whole lines by `orderLineIds`, partial shipments by `lines`;
 * shipping more than a line holds is refused with `inventory.reservation_exceeded`.
 *
 * @example
 * ```ts
 * await commit({ store, catalog, clock: systemClock }, { key: 'ship:R-1001-1', actor: '出荷担当', orderLineIds: ['R-1001-1'] });
 * ```
 */
export async function commit(
  context: AllocationContext,
  request: CommitRequest,
): Promise<Result<StockBatchOutcome>> {
  const planned = planReservations(context.catalog, request.lines ?? []);
  if (!planned.ok) return planned;
  const whole: StockOperation[] = [...new Set(request.orderLineIds ?? [])]
    .sort(byCodeUnit)
    .map((orderLineId) => ({ op: 'commit', orderLineId }));
  const partial: StockOperation[] = planned.value.map(({ orderLineId, sku, location, quantity }) =>
    withLocation({ op: 'commit' as const, orderLineId, sku, quantity }, location),
  );
  return run(context, request, [...whole, ...partial]);
}

/** A request to re-allocate order lines after their slips changed. */
export interface ReallocateRequest extends BatchRequest {
  /** The full demand of each affected order line now (all its slips together). */
  readonly lines: readonly DemandLine[];
  /** Order lines that no longer need stock at all (removed in the edit). */
  readonly releaseOrderLineIds?: readonly string[];
}

/**
 * Re-allocates order lines after 伝票分割 (slip split), 同梱 (merge) or a quantity change, without double
 * counting: in one batch, every affected line releases what it holds and reserves its demand now. The
 * store nets the two, so a split that keeps the same total changes nothing, and a line that grows only
 * needs the extra units free. All or nothing, with every shortfall listed.
 *
 * @example
 * ```ts
 * // R-1001-1 (3 units) was split over two slips of 2 and 1: still 3 in total, nothing changes.
 * await reallocate({ store, catalog, clock: systemClock }, {
 *   key: 'split:R-1001',
 *   actor: '出荷担当',
 *   lines: [
 *     { orderLineId: 'R-1001-1', sku: 'TEA-100', quantity: 2 },
 *     { orderLineId: 'R-1001-1', sku: 'TEA-100', quantity: 1 },
 *   ],
 * });
 * ```
 */
export async function reallocate(
  context: AllocationContext,
  request: ReallocateRequest,
): Promise<Result<StockBatchOutcome>> {
  const planned = planReservations(context.catalog, request.lines);
  if (!planned.ok) return planned;
  const lineIds = new Set([
    ...request.lines.map((line) => line.orderLineId),
    ...(request.releaseOrderLineIds ?? []),
  ]);
  const releases: StockOperation[] = [...lineIds]
    .sort(byCodeUnit)
    .map((orderLineId) => ({ op: 'release', orderLineId }));
  return run(context, request, [...releases, ...planned.value]);
}
