import { encodeCp932 } from '@hakobu/core';
import { indexCatalog, MallQuantity } from '@hakobu/inventory';
import { describe, expect, it } from 'vitest';
import { expectRejectedRows } from '../testing/import-checks';
import { readEccubeItems } from './eccube';

function cp932(text: string): Uint8Array {
  const encoded = encodeCp932(text);
  if (!encoded.ok) throw new Error(JSON.stringify(encoded.issues));
  return encoded.value.bytes;
}

/** The default 商品CSV columns (csv_type 1, enabled in EC-CUBE's dtb_csv seed), in their order. */
const HEADER = [
  '商品ID',
  '公開ステータス(ID)',
  '公開ステータス(名称)',
  '商品名',
  'ショップ用メモ欄',
  '商品説明(一覧)',
  '商品説明(詳細)',
  '検索ワード',
  'フリーエリア',
  '商品規格ID',
  '販売種別(ID)',
  '販売種別(名称)',
  '規格分類1(ID)',
  '規格分類1(名称)',
  '規格分類2(ID)',
  '規格分類2(名称)',
  '発送日目安(ID)',
  '発送日目安(名称)',
  '商品コード',
  '在庫数',
  '在庫数無制限フラグ',
  '販売制限数',
  '通常価格',
  '販売価格',
  '商品画像',
  '商品カテゴリ(ID)',
  '商品カテゴリ(名称)',
  'タグ(ID)',
  'タグ(名称)',
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function row(header: readonly string[], fields: Readonly<Record<string, string>>): string {
  return header.map((column) => csvCell(fields[column] ?? '')).join(',');
}

const product = (id: string, name: string, detail = '') => ({
  商品ID: id,
  '公開ステータス(ID)': '1',
  '公開ステータス(名称)': '公開',
  商品名: name,
  '商品説明(詳細)': detail,
  '販売種別(ID)': '1',
  '販売種別(名称)': '販売種別A',
  '商品カテゴリ(ID)': '2,6',
  '商品カテゴリ(名称)': 'アイス,新入荷',
});

/** An EC-CUBE 4 商品CSV download (invented shop data), CP932 as EC-CUBE writes it. */
const lines = [
  HEADER.join(','),
  // 規格 product: its 規格なし class (hidden by EC-CUBE) and two 規格 classes.
  row(HEADER, {
    ...product('1', '彩のジェラートCUBE', '濃厚な\n口どけ'),
    商品規格ID: '1',
    在庫数: '',
    在庫数無制限フラグ: '1',
    販売価格: '2800.00',
  }),
  row(HEADER, {
    ...product('1', '彩のジェラートCUBE', '濃厚な\n口どけ'),
    商品規格ID: '2',
    '規格分類1(ID)': '3',
    '規格分類1(名称)': 'チョコ',
    '規格分類2(ID)': '6',
    '規格分類2(名称)': '16mm × 16mm',
    商品コード: 'cube-01',
    在庫数: '10',
    在庫数無制限フラグ: '',
    販売価格: '2800.00',
  }),
  row(HEADER, {
    ...product('1', '彩のジェラートCUBE', '濃厚な\n口どけ'),
    商品規格ID: '3',
    '規格分類1(ID)': '4',
    '規格分類1(名称)': '抹茶',
    '規格分類2(ID)': '6',
    '規格分類2(名称)': '16mm × 16mm',
    商品コード: 'cube-02',
    在庫数: '0',
    在庫数無制限フラグ: '0',
    販売価格: '3000.00',
  }),
  // 規格なし products: one sells without a stock count, one has no 商品コード.
  row(HEADER, {
    ...product('2', 'チェリーアイスサンド ①'),
    商品規格ID: '10',
    商品コード: 'sand-01',
    在庫数: '',
    在庫数無制限フラグ: '1',
    販売価格: '3080.00',
  }),
  row(HEADER, {
    ...product('3', '髙級 深蒸し煎茶'),
    商品規格ID: '11',
    在庫数: '25',
    在庫数無制限フラグ: '',
    販売価格: '1000',
  }),
];
const download = lines.join('\r\n');

describe('readEccubeItems', () => {
  it('reads 商品規格 rows: 規格 as SKUs, the 規格なし row as parent or as the product itself', () => {
    const read = readEccubeItems(cp932(download), { shopId: 'own-site' });
    expect(read.rejected).toEqual([]);
    expect(read.issues).toEqual([]);
    expect(read.counts).toEqual({ rows: 5, records: 5, rejected: 0, products: 4, listings: 4 });
    // Each 彩のジェラート row spans two lines (商品説明(詳細) holds a line break).
    expect(read.records.map((r) => [r.line, r.kind])).toEqual([
      [2, 'item'],
      [4, 'sku'],
      [6, 'sku'],
      [8, 'sku'],
      [9, 'sku'],
    ]);
    expect(read.listings.map((l) => [l.id, l.skuCode, l.sku])).toEqual([
      ['eccube:own-site:1:2', '2', 'cube-01'],
      ['eccube:own-site:1:3', '3', 'cube-02'],
      ['eccube:own-site:2', undefined, 'sand-01'],
      ['eccube:own-site:3', undefined, '3-11'],
    ]);
    expect(read.records[4]).toMatchObject({ sku: '3-11', skuDerived: true, name: '髙級 深蒸し煎茶' });
    expect(read.records[1]).toMatchObject({ price: 2800, quantity: 10, skuDerived: false });
    // 在庫数無制限フラグ = 1: recorded as unlimited, no invented number, no mall quantity.
    expect(read.records[3]).toMatchObject({ kind: 'sku', sku: 'sand-01', unlimited: true, price: 3080 });
    expect(read.records[3]?.quantity).toBeUndefined();
    expect(read.quantities.map((q) => [q.itemCode, q.skuCode, q.quantity])).toEqual([
      ['1', '2', 10],
      ['1', '3', 0],
      ['3', undefined, 25],
    ]);
    expect(read.quantities.every((q) => MallQuantity.safeParse(q).success)).toBe(true);
    expect(indexCatalog({ products: read.products, listings: read.listings }).ok).toBe(true);
  });

  it('gives the same result when the same file is read again', () => {
    const bytes = cp932(download);
    expect(readEccubeItems(bytes, { shopId: 'own-site' })).toEqual(
      readEccubeItems(bytes, { shopId: 'own-site' }),
    );
  });

  it('rejects bad rows with their line and a Japanese reason; rows in = records + rejected', () => {
    const file = [
      HEADER.join(','),
      row(HEADER, {
        ...product('5', '宇治抹茶'),
        商品規格ID: '20',
        商品コード: 'uji-30',
        在庫数: '5',
        販売価格: '1620',
      }),
      row(HEADER, {
        ...product('6', '玄米茶'),
        商品規格ID: '21',
        在庫数: '5',
        在庫数無制限フラグ: 'はい',
        販売価格: '800',
      }),
      row(HEADER, { ...product('7', 'ほうじ茶'), 商品規格ID: '22', 在庫数: '3', 販売価格: '1,000.5' }),
      row(HEADER, {
        ...product('8', '番茶'),
        商品規格ID: 'x9',
        '規格分類1(ID)': '3',
        在庫数: '3',
        販売価格: '500',
      }),
      row(HEADER, { ...product('9', ''), 商品規格ID: '24', 在庫数: '1', 販売価格: '500' }),
      row(HEADER, { ...product('商品10', '茶器'), 商品規格ID: '25', 在庫数: '1', 販売価格: '5000' }),
      row(HEADER, {
        ...product('5', '宇治抹茶'),
        商品規格ID: '26',
        商品コード: 'uji-30b',
        在庫数: '2',
        販売価格: '1620',
      }),
    ].join('\r\n');
    const read = readEccubeItems(cp932(file), { shopId: 'own-site' });
    expect(read.counts).toEqual({ rows: 7, records: 1, rejected: 6, products: 1, listings: 1 });
    expectRejectedRows(read, [
      [3, ['malls.invalid_field'], '3行目 (商品ID 6)の「在庫数無制限フラグ」は1（無制限）か0または空欄です'],
      [4, ['malls.invalid_field'], '4行目 (商品ID 7)の「販売価格」が整数ではありません: "1,000.5"'],
      [5, ['malls.invalid_field'], '5行目 (商品ID 8)の「商品規格ID」は半角数字です'],
      [6, ['malls.invalid_field'], '6行目 (商品ID 9)の「商品名」が空で、商品行にもありません'],
      [7, ['malls.invalid_field'], '7行目 (商品ID 商品10)の「商品ID」は半角数字です'],
      [8, ['malls.items.duplicate_mall_code'], '8行目: EC-CUBEの商品「5」は2行目と重複しています'],
    ]);
  });

  it('keeps 規格 hidden in the shop as extra records when 商品規格表示フラグ is exported', () => {
    const header = [...HEADER, '商品規格表示フラグ'];
    const file = [
      header.join(','),
      // 規格 were removed: the 規格なし class is visible again, the old 規格 classes are hidden.
      row(header, {
        ...product('4', '有田焼 湯呑'),
        商品規格ID: '30',
        商品コード: 'yunomi',
        在庫数: '6',
        販売価格: '2200',
        商品規格表示フラグ: '1',
      }),
      row(header, {
        ...product('4', '有田焼 湯呑'),
        商品規格ID: '31',
        '規格分類1(ID)': '8',
        商品コード: 'yunomi-blue',
        在庫数: '0',
        販売価格: '2200',
        商品規格表示フラグ: '',
      }),
    ].join('\r\n');
    const read = readEccubeItems(file, { shopId: 'own-site' });
    expect(read.records.map((r) => [r.kind, r.sku, r.note])).toEqual([
      ['sku', 'yunomi', undefined],
      ['extra', undefined, '非表示の商品規格（商品規格表示フラグが1ではありません）'],
    ]);
    expect(read.listings.map((l) => l.id)).toEqual(['eccube:own-site:4']);
  });
});
