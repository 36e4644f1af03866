import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { checkShipmentInvariants, type Order } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { type ImportPlan, planImport } from '../pipeline/reconcile';
import { type FixtureOrder, type FixturePerson, fixtureOrder, fixtureTotals } from '../testing/fixture';
import { expectAmountsAccounted, expectReimportIsNoop } from '../testing/import-checks';
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

/** An Admin API address of a fixture person; `fields` replace its values. */
function address(p: FixturePerson, fields: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    first_name: p.givenName,
    last_name: p.familyName,
    zip: `${p.zip1}-${p.zip2}`,
    province: p.prefecture,
    province_code: 'JP-13',
    city: p.city,
    address1: p.street,
    address2: '',
    phone: p.phone.join('-'),
    ...fields,
  };
}

/** Admin API `orders.json` of fixture orders (prices as strings, as Shopify sends them). */
function json(list: readonly FixtureOrder[]): { orders: Record<string, unknown>[] } {
  return {
    orders: list.map((order) => {
      const p = order.orderer;
      return {
        id: 5000000000 + order.index,
        name: `#${1001 + order.index}`,
        email: p.email,
        created_at: order.orderedAt,
        financial_status: order.payment === 'bank' ? 'pending' : 'paid',
        fulfillment_status: null,
        gateway: order.payment === 'cod' ? 'Cash on Delivery (COD)' : 'shopify_payments',
        total_price: `${billed(order)}.00`,
        total_discounts: `${order.coupon}.00`,
        shipping_lines: [{ title: '宅配便', price: `${fixtureTotals(order).shipping}.00` }],
        line_items: order.destinations[0]!.items.map((item, i) => ({
          id: 13000000000 + order.index * 10 + i,
          sku: item.sku,
          name: item.name,
          variant_title: null,
          quantity: item.quantity,
          price: `${item.unitPrice}.00`,
        })),
        billing_address: address(p),
        shipping_address: address(p),
        cancelled_at: null,
        note: order.remarks === '' ? null : order.remarks,
      };
    }),
  };
}

/** Items + shipping − discounts = billed (Shopify fixtures carry no fees or points), for every order. */
function expectAccounted(plan: ImportPlan, fixtures: readonly FixtureOrder[]): void {
  expect(plan.decisions).toHaveLength(fixtures.length);
  for (const [i, decision] of plan.decisions.entries()) {
    const fixture = fixtures[i]!;
    const a = decision.order.amounts;
    expect(a.items).toBe(fixtureTotals(fixture).items);
    expect(a.shipping).toBe(fixtureTotals(fixture).shipping);
    expect(a.couponDiscount).toBe(fixture.coupon);
    expectAmountsAccounted(decision.order, billed(fixture));
  }
}

