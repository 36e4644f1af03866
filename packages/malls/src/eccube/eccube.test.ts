import { encodeCp932 } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import { type FixtureOrder, fixtureOrder, fixtureTotals } from '../testing/fixture';
import { expectAmountsAccounted, expectReimportIsNoop } from '../testing/import-checks';
import { type EccubeCsvKey, eccubeOrderCsvColumns, eccubeOrderCsvFormat } from './eccube';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 12 }, (_, i) => fixtureOrder(i)).map((o) => ({ ...o, wrapping: 0 }));
/** EC-CUBE prices are tax excluded: fixture prices are chosen so that rounding gives them back exactly. */
const excluded = (price: number, rate: number) => Math.round((price * 100) / (100 + rate));

/** The 受注CSV of fixture orders; `overrides` replaces order columns on every row (対応状況, 発送日 …). */
function csvOf(
  list: readonly FixtureOrder[],
  overrides: Partial<Record<EccubeCsvKey, string>> = {},
): Uint8Array {
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
      status: '1',
      paymentName: order.payment === 'cod' ? '代金引換' : order.payment === 'bank' ? '銀行振込' : '郵便振替',
      orderDate: order.orderedAt.slice(0, 19).replace('T', ' '),
      ...overrides,
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
                  ...overrides,
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
      expect(a.shipping).toBe(fixtureTotals(fixture).shipping);
      expect(a.codFee).toBe(fixture.codFee);
      expect(a.couponDiscount).toBe(fixture.coupon);
      expect(a.pointsUsed).toBe(fixture.points);
      expectAmountsAccounted(decision.order, fixtureTotals(fixture).billed);
      expect(decision.order.shipments.map((s) => s.destination.name)).toEqual(
        fixture.destinations.map((d) => `${d.person.familyName} ${d.person.givenName}`),
      );
    }
  });

  it('rejects incomplete checkouts (購入処理中) with the reason', () => {
    const read = readOrderCsv(
      csvOf(orders.slice(0, 2), { status: '8' }),
      eccubeOrderCsvFormat({ shopId: 'eccube' }),
    );
    expect(read.drafts).toEqual([]);
    expect(read.counts.rejected).toBe(read.counts.records);
    expect(read.rejected[0]?.issues[0]?.message).toContain('対応状況');
  });

  it('reports a corrupted row with its line and reason, and rejects every row of that order', () => {
    const fixtures = orders.slice(0, 3);
    const rows = new TextDecoder('shift_jis').decode(csvOf(fixtures)).split('\r\n');
    const header = rows[0]!.split(',');
    const second = String(2000 + fixtures[1]!.index);
    const line = rows.findIndex((row) => row.startsWith(`${second},`)) + 2;
    const cells = rows[line - 1]!.split(',');
    cells[header.indexOf('個数')] = '1.5';
    rows[line - 1] = cells.join(',');
    const read = readOrderCsv(rows.join('\r\n'), eccubeOrderCsvFormat({ shopId: 'eccube' }));
    expect(read.counts.records).toBe(read.counts.accepted + read.counts.rejected);
    expect(read.drafts.map((d) => d.mallOrderNumber)).toEqual(
      [fixtures[0]!, fixtures[2]!].map((f) => String(2000 + f.index)),
    );
    const own = read.rejected.find((row) => row.line === line);
    expect(own?.mallOrderNumber).toBe(second);
    expect(own?.issues[0]).toMatchObject({ code: 'malls.invalid_field', line });
    expect(own?.issues[0]?.message).toContain(
      `${line}行目 (注文番号 ${second})の「個数」が整数ではありません`,
    );
    const siblings = read.rejected.filter((row) => row.mallOrderNumber === second && row.line !== line);
    expect(siblings.length).toBeGreaterThan(0);
    expect(siblings.every((row) => row.issues[0]?.code === 'malls.order_rejected')).toBe(true);
  });

  it('rejects a 手数料 row whose 税率 is not a rate, instead of reading the fee as NaN', () => {
    const cod = orders.find((o) => o.codFee > 0)!;
    const rows = new TextDecoder('shift_jis')
      .decode(csvOf([cod]))
      .trimEnd()
      .split('\r\n');
    const header = rows[0]!.split(',');
    const cells = rows.at(-1)!.split(',');
    expect(cells[header.indexOf('商品名')]).toBe('手数料');
    cells[header.indexOf('税率')] = '十';
    rows[rows.length - 1] = cells.join(',');
    const read = readOrderCsv(rows.join('\r\n'), eccubeOrderCsvFormat({ shopId: 'eccube' }));
    expect(read.drafts).toEqual([]);
    const own = read.rejected.find((row) => row.line === rows.length);
    expect(own?.issues[0]?.message).toContain('「税率」が税率ではありません');
  });

  it('reads an export without 合計 and 支払合計 as no points and no mall total to check', () => {
    const keep = eccubeOrderCsvColumns.filter((c) => c.key !== 'total' && c.key !== 'paymentTotal');
    const rows = new TextDecoder('shift_jis').decode(csvOf(orders)).trimEnd().split('\r\n');
    const header = rows[0]!.split(',');
    const indexes = keep.map((c) => header.indexOf(c.header));
    const text = rows.map((row) => indexes.map((i) => row.split(',')[i]).join(',')).join('\r\n');
    const read = readOrderCsv(text, eccubeOrderCsvFormat({ shopId: 'eccube' }));
    expect(read.rejected).toEqual([]);
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries()) {
      const fixture = orders[i]!;
      expect(decision.order.amounts.pointsUsed).toBe(0);
      expectAmountsAccounted(decision.order, fixtureTotals(fixture).billed + fixture.points);
    }
  });

  it('importing the same file twice creates nothing and records no event', () =>
    expectReimportIsNoop(
      () => readOrderCsv(csvOf(orders), eccubeOrderCsvFormat({ shopId: 'eccube' })).drafts,
      ctx(),
      orders.length,
    ));

  it('updates a changed order until EC-CUBE reports it 発送済み, then alerts instead', () => {
    const c = ctx();
    const fixture = orders.find((o) => o.destinations.length === 1)!;
    const read = (overrides: Partial<Record<EccubeCsvKey, string>>) =>
      readOrderCsv(csvOf([fixture], overrides), eccubeOrderCsvFormat({ shopId: 'eccube' })).drafts;
    const stored = planImport(read({}), () => undefined, c).changes[0]!.order;
    expect(stored.shipments[0]?.state).toBe('open');

    const moved = { shipAddress2: '1-2-3 新ビル5F' };
    const second = planImport(read(moved), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(updated.history.at(-1)?.details.changedFields).toEqual(['shipments']);
    expect(updated.shipments[0]?.destination.address2).toBe('1-2-3 新ビル5F');
    expect(updated.shipments[0]?.id).toBe(stored.shipments[0]?.id);

    const shippedInMall = {
      ...moved,
      status: '5',
      shippingDate: '2026/11/29',
      trackingNumber: '123456789012',
    };
    const third = planImport(read(shippedInMall), () => updated, c);
    expect(third.counts.updated).toBe(1);
    const shipped = third.changes[0]!.order;
    expect(shipped.history.at(-1)?.details.changedFields).toEqual(['mallStatus', 'shipments']);
    expect(shipped.shipments[0]).toMatchObject({
      state: 'shipped',
      shippedOn: '2026-11-29',
      trackingNumbers: ['123456789012'],
    });

    const fourth = planImport(read({ ...shippedInMall, discount: '500' }), () => shipped, c);
    expect(fourth.counts.alerted).toBe(1);
    const alerted = fourth.changes[0]!.order;
    expect(alerted.amounts).toEqual(shipped.amounts);
    expect(alerted.alerts.at(-1)).toMatchObject({
      code: 'malls.changed_after_shipment',
      data: { changedFields: ['amounts.couponDiscount'] },
    });
  });
});
