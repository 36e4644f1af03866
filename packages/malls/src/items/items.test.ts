import { decodeText, encodeCp932 } from '@hakobu/core';
import { indexCatalog, MallQuantity, type SyncUpload } from '@hakobu/inventory';
import { describe, expect, it } from 'vitest';
import { readRakutenItems } from './rakuten';
import { writeRakutenItemCsv, writeRakutenStockCsv } from './write';
import { readYahooItems } from './yahoo';

function cp932(text: string): Uint8Array {
  const encoded = encodeCp932(text);
  if (!encoded.ok) throw new Error(JSON.stringify(encoded.issues));
  return encoded.value.bytes;
}

const HEADER = '商品管理番号（商品URL）,商品番号,商品名,SKU管理番号,システム連携用SKU番号,販売価格,在庫数';

/** A 楽天 SKU-format item export (invented shop data), CP932 as RMS downloads it. */
const rakutenFile = [
  HEADER,
  'tea-sencha,SENCHA,静岡県産 深蒸し煎茶 髙級 ～香～,,,,',
  'tea-sencha,,,sencha-100,SENCHA-100,1080,25',
  'tea-sencha,,,sencha-200,SENCHA-200,1980,0',
  'Towel-Imabari,TOWEL,今治タオル ㈱白雲 フェイスタオル①,,,,',
  ',,,white,TOWEL-WH,1320,12',
  ',,,navy,,1320,3',
  'mug-hasami,MUG,波佐見焼 マグカップ 藍,,,,',
  'mug-hasami,,,bl,MUG-BL,2750,8',
].join('\r\n');

