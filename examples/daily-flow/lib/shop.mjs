// The shop the demo runs: はこぶ食堂, a food and gift shop selling on 楽天, Yahoo!ショッピング, Amazon and its
// own site from one stock. Everything a real host would keep in its settings tables is plain data here.

/** The business day the demo runs (a Tuesday), in Japan time. */
export const TODAY = '2026-12-01';

/** The instant of each step of the day (a fixed clock per step, so every run writes the same bytes). */
export const SCHEDULE = {
  import: '2026-12-01T09:00:00+09:00',
  screen: '2026-12-01T09:10:00+09:00',
  bundle: '2026-12-01T09:20:00+09:00',
  split: '2026-12-01T09:25:00+09:00',
  allocate: '2026-12-01T09:30:00+09:00',
  labels: '2026-12-01T10:00:00+09:00',
  tracking: '2026-12-01T16:00:00+09:00',
  mails: '2026-12-01T16:10:00+09:00',
  uploads: '2026-12-01T16:20:00+09:00',
  stock: '2026-12-01T16:30:00+09:00',
};

/** The four shops (販路): channel and shop id as orders and listings carry them, and their names. */
export const SHOPS = {
  rakuten: { channel: 'rakuten', shopId: 'hakobu-rakuten', name: 'はこぶ食堂 楽天市場店' },
  yahoo: { channel: 'yahoo', shopId: 'hakobu-yahoo', name: 'はこぶ食堂 Yahoo!店' },
  amazon: { channel: 'amazon', shopId: 'hakobu-amazon', name: 'はこぶ食堂 Amazon店' },
  own: { channel: 'own', shopId: 'hakobu-online', name: 'はこぶ食堂 公式オンラインショップ' },
};

/** ご依頼主 on every label: the shop's warehouse (a real postal code of 江東区新木場). */
export const SHIPPER = {
  name: 'はこぶ食堂 出荷センター',
  nameKana: 'ハコブショクドウ シュッカセンター',
  postalCode: '136-0082',
  prefecture: '東京都',
  address1: '江東区新木場1-18-6',
  address2: '新木場物流棟3F',
  phone: '03-5500-1234',
};

/** 出荷元の都道府県, for lead times. */
export const SHIP_FROM = '東京都';

/**
 * The product master (商品マスタ): master SKU, name, 温度帯, tax-included price, tax rate, and for a set
 * (セット商品) its components. Sets hold no stock of their own.
 */
export const PRODUCTS = [
  { sku: 'SENCHA-100', name: '静岡県産 深蒸し煎茶 100g', zone: 'ambient', price: 1080, tax: 8 },
  { sku: 'MATCHA-30', name: '宇治抹茶 30g缶', zone: 'ambient', price: 1620, tax: 8 },
  { sku: 'CASTELLA-1', name: '長崎カステラ 1号', zone: 'ambient', price: 1944, tax: 8 },
  { sku: 'RICE-5KG', name: '新潟県産コシヒカリ 5kg', zone: 'ambient', price: 3980, tax: 8 },
  { sku: 'TOWEL-WH', name: '今治タオル フェイスタオル 白', zone: 'ambient', price: 1320, tax: 10 },
  { sku: 'MUG-BL', name: '波佐見焼 マグカップ 藍', zone: 'ambient', price: 2750, tax: 10 },
  { sku: 'BUTTER-200', name: '北海道 発酵バター 200g', zone: 'chilled', price: 1296, tax: 8 },
  { sku: 'CHEESECAKE-5', name: '十勝 ベイクドチーズケーキ 5号', zone: 'chilled', price: 3240, tax: 8 },
  { sku: 'GYOZA-50', name: '国産豚 冷凍生餃子 50個', zone: 'frozen', price: 2700, tax: 8 },
  { sku: 'HAMBURG-6', name: '黒毛和牛 ハンバーグ 6個', zone: 'frozen', price: 4860, tax: 8 },
  { sku: 'ICE-12', name: '北海道 ミルクアイス 12個', zone: 'frozen', price: 3888, tax: 8 },
  {
    sku: 'SET-TEA',
    name: '【ギフト】煎茶・抹茶詰め合わせ',
    zone: 'ambient',
    price: 3480,
    tax: 8,
    components: [
      { sku: 'SENCHA-100', quantity: 2 },
      { sku: 'MATCHA-30', quantity: 1 },
    ],
  },
  {
    sku: 'SET-TOWEL3',
    name: '今治タオル 3枚セット',
    zone: 'ambient',
    price: 3600,
    tax: 10,
    components: [{ sku: 'TOWEL-WH', quantity: 3 }],
  },
  {
    sku: 'SET-FROZEN',
    name: '【冷凍】餃子とハンバーグの贅沢セット',
    zone: 'frozen',
    price: 7200,
    tax: 8,
    components: [
      { sku: 'GYOZA-50', quantity: 1 },
      { sku: 'HAMBURG-6', quantity: 1 },
    ],
  },
];

