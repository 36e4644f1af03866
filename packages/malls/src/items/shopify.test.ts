import { indexCatalog, MallQuantity } from '@hakobu/inventory';
import { describe, expect, it } from 'vitest';
import { expectRejectedRows } from '../testing/import-checks';
import { readShopifyItems } from './shopify';

/** The product CSV header of an older Shopify export (Variant … columns). */
const HEADER = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Vendor',
  'Type',
  'Tags',
  'Published',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Variant SKU',
  'Variant Grams',
  'Variant Inventory Tracker',
  'Variant Inventory Qty',
  'Variant Inventory Policy',
  'Variant Fulfillment Service',
  'Variant Price',
  'Variant Compare At Price',
  'Variant Requires Shipping',
  'Variant Taxable',
  'Variant Barcode',
  'Image Src',
  'Image Position',
  'Image Alt Text',
  'Gift Card',
  'Status',
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function row(fields: Readonly<Record<string, string>>): string {
  return HEADER.map((column) => csvCell(fields[column] ?? '')).join(',');
}

const image = (handle: string, position: string) =>
  row({
    Handle: handle,
    'Image Src': `https://cdn.example.com/${handle}-${position}.jpg`,
    'Image Position': position,
  });

/** A Shopify product export (invented shop data), UTF-8 as Shopify writes it. */
const exportFile = [
  HEADER.join(','),
  row({
    Handle: 'organic-tee',
    Title: 'オーガニックコットン Tシャツ',
    'Body (HTML)': '<p>やわらかな着心地。\n洗濯機で洗えます。</p>',
    Vendor: '白雲',
    Published: 'TRUE',
    'Option1 Name': 'カラー',
    'Option1 Value': '赤',
    'Option2 Name': 'サイズ',
    'Option2 Value': 'M',
    'Variant SKU': 'TEE-RED-M',
    'Variant Inventory Tracker': 'shopify',
    'Variant Inventory Qty': '5',
    'Variant Price': '3300.00',
    'Image Src': 'https://cdn.example.com/organic-tee-1.jpg',
    'Image Position': '1',
    Status: 'active',
  }),
  row({
    Handle: 'organic-tee',
    'Option1 Value': '赤',
    'Option2 Value': 'L',
    'Variant SKU': 'TEE-RED-L',
    'Variant Inventory Tracker': 'shopify',
    'Variant Inventory Qty': '2',
    'Variant Price': '3300.00',
  }),
  image('organic-tee', '2'),
  row({
    Handle: 'tote-bag',
    Title: '帆布トートバッグ ㈱白雲',
    'Option1 Name': 'カラー',
    'Option1 Value': '生成り',
    'Variant Inventory Tracker': 'shopify',
    'Variant Inventory Qty': '7',
    'Variant Price': '4400',
    Status: 'active',
  }),
  row({
    Handle: 'tote-bag',
    'Option1 Value': 'ネイビー',
    'Variant Inventory Tracker': 'shopify',
    'Variant Inventory Qty': '0',
    'Variant Price': '4400',
  }),
  row({
    Handle: 'gift-card',
    Title: 'ギフトカード',
    'Option1 Name': 'Title',
    'Option1 Value': 'Default Title',
    'Variant Inventory Tracker': '',
    'Variant Inventory Qty': '0',
    'Variant Price': '5000',
    'Gift Card': 'TRUE',
    Status: 'active',
  }),
  image('gift-card', '2'),
].join('\r\n');

