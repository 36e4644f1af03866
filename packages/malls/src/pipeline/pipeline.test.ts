import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { createInMemoryOrderRepository } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { createSkuMapper } from '../mapping/sku';
import { rakutenOrderCsvFormat } from '../rakuten/csv';
import { readRakutenGetOrder } from '../rakuten/json';
import { fixtureOrder } from '../testing/fixture';
import { rakutenGetOrderResponse, rakutenOrderCsv, rakutenOrderModel } from '../testing/rakuten';
import { readOrderCsv, readOrderCsvStream } from './csv-orders';
import { importOrders, planImport } from './reconcile';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });
const fixtures = Array.from({ length: 30 }, (_, i) => fixtureOrder(i));

async function* chunks(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('streaming import', () => {
  it('gives the same drafts and counts as the whole-file read, in small chunks', async () => {
    const bytes = rakutenOrderCsv(fixtures);
    const format = rakutenOrderCsvFormat({ shopId: 'shop' });
    const whole = readOrderCsv(bytes, format);
    const stream = readOrderCsvStream(chunks(bytes, 997), format);
    const drafts = [];
    for await (const batch of stream) drafts.push(...batch.drafts);
    expect(stream.summary().counts).toEqual(whole.counts);
    expect(drafts).toEqual(whole.drafts);
  });

  it('rejects rows of an order that reappear apart from it, with their lines', async () => {
    const text = new TextDecoder().decode(rakutenOrderCsv(fixtures.slice(0, 3), { encoding: 'utf-8' }));
    const lines = text.trimEnd().split('\r\n');
    const moved = [lines[0]!, ...lines.slice(1), lines[1]!].join('\r\n');
    const stream = readOrderCsvStream(
      chunks(new TextEncoder().encode(moved), 4096),
      rakutenOrderCsvFormat({ shopId: 'shop' }),
    );
    const rejected = [];
    for await (const batch of stream) rejected.push(...batch.rejected);
    const { counts } = stream.summary();
    expect(counts.records).toBe(lines.length);
    expect(counts.records).toBe(counts.accepted + counts.rejected);
    expect(rejected).toEqual([
      expect.objectContaining({
        line: lines.length + 1,
        issues: [expect.objectContaining({ code: 'malls.order_rows_apart' })],
      }),
    ]);
  });
});

describe('importOrders with a repository', () => {
  it('saves new orders once; the same response again saves nothing', async () => {
    const repository = createInMemoryOrderRepository();
    const drafts = readRakutenGetOrder(
      rakutenGetOrderResponse(fixtures.slice(0, 4).map((f) => rakutenOrderModel(f))),
      { shopId: 'shop' },
    ).drafts;
    const c = ctx();
    const first = await importOrders(repository, drafts, c);
    expect(first.ok && first.value.counts.created).toBe(4);
    const again = await importOrders(repository, drafts, c);
    expect(again.ok && again.value.counts).toEqual({ created: 0, updated: 0, unchanged: 4, alerted: 0 });
  });

  it('maps master SKUs and 温度帯, and warns about unmapped lines', () => {
    const fixture = fixtures[0]!;
    const item = fixture.destinations[0]!.items[0]!;
    const mapSku = createSkuMapper({
      listings: [
        {
          id: 'l',
          channel: 'rakuten',
          shopId: 'shop',
          itemCode: item.itemCode,
          skuCode: item.sku,
          sku: 'MASTER-1',
          multiplier: 1,
        },
      ],
      products: [{ sku: 'MASTER-1', name: item.name, temperatureZone: 'chilled' }],
    });
    const drafts = readRakutenGetOrder(rakutenGetOrderResponse([rakutenOrderModel(fixture)]), {
      shopId: 'shop',
    }).drafts;
    const plan = planImport(drafts, () => undefined, { ...ctx(), mapSku });
    const order = plan.decisions[0]!.order;
    expect(order.lines[0]?.masterSku).toBe('MASTER-1');
    expect(order.lines[0]?.temperature).toBe('chilled');
    expect(order.shipments[0]?.temperature).toBe('chilled');
    const unmapped = order.lines.length - order.lines.filter((line) => line.masterSku !== undefined).length;
    expect(plan.issues.filter((issue) => issue.code === 'malls.sku_unmapped')).toHaveLength(unmapped);
  });
});