/** A pack sold as one item (2袋セット): two master units per sold unit. */
export const PACKS = [
  {
    code: 'SENCHA-100-2P',
    sku: 'SENCHA-100',
    name: '静岡県産 深蒸し煎茶 100g×2袋',
    price: 2100,
    multiplier: 2,
  },
];

/** Stock on hand this morning (在庫数), per stocked SKU. 黒毛和牛ハンバーグ is nearly sold out on purpose. */
export const OPENING_STOCK = {
  'SENCHA-100': 150,
  'MATCHA-30': 80,
  'CASTELLA-1': 60,
  'RICE-5KG': 40,
  'TOWEL-WH': 160,
  'MUG-BL': 60,
  'BUTTER-200': 40,
  'CHEESECAKE-5': 36,
  'GYOZA-50': 50,
  'HAMBURG-6': 3,
  'ICE-12': 48,
};

/**
 * The mall codes of a sellable item in each shop (商品対応表): 楽天 商品管理番号 + SKU管理番号 (variant id),
 * Yahoo! 商品コード + 個別商品コード, Amazon 出品者SKU, own site 商品コード + SKU.
 *
 * @param {{ code: string }} item a product or pack
 */
export function mallCodes(item) {
  const lower = item.code.toLowerCase();
  return {
    rakuten: { itemCode: lower, skuCode: `v-${lower}` },
    yahoo: { itemCode: lower, skuCode: item.code },
    amazon: { itemCode: `HKB-${item.code}` },
    own: { itemCode: lower, skuCode: item.code },
  };
}

/** The items each shop sells: every product and pack, under the shop's codes. */
export function sellableItems() {
  return [
    ...PRODUCTS.map((product) => ({ ...product, code: product.sku, multiplier: 1 })),
    ...PACKS.map((pack) => {
      const product = PRODUCTS.find((candidate) => candidate.sku === pack.sku);
      return { ...product, ...pack };
    }),
  ];
}

/** The product master and listings in the shape `indexCatalog` of `@hakobu/inventory` takes. */
export function catalogInput() {
  const products = PRODUCTS.map(({ sku, name, zone, components }) => ({
    sku,
    name,
    temperatureZone: zone,
    ...(components === undefined ? {} : { components }),
  }));
  const listings = [];
  for (const item of sellableItems()) {
    for (const [key, code] of Object.entries(mallCodes(item))) {
      const shop = SHOPS[key];
      listings.push({
        id: `${key}:${code.itemCode}`,
        channel: shop.channel,
        shopId: shop.shopId,
        ...code,
        sku: item.sku,
        multiplier: item.multiplier,
      });
    }
  }
  return { products, listings };
}

/**
 * Channel policies (在庫連携の配分): 楽天 gets 60% of the sellable stock, Yahoo! and Amazon 20% each (Amazon
 * capped at 30 and shown as 0 below 2), the own site reads the whole pool.
 */
export const STOCK_POLICIES = [
  { channel: 'rakuten', ratio: 60 },
  { channel: 'yahoo', ratio: 20 },
  { channel: 'amazon', ratio: 20, cap: 30, floorToZero: 2 },
];