describe('readShopifyItems', () => {
  it('reads variants grouped by Handle: Title from the first row, codes from SKU or option values', () => {
    const read = readShopifyItems(exportFile, { shopId: 'my-store' });
    expect(read.rejected).toEqual([]);
    expect(read.issues).toEqual([]);
    // The first product's description spans two lines, so later rows sit one line further down.
    expect(read.counts).toEqual({ rows: 7, records: 7, rejected: 0, products: 5, listings: 5 });
    expect(read.records.map((r) => [r.line, r.kind])).toEqual([
      [2, 'sku'],
      [4, 'sku'],
      [5, 'extra'],
      [6, 'sku'],
      [7, 'sku'],
      [8, 'sku'],
      [9, 'extra'],
    ]);
    expect(read.listings.map((l) => [l.id, l.itemCode, l.skuCode, l.sku])).toEqual([
      ['shopify:my-store:organic-tee:TEE-RED-M', 'organic-tee', 'TEE-RED-M', 'TEE-RED-M'],
      ['shopify:my-store:organic-tee:TEE-RED-L', 'organic-tee', 'TEE-RED-L', 'TEE-RED-L'],
      ['shopify:my-store:tote-bag:生成り', 'tote-bag', '生成り', 'tote-bag-生成り'],
      ['shopify:my-store:tote-bag:ネイビー', 'tote-bag', 'ネイビー', 'tote-bag-ネイビー'],
      ['shopify:my-store:gift-card', 'gift-card', undefined, 'gift-card'],
    ]);
    expect(read.products.map((p) => p.name)).toEqual([
      'オーガニックコットン Tシャツ',
      'オーガニックコットン Tシャツ',
      '帆布トートバッグ ㈱白雲',
      '帆布トートバッグ ㈱白雲',
      'ギフトカード',
    ]);
    expect(read.records[3]).toMatchObject({
      sku: 'tote-bag-生成り',
      skuDerived: true,
      price: 4400,
      quantity: 7,
    });
    expect(read.records[2]).toEqual({
      line: 5,
      kind: 'extra',
      mallCode: { channel: 'shopify', shopId: 'my-store', itemCode: 'organic-tee' },
      name: 'オーガニックコットン Tシャツ',
      note: '商品画像だけの行（バリエーションなし）',
    });
    // A blank Variant Inventory Tracker: Shopify does not count the gift card's stock.
    expect(read.records[5]).toMatchObject({ kind: 'sku', sku: 'gift-card', unlimited: true, price: 5000 });
    expect(read.records[5]?.quantity).toBeUndefined();
    expect(read.quantities.map((q) => [q.itemCode, q.skuCode, q.quantity])).toEqual([
      ['organic-tee', 'TEE-RED-M', 5],
      ['organic-tee', 'TEE-RED-L', 2],
      ['tote-bag', '生成り', 7],
      ['tote-bag', 'ネイビー', 0],
    ]);
    expect(read.quantities.every((q) => MallQuantity.safeParse(q).success)).toBe(true);
    expect(indexCatalog({ products: read.products, listings: read.listings }).ok).toBe(true);
  });

  it('gives the same result when the same file is read again', () => {
    expect(readShopifyItems(exportFile, { shopId: 'my-store' })).toEqual(
      readShopifyItems(exportFile, { shopId: 'my-store' }),
    );
  });

  it('rejects bad rows with their line and a Japanese reason; rows in = records + rejected', () => {
    const file = [
      HEADER.join(','),
      row({
        Handle: 'hojicha',
        Title: 'ほうじ茶 ティーバッグ',
        'Option1 Name': '入数',
        'Option1 Value': '10個',
        'Variant SKU': 'HOJI-10',
        'Variant Price': '980',
        'Variant Inventory Tracker': 'shopify',
        'Variant Inventory Qty': '12',
      }),
      row({
        Handle: 'hojicha',
        'Option1 Value': '30個',
        'Variant SKU': 'HOJI-10',
        'Variant Price': '2480',
        'Variant Inventory Tracker': 'shopify',
        'Variant Inventory Qty': '4',
      }),
      row({
        Handle: 'hojicha',
        'Option1 Value': '50個',
        'Variant SKU': 'HOJI-50',
        'Variant Price': '3980.50',
        'Variant Inventory Tracker': 'shopify',
        'Variant Inventory Qty': '1',
      }),
      row({
        Handle: 'my bag',
        Title: '帆布バッグ',
        'Option1 Value': 'Default Title',
        'Variant Price': '4400',
      }),
      row({
        Handle: 'no-title',
        'Option1 Value': 'Default Title',
        'Variant SKU': 'NT-1',
        'Variant Price': '500',
      }),
      row({
        Handle: 'sencha',
        Title: '深蒸し煎茶',
        'Option1 Value': 'Default Title',
        'Variant SKU': 'SENCHA-100',
        'Variant Price': '1080',
        'Variant Inventory Tracker': 'shopify',
        'Variant Inventory Qty': '-1',
      }),
    ].join('\n');
    const read = readShopifyItems(file, { shopId: 'my-store' });
    expect(read.counts).toEqual({ rows: 6, records: 1, rejected: 5, products: 1, listings: 1 });
    expectRejectedRows(read, [
      [
        3,
        ['malls.items.duplicate_mall_code'],
        '3行目: Shopifyの商品「hojicha」 SKU「HOJI-10」は2行目と重複しています',
      ],
      [
        4,
        ['malls.invalid_field'],
        '4行目 (Handle hojicha)の「Variant Price」が整数ではありません: "3980.50"',
      ],
      [5, ['malls.invalid_field'], '5行目 (Handle my bag)の「Handle」は空白を含まない255文字以内です'],
      [6, ['malls.invalid_field'], '6行目 (Handle no-title)の「Title」が空で、商品行にもありません'],
      [7, ['malls.invalid_field'], '7行目 (Handle sencha)の「Variant Inventory Qty」が0未満です: -1'],
    ]);
  });

  it('reads the current export headers (URL handle, SKU, Price, Inventory quantity)', () => {
    const file = [
      'Title,URL handle,Description,Vendor,SKU,Option1 name,Option1 value,Price,Inventory tracker,Inventory quantity',
      '宇治抹茶 30g,uji-matcha,,白雲,MATCHA-30,Title,Default Title,1620,shopify,12',
    ].join('\n');
    const read = readShopifyItems(file, { shopId: 'my-store' });
    expect(read.records).toEqual([
      {
        line: 2,
        kind: 'sku',
        mallCode: { channel: 'shopify', shopId: 'my-store', itemCode: 'uji-matcha', skuCode: 'MATCHA-30' },
        sku: 'MATCHA-30',
        skuDerived: false,
        name: '宇治抹茶 30g',
        price: 1620,
        quantity: 12,
      },
    ]);
  });

  it('reads a multi-location export without stock columns: no quantities, no unlimited flag', () => {
    const read = readShopifyItems(
      'Handle,Title,Option1 Value,Variant SKU,Variant Price\nsencha,煎茶,Default Title,S-1,1080\n',
      {
        shopId: 'my-store',
      },
    );
    expect(read.quantities).toEqual([]);
    expect(read.records[0]).not.toHaveProperty('unlimited');
    expect(read.records[0]).toMatchObject({ sku: 'S-1', price: 1080 });
  });
});
