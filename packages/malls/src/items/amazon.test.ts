import { encodeCp932 } from '@hakobu/core';
import { indexCatalog, MallQuantity } from '@hakobu/inventory';
import { describe, expect, it } from 'vitest';
import { expectRejectedRows } from '../testing/import-checks';
import { readAmazonItems } from './amazon';

function cp932(text: string): Uint8Array {
  const encoded = encodeCp932(text);
  if (!encoded.ok) throw new Error(JSON.stringify(encoded.issues));
  return encoded.value.bytes;
}

/** The columns of GET_MERCHANT_LISTINGS_ALL_DATA, in report order (SP-API report attribute list). */
const ALL_LISTINGS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
];

function row(fields: Readonly<Record<string, string>>): string {
  return ALL_LISTINGS.map((column) => fields[column] ?? '').join('\t');
}

function listing(
  sku: string,
  name: string,
  price: string,
  quantity: string,
  asin: string,
  fba = false,
): string {
  return row({
    'item-name': name,
    'listing-id': `0115${asin.slice(-6)}`,
    'seller-sku': sku,
    price,
    quantity,
    'open-date': '2025-11-03 10:12:45 JST',
    'item-is-marketplace': 'y',
    'product-id-type': '1',
    'item-condition': '11',
    asin1: asin,
    'product-id': asin,
    'pending-quantity': '0',
    'fulfillment-channel': fba ? 'AMAZON_JP' : 'DEFAULT',
    'merchant-shipping-group': '移行済みテンプレート',
    status: 'Active',
  });
}

/** An All Listings Report (invented shop data), tab-separated, as Seller Central JP downloads it. */
const report = [
  ALL_LISTINGS.join('\t'),
  listing('SENCHA-100', '静岡県産 深蒸し煎茶 100g 髙級 ～香～', '1080', '25', 'B0EXAMPLE1'),
  listing('SENCHA-200', '静岡県産 深蒸し煎茶 200g', '1,980', '0', 'B0EXAMPLE2'),
  listing('TOWEL-WH', '"今治" フェイスタオル ㈱白雲 ①', '1320', '', 'B0EXAMPLE3', true),
  listing('MUG-BL', '波佐見焼 マグカップ 藍 "限定"', '2750.00', '8', 'B0EXAMPLE4'),
].join('\r\n');

