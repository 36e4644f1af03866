import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { checkShipmentInvariants, orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import type { Order } from '../model/order';
import { generateOrders } from '../testing/generator';
import { bundle, findBundleCandidates, unbundle } from './bundle';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
});

/** Two orders of one customer: same destination, phone written differently. */
function pair(): [Order, Order] {
  const [a, b] = generateOrders({ seed: 21, count: 2, mixedTemperatureRate: 0, giftRate: 0 });
  const parent: Order = { ...a!, payment: { method: 'creditCard', status: 'authorized', paidAmount: 0 } };
  const destination = { ...parent.shipments[0]!.destination, phone: '０９０ー１２３４ー５６７８' };
  parent.shipments = [{ ...parent.shipments[0]!, destination, temperature: 'ambient', codAmount: 0 }];
  const child: Order = {
    ...b!,
    orderedAt: '2026-12-30T10:00:00+09:00',
    payment: { method: 'creditCard', status: 'authorized', paidAmount: 0 },
  };
  child.shipments = [
    {
      ...child.shipments[0]!,
      destination: { ...destination, phone: '090-1234-5678' },
      temperature: 'ambient',
      codAmount: 0,
    },
  ];
  delete parent.shipments[0]!.requestedDate;
  delete child.shipments[0]!.requestedDate;
  return [parent, child];
}

describe('findBundleCandidates', () => {
  it('groups open orders by normalised phone, oldest first, with reasons', () => {
    const [parent, child] = pair();
    const other = generateOrders({ seed: 99, count: 1 })[0]!;
    const groups = findBundleCandidates([child, other, parent]);
    expect(groups).toEqual([
      {
        orderIds: [parent.id, child.id],
        reasons: [{ key: 'phone', value: '09012345678' }],
        failedPreconditions: [],
      },
    ]);
  });

  it('excludes shipped, cancelled, blacklisted orders and children', () => {
    const [parent, child] = pair();
    const blacklisted = {
      ...child,
      alerts: [{ code: 'orders.blacklist.hit', severity: 'error' as const, message: 'x' }],
    };
    expect(findBundleCandidates([parent, blacklisted])).toEqual([]);
    // A hit staff acknowledged (確認済み) no longer keeps the order out.
    const acknowledged = {
      ...blacklisted,
      alerts: blacklisted.alerts.map((alert) => ({
        ...alert,
        acknowledged: { by: 'staff-1', at: '2026-11-28T10:00:00.000+09:00' },
      })),
    };
    expect(findBundleCandidates([parent, acknowledged])[0]?.failedPreconditions).toEqual([]);
    expect(findBundleCandidates([parent, { ...child, status: 'shipped' }])).toEqual([]);
    expect(findBundleCandidates([parent, { ...child, status: 'cancelled' }])).toEqual([]);
    expect(
      findBundleCandidates([parent, { ...child, bundle: { role: 'child', parentOrderId: 'x' } }]),
    ).toEqual([]);
  });

  it('adds keys from the spec and reports failing preconditions', () => {
    const [parent, child] = pair();
    const cod = {
      ...child,
      payment: { method: 'cod' as const, status: 'notRequired' as const, paidAmount: 0 },
    };
    const frozen = { ...cod, shipments: [{ ...cod.shipments[0]!, temperature: 'frozen' as const }] };
    const [group] = findBundleCandidates([parent, frozen], { keys: ['phone', 'address'] });
    expect(group?.reasons.map((reason) => reason.key)).toEqual(['phone', 'address']);
    expect(group?.failedPreconditions.map((issue) => issue.code)).toEqual([
      'orders.bundle.cod_mismatch',
      'orders.bundle.temperature_mismatch',
    ]);
    expect(findBundleCandidates([parent, frozen], { keys: ['phone', 'temperature'] })).toEqual([]);
  });

  it('finds groups of repeat customers among 20k generated orders', () => {
    const orders = generateOrders({ seed: 1, count: 20_000 });
    const groups = findBundleCandidates(orders);
    expect(groups.length).toBeGreaterThan(100);
    for (const group of groups.slice(0, 50)) expect(group.orderIds.length).toBeGreaterThanOrEqual(2);
  });
});

describe('bundle', () => {
  it('moves the child lines and points into the parent slip and adds fees with `sum`', () => {
    const [parent, child] = pair();
    const result = bundle(parent, [child], { fees: 'sum' }, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const slip = result.value.parent.shipments[0]!;
    expect(slip.lines).toEqual([...parent.shipments[0]!.lines, ...child.shipments[0]!.lines]);
    expect(slip.charges.filter((charge) => charge.orderId === child.id)).toEqual(child.shipments[0]!.charges);
    expect(result.value.children[0]!.shipments).toEqual([]);
    expect(result.value.children[0]!.bundle).toEqual({ role: 'child', parentOrderId: parent.id });
    expect(result.value.children[0]!.mallOrderNumber).toBe(child.mallOrderNumber);
    expect(checkShipmentInvariants([result.value.parent, ...result.value.children])).toEqual([]);
  });

  it('waives the child fees with `keepParent` and recalculates the COD amount', () => {
    const [p, c] = pair();
    const cod = { method: 'cod' as const, status: 'notRequired' as const, paidAmount: 0 };
    const parent = { ...p, payment: cod };
    const child = { ...c, payment: cod };
    const result = bundle(parent, [child], { fees: 'keepParent' }, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const slip = result.value.parent.shipments[0]!;
    const childFees = slip.charges.filter((charge) => charge.orderId === child.id && charge.waived === true);
    expect(
      childFees.every((charge) => charge.kind !== 'pointsUsed' && charge.kind !== 'couponDiscount'),
    ).toBe(true);
    const waived = childFees.reduce((sum, charge) => sum + charge.amount, 0);
    expect(slip.codAmount).toBe(parent.amounts.billedTotal + child.amounts.billedTotal - waived);
    expect(checkShipmentInvariants([result.value.parent, ...result.value.children])).toEqual([]);
  });

  it('refuses bundling an order into itself, with no change', () => {
    const [parent] = pair();
    const copy = structuredClone(parent);
    const result = bundle(parent, [parent], { fees: 'sum' }, ctx());
    expect(result.issues.map((issue) => issue.code)).toContain('orders.bundle.self');
    expect(parent).toEqual(copy);
    expect(bundle(parent, [], { fees: 'sum' }, ctx()).issues.map((issue) => issue.code)).toEqual([
      'orders.bundle.no_children',
    ]);
  });

  it('is undone exactly by unbundle; a stale or repeated undo is refused', () => {
    const [parent, child] = pair();
    const c = ctx();
    const result = bundle(parent, [child], { fees: 'keepParent' }, c);
    if (!result.ok) throw new Error('bundle failed');
    const current = [result.value.parent, ...result.value.children];
    const undone = unbundle(result.value.event, current, c);
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(orderContent(undone.value.parent)).toEqual(orderContent(parent));
    expect(orderContent(undone.value.children[0]!)).toEqual(orderContent(child));
    expect(
      unbundle(result.value.event, [undone.value.parent, ...undone.value.children], c).issues.map(
        (i) => i.code,
      ),
    ).toEqual(['orders.undo.already_undone', 'orders.undo.already_undone']);
    const edited = { ...result.value.children[0]!, version: result.value.children[0]!.version + 1 };
    const stale = unbundle(result.value.event, [result.value.parent, edited], c);
    expect(stale.issues.map((i) => i.code)).toEqual(['orders.undo.conflict']);
    expect(stale.issues[0]?.message).toContain(child.mallOrderNumber);
  });
});
