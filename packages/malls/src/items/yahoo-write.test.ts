import { decodeText } from '@hakobu/core';
import type { Listing, Product } from '@hakobu/inventory';
import { describe, expect, it } from 'vitest';
import { readYahooItems } from './yahoo';
import { writeYahooItemCsv } from './yahoo-write';

const products: Product[] = [
  { sku: 'SENCHA-100', name: '静岡県産 深蒸し煎茶 100g 髙級 ～香～', temperatureZone: 'ambient' },
  { sku: 'TEE-RED-M', name: 'オーガニックTシャツ ㈱白雲', temperatureZone: 'ambient' },
  { sku: 'TEE-RED-L', name: 'オーガニックTシャツ ㈱白雲', temperatureZone: 'ambient' },
  { sku: 'MUG-BL', name: '波佐見焼 マグカップ 藍', temperatureZone: 'ambient' },
];

const yahoo = (id: string, itemCode: string, sku: string, skuCode?: string): Listing => ({
  id,
  channel: 'yahoo',
  shopId: 'mystore',
  itemCode,
  ...(skuCode === undefined ? {} : { skuCode }),
  sku,
  multiplier: 1,
});

const listings: Listing[] = [
  yahoo('y-1', 'sencha100', 'SENCHA-100'),
  yahoo('y-2', 'tshirt', 'TEE-RED-M', 'tshirt-red-m'),
  yahoo('y-3', 'tshirt', 'TEE-RED-L', 'tshirt-red-l'),
  yahoo('y-4', 'mug-hasami', 'MUG-BL'),
  {
    id: 'r-1',
    channel: 'rakuten',
    shopId: 'mystore',
    itemCode: 'x',
    skuCode: 'y',
    sku: 'MUG-BL',
    multiplier: 1,
  },
  { ...yahoo('y-9', 'sencha100', 'SENCHA-100'), shopId: 'other-store' },
];

const prices = { 'SENCHA-100': 1080, 'TEE-RED-M': 3300, 'TEE-RED-L': 3300, 'MUG-BL': 2750 };
const paths = { sencha100: '日本茶:煎茶', tshirt: 'ファッション:Tシャツ' };

