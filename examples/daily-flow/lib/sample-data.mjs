// The day's sample data, generated from a seed: customers with realistic Japanese names at real addresses
// (postal codes and towns from Japan Post's data, through the postal directory of @hakobu/carriers), the
// orders of four shops, and the files each mall hands the shop — 楽天 受注CSV in CP932, the Amazon order
// report (TSV), the Yahoo! order CSV and the hakobu standard CSV of the own site. A list of scenarios puts
// the cases a back office meets every day at known places: blacklisted customers, postal codes typed
// wrong, a 離島, gifts, repeat customers to bundle, cool and frozen items, a sold-out product.
import { writeCsv } from '@hakobu/core';
import { standardOrderCsvColumns, YAHOO_ITEM_FIELDS, YAHOO_ORDER_FIELDS } from '@hakobu/malls';
import {
  amazonOrderId,
  amazonOrderReportTsv,
  rakutenOrderCsv,
  rakutenOrderNumber,
  yahooOrderInfo,
} from '@hakobu/malls/testing';
import { seededRandom } from './random.mjs';
import { mallCodes, SHOPS, sellableItems } from './shop.mjs';

const FAMILY = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['阿部', 'アベ'],
  ['石川', 'イシカワ'],
  ['前田', 'マエダ'],
  ['藤田', 'フジタ'],
  ['小川', 'オガワ'],
  ['岡田', 'オカダ'],
  ['長谷川', 'ハセガワ'],
  ['村上', 'ムラカミ'],
];
const GIVEN = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['翔太', 'ショウタ'],
  ['陽菜', 'ヒナ'],
  ['大輔', 'ダイスケ'],
  ['美咲', 'ミサキ'],
  ['健一', 'ケンイチ'],
  ['由美子', 'ユミコ'],
  ['直樹', 'ナオキ'],
  ['さくら', 'サクラ'],
  ['拓也', 'タクヤ'],
  ['恵', 'メグミ'],
  ['浩二', 'コウジ'],
  ['智子', 'トモコ'],
  ['亮', 'リョウ'],
  ['結衣', 'ユイ'],
  ['誠', 'マコト'],
  ['真由美', 'マユミ'],
  ['悠斗', 'ユウト'],
  ['彩', 'アヤ'],
  ['和夫', 'カズオ'],
  ['洋子', 'ヨウコ'],
  ['蓮', 'レン'],
  ['葵', 'アオイ'],
];
/** Prefectures customers live in, weighted roughly by population. */
const PREFECTURES = [
  ['東京都', 6],
  ['神奈川県', 4],
  ['大阪府', 4],
  ['愛知県', 3],
  ['埼玉県', 3],
  ['千葉県', 3],
  ['兵庫県', 2],
  ['福岡県', 2],
  ['北海道', 2],
  ['静岡県', 1],
  ['京都府', 1],
  ['宮城県', 1],
  ['広島県', 1],
  ['新潟県', 1],
  ['長野県', 1],
  ['岡山県', 1],
  ['熊本県', 1],
  ['沖縄県', 1],
];
const BUILDINGS = ['コーポ桜', 'メゾン緑が丘', 'サンハイツ', 'グリーンヒルズ', 'パークサイド', 'ルミエール'];
const REMARKS = ['不在時は宅配ボックスへお願いします', '贈答用です。金額のわかるものは入れないでください'];
const SLOTS = ['午前中', '14時～16時', '16時～18時', '19時～21時'];

/** The day's orders start the evening before (注文日時, Japan time) and end before the 09:00 import. */
const FIRST_ORDER_MINUTE = Date.parse('2026-11-30T10:00:00+09:00') / 60_000;
const LAST_ORDER_MINUTE = Date.parse('2026-12-01T08:50:00+09:00') / 60_000;

function jstMinute(minute) {
  const date = new Date((minute + 9 * 60) * 60_000);
  return `${date.toISOString().slice(0, 16)}:00+09:00`;
}

