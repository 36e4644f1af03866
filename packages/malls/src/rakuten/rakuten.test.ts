import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { checkShipmentInvariants, mallKeyString, type Order } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { type CsvOrderRaw, readOrderCsv } from '../pipeline/csv-orders';
import type { MallOrderDraft } from '../pipeline/draft';
import { planImport } from '../pipeline/reconcile';
import { fixtureOrder, fixtureTotals } from '../testing/fixture';
import { expectAmountsAccounted, expectReimportIsNoop } from '../testing/import-checks';
import {
  rakutenGetOrderResponse,
  rakutenOrderCsv,
  rakutenOrderModel,
  rakutenOrderNumber,
} from '../testing/rakuten';
import { rakutenOrderCsvFormat } from './csv';
import { readRakutenGetOrder } from './json';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const orders = Array.from({ length: 24 }, (_, i) => fixtureOrder(i));

describe('readRakutenGetOrder', () => {
  it('reads every order with every amount accounted for', () => {
    const read = readRakutenGetOrder(
      JSON.stringify(rakutenGetOrderResponse(orders.map((o) => rakutenOrderModel(o)))),
      {
        shopId: 'shop',
      },
    );
    expect(read.rejected).toEqual([]);
    expect(read.counts).toEqual({ records: 24, accepted: 24, rejected: 0, orders: 24 });
    const plan = planImport(read.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries()) {
      const fixture = orders[i]!;
      const totals = fixtureTotals(fixture);
      const { amounts } = decision.order;
      expect(decision.order.mallOrderNumber).toBe(rakutenOrderNumber(fixture));
      expect(amounts.items).toBe(totals.items);
      expect(amounts.shipping).toBe(totals.shipping);
      expectAmountsAccounted(decision.order, totals.billed);
      expect(decision.order.shipments).toHaveLength(fixture.destinations.length);
      expect(decision.order.history[0]?.details.raw).toEqual(rakutenOrderModel(fixture));
    }
  });

  it('maps payment, time slot, SKU candidates, noshi, wrapping and the basket id', () => {
    const read = readRakutenGetOrder(
      rakutenGetOrderResponse([rakutenOrderModel(orders[0]!), rakutenOrderModel(orders[1]!)]),
      { shopId: 'shop' },
    );
    const [first, second] = read.drafts;
    expect(first?.paymentMethod).toBe('creditCard');
    expect(first?.paymentStatus).toBe('authorized');
    expect(second?.paymentMethod).toBe('cod');
    expect(second?.amounts.codFee).toBe(330);
    expect(first?.shipments[0]?.timeSlot).toBe('none');
    expect(second?.shipments[0]?.timeSlot).toBe('am');
    expect(first?.lines[0]?.skuCandidates[0]).toBe(orders[0]!.destinations[0]!.items[0]!.sku);
    expect(first?.lines[0]?.noshi).toBe('御歳暮');
    expect(first?.lines[0]?.wrapping).toBe('包装紙:シンプル包装');
    expect(first?.shipments[0]?.mallShipmentId).toBe(orders[0]!.destinations[0]!.id);
    expect(first?.orderer.postalCode).toMatch(/^\d{3}-\d{4}$/);
    expect(first?.orderer.phone).toBe(orders[0]!.orderer.phone.join('-'));
  });

  it('reads -9999 as undecided: no price, a hold on the order', () => {
    const read = readRakutenGetOrder(
      rakutenGetOrderResponse([rakutenOrderModel(orders[2]!, { undecidedPostage: true })]),
      { shopId: 'shop' },
    );
    const draft = read.drafts[0]!;
    expect(draft.amounts.shipping).toBe(0);
    expect(draft.amounts.billedTotal).toBeNull();
    expect(draft.undecided).toEqual(['shipping', 'billedTotal']);
    const order = planImport(read.drafts, () => undefined, ctx()).decisions[0]!.order;
    expect(order.axes.holds.map((hold) => hold.code)).toEqual(['malls.amount_undecided']);
    expect(order.amounts.billedTotal).toBeGreaterThan(0);
  });

  it('rejects a broken record with its JSON path and keeps the others', () => {
    const broken = rakutenOrderModel(orders[4]!);
    (broken.PackageModelList[0]!.ItemModelList as Record<string, unknown>[])[0]!.units = 'two';
    const read = readRakutenGetOrder(rakutenGetOrderResponse([rakutenOrderModel(orders[3]!), broken]), {
      shopId: 'shop',
    });
    expect(read.counts).toEqual({ records: 2, accepted: 1, rejected: 1, orders: 1 });
    expect(read.rejected[0]?.path).toBe('OrderModelList[1]');
    const error = read.rejected[0]?.issues.find((issue) => issue.severity === 'error');
    expect(error?.path).toEqual(['OrderModelList', 1, 'PackageModelList', 0, 'ItemModelList', 0, 'units']);
    expect(error?.message).toContain('units');
  });

  it('reports Rakuten error messages and malformed JSON as issues', () => {
    expect(readRakutenGetOrder('{not json', { shopId: 'shop' }).issues[0]?.code).toBe(
      'malls.rakuten.invalid_json',
    );
    const read = readRakutenGetOrder(
      {
        MessageModelList: [
          {
            messageType: 'ERROR',
            messageCode: 'ORDER_EXT_API_GET_ORDER_ERROR_001',
            message: '注文番号が不正です',
            orderNumber: 'x',
          },
        ],
      },
      { shopId: 'shop' },
    );
    expect(read.issues[0]?.code).toBe('malls.rakuten.message');
    expect(read.counts.records).toBe(0);
  });
});

