import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import type { Order } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { type ImportPlan, planImport } from '../pipeline/reconcile';
import { yahooOrderCsv, yahooOrderId, yahooOrderInfo } from '../testing/amazon-yahoo';
import { type FixtureOrder, fixtureOrder, fixtureTotals } from '../testing/fixture';
import { expectAmountsAccounted, expectReimportIsNoop } from '../testing/import-checks';
import { yahooStatus } from './order';
import { readYahooOrderInfo, yahooOrderCsvFormat } from './read';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 18 }, (_, i) => fixtureOrder(i)).filter(
  (o) => o.destinations.length === 1,
);

/** Items + fees − discounts − points = billed, for every order of a plan, against the fixtures. */
function expectAccounted(plan: ImportPlan, fixtures: readonly FixtureOrder[]): void {
  expect(plan.decisions).toHaveLength(fixtures.length);
  for (const [i, decision] of plan.decisions.entries()) {
    const totals = fixtureTotals(fixtures[i]!);
    const a = decision.order.amounts;
    expect(a.items).toBe(totals.items);
    expect(a.shipping).toBe(totals.shipping);
    expectAmountsAccounted(decision.order, totals.billed);
  }
}

describe('readYahooOrderInfo', () => {
  it('round-trips every order with every amount accounted for', () => {
    const parsed = { ResultSet: { Result: orders.map((order) => ({ OrderInfo: yahooOrderInfo(order) })) } };
    const read = readYahooOrderInfo(parsed, { shopId: 'teststore' });
    expect(read.rejected).toEqual([]);
    expect(read.counts.accepted).toBe(orders.length);
    expectAccounted(
      planImport(read.drafts, () => undefined, ctx()),
      orders,
    );
  });

  it('reads a single Item that XML parsing turned into an object', () => {
    const fixture = orders.find((o) => o.destinations[0]!.items.length === 1)!;
    const read = readYahooOrderInfo(
      { ResultSet: { Result: { OrderInfo: yahooOrderInfo(fixture, { singleItemAsObject: true }) } } },
      { shopId: 'teststore' },
    );
    expect(read.drafts).toHaveLength(1);
    expect(read.drafts[0]?.lines).toHaveLength(1);
    expect(read.drafts[0]?.mallOrderNumber).toBe(yahooOrderId(fixture));
  });

  it('maps PayMethod codes and the request time wording', () => {
    const read = readYahooOrderInfo(
      orders.map((o) => yahooOrderInfo(o)),
      { shopId: 'teststore' },
    );
    const cod = read.drafts.find((d) => d.paymentMethod === 'cod');
    expect(cod?.amounts.codFee).toBe(330);
    expect(read.drafts.map((d) => d.shipments[0]?.timeSlot)).toContain('14-16');
    expect(read.drafts.map((d) => d.shipments[0]?.timeSlot)).toContain('am');
  });

  it('rejects a bad record with its path and derives status from the three axes', () => {
    const bad = yahooOrderInfo(orders[0]!);
    (bad.Detail as Record<string, string>).ShipCharge = '送料無料';
    const read = readYahooOrderInfo([bad, yahooOrderInfo(orders[1]!)], { shopId: 'teststore' });
    expect(read.counts).toEqual({ records: 2, accepted: 1, rejected: 1, orders: 1 });
    expect(read.rejected[0]?.issues[0]?.path).toEqual([0, 'Detail', 'ShipCharge']);
    expect(yahooStatus('2', '3', '1')).toBe('shipped');
    expect(yahooStatus('4', '0', '0')).toBe('cancelled');
  });

  it('rejects a record whose Item has a bad quantity, with the JSON path of the field', () => {
    const bad = yahooOrderInfo(orders[2]!);
    (bad.Item as Record<string, string>[])[1]!.Quantity = '二';
    const read = readYahooOrderInfo(
      { ResultSet: { Result: [{ OrderInfo: yahooOrderInfo(orders[0]!) }, { OrderInfo: bad }] } },
      { shopId: 'teststore' },
    );
    expect(read.counts).toEqual({ records: 2, accepted: 1, rejected: 1, orders: 1 });
    expect(read.rejected[0]).toMatchObject({
      path: 'ResultSet.Result[1]',
      mallOrderNumber: yahooOrderId(orders[2]!),
    });
    const error = read.rejected[0]?.issues.find((issue) => issue.severity === 'error');
    expect(error?.path).toEqual(['ResultSet', 'Result', 1, 'Item', 1, 'Quantity']);
    expect(error?.message).toContain('Quantity');
  });
});

