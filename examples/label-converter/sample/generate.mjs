// Writes the bundled sample: a 楽天 受注CSV in CP932 (CRLF, header row), as RMS lets a shop download it.
// Run from the repository root: `node examples/label-converter/sample/generate.mjs`. The test checks that the
// committed file is exactly what this script writes.
//
// Names are invented; every postal code and town is real (Japan Post KEN_ALL), except where a row is wrong on
// purpose. What each order is for:
//   0000000101 髙橋 — 髙 is an IBM extension: B2 (JIS X 0208 only) substitutes 高 and reports it
//   0000000102 佐藤 — 代金引換 with two lines at 8% and 10%: a コレクト row with the tax inside the COD amount
//   0000000103 鈴木 — 12時～14時: accepted by 佐川 and ゆうパック, refused by ヤマト (slot abolished)
//   0000000104 田中 — a gift to 八丈島 (離島), のし, a product name too long for 品名, ① (NEC special character)
//   0000000105 渡辺 — 〒530-0001 is 大阪市北区梅田, the address is in 京都: postal code ↔ address mismatch
//   0000000106 伊藤 — 〒980-0881 does not exist (a typo of 980-0811)
//   0000000107 山本 — 宮古島 (離島), 代金引換, a long delivery
//   0000000108 小林 — 送料 -9999 (未確定) on a 代金引換 order: no label until the shop fixes the amount
//   0000000109 加藤 — 個数 「二」: the row is rejected with its line
//   0000000110 松本 — cancelled in RMS (900): not converted
//   last line — a row cut off by a broken download: rejected with its line
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeCsv } from '@hakobu/core';

const HEADER = [
  '注文番号',
  'ステータス',
  '注文日時',
  '商品合計金額',
  '送料合計',
  '代引料合計',
  '請求金額',
  'クーポン利用総額',
  'ポイント利用額',
  'お届け日指定',
  'お届け時間帯',
  'コメント',
  '支払方法名',
  '注文者郵便番号1',
  '注文者郵便番号2',
  '注文者住所都道府県',
  '注文者住所郡市区',
  '注文者住所それ以降の住所',
  '注文者姓',
  '注文者名',
  '注文者姓カナ',
  '注文者名カナ',
  '注文者電話番号1',
  '注文者電話番号2',
  '注文者電話番号3',
  '注文者メールアドレス',
  '送付先ID',
  'のし',
  '購入時配送会社',
  '送付先郵便番号1',
  '送付先郵便番号2',
  '送付先住所都道府県',
  '送付先住所郡市区',
  '送付先住所それ以降の住所',
  '送付先姓',
  '送付先名',
  '送付先姓カナ',
  '送付先名カナ',
  '送付先電話番号1',
  '送付先電話番号2',
  '送付先電話番号3',
  '商品明細ID',
  '商品名',
  '商品番号',
  '商品管理番号',
  '単価',
  '個数',
  '税込別',
  '項目・選択肢',
  '商品税率',
];

const person = (zip, prefecture, city, rest, family, given, familyKana, givenKana, phone) => ({
  zip: zip.split('-'),
  prefecture,
  city,
  rest,
  family,
  given,
  familyKana,
  givenKana,
  phone: phone.split('-'),
});

const SENCHA = { id: 'sencha-100', name: '静岡 深蒸し煎茶 100g', price: 1080, tax: '0.08' };
const LATTE = { id: 'matcha-latte', name: '抹茶ラテ スティック 10本入', price: 1296, tax: '0.08' };
const YUNOMI = { id: 'arita-yunomi', name: '有田焼 湯呑み 藍染', price: 3300, tax: '0.1' };
const GIFT = {
  id: 'gift-tokujo-3',
  name: '【お歳暮】静岡県産 特上深蒸し茶 100g×3袋 詰め合わせ 化粧箱入り 手提げ袋付き①',
  price: 5400,
  tax: '0.08',
};
const GENMAI = { id: 'genmai-200', name: '抹茶入り玄米茶 200g', price: 864, tax: '0.08' };

