// Writes the bundled sample: the orders a shop sends its warehouse for one day, as a hakobu standard CSV
// (hakobu標準受注CSV) in UTF-8 with BOM, as a cart that is not a mall would export it. Run from the repository
// root: `node examples/warehouse/sample/generate.mjs`; the test checks the committed file is what it writes.
//
// Names are invented; postal codes and towns are real (Japan Post KEN_ALL). What each order is for:
//   HK-1001 𠮷田 — 𠮷 is not in CP932: the label writes 吉 and says so
//   HK-1002 井上 — 代金引換: B2 コレクト with the tax inside the amount
//   HK-1003 木村 — a frozen and an ambient item: the warehouse packs them apart (伝票分割 by temperature)
//   HK-1004 清水 — a gift to two addresses with のし: two slips, お届け明細書 without prices
//   HK-1005 林   — a building on its own address line, a requested date and 19時～21時
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeCsv } from '@hakobu/core';

const HEADER = [
  '受注番号',
  '注文日時',
  'ステータス',
  '支払方法',
  '注文者氏名',
  '注文者フリガナ',
  '注文者郵便番号',
  '注文者都道府県',
  '注文者住所1',
  '注文者住所2',
  '注文者電話番号',
  '注文者メールアドレス',
  '送付先番号',
  'お届け先氏名',
  'お届け先フリガナ',
  'お届け先郵便番号',
  'お届け先都道府県',
  'お届け先住所1',
  'お届け先住所2',
  'お届け先電話番号',
  'お届け希望日',
  'お届け時間帯',
  '明細番号',
  '商品コード',
  'SKU',
  '商品名',
  '単価(税込)',
  '数量',
  '税率',
  '温度帯',
  'のし',
  '送料',
  '代引手数料',
  '請求金額',
  '備考',
];

const person = (name, kana, postalCode, prefecture, address1, address2, phone) => ({
  name,
  kana,
  postalCode,
  prefecture,
  address1,
  address2,
  phone,
});

const SENCHA = {
  code: 'sencha-100',
  sku: 'TEA-SENCHA-100',
  name: '静岡 深蒸し煎茶 100g',
  price: 1080,
  tax: 8,
};
const YUNOMI = {
  code: 'arita-yunomi',
  sku: 'CUP-ARITA-AI',
  name: '有田焼 湯呑み 藍染',
  price: 3300,
  tax: 10,
};
const LATTE = {
  code: 'matcha-latte',
  sku: 'TEA-LATTE-10',
  name: '抹茶ラテ スティック 10本入',
  price: 1296,
  tax: 8,
};
const ICE = {
  code: 'matcha-ice-6',
  sku: 'ICE-MATCHA-6',
  name: '抹茶アイス 6個入',
  price: 3240,
  tax: 8,
  temperature: '冷凍',
};
const GIFT = {
  code: 'gift-sencha-3',
  sku: 'GIFT-SENCHA-3',
  name: '深蒸し煎茶 ギフト3袋',
  price: 4320,
  tax: 8,
};

