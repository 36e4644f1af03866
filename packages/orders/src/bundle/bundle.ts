import { createIssue, fail, type Issue, normalizeName, normalizePhone, ok, type Result } from '@hakobu/core';
import { z } from 'zod';
import { parseConfig } from '../model/checked';
import { CHARGE_KINDS, computeCodAmount, indexOrders, isDiscount } from '../model/derive';
import { commitOperation, type OperationContext, stateOf } from '../model/operation';
import type { Order, OrderEvent, OrderState, Shipment, ShipmentCharge } from '../model/order';
import { fullAddress, partyAddressKey } from '../model/party';
import { undoOperation } from '../undo/undo';

/**
 * What must match for orders to be bundled (同梱キー): the destination phone number (default), address,
 * name, the shop, the payment method, the temperature zone and the requested delivery date. Phone, address
 * and name are compared by the match keys of `@hakobu/core` (`normalizePhone`, `normalizePostalCode` +
 * `normalizeAddressKey`, `normalizeName`).
 */
export const BundleKey = z.enum([
  'phone',
  'address',
  'name',
  'shop',
  'paymentMethod',
  'temperature',
  'requestedDate',
]);
/** @see {@link BundleKey} */
export type BundleKey = z.infer<typeof BundleKey>;

/** The candidate search spec (同梱条件). */
export const BundleSpec = z.object({
  keys: z.array(BundleKey).min(1).default(['phone']),
  /** Lifecycle statuses that never bundle. Default 発送済み, 完了, キャンセル. */
  closedStatuses: z.array(z.string()).default(['shipped', 'completed', 'cancelled']),
});
/** @see {@link BundleSpec} */
export type BundleSpec = z.infer<typeof BundleSpec>;
/** Input form of {@link BundleSpec}, with defaults optional. */
export type BundleSpecInput = z.input<typeof BundleSpec>;

/** Why orders were grouped: one key and the normalised value they share. */
export interface BundleReason {
  readonly key: BundleKey;
  readonly value: string;
}

/** A group of orders that could ship together (同梱候補). */
export interface BundleCandidate {
  /** Order ids, oldest order first; the first is the suggested parent (親受注). */
  readonly orderIds: readonly string[];
  readonly reasons: readonly BundleReason[];
  /** Every precondition that fails; an empty list means {@link bundle} will accept the group. */
  readonly failedPreconditions: readonly Issue[];
}

/**
 * How fees merge (同梱時の費用): `sum` adds the children's 送料・手数料 to the parent's slip; `keepParent`
 * keeps only the parent's and marks the children's as waived (免除). Coupons and points always join.
 */
export const BundlePolicy = z.object({ fees: z.enum(['sum', 'keepParent']) });
/** @see {@link BundlePolicy} */
export type BundlePolicy = z.infer<typeof BundlePolicy>;

function openShipments(order: OrderState): Shipment[] {
  return order.shipments.filter((shipment) => shipment.state === 'open');
}

function isBlacklisted(order: OrderState): boolean {
  return order.alerts.some(
    (alert) => alert.code.startsWith('orders.blacklist.') && alert.acknowledged === undefined,
  );
}

/** Match keys already computed in one search: a repeat customer's phone, name and address recur. */
type KeyMemo = Map<string, string>;

function memoized(memo: KeyMemo, raw: string, compute: () => string): string {
  let key = memo.get(raw);
  if (key === undefined) {
    key = compute();
    memo.set(raw, key);
  }
  return key;
}

function keyValue(
  order: OrderState,
  shipment: Shipment | undefined,
  key: BundleKey,
  memo: Readonly<Record<'phone' | 'address' | 'name', KeyMemo>>,
): string {
  const destination = shipment?.destination ?? order.orderer;
  switch (key) {
    case 'phone':
      return memoized(memo.phone, destination.phone, () => normalizePhone(destination.phone));
    case 'address':
      return memoized(memo.address, `${destination.postalCode}\u0000${fullAddress(destination)}`, () =>
        partyAddressKey(destination),
      );
    case 'name':
      return memoized(memo.name, destination.name, () => normalizeName(destination.name));
    case 'shop':
      return `${order.channel}:${order.shopId}`;
    case 'paymentMethod':
      return order.payment.method;
    case 'temperature':
      return shipment?.temperature ?? '';
    case 'requestedDate':
      return shipment?.requestedDate ?? '-';
  }
}

/**
 * Every reason the orders cannot be bundled now (同梱の前提条件), all listed: an order in it twice or bundled
 * into itself, already a 同梱 child, not exactly one open slip, on hold, a blacklist alert, 代引 mixed with
 * other payment, different temperature zones or requested dates.
 *
 * @example
 * ```ts
 * bundlePreconditions(parent, [child]); // [] when bundle(parent, [child], …) will accept them
 * bundlePreconditions(parent, [parent])[0]?.code; // 'orders.bundle.self'
 * ```
 */
