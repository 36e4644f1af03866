import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { orderContent } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readOrderCsv } from '../pipeline/csv-orders';
import { planImport } from '../pipeline/reconcile';
import { readRakutenGetOrder } from '../rakuten/json';
import { fixtureOrder } from '../testing/fixture';
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
      for (const [i, order] of back.entries()) {
        const original = orders[i]!;
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
});
