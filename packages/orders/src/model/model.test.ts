import { createIssue } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { generateOrders } from '../testing/generator';
import {
  checkShipmentInvariants,
  computeAmounts,
  computeCodAmount,
  indexOrders,
  mallKeyString,
  orderContent,
  taxByRate,
} from './derive';
import { commitOperation, stateOf, toJapanTimestamp } from './operation';
import { Order } from './order';

describe('generateOrders', () => {
  const orders = generateOrders({ seed: 3, count: 300 });

  it('is deterministic for a seed', () => {
    expect(generateOrders({ seed: 3, count: 300 })).toEqual(orders);
    expect(generateOrders({ seed: 4, count: 300 })).not.toEqual(orders);
  });

  it('produces orders that pass the schema and the shipment invariants', () => {
    for (const order of orders) {
      expect(Order.parse(order)).toEqual(order);
      expect(checkShipmentInvariants([order])).toEqual([]);
    }
  });

  it('produces unique mall keys, repeat customers, gifts, mixed temperatures and 代引', () => {
    expect(new Set(orders.map(mallKeyString)).size).toBe(orders.length);
    expect(new Set(orders.map((order) => order.orderer.phone)).size).toBeLessThan(orders.length);
    expect(orders.some((order) => order.shipments[0]?.destination.name !== order.orderer.name)).toBe(true);
    expect(orders.some((order) => new Set(order.lines.map((line) => line.temperature)).size > 1)).toBe(true);
    const cod = orders.find((order) => order.payment.method === 'cod');
    expect(cod?.shipments[0]?.codAmount).toBe(cod?.amounts.billedTotal);
  });
});

describe('computeAmounts', () => {
  it('sums items and fees, taxes each rate once, and subtracts discounts', () => {
    const amounts = computeAmounts(
      [
        { unitPrice: 1080, quantity: 2, taxRate: 8 },
        { unitPrice: 1100, quantity: 1, taxRate: 10 },
      ],
      { shipping: 800, codFee: 330, pointsUsed: 100, couponDiscount: 200 },
    );
    expect(amounts.items).toBe(3260);
    expect(amounts.tax).toEqual([
      { rate: 10, taxableAmount: 2230, tax: 202 },
      { rate: 8, taxableAmount: 2160, tax: 160 },
    ]);
    expect(amounts.billedTotal).toBe(3260 + 800 + 330 - 100 - 200);
  });

  it('takes the tax out of tax-included amounts once per rate, 10% then 8% then 0%', () => {
    expect(
      taxByRate([
        { amount: 999, rate: 10 },
        { amount: 1, rate: 10 },
        { amount: 500, rate: 0 },
        { amount: 1080, rate: 8 },
      ]),
    ).toEqual([
      { rate: 10, taxableAmount: 1000, tax: 90 },
      { rate: 8, taxableAmount: 1080, tax: 80 },
      { rate: 0, taxableAmount: 500, tax: 0 },
    ]);
  });
});

describe('computeCodAmount', () => {
  it('collects nothing for non-COD orders and skips waived charges', () => {
    const [order] = generateOrders({ seed: 11, count: 1 });
    if (order === undefined) throw new Error('no order');
    const shipment = order.shipments[0]!;
    const cod = { ...order, payment: { ...order.payment, method: 'cod' as const } };
    expect(
      computeCodAmount(
        shipment,
        indexOrders([{ ...order, payment: { ...order.payment, method: 'creditCard' } }]),
      ),
    ).toBe(0);
    const waived = { ...shipment, charges: shipment.charges.map((charge) => ({ ...charge, waived: true })) };
    expect(computeCodAmount(waived, indexOrders([cod]))).toBe(order.amounts.items);
  });
});

describe('commitOperation', () => {
  it('bumps versions, records prior states and appends the event', () => {
    const [order] = generateOrders({ seed: 1, count: 1 });
    if (order === undefined) throw new Error('no order');
    const ctx = { clock: fixedClock('2026-11-28T01:00:00Z'), ids: sequenceIdGenerator(), actor: 'staff-1' };
    const { orders, event } = commitOperation(
      [order],
      [{ ...stateOf(order), tags: ['要確認'] }],
      ctx,
      'tags.set',
      {},
    );
    expect(orders[0]?.version).toBe(order.version + 1);
    expect(orders[0]?.history).toEqual([event]);
    expect(event).toMatchObject({ id: 'event_0001', at: '2026-11-28T10:00:00.000+09:00', actor: 'staff-1' });
    expect(event.before).toEqual([stateOf(order)]);
    expect(orderContent(orders[0]!)).toEqual({ ...orderContent(order), tags: ['要確認'] });
    expect(toJapanTimestamp(new Date('2026-12-31T15:30:00Z'))).toBe('2027-01-01T00:30:00.000+09:00');
    expect(toJapanTimestamp(new Date('2026-11-28T01:02:03.045Z'))).toBe('2026-11-28T10:02:03.045+09:00');
    expect(createIssue('x', 'y').severity).toBe('error');
  });
});
