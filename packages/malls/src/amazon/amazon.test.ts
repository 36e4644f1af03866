import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { checkShipmentInvariants, mallKeyString } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import {
  amazonFixtureBilled,
  amazonOrder,
  amazonOrderId,
  amazonOrderItems,
  amazonOrderReportTsv,
} from '../testing/amazon-yahoo';
import { fixtureOrder, fixtureTotals } from '../testing/fixture';
import { readAmazonOrders } from './json';
import { amazonOrderReportFormat } from './tsv';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 20 }, (_, i) => fixtureOrder(i));
const getOrders = () => ({ payload: { Orders: orders.map(amazonOrder), NextToken: null } });

describe('readAmazonOrders (SP-API)', () => {
  it('round-trips to canonical orders with every amount accounted for', () => {
    const read = readAmazonOrders(getOrders(), orders.map(amazonOrderItems), { shopId: 'amazon-jp' });
    expect(read.rejected).toEqual([]);
    expect(read.counts).toEqual({ records: 20, accepted: 20, rejected: 0, orders: 20 });
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries()) {
      const fixture = orders[i]!;
      const a = decision.order.amounts;
      expect(a.items).toBe(fixtureTotals(fixture).items);
      expect(
        a.items + a.shipping + a.codFee + a.wrapping + a.otherFees - a.couponDiscount - a.pointsUsed,
      ).toBe(amazonFixtureBilled(fixture));
      expect(a.billedTotal).toBe(amazonFixtureBilled(fixture));
      expect(decision.order.alerts).toEqual([]);
      expect(checkShipmentInvariants([decision.order])).toEqual([]);
    }
  });

  it('converts UTC to Japan time and the scheduled delivery window to a slot', () => {
    const fixture = orders.find((o) => o.requestedDate !== undefined && o.timeSlot === '14時～16時')!;
    const read = readAmazonOrders([amazonOrder(fixture)], [amazonOrderItems(fixture)], {
      shopId: 'amazon-jp',
    });
    const draft = read.drafts[0]!;
    expect(draft.orderedAt).toBe(fixture.orderedAt);
    expect(draft.shipments[0]?.requestedDate).toBe(fixture.requestedDate);
    expect(draft.shipments[0]?.timeSlot).toBe('14-16');
    expect(draft.paymentMethod).toBe(
      { card: 'creditCard', cod: 'cod', bank: 'convenienceStore' }[fixture.payment],
    );
  });

  it('rejects an order without items and one with a bad amount, with their paths', () => {
    const bad = amazonOrderItems(orders[1]!) as { payload: { OrderItems: Record<string, unknown>[] } };
    bad.payload.OrderItems[0]!.ItemPrice = { CurrencyCode: 'JPY', Amount: '12,3a' };
    const read = readAmazonOrders(getOrders(), [bad, amazonOrderItems(orders[2]!)], { shopId: 'amazon-jp' });
    expect(read.counts).toEqual({ records: 20, accepted: 1, rejected: 19, orders: 1 });
    const badRecord = read.rejected.find((r) => r.mallOrderNumber === amazonOrderId(orders[1]!))!;
    expect(badRecord.path).toBe('payload.Orders[1]');
    expect(badRecord.issues.find((issue) => issue.severity === 'error')?.path).toEqual([
      'OrderItems',
      amazonOrderId(orders[1]!),
      0,
      'ItemPrice',
      'Amount',
    ]);
  });
});

describe('Amazon order report TSV', () => {
  it('reads the report by header, GMT dates to Japan time, same amounts as the API', () => {
    const tsv = amazonOrderReportTsv(orders);
    const read = readOrderCsv(tsv, amazonOrderReportFormat({ shopId: 'amazon-jp' }));
    expect(read.rejected).toEqual([]);
    expect(read.counts.records).toBe(read.counts.accepted);
    expect(read.counts.orders).toBe(20);
    const api = readAmazonOrders(getOrders(), orders.map(amazonOrderItems), { shopId: 'amazon-jp' });
    for (const [i, draft] of read.drafts.entries()) {
      expect(draft.orderedAt).toBe(orders[i]!.orderedAt);
      expect(draft.amounts).toEqual(api.drafts[i]!.amounts);
      expect(draft.lines.map((l) => [l.unitPrice, l.quantity])).toEqual(
        api.drafts[i]!.lines.map((l) => [l.unitPrice, l.quantity]),
      );
    }
  });

  it('holds orders of the Unshipped Orders report, which has no prices', () => {
    const read = readOrderCsv(
      amazonOrderReportTsv(orders.slice(0, 2), { withPrices: false }),
      amazonOrderReportFormat({ shopId: 'amazon-jp' }),
    );
    expect(read.drafts[0]?.undecided).toEqual(['items']);
    const plan = planImport(read.drafts, () => undefined, ctx());
    expect(plan.decisions[0]?.order.axes.holds[0]?.code).toBe('malls.amount_undecided');
  });

  it('reports a corrupted row with its line; re-import creates nothing', () => {
    const lines = amazonOrderReportTsv(orders.slice(0, 4)).split('\r\n');
    lines[2] = lines[2]!.replace(/\t\d+\t(\d+\t)/, '\tx\t$1');
    const read = readOrderCsv(lines.join('\r\n'), amazonOrderReportFormat({ shopId: 'amazon-jp' }));
    expect(read.counts.records).toBe(read.counts.accepted + read.counts.rejected);
    expect(read.rejected.some((r) => r.line === 3 && r.issues.some((issue) => issue.line === 3))).toBe(true);
    const c = ctx();
    const first = planImport(read.drafts, () => undefined, c);
    const stored = new Map(first.changes.map(({ order }) => [mallKeyString(order), order]));
    const again = planImport(
      readOrderCsv(lines.join('\r\n'), amazonOrderReportFormat({ shopId: 'amazon-jp' })).drafts,
      (key) => stored.get(mallKeyString(key)),
      c,
    );
    expect(again.changes).toEqual([]);
  });
});