describe('rakuten order CSV', () => {
  it('reads the CP932 file by header name into the same drafts as the API', () => {
    const bytes = rakutenOrderCsv(orders);
    const csv = readOrderCsv(bytes, rakutenOrderCsvFormat({ shopId: 'shop' }));
    const api = readRakutenGetOrder(rakutenGetOrderResponse(orders.map((o) => rakutenOrderModel(o))), {
      shopId: 'shop',
    });
    const rows = orders.reduce((sum, o) => sum + o.destinations.reduce((s, d) => s + d.items.length, 0), 0);
    expect(csv.counts).toEqual({ records: rows, accepted: rows, rejected: 0, orders: 24 });
    const strip = (draft: (typeof csv.drafts)[number]) => ({ ...draft, raw: undefined, source: undefined });
    expect(csv.drafts.map(strip)).toEqual(api.drafts.map(strip));
    expect(csv.drafts[0]?.raw).toMatchObject({ format: 'rakuten.order-csv' });
    const plan = planImport(csv.drafts, () => undefined, ctx());
    for (const [i, decision] of plan.decisions.entries())
      expectAmountsAccounted(decision.order, fixtureTotals(orders[i]!).billed);
  });

  it("keeps each order's rows as their text in the file, with the header, as its raw record", () => {
    // A comment with a quoted line break: the row's text spans two lines of the file.
    const text = new TextDecoder()
      .decode(rakutenOrderCsv(orders.slice(0, 2), { encoding: 'utf-8' }))
      .replaceAll('不在時は宅配ボックスへお願いします', '"不在時は\r\n宅配ボックスへ"');
    const [header = '', ...rows] = text.split(/\r\n(?!宅配)/u).filter((line) => line !== '');
    const read = readOrderCsv(text, rakutenOrderCsvFormat({ shopId: 'shop' }));
    expect(read.drafts.flatMap((draft) => (draft.raw as CsvOrderRaw).rows)).toEqual(rows);
    expect(read.drafts[0]?.raw).toEqual({
      format: 'rakuten.order-csv',
      header: header.split(','),
      rows: rows.slice(0, read.drafts[0]?.source.lines?.length),
    });
    expect(read.drafts.map((draft) => draft.customerNote)).toContain('不在時は\r\n宅配ボックスへ');
  });

  it('groups the rows of an order wherever they are in the file, reading it again from their text', () => {
    const text = new TextDecoder()
      .decode(rakutenOrderCsv(orders.slice(0, 6), { encoding: 'utf-8' }))
      .replaceAll('不在時は宅配ボックスへお願いします', '"不在時は\r\n宅配ボックスへ"');
    const adjacent = readOrderCsv(text, rakutenOrderCsvFormat({ shopId: 'shop' }));
    const several = adjacent.drafts.find(
      (draft) => (draft.source.lines?.length ?? 0) > 1 && draft.customerNote !== undefined,
    );
    expect(several).toBeDefined();
    // Move the first row of a multi-row order, whose comment spans two lines, to the end of the file.
    const rowsOf = (draft: MallOrderDraft) => (draft.raw as CsvOrderRaw).rows;
    const [first = '', ...rest] = rowsOf(several as MallOrderDraft);
    const shuffled = [
      text.slice(0, text.indexOf('\r\n')),
      ...adjacent.drafts.flatMap((draft) => (draft === several ? rest : rowsOf(draft))),
      first,
    ].join('\r\n');
    const read = readOrderCsv(shuffled, rakutenOrderCsvFormat({ shopId: 'shop' }));
    expect(read.counts).toEqual(adjacent.counts);
    expect(read.rejected).toEqual([]);
    const again = read.drafts.find((draft) => draft.mallOrderNumber === several?.mallOrderNumber);
    const byLineId = (draft: MallOrderDraft | undefined) =>
      [...(draft?.lines ?? [])].sort((a, b) => a.mallLineId.localeCompare(b.mallLineId));
    expect(byLineId(again)).toEqual(byLineId(several));
    expect(again?.customerNote).toBe('不在時は\r\n宅配ボックスへ');
    expect(rowsOf(again as MallOrderDraft)).toEqual([...rest, first]);
    const lastLine = shuffled.split('\r\n').length - 1;
    expect(again?.source.lines?.at(-1)).toBe(lastLine);
  });

  it('reports a corrupted row with its line and rejects every row of that order', () => {
    const text = new TextDecoder().decode(rakutenOrderCsv(orders.slice(0, 3), { encoding: 'utf-8' }));
    const lines = text.split('\r\n');
    lines[2] = lines[2]!.replace('2026-11-02 01:07:00', '2026-13-45 99:99:00');
    const csv = readOrderCsv(lines.join('\r\n'), rakutenOrderCsvFormat({ shopId: 'shop' }));
    expect(csv.counts.records).toBe(csv.counts.accepted + csv.counts.rejected);
    expect(csv.counts.rejected).toBeGreaterThan(0);
    const own = csv.rejected.find((row) => row.line === 3);
    expect(own?.issues[0]?.code).toBe('malls.invalid_field');
    expect(own?.issues[0]?.message).toContain('注文日時');
    expect(csv.drafts.map((d) => d.mallOrderNumber)).not.toContain(rakutenOrderNumber(orders[1]!));
  });
});