describe('readRakutenItems', () => {
  it('reads a CP932 SKU-format export into products, listings and mall quantities', () => {
    const read = readRakutenItems(cp932(rakutenFile), { shopId: 'tea-shop' });
    expect(read.rejected).toEqual([]);
    expect(read.issues).toEqual([]);
    expect(read.counts).toEqual({ rows: 8, records: 8, rejected: 0, products: 5, listings: 5 });
    expect(read.products).toEqual([
      { sku: 'SENCHA-100', name: '静岡県産 深蒸し煎茶 髙級 ～香～', temperatureZone: 'ambient' },
      { sku: 'SENCHA-200', name: '静岡県産 深蒸し煎茶 髙級 ～香～', temperatureZone: 'ambient' },
      { sku: 'TOWEL-WH', name: '今治タオル ㈱白雲 フェイスタオル①', temperatureZone: 'ambient' },
      { sku: 'towel-imabari-navy', name: '今治タオル ㈱白雲 フェイスタオル①', temperatureZone: 'ambient' },
      { sku: 'MUG-BL', name: '波佐見焼 マグカップ 藍', temperatureZone: 'ambient' },
    ]);
    expect(read.listings[0]).toEqual({
      id: 'rakuten:tea-shop:tea-sencha:sencha-100',
      channel: 'rakuten',
      shopId: 'tea-shop',
      itemCode: 'tea-sencha',
      skuCode: 'sencha-100',
      sku: 'SENCHA-100',
      multiplier: 1,
    });
    expect(read.listings.map((l) => `${l.itemCode}/${l.skuCode}`)).toEqual([
      'tea-sencha/sencha-100',
      'tea-sencha/sencha-200',
      'towel-imabari/white',
      'towel-imabari/navy',
      'mug-hasami/bl',
    ]);
    expect(read.records.map((r) => [r.line, r.kind])).toEqual([
      [2, 'item'],
      [3, 'sku'],
      [4, 'sku'],
      [5, 'item'],
      [6, 'sku'],
      [7, 'sku'],
      [8, 'item'],
      [9, 'sku'],
    ]);
    expect(read.records[1]).toMatchObject({ price: 1080, quantity: 25, skuDerived: false });
    expect(read.records[0]).toMatchObject({ itemNumber: 'SENCHA', mallCode: { itemCode: 'tea-sencha' } });
    expect(read.records[5]).toMatchObject({ sku: 'towel-imabari-navy', skuDerived: true });
    expect(read.quantities.map((q) => q.quantity)).toEqual([25, 0, 12, 3, 8]);
    expect(read.quantities.every((q) => MallQuantity.safeParse(q).success)).toBe(true);
    const catalog = indexCatalog({ products: read.products, listings: read.listings });
    expect(catalog.ok).toBe(true);
  });

  it('rejects bad rows with their line and reason; rows in = records + rejected', () => {
    const file = [
      HEADER,
      'tea-sencha,SENCHA,静岡県産 深蒸し煎茶,,,,',
      'tea-sencha,,,sencha-100,SENCHA-100,1080,25',
      'tea-sencha,,,sencha-100,SENCHA-100B,1080,25',
      'tea-sencha,,,sencha-200,SENCHA-200,千円,3',
      'tea-sencha,,,sencha-300,SENCHA-300,1500,-1',
      '"お茶 セット",,,set-a,SET-A,3000,1',
      'gift-box,GIFT,"ギフト箱',
      '（のし対応）",,,,',
      'no-name,,,only,ONLY,500,1',
      'tea-sencha,SENCHA,静岡県産 深蒸し煎茶,,,,',
      'tea-sencha,,,sencha-400,SENCHA-400,1200',
    ].join('\r\n');
    const read = readRakutenItems(cp932(file), { shopId: 'tea-shop' });
    expect(read.counts.rows).toBe(read.counts.records + read.counts.rejected);
    expect(read.counts).toEqual({ rows: 10, records: 2, rejected: 8, products: 1, listings: 1 });
    const byLine = Object.fromEntries(read.rejected.map((r) => [r.line, r.issues.map((i) => i.code)]));
    expect(byLine).toEqual({
      4: ['malls.items.duplicate_mall_code'],
      5: ['malls.invalid_field'],
      6: ['malls.invalid_field'],
      7: ['malls.invalid_field', 'malls.invalid_field'],
      8: ['malls.items.no_sku_rows'],
      10: ['malls.invalid_field'],
      11: ['malls.items.duplicate_item'],
      12: ['csv.field_count'],
    });
    // the gift-box row spans lines 8–9: the row after it is on line 10
    expect(read.rejected.find((r) => r.line === 10)?.issues[0]?.message).toBe(
      '10行目 (商品管理番号（商品URL） no-name)の「商品名」が空で、商品行にもありません',
    );
    expect(read.rejected.find((r) => r.line === 4)?.issues[0]?.message).toBe(
      '4行目: 楽天の商品「tea-sencha」 SKU「sencha-100」は3行目と重複しています',
    );
    expect(read.rejected.find((r) => r.line === 5)?.issues[0]?.message).toContain(
      '「販売価格」が整数ではありません',
    );
    expect(read.rejected.find((r) => r.line === 7)?.issues.map((i) => i.line)).toEqual([7, 7]);
  });

  it('refuses a file without 商品管理番号 or SKU管理番号 columns', () => {
    const read = readRakutenItems('商品管理番号（商品URL）,商品名\r\ntea,煎茶\r\n', { shopId: 'tea-shop' });
    expect(read.counts).toEqual({ rows: 0, records: 0, rejected: 0, products: 0, listings: 0 });
    expect(read.issues.map((i) => i.code)).toEqual(['csv.missing_column']);
  });

  it('takes renamed headers, a master SKU rule and 温度帯', () => {
    const read = readRakutenItems(
      'item_url,title,variant,merchant_sku\r\nice,北海道アイス,,\r\nice,,v1,ICE-V1\r\n',
      {
        shopId: 'tea-shop',
        headers: { itemCode: 'item_url', name: 'title', skuCode: 'variant', merchantSku: 'merchant_sku' },
        masterSku: (row) => `M-${row.merchantSku}`,
        temperatureZone: () => 'frozen',
      },
    );
    expect(read.products).toEqual([{ sku: 'M-ICE-V1', name: '北海道アイス', temperatureZone: 'frozen' }]);
  });

  it('warns when one master SKU is listed under two names', () => {
    const file = [
      HEADER,
      'a,,煎茶 100g,,,,',
      'a,,,s1,SENCHA,1000,1',
      'b,,煎茶 100g 詰替,,,,',
      'b,,,s1,SENCHA,900,1',
    ].join('\n');
    const read = readRakutenItems(file, { shopId: 'tea-shop' });
    expect(read.counts).toMatchObject({ records: 4, products: 1, listings: 2 });
    expect(read.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['malls.items.sku_name_differs', 'warning', 5],
    ]);
  });
});