/** Residential towns (町域) fit to write an address in: no notes, no numbered blocks of their own. */
function residential(entry) {
  return (
    !entry.business &&
    entry.town !== '' &&
    /^[^0-9０-９（）「」、・]+$/.test(entry.town) &&
    !/[条線割]/.test(entry.town)
  );
}

function weighted(random, table) {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.int(total);
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[0][0];
}

/**
 * Builds customers and their addresses from the postal directory and the 離島 list (island towns are left
 * for the island scenario only).
 */
function customerFactory(random, directory, islands) {
  let serial = 0;
  const usedPhones = new Set();
  const phone = () => {
    for (;;) {
      const parts = [random.pick(['090', '080', '070']), random.digits(4), random.digits(4)];
      const key = parts.join('');
      if (!usedPhones.has(key) && parts[1] !== '0000') {
        usedPhones.add(key);
        return parts;
      }
    }
  };
  /** A residential postal entry of a mainland town of the prefecture. */
  const place = (prefecture) => {
    const cities = directory.cities(prefecture).filter((city) => !/[島村]$|郡/.test(city));
    for (;;) {
      const city = random.pick(cities);
      const towns = directory
        .entriesOfCity(prefecture, city)
        .filter((entry) => residential(entry) && islands.find(entry.postalCode) === undefined);
      if (towns.length > 0) return random.pick(towns);
    }
  };
  return {
    /**
     * A customer (a `FixturePerson` of `@hakobu/malls/testing`) at a real address; `at` picks the postal
     * entry, `name` the name.
     */
    make({ at, name, building } = {}) {
      serial += 1;
      const [familyName, familyNameKana] = name?.family ?? random.pick(FAMILY);
      const [givenName, givenNameKana] = name?.given ?? random.pick(GIVEN);
      const entry = at ?? place(weighted(random, PREFECTURES));
      const block = `${1 + random.int(5)}-${1 + random.int(24)}-${1 + random.int(18)}`;
      const room =
        building ??
        (random.chance(0.35) ? ` ${random.pick(BUILDINGS)} ${1 + random.int(5)}0${1 + random.int(6)}` : '');
      return {
        familyName,
        givenName,
        familyNameKana,
        givenNameKana,
        zip1: entry.postalCode.slice(0, 3),
        zip2: entry.postalCode.slice(3),
        prefecture: entry.prefecture,
        city: entry.city,
        street: `${entry.town}${block}${room}`,
        phone: phone(),
        email: `customer${String(serial).padStart(4, '0')}@example.jp`,
      };
    },
    place,
  };
}

/** The items each shop sells, with the mall's own item names (楽天 names carry promotion brackets). */
function catalogFor() {
  return sellableItems().map((item) => ({
    ...item,
    rakutenName:
      item.zone === 'ambient' ? item.name : `【${item.zone === 'frozen' ? '冷凍便' : '冷蔵便'}】${item.name}`,
    amazonName: `はこぶ食堂 ${item.name}`,
  }));
}

/**
 * Generates the sample data: mall files, the blacklist, and the list of scenarios placed in them (for the
 * README and the test).
 *
 * @param {import('@hakobu/carriers').PostalDirectory} directory
 * @param {import('@hakobu/carriers').RemoteIslandList} islands
 * @param {{ seed?: number }} [options]
 */
