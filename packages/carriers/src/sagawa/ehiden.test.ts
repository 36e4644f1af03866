import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildShipment, SAMPLE_SHIPPER } from '../testing';
import { EHIDEN2_COLUMNS, EHIDEN3_COLUMNS, writeEhiden2Labels, writeEhiden3Labels } from './ehiden';

const reference = readFileSync(
  new URL('../../../../../shared/reference/carriers.md', import.meta.url),
  'utf8',
);

/** Column numbers → header of a Sagawa table in reference/carriers.md (ranges like `13–18` list several names). */
function referenceHeaders(from: string, to: string): Map<number, string> {
  const section = reference.slice(reference.indexOf(from), reference.indexOf(to));
  const headers = new Map<number, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const single = cells[1]?.match(/^(\d+)$/);
    if (single) headers.set(Number(single[1]), cells[2] ?? '');
  }
  return headers;
}

const decode = (bytes: Uint8Array) => new TextDecoder('shift_jis').decode(bytes);
const rowsOf = (bytes: Uint8Array) =>
  decode(bytes)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(1, -1).split('","'));
const orders = [
  {
    id: 'o1',
    lines: [{ id: 'L1', name: 'ロースハム ギフト', unitPrice: 4320, quantity: 1, taxRate: 8 as const }],
  },
];
const options = { shipper: SAMPLE_SHIPPER, orders, customerCode: '123456789012' };

describe('e飛伝Ⅱ layout', () => {
  it('has the 42 published columns with their headers in order', () => {
    const published = referenceHeaders('### 2.2', '### 2.3');
    expect(EHIDEN2_COLUMNS).toHaveLength(42);
    for (const [no, header] of published)
      expect(EHIDEN2_COLUMNS[no - 1]!.header, `column ${no}`).toBe(header);
  });

  it('writes a golden row: quoted, widened 16-character lines, cool and slot codes', () => {
    const shipment = buildShipment({
      temperature: 'chilled',
      timeSlot: '18-20',
      requestedDate: '2026-12-03',
      destination: { ...buildShipment().destination, address2: 'ｸﾞﾗﾝﾄｳｷｮｳﾉｰｽﾀﾜｰ 35F' },
    });
    const batch = writeEhiden2Labels([shipment], options);
    expect(batch.issues).toEqual([]);
    const [header, row] = rowsOf(batch.files[0]!.bytes);
    expect(header).toHaveLength(42);
    expect(row).toHaveLength(42);
    const expected: Record<number, string> = {
      2: '090-1234-5678',
      3: '100-0005',
      4: '東京都千代田区丸の内１－９－１',
      5: 'グラントウキョウノースタワー',
      6: '３５Ｆ',
      7: '山田　太郎',
      9: 's1',
      10: '123456789012',
      12: '03-1234-5678',
      13: '03-1234-5678',
      14: '105-0011',
      15: '東京都港区芝公園４－２－８',
      16: 'はこぶビル２Ｆ',
      17: 'はこぶ商店',
      19: '001',
      20: 'ロースハム　ギフト',
      25: '1',
      26: '000',
      27: '002',
      28: '20261203',
      29: '18',
      // 指定シール: クール冷蔵, then 時間帯指定 (6 区分) — not 指定日配達 as well, only one of the two is printed.
      36: '001',
      37: '019',
      42: '1',
    };
    row!.forEach((cell, index) => {
      expect(cell, `column ${index + 1}`).toBe(expected[index + 1] ?? '');
    });
  });

  it('widens 18–20 to the 5-slot 18–21 code with a warning', () => {
    const batch = writeEhiden2Labels([buildShipment({ timeSlot: '19-21' })], {
      ...options,
      timeSlotScheme: 'five',
    });
    expect(rowsOf(batch.files[0]!.bytes)[1]![28]).toBe('04');
    expect(batch.issues.map((i) => i.code)).toEqual(['carrier.time_slot_widened']);
  });
});

describe('e飛伝Ⅲ layout', () => {
  it('has the 74 published columns with their headers in order', () => {
    const published = referenceHeaders('### 2.3', '### 2.4');
    expect(EHIDEN3_COLUMNS).toHaveLength(74);
    for (const [no, header] of published)
      expect(EHIDEN3_COLUMNS[no - 1]!.header, `column ${no}`).toBe(header);
  });

  it('writes COD with its seal, the frozen code and the ship date', () => {
    const batch = writeEhiden3Labels(
      [
        buildShipment({
          temperature: 'frozen',
          codAmount: 5000,
          lines: [{ orderId: 'o1', lineId: 'L1', quantity: 1 }],
        }),
      ],
      options,
    );
    const row = rowsOf(batch.files[0]!.bytes)[1]!;
    expect(row).toHaveLength(74);
    expect([row[9], row[43], row[47], row[48], row[51], row[57], row[60]]).toEqual([
      's1',
      '003',
      '5000',
      '370',
      '010',
      '1',
      '20261201',
    ]);
  });

  it('offers only 飛脚宅配便: ネコポス and クリックポスト are errors, the rest converts', () => {
    const batch = writeEhiden3Labels(
      [
        buildShipment({ id: 'a', service: 'nekopos' }),
        buildShipment({ id: 'b', service: 'clickpost' }),
        buildShipment({ id: 'c' }),
      ],
      options,
    );
    expect(batch.rejected.map((r) => r.shipmentId)).toEqual(['a', 'b']);
    expect(batch.files[0]!.rows.map((r) => r.shipmentId)).toEqual(['c']);
  });
});

