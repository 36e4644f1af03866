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