export function generateSampleData(directory, islands, options = {}) {
  const random = seededRandom(options.seed ?? 20261201);
  const people = customerFactory(random, directory, islands);
  const items = catalogFor();
  const itemByCode = new Map(items.map((item) => [item.code, item]));
  const ambient = items.filter((item) => item.zone === 'ambient' && item.multiplier === 1);
  // The last ハンバーグ are for the shortfall scenario only.
  const cold = items.filter(
    (item) => item.zone !== 'ambient' && !['HAMBURG-6', 'SET-FROZEN'].includes(item.code),
  );
  /** Orders as plain specs, rendered into each mall's format at the end. */
  const specs = [];
  const scenarios = [];

  /** A basket: mostly 常温 only, some cool only, some mixed (those are split by temperature). */
  const basket = ({ cool = true, count } = {}) => {
    const lines = [];
    const size = count ?? 1 + random.int(3);
    const roll = cool ? random.next() : 0;
    const kind = roll < 0.72 ? 'ambient' : roll < 0.9 ? 'cold' : 'mixed';
    const zone = random.pick(['chilled', 'frozen']);
    const coolPool = cold.filter((item) => item.zone === zone);
    for (let i = 0; i < size; i += 1) {
      const pool = kind === 'ambient' || (kind === 'mixed' && i === 0) ? ambient : coolPool;
      const item = random.pick(pool);
      const existing = lines.find((line) => line.code === item.code);
      if (existing !== undefined) existing.quantity += 1;
      else lines.push({ code: item.code, quantity: random.chance(0.2) ? 2 : 1 });
    }
    return lines;
  };
  const order = (spec) => {
    const full = {
      payment: 'card',
      gift: undefined,
      requestedDate: undefined,
      timeSlot: '',
      noshi: undefined,
      remarks: '',
      coupon: 0,
      points: 0,
      wrapping: 0,
      ...spec,
    };
    specs.push(full);
    return full;
  };
  const scenario = (kind, description, ...orders) => {
    scenarios.push({ kind, description, orders });
  };

  // ── Scenarios ──────────────────────────────────────────────────────────────────────────────────────
  // 1. A customer on the blacklist for refusing a parcel; the order writes the phone in full width.
  const refuser = people.make({ name: { family: ['黒川', 'クロカワ'], given: ['修', 'オサム'] } });
  const refuserOrder = order({
    channel: 'rakuten',
    customer: {
      ...refuser,
      phone: refuser.phone.map((part) =>
        part.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      ),
    },
    lines: [
      { code: 'HAMBURG-6', quantity: 1 },
      { code: 'CASTELLA-1', quantity: 1 },
    ],
    payment: 'cod',
  });
  scenario('blacklist', 'ブラックリスト（受取拒否）の電話番号。注文は全角数字で書かれている', refuserOrder);

  // 2. A gift to an address on the blacklist, written with 丁目・番・号 where the list has 3-5-8.
  const blockedTown = directory.lookup('5560005')[0];
  const blockedAddress = people.make({ at: blockedTown, building: '' });
  blockedAddress.street = `${blockedTown.town}三丁目5番8号`;
  const giftSender = people.make();
  const blockedGift = order({
    channel: 'yahoo',
    customer: giftSender,
    gift: blockedAddress,
    lines: [{ code: 'SET-TEA', quantity: 1 }],
    noshi: '御歳暮',
  });
  scenario('blacklist', 'ブラックリストの住所へのギフト（表記ゆれ: 三丁目5番8号 ↔ 3-5-8）', blockedGift);

  // 3. Postal codes typed wrong: a code that does not exist, a code of another prefecture, another town.
  const typo = people.make();
  for (let last = 99; last >= 0; last -= 1) {
    const candidate = `${typo.zip2.slice(0, 2)}${String(last).padStart(2, '0')}`;
    if (directory.lookup(`${typo.zip1}${candidate}`).length === 0) {
      typo.zip2 = candidate;
      break;
    }
  }
  const unknownCode = order({ channel: 'rakuten', customer: typo, lines: basket({ cool: false }) });
  scenario('postal', '存在しない郵便番号（下2桁の打ち間違い）', unknownCode);

  const moved = people.make({ at: people.place('神奈川県') });
  const elsewhere = people.place('福岡県');
  moved.zip1 = elsewhere.postalCode.slice(0, 3);
  moved.zip2 = elsewhere.postalCode.slice(3);
  const otherPrefecture = order({ channel: 'amazon', customer: moved, lines: basket({ cool: false }) });
  scenario('postal', '別の県の郵便番号（住所は神奈川県、郵便番号は福岡県）', otherPrefecture);

  const neighbour = people.make({ at: people.place('愛知県') });
  const sameCity = directory
    .entriesOfCity(neighbour.prefecture, neighbour.city)
    .filter((entry) => residential(entry) && !neighbour.street.startsWith(entry.town));
  const nextTown = sameCity[random.int(sameCity.length)];
  neighbour.zip1 = nextTown.postalCode.slice(0, 3);
  neighbour.zip2 = nextTown.postalCode.slice(3);
  const otherTown = order({ channel: 'own', customer: neighbour, lines: basket({ cool: false }) });
  scenario('postal', '同じ市の別の町域の郵便番号（町域不一致の警告、出荷は止めない）', otherTown);

  // 4. Remote islands (離島): 八丈島 (常温, ゆうパック) and 宮古島 (冷凍, クール宅急便).
  const hachijo = people.make({ at: directory.entriesOfCity('東京都', '八丈島八丈町').find(residential) });
  const islandAmbient = order({
    channel: 'rakuten',
    customer: hachijo,
    lines: [{ code: 'RICE-5KG', quantity: 1 }],
  });
  const miyako = people.make({ at: directory.entriesOfCity('沖縄県', '宮古島市').find(residential) });
  const islandFrozen = order({
    channel: 'yahoo',
    customer: miyako,
    lines: [{ code: 'ICE-12', quantity: 1 }],
  });
  scenario('island', '離島（八丈島・宮古島）: 離島アラート、お届け日数の警告', islandAmbient, islandFrozen);

  // 5. Gifts: お歳暮 to another person (お届け明細書 without prices), one 楽天 order with two 送付先.
  const giftOrders = [];
  for (let i = 0; i < 4; i += 1) {
    giftOrders.push(
      order({
        channel: ['rakuten', 'rakuten', 'amazon', 'own'][i],
        customer: people.make(),
        gift: people.make(),
        lines: [{ code: random.pick(['SET-TEA', 'SET-TOWEL3', 'CASTELLA-1']), quantity: 1 }],
        noshi: i === 2 ? undefined : '御歳暮',
        wrapping: i === 3 ? 330 : 0,
      }),
    );
  }
  const twoDestinations = order({
    channel: 'rakuten',
    customer: people.make(),
    lines: [{ code: 'SENCHA-100', quantity: 2 }],
    extraDestination: { person: people.make(), lines: [{ code: 'CHEESECAKE-5', quantity: 1 }] },
    noshi: '御歳暮',
  });
  giftOrders.push(twoDestinations);
  scenario('gift', 'ギフト（注文者とお届け先が違う）。楽天の複数送付先の注文を含む', ...giftOrders);

  // 6. Repeat customers (同梱). The second order often writes phone and address differently.
  const rewrite = (person) => ({
    ...person,
    phone: [person.phone.join(''), '', ''],
    street: person.street.replace(/^(\D+)(\d+)-(\d+)-(\d+)/, '$1$2丁目$3番$4号'),
  });
  const twice = people.make();
  const r1 = [
    order({ channel: 'rakuten', customer: twice, lines: [{ code: 'CASTELLA-1', quantity: 1 }] }),
    order({ channel: 'rakuten', customer: rewrite(twice), lines: [{ code: 'MUG-BL', quantity: 2 }] }),
  ];
  scenario('bundle', '同じ楽天の客が2回注文（電話番号のハイフン・丁目表記が違う）→ 同梱', ...r1);
  const acrossMalls = people.make();
  const r2 = [
    order({ channel: 'rakuten', customer: acrossMalls, lines: [{ code: 'RICE-5KG', quantity: 1 }] }),
    order({ channel: 'yahoo', customer: rewrite(acrossMalls), lines: [{ code: 'TOWEL-WH', quantity: 2 }] }),
  ];
  scenario('bundle', '楽天とYahoo!で同じ客 → モールをまたいで同梱（発送実績はそれぞれのモールへ）', ...r2);
  const loyal = people.make();
  const r3 = [0, 1, 2].map((i) =>
    order({
      channel: 'own',
      customer: i === 1 ? rewrite(loyal) : loyal,
      lines: basket({ cool: false, count: 1 }),
    }),
  );
  scenario('bundle', '自社サイトで3回注文 → 3件を1個口に同梱', ...r3);
  const amazonTwice = people.make();
  const r4 = [
    order({ channel: 'amazon', customer: amazonTwice, lines: [{ code: 'SENCHA-100-2P', quantity: 1 }] }),
    order({ channel: 'amazon', customer: amazonTwice, lines: [{ code: 'TOWEL-WH', quantity: 1 }] }),
  ];
  scenario('bundle', 'Amazonで2回注文 → 同梱', ...r4);
  const codMix = people.make();
  const r5 = [
    order({ channel: 'rakuten', customer: codMix, lines: [{ code: 'MUG-BL', quantity: 1 }], payment: 'cod' }),
    order({ channel: 'rakuten', customer: codMix, lines: [{ code: 'TOWEL-WH', quantity: 1 }] }),
  ];
  scenario('bundle-refused', '代引とカードの注文 → 同梱できない（orders.bundle.cod_mismatch）', ...r5);
  const coldMix = people.make();
  const r6 = [
    order({ channel: 'rakuten', customer: coldMix, lines: [{ code: 'GYOZA-50', quantity: 1 }] }),
    order({ channel: 'rakuten', customer: coldMix, lines: [{ code: 'SENCHA-100', quantity: 1 }] }),
  ];
  scenario('bundle-refused', '冷凍と常温の注文 → 同梱できない（orders.bundle.temperature_mismatch）', ...r6);

  // 7. The last 黒毛和牛ハンバーグ: 3 in stock, and more ordered than that (欠品 for the later orders).
  const hamburg = [0, 1, 2].map((i) =>
    order({
      channel: ['rakuten', 'yahoo', 'own'][i],
      customer: people.make(),
      lines: [{ code: i === 1 ? 'SET-FROZEN' : 'HAMBURG-6', quantity: i === 0 ? 2 : 1 }],
    }),
  );
  scenario(
    'shortfall',
    '在庫3個のハンバーグに4個の注文（セット商品の構成品を含む）→ 後の注文は欠品',
    ...hamburg,
  );

  // 8. 冷凍 with 12時～14時, a slot ヤマト no longer offers: the B2 file refuses that slip.
  const noonSlot = order({
    channel: 'rakuten',
    customer: people.make(),
    lines: [{ code: 'GYOZA-50', quantity: 1 }],
    requestedDate: '2026-12-04',
    timeSlot: '12時～14時',
  });
  scenario(
    'label-refused',
    'クール宅急便に12時～14時の指定（ヤマトは廃止済みの時間帯）→ 送り状に出せない',
    noonSlot,
  );

  // 9. A name CP932 cannot hold (𠮷): the label says 吉 and the substitution is reported. An address too
  //    long for the e飛伝 address lines: that slip goes back to staff.
  const yoshida = people.make({ name: { family: ['𠮷田', 'ヨシダ'], given: ['健一', 'ケンイチ'] } });
  const cp932Order = order({
    channel: 'own',
    customer: yoshida,
    lines: [{ code: 'MUG-BL', quantity: 1 }],
    payment: 'cod',
  });
  scenario('text', '𠮷（CP932にない字）→ 送り状では「吉」に置換して報告', cp932Order);
  const tower = people.make({
    building: ' グランドメゾン新木場ステーションフロントタワーレジデンス イーストウイング 2203号室',
  });
  const longAddress = order({ channel: 'own', customer: tower, lines: [{ code: 'TOWEL-WH', quantity: 2 }] });
  scenario('label-refused', '佐川の住所欄に収まらない長い建物名 → 送り状に出せず差し戻し', longAddress);

  // 10. Mixed temperatures in one order (伝票分割), with a coupon and points to apportion.
  const mixed = [0, 1, 2].map((i) =>
    order({
      channel: ['rakuten', 'yahoo', 'own'][i],
      customer: people.make(),
      lines: [
        { code: 'SENCHA-100', quantity: 1 },
        { code: ['BUTTER-200', 'ICE-12', 'GYOZA-50'][i], quantity: 1 },
        ...(i === 0 ? [{ code: 'CHEESECAKE-5', quantity: 1 }] : []),
      ],
      coupon: i === 0 ? 300 : 0,
      points: i === 1 ? 150 : 0,
      payment: i === 2 ? 'cod' : 'card',
    }),
  );
  scenario(
    'split',
    '常温・冷蔵・冷凍が混ざった注文 → 温度帯ごとに伝票分割（クーポン・ポイントは按分）',
    ...mixed,
  );

  // 11. Bank transfer not yet paid: 入金待ち, nothing ships today.
  const unpaid = [0, 1].map((i) =>
    order({ channel: ['rakuten', 'yahoo'][i], customer: people.make(), lines: basket(), payment: 'bank' }),
  );
  scenario('unpaid', '銀行振込の入金待ち → 今日は出荷しない', ...unpaid);

  // 12. A row the own site's export got wrong (数量 0): the whole order is rejected with its line number,
  //     never imported by halves.
  const broken = order({
    channel: 'own',
    customer: people.make(),
    lines: [{ code: 'CASTELLA-1', quantity: 1 }],
    brokenQuantity: true,
  });
  scenario(
    'import-rejected',
    '自社サイトの出力で数量が0の行 → その受注は取り込まず、行番号つきで報告',
    broken,
  );

  // ── The rest of the day: ordinary orders ─────────────────────────────────────────────────────────────
  const fill = { rakuten: 52, yahoo: 22, amazon: 22, own: 12 };
  for (const [channel, count] of Object.entries(fill)) {
    for (let i = 0; i < count; i += 1) {
      const dated = random.chance(0.25);
      order({
        channel,
        customer: people.make(),
        lines: basket(),
        payment:
          channel === 'amazon'
            ? random.chance(0.15)
              ? 'cod'
              : 'card'
            : random.chance(0.12)
              ? 'cod'
              : 'card',
        requestedDate: dated ? `2026-12-${String(4 + random.int(8)).padStart(2, '0')}` : undefined,
        timeSlot: dated || random.chance(0.2) ? random.pick(SLOTS) : '',
        remarks: random.chance(0.08) ? random.pick(REMARKS) : '',
        coupon: channel === 'rakuten' && random.chance(0.2) ? 300 : 0,
        points: channel !== 'amazon' && random.chance(0.2) ? 50 * (1 + random.int(6)) : 0,
      });
    }
  }

  // Every order gets its instant (注文日時): shuffled across the day, in the order the shops received them.
  const minutes = specs.map(() => FIRST_ORDER_MINUTE + random.int(LAST_ORDER_MINUTE - FIRST_ORDER_MINUTE));
  minutes.sort((a, b) => a - b);
  const slots = specs.map((_, i) => i);
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  // Scenario pairs keep their first-then-second order, so the parent of a 同梱 is the first order.
  specs.forEach((spec, i) => {
    spec.orderedAt = jstMinute(minutes[slots[i]]);
  });
  for (const { orders } of scenarios) {
    const times = orders.map((spec) => spec.orderedAt).sort();
    orders.forEach((spec, i) => {
      spec.orderedAt = times[i];
    });
  }

  const blacklist = [
    {
      id: 'BL-001',
      phone: refuser.phone.join('-'),
      reason: '受取拒否（2026年10月、代引）',
      note: '電話番号で照合',
    },
    {
      id: 'BL-002',
      address: `${blockedTown.prefecture}${blockedTown.city}${blockedTown.town}3-5-8`,
      reason: '代金引換の受取拒否が続いている住所',
    },
    { id: 'BL-003', email: 'chargeback@example.com', reason: 'チャージバック（不正利用）' },
    { id: 'BL-004', name: '詐欺野 太郎', phone: '03-0000-1111', reason: '転売目的の大量注文' },
  ];

  const files = renderFiles(specs, itemByCode);
  return {
    files,
    blacklist,
    scenarios: scenarios.map(({ kind, description, orders }) => ({
      kind,
      description,
      orders: orders.map((spec) => ({ channel: spec.channel, mallOrderNumber: spec.mallOrderNumber })),
    })),
    orderCount: specs.length,
  };
}