describe('writeYahooItemCsv', () => {
  it('writes one CP932 data.csv row per 商品コード: path, name, code, price', () => {
    const file = writeYahooItemCsv(
      { products, listings, prices, paths },
      { shopId: 'mystore', defaultPath: '食器:マグカップ' },
    );
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(decodeText(file.value.bytes, { encoding: 'cp932' }).text).toBe(file.value.text);
    expect(file.value.text.split('\r\n')).toEqual([
      'path,name,code,price',
      '食器:マグカップ,波佐見焼 マグカップ 藍,mug-hasami,2750',
      '日本茶:煎茶,静岡県産 深蒸し煎茶 100g 髙級 ～香～,sencha100,1080',
      'ファッション:Tシャツ,オーガニックTシャツ ㈱白雲,tshirt,3300',
      '',
    ]);
    // 個別商品コード are not written (format unconfirmed): said, not dropped silently.
    expect(file.issues.map((i) => [i.code, i.severity, i.data?.itemCodes])).toEqual([
      ['malls.items.sub_codes_not_written', 'info', ['tshirt']],
    ]);
  });

  it('reads back with readYahooItems where the columns overlap (code, name, price)', () => {
    const file = writeYahooItemCsv(
      { products, listings, prices, paths },
      { shopId: 'mystore', defaultPath: '食器' },
    );
    if (!file.ok) throw new Error('not written');
    const read = readYahooItems(file.value.bytes, { shopId: 'mystore' });
    expect(read.rejected).toEqual([]);
    expect(read.records.map((r) => [r.mallCode.itemCode, r.name, r.price])).toEqual([
      ['mug-hasami', '波佐見焼 マグカップ 藍', 2750],
      ['sencha100', '静岡県産 深蒸し煎茶 100g 髙級 ～香～', 1080],
      ['tshirt', 'オーガニックTシャツ ㈱白雲', 3300],
    ]);
  });

  it('reports what CP932 cannot hold, a name cut to 150 bytes, and items it cannot write', () => {
    const long = `${'国産茶'.repeat(30)}ほうじ茶`;
    const file = writeYahooItemCsv(
      {
        products: [
          { sku: 'KOME-5', name: '𠮷田農園の新米 5kg', temperatureZone: 'ambient' },
          { sku: 'HOJI', name: long, temperatureZone: 'ambient' },
          { sku: 'TEE-M', name: 'Tシャツ M', temperatureZone: 'ambient' },
          { sku: 'TEE-L', name: 'Tシャツ L', temperatureZone: 'ambient' },
          { sku: 'NO-PRICE', name: '価格未定', temperatureZone: 'ambient' },
        ],
        listings: [
          yahoo('y-1', 'kome5', 'KOME-5'),
          yahoo('y-2', 'hojicha', 'HOJI'),
          yahoo('y-3', 'tee', 'TEE-M', 'tee-m'),
          yahoo('y-4', 'tee', 'TEE-L', 'tee-l'),
          yahoo('y-5', 'お米', 'KOME-5'),
          yahoo('y-6', 'gone', 'GONE'),
          yahoo('y-7', 'noprice', 'NO-PRICE'),
          yahoo('y-8', 'nopath', 'KOME-5'),
        ],
        prices: { 'KOME-5': 2980, HOJI: 980, 'TEE-M': 3300, 'TEE-L': 3500 },
        paths: { kome5: '米', hojicha: '日本茶', tee: 'Tシャツ', noprice: '未定' },
        productCategories: { kome5: 2498, hojicha: 1405 },
      },
      {
        shopId: 'mystore',
        extraColumns: [
          { header: 'sub-code', value: (row) => row.listings.map((l) => l.skuCode ?? '').join('&') },
        ],
      },
    );
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(
      file.issues.map((i) => [i.code, i.severity, i.data?.listingId ?? i.data?.itemCode ?? i.line]),
    ).toEqual([
      ['malls.items.invalid_listing', 'error', 'y-5'],
      ['malls.items.invalid_listing', 'error', 'y-6'],
      ['malls.items.incomplete_item', 'error', 'nopath'],
      ['malls.items.incomplete_item', 'error', 'noprice'],
      ['malls.items.names_differ', 'warning', 'tee'],
      ['malls.items.prices_differ', 'warning', 'tee'],
      ['malls.items.truncated', 'warning', 2],
      ['cp932.substituted', 'warning', 3],
    ]);
    const cut = file.issues.find((i) => i.code === 'malls.items.truncated');
    expect(cut?.message).toContain('Yahoo!の商品「hojicha」の「name」は150バイトを超えるため');
    expect(cut?.data?.written).toBe('国産茶'.repeat(25));
    const lost = file.issues.find((i) => i.code === 'cp932.substituted');
    expect([lost?.data?.char, lost?.data?.substitute, lost?.data?.header]).toEqual(['𠮷', '吉', 'name']);
    expect(lost?.message).toMatch(/^Yahoo!の商品「kome5」の「name」: /);
    const lines = file.value.text.split('\r\n');
    expect(lines[0]).toBe('path,name,code,price,product-category,sub-code');
    expect(lines.slice(1, 4)).toEqual([
      `日本茶,${'国産茶'.repeat(25)},hojicha,980,1405,`,
      '米,吉田農園の新米 5kg,kome5,2980,2498,',
      'Tシャツ,Tシャツ M,tee,3500,,tee-m&tee-l',
    ]);
  });

  it('renames headers and limits', () => {
    const file = writeYahooItemCsv(
      { products, listings: [yahoo('y-1', 'sencha100', 'SENCHA-100')], prices, paths },
      { shopId: 'mystore', encoding: 'utf-8', headers: { price: 'sale-price' }, maxBytes: { name: 8 } },
    );
    expect(file.ok && file.value.text).toBe(
      'path,name,code,sale-price\r\n日本茶:煎茶,静岡県産,sencha100,1080\r\n',
    );
  });
});
