import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { checkShipmentInvariants } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import { type FixtureOrder, fixtureOrder, fixtureTotals } from '../testing/fixture';
import { readShopifyOrders, shopifyOrderCsvColumns, shopifyOrderCsvFormat } from './shopify';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 10 }, (_, i) => fixtureOrder(i)).filter(
  (o) => o.destinations.length === 1,
);
const billed = (o: FixtureOrder) => fixtureTotals(o).items + fixtureTotals(o).shipping - o.coupon;

function csv(list: readonly FixtureOrder[]): string {
  const header = shopifyOrderCsvColumns.map((c) => c.header);
  const rows = [header.join(',')];
  for (const order of list) {
    const p = order.orderer;
    order.destinations[0]!.items.forEach((item, i) => {
      const first = i === 0;
      const values: Record<string, string> = {
        name: `#${1001 + order.index}`,
        email: first ? p.email : '',
        financialStatus: first ? (order.payment === 'bank' ? 'pending' : 'paid') : '',
        fulfillmentStatus: first ? 'unfulfilled' : '',
        createdAt: first ? `${order.orderedAt.slice(0, 19).replace('T', ' ')} +0900` : '',
        shipping: first ? String(fixtureTotals(order).shipping) : '',
        total: first ? String(billed(order)) : '',
        discountAmount: first ? String(order.coupon) : '',
        lineQuantity: String(item.quantity),
        lineName: item.name,
        linePrice: `${item.unitPrice}.00`,
        lineSku: item.sku,
        billingName: first ? `${p.familyName} ${p.givenName}` : '',
        billingAddress1: first ? p.street : '',
        billingCity: first ? p.city : '',
        billingZip: first ? `${p.zip1}-${p.zip2}` : '',
        billingProvince: first ? 'JP-13' : '',
        billingProvinceName: first ? p.prefecture : '',
        billingPhone: first ? p.phone.join('') : '',
        shippingName: first ? `${p.familyName} ${p.givenName}` : '',
        shippingAddress1: first ? p.street : '',
        shippingCity: first ? p.city : '',
        shippingZip: first ? `${p.zip1}-${p.zip2}` : '',
        shippingProvince: first ? 'JP-13' : '',
        shippingProvinceName: first ? p.prefecture : '',
        shippingPhone: first ? p.phone.join('') : '',
        paymentMethod: first ? (order.payment === 'cod' ? '代金引換' : 'Shopify Payments') : '',
        id: first ? String(5000000000 + order.index) : '',
      };
      rows.push(shopifyOrderCsvColumns.map((c) => values[c.key] ?? '').join(','));
    });
  }
  return `${rows.join('\n')}\n`;
}

describe('Shopify order CSV', () => {
  it('round-trips with every amount accounted for, order fields from the first row', () => {
    const read = readOrderCsv(csv(orders), shopifyOrderCsvFormat({ shopId: 'shopify-jp' }));
    expect(read.rejected).toEqual([]);
    expect(read.counts.orders).toBe(orders.length);
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries()) {
      const a = decision.order.amounts;
      expect(a.billedTotal).toBe(billed(orders[i]!));
      expect(decision.order.alerts).toEqual([]);
      expect(decision.order.orderedAt).toBe(orders[i]!.orderedAt);
      expect(decision.order.orderer.prefecture).toBe(orders[i]!.orderer.prefecture);
      expect(checkShipmentInvariants([decision.order])).toEqual([]);
    }
  });

  it('reports a corrupted row with its line', () => {
    const text = csv(orders.slice(0, 3)).split('\n');
    text[1] = text[1]!.replace(/,\d+\.00,/, ',abc,');
    const read = readOrderCsv(text.join('\n'), shopifyOrderCsvFormat({ shopId: 'shopify-jp' }));
    expect(read.counts.records).toBe(read.counts.accepted + read.counts.rejected);
    expect(read.rejected[0]?.line).toBe(2);
    expect(read.rejected[0]?.issues[0]?.message).toContain('Lineitem price');
  });
});

describe('readShopifyOrders (Admin API JSON)', () => {
  it('reads orders with shipping lines, discounts and province codes', () => {
    const order = orders[0]!;
    const p = order.orderer;
    const address = {
      first_name: p.givenName,
      last_name: p.familyName,
      zip: `${p.zip1}-${p.zip2}`,
      province: '',
      province_code: 'JP-13',
      city: '千代田区',
      address1: p.street,
      address2: '',
      phone: p.phone.join('-'),
    };
    const json = {
      orders: [
        {
          id: 1,
          name: '#1001',
          email: p.email,
          created_at: order.orderedAt,
          financial_status: 'paid',
          fulfillment_status: null,
          gateway: 'shopify_payments',
          total_price: String(billed(order)),
          total_discounts: String(order.coupon),
          shipping_lines: [{ price: String(fixtureTotals(order).shipping) }],
          line_items: order.destinations[0]!.items.map((item, i) => ({
            id: 100 + i,
            sku: item.sku,
            name: item.name,
            variant_title: null,
            quantity: item.quantity,
            price: `${item.unitPrice}.00`,
          })),
          billing_address: address,
          shipping_address: address,
          cancelled_at: null,
          note: null,
        },
      ],
    };
    const read = readShopifyOrders(JSON.stringify(json), { shopId: 'shopify-jp' });
    expect(read.rejected).toEqual([]);
    const draft = read.drafts[0]!;
    expect(draft.orderer.prefecture).toBe('東京都');
    expect(draft.paymentMethod).toBe('creditCard');
    expect(draft.paymentStatus).toBe('paid');
    const orderOut = planImport(read.drafts, () => undefined, ctx()).decisions[0]!.order;
    expect(orderOut.amounts.billedTotal).toBe(billed(order));
    expect(orderOut.alerts).toEqual([]);
  });
});
