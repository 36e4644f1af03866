import { addDays, type Clock, createIssue, type Issue, toJapanDate } from '@hakobu/core';
import { z } from 'zod';
import { commitOperation, type OperationContext } from '../model/operation';
import type { Order, OrderEvent, OrderState, Shipment } from '../model/order';
import { CalendarDate } from '../model/primitives';

/** One tracking row (送り状番号の取込): a slip number, its tracking number (お問い合わせ番号) and the ship date. */
export const TrackingRow = z.object({
  slipNumber: z.string().min(1),
  trackingNumber: z.string().min(1),
  /** 出荷日 */
  shippedOn: CalendarDate,
});
/** @see {@link TrackingRow} */
export type TrackingRow = z.infer<typeof TrackingRow>;

/**
 * What to do when a slip already has a tracking number (追跡番号の上書き方針). The policy looks at the numbers
 * the slip had before this call: the rows of one call for the same slip (the parcels of a 発払い複数口 slip,
 * one row per parcel, as `readTracking` of `@hakobu/carriers` returns them) always add up, in row order.
 *
 * - `append`: new numbers are added to the ones the slip had (another parcel, a later file).
 * - `replace`: the slip's numbers become the numbers this call gives for it (a re-issued label); when the call
 *   gives none that the slip lacks, nothing changes.
 * - `reject`: a slip that already had numbers takes no new one (`orders.tracking.already_set`); a slip without
 *   numbers takes every number of the call.
 *
 * A number already on the slip, or repeated in the call, is skipped with a note
 * (`orders.tracking.already_applied`, info), so importing the same file again changes nothing under any policy.
 */
export const TrackingPolicy = z.object({ existing: z.enum(['append', 'replace', 'reject']) });
/** @see {@link TrackingPolicy} */
export type TrackingPolicy = z.infer<typeof TrackingPolicy>;

/** The outcome of {@link applyTracking}: orders that changed (each with a `tracking.apply` event) and every issue. */
export interface TrackingOutcome {
  readonly changed: readonly Order[];
  readonly events: readonly OrderEvent[];
  readonly issues: readonly Issue[];
}

const TRACKING_FORMAT = /^[0-9A-Za-z-]+$/;

/** One slip's progress through a call: its numbers so far and the numbers the call gave for it. */
interface SlipUpdate {
  shipment: Shipment;
  readonly given: string[];
}

/**
 * Applies tracking numbers to shipments (出荷実績の反映): finds each row's slip across the orders, checks the
 * number (`[0-9A-Za-z-]`), refuses a number used by two different slips, follows the {@link TrackingPolicy}
 * for slips that already had numbers before this call (several rows for one slip — a 複数口 slip's parcels —
 * add up), and marks the slip shipped on the given date. Rows with problems are reported (with their row
 * number as `line`) and skipped; the others apply. Each changed order gets one undoable event. Applying the
 * same rows again changes nothing.
 *
 * @example
 * ```ts
 * const { changed, issues } = applyTracking(orders, [
 *   { slipNumber: '381234-20261128-0000001-1', trackingNumber: '4411-2233-4455', shippedOn: '2026-11-29' },
 *   { slipNumber: '381234-20261128-0000001-1', trackingNumber: '4411-2233-4466', shippedOn: '2026-11-29' },
 * ], { existing: 'reject' }, ctx);
 * changed[0].shipments[0].trackingNumbers; // ['4411-2233-4455', '4411-2233-4466']
 * ```
 */