/** Tax-included shipping (送料): free from 5,000円, +330円 クール料金 when anything is cold. */
function shippingFee(lines, itemByCode) {
  const goods = lines.reduce((sum, line) => sum + itemByCode.get(line.code).price * line.quantity, 0);
  const cold = lines.some((line) => itemByCode.get(line.code).zone !== 'ambient');
  return (goods >= 5000 ? 0 : 880) + (cold ? 330 : 0);
}

/** A spec as a `FixtureOrder` of `@hakobu/malls/testing`, which the mall writers render. */
function fixtureOf(spec, index, channel, itemByCode) {
  let line = 0;
  const toItems = (lines) =>
    lines.map(({ code, quantity }) => {
      const item = itemByCode.get(code);
      const codes = mallCodes(item)[channel];
      line += 1;
      return {
        lineId: String(90000000 + index * 10 + line),
        itemCode: codes.itemCode,
        sku: channel === 'rakuten' ? item.code : (codes.skuCode ?? codes.itemCode),
        name: channel === 'rakuten' ? item.rakutenName : channel === 'amazon' ? item.amazonName : item.name,
        unitPrice: item.price,
        quantity,
        taxRate: item.tax,
      };
    });
  const destinations = [
    {
      id: String(1000000 + index * 10),
      person: spec.gift ?? spec.customer,
      items: toItems(spec.lines),
      shipping: shippingFee(spec.lines, itemByCode),
    },
  ];
  if (spec.extraDestination !== undefined) {
    destinations.push({
      id: String(1000000 + index * 10 + 1),
      person: spec.extraDestination.person,
      items: toItems(spec.extraDestination.lines),
      shipping: shippingFee(spec.extraDestination.lines, itemByCode),
    });
  }
  return {
    index,
    orderedAt: spec.orderedAt,
    orderer: spec.customer,
    destinations,
    payment: spec.payment,
    codFee: spec.payment === 'cod' ? 330 : 0,
    wrapping: spec.wrapping,
    coupon: spec.coupon,
    points: spec.points,
    requestedDate: spec.requestedDate,
    timeSlot: spec.timeSlot,
    noshi: spec.noshi,
    remarks: spec.remarks,
    brokenQuantity: spec.brokenQuantity === true,
  };
}