describe('readAmazonItems', () => {
  it('reads a CP932 listings report: one SKU per row, seller-sku as mall code and master SKU', () => {
    const read = readAmazonItems(cp932(report), { shopId: 'amazon-jp' });
    expect(read.rejected).toEqual([]);
    expect(read.issues).toEqual([]);
    expect(read.counts).toEqual({ rows: 4, records: 4, rejected: 0, products: 4, listings: 4 });
    expect(read.listings[0]).toEqual({
      id: 'amazon:amazon-jp:SENCHA-100',
      channel: 'amazon',
      shopId: 'amazon-jp',
      itemCode: 'SENCHA-100',
      sku: 'SENCHA-100',
      multiplier: 1,
    });
    expect(read.listings.every((l) => l.skuCode === undefined)).toBe(true);
    expect(read.records.map((r) => [r.line, r.kind, r.sku, r.price, r.quantity, r.asin])).toEqual([
      [2, 'sku', 'SENCHA-100', 1080, 25, 'B0EXAMPLE1'],
      [3, 'sku', 'SENCHA-200', 1980, 0, 'B0EXAMPLE2'],
      [4, 'sku', 'TOWEL-WH', 1320, undefined, 'B0EXAMPLE3'],
      [5, 'sku', 'MUG-BL', 2750, 8, 'B0EXAMPLE4'],
    ]);
    // The report does not quote: a leading or inner `"` stays part of the name.
    expect(read.products.map((p) => p.name)).toEqual([
      '静岡県産 深蒸し煎茶 100g 髙級 ～香～',
      '静岡県産 深蒸し煎茶 200g',
      '"今治" フェイスタオル ㈱白雲 ①',
      '波佐見焼 マグカップ 藍 "限定"',
    ]);
    // The FBA row has no 数量: Amazon keeps its stock, so it has no mall quantity.
    expect(read.quantities.map((q) => [q.itemCode, q.quantity])).toEqual([
      ['SENCHA-100', 25],
      ['SENCHA-200', 0],
      ['MUG-BL', 8],
    ]);
    expect(read.quantities.every((q) => MallQuantity.safeParse(q).success)).toBe(true);
    expect(indexCatalog({ products: read.products, listings: read.listings }).ok).toBe(true);
  });

  it('gives the same result when the same file is read again', () => {
    const bytes = cp932(report);
    expect(readAmazonItems(bytes, { shopId: 'amazon-jp' })).toEqual(
      readAmazonItems(bytes, { shopId: 'amazon-jp' }),
    );
  });

  it('rejects bad rows with their line and a Japanese reason; rows in = records + rejected', () => {
    const file = [
      ALL_LISTINGS.join('\t'),
      listing('SENCHA-100', '深蒸し煎茶 100g', '1080', '25', 'B0EXAMPLE1'),
      listing('SENCHA-100', '深蒸し煎茶 100g 再出品', '1080', '3', 'B0EXAMPLE9'),
      listing('KOME-5KG', '新米 コシヒカリ 5kg', '3,980円', '4', 'B0EXAMPLE5'),
      listing('KOME-10KG', '新米 コシヒカリ 10kg', '7480', '-2', 'B0EXAMPLE6'),
      listing('', '出品者SKUのない行', '500', '1', 'B0EXAMPLE7'),
      listing('NORI-SET', '', '1500', '1', 'B0EXAMPLE8'),
      listing('X'.repeat(41), '長すぎるSKU', '500', '1', 'B0EXAMPLEA'),
      'TRUNCATED\tROW',
      listing('MATCHA-30', '宇治抹茶 30g', '1620', '12', 'B0EXAMPLEB'),
    ].join('\n');
    const read = readAmazonItems(file, { shopId: 'amazon-jp' });
    expect(read.counts).toEqual({ rows: 9, records: 2, rejected: 7, products: 2, listings: 2 });
    expectRejectedRows(read, [
      [3, ['malls.items.duplicate_mall_code'], '3行目: Amazonの商品「SENCHA-100」は2行目と重複しています'],
      [4, ['malls.invalid_field'], '4行目 (seller-sku KOME-5KG)の「price」が整数ではありません: "3,980円"'],
      [5, ['malls.invalid_field'], '5行目 (seller-sku KOME-10KG)の「quantity」が0未満です: -2'],
      [6, ['malls.invalid_field'], '6行目 (seller-sku 空)の「seller-sku」が空です'],
      [7, ['malls.invalid_field'], '7行目 (seller-sku NORI-SET)の「item-name」が空で、商品行にもありません'],
      [
        8,
        ['malls.invalid_field'],
        expect.stringContaining('「seller-sku」はタブや改行を含まない40文字以内です'),
      ],
      [9, ['csv.field_count'], expect.stringContaining('9行目の列の数が2列です')],
    ]);
    expect(read.records.map((r) => r.sku)).toEqual(['SENCHA-100', 'MATCHA-30']);
  });

  it('reads Japanese headers, and never takes 在庫数 (pending-quantity) for 数量', () => {
    const header = [
      '商品名',
      '出品ID',
      '出品者SKU',
      '価格',
      '数量',
      '出品日',
      '在庫数',
      'ASIN 1',
      'ステータス',
    ];
    const file = [
      header.join('\t'),
      [
        '宇治抹茶 30g',
        '0115AAAA01',
        'MATCHA-30',
        '1620',
        '12',
        '2025/11/03',
        '3',
        'B0EXAMPLEB',
        'Active',
      ].join('\t'),
    ].join('\r\n');
    const read = readAmazonItems(cp932(file), { shopId: 'amazon-jp' });
    expect(read.records).toEqual([
      {
        line: 2,
        kind: 'sku',
        mallCode: { channel: 'amazon', shopId: 'amazon-jp', itemCode: 'MATCHA-30' },
        sku: 'MATCHA-30',
        skuDerived: false,
        name: '宇治抹茶 30g',
        price: 1620,
        quantity: 12,
        asin: 'B0EXAMPLEB',
      },
    ]);
  });

  it('takes a master SKU rule and renamed headers', () => {
    const read = readAmazonItems('sku\ttitle\nAMZ-SENCHA-100\t深蒸し煎茶 100g\n', {
      shopId: 'amazon-jp',
      headers: { itemCode: 'sku', name: 'title' },
      masterSku: (row) => row.itemCode.replace(/^AMZ-/, ''),
    });
    expect(read.listings.map((l) => [l.itemCode, l.sku])).toEqual([['AMZ-SENCHA-100', 'SENCHA-100']]);
  });
});