describe('Shopify order CSV', () => {
  it('round-trips with every amount accounted for, order fields from the first row', () => {
    const read = readOrderCsv(csv(orders), shopifyOrderCsvFormat({ shopId: 'shopify-jp' }));
    expect(read.rejected).toEqual([]);
    expect(read.counts.orders).toBe(orders.length);
    const plan = planImport(read.drafts, () => undefined, ctx());
    expectAccounted(plan, orders);
    for (const [i, decision] of plan.decisions.entries()) {
      expect(decision.order.orderedAt).toBe(orders[i]!.orderedAt);
      expect(decision.order.orderer.prefecture).toBe(orders[i]!.orderer.prefecture);
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

  it('updates an unshipped order with the changed fields, alerts once it is fulfilled', () => {
    const c = ctx();
    const fixture = orders[1]!;
    const read = (list: FixtureOrder[]) =>
      readOrderCsv(csv(list), shopifyOrderCsvFormat({ shopId: 'shopify-jp' })).drafts;
    const stored = planImport(read([fixture]), () => undefined, c).changes[0]!.order;
    const moreShipping = { ...fixture, destinations: [{ ...fixture.destinations[0]!, shipping: 1100 }] };
    const second = planImport(read([moreShipping]), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(updated.history.at(-1)?.type).toBe('mall.update');
    expect(updated.history.at(-1)?.details.changedFields).toEqual([
      'amounts.billedTotal',
      'amounts.shipping',
    ]);
    expect(updated.amounts.shipping).toBe(1100);
    expect(updated.alerts).toEqual([]);
    expect(checkShipmentInvariants([updated])).toEqual([]);

    const fulfilled: Order = { ...updated, status: 'shipped' };
    const third = planImport(read([{ ...moreShipping, coupon: 500 }]), () => fulfilled, c);
    expect(third.counts.alerted).toBe(1);
    const alerted = third.changes[0]!.order;
    expect(alerted.amounts).toEqual(fulfilled.amounts);
    expect(alerted.alerts.at(-1)).toMatchObject({
      code: 'malls.changed_after_shipment',
      data: { changedFields: ['amounts.billedTotal', 'amounts.couponDiscount'] },
    });
  });
});

describe('Shopify re-import', () => {
  const fromCsv = () => readOrderCsv(csv(orders), shopifyOrderCsvFormat({ shopId: 'shopify-jp' })).drafts;
  const fromJson = () => readShopifyOrders(JSON.stringify(json(orders)), { shopId: 'shopify-jp' }).drafts;

  for (const [name, read] of [
    ['order CSV', fromCsv],
    ['Admin API JSON', fromJson],
  ] as const) {
    it(`importing the same ${name} twice creates nothing and records no event`, () =>
      expectReimportIsNoop(read, ctx(), orders.length));
  }
});

describe('readShopifyOrders (Admin API JSON)', () => {
  it('reads orders with shipping lines, discounts and province codes', () => {
    const order = orders[0]!;
    const p = order.orderer;
    // No province name: the prefecture comes from the JP-13 code alone.
    const bare = address(p, { province: '', city: '千代田区' });
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
          billing_address: bare,
          shipping_address: bare,
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

  it('round-trips every order with every amount accounted for, as the CSV does', () => {
    const read = readShopifyOrders(json(orders), { shopId: 'shopify-jp' });
    expect(read.rejected).toEqual([]);
    expect(read.counts).toEqual({
      records: orders.length,
      accepted: orders.length,
      rejected: 0,
      orders: orders.length,
    });
    expectAccounted(
      planImport(read.drafts, () => undefined, ctx()),
      orders,
    );
    const fromCsv = readOrderCsv(csv(orders), shopifyOrderCsvFormat({ shopId: 'shopify-jp' })).drafts;
    expect(read.drafts.map((d) => [d.paymentMethod, d.paymentStatus, d.status])).toEqual(
      fromCsv.map((d) => [d.paymentMethod, d.paymentStatus, d.status]),
    );
  });

  it('rejects a record with a bad shipping price or quantity, with the JSON path of the field', () => {
    const body = json(orders.slice(0, 3));
    const [, second, third] = body.orders;
    (second!.shipping_lines as Record<string, string>[])[0]!.price = '送料無料';
    (third!.line_items as Record<string, unknown>[])[1]!.quantity = 0;
    const read = readShopifyOrders(body, { shopId: 'shopify-jp' });
    expect(read.counts).toEqual({ records: 3, accepted: 1, rejected: 2, orders: 1 });
    expect(read.rejected.map((r) => [r.path, r.mallOrderNumber])).toEqual([
      ['orders[1]', second!.name],
      ['orders[2]', third!.name],
    ]);
    const [shipping, quantity] = read.rejected.map((r) => r.issues.find((i) => i.severity === 'error'));
    expect(shipping?.path).toEqual(['orders', 1, 'shipping_lines', 0, 'price']);
    expect(shipping?.message).toContain('「price」が整数ではありません');
    expect(quantity?.path).toEqual(['orders', 2, 'line_items', 1, 'quantity']);
    expect(quantity?.message).toContain('「quantity」が1未満です');
  });
});