function byInstant(a, b) {
  return a.orderedAt < b.orderedAt ? -1 : a.orderedAt > b.orderedAt ? 1 : 0;
}

function encoded(result) {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result.value.bytes;
}

/** Renders the orders of each shop into that mall's file, orders in the sequence the mall lists them. */
function renderFiles(specs, itemByCode) {
  const ofChannel = (channel) => specs.filter((spec) => spec.channel === channel).sort(byInstant);
  const numberOf = {
    rakuten: (fixture) => rakutenOrderNumber(fixture),
    amazon: (fixture) => amazonOrderId(fixture),
    yahoo: (fixture) => `${SHOPS.yahoo.shopId}-${10000000 + fixture.index}`,
    own: (fixture) => `HKB-${String(fixture.index).padStart(6, '0')}`,
  };
  const fixtures = (channel, base) =>
    ofChannel(channel).map((spec, i) => {
      const fixture = fixtureOf(spec, base + i + 1, channel, itemByCode);
      spec.mallOrderNumber = numberOf[channel](fixture);
      return fixture;
    });

  const rakuten = rakutenOrderCsv(fixtures('rakuten', 0));
  const amazon = new TextEncoder().encode(amazonOrderReportTsv(fixtures('amazon', 200)));

  const yahooHeader = [...YAHOO_ORDER_FIELDS, ...YAHOO_ITEM_FIELDS];
  const yahooRows = [yahooHeader];
  for (const fixture of fixtures('yahoo', 400)) {
    const info = { ...yahooOrderInfo(fixture), OrderId: numberOf.yahoo(fixture) };
    const flat = { ...info, ...info.Pay, ...info.Ship, ...info.Detail };
    for (const item of info.Item) {
      const values = { ...flat, ...item };
      yahooRows.push(yahooHeader.map((field) => String(values[field] ?? '')));
    }
  }
  const yahoo = encoded(writeCsv(yahooRows, { formulaGuard: false, encoding: 'cp932' }));

  const own = encoded(
    writeCsv(
      fixtures('own', 600).flatMap((fixture) => standardRows(fixture, numberOf.own(fixture))),
      {
        columns: standardOrderCsvColumns.map((column) => ({ key: column.key, header: column.header })),
        formulaGuard: false,
        encoding: 'utf-8-bom',
      },
    ),
  );
  return [
    { name: 'rakuten-orders.csv', format: 'rakuten', bytes: rakuten },
    { name: 'amazon-orders.txt', format: 'amazon', bytes: amazon },
    { name: 'yahoo-orders.csv', format: 'yahoo', bytes: yahoo },
    { name: 'own-site-orders.csv', format: 'own', bytes: own },
  ];
}