export function bundlePreconditions(parent: OrderState, children: readonly OrderState[]): Issue[] {
  const issues: Issue[] = [];
  const all = [parent, ...children];
  const seen = new Set<string>();
  for (const order of all) {
    if (seen.has(order.id)) {
      issues.push(
        createIssue(
          order.id === parent.id ? 'orders.bundle.self' : 'orders.bundle.duplicate',
          order.id === parent.id
            ? `受注${order.mallOrderNumber}を自分自身に同梱することはできません`
            : `受注${order.mallOrderNumber}が二重に指定されています`,
          { data: { orderId: order.id } },
        ),
      );
      continue;
    }
    seen.add(order.id);
    if (order.bundle?.role === 'child' || (order !== parent && order.bundle?.role === 'parent')) {
      issues.push(
        createIssue('orders.bundle.already_bundled', `受注${order.mallOrderNumber}は既に同梱されています`, {
          data: { orderId: order.id },
        }),
      );
    }
    const open = openShipments(order);
    if (open.length !== 1 || order.shipments.some((shipment) => shipment.state === 'shipped')) {
      issues.push(
        createIssue(
          'orders.bundle.shipment_count',
          `受注${order.mallOrderNumber}は未出荷の伝票がちょうど1つではないため同梱できません`,
          {
            data: { orderId: order.id, openShipments: open.length },
          },
        ),
      );
    }
    if (order.axes.holds.length > 0) {
      issues.push(
        createIssue('orders.bundle.on_hold', `受注${order.mallOrderNumber}は保留中です`, {
          data: { orderId: order.id },
        }),
      );
    }
    if (isBlacklisted(order)) {
      issues.push(
        createIssue(
          'orders.bundle.blacklisted',
          `受注${order.mallOrderNumber}にブラックリストのアラートがあります`,
          {
            data: { orderId: order.id },
          },
        ),
      );
    }
  }
  const cod = all.filter((order) => order.payment.method === 'cod').length;
  if (cod > 0 && cod < all.length) {
    issues.push(
      createIssue('orders.bundle.cod_mismatch', '代金引換の受注と他の支払方法の受注は同梱できません', {
        data: { orderIds: all.map((order) => order.id) },
      }),
    );
  }
  const shipments = all.map((order) => openShipments(order)[0]);
  if (new Set(shipments.map((shipment) => shipment?.temperature)).size > 1) {
    issues.push(
      createIssue('orders.bundle.temperature_mismatch', '温度帯の異なる伝票は同梱できません', {
        data: { temperatures: shipments.map((shipment) => shipment?.temperature ?? null) },
      }),
    );
  }
  if (new Set(shipments.map((shipment) => shipment?.requestedDate ?? '')).size > 1) {
    issues.push(
      createIssue('orders.bundle.requested_date_mismatch', 'お届け希望日の異なる伝票は同梱できません', {
        data: { requestedDates: shipments.map((shipment) => shipment?.requestedDate ?? null) },
      }),
    );
  }
  return issues;
}

/**
 * Finds 同梱 candidates (同梱候補の検出): open orders grouped by the spec's keys (default: the normalised
 * destination phone), excluding closed statuses (発送済み, 完了, キャンセル), 同梱 children and blacklisted
 * orders. One pass with a hash map, linear in the number of orders. Each group lists the keys it matched on
 * and every failing precondition.
 *
 * @example
 * ```ts
 * const groups = findBundleCandidates(orders, { keys: ['phone', 'address'] });
 * groups[0]; // { orderIds: ['o12', 'o40'], reasons: [{ key: 'phone', value: '09012345678' }, ...], failedPreconditions: [] }
 * ```
 */
export function findBundleCandidates(
  orders: readonly OrderState[],
  spec: BundleSpecInput = {},
): BundleCandidate[] {
  const { keys, closedStatuses } = parseConfig(
    BundleSpec,
    spec,
    'orders.bundle.invalid_spec',
    'Invalid bundle spec',
  );
  const closed = new Set(closedStatuses);
  const groups = new Map<string, OrderState[]>();
  const memo = { phone: new Map(), address: new Map(), name: new Map() };
  for (const order of orders) {
    if (closed.has(order.status) || order.bundle?.role === 'child' || isBlacklisted(order)) continue;
    const shipment = openShipments(order)[0];
    const values = keys.map((key) => keyValue(order, shipment, key, memo));
    if (values.some((value) => value === '')) continue;
    const composite = values.join('\u0000');
    const group = groups.get(composite);
    if (group === undefined) groups.set(composite, [order]);
    else group.push(order);
  }
  const candidates: BundleCandidate[] = [];
  for (const [composite, members] of groups) {
    if (members.length < 2) continue;
    const sorted = oldestFirst(members);
    const values = composite.split('\u0000');
    const [parent, ...children] = sorted;
    candidates.push({
      orderIds: sorted.map((order) => order.id),
      reasons: keys.map((key, index) => ({ key, value: values[index] ?? '' })),
      failedPreconditions: bundlePreconditions(parent!, children),
    });
  }
  return candidates;
}