describe('writeRakutenItemCsv', () => {
  it('round-trips the product master through a CP932 item CSV', () => {
    const read = readRakutenItems(cp932(rakutenFile), { shopId: 'tea-shop' });
    const prices = Object.fromEntries(
      read.records.flatMap((r) => (r.sku === undefined ? [] : [[r.sku, r.price ?? 0]])),
    );
    const quantities = Object.fromEntries(
      read.listings.map((l, i) => [l.id, read.quantities[i]?.quantity ?? 0]),
    );
    const file = writeRakutenItemCsv(
      {
        products: read.products,
        listings: [
          ...read.listings,
          { id: 'y-1', channel: 'yahoo', shopId: 'tea-shop', itemCode: 'x', sku: 'MUG-BL', multiplier: 1 },
        ],
        prices,
        quantities,
        itemNumbers: { 'tea-sencha': 'SENCHA', 'towel-imabari': 'TOWEL', 'mug-hasami': 'MUG' },
      },
      { shopId: 'tea-shop' },
    );
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.issues).toEqual([]);
    const bytes = file.value.bytes;
    expect(decodeText(bytes, { encoding: 'cp932' }).text).toBe(file.value.text);
    expect([...bytes].some((byte, i) => byte === 0xfb && bytes[i + 1] === 0xfc)).toBe(true); // 髙 in CP932
    const lines = file.value.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1, 4)).toEqual([
      'mug-hasami,MUG,波佐見焼 マグカップ 藍,,,,',
      'mug-hasami,,,bl,MUG-BL,2750,8',
      'tea-sencha,SENCHA,静岡県産 深蒸し煎茶 髙級 ～香～,,,,',
    ]);
    const again = readRakutenItems(bytes, { shopId: 'tea-shop' });
    expect(again.rejected).toEqual([]);
    const bySku = (list: readonly { sku: string }[]) => [...list].sort((a, b) => a.sku.localeCompare(b.sku));
    expect(bySku(again.products)).toEqual(bySku(read.products));
    expect(bySku(again.listings)).toEqual(bySku(read.listings));
    const sorted = (list: readonly MallQuantity[]) =>
      [...list].sort((a, b) => `${a.itemCode}/${a.skuCode}`.localeCompare(`${b.itemCode}/${b.skuCode}`));
    expect(sorted(again.quantities)).toEqual(sorted(read.quantities));
    expect(
      again.records
        .filter((r) => r.kind === 'sku')
        .map((r) => r.price)
        .sort(),
    ).toEqual([1080, 1320, 1320, 1980, 2750]);
  });

  it('reports what CP932 cannot hold, names that differ and listings it cannot write', () => {
    const file = writeRakutenItemCsv(
      {
        products: [
          { sku: 'KOME-1', name: '𠮷野家コラボ 米 5kg', temperatureZone: 'ambient' },
          { sku: 'KOME-2', name: '米 10kg', temperatureZone: 'ambient' },
        ],
        listings: [
          {
            id: 'r-1',
            channel: 'rakuten',
            shopId: 's',
            itemCode: 'kome',
            skuCode: '5kg',
            sku: 'KOME-1',
            multiplier: 1,
          },
          {
            id: 'r-2',
            channel: 'rakuten',
            shopId: 's',
            itemCode: 'kome',
            skuCode: '10kg',
            sku: 'KOME-2',
            multiplier: 1,
          },
          { id: 'r-3', channel: 'rakuten', shopId: 's', itemCode: 'kome', sku: 'KOME-2', multiplier: 1 },
          {
            id: 'r-4',
            channel: 'rakuten',
            shopId: 's',
            itemCode: 'お米',
            skuCode: 'x',
            sku: 'KOME-2',
            multiplier: 1,
          },
          {
            id: 'r-5',
            channel: 'rakuten',
            shopId: 's',
            itemCode: 'kome',
            skuCode: 'y',
            sku: 'GONE',
            multiplier: 1,
          },
        ],
      },
      { shopId: 's', extraColumns: [{ header: 'コントロールカラム', value: () => 'u' }] },
    );
    expect(file.ok).toBe(true);
    const own = file.issues.filter((i) => i.code.startsWith('malls.'));
    expect(own.map((i) => [i.code, i.data?.listingId ?? i.severity])).toEqual([
      ['malls.items.invalid_listing', 'r-3'],
      ['malls.items.invalid_listing', 'r-4'],
      ['malls.items.invalid_listing', 'r-5'],
      ['malls.items.names_differ', 'warning'],
    ]);
    const lost = file.issues.filter((i) => i.code.startsWith('cp932.'));
    expect(lost.map((i) => [i.code, i.severity, i.data?.char])).toEqual([
      ['cp932.substituted', 'warning', '𠮷'],
    ]);
    if (!file.ok) return;
    expect(file.value.text.split('\r\n')[0]).toBe(`${HEADER},コントロールカラム`);
    expect(file.value.text.split('\r\n')[2]).toBe('kome,,,5kg,KOME-1,,,u');
  });
});

