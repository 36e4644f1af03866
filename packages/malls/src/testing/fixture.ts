/**
 * Deterministic, realistic (and invented) Japanese order data that the mall fixture writers render into
 * each mall's format. No real customer data: names, addresses and phone numbers are drawn from small
 * made-up pools (addresses use real prefecture and city names, invented 番地).
 */

/** A small deterministic generator (LCG) so every run builds the same fixtures. */
export function fixtureRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const FAMILY = [
  ['山田', 'ヤマダ'],
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['髙橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['渡辺', 'ワタナベ'],
  ['伊藤', 'イトウ'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['齋藤', 'サイトウ'],
] as const;
const GIVEN = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['一郎', 'イチロウ'],
  ['美咲', 'ミサキ'],
  ['健太', 'ケンタ'],
  ['陽子', 'ヨウコ'],
  ['翔', 'ショウ'],
  ['由美', 'ユミ'],
] as const;
const PLACES = [
  ['100', '0005', '東京都', '千代田区', '丸の内'],
  ['530', '0001', '大阪府', '大阪市北区', '梅田'],
  ['460', '0008', '愛知県', '名古屋市中区', '栄'],
  ['060', '0042', '北海道', '札幌市中央区', '大通西'],
  ['812', '0011', '福岡県', '福岡市博多区', '博多駅前'],
  ['980', '0021', '宮城県', '仙台市青葉区', '中央'],
  ['900', '0015', '沖縄県', '那覇市', '久茂地'],
  ['650', '0021', '兵庫県', '神戸市中央区', '三宮町'],
] as const;
const PRODUCTS = [
  ['tea-sencha', 'SENCHA-100', '静岡県産 深蒸し煎茶 100g', 1080, 8],
  ['tea-matcha', 'MATCHA-30', '宇治抹茶 30g缶', 1620, 8],
  ['towel-imabari', 'TOWEL-WH', '今治タオル フェイスタオル 白', 1320, 10],
  ['mug-hasami', 'MUG-BL', '波佐見焼 マグカップ 藍', 2750, 10],
  ['rice-koshi', 'RICE-5KG', '新潟県産コシヒカリ 5kg', 3980, 8],
  ['sweets-castella', 'CASTELLA-1', '長崎カステラ 1号', 1944, 8],
] as const;
const SLOTS = ['', '午前中', '14時～16時', '19時～21時', '12時～14時'] as const;

/** One person of a fixture order. */
export interface FixturePerson {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  zip1: string;
  zip2: string;
  prefecture: string;
  city: string;
  street: string;
  phone: [string, string, string];
  email: string;
}

/** One item of a fixture order. */
export interface FixtureItem {
  lineId: string;
  itemCode: string;
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
  taxRate: 8 | 10;
}

/** One destination (送付先) of a fixture order. */
export interface FixtureDestination {
  id: string;
  person: FixturePerson;
  items: FixtureItem[];
  shipping: number;
}

/** A fixture order in neutral terms; each writer renders it in its mall's format. */
export interface FixtureOrder {
  index: number;
  orderedAt: string;
  orderer: FixturePerson;
  destinations: FixtureDestination[];
  payment: 'card' | 'cod' | 'bank';
  codFee: number;
  wrapping: number;
  coupon: number;
  points: number;
  requestedDate: string | undefined;
  timeSlot: string;
  noshi: string | undefined;
  remarks: string;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

function person(random: () => number, n: number): FixturePerson {
  const [familyName, familyNameKana] = pick(FAMILY, random);
  const [givenName, givenNameKana] = pick(GIVEN, random);
  const [zip1, zip2, prefecture, city, town] = pick(PLACES, random);
  return {
    familyName,
    givenName,
    familyNameKana,
    givenNameKana,
    zip1,
    zip2,
    prefecture,
    city,
    street: `${town}${1 + (n % 9)}丁目${2 + (n % 17)}－${1 + (n % 30)}`,
    phone: ['090', String(1000 + (n % 9000)), String(2000 + ((n * 7) % 8000))],
    email: `buyer${n}@example.jp`,
  };
}

/**
 * Builds fixture order `index` (0-based) deterministically: 1–3 items, sometimes a second 送付先, card,
 * 代引 or 銀行振込, coupons, points, wrapping, noshi and a requested date and time slot.
 *
 * @example
 * ```ts
 * const order = fixtureOrder(0);
 * order.destinations[0].items.length; // 1..3
 * ```
 */
export function fixtureOrder(index: number): FixtureOrder {
  const random = fixtureRandom(index * 7919 + 17);
  const orderer = person(random, index);
  const destinationCount = index % 7 === 3 ? 2 : 1;
  const destinations: FixtureDestination[] = [];
  let line = 0;
  for (let d = 0; d < destinationCount; d += 1) {
    const items: FixtureItem[] = [];
    const itemCount = 1 + Math.floor(random() * 3);
    for (let i = 0; i < itemCount; i += 1) {
      const [itemCode, sku, name, unitPrice, taxRate] = pick(PRODUCTS, random);
      line += 1;
      items.push({
        lineId: String(90000000 + index * 10 + line),
        itemCode,
        sku,
        name,
        unitPrice,
        quantity: 1 + Math.floor(random() * 3),
        taxRate,
      });
    }
    destinations.push({
      id: String(1000000 + index * 10 + d),
      person: d === 0 ? orderer : person(random, index + 1000),
      items,
      shipping: random() < 0.3 ? 0 : 880,
    });
  }
  const payment = index % 5 === 1 ? 'cod' : index % 5 === 2 ? 'bank' : 'card';
  const day = 1 + (index % 28);
  const hour = index % 24;
  const minute = (index * 7) % 60;
  return {
    index,
    orderedAt: `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+09:00`,
    orderer,
    destinations,
    payment,
    codFee: payment === 'cod' ? 330 : 0,
    wrapping: index % 6 === 0 ? 220 : 0,
    coupon: index % 4 === 0 ? 300 : 0,
    points: index % 3 === 0 ? 50 + (index % 5) * 10 : 0,
    requestedDate: index % 2 === 0 ? `2026-12-${String(1 + (index % 20)).padStart(2, '0')}` : undefined,
    timeSlot: SLOTS[index % SLOTS.length] as string,
    noshi: index % 6 === 0 ? '御歳暮' : undefined,
    remarks: index % 4 === 1 ? '不在時は宅配ボックスへお願いします' : '',
  };
}

/** The amounts a fixture order bills: items, fees, discounts and the total the buyer pays. */
export function fixtureTotals(order: FixtureOrder): {
  items: number;
  shipping: number;
  billed: number;
} {
  let items = 0;
  let shipping = 0;
  for (const destination of order.destinations) {
    shipping += destination.shipping;
    for (const item of destination.items) items += item.unitPrice * item.quantity;
  }
  return {
    items,
    shipping,
    billed: items + shipping + order.codFee + order.wrapping - order.coupon - order.points,
  };
}
