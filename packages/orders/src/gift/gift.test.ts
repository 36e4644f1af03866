import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { bundle } from '../bundle/bundle';
import type { Order } from '../model/order';
import { generateOrders } from '../testing/generator';
import { deliveryNote, isGift } from './gift';

function own(): Order {
  const order = generateOrders({ seed: 41, count: 1, giftRate: 0, mixedTemperatureRate: 1 })[0]!;
  return order;
}

describe('isGift', () => {
  it('compares normalised name and address, and honours giftMode', () => {
    const order = own();
    const shipment = order.shipments[0]!;
    expect(isGift(order, shipment)).toBe(false);
    const spaced = {
      ...shipment,
      destination: { ...shipment.destination, name: shipment.destination.name.replace(' ', '　') },
    };
    expect(isGift(order, spaced)).toBe(false);
    const other = { ...shipment, destination: { ...shipment.destination, name: '鈴木 一郎' } };
    expect(isGift(order, other)).toBe(true);
    expect(isGift(order, { ...other, giftMode: 'purchase' })).toBe(false);
    expect(isGift(order, { ...shipment, giftMode: 'gift' })).toBe(true);
  });
});

describe('deliveryNote', () => {
  it('gives お買い上げ明細書 with prices, charges and per-rate tax for the orderer', () => {
    const order = own();
    const note = deliveryNote(order.shipments[0]!, [order]);
    expect(note.title).toBe('お買い上げ明細書');
    expect(note.total).toBe(order.amounts.billedTotal);
    expect(note.taxSummary).toEqual(order.amounts.tax);
    expect(note.lines.every((line) => line.unitPrice !== undefined)).toBe(true);
  });

  it('gives お届け明細書 without prices and with the sender line for a gift', () => {
    const order = own();
    const shipment = {
      ...order.shipments[0]!,
      destination: { ...order.shipments[0]!.destination, name: '鈴木 一郎' },
    };
    const note = deliveryNote(shipment, [order]);
    expect(note.title).toBe('お届け明細書');
    expect(note.giftMessage).toBe(`${order.orderer.name}様からのプレゼントをお届けします`);
    expect(note.lines.every((line) => line.unitPrice === undefined && line.amount === undefined)).toBe(true);
    expect(note.total).toBeUndefined();
    expect(note.taxSummary).toBeUndefined();
  });

  it('lists every mall order of a 同梱 slip', () => {
    const [a, b] = generateOrders({ seed: 8, count: 2, mixedTemperatureRate: 0, giftRate: 0 });
    const card = { method: 'creditCard' as const, status: 'authorized' as const, paidAmount: 0 };
    const parent = {
      ...a!,
      payment: card,
      shipments: [{ ...a!.shipments[0]!, temperature: 'ambient' as const }],
    };
    const child = {
      ...b!,
      payment: card,
      shipments: [{ ...b!.shipments[0]!, temperature: 'ambient' as const }],
    };
    delete parent.shipments[0]!.requestedDate;
    delete child.shipments[0]!.requestedDate;
    const ctx = { clock: fixedClock('2026-11-28T01:00:00Z'), ids: sequenceIdGenerator(), actor: 's' };
    const result = bundle(parent, [child], { fees: 'sum' }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const note = deliveryNote(result.value.parent.shipments[0]!, [
      result.value.parent,
      ...result.value.children,
    ]);
    expect(note.mallOrderNumbers).toEqual([parent.mallOrderNumber, child.mallOrderNumber]);
    expect(note.total).toBe(parent.amounts.billedTotal + child.amounts.billedTotal);
  });
});