const orders = [
  {
    number: 'HK-1001',
    at: '2026-11-30 10:12:00',
    payment: 'クレジットカード',
    orderer: person(
      '𠮷田 真理',
      'ヨシダ マリ',
      '330-0846',
      '埼玉県',
      'さいたま市大宮区大門町2丁目118',
      '',
      '090-2345-6789',
    ),
    destinations: [
      {
        lines: [
          [SENCHA, 2],
          [YUNOMI, 1],
        ],
      },
    ],
    shipping: 0,
  },
  {
    number: 'HK-1002',
    at: '2026-11-30 11:40:00',
    payment: '代金引換',
    orderer: person(
      '井上 隆',
      'イノウエ タカシ',
      '650-0001',
      '兵庫県',
      '神戸市中央区加納町6丁目5-1',
      '',
      '078-331-2233',
    ),
    destinations: [{ lines: [[LATTE, 3]] }],
    shipping: 600,
    codFee: 330,
  },
  {
    number: 'HK-1003',
    at: '2026-11-30 13:05:00',
    payment: 'クレジットカード',
    orderer: person(
      '木村 結衣',
      'キムラ ユイ',
      '920-0961',
      '石川県',
      '金沢市香林坊1丁目1-1',
      '',
      '076-221-4455',
    ),
    destinations: [
      {
        lines: [
          [ICE, 1],
          [SENCHA, 1],
        ],
      },
    ],
    shipping: 1200,
  },
  {
    number: 'HK-1004',
    at: '2026-11-30 15:20:00',
    payment: 'クレジットカード',
    note: 'お歳暮です。のしをお願いします。',
    orderer: person(
      '清水 浩二',
      'シミズ コウジ',
      '390-0811',
      '長野県',
      '松本市中央1丁目2-3',
      '',
      '0263-32-1234',
    ),
    destinations: [
      {
        to: person(
          '清水 正',
          'シミズ タダシ',
          '940-0062',
          '新潟県',
          '長岡市大手通1丁目4-10',
          '',
          '0258-35-1111',
        ),
        noshi: '御歳暮',
        lines: [[GIFT, 1]],
      },
      {
        to: person(
          '清水 直美',
          'シミズ ナオミ',
          '790-0003',
          '愛媛県',
          '松山市三番町4丁目5-6',
          '',
          '089-941-2222',
        ),
        noshi: '御歳暮',
        lines: [[GIFT, 1]],
      },
    ],
    shipping: 1200,
  },
  {
    number: 'HK-1005',
    at: '2026-11-30 16:45:00',
    payment: '銀行振込',
    orderer: person(
      '林 美穂',
      'ハヤシ ミホ',
      '220-0012',
      '神奈川県',
      '横浜市西区みなとみらい2丁目2-1',
      'ランドマークタワー 25階',
      '045-222-3333',
    ),
    destinations: [
      {
        date: '2026-12-03',
        slot: '19時～21時',
        lines: [
          [LATTE, 1],
          [SENCHA, 1],
        ],
      },
    ],
    shipping: 600,
  },
];

function rowsOf(order) {
  const lines = order.destinations.flatMap((destination) => destination.lines);
  const items = lines.reduce((sum, [item, quantity]) => sum + item.price * quantity, 0);
  const billed = items + order.shipping + (order.codFee ?? 0);
  const o = order.orderer;
  let lineNumber = 0;
  return order.destinations.flatMap((destination, index) =>
    destination.lines.map(([item, quantity]) => {
      const to = destination.to;
      lineNumber += 1;
      return [
        order.number,
        order.at,
        'awaitingShipment',
        order.payment,
        o.name,
        o.kana,
        o.postalCode,
        o.prefecture,
        o.address1,
        o.address2,
        o.phone,
        `${order.number.toLowerCase()}@example.jp`,
        index + 1,
        to?.name ?? '',
        to?.kana ?? '',
        to?.postalCode ?? '',
        to?.prefecture ?? '',
        to?.address1 ?? '',
        to?.address2 ?? '',
        to?.phone ?? '',
        destination.date ?? '',
        destination.slot ?? '',
        lineNumber,
        item.code,
        item.sku,
        item.name,
        item.price,
        quantity,
        item.tax,
        item.temperature ?? '常温',
        destination.noshi ?? '',
        order.shipping,
        order.codFee ?? 0,
        billed,
        order.note ?? '',
      ];
    }),
  );
}

/** The sample file's bytes: UTF-8 with BOM, CRLF. */
export function sampleBytes() {
  const written = writeCsv([HEADER, ...orders.flatMap(rowsOf)], {
    formulaGuard: false,
    encoding: 'utf-8-bom',
  });
  if (!written.ok) throw new Error(written.issues.map((issue) => issue.message).join('\n'));
  return written.value.bytes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./orders-from-shop.csv', import.meta.url), sampleBytes());
}
