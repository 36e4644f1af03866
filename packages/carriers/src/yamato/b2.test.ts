import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildShipment, SAMPLE_SHIPPER } from '../testing';
import { B2_COLUMNS, type B2Options, writeB2Labels } from './b2';

const reference = readFileSync(
  new URL('../../../../../shared/reference/carriers.md', import.meta.url),
  'utf8',
);

/** The B2 column table of reference/carriers.md §1.2: number → [header, max bytes]. */
function referenceColumns(): Map<number, { header: string; max: number }> {
  const section = reference.slice(reference.indexOf('### 1.2'), reference.indexOf('### 1.3'));
  const columns = new Map<number, { header: string; max: number }>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const range = cells[1]?.match(/^(\d+)(?:–(\d+))?$/);
    if (range === null || range === undefined) continue;
    const max = Number(cells[4]?.match(/H ?(\d+)/)?.[1]);
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    for (let no = from; no <= to; no++) columns.set(no, { header: cells[2] ?? '', max });
  }
  return columns;
}

const orders = [
  {
    id: 'o1',
    lines: [
      { id: 'L1', name: '【送料無料】静岡煎茶 100g', unitPrice: 1080, quantity: 2, taxRate: 8 as const },
      {
        id: 'L2',
        name: '今治タオル フェイスタオル 2枚組',
        unitPrice: 2200,
        quantity: 1,
        taxRate: 10 as const,
      },
    ],
  },
];
const options: B2Options = { shipper: SAMPLE_SHIPPER, orders, billingCustomerCode: '0312345678' };
const decode = (bytes: Uint8Array) => new TextDecoder('shift_jis').decode(bytes);
const rowsOf = (bytes: Uint8Array) =>
  decode(bytes)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