export function applyTracking(
  orders: readonly Order[],
  rows: readonly TrackingRow[],
  policy: TrackingPolicy,
  ctx: OperationContext,
): TrackingOutcome {
  const slips = new Map<string, { order: Order; shipment: Shipment }>();
  const numberOwner = new Map<string, string>();
  for (const order of orders) {
    for (const shipment of order.shipments) {
      slips.set(shipment.slipNumber, { order, shipment });
      for (const number of shipment.trackingNumbers) numberOwner.set(number, shipment.slipNumber);
    }
  }
  const issues: Issue[] = [];
  const updates = new Map<string, Map<string, SlipUpdate>>();
  rows.forEach((row, index) => {
    const line = index + 1;
    const invalid = invalidRowIssues(row, line);
    if (invalid.length > 0) {
      issues.push(...invalid);
      return;
    }
    const found = slips.get(row.slipNumber);
    if (found === undefined) {
      issues.push(
        createIssue('orders.tracking.unknown_slip', `伝票番号${row.slipNumber}の伝票が見つかりません`, {
          line,
          data: { slipNumber: row.slipNumber },
        }),
      );
      return;
    }
    const problem = rowProblem(row, found.shipment, numberOwner.get(row.trackingNumber), policy);
    if (problem !== undefined) {
      issues.push({ ...problem, line });
      return;
    }
    const perOrder = updates.get(found.order.id) ?? new Map<string, SlipUpdate>();
    updates.set(found.order.id, perOrder);
    const update = perOrder.get(found.shipment.id) ?? { shipment: found.shipment, given: [] };
    perOrder.set(found.shipment.id, update);
    const repeated = update.given.includes(row.trackingNumber);
    if (!repeated) update.given.push(row.trackingNumber);
    if (repeated || update.shipment.trackingNumbers.includes(row.trackingNumber)) {
      issues.push(
        createIssue(
          'orders.tracking.already_applied',
          `伝票${row.slipNumber}にはお問い合わせ番号${row.trackingNumber}が登録済みです`,
          {
            severity: 'info',
            line,
            data: { slipNumber: row.slipNumber, trackingNumber: row.trackingNumber },
          },
        ),
      );
      return;
    }
    const numbers =
      policy.existing === 'replace'
        ? [...update.given]
        : [...update.shipment.trackingNumbers, row.trackingNumber];
    update.shipment = {
      ...update.shipment,
      trackingNumbers: numbers,
      state: 'shipped',
      shippedOn: row.shippedOn,
    };
    numberOwner.set(row.trackingNumber, row.slipNumber);
  });
  const changed: Order[] = [];
  const events: OrderEvent[] = [];
  for (const order of orders) {
    const perOrder = updates.get(order.id);
    if (perOrder === undefined) continue;
    const slipsChanged = order.shipments.filter((s) => (perOrder.get(s.id)?.shipment ?? s) !== s);
    if (slipsChanged.length === 0) continue;
    const { history: _history, ...state } = order;
    const after: OrderState = {
      ...state,
      shipments: order.shipments.map((s) => perOrder.get(s.id)?.shipment ?? s),
    };
    const outcome = commitOperation([order], [after], ctx, 'tracking.apply', {
      slips: slipsChanged.map((s) => {
        const { slipNumber, trackingNumbers } = perOrder.get(s.id)!.shipment;
        return { slipNumber, trackingNumbers };
      }),
    });
    changed.push(outcome.orders[0]!);
    events.push(outcome.event);
  }
  return { changed, events, issues };
}

const ROW_FIELD_LABELS: Readonly<Record<string, string>> = {
  slipNumber: '伝票番号',
  trackingNumber: 'お問い合わせ番号',
  shippedOn: '出荷日',
};

/** Every field of a row that does not fit {@link TrackingRow} (e.g. a 出荷日 that is not a real date). */
function invalidRowIssues(row: TrackingRow, line: number): Issue[] {
  const parsed = TrackingRow.safeParse(row);
  if (parsed.success) return [];
  return parsed.error.issues.map((problem) => {
    const field = String(problem.path[0] ?? '');
    const value = (row as Partial<Record<string, unknown>>)[field];
    return createIssue(
      'orders.tracking.invalid_row',
      `${line}行目（伝票番号${String(row.slipNumber ?? '')}）の${ROW_FIELD_LABELS[field] ?? field}「${String(value ?? '')}」が正しくありません（${problem.message}）`,
      { line, path: [field], data: { slipNumber: row.slipNumber, field, value } },
    );
  });
}