/** 同梱条件: the same destination phone and address, in an open status. */
export const BUNDLE_SPEC = { keys: ['phone', 'address'] };

/** 同梱時の費用: the parent's 送料 is kept, the children's are waived (refunded by the shop). */
export const BUNDLE_POLICY = { fees: 'keepParent' };

/** 伝票分割の費用配分: fees go to the 常温 slip, coupons and points are apportioned by item amount. */
export const SPLIT_POLICY = { fees: 'temperaturePriority', discounts: 'apportionByItems' };

/** Alert codes that put an order on hold (確認待ち) before anything ships. */
export const HOLD_CODES = [
  'orders.blacklist.hit',
  'carrier.postal.unknown_code',
  'carrier.postal.address_mismatch',
  'text.invalid_postal_code',
];

/** Items small enough for クリックポスト (厚さ3cm以内): a bag or two of tea. */
const MAIL_SIZE = new Set(['SENCHA-100', 'MATCHA-30']);

/**
 * The shop's 配送ルール, first match wins: cool and frozen go ヤマト クール宅急便 (B2クラウド); 沖縄 and the
 * 離島 ゆうパック (ゆうプリR); up to two bags of tea without COD, date or slot go クリックポスト; COD goes 佐川
 * e-コレクト (e飛伝Ⅲ); the own site's orders go through its own Sagawa account, still on e飛伝Ⅱ; the rest goes
 * ヤマト 宅急便.
 *
 * @param {object} input
 * @param {import('@hakobu/orders').Shipment} input.shipment
 * @param {import('@hakobu/orders').Order} input.holder the order whose slip it is
 * @param {(lineRef: { orderId: string, lineId: string }) => import('@hakobu/orders').OrderLine | undefined} input.lineOf
 * @param {boolean} input.island
 * @returns {{ carrier: string, service: string, system: string }}
 */
export function chooseCarrier({ shipment, holder, lineOf, island }) {
  if (shipment.temperature !== 'ambient')
    return { carrier: 'yamato', service: 'takkyubin', system: 'yamato-b2' };
  if (island || shipment.destination.prefecture === '沖縄県')
    return { carrier: 'japanpost', service: 'yupack', system: 'japanpost-yupri' };
  const lines = shipment.lines.map((ref) => ({ ref, line: lineOf(ref) }));
  const units = lines.reduce((sum, { ref }) => sum + ref.quantity, 0);
  const mailSize = lines.every(({ line }) => line !== undefined && MAIL_SIZE.has(line.masterSku ?? ''));
  if (
    mailSize &&
    units <= 2 &&
    shipment.codAmount === 0 &&
    shipment.requestedDate === undefined &&
    shipment.timeSlot === 'none'
  )
    return { carrier: 'japanpost', service: 'clickpost', system: 'japanpost-clickpost' };
  if (holder.payment.method === 'cod')
    return { carrier: 'sagawa', service: 'hikyaku', system: 'sagawa-ehiden3' };
  if (holder.channel === SHOPS.own.channel)
    return { carrier: 'sagawa', service: 'hikyaku', system: 'sagawa-ehiden2' };
  return { carrier: 'yamato', service: 'takkyubin', system: 'yamato-b2' };
}

/** Per label system: its name and the writer's account settings (ご請求先顧客コード, お客様コード). */
export const LABEL_SETTINGS = {
  'yamato-b2': { label: 'ヤマト B2クラウド', options: { billingCustomerCode: '0355001234' } },
  'sagawa-ehiden3': { label: '佐川 e飛伝Ⅲ', options: { customerCode: '123456789012' } },
  'sagawa-ehiden2': { label: '佐川 e飛伝Ⅱ', options: { customerCode: '123456789013' } },
  'japanpost-yupri': { label: '日本郵便 ゆうプリR', options: {} },
  'japanpost-clickpost': { label: '日本郵便 クリックポスト', options: {} },
};

