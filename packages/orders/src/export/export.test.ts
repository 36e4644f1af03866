import { decodeText, readCsv } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { bundle } from '../bundle/bundle';
import type { Order } from '../model/order';
import { generateOrders } from '../testing/generator';
import { ExportTemplate, exportCsv, exportTable } from './export';

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

  it('marks acknowledged alerts 確認済み in the alert column', () => {
    const [order] = generateOrders({ seed: 5, count: 1 });
    const alerted: Order = {
      ...order!,
      alerts: [
        { code: 'orders.blacklist.hit', severity: 'error', message: 'ブラックリスト一致' },
        {
          code: 'carrier.remote_island',
          severity: 'warning',
          message: '離島です',
          acknowledged: { by: 'staff-1', at: '2026-11-28T10:00:00.000+09:00' },
        },
      ],
    };
    const table = exportTable([alerted], {
      name: 'アラート',
      rowPer: 'order',
      columns: [{ field: 'alerts' }],
    });
    expect(table.rows).toEqual([['ブラックリスト一致 / 離島です（確認済み）']]);
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

describe('exportCsv', () => {
  function ordersWithOddNames(): Order[] {
    const [first, second, third] = generateOrders({ seed: 12, count: 3, giftRate: 0 });
    const rename = (order: Order, name: string, options?: string): Order => ({
      ...order,
      lines: order.lines.map((line, index) =>
        index === 0 && options !== undefined ? { ...line, options } : line,
      ),
      shipments: order.shipments.map((shipment) => ({
        ...shipment,
        destination: { ...shipment.destination, name },
      })),
    });
    return [rename(first!, '𠮷田 花子'), rename(second!, '=HYPERLINK("x")'), rename(third!, '佐藤 健太😀')];
  }

  const template: ExportTemplate = {
    name: '出荷リスト',
    rowPer: 'shipment',
    columns: [
      { field: 'slipNumber' },
      { field: 'destinationName', header: '送り先' },
      { field: 'codAmount' },
    ],
  };

  function readBack(bytes: Uint8Array): string[][] {
    const read = readCsv(bytes, {
      columns: [
        { key: 'slip', header: '伝票番号', required: true },
        { key: 'name', header: '送り先', required: true },
        { key: 'cod', header: '代引金額', required: true },
      ],
    });
    expect(read.rejected).toEqual([]);
    return read.records.map((record) => [record.values.slip, record.values.name, record.values.cod]);
  }

  it('writes CP932 by default, with the formula guard on, and reports every character CP932 cannot hold', () => {
    const orders = ordersWithOddNames();
    const result = exportCsv(orders, template);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const decoded = decodeText(result.value.bytes);
    expect(decoded.encoding).toBe('cp932');
    expect(decoded.bom).toBe(false);
    expect(decoded.text).toBe(result.value.text);
    expect(decoded.text.split('\r\n')[0]).toBe('伝票番号,送り先,代引金額');
    expect(readBack(result.value.bytes)).toEqual([
      [orders[0]!.shipments[0]!.slipNumber, '吉田 花子', String(orders[0]!.shipments[0]!.codAmount)],
      [orders[1]!.shipments[0]!.slipNumber, `'=HYPERLINK("x")`, String(orders[1]!.shipments[0]!.codAmount)],
      [orders[2]!.shipments[0]!.slipNumber, '佐藤 健太〓', String(orders[2]!.shipments[0]!.codAmount)],
    ]);
    expect(result.value.rowCount).toBe(3);
    expect(
      result.issues.map((issue) => [
        issue.code,
        issue.line,
        issue.path,
        issue.data?.char,
        issue.data?.mallOrderNumber,
        issue.data?.slipNumber,
        issue.data?.header,
      ]),
    ).toEqual([
      [
        'cp932.substituted',
        2,
        ['rows', 0, 'destinationName'],
        '𠮷',
        orders[0]!.mallOrderNumber,
        orders[0]!.shipments[0]!.slipNumber,
        '送り先',
      ],
      [
        'cp932.unencodable',
        4,
        ['rows', 2, 'destinationName'],
        '😀',
        orders[2]!.mallOrderNumber,
        orders[2]!.shipments[0]!.slipNumber,
        '送り先',
      ],
    ]);
    expect(result.issues[1]?.message).toContain(`受注${orders[2]!.mallOrderNumber}`);
    expect(result.issues[1]?.message).toContain('「送り先」');
  });

  it('writes UTF-8 with BOM, keeping every character, and can turn the guard off for programs', () => {
    const orders = ordersWithOddNames();
    const result = exportCsv(orders, { ...template, encoding: 'utf-8-bom', formulaGuard: false });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect([...result.value.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = decodeText(result.value.bytes);
    expect(decoded).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(readBack(result.value.bytes).map((row) => row[1])).toEqual([
      '𠮷田 花子',
      '=HYPERLINK("x")',
      '佐藤 健太😀',
    ]);
    expect(result.issues).toEqual([]);
  });

  it('cuts a value to the column byte limit at a character boundary and reports it', () => {
    const orders = ordersWithOddNames().slice(0, 1);
    const limited: ExportTemplate = {
      ...template,
      columns: [{ field: 'slipNumber' }, { field: 'destinationName', header: '送り先', maxBytes: 7 }],
    };
    const result = exportCsv(orders, limited);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    // 𠮷 → 吉 (2 bytes), 田 (2), space (1), 花 (2) = 7 bytes; 子 would make 9.
    expect(decodeText(result.value.bytes).text.split('\r\n')[1]).toBe(
      `${orders[0]!.shipments[0]!.slipNumber},吉田 花`,
    );
    const truncated = result.issues.find((issue) => issue.code === 'orders.export.truncated');
    expect(truncated).toMatchObject({
      severity: 'warning',
      line: 2,
      path: ['rows', 0, 'destinationName'],
      data: {
        mallOrderNumber: orders[0]!.mallOrderNumber,
        header: '送り先',
        maxBytes: 7,
        written: '𠮷田 花',
      },
    });
    expect(result.issues.map((issue) => issue.code).sort()).toEqual([
      'cp932.substituted',
      'orders.export.truncated',
    ]);
    const utf8 = exportCsv(orders, { ...limited, encoding: 'utf-8-bom' });
    if (!utf8.ok) throw new Error('utf-8 export failed');
    // UTF-8: 𠮷 is 4 bytes, 田 3 → 7.
    expect(utf8.value.text.split('\r\n')[1]).toBe(`${orders[0]!.shipments[0]!.slipNumber},𠮷田`);
  });

  it('fails with every unencodable character when the caller asks CP932 to be strict', () => {
    const result = exportCsv(ordersWithOddNames(), template, { cp932: { onUnencodable: 'fail' } });
    expect(result.ok).toBe(false);
    expect(result.issues.filter((issue) => issue.code === 'cp932.unencodable')).toMatchObject([
      { severity: 'error', path: ['rows', 2, 'destinationName'], data: { char: '😀' } },
    ]);
  });

  it('reports a renamed header that CP932 cannot hold as a header issue', () => {
    const orders = generateOrders({ seed: 5, count: 2 });
    const result = exportCsv(orders, {
      name: '絵文字見出し',
      rowPer: 'order',
      columns: [{ field: 'mallOrderNumber' }, { field: 'ordererName', header: '🎁注文者' }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(decodeText(result.value.bytes).text.split('\r\n')[0]).toBe('受注番号,〓注文者');
    expect(result.issues).toMatchObject([
      { code: 'cp932.unencodable', line: 1, path: ['header', 1], data: { char: '🎁', field: 'ordererName' } },
    ]);
    expect(result.issues[0]?.message).toMatch(/^見出しの「🎁注文者」: /);
  });

  it('writes one row per line with the line’s own mall order', () => {
    const orders = generateOrders({ seed: 5, count: 10 });
    const result = exportCsv(orders, {
      name: '明細',
      rowPer: 'line',
      columns: [{ field: 'mallOrderNumber' }, { field: 'sku' }, { field: 'quantity', header: '個数' }],
      encoding: 'utf-8-bom',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const lines = orders.flatMap((order) => order.shipments.flatMap((shipment) => shipment.lines));
    expect(result.value.rowCount).toBe(lines.length);
    const read = readCsv(result.value.bytes, {
      columns: [
        { key: 'order', header: '受注番号' },
        { key: 'quantity', header: '個数' },
      ],
    });
    expect(read.records.map((record) => Number(record.values.quantity))).toEqual(
      lines.map((line) => line.quantity),
    );
  });
});