/** One order: its fields and its lines (one CSV row per line, order fields repeated as RMS does). */
const orders = [
  {
    no: '0000000101',
    status: '300',
    at: '2026-11-28 09:12:45',
    pay: 'クレジットカード',
    orderer: person(
      '150-0001',
      '東京都',
      '渋谷区',
      '神宮前3丁目25-12',
      '髙橋',
      '花子',
      'タカハシ',
      'ハナコ',
      '090-1234-5678',
    ),
    lines: [[SENCHA, 2]],
    shipping: 600,
  },
  {
    no: '0000000102',
    status: '300',
    at: '2026-11-28 09:40:03',
    pay: '代金引換',
    term: '14時～16時',
    orderer: person(
      '530-0001',
      '大阪府',
      '大阪市北区',
      '梅田1丁目3-1 大阪駅前第1ビル12階',
      '佐藤',
      '健一',
      'サトウ',
      'ケンイチ',
      '06-6345-1234',
    ),
    lines: [
      [LATTE, 1],
      [YUNOMI, 1],
    ],
    shipping: 600,
    codFee: 330,
  },
  {
    no: '0000000103',
    status: '300',
    at: '2026-11-28 10:05:51',
    pay: 'クレジットカード',
    term: '12時～14時',
    orderer: person(
      '060-0001',
      '北海道',
      '札幌市中央区',
      '北1条西2丁目1-1',
      '鈴木',
      '美咲',
      'スズキ',
      'ミサキ',
      '011-222-3344',
    ),
    lines: [[GENMAI, 3]],
    shipping: 1200,
  },
  {
    no: '0000000104',
    status: '300',
    at: '2026-11-28 10:31:17',
    pay: 'クレジットカード',
    date: '2026-12-05',
    comment: 'お歳暮です。外のし でお願いします。',
    noshi: '御歳暮',
    orderer: person(
      '100-0005',
      '東京都',
      '千代田区',
      '丸の内2丁目4-1',
      '田中',
      '一郎',
      'タナカ',
      'イチロウ',
      '03-3211-5678',
    ),
    destination: person(
      '100-1401',
      '東京都',
      '八丈島八丈町',
      '大賀郷1234',
      '田中',
      '和子',
      'タナカ',
      'カズコ',
      '04996-2-1234',
    ),
    lines: [[GIFT, 1]],
    shipping: 0,
  },
  {
    no: '0000000105',
    status: '300',
    at: '2026-11-28 11:02:09',
    pay: 'クレジットカード',
    orderer: person(
      '530-0001',
      '京都府',
      '京都市中京区',
      '恵比須町534',
      '渡辺',
      '由美',
      'ワタナベ',
      'ユミ',
      '075-211-9876',
    ),
    lines: [[SENCHA, 1]],
    shipping: 600,
  },
  {
    no: '0000000106',
    status: '300',
    at: '2026-11-28 11:20:44',
    pay: '銀行振込',
    orderer: person(
      '980-0881',
      '宮城県',
      '仙台市青葉区',
      '一番町3丁目1-1',
      '伊藤',
      '誠',
      'イトウ',
      'マコト',
      '022-261-4455',
    ),
    lines: [[YUNOMI, 2]],
    shipping: 800,
  },
  {
    no: '0000000107',
    status: '300',
    at: '2026-11-28 12:48:30',
    pay: '代金引換',
    orderer: person(
      '906-0012',
      '沖縄県',
      '宮古島市',
      '平良西里123',
      '山本',
      'さくら',
      'ヤマモト',
      'サクラ',
      '0980-72-1234',
    ),
    lines: [[LATTE, 2]],
    shipping: 1500,
    codFee: 330,
  },
  {
    no: '0000000108',
    status: '300',
    at: '2026-11-28 13:15:02',
    pay: '代金引換',
    orderer: person(
      '812-0011',
      '福岡県',
      '福岡市博多区',
      '博多駅前2丁目1-1',
      '小林',
      '大輔',
      'コバヤシ',
      'ダイスケ',
      '092-431-2233',
    ),
    lines: [[SENCHA, 1]],
    shipping: -9999,
    codFee: 330,
  },
  {
    no: '0000000109',
    status: '300',
    at: '2026-11-28 14:02:11',
    pay: 'クレジットカード',
    orderer: person(
      '460-0008',
      '愛知県',
      '名古屋市中区',
      '栄3丁目5-1',
      '加藤',
      '翔太',
      'カトウ',
      'ショウタ',
      '052-251-7788',
    ),
    lines: [[GENMAI, '二']],
    shipping: 600,
  },
  {
    no: '0000000110',
    status: '900',
    at: '2026-11-28 14:30:00',
    pay: 'クレジットカード',
    orderer: person(
      '231-0023',
      '神奈川県',
      '横浜市中区',
      '山下町1',
      '松本',
      '恵',
      'マツモト',
      'メグミ',
      '045-641-3322',
    ),
    lines: [[SENCHA, 1]],
    shipping: 600,
  },
];

const UNDECIDED = -9999;

function rowsOf(order) {
  const items = order.lines.reduce((sum, [item, units]) => sum + item.price * (Number(units) || 0), 0);
  const codFee = order.codFee ?? 0;
  const requested = order.shipping === UNDECIDED ? UNDECIDED : items + order.shipping + codFee;
  const to = order.destination ?? order.orderer;
  const o = order.orderer;
  return order.lines.map(([item, units], index) => [
    `360238-20261128-${order.no}`,
    order.status,
    order.at,
    items,
    order.shipping,
    codFee,
    requested,
    0,
    0,
    order.date ?? '',
    order.term ?? '',
    order.comment ?? '',
    order.pay,
    o.zip[0],
    o.zip[1],
    o.prefecture,
    o.city,
    o.rest,
    o.family,
    o.given,
    o.familyKana,
    o.givenKana,
    ...o.phone,
    `${order.no.slice(-3)}@pc.fw.rakuten.ne.jp`,
    `1${order.no.slice(-3)}`,
    order.noshi ?? '',
    '1001',
    to.zip[0],
    to.zip[1],
    to.prefecture,
    to.city,
    to.rest,
    to.family,
    to.given,
    to.familyKana,
    to.givenKana,
    ...to.phone,
    `${order.no}${index + 1}`,
    item.name,
    item.id,
    item.id,
    item.price,
    units,
    1,
    '',
    item.tax,
  ]);
}

/** The sample file's bytes: CP932, CRLF, and a last row cut off mid-way. */
export function sampleBytes() {
  const rows = [HEADER, ...orders.flatMap(rowsOf)];
  const written = writeCsv(rows, { formulaGuard: false, cp932: { onUnencodable: 'fail' } });
  if (!written.ok) throw new Error(written.issues.map((issue) => issue.message).join('\n'));
  const cut = writeCsv([['360238-20261128-0000000111', '300', '2026-11-28 15:10:09', '2160']], {
    formulaGuard: false,
  });
  if (!cut.ok) throw new Error('the cut-off row must be CP932');
  return Buffer.concat([written.value.bytes, cut.value.bytes]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./rakuten-orders.csv', import.meta.url), sampleBytes());
}