describe('idempotent re-import', () => {
  const read = (models: Record<string, unknown>[]) =>
    readRakutenGetOrder(rakutenGetOrderResponse(models), { shopId: 'shop' }).drafts;

  for (const [name, readAll] of [
    ['getOrder response', () => read(orders.map((o) => rakutenOrderModel(o)))],
    [
      '受注CSV',
      () => readOrderCsv(rakutenOrderCsv(orders), rakutenOrderCsvFormat({ shopId: 'shop' })).drafts,
    ],
  ] as const) {
    it(`importing the same ${name} twice into stored orders creates nothing and records no event`, () =>
      expectReimportIsNoop(readAll, ctx(), orders.length));
  }

  it('updates an order of the 受注CSV once the mall decides the 送料, as from the API', () => {
    const c = ctx();
    const fixture = orders.find((o) => o.destinations.length === 1 && o.destinations[0]!.shipping > 0)!;
    const csv = (undecidedPostage: boolean) =>
      readOrderCsv(
        rakutenOrderCsv([fixture], { undecidedPostage }),
        rakutenOrderCsvFormat({ shopId: 'shop' }),
      ).drafts;
    const stored = planImport(csv(true), () => undefined, c).changes[0]!.order;
    expect(stored.axes.holds.map((hold) => hold.code)).toEqual(['malls.amount_undecided']);
    const second = planImport(csv(false), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(updated.history.at(-1)?.details.changedFields).toEqual([
      'amounts.billedTotal',
      'amounts.shipping',
      'undecided',
    ]);
    expect(updated.axes.holds).toEqual([]);
    expect(planImport(csv(false), () => updated, c).counts.unchanged).toBe(1);
  });

  it('creates nothing on the second import of the same response', () => {
    const c = ctx();
    const first = planImport(read(orders.slice(0, 5).map((o) => rakutenOrderModel(o))), () => undefined, c);
    const stored = new Map(first.changes.map(({ order }) => [mallKeyString(order), order]));
    const second = planImport(
      read(orders.slice(0, 5).map((o) => rakutenOrderModel(o))),
      (key) => stored.get(mallKeyString(key)),
      c,
    );
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 5, alerted: 0 });
    expect(second.changes).toEqual([]);
  });

  it('updates an unshipped order with an event listing the changed fields', () => {
    const c = ctx();
    const fixture = orders.find((o) => o.destinations.length === 1 && o.destinations[0]!.shipping > 0)!;
    const first = planImport(
      read([rakutenOrderModel(fixture, { undecidedPostage: true })]),
      () => undefined,
      c,
    );
    const stored = first.changes[0]!.order;
    const second = planImport(read([rakutenOrderModel(fixture)]), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(second.changes[0]!.expectedVersion).toBe(stored.version);
    expect(updated.version).toBe(stored.version + 1);
    const event = updated.history.at(-1)!;
    expect(event.type).toBe('mall.update');
    expect(event.details.changedFields).toEqual(['amounts.billedTotal', 'amounts.shipping', 'undecided']);
    expect(updated.axes.holds).toEqual([]);
    expect(updated.amounts.shipping).toBe(fixtureTotals(fixture).shipping);
    expect(updated.shipments[0]!.id).toBe(stored.shipments[0]!.id);
    expect(checkShipmentInvariants([updated])).toEqual([]);
  });

  it('alerts instead of overwriting a shipped order, once', () => {
    const c = ctx();
    const first = planImport(read([rakutenOrderModel(orders[5]!)]), () => undefined, c);
    const shipped: Order = { ...first.changes[0]!.order, status: 'shipped' };
    const changed = rakutenOrderModel(orders[5]!);
    (changed.OrdererModel as Record<string, unknown>).city = '港区';
    const second = planImport(read([changed]), () => shipped, c);
    expect(second.counts.alerted).toBe(1);
    const alerted = second.changes[0]!.order;
    expect(alerted.orderer).toEqual(shipped.orderer);
    expect(alerted.alerts.at(-1)?.code).toBe('malls.changed_after_shipment');
    expect(alerted.alerts.at(-1)?.data?.changedFields).toEqual(['orderer.address1']);
    const third = planImport(read([changed]), () => alerted, c);
    expect(third.counts.unchanged).toBe(1);
  });

  it('cancels an unshipped order the mall cancelled', () => {
    const c = ctx();
    const first = planImport(read([rakutenOrderModel(orders[6]!)]), () => undefined, c);
    const second = planImport(
      read([rakutenOrderModel(orders[6]!, { orderProgress: 900 })]),
      () => first.changes[0]!.order,
      c,
    );
    expect(second.changes[0]!.order.status).toBe('cancelled');
    expect(second.changes[0]!.order.history.at(-1)?.details.changedFields).toContain('mallStatus');
  });
});
