import { encodeCp932 } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { applyTracking } from '@hakobu/orders';
import { generateOrders } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import type { LabelShipment } from '../shipment/label-shipment';
import { buildShipment, SAMPLE_SHIPPER, withCheckDigit } from '../testing';
import { writeB2Labels } from '../yamato/b2';
import { cleanTrackingNumber, hasValidCheckDigit, validateTrackingNumber } from './number';
import { readTracking } from './read';

const cp932 = (text: string) => {
  const encoded = encodeCp932(text);
  if (!encoded.ok) throw new Error('test data must be CP932');
  return encoded.value.bytes;
};

const B2_OPTIONS = { shipper: SAMPLE_SHIPPER, billingCustomerCode: '0312345678', shipDate: '2026-12-01' };

/** What `applyTracking` of `@hakobu/orders` needs besides the rows. */
const applyContext = () => ({
  clock: fixedClock('2026-12-01T10:00:00+09:00'),
  ids: sequenceIdGenerator(),
  actor: 'test',
});

/** A B2 issued-data export: our own label file with 伝票番号 (col 4) filled in, as B2 gives it back. */
function b2Export(shipments: ReturnType<typeof buildShipment>[], numbers: string[]): Uint8Array {
  const batch = writeB2Labels(shipments, B2_OPTIONS);
  const lines = batch.files[0]!.text.split('\r\n').filter((line) => line !== '');
  const text = lines
    .map((line, i) => {
      const cells = line.split(',');
      cells[3] = numbers[i] ?? '';
      return cells.join(',');
    })
    .join('\r\n');
  return cp932(`${text}\r\n`);
}

describe('tracking numbers', () => {
  it('checks 12 digits and the mod-7 check digit, hyphens stripped', () => {
    expect(hasValidCheckDigit('389711074012')).toBe(true);
    expect(hasValidCheckDigit('512547514334')).toBe(true);
    expect(hasValidCheckDigit('405548424886')).toBe(true);
    expect(hasValidCheckDigit('389711074013')).toBe(false);
    expect(cleanTrackingNumber('４０５５－４８４２－４８８６')).toBe('405548424886');
    expect(validateTrackingNumber('3897-1107-4013').issues.map((i) => i.code)).toEqual([
      'carrier.tracking.check_digit',
    ]);
    expect(validateTrackingNumber('12345').issues.map((i) => i.code)).toEqual([
      'carrier.tracking.invalid_number',
    ]);
  });
});

