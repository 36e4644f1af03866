import type { BlacklistEntry } from '../blacklist/blacklist';
import { computeAmounts, computeCodAmount, indexOrders } from '../model/derive';
import type {
  Order,
  OrderLine,
  PaymentMethod,
  PaymentStatus,
  Shipment,
  ShipmentCharge,
} from '../model/order';
import type { Party } from '../model/party';
import type { TaxRatePercent, TemperatureZone } from '../model/primitives';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence everywhere. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A {@link SeededRandom} from a 32-bit seed.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random.int(1, 6); // always the same first roll for seed 42
 * ```
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as never,
  };
}

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
  ['髙橋', 'タカハシ'],
] as const;
const GIVEN = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['翔太', 'ショウタ'],
  ['美咲', 'ミサキ'],
  ['健一', 'ケンイチ'],
  ['陽子', 'ヨウコ'],
  ['大輔', 'ダイスケ'],
  ['由美', 'ユミ'],
  ['拓也', 'タクヤ'],
  ['恵子', 'ケイコ'],
  ['蓮', 'レン'],
  ['結衣', 'ユイ'],
] as const;
const PLACES = [
  ['100-0005', '東京都', '千代田区丸の内'],
  ['160-0022', '東京都', '新宿区新宿'],
  ['150-0002', '東京都', '渋谷区渋谷'],
  ['220-0012', '神奈川県', '横浜市西区みなとみらい'],
  ['330-0063', '埼玉県', 'さいたま市浦和区高砂'],
  ['260-0013', '千葉県', '千葉市中央区中央'],
  ['530-0001', '大阪府', '大阪市北区梅田'],
  ['604-8005', '京都府', '京都市中京区恵比須町'],
  ['650-0021', '兵庫県', '神戸市中央区三宮町'],
  ['460-0008', '愛知県', '名古屋市中区栄'],
  ['812-0011', '福岡県', '福岡市博多区博多駅前'],
  ['060-0001', '北海道', '札幌市中央区北一条西'],
  ['980-0021', '宮城県', '仙台市青葉区中央'],
  ['900-0015', '沖縄県', '那覇市久茂地'],
  ['907-0022', '沖縄県', '石垣市大川'],
] as const;
const BUILDINGS = ['', '', '', 'メゾン桜101', 'グランドハイツ202', 'サンシャインビル5F', 'コーポ緑303'];
const PRODUCTS: readonly {
  code: string;
  name: string;
  price: number;
  rate: TaxRatePercent;
  zone: TemperatureZone;
}[] = [
  { code: 'tea-sencha', name: '静岡煎茶 100g', price: 1080, rate: 8, zone: 'ambient' },
  { code: 'rice-koshi5', name: '新潟県産コシヒカリ 5kg', price: 3980, rate: 8, zone: 'ambient' },
  { code: 'towel-imabari', name: '今治タオル フェイスタオル 2枚組', price: 2200, rate: 10, zone: 'ambient' },
  { code: 'soap-set', name: '無添加石けん 3個セット', price: 1650, rate: 10, zone: 'ambient' },
  { code: 'cheese-hokkaido', name: '北海道カマンベールチーズ', price: 1296, rate: 8, zone: 'chilled' },
  { code: 'ham-gift', name: 'ロースハム ギフト', price: 4320, rate: 8, zone: 'chilled' },
  { code: 'gyoza-50', name: '冷凍餃子 50個入', price: 2484, rate: 8, zone: 'frozen' },
  { code: 'icecream-12', name: 'アイスクリーム 12個セット', price: 3888, rate: 8, zone: 'frozen' },
  { code: 'mug-hasami', name: '波佐見焼 マグカップ', price: 2750, rate: 10, zone: 'ambient' },
  { code: 'sweets-castella', name: '長崎カステラ 1号', price: 1944, rate: 8, zone: 'ambient' },
];
const CHANNELS = [
  { channel: 'rakuten', shopId: 'hakobu-rakuten', weight: 5 },
  { channel: 'yahoo', shopId: 'hakobu-yahoo', weight: 3 },
  { channel: 'amazon', shopId: 'hakobu-amazon', weight: 2 },
  { channel: 'own', shopId: 'hakobu-shop', weight: 1 },
] as const;
const METHODS: readonly PaymentMethod[] = [
  'creditCard',
  'creditCard',
  'creditCard',
  'cod',
  'bankTransfer',
  'deferred',
  'convenienceStore',
  'rakutenPay',
  'payPay',
  'amazonPay',
];
const ZONE_RANK: Readonly<Record<TemperatureZone, number>> = { ambient: 0, chilled: 1, frozen: 2 };

/** Options of {@link generateOrders}. */
export interface GenerateOrdersOptions {
  /** Seed of the sequence; the same seed and count give the same orders. Default 1. */
  readonly seed?: number;
  /** How many orders. */
  readonly count: number;
  /** Distinct customers to draw from; fewer customers than orders make repeat buyers (同梱 candidates). Default `ceil(count * 0.8)`. */
  readonly customers?: number;
  /** Share of orders sent to someone other than the orderer (ギフト). Default 0.1. */
  readonly giftRate?: number;
  /** Share of orders with more than one temperature zone. Default 0.15. */
  readonly mixedTemperatureRate?: number;
  /** First order date (Japan time); orders spread over the following 30 days. Default `2026-11-01`. */
  readonly from?: string;
  /** Prefix of order ids. Default `o`. */
  readonly idPrefix?: string;
}

function person(random: SeededRandom, index: number): Party {
  const [family, familyKana] = FAMILY[index % FAMILY.length] as readonly [string, string];
  const [given, givenKana] = GIVEN[Math.floor(index / FAMILY.length) % GIVEN.length] as readonly [
    string,
    string,
  ];
  const [postalCode, prefecture, city] = random.pick(PLACES);
  const building = random.pick(BUILDINGS);
  const party: Party = {
    name: `${family} ${given}`,
    nameKana: `${familyKana} ${givenKana}`,
    postalCode,
    prefecture,
    address1: `${city}${random.int(1, 5)}-${random.int(1, 20)}-${random.int(1, 30)}`,
    phone: `0${random.pick(['90', '80', '70'])}-${String(1000 + (index % 9000)).padStart(4, '0')}-${String(
      random.int(0, 9999),
    ).padStart(4, '0')}`,
    email: `customer${index}@example.jp`,
  };
  if (building !== '') party.address2 = building;
  return party;
}

function orderNumber(channel: string, n: number, day: string): string {
  const serial = String(n).padStart(7, '0');
  if (channel === 'rakuten') return `381234-${day.replaceAll('-', '')}-${serial}`;
  if (channel === 'amazon') return `503-${String(1_000_000 + (n % 9_000_000)).slice(0, 7)}-${serial}`;
  if (channel === 'yahoo') return `hakobu-yahoo-${10_000_000 + n}`;
  return `H${day.replaceAll('-', '')}${serial}`;
}

function addDaysIso(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function paymentStatus(method: PaymentMethod, random: SeededRandom): PaymentStatus {
  if (method === 'cod') return 'notRequired';
  if (method === 'bankTransfer' || method === 'convenienceStore')
    return random.next() < 0.5 ? 'unpaid' : 'paid';
  if (method === 'deferred') return 'notRequired';
  return 'authorized';
}

function generateOne(random: SeededRandom, n: number, options: Required<GenerateOrdersOptions>): Order {
  const id = `${options.idPrefix}${String(n).padStart(7, '0')}`;
  const { channel, shopId } = random.pick(CHANNELS.flatMap((entry) => Array(entry.weight).fill(entry)));
  const customer = random.int(0, options.customers - 1);
  const orderer = person(seededRandom(options.seed * 7919 + customer), customer);
  const day = addDaysIso(options.from, random.int(0, 29));
  const mixed = random.next() < options.mixedTemperatureRate;
  const lineCount = mixed ? random.int(2, 4) : random.int(1, 3);
  const lines: OrderLine[] = [];
  const requestedDate = random.next() < 0.2 ? addDaysIso(day, random.int(3, 10)) : undefined;
  for (let index = 0; index < lineCount; index += 1) {
    const pool = mixed ? PRODUCTS : PRODUCTS.filter((product) => product.zone === 'ambient');
    const product = random.pick(pool);
    const line: OrderLine = {
      id: `${id}-L${index + 1}`,
      mallItemCode: product.code,
      sku: `${product.code}-${index % 2 === 0 ? 'std' : 'gift'}`,
      name: product.name,
      unitPrice: product.price,
      quantity: random.int(1, 3),
      taxRate: product.rate,
      temperature: product.zone,
    };
    if (random.next() < 0.05) line.wrapping = 'ギフト包装';
    if (random.next() < 0.05) line.noshi = '御歳暮';
    if (mixed && random.next() < 0.3) line.requestedDate = addDaysIso(day, random.int(3, 12));
    lines.push(line);
  }
  const method =
    channel === 'amazon' ? random.pick(['amazonPay', 'creditCard', 'cod'] as const) : random.pick(METHODS);
  const itemsTotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const coldest = lines.reduce<TemperatureZone>(
    (zone, line) => (ZONE_RANK[line.temperature] > ZONE_RANK[zone] ? line.temperature : zone),
    'ambient',
  );
  const fees = {
    shipping: itemsTotal >= 5000 ? 0 : random.pick([550, 800, 1000]) + (coldest === 'ambient' ? 0 : 330),
    codFee: method === 'cod' ? 330 : 0,
    wrapping: lines.some((line) => line.wrapping !== undefined) ? 220 : 0,
    otherFees: random.next() < 0.03 ? 300 : 0,
    couponDiscount: random.next() < 0.15 ? random.pick([100, 300, 500]) : 0,
    pointsUsed: random.next() < 0.2 ? random.int(1, Math.min(2000, Math.floor(itemsTotal / 2))) : 0,
  };
  const amounts = computeAmounts(lines, fees);
  const gift = random.next() < options.giftRate;
  const destination = gift ? person(random, options.customers + n) : orderer;
  const charges: ShipmentCharge[] = (Object.entries(fees) as [ShipmentCharge['kind'], number][])
    .filter(([, amount]) => amount > 0)
    .map(([kind, amount]) => ({ orderId: id, kind, amount }));
  const shipment: Shipment = {
    id: `${id}-S1`,
    slipNumber: '',
    destination,
    lines: lines.map((line) => ({ orderId: id, lineId: line.id, quantity: line.quantity })),
    temperature: coldest,
    timeSlot: random.pick(['none', 'none', 'none', 'am', '14-16', '18-20', '19-21'] as const),
    charges,
    codAmount: 0,
    trackingNumbers: [],
    giftMode: 'auto',
    state: 'open',
  };
  if (requestedDate !== undefined) shipment.requestedDate = requestedDate;
  const mallOrderNumber = orderNumber(channel, n, day);
  shipment.slipNumber = `${mallOrderNumber}-1`;
  const status =
    method === 'bankTransfer' || method === 'convenienceStore' ? 'awaitingPayment' : 'awaitingShipment';
  const pay = paymentStatus(method, random);
  const order: Order = {
    id,
    channel,
    shopId,
    mallOrderNumber,
    orderedAt: `${day}T${String(random.int(0, 23)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00+09:00`,
    orderer,
    payment: { method, status: pay, paidAmount: pay === 'paid' ? amounts.billedTotal : 0 },
    amounts,
    lines,
    shipments: [shipment],
    status: status === 'awaitingPayment' && pay === 'paid' ? 'awaitingShipment' : status,
    axes: {
      allocation: 'unallocated',
      holds: [],
      deliveryNotePrinted: false,
      labelExported: false,
      mailsSent: ['orderConfirmation'],
      mallSync: 'notSynced',
    },
    alerts: [],
    tags: [],
    notes: random.next() < 0.1 ? { customer: '不在時は宅配ボックスへお願いします' } : {},
    version: 1,
    history: [],
  };
  shipment.codAmount = computeCodAmount(shipment, indexOrders([order]));
  return order;
}

/**
 * Generates realistic Japanese open orders (テスト用受注データ), deterministic for a seed: 楽天, Yahoo!,
 * Amazon and own-shop orders with Japanese names and addresses, repeat customers (same phone: 同梱
 * candidates), gifts, mixed temperature zones, per-line requested dates, fees, coupons, points and 代引.
 * Shared by tests, benchmarks and the demo.
 *
 * @example
 * ```ts
 * const orders = generateOrders({ seed: 7, count: 1000 });
 * orders[0].mallOrderNumber; // e.g. '381234-20261105-0000001'
 * ```
 */
export function generateOrders(options: GenerateOrdersOptions): Order[] {
  const resolved: Required<GenerateOrdersOptions> = {
    seed: options.seed ?? 1,
    count: options.count,
    customers: options.customers ?? Math.max(1, Math.ceil(options.count * 0.8)),
    giftRate: options.giftRate ?? 0.1,
    mixedTemperatureRate: options.mixedTemperatureRate ?? 0.15,
    from: options.from ?? '2026-11-01',
    idPrefix: options.idPrefix ?? 'o',
  };
  const random = seededRandom(resolved.seed);
  const orders: Order[] = [];
  for (let n = 1; n <= resolved.count; n += 1) orders.push(generateOne(random, n, resolved));
  return orders;
}

/** Options of {@link generateBlacklist}. */
export interface GenerateBlacklistOptions {
  readonly seed?: number;
  readonly count: number;
  /** Orders to take some entries from, so screening finds real hits. */
  readonly from?: readonly Order[];
  /** Share of entries copied from `from` (one field each, written differently). Default 0.05. */
  readonly hitRate?: number;
}

/**
 * Generates blacklist entries (テスト用ブラックリスト), deterministic for a seed: mostly unrelated people, plus
 * a share copied from given orders with the phone or address written in another width or hyphen style.
 *
 * @example
 * ```ts
 * const entries = generateBlacklist({ seed: 1, count: 10_000, from: orders });
 * ```
 */
export function generateBlacklist(options: GenerateBlacklistOptions): BlacklistEntry[] {
  const random = seededRandom(options.seed ?? 1);
  const from = options.from ?? [];
  const hitRate = from.length === 0 ? 0 : (options.hitRate ?? 0.05);
  const reasons = ['受取拒否', '代引未払い', 'いたずら注文', '転売目的'];
  const entries: BlacklistEntry[] = [];
  for (let n = 1; n <= options.count; n += 1) {
    const id = `bl${String(n).padStart(6, '0')}`;
    const reason = random.pick(reasons);
    if (random.next() < hitRate) {
      const source = random.pick(from).orderer;
      // Generated names repeat (namesakes), so copied entries carry a phone, an email or an address.
      const field = random.int(0, 2);
      if (field === 0) entries.push({ id, reason, phone: toFullWidth(source.phone) });
      else if (field === 1)
        entries.push({ id, reason, email: source.email?.toUpperCase() ?? 'x@example.jp' });
      else {
        const address = `${source.prefecture}${source.address1.replace(/-/g, '－')}${source.address2 ?? ''}`;
        entries.push({ id, reason, address });
      }
      continue;
    }
    entries.push({
      id,
      reason,
      phone: `050-${String(random.int(0, 9999)).padStart(4, '0')}-${String(random.int(0, 9999)).padStart(4, '0')}`,
      name: `要注意 ${id}`,
    });
  }
  return entries;
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9-]/g, (ch) =>
    ch === '-' ? 'ー' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0),
  );
}