/** Orders by order instant, then id; plain comparisons, since collation (`localeCompare`) costs per call. */
function oldestFirst(members: readonly OrderState[]): OrderState[] {
  return members
    .map((order) => ({ order, at: Date.parse(order.orderedAt) }))
    .sort((a, b) => a.at - b.at || (a.order.id < b.order.id ? -1 : a.order.id > b.order.id ? 1 : 0))
    .map((entry) => entry.order);
}

/** The outcome of {@link bundle}: the parent with the shared slip, the children, and the event. */
export interface BundleOutcome {
  readonly parent: Order;
  readonly children: readonly Order[];
  readonly event: OrderEvent;
}

function mergedCharges(
  parentSlip: Shipment,
  childSlips: readonly Shipment[],
  policy: BundlePolicy,
): ShipmentCharge[] {
  const childCharges = childSlips.flatMap((slip) =>
    slip.charges.map((charge) =>
      policy.fees === 'keepParent' && !isDiscount(charge.kind) ? { ...charge, waived: true } : charge,
    ),
  );
  const rank = (charge: ShipmentCharge): number => CHARGE_KINDS.indexOf(charge.kind);
  return [...parentSlip.charges, ...childCharges.sort((a, b) => rank(a) - rank(b))];
}

/**
 * 同梱: the children's lines, coupons and points join the parent's slip; fees follow the policy (`sum` or
 * `keepParent`, the children's then waived); the COD amount is recalculated. Each child keeps its mall
 * identity, points to the parent and gives up its own open slip. Refused with every failing precondition;
 * inputs are never changed. Undo with {@link unbundle}.
 *
 * @example
 * ```ts
 * const result = bundle(parent, [child], { fees: 'keepParent' }, ctx);
 * if (result.ok) result.value.parent.shipments[0].lines.length; // parent's + child's lines
 * ```
 */
export function bundle(
  parent: Order,
  children: readonly Order[],
  policy: BundlePolicy,
  ctx: OperationContext,
): Result<BundleOutcome> {
  const issues = bundlePreconditions(parent, children);
  if (children.length === 0) {
    issues.push(
      createIssue(
        'orders.bundle.no_children',
        `受注${parent.mallOrderNumber}に同梱する受注を指定してください`,
        {
          data: { orderId: parent.id },
        },
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const parentSlip = openShipments(parent)[0]!;
  const childSlips = children.map((child) => openShipments(child)[0]!);
  const merged: Shipment = {
    ...parentSlip,
    lines: [...parentSlip.lines, ...childSlips.flatMap((slip) => slip.lines)],
    charges: mergedCharges(parentSlip, childSlips, policy),
  };
  merged.codAmount = computeCodAmount(merged, indexOrders([parent, ...children]));
  const previousChildren = parent.bundle?.role === 'parent' ? parent.bundle.childOrderIds : [];
  const parentAfter: OrderState = {
    ...stateOf(parent),
    shipments: parent.shipments.map((shipment) => (shipment.id === parentSlip.id ? merged : shipment)),
    bundle: { role: 'parent', childOrderIds: [...previousChildren, ...children.map((child) => child.id)] },
  };
  const childrenAfter: OrderState[] = children.map((child, index) => ({
    ...stateOf(child),
    shipments: child.shipments.filter((shipment) => shipment.id !== childSlips[index]!.id),
    bundle: { role: 'child', parentOrderId: parent.id },
  }));
  const outcome = commitOperation([parent, ...children], [parentAfter, ...childrenAfter], ctx, 'bundle', {
    parentOrderId: parent.id,
    childOrderIds: children.map((child) => child.id),
    policy,
    shipmentId: parentSlip.id,
  });
  const [parentOut, ...childrenOut] = outcome.orders;
  return ok({ parent: parentOut!, children: childrenOut, event: outcome.event });
}

/**
 * 同梱解除: restores the parent and every child exactly as before {@link bundle} (deep-equal apart from
 * version and history), or reports `orders.undo.conflict` naming each order that changed since.
 * `current` must hold the parent and all children of the event.
 *
 * @example
 * ```ts
 * const result = bundle(parent, [child], { fees: 'keepParent' }, ctx);
 * if (result.ok) unbundle(result.value.event, [result.value.parent, ...result.value.children], ctx);
 * ```
 */
export function unbundle(
  event: OrderEvent,
  current: readonly Order[],
  ctx: OperationContext,
): Result<BundleOutcome> {
  if (event.type !== 'bundle') {
    return fail([
      createIssue('orders.undo.wrong_event', `操作「${event.type}」は同梱ではありません`, {
        data: { eventId: event.id },
      }),
    ]);
  }
  const undone = undoOperation(event, current, ctx);
  if (!undone.ok) return undone;
  const [parent, ...children] = undone.value.orders;
  return ok({ parent: parent!, children, event: undone.value.event });
}