describe('readTracking: B2 発行済データ', () => {
  const shipments = [
    buildShipment({ id: 'a' }),
    buildShipment({
      id: 'b',
      destination: {
        ...buildShipment().destination,
        phone: '03-5555-1234',
        postalCode: '530-0001',
        prefecture: '大阪府',
        address1: '大阪市北区梅田1-1',
      },
    }),
    buildShipment({ id: 'c' }),
  ];

  it('matches by the key in column 1 and reads the number in column 4 and the date in column 5', () => {
    const numbers = [withCheckDigit('38971107401'), withCheckDigit('49071495570'), '123456789010'];
    const result = readTracking('yamato-b2', b2Export(shipments, numbers), shipments);
    expect(result.applied).toEqual([
      {
        line: 1,
        shipmentId: 'a',
        slipNumber: 'a-1',
        trackingNumber: '389711074012',
        shippedOn: '2026-12-01',
        matchedBy: 'key',
      },
      {
        line: 2,
        shipmentId: 'b',
        slipNumber: 'b-1',
        trackingNumber: '490714955706',
        shippedOn: '2026-12-01',
        matchedBy: 'key',
      },
    ]);
    expect(result.invalid.map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual([
      [3, ['carrier.tracking.check_digit']],
    ]);
    expect(result.counts).toEqual({ rows: 3, applied: 2, unmatched: 0, invalid: 1 });
  });

  it('falls back to phone + postal code when the key is unknown, and lists rows that match nothing', () => {
    const c = { ...shipments[2]!, destination: { ...shipments[2]!.destination, phone: '011-222-3333' } };
    const exported = b2Export(
      [shipments[0]!, shipments[1]!, c],
      [withCheckDigit('38971107401'), withCheckDigit('49071495570'), withCheckDigit('49071495571')],
    );
    const renamed = [
      { ...shipments[0]!, id: 'a2' },
      { ...shipments[1]!, id: 'b2' },
    ];
    const result = readTracking('yamato-b2', exported, renamed);
    expect(result.applied.map((m) => [m.line, m.shipmentId, m.matchedBy])).toEqual([
      [1, 'a2', 'phonePostal'],
      [2, 'b2', 'phonePostal'],
    ]);
    expect(result.unmatched.map((r) => [r.line, r.key, r.issues.map((i) => i.code)])).toEqual([
      [3, 'c', ['carrier.tracking.unmatched']],
    ]);
    expect(result.counts).toEqual({ rows: 3, applied: 2, unmatched: 1, invalid: 0 });
  });

  it('does not guess when several shipments share phone and postal code', () => {
    const exported = b2Export([shipments[0]!], [withCheckDigit('38971107401')]);
    const twins = [
      { ...shipments[0]!, id: 'x' },
      { ...shipments[0]!, id: 'y' },
    ];
    const result = readTracking('yamato-b2', exported, twins);
    expect(result.unmatched[0]?.issues.map((i) => i.code)).toEqual(['carrier.tracking.ambiguous']);
  });

  it('reads the 2-column file (管理番号, 送り状番号) with a ship date given', () => {
    const text = `a,${withCheckDigit('38971107401')}\r\nc,${withCheckDigit('38971107402')}\r\n`;
    const result = readTracking('yamato-b2', cp932(text), shipments, { shippedOn: '2026-12-02' });
    expect(result.applied.map((m) => [m.shipmentId, m.shippedOn])).toEqual([
      ['a', '2026-12-02'],
      ['c', '2026-12-02'],
    ]);
  });

  it('refuses a file from another system and counts every row', () => {
    const ehiden = Array.from({ length: 3 }, (_, i) =>
      Array.from({ length: 74 }, (_, j) => (j === 0 ? withCheckDigit(`5125475143${i}`) : '')).join(','),
    );
    const result = readTracking('yamato-b2', cp932(`${ehiden.join('\r\n')}\r\n`), shipments);
    expect(result.issues[0]?.code).toBe('carrier.tracking.wrong_format');
    expect(result.counts).toEqual({ rows: 3, applied: 0, unmatched: 0, invalid: 3 });
  });

  it('feeds applyTracking of @hakobu/orders', () => {
    const orders = generateOrders({ count: 6 });
    const all = orders.flatMap((o) => o.shipments).filter((s) => s.timeSlot !== '12-14');
    const numbers = all.map((_, i) => withCheckDigit(String(38971107400 + i)));
    const result = readTracking('yamato-b2', b2Export(all, numbers), all);
    expect(all.length).toBeGreaterThan(3);
    expect(result.counts.applied).toBe(all.length);
    const outcome = applyTracking(orders, result.applied, { existing: 'reject' }, applyContext());
    expect(outcome.issues).toEqual([]);
    const applied = new Map(
      outcome.changed.flatMap((o) => o.shipments.map((s) => [s.id, s.trackingNumbers[0]])),
    );
    expect(all.map((s) => applied.get(s.id))).toEqual(numbers);
  });
});

describe('readTracking: B2 発払い（複数口）', () => {
  const single = buildShipment({ id: 'a' });
  const multi: LabelShipment = { ...buildShipment({ id: 'm' }), parcels: 3 };
  const twin = buildShipment({ id: 'm2' });
  const parent = withCheckDigit('43900000011');
  const children = [withCheckDigit('43900000012'), withCheckDigit('43900000013')];

  /**
   * B2's export of a 複数口 slip: the 送り状種類 6 row we wrote comes back once per parcel, each with its own 伝票番号
   * and the parent number in col 74; `clearKey` lists parcel rows whose お客様管理番号 was lost.
   */
  function multiExport(order: 'parent-first' | 'parent-last', clearKey: number[] = []): Uint8Array {
    const batch = writeB2Labels([single, multi], B2_OPTIONS);
    const [first, group] = batch.files[0]!.text.split('\r\n').map((line) => line.split(','));
    expect(group?.[1]).toBe('6');
    const numbers = order === 'parent-first' ? [parent, ...children] : [...children, parent];
    const rows = [
      Object.assign([...first!], { 3: withCheckDigit('38971107401') }),
      ...numbers.map((number, i) =>
        Object.assign([...group!], { 0: clearKey.includes(i) ? '' : 'm', 3: number, 73: parent }),
      ),
    ];
    return cp932(`${rows.map((cells) => cells.join(',')).join('\r\n')}\r\n`);
  }

  it('gives the shipment every parcel number, its parent first, even on a row whose key was lost', () => {
    const result = readTracking('yamato-b2', multiExport('parent-first', [2]), [single, multi, twin]);
    expect(result.applied.map((m) => [m.line, m.shipmentId, m.trackingNumber, m.matchedBy])).toEqual([
      [1, 'a', '389711074012', 'key'],
      [2, 'm', parent, 'key'],
      [3, 'm', children[0], 'key'],
      [4, 'm', children[1], 'key'],
    ]);
    expect(result.shipments).toEqual([
      {
        shipmentId: 'a',
        slipNumber: 'a-1',
        trackingNumbers: ['389711074012'],
        shippedOn: '2026-12-01',
        lines: [1],
      },
      {
        shipmentId: 'm',
        slipNumber: 'm-1',
        trackingNumbers: [parent, ...children],
        shippedOn: '2026-12-01',
        lines: [2, 3, 4],
      },
    ]);
    expect(result.issues.map((i) => [i.code, i.line])).toEqual([['carrier.tracking.matched_by_group', 4]]);
    expect(result.counts).toEqual({ rows: 4, applied: 4, unmatched: 0, invalid: 0 });
  });

  it('puts the parent number first wherever its row stands', () => {
    const result = readTracking('yamato-b2', multiExport('parent-last'), [single, multi]);
    expect(result.shipments[1]?.trackingNumbers).toEqual([parent, ...children]);
    expect(result.shipments[1]?.lines).toEqual([2, 3, 4]);
  });

  it('does not guess when no parcel row of the group keeps its key', () => {
    const result = readTracking('yamato-b2', multiExport('parent-first', [0, 1, 2]), [single, multi, twin]);
    expect(result.unmatched.map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual([
      [2, ['carrier.tracking.ambiguous']],
      [3, ['carrier.tracking.ambiguous']],
      [4, ['carrier.tracking.ambiguous']],
    ]);
    expect(result.shipments.map((s) => s.shipmentId)).toEqual(['a']);
  });

  it('lists a shipment once for the repeated key of a 2-column file', () => {
    const text = `m,${parent}\r\nm,${children[0]}\r\nm,${parent}\r\n`;
    const result = readTracking('yamato-b2', cp932(text), [multi], { shippedOn: '2026-12-02' });
    expect(result.shipments).toEqual([
      {
        shipmentId: 'm',
        slipNumber: 'm-1',
        trackingNumbers: [parent, children[0]],
        shippedOn: '2026-12-02',
        lines: [1, 2, 3],
      },
    ]);
  });

  it('puts every parcel number on the slip through applyTracking (append)', () => {
    const orders = generateOrders({ count: 1 });
    const shipment: LabelShipment = {
      ...orders[0]!.shipments[0]!,
      ...buildShipment({ id: 'm', slipNumber: orders[0]!.shipments[0]!.slipNumber }),
      parcels: 3,
    };
    const withMulti = [{ ...orders[0]!, shipments: [shipment, ...orders[0]!.shipments.slice(1)] }];
    const batch = writeB2Labels([shipment], B2_OPTIONS);
    const cells = batch.files[0]!.text.split('\r\n')[0]!.split(',');
    const text = [parent, ...children]
      .map((number) => Object.assign([...cells], { 3: number, 73: parent }).join(','))
      .join('\r\n');
    const result = readTracking('yamato-b2', cp932(`${text}\r\n`), [shipment]);
    const outcome = applyTracking(withMulti, result.applied, { existing: 'append' }, applyContext());
    expect(outcome.issues).toEqual([]);
    expect(outcome.changed[0]?.shipments[0]?.trackingNumbers).toEqual([parent, ...children]);
  });
});

describe('readTracking: e飛伝, ゆうプリR, クリックポスト', () => {
  const shipments = [
    buildShipment({ id: 'a' }),
    buildShipment({
      id: 'b',
      destination: { ...buildShipment().destination, name: '佐藤 花子', postalCode: '160-0022' },
    }),
  ];

  it('e飛伝Ⅲ: number in column 1, date in column 3, key in column 19, header skipped', () => {
    const row = (n: string, key: string) =>
      [n, '', '2026/12/01', ...Array.from({ length: 15 }, () => ''), key, 'x'].join(',');
    const text = ['お問合せ送り状No.,a,出荷日付', row(withCheckDigit('51254751433'), 'b')].join('\r\n');
    const header = text
      .split('\r\n')[0]!
      .split(',')
      .concat(Array.from({ length: 17 }, () => ''))
      .join(',');
    const result = readTracking(
      'sagawa-ehiden3',
      cp932(`${header}\r\n${text.split('\r\n')[1]}\r\n`),
      shipments,
    );
    expect(result.applied.map((m) => [m.shipmentId, m.trackingNumber, m.shippedOn])).toEqual([
      ['b', '512547514334', '2026-12-01'],
    ]);
    expect(result.counts.rows).toBe(1);
  });

  it('e飛伝Ⅱ: number in column 1, key in column 13', () => {
    const cells = Array.from({ length: 53 }, () => '');
    cells[0] = withCheckDigit('51254751433');
    cells[1] = '20261201';
    cells[12] = 'a';
    const result = readTracking('sagawa-ehiden2', cp932(`${cells.join(',')}\r\n`), shipments);
    expect(result.applied.map((m) => [m.shipmentId, m.shippedOn])).toEqual([['a', '2026-12-01']]);
  });

  it('ゆうプリR: by header names, Japan Post numbers with hyphens', () => {
    const text = `お客様側管理番号,お問い合わせ番号,発送日\r\nb,4055-4842-4886,2026/12/01\r\n`;
    const result = readTracking('japanpost-yupri', cp932(text), shipments);
    expect(result.applied.map((m) => [m.shipmentId, m.trackingNumber])).toEqual([['b', '405548424886']]);
  });

  it('クリックポスト: matched by postal code and name, check digit only warned', () => {
    const text = `追跡番号,お届け先郵便番号,お届け先氏名,お届け先敬称,お届け先住所,内容品\r\n621234567890,160-0022,佐藤　花子,様,東京都,本\r\n`;
    const result = readTracking('japanpost-clickpost', cp932(text), shipments, { shippedOn: '2026-12-01' });
    expect(result.applied.map((m) => [m.shipmentId, m.matchedBy])).toEqual([['b', 'postalName']]);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ['carrier.tracking.check_digit', 'warning'],
      ['carrier.tracking.matched_by_fallback', 'info'],
    ]);
  });
});