describe('yahooStatus and the payment axis', () => {
  it('waits for payment only on an unpaid prepaid order', () => {
    for (const method of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'c1', 'a6', 'a7', 'a15']) {
      expect(yahooStatus('2', '1', '0', { payMethod: `payment_${method}` })).toBe('awaitingPayment');
      expect(yahooStatus('2', '1', '1', { payMethod: `payment_${method}` })).toBe('awaitingShipment');
    }
    expect(yahooStatus('2', '1', '0', { payType: '1', payMethod: 'payment_a16' })).toBe('awaitingPayment');
    expect(yahooStatus('2', '1', '1', { payType: '1' })).toBe('awaitingShipment');
  });

  it('does not wait for payment on cards, 代引, 後払い or a shipped order', () => {
    for (const method of ['a1', 'd1', 'c2', 'a17', 'a19', 'z1']) {
      expect(yahooStatus('2', '1', '0', { payMethod: `payment_${method}` })).toBe('awaitingShipment');
    }
    expect(yahooStatus('2', '1', '0', { payType: '0', payMethod: 'payment_b1' })).toBe('awaitingShipment');
    expect(yahooStatus('2', '1', '0')).toBe('awaitingShipment');
    expect(yahooStatus('2', '3', '0', { payMethod: 'payment_b1' })).toBe('shipped');
    expect(yahooStatus('1', '0', '0', { payMethod: 'payment_b1' })).toBe('new');
  });

  it('reads an unpaid 銀行振込 order as awaiting payment, and paid once PayStatus is 1', () => {
    const bank = orders.find((o) => o.payment === 'bank')!;
    const card = orders.find((o) => o.payment === 'card')!;
    const paid = yahooOrderInfo(bank);
    (paid.Pay as Record<string, string>).PayStatus = '1';
    const read = readYahooOrderInfo([yahooOrderInfo(bank), paid, yahooOrderInfo(card)], {
      shopId: 'teststore',
    });
    expect(read.drafts.map((d) => [d.status, d.paymentMethod, d.paymentStatus])).toEqual([
      ['awaitingPayment', 'bankTransfer', 'unpaid'],
      ['awaitingShipment', 'bankTransfer', 'paid'],
      ['awaitingShipment', 'creditCard', 'authorized'],
    ]);
    const plan = planImport(read.drafts.slice(0, 1), () => undefined, ctx());
    expect(plan.decisions[0]?.order.status).toBe('awaitingPayment');
  });

  it('takes PayType over PayMethod, and needs no payment before shipping on 後払い', () => {
    const bank = orders.find((o) => o.payment === 'bank')!;
    const prepaid = yahooOrderInfo(bank);
    Object.assign(prepaid.Pay as Record<string, string>, { PayType: '1', PayMethod: 'payment_a16' });
    const postpaid = yahooOrderInfo(bank);
    Object.assign(postpaid.Pay as Record<string, string>, { PayMethod: 'payment_c2' });
    const read = readYahooOrderInfo([prepaid, postpaid], { shopId: 'teststore' });
    expect(read.drafts.map((d) => [d.status, d.paymentStatus])).toEqual([
      ['awaitingPayment', 'unpaid'],
      ['awaitingShipment', 'notRequired'],
    ]);
  });
});