describe('writeRakutenItemCsv byte limits', () => {
  it('cuts a 商品名 over 255 bytes (全角127文字) on a whole character and reports it with its line', () => {
    const listing = (id: string, itemCode: string, skuCode: string, sku: string) => ({
      id,
      channel: 'rakuten',
      shopId: 's',
      itemCode,
      skuCode,
      sku,
      multiplier: 1,
    });
    const file = writeRakutenItemCsv(
      {
        products: [
          { sku: 'A-1', name: '煎茶 100g', temperatureZone: 'ambient' },
          { sku: 'B-1', name: `${'深蒸し'.repeat(50)}煎茶`, temperatureZone: 'ambient' },
        ],
        listings: [listing('r-1', 'a', 'v1', 'A-1'), listing('r-2', 'b', 'v1', 'B-1')],
      },
      { shopId: 's', encoding: 'utf-8' },
    );
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const cut = `${'深蒸し'.repeat(42)}深`;
    expect(file.issues).toEqual([
      {
        code: 'malls.items.truncated',
        severity: 'warning',
        message: `楽天の商品「b」の「商品名」は255バイトを超えるため「${cut}」に切り詰めました（元の値「${'深蒸し'.repeat(50)}煎茶」）`,
        line: 4,
        data: { header: '商品名', maxBytes: 255, value: `${'深蒸し'.repeat(50)}煎茶`, written: cut },
      },
    ]);
    expect(file.value.text.split('\r\n')[3]).toBe(`b,,${cut},,,,`);
    const wider = writeRakutenItemCsv(
      {
        products: [{ sku: 'B-1', name: '深蒸し煎茶', temperatureZone: 'ambient' }],
        listings: [listing('r-2', 'b', 'v1', 'B-1')],
      },
      { shopId: 's', maxBytes: { name: 6 } },
    );
    expect(wider.ok && decodeText(wider.value.bytes, { encoding: 'cp932' }).text.split('\r\n')[1]).toBe(
      'b,,深蒸し,,,,',
    );
  });
});

