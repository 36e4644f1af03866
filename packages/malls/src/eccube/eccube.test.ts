import { encodeCp932 } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { checkShipmentInvariants } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import { type FixtureOrder, fixtureOrder, fixtureTotals } from '../testing/fixture';
import { eccubeOrderCsvColumns, eccubeOrderCsvFormat } from './eccube';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 12 }, (_, i) => fixtureOrder(i)).map((o) => ({ ...o, wrapping: 0 }));
/** EC-CUBE prices are tax excluded: fixture prices are chosen so that rounding gives them back exactly. */
const excluded = (price: number, rate: number) => Math.round((price * 100) / (100 + rate));

function csvOf(list: readonly FixtureOrder[], status = '1'): Uint8Array {
  const rows = [eccubeOrderCsvColumns.map((c) => c.header).join(',')];
  for (const order of list) {
    const p = order.orderer;
    const totals = fixtureTotals(order);
    const base: Record<string, string> = {
      orderNo: String(2000 + order.index),
      familyName: p.familyName,
      givenName: p.givenName,
      postalCode: `${p.zip1}${p.zip2}`,
      prefecture: p.prefecture,
      address1: p.city,
      address2: p.street,
      email: p.email,
      phone: p.phone.join(''),
      discount: String(order.coupon),
      deliveryFeeTotal: String(totals.shipping),
      total: String(totals.billed + order.points),
      paymentTotal: String(totals.billed),
      status,
      paymentName: order.payment === 'cod' ? '代金引換' : order.payment === 'bank' ? '銀行振込' : '郵便振替',
      orderDate: order.orderedAt.slice(0, 19).replace('T', ' '),
    };
    order.destinations.forEach((destination, d) => {
      for (const item of destination.items) {
        const person = destination.person;
        rows.push(
          eccubeOrderCsvColumns
            .map(
              (c) =>
                (<Record<string, string>>{
                  ...base,
                  orderItemId: item.lineId,
                  productName: item.name,
                  productCode: item.sku,
                  price: String(excluded(item.unitPrice, item.taxRate)),
                  quantity: String(item.quantity),
                  taxRate: String(item.taxRate),
                  itemType: '1',
                  shippingId: String(300 + order.index * 10 + d),
                  shipFamilyName: person.familyName,
                  shipGivenName: person.givenName,
                  shipPostalCode: `${person.zip1}${person.zip2}`,
                  shipPrefecture: person.prefecture,
                  shipAddress1: person.city,
                  shipAddress2: person.street,
                  shipPhone: person.phone.join(''),
                  deliveryTime: order.timeSlot,
                  deliveryDate: order.requestedDate?.replaceAll('-', '/') ?? '',
                })[c.key] ?? '',
            )
            .join(','),
        );
      }
    });
    if (order.codFee > 0) {
      rows.push(
        eccubeOrderCsvColumns
          .map(
            (c) =>
              (<Record<string, string>>{
                ...base,
                productName: '手数料',
                price: String(excluded(order.codFee, 10)),
                quantity: '1',
                taxRate: '10',
                itemType: '3',
              })[c.key] ?? '',
          )
          .join(','),
      );
    }
  }
  const encoded = encodeCp932(`${rows.join('\r\n')}\r\n`);
  if (!encoded.ok) throw new Error('fixture');
  return encoded.value.bytes;
}

describe('EC-CUBE 4 受注CSV', () => {
  it('round-trips (CP932) with lines per 出荷ID and every amount accounted for', () => {
    const read = readOrderCsv(csvOf(orders), eccubeOrderCsvFormat({ shopId: 'eccube' }));
    expect(read.rejected).toEqual([]);
    expect(read.counts.orders).toBe(orders.length);
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries()) {
      const fixture = orders[i]!;
      const a = decision.order.amounts;
      expect(a.items).toBe(fixtureTotals(fixture).items);
      expect(a.codFee).toBe(fixture.codFee);
      expect(a.pointsUsed).toBe(fixture.points);
      expect(a.billedTotal).toBe(fixtureTotals(fixture).billed);
      expect(decision.order.alerts).toEqual([]);
      expect(decision.order.shipments.map((s) => s.destination.name)).toEqual(
        fixture.destinations.map((d) => `${d.person.familyName} ${d.person.givenName}`),
      );
      expect(checkShipmentInvariants([decision.order])).toEqual([]);
    }
  });

  it('rejects incomplete checkouts (購入処理中) with the reason', () => {
    const read = readOrderCsv(csvOf(orders.slice(0, 2), '8'), eccubeOrderCsvFormat({ shopId: 'eccube' }));
    expect(read.drafts).toEqual([]);
    expect(read.counts.rejected).toBe(read.counts.records);
    expect(read.rejected[0]?.issues[0]?.message).toContain('対応状況');
  });
});
