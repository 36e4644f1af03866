import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildShipment, SAMPLE_SHIPPER } from '../testing';
import { CLICKPOST_COLUMNS, writeClickPostLabels } from './clickpost';
import { writeYupriLabels, YUPRI_COLUMNS } from './yupri';

const reference = readFileSync(
  new URL('../../../../../shared/reference/carriers.md', import.meta.url),
  'utf8',
);
const decode = (bytes: Uint8Array) => new TextDecoder('shift_jis').decode(bytes);
const rowsOf = (bytes: Uint8Array) =>
  decode(bytes)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
const orders = [
  { id: 'o1', lines: [{ id: 'L1', name: '文庫本 2冊', unitPrice: 1200, quantity: 1, taxRate: 10 as const }] },
];

describe('クリックポスト', () => {
  it('has the 8 published columns', () => {
    const section = reference.slice(reference.indexOf('### 3.2'), reference.indexOf('### 3.3'));
    expect(section).toContain('| 8 | 内容品 |');
    expect(CLICKPOST_COLUMNS.map((c) => c.header)).toEqual([
      'お届け先郵便番号',
      'お届け先氏名',
      'お届け先敬称',
      'お届け先住所1行目',
      'お届け先住所2行目',
      'お届け先住所3行目',
      'お届け先住所4行目',
      '内容品',
    ]);
    expect(CLICKPOST_COLUMNS.map((c) => c.max)).toEqual([7, 40, 4, 40, 40, 40, 40, 30]);
  });

  it('splits 95 shipments into files of at most 40 rows, each with its header', () => {
    const shipments = Array.from({ length: 95 }, (_, i) =>
      buildShipment({ id: `s${i}`, service: 'clickpost' }),
    );
    const batch = writeClickPostLabels(shipments, { orders });
    expect(batch.files.map((f) => f.name)).toEqual(['clickpost-1.csv', 'clickpost-2.csv', 'clickpost-3.csv']);
    expect(batch.files.map((f) => f.rows.length)).toEqual([40, 40, 15]);
    expect(batch.files[2]!.rows[0]).toEqual({ line: 2, shipmentId: 's80', slipNumber: 's80-1', key: 's80' });
    for (const file of batch.files) {
      const rows = rowsOf(file.bytes);
      expect(rows[0]).toEqual(CLICKPOST_COLUMNS.map((c) => c.header));
      expect(rows.slice(1).every((r) => r.length === 8)).toBe(true);
    }
    expect(rowsOf(batch.files[0]!.bytes)[1]).toEqual([
      '1000005',
      '山田 太郎',
      '様',
      '東京都千代田区丸の内1-9-1',
      '',
      '',
      '',
      '文庫本 2冊',
    ]);
  });

  it('refuses what クリックポスト does not offer', () => {
    const batch = writeClickPostLabels(
      [
        buildShipment({ id: 'cod', service: 'clickpost', codAmount: 500 }),
        buildShipment({ id: 'cool', service: 'clickpost', temperature: 'frozen' }),
        buildShipment({ id: 'slot', service: 'clickpost', timeSlot: 'am' }),
        buildShipment({ id: 'pack', service: 'yupack' }),
      ],
      { orders },
    );
    expect(batch.counts).toEqual({ shipments: 4, written: 0, rejected: 4 });
    expect(batch.files).toEqual([]);
  });
});

describe('ゆうプリR (hakobu layout)', () => {
  it('writes the documented 24 columns with codes for ゆうパック, チルド, 代引 and the slot', () => {
    expect(YUPRI_COLUMNS).toHaveLength(24);
    const batch = writeYupriLabels(
      [
        buildShipment({
          temperature: 'chilled',
          timeSlot: '19-21',
          codAmount: 1200,
          requestedDate: '2026-12-04',
        }),
      ],
      { shipper: SAMPLE_SHIPPER, orders },
    );
    expect(batch.issues).toEqual([]);
    const [header, row] = rowsOf(batch.files[0]!.bytes);
    expect(header).toEqual(YUPRI_COLUMNS.map((c) => c.header));
    expect(row).toEqual([
      's1',
      '20261201',
      '0',
      '1',
      '2',
      '',
      '100-0005',
      '東京都千代田区丸の内1-9-1',
      '',
      '',
      '山田 太郎',
      '',
      '090-1234-5678',
      '105-0011',
      '東京都港区芝公園4-2-8',
      'はこぶビル2F',
      'はこぶ商店',
      '',
      '03-1234-5678',
      '文庫本 2冊',
      '',
      '20261204',
      '57',
      '1200',
    ]);
  });

  it('refuses cool and slots on ゆうパケット', () => {
    const batch = writeYupriLabels(
      [buildShipment({ service: 'yupacket', temperature: 'chilled', timeSlot: 'am' })],
      {
        shipper: SAMPLE_SHIPPER,
        orders,
      },
    );
    expect(batch.rejected[0]!.issues.map((i) => i.data?.shipmentId)).toEqual(['s1', 's1']);
  });
});

describe('label-only shipment fields on Japan Post', () => {
  it('refuses several parcels, 営業所止置き and 収納代行, and warns about handling marks, on both layouts', () => {
    const shipments = (service: string) => [
      { ...buildShipment({ id: 'parcels', service }), parcels: 2 },
      { ...buildShipment({ id: 'branch', service }), holdAtBranch: '123456' },
      { ...buildShipment({ id: 'agency', service }), paymentAgency: { amount: 1000 } },
      { ...buildShipment({ id: 'fragile', service }), handling: ['fragile' as const] },
    ];
    const batches = [
      writeYupriLabels(shipments('yupack'), { shipper: SAMPLE_SHIPPER, orders }),
      writeClickPostLabels(shipments('clickpost'), { orders }),
    ];
    for (const batch of batches) {
      expect(
        batch.rejected.map((r) => [r.shipmentId, r.issues.map((i) => [i.code, i.path?.at(-1)])]),
        batch.system,
      ).toEqual([
        ['parcels', [['carrier.unavailable_option', 'parcels']]],
        ['branch', [['carrier.unavailable_option', 'holdAtBranch']]],
        ['agency', [['carrier.unavailable_option', 'paymentAgency']]],
      ]);
      expect(batch.files[0]!.rows.map((r) => r.shipmentId)).toEqual(['fragile']);
      expect(batch.issues.at(-1)).toMatchObject({
        code: 'carrier.handling_unsupported',
        severity: 'warning',
        data: { shipmentId: 'fragile', handling: ['fragile'] },
      });
    }
  });
});