describe('writeRakutenStockCsv', () => {
  it('writes absolute quantities by 商品管理番号 + SKU管理番号, leaving out what RMS refuses', () => {
    const upload: SyncUpload = {
      channel: 'rakuten',
      shopId: 'tea-shop',
      mode: 'delta',
      items: [
        {
          listingId: 'r-1',
          itemCode: 'Tea-Sencha',
          skuCode: 'sencha-100',
          quantity: 12,
          previous: 10,
          delta: 2,
        },
        { listingId: 'r-2', itemCode: 'tea-sencha', quantity: 3 },
        { listingId: 'r-3', itemCode: 'rice', skuCode: '5kg', quantity: 100_000 },
      ],
    };
    const file = writeRakutenStockCsv(upload, {
      encoding: 'utf-8',
      extraColumns: [{ header: '在庫あり時納期管理番号', value: (row) => (row.kind === 'sku' ? 1000 : '') }],
    });
    expect(file.ok && file.value.text).toBe(
      '商品管理番号（商品URL）,SKU管理番号,在庫数,在庫あり時納期管理番号\r\ntea-sencha,sencha-100,12,1000\r\n',
    );
    expect(file.issues.map((i) => i.data?.listingId)).toEqual(['r-2', 'r-3']);
  });
});

describe('readYahooItems', () => {
  const file = [
    'code,name,sub-code,quantity,allow-overdraft,stock-close',
    'tshirt,オーガニックTシャツ,,,0,0',
    'tshirt,オーガニックTシャツ,tshirt-red-m,5,0,0',
    'tshirt,,tshirt-red-l,2,0,0',
    'mug-hasami,波佐見焼 マグカップ 藍,,8,0,0',
    'お茶,煎茶,,1,0,0',
    'towel,今治タオル,towel wh,1,0,0',
    'mug-hasami,波佐見焼 マグカップ 藍,,4,0,0',
  ].join('\r\n');

  it('reads the 在庫 download: sub-codes as SKUs, an item without variations as its own SKU', () => {
    const read = readYahooItems(cp932(file), { shopId: 'mystore' });
    expect(read.counts).toEqual({ rows: 7, records: 4, rejected: 3, products: 3, listings: 3 });
    expect(read.products.map((p) => [p.sku, p.name])).toEqual([
      ['tshirt-red-m', 'オーガニックTシャツ'],
      ['tshirt-red-l', 'オーガニックTシャツ'],
      ['mug-hasami', '波佐見焼 マグカップ 藍'],
    ]);
    expect(read.listings.map((l) => [l.id, l.skuCode])).toEqual([
      ['yahoo:mystore:tshirt:tshirt-red-m', 'tshirt-red-m'],
      ['yahoo:mystore:tshirt:tshirt-red-l', 'tshirt-red-l'],
      ['yahoo:mystore:mug-hasami', undefined],
    ]);
    expect(read.records[0]).toMatchObject({ line: 2, kind: 'item' });
    expect(read.quantities).toEqual([
      { channel: 'yahoo', shopId: 'mystore', itemCode: 'tshirt', skuCode: 'tshirt-red-m', quantity: 5 },
      { channel: 'yahoo', shopId: 'mystore', itemCode: 'tshirt', skuCode: 'tshirt-red-l', quantity: 2 },
      { channel: 'yahoo', shopId: 'mystore', itemCode: 'mug-hasami', quantity: 8 },
    ]);
    expect(read.rejected.map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual([
      [6, ['malls.invalid_field']],
      [7, ['malls.invalid_field']],
      [8, ['malls.items.duplicate_mall_code']],
    ]);
    expect(read.rejected[0]?.issues[0]?.message).toBe(
      '6行目 (code お茶)の「code」は半角英数字とハイフンで99文字以内です',
    );
  });

  it('reads another export by naming its headers', () => {
    const read = readYahooItems('商品コード,商品名,個別商品コード,価格\r\nsencha,煎茶 100g,,1080\r\n', {
      shopId: 'mystore',
      headers: { itemCode: '商品コード', name: '商品名', skuCode: '個別商品コード', price: '価格' },
    });
    expect(read.records).toEqual([
      {
        line: 2,
        kind: 'sku',
        mallCode: { channel: 'yahoo', shopId: 'mystore', itemCode: 'sencha' },
        sku: 'sencha',
        skuDerived: false,
        name: '煎茶 100g',
        price: 1080,
      },
    ]);
  });
});