describe('佐川 指定シール, 出荷個数 and 営業所受取', () => {
  const seals3 = (row: string[]) => [row[51], row[52], row[53]];

  it('e飛伝Ⅲ: one 時間帯指定 seal per slot, 指定日配達 only without a slot, クール by temperature', () => {
    const slots = ['am', '12-14', '14-16', '16-18', '18-20', '19-21'] as const;
    const batch = writeEhiden3Labels(
      [
        ...slots.map((timeSlot, i) => buildShipment({ id: `t${i}`, timeSlot, requestedDate: '2026-12-03' })),
        buildShipment({ id: 'date', requestedDate: '2026-12-03' }),
        buildShipment({ id: 'frozen', temperature: 'frozen' }),
        buildShipment({ id: 'plain' }),
      ],
      options,
    );
    expect(batch.issues).toEqual([]);
    const rows = rowsOf(batch.files[0]!.bytes).slice(1);
    expect(rows.map((row) => [row[45], ...seals3(row)])).toEqual([
      ['01', '020', '', ''],
      ['12', '022', '', ''],
      ['14', '023', '', ''],
      ['16', '024', '', ''],
      ['18', '025', '', ''],
      ['19', '026', '', ''],
      ['', '005', '', ''],
      ['', '002', '', ''],
      ['', '', '', ''],
    ]);
    const five = writeEhiden3Labels([buildShipment({ timeSlot: '19-21' })], {
      ...options,
      timeSlotScheme: 'five',
    });
    expect(seals3(rowsOf(five.files[0]!.bytes)[1]!)).toEqual(['021', '', '']);
  });

  it('e飛伝Ⅱ: 019 under the 6-slot scheme, 016 (午前中) or 007 under the 5-slot one', () => {
    const shipments = [
      buildShipment({ id: 'am', timeSlot: 'am' }),
      buildShipment({ id: 'pm', timeSlot: '14-16' }),
    ];
    const six = rowsOf(writeEhiden2Labels(shipments, options).files[0]!.bytes).slice(1);
    const five = rowsOf(
      writeEhiden2Labels(shipments, { ...options, timeSlotScheme: 'five' }).files[0]!.bytes,
    ).slice(1);
    expect(six.map((row) => row[35])).toEqual(['019', '019']);
    expect(five.map((row) => row[35])).toEqual(['016', '007']);
  });

  it('writes only the seal kinds asked for', () => {
    const batch = writeEhiden3Labels(
      [buildShipment({ temperature: 'chilled', timeSlot: 'am', codAmount: 1000 })],
      { ...options, seals: [] },
    );
    expect(seals3(rowsOf(batch.files[0]!.bytes)[1]!)).toEqual(['010', '', '']);
  });

  it('writes 出荷個数, 営業所受取 with its seal and code, and handling seals', () => {
    const shipment = {
      ...buildShipment({ temperature: 'frozen', requestedDate: '2026-12-03' }),
      parcels: 3,
      holdAtBranch: '1234',
    };
    const batch = writeEhiden3Labels([shipment], options);
    expect(batch.issues).toEqual([]);
    const row = rowsOf(batch.files[0]!.bytes)[1]!;
    expect([row[41], row[54], row[56], ...seals3(row)]).toEqual(['3', '1', '1234', '002', '004', '005']);
    const two = rowsOf(writeEhiden2Labels([shipment], options).files[0]!.bytes)[1]!;
    expect([two[24], two[38], two[40], two[35], two[36], two[37]]).toEqual([
      '3',
      '1',
      '1234',
      '002',
      '004',
      '005',
    ]);
    const marked = writeEhiden3Labels([{ ...buildShipment(), handling: ['fragile', 'thisSideUp'] }], options);
    expect(seals3(rowsOf(marked.files[0]!.bytes)[1]!)).toEqual(['011', '013', '']);
  });

  it('warns about the seals that do not fit in three, and about marks Sagawa has no seal for', () => {
    const batch = writeEhiden3Labels(
      [
        {
          ...buildShipment({ codAmount: 1000, temperature: 'chilled', timeSlot: '16-18' }),
          handling: ['valuables', 'thisSideUp', 'perishable'],
        },
      ],
      options,
    );
    expect(batch.counts.written).toBe(1);
    expect(seals3(rowsOf(batch.files[0]!.bytes)[1]!)).toEqual(['010', '001', '024']);
    const codes = batch.issues.map((issue) => issue.code);
    expect(codes).toEqual(['carrier.handling_unsupported', 'carrier.sagawa.seal_overflow']);
    expect(batch.issues[0]!.message).toContain('ナマモノ');
    expect(batch.issues[1]!.data).toMatchObject({ dropped: ['012', '013'] });
    expect(batch.issues[1]!.message).toContain('貴重品・天地無用');
  });

  it('rejects parcels over the limit and 収納代行, and converts the rest', () => {
    const batch = writeEhiden3Labels(
      [
        { ...buildShipment({ id: 'many' }), parcels: 100 },
        { ...buildShipment({ id: 'agency' }), paymentAgency: { amount: 1000 } },
        { ...buildShipment({ id: 'ok' }), parcels: 99 },
      ],
      options,
    );
    expect(batch.rejected.map((r) => [r.shipmentId, r.issues.map((i) => i.code)])).toEqual([
      ['many', ['carrier.unavailable_option']],
      ['agency', ['carrier.unavailable_option']],
    ]);
    expect(rowsOf(batch.files[0]!.bytes)[1]![41]).toBe('99');
    const raised = writeEhiden3Labels([{ ...buildShipment(), parcels: 100 }], {
      ...options,
      maxParcels: 200,
    });
    expect(raised.counts.written).toBe(1);
  });
});