describe('Yahoo order CSV', () => {
  it('reads the CP932 file by field-name headers into the same drafts as orderInfo', () => {
    const csv = readOrderCsv(yahooOrderCsv(orders), yahooOrderCsvFormat({ shopId: 'teststore' }));
    const api = readYahooOrderInfo(
      orders.map((o) => yahooOrderInfo(o)),
      { shopId: 'teststore' },
    );
    expect(csv.rejected).toEqual([]);
    const strip = (d: (typeof csv.drafts)[number]) => ({ ...d, raw: undefined, source: undefined });
    expect(csv.drafts.map(strip)).toEqual(api.drafts.map(strip));
  });

  it('takes the shop own header names', () => {
    const text = new TextDecoder('shift_jis')
      .decode(yahooOrderCsv(orders.slice(0, 2)))
      .replace('OrderId', '注文ID');
    const csv = readOrderCsv(
      text,
      yahooOrderCsvFormat({ shopId: 'teststore', headers: { OrderId: ['注文ID', 'OrderId'] } }),
    );
    expect(csv.counts.orders).toBe(2);
  });

  it('round-trips every order with every amount accounted for', () => {
    const csv = readOrderCsv(yahooOrderCsv(orders), yahooOrderCsvFormat({ shopId: 'teststore' }));
    expect(csv.rejected).toEqual([]);
    expectAccounted(
      planImport(csv.drafts, () => undefined, ctx()),
      orders,
    );
  });

  it('reports a corrupted row with its line and reason, and rejects every row of that order', () => {
    const fixtures = orders.slice(1, 4);
    const text = new TextDecoder('shift_jis').decode(yahooOrderCsv(fixtures));
    const rows = text.split('\r\n');
    const header = rows[0]!.split(',');
    // Line 3 is the second item of the first order (one row per item; the header is line 1).
    expect(fixtures[0]!.destinations[0]!.items.length).toBeGreaterThan(1);
    const cells = rows[2]!.split(',');
    cells[header.indexOf('UnitPrice')] = '1,080円';
    rows[2] = cells.map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(',');
    const csv = readOrderCsv(rows.join('\r\n'), yahooOrderCsvFormat({ shopId: 'teststore' }));
    expect(csv.counts.records).toBe(csv.counts.accepted + csv.counts.rejected);
    expect(csv.counts.orders).toBe(2);
    expect(csv.drafts.map((d) => d.mallOrderNumber)).not.toContain(yahooOrderId(fixtures[0]!));
    const own = csv.rejected.find((row) => row.line === 3);
    expect(own?.mallOrderNumber).toBe(yahooOrderId(fixtures[0]!));
    expect(own?.issues[0]).toMatchObject({ code: 'malls.invalid_field', line: 3 });
    expect(own?.issues[0]?.message).toContain('3行目');
    expect(own?.issues[0]?.message).toContain('「UnitPrice」が整数ではありません');
    const sibling = csv.rejected.find((row) => row.line === 2);
    expect(sibling?.issues[0]?.code).toBe('malls.order_rejected');
  });
});

describe('Yahoo re-import', () => {
  const info = () =>
    readYahooOrderInfo(
      { ResultSet: { Result: orders.map((o) => ({ OrderInfo: yahooOrderInfo(o) })) } },
      { shopId: 'teststore' },
    ).drafts;
  const csv = () => readOrderCsv(yahooOrderCsv(orders), yahooOrderCsvFormat({ shopId: 'teststore' })).drafts;

  for (const [name, read] of [
    ['orderInfo', info],
    ['order CSV', csv],
  ] as const) {
    it(`importing the same ${name} twice creates nothing and records no event`, () =>
      expectReimportIsNoop(read, ctx(), orders.length));
  }

  it('updates an unshipped order with the changed fields, alerts once it has shipped', () => {
    const c = ctx();
    const bank = orders.find((o) => o.payment === 'bank')!;
    const read = (model: Record<string, unknown>) =>
      readYahooOrderInfo([model], { shopId: 'teststore' }).drafts;
    const stored = planImport(read(yahooOrderInfo(bank)), () => undefined, c).changes[0]!.order;
    expect(stored.payment.status).toBe('unpaid');
    const paid = yahooOrderInfo(bank);
    (paid.Pay as Record<string, string>).PayStatus = '1';
    (paid.Ship as Record<string, string>).ShipRequestDate = '20261224';
    const second = planImport(read(paid), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(updated.history.at(-1)?.type).toBe('mall.update');
    expect(updated.history.at(-1)?.details.changedFields).toEqual([
      'mallStatus',
      'paymentStatus',
      'shipments',
    ]);
    expect(updated.payment.status).toBe('paid');
    expect(updated.shipments[0]?.requestedDate).toBe('2026-12-24');
    expect(updated.shipments[0]?.id).toBe(stored.shipments[0]?.id);

    const shipped: Order = { ...updated, status: 'shipped' };
    const moved = yahooOrderInfo(bank);
    Object.assign(moved.Pay as Record<string, string>, { PayStatus: '1' });
    Object.assign(moved.Ship as Record<string, string>, { ShipRequestDate: '20261224', ShipCity: '港区' });
    const third = planImport(read(moved), () => shipped, c);
    expect(third.counts.alerted).toBe(1);
    const alerted = third.changes[0]!.order;
    expect(alerted.shipments[0]?.destination).toEqual(shipped.shipments[0]?.destination);
    expect(alerted.alerts.at(-1)).toMatchObject({
      code: 'malls.changed_after_shipment',
      data: { changedFields: ['shipments'] },
    });
  });
});
