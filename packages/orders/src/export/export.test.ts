import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { bundle } from '../bundle/bundle';
import { generateOrders } from '../testing/generator';
import { ExportTemplate, exportTable } from './export';

describe('exportTable', () => {
  const orders = generateOrders({ seed: 5, count: 20 });

  it('chooses, orders and renames columns, one row per order', () => {
    const table = exportTable(orders, {
      name: '受注一覧',
      rowPer: 'order',
      columns: [{ field: 'billedTotal' }, { field: 'mallOrderNumber', header: '注文番号' }],
    });
    expect(table.header).toEqual(['請求金額', '注文番号']);
    expect(table.rows).toHaveLength(20);
    expect(table.rows[0]).toEqual([orders[0]!.amounts.billedTotal, orders[0]!.mallOrderNumber]);
  });

  it('gives one row per line, each with its own mall order after 同梱', () => {
    const card = { method: 'creditCard' as const, status: 'authorized' as const, paidAmount: 0 };
    const [a, b] = generateOrders({ seed: 8, count: 2, mixedTemperatureRate: 0 }).map((o) => {
      const shipment = { ...o.shipments[0]!, temperature: 'ambient' as const };
      delete shipment.requestedDate;
      return { ...o, payment: card, shipments: [shipment] };
    });
    const ctx = { clock: fixedClock('2026-11-28T01:00:00Z'), ids: sequenceIdGenerator(), actor: 's' };
    const result = bundle(a!, [b!], { fees: 'sum' }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const table = exportTable([result.value.parent, ...result.value.children], {
      name: '明細',
      rowPer: 'line',
      columns: [
        { field: 'slipNumber' },
        { field: 'mallOrderNumber' },
        { field: 'sku' },
        { field: 'quantity' },
      ],
    });
    expect(table.rows).toHaveLength(a!.lines.length + b!.lines.length);
    expect(new Set(table.rows.map((row) => row[0]))).toEqual(new Set([a!.shipments[0]!.slipNumber]));
    expect(new Set(table.rows.map((row) => row[1]))).toEqual(
      new Set([a!.mallOrderNumber, b!.mallOrderNumber]),
    );
  });

  it('validates saved templates', () => {
    expect(
      ExportTemplate.safeParse({ name: 'x', rowPer: 'order', columns: [{ field: 'nope' }] }).success,
    ).toBe(false);
  });
});
