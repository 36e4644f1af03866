import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { changeDestination } from '../edit/edit';
import { orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import { generateOrders } from '../testing/generator';
import { undoOperation } from '../undo/undo';
import { markDeliveryNotePrinted, markLabelExported } from './printed';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
});

describe('markDeliveryNotePrinted', () => {
  it('sets 納品書印刷済み with an event naming who, when and which slips', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    expect(order.axes.deliveryNotePrinted).toBe(false);
    const printed = markDeliveryNotePrinted(order, ctx());
    expect(printed.reprint).toBe(false);
    expect(printed.order.axes.deliveryNotePrinted).toBe(true);
    expect(printed.order.version).toBe(order.version + 1);
    expect(printed.event).toMatchObject({
      type: 'deliveryNote.printed',
      actor: 'staff-1',
      at: '2026-11-28T10:00:00.000+09:00',
      details: { shipmentIds: order.shipments.map((shipment) => shipment.id), reprint: false },
    });
  });

  it('makes a later edit of the slips ask for a reprint', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const destination = { ...order.shipments[0]!.destination, address2: '別館201号室' };
    const before = changeDestination(order, destination, ctx());
    const after = changeDestination(markDeliveryNotePrinted(order, ctx()).order, destination, ctx());
    if (!before.ok || !after.ok) throw new Error('edit refused');
    expect(before.value.effects.map((effect) => effect.type)).not.toContain('deliveryNote.reprint');
    expect(after.value.effects.map((effect) => effect.type)).toContain('deliveryNote.reprint');
  });

  it('is undone exactly (印刷済みの取消)', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const printed = markDeliveryNotePrinted(order, ctx());
    const undone = undoOperation(printed.event, [printed.order], ctx());
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(JSON.stringify(orderContent(undone.value.orders[0]!))).toBe(JSON.stringify(orderContent(order)));
  });

  it('records a reprint without blocking the undo of the first print', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const first = markDeliveryNotePrinted(order, ctx());
    const again = markDeliveryNotePrinted(first.order, ctx(), { shipmentIds: [order.shipments[0]!.id] });
    expect(again.reprint).toBe(true);
    expect(again.event).toMatchObject({ recordOnly: true, details: { reprint: true } });
    expect(orderContent(again.order)).toEqual(orderContent(first.order));
    const undone = undoOperation(first.event, [again.order], ctx());
    expect(undone.ok && undone.value.orders[0]!.axes.deliveryNotePrinted).toBe(false);
  });
});

describe('markLabelExported', () => {
  it('sets 送り状出力済み with an event naming who, when, which slips and which label system', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    expect(order.axes.labelExported).toBe(false);
    const exported = markLabelExported(order, ctx(), { system: 'yamato-b2' });
    expect(exported.reexport).toBe(false);
    expect(exported.order.axes.labelExported).toBe(true);
    expect(exported.order.axes.deliveryNotePrinted).toBe(false);
    expect(exported.order.version).toBe(order.version + 1);
    expect(exported.event).toMatchObject({
      type: 'label.exported',
      actor: 'staff-1',
      at: '2026-11-28T10:00:00.000+09:00',
      details: {
        shipmentIds: order.shipments.map((shipment) => shipment.id),
        reexport: false,
        system: 'yamato-b2',
      },
    });
    expect(exported.event.recordOnly).toBeUndefined();
  });

  it('leaves cancelled slips out of the default and omits an unnamed system', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const [first, ...rest] = order.shipments;
    const withCancelled = {
      ...order,
      shipments: [first!, ...rest, { ...first!, id: `${first!.id}-x`, state: 'cancelled' as const }],
    };
    const exported = markLabelExported(withCancelled, ctx());
    expect(exported.event.details).toEqual({
      shipmentIds: order.shipments.map((shipment) => shipment.id),
      reexport: false,
    });
  });

  it('makes a later edit of the slips ask for a new label', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const destination = { ...order.shipments[0]!.destination, address2: '別館201号室' };
    const before = changeDestination(order, destination, ctx());
    const after = changeDestination(markLabelExported(order, ctx()).order, destination, ctx());
    if (!before.ok || !after.ok) throw new Error('edit refused');
    expect(before.value.effects.map((effect) => effect.type)).not.toContain('label.reissue');
    expect(after.value.effects.map((effect) => effect.type)).toContain('label.reissue');
  });

  it('is undone exactly (出力済みの取消)', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const exported = markLabelExported(order, ctx(), { system: 'sagawa-ehiden3' });
    const undone = undoOperation(exported.event, [exported.order], ctx());
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(JSON.stringify(orderContent(undone.value.orders[0]!))).toBe(JSON.stringify(orderContent(order)));
  });

  it('records a re-export without blocking the undo of the first export', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const first = markLabelExported(order, ctx(), { system: 'yamato-b2' });
    const again = markLabelExported(first.order, ctx(), { system: 'yamato-b2' });
    expect(again.reexport).toBe(true);
    expect(again.event).toMatchObject({
      type: 'label.exported',
      recordOnly: true,
      details: { reexport: true },
    });
    expect(orderContent(again.order)).toEqual(orderContent(first.order));
    const undone = undoOperation(first.event, [again.order], ctx());
    expect(undone.ok && undone.value.orders[0]!.axes.labelExported).toBe(false);
  });

  it('keeps the two marks apart: printing the notes does not count as exporting the labels', () => {
    const order = generateOrders({ seed: 3, count: 1 })[0]!;
    const c = ctx();
    const printed = markDeliveryNotePrinted(order, c);
    const exported = markLabelExported(printed.order, c);
    expect(exported.reexport).toBe(false);
    expect(exported.order.axes).toMatchObject({ deliveryNotePrinted: true, labelExported: true });
    const undone = undoOperation(exported.event, [exported.order], c);
    expect(undone.ok && undone.value.orders[0]!.axes).toMatchObject({
      deliveryNotePrinted: true,
      labelExported: false,
    });
  });
});