describe('B2クラウド layout', () => {
  it('declares the 97 items of the published layout, position and byte limit each', () => {
    const published = referenceColumns();
    expect(published.size).toBe(97);
    expect(B2_COLUMNS).toHaveLength(97);
    for (const column of B2_COLUMNS) {
      const ref = published.get(column.no);
      expect(ref, `column ${column.no}`).toBeDefined();
      expect(column.max, `${column.no} ${column.header}`).toBe(ref!.max);
      expect(column.unit).toBe('bytes');
    }
  });

  it('writes a golden 発払い row: every field at its position, CP932, CRLF', () => {
    const shipment = buildShipment({
      requestedDate: '2026-12-03',
      timeSlot: 'am',
      lines: [
        { orderId: 'o1', lineId: 'L1', quantity: 2 },
        { orderId: 'o1', lineId: 'L2', quantity: 1 },
      ],
      labelNote: 'ワレモノ',
    });
    const batch = writeB2Labels([shipment], { ...options, header: true });
    expect(batch.counts).toEqual({ shipments: 1, written: 1, rejected: 0 });
    expect(batch.issues).toEqual([]);
    const file = batch.files[0]!;
    expect(decode(file.bytes)).toBe(file.text);
    expect(file.text.endsWith('\r\n')).toBe(true);
    const [header, row] = rowsOf(file.bytes);
    expect(header).toHaveLength(97);
    expect(row).toHaveLength(97);
    const expected: Record<number, string> = {
      1: 's1',
      2: '0',
      5: '2026/12/01',
      6: '2026/12/03',
      7: '0812',
      9: '090-1234-5678',
      11: '100-0005',
      12: '東京都千代田区丸の内1-9-1',
      16: '山田 太郎',
      17: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      20: '03-1234-5678',
      22: '105-0011',
      23: '東京都港区芝公園4-2-8',
      24: 'はこぶビル2F',
      25: 'はこぶ商店',
      26: 'ﾊｺﾌﾞｼｮｳﾃﾝ',
      28: '静岡煎茶 100g',
      30: '今治タオル フェイスタオル 2枚組',
      33: 'ワレモノ',
      40: '0312345678',
      42: '01',
    };
    row!.forEach((cell, index) => {
      expect(cell, `column ${index + 1}`).toBe(expected[index + 1] ?? '');
    });
    expect(file.rows).toEqual([{ line: 2, shipmentId: 's1', slipNumber: 's1-1', key: 's1' }]);
  });

  it('maps cool (1 冷凍, 2 冷蔵), COD with its tax, and the time slots', () => {
    const batch = writeB2Labels(
      [
        buildShipment({ id: 'f', temperature: 'frozen', timeSlot: '19-21' }),
        buildShipment({ id: 'c', temperature: 'chilled', timeSlot: '14-16' }),
        buildShipment({
          id: 'cod',
          codAmount: 2960,
          lines: [
            { orderId: 'o1', lineId: 'L1', quantity: 1 },
            { orderId: 'o1', lineId: 'L2', quantity: 1 },
          ],
        }),
      ],
      options,
    );
    const rows = rowsOf(batch.files[0]!.bytes);
    expect(rows.map((r) => [r[1], r[2], r[6]])).toEqual([
      ['0', '1', '1921'],
      ['0', '2', '1416'],
      ['2', '', ''],
    ]);
    // 1,080 at 8% + 2,200 at 10% = 3,280 of goods; 2,960 apportioned → 975 (8%) + 1,985 (10%) → 72 + 180.
    expect([rows[2]![33], rows[2]![34]]).toEqual(['2960', '252']);
  });

  it('maps services to 送り状種類 codes', () => {
    const services = ['nekopos', 'packet', 'mail', 'compact', 'time', 'chakubarai', 'eazy'];
    const batch = writeB2Labels(
      services.map((service, i) => buildShipment({ id: `s${i}`, service })),
      options,
    );
    expect(rowsOf(batch.files[0]!.bytes).map((r) => r[1])).toEqual(['A', '7', '3', '8', '4', '5', '1']);
    const time = rowsOf(batch.files[0]!.bytes)[4]!;
    expect(time[6]).toBe('0017');
    const mail = rowsOf(batch.files[0]!.bytes)[2]!;
    expect([mail[17], mail[39], mail[41]]).toEqual(['様', '', '']);
  });

  it('rejects combinations B2 does not offer, and converts the rest', () => {
    const batch = writeB2Labels(
      [
        buildShipment({ id: 'cool-compact', service: 'compact', temperature: 'chilled' }),
        buildShipment({ id: 'slot-nekopos', service: 'nekopos', timeSlot: 'am' }),
        buildShipment({ id: 'cod-nekopos', service: 'nekopos', codAmount: 1000 }),
        buildShipment({ id: 'cod-over', codAmount: 300_001 }),
        buildShipment({ id: 'compact-cod-over', service: 'compact', codAmount: 30_001 }),
        buildShipment({ id: 'abolished', timeSlot: '12-14' }),
        buildShipment({ id: 'date-mail', service: 'mail', requestedDate: '2026-12-05' }),
        buildShipment({ id: 'sagawa', carrier: 'sagawa' }),
        buildShipment({ id: 'unknown', carrier: 'fukuyama' }),
        buildShipment({ id: 'airship', service: '飛行船便' }),
        buildShipment({ id: 'ok' }),
      ],
      options,
    );
    expect(batch.counts).toEqual({ shipments: 11, written: 1, rejected: 10 });
    expect(batch.files[0]!.rows.map((r) => r.shipmentId)).toEqual(['ok']);
    const codes = Object.fromEntries(batch.rejected.map((r) => [r.shipmentId, r.issues.map((i) => i.code)]));
    expect(codes).toEqual({
      'cool-compact': ['carrier.unavailable_option'],
      'slot-nekopos': ['carrier.unavailable_option'],
      'cod-nekopos': ['carrier.unavailable_option'],
      'cod-over': ['carrier.unavailable_option'],
      'compact-cod-over': ['carrier.unavailable_option'],
      abolished: ['carrier.unavailable_option'],
      'date-mail': ['carrier.unavailable_option'],
      sagawa: ['carrier.wrong_carrier'],
      unknown: ['carrier.unknown_carrier'],
      airship: ['carrier.unknown_service'],
    });
    for (const rejected of batch.rejected) {
      for (const issue of rejected.issues) expect(issue.message).toContain(`伝票${rejected.shipmentId}-1`);
    }
  });

  it('reports bad input per shipment and field: no phone, emoji, long building, bad postal code', () => {
    const batch = writeB2Labels(
      [
        buildShipment({ id: 'nophone', destination: { ...buildShipment().destination, phone: '' } }),
        buildShipment({ id: 'emoji', destination: { ...buildShipment().destination, name: '山田 太郎😀' } }),
        buildShipment({
          id: 'building',
          destination: {
            ...buildShipment().destination,
            address1: '千代田区丸の内一丁目九番一号東京駅八重洲口グラントウキョウノースタワー',
            address2: 'サウスタワー三十五階ニジュウハチバンシツ受付カウンター前の荷物受け',
          },
        }),
        buildShipment({
          id: 'postal',
          destination: { ...buildShipment().destination, postalCode: '100-005' },
        }),
      ],
      options,
    );
    const byId = Object.fromEntries(batch.rejected.map((r) => [r.shipmentId, r.issues]));
    expect(byId.nophone?.map((i) => i.code)).toContain('carrier.phone_missing');
    expect(byId.building?.map((i) => i.code)).toContain('carrier.address_overflow');
    expect(byId.postal?.map((i) => i.code)).toContain('text.invalid_postal_code');
    expect(batch.files[0]!.rows.map((r) => r.shipmentId)).toEqual(['emoji']);
    const emoji = batch.issues.find((i) => i.code === 'cp932.unencodable');
    expect(emoji?.message).toContain('伝票emoji-1の「お届け先名」');
    expect(emoji?.data).toMatchObject({ shipmentId: 'emoji', column: 16 });
    expect(rowsOf(batch.files[0]!.bytes)[0]![15]).toBe('山田 太郎〓');
  });

  it('truncates a long name to 32 bytes and says what was cut', () => {
    const name = 'ながいながいおなまえのひとヤマダタロウ様';
    const batch = writeB2Labels(
      [buildShipment({ destination: { ...buildShipment().destination, name } })],
      options,
    );
    const issue = batch.issues.find((i) => i.code === 'carrier.field_truncated');
    expect(issue?.data).toMatchObject({ shipmentId: 's1', column: 16, max: 32, written: name.slice(0, 16) });
    expect(rowsOf(batch.files[0]!.bytes)[0]![15]).toBe(name.slice(0, 16));
  });

  it('property: no written field exceeds its byte limit, whatever the input', () => {
    const text = fc.string({
      unit: fc.constantFrom('あ', 'ｱ', 'a', '髙', '〜', '1', '-', ' ', '😀', '①'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, text, text, text, (name, address, building, item) => {
        const shipment = buildShipment({
          destination: {
            ...buildShipment().destination,
            name: `山${name}`,
            address1: `千代田区${address}`,
            address2: building,
          },
        });
        const batch = writeB2Labels([shipment], {
          ...options,
          orders: [
            { id: 'o1', lines: [{ id: 'L1', name: `品${item}`, unitPrice: 100, quantity: 1, taxRate: 10 }] },
          ],
        });
        for (const file of batch.files) {
          for (const line of file.text.split('\r\n').filter((l) => l !== '')) {
            const cells = line.split(',');
            expect(cells).toHaveLength(97);
            cells.forEach((cell, i) => {
              const bytes = new TextEncoder().encode(cell).length;
              const sjis = [...cell].reduce(
                (n, ch) => n + (ch.charCodeAt(0) < 0x80 || (ch >= '｡' && ch <= 'ﾟ') ? 1 : 2),
                0,
              );
              expect(sjis, `column ${i + 1} (${bytes} UTF-8 bytes)`).toBeLessThanOrEqual(B2_COLUMNS[i]!.max);
            });
          }
        }
        expect(batch.counts.shipments).toBe(batch.counts.written + batch.counts.rejected);
      }),
      { numRuns: 200 },
    );
  });
});

/** The cells every row of these tests shares: consignee, shipper, billing and the default 品名. */
const COMMON_CELLS: Record<number, string> = {
  1: 's1',
  2: '0',
  5: '2026/12/01',
  9: '090-1234-5678',
  11: '100-0005',
  12: '東京都千代田区丸の内1-9-1',
  16: '山田 太郎',
  17: 'ﾔﾏﾀﾞ ﾀﾛｳ',
  20: '03-1234-5678',
  22: '105-0011',
  23: '東京都港区芝公園4-2-8',
  24: 'はこぶビル2F',
  25: 'はこぶ商店',
  26: 'ﾊｺﾌﾞｼｮｳﾃﾝ',
  28: '静岡煎茶 100g',
  40: '0312345678',
  42: '01',
};

function expectRow(row: readonly string[] | undefined, cells: Record<number, string>) {
  expect(row).toHaveLength(97);
  row!.forEach((cell, index) => {
    expect(cell, `column ${index + 1}`).toBe(cells[index + 1] ?? '');
  });
}

describe('B2クラウド 発払い（複数口）', () => {
  it('writes a golden 送り状種類 6 row: 発行枚数 = parcels, 個数口枠 3, くくりキー = the shipment id', () => {
    const shipment = {
      ...buildShipment({ timeSlot: '14-16', requestedDate: '2026-12-03' }),
      parcels: 3,
    };
    const batch = writeB2Labels([shipment], { ...options, header: true });
    expect(batch.issues).toEqual([]);
    const [header, row] = rowsOf(batch.files[0]!.bytes);
    expect([header![37], header![38], header![73]]).toEqual([
      '発行枚数',
      '個数口枠の印字',
      '複数口くくりキー',
    ]);
    expectRow(row, { ...COMMON_CELLS, 2: '6', 6: '2026/12/03', 7: '1416', 38: '3', 39: '3', 74: 's1' });
    expect(batch.files[0]!.rows).toEqual([{ line: 2, shipmentId: 's1', slipNumber: 's1-1', key: 's1' }]);
  });

  it('fits a long shipment id to the last 20 bytes, and refuses two shipments whose keys would coincide', () => {
    const batch = writeB2Labels(
      [
        { ...buildShipment({ id: 'rakuten-123456-20261201-000123' }), parcels: 2 },
        { ...buildShipment({ id: 'yahoo-99-123456-20261201-000123' }), parcels: 2 },
        { ...buildShipment({ id: 'short' }), parcels: 99 },
      ],
      options,
    );
    expect(batch.files[0]!.rows.map((r) => r.shipmentId)).toEqual([
      'rakuten-123456-20261201-000123',
      'short',
    ]);
    const rows = rowsOf(batch.files[0]!.bytes);
    expect(rows.map((r) => [r[0], r[1], r[37], r[73]])).toEqual([
      ['rakuten-123456-20261201-000123', '6', '2', '3456-20261201-000123'],
      ['short', '6', '99', 'short'],
    ]);
    expect(rows[0]![73]).toHaveLength(20);
    expect(batch.rejected).toEqual([
      {
        shipmentId: 'yahoo-99-123456-20261201-000123',
        slipNumber: 'yahoo-99-123456-20261201-000123-1',
        issues: [expect.objectContaining({ code: 'carrier.b2.group_key_collision' })],
      },
    ]);
  });

  it('refuses more than one parcel on every service without 複数口, cool on 複数口, over 99 and bad counts', () => {
    const services = ['nekopos', 'packet', 'mail', 'compact', 'time', 'chakubarai', 'eazy'];
    const batch = writeB2Labels(
      [
        ...services.map((service) => ({ ...buildShipment({ id: service, service }), parcels: 2 })),
        { ...buildShipment({ id: 'collect', codAmount: 5000 }), parcels: 2 },
        { ...buildShipment({ id: 'compact-collect', service: 'compact', codAmount: 5000 }), parcels: 2 },
        { ...buildShipment({ id: 'cool', temperature: 'chilled' }), parcels: 2 },
        { ...buildShipment({ id: 'hundred' }), parcels: 100 },
        { ...buildShipment({ id: 'zero' }), parcels: 0 },
        { ...buildShipment({ id: 'half' }), parcels: 1.5 },
        { ...buildShipment({ id: 'one' }), parcels: 1 },
      ],
      options,
    );
    expect(batch.files[0]!.rows.map((r) => r.shipmentId)).toEqual(['one']);
    expect(rowsOf(batch.files[0]!.bytes)[0]![1]).toBe('0');
    const byId = Object.fromEntries(batch.rejected.map((r) => [r.shipmentId, r.issues]));
    for (const id of [...services, 'collect', 'compact-collect']) {
      expect(
        byId[id]?.map((i) => [i.code, i.path]),
        id,
      ).toEqual([['carrier.unavailable_option', ['shipments', expect.any(Number), 'parcels']]]);
    }
    expect(byId.nekopos?.[0]?.message).toContain('ネコポスでは複数口（2個）を指定できません');
    // Over 99 is both an unavailable option and a 発行枚数 too long for its two digits.
    expect(byId.hundred?.map((i) => i.code)).toEqual([
      'carrier.unavailable_option',
      'carrier.field_too_long',
    ]);
    expect(byId.hundred?.[0]?.message).toContain('上限99個');
    expect(byId.cool?.map((i) => i.message)).toEqual([
      '伝票cool-1: 発払い（複数口）ではクール便（冷蔵）を指定できません',
    ]);
    expect(byId.zero?.map((i) => i.code)).toEqual(['carrier.invalid_parcels']);
    expect(byId.half?.map((i) => i.code)).toContain('carrier.invalid_parcels');
  });
});

describe('B2クラウド columns filled from the shipment and the options', () => {
  const skuOrders = [
    {
      id: 'o1',
      lines: [
        {
          id: 'L1',
          name: '静岡煎茶 100g',
          sku: 'tea-100',
          masterSku: 'TEA100',
          unitPrice: 1080,
          quantity: 1,
          taxRate: 8 as const,
        },
        { id: 'L2', name: '湯のみ', sku: '湯のみ-白', unitPrice: 1500, quantity: 1, taxRate: 10 as const },
      ],
    },
  ];

  it('writes 品名コード, 荷扱い, 営業所止置き, 会社名 over two columns, 検索キー and the e-mails', () => {
    const company = '株式会社はこぶロジスティクス東日本フルフィルメントセンター第二倉庫'; // 66 bytes
    const shipment = {
      ...buildShipment({
        destination: { ...buildShipment().destination, company, email: 'taro@example.jp' },
        lines: [
          { orderId: 'o1', lineId: 'L1', quantity: 1 },
          { orderId: 'o1', lineId: 'L2', quantity: 1 },
        ],
      }),
      handling: ['fragile', 'thisSideUp', 'doNotStack'] as const,
      holdAtBranch: '031234',
    };
    const batch = writeB2Labels([shipment], {
      ...options,
      orders: skuOrders,
      billingClassCode: '001',
      notifyByEmail: true,
      notifyOnDelivery: true,
      emailMessages: { notice: 'ご注文ありがとうございます ﾊｺﾌﾞ', delivered: 'お届けしました' },
      searchKeys: (s) => [{ title: '伝票番号', key: s.slipNumber.replace(/-/g, ' ') }],
    });
    const row = rowsOf(batch.files[0]!.bytes)[0];
    expectRow(row, {
      ...COMMON_CELLS,
      14: '株式会社はこぶロジスティクス東日本フルフィルメント',
      15: 'センター第二倉庫',
      27: 'TEA100',
      30: '湯のみ',
      31: 'ワレモノ注意',
      32: '天地無用・下積厳禁',
      36: '1',
      37: '031234',
      41: '001',
      48: '1',
      49: 'taro@example.jp',
      50: '1',
      51: 'ご注文ありがとうございます　ハコブ',
      52: '1',
      53: 'taro@example.jp',
      54: 'お届けしました',
      75: '伝票番号',
      76: 's1 1',
    });
    // The second SKU is not half-width: left blank, with a warning rather than a refused slip.
    expect(batch.issues.map((i) => [i.code, i.severity])).toEqual([
      ['carrier.b2.item_code_skipped', 'warning'],
    ]);
    const plain = writeB2Labels([shipment], { ...options, orders: skuOrders, itemCodes: false });
    expect(rowsOf(plain.files[0]!.bytes)[0]![26]).toBe('');
  });

  it('writes ネコポス 投函予定・投函完了メール, the shipper one to the shipper', () => {
    const batch = writeB2Labels(
      [
        buildShipment({
          service: 'nekopos',
          destination: { ...buildShipment().destination, email: 'taro@example.jp' },
        }),
      ],
      {
        ...options,
        shipper: { ...SAMPLE_SHIPPER, email: 'shop@example.jp' },
        notifyByEmail: true,
        notifyOnDelivery: true,
        notifyShipperOnPosting: true,
        emailMessages: { notice: 'ポストに届きます', delivered: '投函しました', shipper: '投函済' },
      },
    );
    const row = rowsOf(batch.files[0]!.bytes)[0];
    expectRow(row, {
      ...COMMON_CELLS,
      2: 'A',
      87: '1',
      88: 'taro@example.jp',
      89: 'ポストに届きます',
      90: '1',
      91: 'taro@example.jp',
      92: '投函しました',
      93: '1',
      94: 'shop@example.jp',
      95: '投函済',
    });
  });

  it('writes クロネコ収納代行: amount, tax inside it, the destination billed and the shipper as contact', () => {
    const shipment = {
      ...buildShipment({
        lines: [
          { orderId: 'o1', lineId: 'L1', quantity: 2 },
          { orderId: 'o1', lineId: 'L2', quantity: 1 },
        ],
      }),
      paymentAgency: { amount: 4360, reference: 'INV0001', note: '請求書在中' },
    };
    const batch = writeB2Labels([shipment], options);
    expect(batch.issues).toEqual([]);
    expectRow(rowsOf(batch.files[0]!.bytes)[0], {
      ...COMMON_CELLS,
      30: '今治タオル フェイスタオル 2枚組',
      55: '1',
      57: '4360',
      // 2,160 at 8% + 2,200 at 10%: 160 + 200.
      58: '360',
      59: '100-0005',
      60: '東京都千代田区丸の内1-9-1',
      64: '山田 太郎',
      65: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      66: 'はこぶ商店',
      67: '105-0011',
      68: '東京都港区芝公園4-2-8',
      69: 'はこぶビル2F',
      70: '03-1234-5678',
      71: 'INV0001',
      72: '静岡煎茶 100g',
      73: '請求書在中',
    });
  });

  it('refuses 収納代行 with COD or over 300,000 円, a billed party without kana, and bad search keys', () => {
    const billTo = { ...SAMPLE_SHIPPER, name: '鈴木 花子', nameKana: undefined };
    const batch = writeB2Labels(
      [
        { ...buildShipment({ id: 'cod', codAmount: 1000 }), paymentAgency: { amount: 1000 } },
        { ...buildShipment({ id: 'over' }), paymentAgency: { amount: 300_001 } },
        { ...buildShipment({ id: 'kana' }), paymentAgency: { amount: 1000, billTo } },
        buildShipment({ id: 'key' }),
        buildShipment({ id: 'keys' }),
      ],
      {
        ...options,
        searchKeys: (s) =>
          s.id === 'key'
            ? [{ title: '注文', key: 'A-1' }]
            : s.id === 'keys'
              ? Array.from({ length: 5 }, (_, i) => ({ title: `k${i}`, key: `K${i}` }))
              : [],
      },
    );
    const codes = Object.fromEntries(batch.rejected.map((r) => [r.shipmentId, r.issues.map((i) => i.code)]));
    expect(codes).toEqual({
      cod: ['carrier.unavailable_option'],
      over: ['carrier.unavailable_option'],
      kana: ['carrier.field_required'],
      key: ['carrier.b2.search_key'],
      keys: ['carrier.b2.search_key'],
    });
    expect(batch.rejected.find((r) => r.shipmentId === 'kana')?.issues[0]?.data).toMatchObject({
      column: 65,
    });
  });

  it('refuses 営業所コード that is not 6 digits', () => {
    const batch = writeB2Labels([{ ...buildShipment(), holdAtBranch: '12-345' }], options);
    expect(batch.rejected[0]?.issues.map((i) => i.code)).toEqual(['carrier.not_digits']);
  });
});
