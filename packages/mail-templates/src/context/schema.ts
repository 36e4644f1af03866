import { z } from 'zod';

const Text = z.string();
const OptionalText = z.string().nullable();
const Money = z.number().int();

/** A person as templates see them (注文者・お届け先): absent parts are `null`, never missing. */
export const MailParty = z.object({
  /** 氏名 */
  name: Text,
  /** フリガナ */
  nameKana: OptionalText,
  /** 会社名 */
  company: OptionalText,
  /** 郵便番号 as entered */
  postalCode: Text,
  /** 都道府県 */
  prefecture: Text,
  /** 市区町村・番地 */
  address1: Text,
  /** 建物名 */
  address2: OptionalText,
  /** 住所 (one line) */
  address: Text,
  /** 電話番号 as entered; format with `| phone` */
  phone: Text,
  /** メールアドレス */
  email: OptionalText,
});
/** @see {@link MailParty} */
export type MailParty = z.infer<typeof MailParty>;

/** One order line (受注明細) with its amount. */
export const MailLine = z.object({
  /** 受注番号 of the order the line belongs to (several after 同梱). */
  orderNumber: Text,
  /** 商品名 */
  name: Text,
  /** 項目選択肢 */
  options: OptionalText,
  /** SKU */
  sku: Text,
  /** 数量 */
  quantity: z.number().int(),
  /** 税込単価 */
  unitPrice: Money,
  /** 金額 (単価 × 数量) */
  amount: Money,
  /** 税率 (%) */
  taxRate: z.number().int(),
  /** 軽減税率対象 (※) */
  reducedRate: z.boolean(),
  /** のし */
  noshi: OptionalText,
  /** ラッピング */
  wrapping: OptionalText,
});
/** @see {@link MailLine} */
export type MailLine = z.infer<typeof MailLine>;

/** One parcel's tracking (お問い合わせ番号 and URL). */
export const MailTracking = z.object({
  number: Text,
  /** 追跡URL, or `null` when the carrier has none configured. */
  url: OptionalText,
});
/** @see {@link MailTracking} */
export type MailTracking = z.infer<typeof MailTracking>;

/** A shipment (伝票) as templates see it. */
export const MailShipment = z.object({
  /** 伝票番号 */
  slipNumber: Text,
  destination: MailParty,
  /** 配送業者 code */
  carrier: OptionalText,
  /** 配送業者名 */
  carrierLabel: OptionalText,
  /** 配送方法 */
  service: OptionalText,
  /** お届け希望日 (YYYY-MM-DD) */
  requestedDate: OptionalText,
  /** お届け時間帯 code */
  timeSlot: Text,
  /** お届け時間帯 (指定なし, 午前中, 14時〜16時 …) */
  timeSlotLabel: Text,
  /** 出荷予定日 */
  plannedShipDate: OptionalText,
  /** 出荷日 */
  shippedOn: OptionalText,
  /** 温度帯 code */
  temperature: Text,
  /** 温度帯 (常温, 冷蔵, 冷凍) */
  temperatureLabel: Text,
  /** お問い合わせ番号 */
  trackingNumbers: z.array(Text),
  tracking: z.array(MailTracking),
  /** 代引金額 */
  codAmount: Money,
  /** ギフト (sent to someone other than the orderer) */
  gift: z.boolean(),
  lines: z.array(MailLine),
});
/** @see {@link MailShipment} */
export type MailShipment = z.infer<typeof MailShipment>;

/** Tax of one rate (税率別内訳). */
export const MailTaxRow = z.object({
  rate: z.number().int(),
  /** 対象額 (税込) */
  taxableAmount: Money,
  /** 消費税額 */
  tax: Money,
});
/** @see {@link MailTaxRow} */
export type MailTaxRow = z.infer<typeof MailTaxRow>;

/**
 * What a mail or document template may use (テンプレート変数): order, shipment(s), lines, orderer, destination,
 * payment, amounts with per-rate tax, shop and channel, customer rank, tracking, follow-up, and the blocks
 * composed around the body. Every field is always present (absent values are `null`), so a template's
 * paths are checked against this schema before it is saved, and a render never meets an unknown path.
 */
export const MailContext = z.object({
  /** ショップ・販路 */
  shop: z.object({
    name: Text,
    channel: Text,
    /** モール名 (楽天市場, Yahoo!ショッピング …) */
    channelLabel: Text,
    shopId: Text,
    email: OptionalText,
    phone: OptionalText,
    url: OptionalText,
    /** 適格請求書発行事業者登録番号 (T + 13 digits) */
    invoiceNumber: OptionalText,
    /** ロゴ画像 URL */
    logoUrl: OptionalText,
  }),
  /** 受注 */
  order: z.object({
    id: Text,
    /** 受注番号 (モール注文番号) */
    number: Text,
    /** 注文日時 (ISO; `| jdate`) */
    orderedAt: Text,
    status: Text,
    /** お客様備考 */
    customerNote: OptionalText,
    /** 同梱 order numbers in the same parcel, this order first. */
    numbers: z.array(Text),
  }),
  /** 注文者 */
  orderer: MailParty,
  /** お届け先 of the shipment in question (or the first). */
  destination: MailParty,
  /** 支払 */
  payment: z.object({
    method: Text,
    /** 支払方法 (クレジットカード, 代金引換 …) */
    methodLabel: Text,
    status: Text,
    statusLabel: Text,
    /** 入金額 */
    paidAmount: Money,
    /** 未入金額 (請求金額 − 入金額, at least 0) */
    dueAmount: Money,
    /** 支払期限 (YYYY-MM-DD) when the host gives one */
    dueDate: OptionalText,
  }),
  /** 金額 (税込) */
  amounts: z.object({
    items: Money,
    shipping: Money,
    codFee: Money,
    wrapping: Money,
    otherFees: Money,
    couponDiscount: Money,
    pointsUsed: Money,
    billedTotal: Money,
    tax: z.array(MailTaxRow),
  }),
  /** 受注明細 */
  lines: z.array(MailLine),
  /** The shipment the mail is about (発送完了), else the first. `null` when the order has none. */
  shipment: MailShipment.nullable(),
  /** Every shipment (伝票) of the order. */
  shipments: z.array(MailShipment),
  /** 顧客 */
  customer: z.object({
    /** ランク id, or `null` when not ranked */
    rank: OptionalText,
    /** ランク名 (ゴールド …) */
    rankLabel: OptionalText,
    /** 期間内購入回数 */
    purchaseCount: z.number().int().nullable(),
    /** 期間内購入金額 */
    purchaseAmount: Money.nullable(),
  }),
  /** フォローメール */
  followUp: z.object({
    /** レビューURL */
    reviewUrl: OptionalText,
    /** 到着からの日数 */
    daysSinceDelivery: z.number().int().nullable(),
  }),
  /** メール */
  mail: z.object({
    /** Event key (`orderConfirmation`, `shipped` …) */
    event: Text,
    /** 送信日 (YYYY-MM-DD, Japan time) */
    today: Text,
  }),
  /**
   * Text composed around the body (差込ブロック): the rank block, the per-customer message and the route's
   * signature, already rendered and escaped for the template's format. The only paths `| raw` may be applied
   * to in HTML.
   */
  blocks: z.object({
    /** ランク別ブロック */
    rank: Text,
    /** 個別メッセージ */
    message: Text,
    /** 署名 */
    signature: Text,
  }),
});
/** @see {@link MailContext} */
export type MailContext = z.infer<typeof MailContext>;
