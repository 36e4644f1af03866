import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { STANDARD_MAIL_EVENTS } from '../mail-events/mail-events';
import type { Order } from '../model/order';
import { generateOrders } from '../testing/generator';
import { defaultStatusFlow } from './default-flow';
import {
  applyTransition,
  availableTransitions,
  checkTransition,
  extendFlow,
  reachableStatuses,
  type StatusFlow,
  validateFlow,
} from './flow';

const ctx = () => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
});
const base = () => {
  const order = generateOrders({ seed: 5, count: 1 })[0]!;
  return { ...order, status: 'new', payment: { ...order.payment, status: 'paid' as const } };
};

describe('defaultStatusFlow', () => {
  it('names its mails with the standard mail events only', () => {
    const mails = defaultStatusFlow.transitions.flatMap((transition) =>
      (transition.effects ?? [])
        .filter((effect) => effect.type === 'mail.send')
        .map((effect) => String(effect.data?.template)),
    );
    expect(mails).toEqual(['paymentConfirmed', 'shipped']);
    for (const mail of mails) expect(Object.keys(STANDARD_MAIL_EVENTS)).toContain(mail);
  });

  it('is valid and every status is reachable', () => {
    expect(validateFlow(defaultStatusFlow)).toEqual([]);
    expect([...reachableStatuses(defaultStatusFlow)].sort()).toEqual(
      defaultStatusFlow.statuses.map((status) => status.id).sort(),
    );
  });

  it('walks 新規受付 → 発送待ち → 発送済み → 完了 and returns effects', () => {
    let order: Order = base();
    const confirmed = applyTransition(defaultStatusFlow, order, 'confirm', ctx());
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.issues));
    expect(confirmed.value.order.status).toBe('awaitingShipment');
    expect(confirmed.value.effects).toEqual([{ type: 'inventory.allocate' }]);
    order = confirmed.value.order;
    const refused = applyTransition(defaultStatusFlow, order, 'ship', ctx());
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((issue) => issue.code)).toEqual(['orders.status.shipment_not_ready']);
    order = {
      ...order,
      shipments: order.shipments.map((shipment) => ({ ...shipment, trackingNumbers: ['1234-5678-9012'] })),
    };
    const shipped = applyTransition(defaultStatusFlow, order, 'ship', ctx());
    if (!shipped.ok) throw new Error('not shipped');
    expect(shipped.value.effects.map((effect) => effect.type)).toEqual([
      'inventory.commit',
      'mail.send',
      'mall.sync',
    ]);
    expect(shipped.value.event).toMatchObject({
      type: 'status.transition',
      details: { transition: 'ship', from: 'awaitingShipment', to: 'shipped' },
    });
    expect(shipped.value.event.before).toBeUndefined();
    const completed = applyTransition(defaultStatusFlow, shipped.value.order, 'complete', ctx());
    expect(completed.ok && completed.value.order.status).toBe('completed');
    expect(completed.ok && completed.value.order.version).toBe(order.version + 2);
  });

  it('refuses with every guard refusal and leaves the order unchanged', () => {
    const order = {
      ...base(),
      payment: { method: 'bankTransfer' as const, status: 'unpaid' as const, paidAmount: 0 },
      axes: {
        ...base().axes,
        holds: [{ code: 'manual', reason: '住所確認', at: '2026-11-28T10:00:00+09:00' }],
      },
    };
    const copy = structuredClone(order);
    const result = applyTransition(defaultStatusFlow, order, 'confirm', ctx());
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toEqual([
      'orders.status.payment_not_settled',
      'orders.status.on_hold',
    ]);
    expect(order).toEqual(copy);
    expect(checkTransition(defaultStatusFlow, order, 'ship')[0]?.code).toBe('orders.status.not_allowed');
    expect(checkTransition(defaultStatusFlow, order, 'teleport')[0]?.code).toBe(
      'orders.status.unknown_transition',
    );
  });

  it('records a hold reason and clears it on release', () => {
    const held = applyTransition(defaultStatusFlow, base(), 'hold', ctx(), { reason: '住所不備' });
    if (!held.ok) throw new Error('not held');
    expect(held.value.order.axes.holds).toEqual([
      { code: 'manual', reason: '住所不備', at: '2026-11-28T10:00:00.000+09:00' },
    ]);
    expect(applyTransition(defaultStatusFlow, base(), 'hold', ctx()).issues[0]?.code).toBe(
      'orders.status.reason_required',
    );
    const released = applyTransition(defaultStatusFlow, held.value.order, 'release', ctx());
    expect(released.ok && released.value.order.axes.holds).toEqual([]);
    expect(availableTransitions(defaultStatusFlow, base()).map((transition) => transition.name)).toEqual([
      'awaitPayment',
      'confirm',
    ]);
  });

  it('cancels open shipments on cancel', () => {
    const cancelled = applyTransition(defaultStatusFlow, base(), 'cancel', ctx(), { reason: 'お客様都合' });
    expect(cancelled.ok && cancelled.value.order.shipments.map((shipment) => shipment.state)).toEqual([
      'cancelled',
    ]);
  });
});

describe('extendFlow', () => {
  it('adds a shop status and extra sources, and validates', () => {
    const flow = extendFlow(defaultStatusFlow, {
      statuses: [{ id: 'awaitingStock', label: '入荷待ち' }],
      transitions: [
        { name: 'waitForStock', label: '入荷待ちにする', from: ['awaitingShipment'], to: 'awaitingStock' },
        {
          name: 'stockArrived',
          label: '入荷済みにする',
          from: ['awaitingShipment', 'awaitingStock'],
          to: 'awaitingShipment',
        },
      ],
      extraFrom: { cancel: ['awaitingStock'] },
    });
    expect(reachableStatuses(flow).has('awaitingStock')).toBe(true);
    expect(flow.transitions.find((transition) => transition.name === 'cancel')?.from).toContain(
      'awaitingStock',
    );
    expect(() => extendFlow(defaultStatusFlow, { statuses: [{ id: 'orphan', label: '孤立' }] })).toThrowError(
      /孤立/,
    );
  });

  it('reports every problem of a broken flow', () => {
    const broken: StatusFlow = {
      initial: 'start',
      statuses: [
        { id: 'a', label: 'A', terminal: true },
        { id: 'b', label: 'B' },
      ],
      transitions: [
        { name: 'x', label: 'X', from: ['a'], to: 'b' },
        { name: 'x', label: 'X', from: ['b'], to: 'zzz' },
      ],
    };
    expect(validateFlow(broken).map((issue) => issue.code)).toEqual([
      'orders.status.unknown_initial',
      'orders.status.leaves_terminal',
      'orders.status.duplicate_transition',
      'orders.status.unknown_status',
      'orders.status.unreachable',
      'orders.status.unreachable',
    ]);
  });
});
