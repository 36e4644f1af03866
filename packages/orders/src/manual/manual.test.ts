import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { checkShipmentInvariants } from '../model/derive';
import { Order } from '../model/order';
import { createManualOrder, defaultCodFee, type ManualOrderInput } from './manual';

const ctx = () => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-7',
});
const orderer = {
  name: '山田 太郎',
  postalCode: '100-0005',
  prefecture: '東京都',
  address1: '千代田区丸の内1-1-1',
  phone: '03-1234-5678',
};
const input: ManualOrderInput = {
  channel: 'phone',
  shopId: 'main',
  paymentMethod: 'cod',
  shipping: 800,
  orderer,
  lines: [
    { sku: 'tea-sencha', name: '静岡煎茶 100g', unitPrice: 1080, quantity: 3, taxRate: 8 },
    { sku: 'mug', name: '波佐見焼 マグカップ', unitPrice: 2750, quantity: 1 },
  ],
};

describe('createManualOrder', () => {
  it('computes totals, per-rate tax and the 代引手数料, and builds a valid order', () => {
    const result = createManualOrder(input, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const order = result.value;
    expect(Order.parse(order)).toEqual(order);
    expect(order.amounts).toMatchObject({ items: 5990, shipping: 800, codFee: 330, billedTotal: 7120 });
    expect(order.amounts.tax).toEqual([
      { rate: 10, taxableAmount: 3880, tax: 352 },
      { rate: 8, taxableAmount: 3240, tax: 240 },
    ]);
    expect(order.shipments[0]).toMatchObject({
      slipNumber: 'order_0001-1',
      codAmount: 7120,
      destination: orderer,
    });
    expect(order).toMatchObject({
      status: 'new',
      orderedAt: '2026-11-28T10:00:00.000+09:00',
      payment: { status: 'notRequired' },
    });
    expect(order.history[0]).toMatchObject({ type: 'order.create', actor: 'staff-7' });
    expect(checkShipmentInvariants([order])).toEqual([]);
  });

  it('reports every problem, naming the field', () => {
    const result = createManualOrder(
      {
        ...input,
        orderer: { ...orderer, postalCode: '1000' },
        lines: [{ sku: '', name: 'x', unitPrice: -1, quantity: 0 }],
      },
      ctx(),
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.message.split('が')[0])).toEqual([
      '注文者の郵便番号',
      '明細の1行目のSKU',
      '明細の1行目の単価',
      '明細の1行目の数量',
    ]);
    const points = createManualOrder({ ...input, paymentMethod: 'creditCard', pointsUsed: 99_999 }, ctx());
    expect(points.issues.map((i) => i.code)).toEqual(['orders.manual.discount_exceeds']);
  });

  it('uses the default 代引手数料 table and refuses 代引 above its limit', () => {
    expect([10_000, 10_001, 30_001, 100_001].map(defaultCodFee)).toEqual([330, 440, 660, 1_100]);
    const big = createManualOrder(
      { ...input, lines: [{ sku: 'x', name: 'x', unitPrice: 400_000, quantity: 1 }] },
      ctx(),
    );
    expect(big.issues.map((i) => i.code)).toEqual(['orders.manual.cod_limit']);
  });
});
