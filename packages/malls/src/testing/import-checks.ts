// Test support for this package's own tests; not part of the published `@hakobu/malls/testing` entry.
import { checkShipmentInvariants, createInMemoryOrderRepository, type Order } from '@hakobu/orders';
import { expect } from 'vitest';
import type { ImportContext } from '../pipeline/build';
import type { MallOrderDraft } from '../pipeline/draft';
import { importOrders } from '../pipeline/reconcile';
import type { RejectedRecord } from '../pipeline/result';

/**
 * Imports `read()` into an empty repository, hands the saved orders back through JSON as a database would,
 * imports a second `read()` of the same input into them, and expects the second import to be a no-op: all
 * `count` orders created the first time, all unchanged the second, no change to save, and every stored
 * order still at its version with its history length.
 */
export async function expectReimportIsNoop(
  read: () => readonly MallOrderDraft[],
  ctx: ImportContext,
  count: number,
): Promise<void> {
  const first = await importOrders(createInMemoryOrderRepository(), read(), ctx);
  if (!first.ok) throw new Error(`first import failed: ${JSON.stringify(first.issues)}`);
  expect(first.value.counts.created).toBe(count);
  const stored = first.value.changes.map(({ order }) => JSON.parse(JSON.stringify(order)) as Order);
  const repository = createInMemoryOrderRepository(stored);
  const again = await importOrders(repository, read(), ctx);
  expect(again.ok && again.value.counts).toEqual({ created: 0, updated: 0, unchanged: count, alerted: 0 });
  expect(again.ok && again.value.changes).toEqual([]);
  const after = await Promise.all(stored.map((order) => repository.findByMallKey(order)));
  expect(after.map((order) => [order?.version, order?.history.length])).toEqual(
    stored.map((order) => [order.version, order.history.length]),
  );
}

/**
 * Expects an imported order to account for every yen: items + fees − coupon − points equals `billed`, and so
 * does its `billedTotal`; no alert was raised and its shipments hold together.
 */
export function expectAmountsAccounted(order: Order, billed: number): void {
  const a = order.amounts;
  expect(a.items + a.shipping + a.codFee + a.wrapping + a.otherFees - a.couponDiscount - a.pointsUsed).toBe(
    billed,
  );
  expect(a.billedTotal).toBe(billed);
  expect(order.alerts).toEqual([]);
  expect(checkShipmentInvariants([order])).toEqual([]);
}

/**
 * One row {@link expectRejectedRows} expects: its line, the codes of its issues, and its first issue's message
 * (the text, or a matcher such as `expect.stringContaining(…)`).
 */
export type RejectedRow = readonly [line: number, codes: readonly string[], message: unknown];

/**
 * Expects the rows a read rejected, in line order, each with the codes of its issues and its first issue's
 * message, and every row read to be a record or a rejection: nothing dropped silently.
 */
export function expectRejectedRows(
  read: {
    readonly counts: { readonly rows: number; readonly records: number; readonly rejected: number };
    readonly rejected: readonly RejectedRecord[];
  },
  expected: readonly RejectedRow[],
): void {
  expect(read.counts.rows).toBe(read.counts.records + read.counts.rejected);
  expect(read.rejected.map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual(
    expected.map(([line, codes]) => [line, codes]),
  );
  expect(read.rejected.map((r) => r.issues[0]?.message)).toEqual(expected.map(([, , message]) => message));
}
