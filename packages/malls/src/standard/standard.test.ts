import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import {
  addDestination,
  checkShipmentInvariants,
  keepOnOriginalPolicy,
  type Order,
  orderContent,
} from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import { readRakutenGetOrder } from '../rakuten/json';
import { fixtureOrder } from '../testing/fixture';
import { expectAmountsAccounted, expectReimportIsNoop } from '../testing/import-checks';
import { rakutenGetOrderResponse, rakutenOrderModel } from '../testing/rakuten';
import { standardOrderCsvFormat, writeStandardOrderCsv } from './standard';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });

describe('hakobu standard CSV', () => {
  const fixtures = Array.from({ length: 14 }, (_, i) => fixtureOrder(i));
  const source = planImport(
    readRakutenGetOrder(rakutenGetOrderResponse(fixtures.map((f) => rakutenOrderModel(f))), {
      shopId: 'shop',
    }).drafts,
    () => undefined,
    ctx(),
  );
  const orders = source.decisions.map((d) => d.order);

  for (const encoding of ['cp932', 'utf-8'] as const) {
    it(`writes and reads back the same lines, destinations and amounts (${encoding})`, () => {
      const written = writeStandardOrderCsv(orders, { encoding });
      expect(written.ok).toBe(true);
      if (!written.ok) return;
      const read = readOrderCsv(
        written.value.bytes,
        standardOrderCsvFormat({ shopId: 'shop', channel: 'rakuten' }),
      );
      expect(read.rejected).toEqual([]);
      const back = planImport(read.drafts, () => undefined, ctx()).decisions.map((d) => d.order);
      expect(back).toHaveLength(orders.length);
      for (const [i, order] of back.entries()) {
        const original = orders[i]!;
        expectAmountsAccounted(order, original.amounts.billedTotal);
        expect(order.amounts).toEqual(original.amounts);
        expect(order.lines.map(({ id: _id, ...line }) => line)).toEqual(
          original.lines.map(({ id: _id, ...line }) => line),
        );
        expect(order.shipments.map((s) => [s.destination, s.requestedDate, s.timeSlot, s.codAmount])).toEqual(
          original.shipments.map((s) => [s.destination, s.requestedDate, s.timeSlot, s.codAmount]),
        );
        expect(orderContent(order).payment.method).toBe(original.payment.method);
      }
    });
  }

  it('rejects a row with a bad quantity and names line and column', () => {
    const written = writeStandardOrderCsv(orders.slice(0, 2), { encoding: 'utf-8' });
    if (!written.ok) throw new Error('write failed');
    const lines = written.value.text.split('\r\n');
    const cells = lines[1]!.split(',');
    const quantityColumn = lines[0]!.split(',').indexOf('数量');
    cells[quantityColumn] = '0';
    lines[1] = cells.join(',');
    const read = readOrderCsv(lines.join('\r\n'), standardOrderCsvFormat({ shopId: 'shop' }));
    expect(read.rejected.find((r) => r.line === 2)?.issues[0]?.message).toContain('「数量」');
    expect(read.counts.records).toBe(read.counts.accepted + read.counts.rejected);
  });

  it('reads back an order the shop split over two destinations, one line in both', () => {
    const c = { ...ctx(), actor: 'staff:1' };
    const original = orders.find((o) => o.shipments.length === 1 && o.lines.some((l) => l.quantity > 1))!;
    const line = original.lines.find((l) => l.quantity > 1)!;
    const split = addDestination(
      original,
      { destination: { ...original.orderer, name: '山田 祖母', address2: '別棟' } },
      [{ fromShipmentId: original.shipments[0]!.id, lineId: line.id, quantity: 1 }],
      keepOnOriginalPolicy,
      c,
    );
    if (!split.ok) throw new Error('split failed');
    const written = writeStandardOrderCsv([split.value.order], { encoding: 'utf-8' });
    if (!written.ok) throw new Error('write failed');
    const read = readOrderCsv(
      written.value.bytes,
      standardOrderCsvFormat({ shopId: 'shop', channel: 'rakuten' }),
    );
    expect(read.rejected).toEqual([]);
    const back = planImport(read.drafts, () => undefined, ctx()).decisions[0]!.order;
    expect(checkShipmentInvariants([back])).toEqual([]);
    expect(back.lines.map(({ id: _id, ...l }) => l)).toEqual(original.lines.map(({ id: _id, ...l }) => l));
    expect(back.shipments.map((s) => [s.destination.name, s.lines.map((ref) => ref.quantity)])).toEqual(
      split.value.order.shipments.map((s) => [s.destination.name, s.lines.map((ref) => ref.quantity)]),
    );
    expect(back.amounts).toEqual(original.amounts);
  });

  it('rejects a repeated 明細番号 that names another item, with its line', () => {
    const written = writeStandardOrderCsv(orders.slice(0, 1), { encoding: 'utf-8' });
    if (!written.ok) throw new Error('write failed');
    const rows = written.value.text.trimEnd().split('\r\n');
    const header = rows[0]!.split(',');
    const cells = rows[1]!.split(',');
    cells[header.indexOf('商品コード')] = 'OTHER-ITEM';
    const text = [...rows, cells.join(',')].join('\r\n');
    const read = readOrderCsv(text, standardOrderCsvFormat({ shopId: 'shop' }));
    expect(read.drafts).toEqual([]);
    const own = read.rejected.find((r) => r.line === rows.length + 1);
    expect(own?.issues[0]?.message).toContain('「明細番号」');
  });

  it('importing the same file twice creates nothing and records no event', async () => {
    const written = writeStandardOrderCsv(orders, { encoding: 'cp932' });
    if (!written.ok) throw new Error('write failed');
    await expectReimportIsNoop(
      () => readOrderCsv(written.value.bytes, standardOrderCsvFormat({ shopId: 'cart' })).drafts,
      ctx(),
      orders.length,
    );
  });

  it('updates a changed unshipped order with the changed fields, alerts once it has shipped', () => {
    const c = ctx();
    const text = (order: Order) => {
      const written = writeStandardOrderCsv([order], { encoding: 'utf-8' });
      if (!written.ok) throw new Error('write failed');
      return written.value.text;
    };
    const read = (csv: string) => readOrderCsv(csv, standardOrderCsvFormat({ shopId: 'cart' })).drafts;
    const source = orders[4]!;
    const stored = planImport(read(text(source)), () => undefined, c).changes[0]!.order;
    const noted = text({ ...source, notes: { customer: '午後に在宅しています' } });
    const second = planImport(read(noted), () => stored, c);
    expect(second.counts.updated).toBe(1);
    const updated = second.changes[0]!.order;
    expect(updated.history.at(-1)?.details.changedFields).toEqual(['customerNote']);
    expect(updated.notes.customer).toBe('午後に在宅しています');

    const shipped: Order = { ...updated, status: 'shipped' };
    const costlier = text({
      ...source,
      notes: { customer: '午後に在宅しています' },
      amounts: {
        ...source.amounts,
        shipping: source.amounts.shipping + 220,
        billedTotal: source.amounts.billedTotal + 220,
      },
    });
    const third = planImport(read(costlier), () => shipped, c);
    expect(third.counts.alerted).toBe(1);
    expect(third.changes[0]!.order.amounts).toEqual(shipped.amounts);
    expect(third.changes[0]!.order.alerts.at(-1)).toMatchObject({
      code: 'malls.changed_after_shipment',
      data: { changedFields: ['amounts.billedTotal', 'amounts.shipping'] },
    });
  });
});