function rowProblem(
  row: TrackingRow,
  shipment: Shipment,
  owner: string | undefined,
  policy: TrackingPolicy,
): Issue | undefined {
  const data = { slipNumber: row.slipNumber, trackingNumber: row.trackingNumber };
  if (!TRACKING_FORMAT.test(row.trackingNumber)) {
    return createIssue(
      'orders.tracking.invalid_number',
      `伝票${row.slipNumber}のお問い合わせ番号「${row.trackingNumber}」は英数字とハイフンのみで指定してください`,
      { data },
    );
  }
  if (shipment.state === 'cancelled') {
    return createIssue('orders.tracking.cancelled_slip', `伝票${row.slipNumber}は取消済みです`, { data });
  }
  if (owner !== undefined && owner !== row.slipNumber) {
    return createIssue(
      'orders.tracking.duplicate_number',
      `お問い合わせ番号${row.trackingNumber}は伝票${owner}で使われています`,
      {
        data: { ...data, usedBy: owner },
      },
    );
  }
  // `shipment` is the slip as it was before the call: its own earlier rows never count against a number.
  const other = shipment.trackingNumbers.filter((number) => number !== row.trackingNumber);
  if (
    policy.existing === 'reject' &&
    other.length > 0 &&
    !shipment.trackingNumbers.includes(row.trackingNumber)
  ) {
    return createIssue(
      'orders.tracking.already_set',
      `伝票${row.slipNumber}には別のお問い合わせ番号${other.join('、')}が登録済みです`,
      {
        data: { ...data, existing: other },
      },
    );
  }
  return undefined;
}

/** Options of {@link followUpDue}. */
export interface FollowUpOptions {
  /** Days after the last ship date (Japan time) when the mail is due, e.g. 7 for a review request. */
  readonly daysAfterShipped: number;
  /**
   * The mail event key of the follow-up mail (e.g. `followUp`); orders that already list it in
   * `axes.mailsSent` (sent by automation or recorded by `applyMailSent`) are skipped.
   */
  readonly template: string;
}

/** An order whose follow-up mail is due, and since when. */
export interface FollowUpDue {
  readonly orderId: string;
  readonly dueOn: string;
}

/**
 * Lists orders whose follow-up mail (フォローメール) is due: every slip shipped or cancelled, at least one
 * shipped, the last ship date plus `daysAfterShipped` on or before today in Japan time, and the mail not
 * yet sent. 同梱 children follow their parent's slip and are listed with it.
 *
 * @example
 * ```ts
 * followUpDue(orders, { daysAfterShipped: 7, template: 'followUp' }, systemClock);
 * // [{ orderId: 'o0000012', dueOn: '2026-12-05' }]
 * ```
 */
export function followUpDue(
  orders: readonly OrderState[],
  options: FollowUpOptions,
  clock: Clock,
): FollowUpDue[] {
  const today = toJapanDate(clock.now());
  const byId = new Map(orders.map((order) => [order.id, order]));
  const due: FollowUpDue[] = [];
  for (const order of orders) {
    if (order.axes.mailsSent.includes(options.template)) continue;
    const holder = order.bundle?.role === 'child' ? byId.get(order.bundle.parentOrderId) : order;
    if (holder === undefined) continue;
    const live = holder.shipments.filter((shipment) => shipment.state !== 'cancelled');
    if (live.length === 0 || live.some((shipment) => shipment.state !== 'shipped')) continue;
    const last =
      live
        .map((shipment) => shipment.shippedOn ?? '')
        .sort()
        .at(-1) ?? '';
    if (last === '') continue;
    const dueOn = addDays(last, options.daysAfterShipped);
    if (dueOn <= today) due.push({ orderId: order.id, dueOn });
  }
  return due;
}