/**
 * Product-name rules for labels (品名): promotion brackets (【冷凍便】…) go by default; the shop name that
 * Amazon titles start with goes too.
 */
export const ITEM_NAME_RULES = { deletePatterns: ['^はこぶ食堂\\s*'] };

/** Mail routes (送信元と署名) per shop. */
export function mailRoutes() {
  return Object.values(SHOPS).map((shop) => ({
    channel: shop.channel,
    shopId: shop.shopId,
    shop: {
      name: shop.name,
      email: `${shop.shopId}@hakobu-shokudo.example.jp`,
      phone: '03-5500-1234',
      url: 'https://hakobu-shokudo.example.jp/',
    },
    from: `${shop.shopId}@hakobu-shokudo.example.jp`,
    signature: {
      text: '――――――――――――――――――\n{{ shop.name }}\n〒136-0082 東京都江東区新木場1-18-6\nTEL {{ shop.phone | phone }}（平日10:00～17:00）\n{{ shop.email }}\n――――――――――――――――――',
    },
  }));
}

const ORDER_BODY = `[注文者氏名] 様

{{ shop.name }}です。このたびはご注文いただき、誠にありがとうございます。
以下の内容でご注文を承りました。

■ご注文番号: [注文番号]
■ご注文日時: [注文日時]
■お支払方法: [支払方法]
■ご請求金額: [請求金額]
{{ blocks.message }}
■ご注文商品
[明細]
■お届け先
[お届け先氏名] 様
{{ destination.postalCode | postal }} [お届け先住所]
お届け希望日: [お届け希望日] {{ shipment.timeSlotLabel }}

{{ blocks.signature }}`;

const SHIPPED_BODY = `[注文者氏名] 様

{{ shop.name }}です。ご注文の商品を{{ shipment.shippedOn | jdate }}に{{ shipment.carrierLabel }}で発送いたしました。
{% if shipment.temperatureLabel != '常温' %}（{{ shipment.temperatureLabel }}でお届けします。お受け取り後はお早めに冷蔵庫・冷凍庫へ）
{% endif %}
■ご注文番号: [注文番号]
■伝票番号: [伝票番号]
{% for t in shipment.tracking %}■お問い合わせ番号: {{ t.number }}
  {{ t.url }}
{% endfor %}
■発送した商品
[発送明細]
■お届け先
[お届け先氏名] 様
{{ destination.postalCode | postal }} [お届け先住所]
お届け希望日: [お届け希望日] {{ shipment.timeSlotLabel }}
{{ blocks.message }}
{{ blocks.signature }}`;

/** The mail templates (注文確認 and 発送完了, with a 代引 variant that states the amount to pay). */
export function mailTemplates() {
  return [
    {
      id: 'orderConfirmation',
      event: 'orderConfirmation',
      subject: '【{{ shop.name }}】ご注文ありがとうございます（[注文番号]）',
      text: ORDER_BODY,
    },
    {
      id: 'shipped',
      event: 'shipped',
      subject: '【{{ shop.name }}】商品を発送しました（[注文番号]）',
      text: SHIPPED_BODY,
    },
    {
      id: 'shipped-cod',
      event: 'shipped',
      paymentMethod: 'cod',
      subject: '【{{ shop.name }}】商品を発送しました・代金引換のご案内（[注文番号]）',
      text: SHIPPED_BODY.replace(
        '■発送した商品',
        '■代金引換: 商品お受け取りの際に {{ shipment.codAmount | yen: "suffix" }} を配達員へお支払いください。\n\n■発送した商品',
      ),
    },
  ];
}

/** Branding of printed documents per route `channel/shopId` (登録番号 for the インボイス制度). */
export function documentBranding() {
  return Object.fromEntries(
    Object.values(SHOPS).map((shop) => [
      `${shop.channel}/${shop.shopId}`,
      {
        shopName: shop.name,
        signature: ['〒136-0082 東京都江東区新木場1-18-6', 'TEL 03-5500-1234'],
        invoiceNumber: 'T9010401234567',
      },
    ]),
  );
}
