import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { mallKeyString, type Order } from '@hakobu/orders';
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
import { expectAmountsAccounted, expectReimportIsNoop } from '../testing/import-checks';
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
      expect(decision.order.amounts.items).toBe(fixtureTotals(fixture).items);
      expectAmountsAccounted(decision.order, amazonFixtureBilled(fixture));
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
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, draft] of read.drafts.entries()) {
      expectAmountsAccounted(plan.decisions[i]!.order, amazonFixtureBilled(orders[i]!));
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
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: first.counts.created, alerted: 0 });
  });

  it('reports a corrupted amount column with its line and name, not as a silent 0', () => {
    const lines = amazonOrderReportTsv(orders.slice(0, 3)).trimEnd().split('\r\n');
    const header = lines[0]!.split('\t');
    const cells = lines[1]!.split('\t');
    cells[header.indexOf('already-paid')] = '4,730円';
    lines[1] = cells.join('\t');
    const read = readOrderCsv(lines.join('\r\n'), amazonOrderReportFormat({ shopId: 'amazon-jp' }));
    expect(read.counts.records).toBe(read.counts.accepted + read.counts.rejected);
    expect(read.drafts.map((d) => d.mallOrderNumber)).not.toContain(amazonOrderId(orders[0]!));
    const own = read.rejected.find((r) => r.line === 2);
    expect(own?.issues[0]).toMatchObject({ code: 'malls.invalid_field', line: 2 });
    expect(own?.issues[0]?.message).toContain('「already-paid」が整数ではありません');
  });

  it('keeps a " in a product name: the report never quotes', () => {
    const lines = amazonOrderReportTsv(orders.slice(0, 3)).trimEnd().split('\r\n');
    const header = lines[0]!.split('\t');
    const named = ['"限定" ギフトセット', '15" モニター保護フィルム'];
    for (const [i, name] of named.entries()) {
      const cells = lines[i + 1]!.split('\t');
      cells[header.indexOf('product-name')] = name;
      lines[i + 1] = cells.join('\t');
    }
    const read = readOrderCsv(lines.join('\r\n'), amazonOrderReportFormat({ shopId: 'amazon-jp' }));
    expect(read.rejected).toEqual([]);
    expect(read.counts.records).toBe(lines.length - 1);
    const names = read.drafts.flatMap((draft) => draft.lines.map((line) => line.name));
    for (const name of named) expect(names).toContain(name);
  });

  it('rejects every row with a reason when the shop statuses leave out the report status', () => {
    const read = readOrderCsv(
      amazonOrderReportTsv(orders.slice(0, 1)),
      amazonOrderReportFormat({ shopId: 'amazon-jp', statuses: { Shipped: 'shipped' } }),
    );
    expect(read.drafts).toEqual([]);
    expect(read.rejected[0]?.issues[0]?.message).toContain('Unshipped');
  });
});

describe('Amazon re-import and changes', () => {
  const api = (models = orders.map(amazonOrder)) =>
    readAmazonOrders({ payload: { Orders: models } }, orders.map(amazonOrderItems), {
      shopId: 'amazon-jp',
    }).drafts;
  const report = () =>
    readOrderCsv(amazonOrderReportTsv(orders), amazonOrderReportFormat({ shopId: 'amazon-jp' })).drafts;

  for (const [name, read] of [
    ['SP-API responses', () => api()],
    ['order report', report],
  ] as const) {
    it(`importing the same ${name} twice creates nothing and records no event`, () =>
      expectReimportIsNoop(read, ctx(), orders.length));
  }

  it('updates a changed address while unshipped, alerts once shipped, cancels on Canceled', () => {
    const c = ctx();
    const one = (change: (model: Record<string, unknown>) => void) => {
      const model = amazonOrder(orders[3]!);
      change(model);
      return readAmazonOrders([model], [amazonOrderItems(orders[3]!)], { shopId: 'amazon-jp' }).drafts;
    };
    const stored = planImport(
      one(() => undefined),
      () => undefined,
      c,
    ).changes[0]!.order;
    const moved = (model: Record<string, unknown>) => {
      (model.ShippingAddress as Record<string, string>).AddressLine1 = '芝公園4-2-8';
    };
    const second = planImport(one(moved), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(updated.history.at(-1)?.details.changedFields).toEqual(['orderer.address1', 'shipments']);
    expect(updated.shipments[0]?.destination.address1).toContain('芝公園4-2-8');

    const shipped: Order = { ...updated, status: 'shipped' };
    const phone = (model: Record<string, unknown>) => {
      moved(model);
      (model.ShippingAddress as Record<string, string>).Phone = '0312345678';
    };
    const third = planImport(one(phone), () => shipped, c);
    expect(third.counts.alerted).toBe(1);
    expect(third.changes[0]!.order.shipments).toEqual(shipped.shipments);
    expect(third.changes[0]!.order.alerts.at(-1)?.code).toBe('malls.changed_after_shipment');

    const cancelled = planImport(
      one((model) => {
        moved(model);
        model.OrderStatus = 'Canceled';
      }),
      () => updated,
      c,
    );
    expect(cancelled.counts.updated).toBe(1);
    expect(cancelled.changes[0]!.order.status).toBe('cancelled');
    expect(cancelled.changes[0]!.order.history.at(-1)?.details.changedFields).toEqual(['mallStatus']);
  });
});