const PAYMENT_WORDS = { card: 'クレジットカード', cod: '代金引換', bank: '銀行振込' };

/** The own site's export in the hakobu standard CSV: one row per line, order columns on every row. */
function standardRows(fixture, orderNumber) {
  const shipping = fixture.destinations.reduce((sum, destination) => sum + destination.shipping, 0);
  const goods = fixture.destinations
    .flatMap((destination) => destination.items)
    .reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  const billed = goods + shipping + fixture.codFee + fixture.wrapping - fixture.coupon - fixture.points;
  const party = (person) => ({
    name: `${person.familyName} ${person.givenName}`,
    kana: `${person.familyNameKana} ${person.givenNameKana}`,
    postal: `${person.zip1}-${person.zip2}`,
    prefecture: person.prefecture,
    address1: `${person.city}${person.street}`,
    phone: person.phone.filter((part) => part !== '').join('-'),
  });
  const orderer = party(fixture.orderer);
  return fixture.destinations.flatMap((destination, d) =>
    destination.items.map((item, i) => {
      const to = party(destination.person);
      return {
        orderNumber,
        orderedAt: fixture.orderedAt.slice(0, 19).replace('T', ' '),
        status: '',
        paymentMethod: PAYMENT_WORDS[fixture.payment],
        paymentStatus: fixture.payment === 'card' ? '入金済' : '未入金',
        ordererName: orderer.name,
        ordererKana: orderer.kana,
        ordererPostalCode: orderer.postal,
        ordererPrefecture: orderer.prefecture,
        ordererAddress1: orderer.address1,
        ordererAddress2: '',
        ordererPhone: orderer.phone,
        ordererEmail: fixture.orderer.email,
        destinationNumber: String(d + 1),
        destinationName: to.name,
        destinationKana: to.kana,
        destinationCompany: '',
        destinationPostalCode: to.postal,
        destinationPrefecture: to.prefecture,
        destinationAddress1: to.address1,
        destinationAddress2: '',
        destinationPhone: to.phone,
        requestedDate: fixture.requestedDate ?? '',
        timeSlot: fixture.timeSlot,
        lineNumber: String(i + 1 + d * 10),
        itemCode: item.itemCode,
        sku: item.sku,
        itemName: item.name,
        options: '',
        unitPrice: String(item.unitPrice),
        quantity: fixture.brokenQuantity && i === 0 ? '0' : String(item.quantity),
        taxRate: String(item.taxRate),
        temperature: '',
        wrapping: fixture.wrapping > 0 ? 'ギフト包装' : '',
        noshi: fixture.noshi ?? '',
        shipping: String(shipping),
        codFee: String(fixture.codFee),
        wrappingFee: String(fixture.wrapping),
        otherFees: '0',
        couponDiscount: String(fixture.coupon),
        pointsUsed: String(fixture.points),
        billedTotal: String(billed),
        note: fixture.remarks,
      };
    }),
  );
}
