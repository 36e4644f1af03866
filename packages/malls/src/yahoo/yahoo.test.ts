import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { checkShipmentInvariants } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import { yahooOrderCsv, yahooOrderId, yahooOrderInfo } from '../testing/amazon-yahoo';
import { fixtureOrder, fixtureTotals } from '../testing/fixture';
import { yahooStatus } from './order';
import { readYahooOrderInfo, yahooOrderCsvFormat } from './read';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 18 }, (_, i) => fixtureOrder(i)).filter(
  (o) => o.destinations.length === 1,
);

describe('readYahooOrderInfo', () => {
  it('round-trips every order with every amount accounted for', () => {
    const parsed = { ResultSet: { Result: orders.map((order) => ({ OrderInfo: yahooOrderInfo(order) })) } };
    const read = readYahooOrderInfo(parsed, { shopId: 'teststore' });
    expect(read.rejected).toEqual([]);
    expect(read.counts.accepted).toBe(orders.length);
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries()) {
      const totals = fixtureTotals(orders[i]!);
      const a = decision.order.amounts;
      expect(
        a.items + a.shipping + a.codFee + a.wrapping + a.otherFees - a.couponDiscount - a.pointsUsed,
      ).toBe(totals.billed);
      expect(decision.order.alerts).toEqual([]);
      expect(checkShipmentInvariants([decision.order])).toEqual([]);
    }
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
});
