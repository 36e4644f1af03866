import { Issue } from '@hakobu/core';
import { z } from 'zod';
import { Destination, Party } from './party';
import { CalendarDate, TaxRatePercent, TemperatureZone, TimeSlot, Timestamp, Yen } from './primitives';

/**
 * Where an order came from (販路): `rakuten`, `yahoo`, `amazon`, `own` (自社サイト), `phone` (電話注文),
 * `counter` (店舗受注), or a host's own channel code.
 */
export const Channel = z.string().min(1);
/** @see {@link Channel} */
export type Channel = z.infer<typeof Channel>;

/** The mall's identity of an order (モール注文番号), unique per channel and shop. */
export const MallOrderKey = z.object({
  channel: Channel,
  shopId: z.string().min(1),
  mallOrderNumber: z.string().min(1),
});
/** @see {@link MallOrderKey} */
export type MallOrderKey = z.infer<typeof MallOrderKey>;

/**
 * One line as sold (受注明細): mall item code and SKU, master SKU once mapped, tax-included unit price
 * (税込単価), quantity, tax rate, temperature zone, wrapping and noshi.
 */
export const OrderLine = z.object({
  id: z.string().min(1),
  /** 商品管理番号 (mall item code) */
  mallItemCode: z.string().min(1),
  /** SKU as the mall sent it */
  sku: z.string().min(1),
  /** 親SKU / 商品マスタのSKU once mapped */
  masterSku: z.string().optional(),
  /** 商品名 */
  name: z.string().min(1),
  /** 項目選択肢 (options as text) */
  options: z.string().optional(),
  /** 税込単価 */
  unitPrice: Yen.nonnegative(),
  /** 数量 */
  quantity: z.number().int().positive(),
  /** 税率 */
  taxRate: TaxRatePercent,
  /** 温度帯 */
  temperature: TemperatureZone,
  /** お届け希望日 for this line when the mall allows one per item (予約商品). */
  requestedDate: CalendarDate.optional(),
  /** ラッピング */
  wrapping: z.string().optional(),
  /** のし */
  noshi: z.string().optional(),
});
/** @see {@link OrderLine} */
export type OrderLine = z.infer<typeof OrderLine>;

/**
 * Payment method (支払方法): クレジットカード, 代金引換, 銀行振込, 後払い, コンビニ決済, 楽天ペイ, PayPay,
 * Amazon Pay, ポイント全額, or other.
 */
export const PaymentMethod = z.enum([
  'creditCard',
  'cod',
  'bankTransfer',
  'deferred',
  'convenienceStore',
  'rakutenPay',
  'payPay',
  'amazonPay',
  'pointsOnly',
  'other',
]);
/** @see {@link PaymentMethod} */
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/**
 * The payment axis (入金状況): 未入金 `unpaid`, オーソリ済 `authorized`, 一部入金 `partiallyPaid`, 入金済
 * `paid`, 返金済 `refunded`, 入金不要 `notRequired` (代引 collects at the door, ポイント全額).
 */
export const PaymentStatus = z.enum([
  'unpaid',
  'authorized',
  'partiallyPaid',
  'paid',
  'refunded',
  'notRequired',
]);
/** @see {@link PaymentStatus} */
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** How the order is paid (支払情報). */
export const Payment = z.object({
  method: PaymentMethod,
  status: PaymentStatus,
  /** 入金額 so far */
  paidAmount: Yen.nonnegative().default(0),
});
/** @see {@link Payment} */
export type Payment = z.infer<typeof Payment>;

/** Tax of one rate inside the tax-included amounts (税率別内訳). */
export const TaxByRate = z.object({
  rate: TaxRatePercent,
  /** 対象額 (tax included) */
  taxableAmount: Yen,
  /** 消費税額, rounded down once for the rate */
  tax: Yen.nonnegative(),
});
/** @see {@link TaxByRate} */
export type TaxByRate = z.infer<typeof TaxByRate>;

/**
 * The order's money as the mall billed it (金額), all tax-included integer yen:
 * billedTotal = items + shipping + codFee + wrapping + otherFees − couponDiscount − pointsUsed.
 */
export const OrderAmounts = z.object({
  /** 商品合計 */
  items: Yen.nonnegative(),
  /** 送料 */
  shipping: Yen.nonnegative(),
  /** 代引手数料 */
  codFee: Yen.nonnegative(),
  /** ラッピング料 */
  wrapping: Yen.nonnegative(),
  /** その他手数料 */
  otherFees: Yen.nonnegative(),
  /** クーポン値引 */
  couponDiscount: Yen.nonnegative(),
  /** ポイント利用 */
  pointsUsed: Yen.nonnegative(),
  /** 税率別内訳 */
  tax: z.array(TaxByRate),
  /** 請求金額 */
  billedTotal: Yen,
});
/** @see {@link OrderAmounts} */
export type OrderAmounts = z.infer<typeof OrderAmounts>;

/**
 * A kind of order-level money that a shipment carries a share of: fees (送料, 代引手数料, ラッピング,
 * その他) add to the COD amount, discounts (クーポン, ポイント) subtract.
 */
export const ChargeKind = z.enum([
  'shipping',
  'codFee',
  'wrapping',
  'otherFees',
  'couponDiscount',
  'pointsUsed',
]);
/** @see {@link ChargeKind} */
export type ChargeKind = z.infer<typeof ChargeKind>;

/** The share of one order's fee or discount that a shipment carries (伝票ごとの費用配分). */
export const ShipmentCharge = z.object({
  orderId: z.string().min(1),
  kind: ChargeKind,
  amount: Yen.nonnegative(),
  /**
   * Billed on the mall order but not collected with this shipment (同梱で免除), e.g. a child's 送料 when
   * the bundle policy keeps only the parent's fees. Still counted when checking that yen add up.
   */
  waived: z.boolean().optional(),
});
/** @see {@link ShipmentCharge} */
export type ShipmentCharge = z.infer<typeof ShipmentCharge>;

/** A quantity of one order line in a shipment (伝票明細), possibly a line of another order (同梱). */
export const ShipmentLine = z.object({
  orderId: z.string().min(1),
  lineId: z.string().min(1),
  quantity: z.number().int().positive(),
});
/** @see {@link ShipmentLine} */
export type ShipmentLine = z.infer<typeof ShipmentLine>;

/** The shipment's own progress: 未出荷 `open`, 出荷済 `shipped`, 取消 `cancelled`. */
export const ShipmentState = z.enum(['open', 'shipped', 'cancelled']);
/** @see {@link ShipmentState} */
export type ShipmentState = z.infer<typeof ShipmentState>;

/**
 * Which delivery note a shipment gets: `auto` (お届け明細書 when it is a gift, else お買い上げ明細書),
 * `purchase` or `gift` to force one.
 */
export const GiftMode = z.enum(['auto', 'purchase', 'gift']);
/** @see {@link GiftMode} */
export type GiftMode = z.infer<typeof GiftMode>;

/**
 * One parcel to one destination (伝票 / 出荷伝票). Slip numbers read `{mallOrderNumber}-{n}`.
 */
export const Shipment = z.object({
  id: z.string().min(1),
  /** 伝票番号 */
  slipNumber: z.string().min(1),
  destination: Destination,
  lines: z.array(ShipmentLine),
  /** 温度帯 */
  temperature: TemperatureZone,
  /** 配送業者 code, e.g. `yamato`, `sagawa`, `japanpost` */
  carrier: z.string().optional(),
  /** 配送方法, e.g. `takkyubin`, `nekopos` */
  service: z.string().optional(),
  /** お届け希望日 */
  requestedDate: CalendarDate.optional(),
  /** お届け時間帯 */
  timeSlot: TimeSlot.default('none'),
  /** 出荷予定日 */
  plannedShipDate: CalendarDate.optional(),
  /** Fees and discounts this shipment carries. */
  charges: z.array(ShipmentCharge),
  /** 代引金額 to collect; 0 unless paid by 代金引換. */
  codAmount: Yen.nonnegative(),
  /** お問い合わせ番号 */
  trackingNumbers: z.array(z.string()),
  giftMode: GiftMode.default('auto'),
  /** 納品書備考 */
  deliveryNoteText: z.string().optional(),
  /** 送り状備考 (記事欄) */
  labelNote: z.string().optional(),
  state: ShipmentState,
  /** 出荷日 */
  shippedOn: CalendarDate.optional(),
});
/** @see {@link Shipment} */
export type Shipment = z.infer<typeof Shipment>;

/** A confirmation hold (確認待ち・保留理由) that stops the order until someone clears it. */
export const Hold = z.object({
  code: z.string().min(1),
  reason: z.string(),
  at: Timestamp,
});
/** @see {@link Hold} */
export type Hold = z.infer<typeof Hold>;

/**
 * Status axes beside the lifecycle status (状態軸): allocation (引当), holds, printed/exported, mails sent
 * and mall sync.
 */
export const OrderAxes = z.object({
  /** 引当状況 */
  allocation: z.enum(['unallocated', 'partial', 'allocated']),
  holds: z.array(Hold),
  /** 納品書印刷済 (set by `markDeliveryNotePrinted`) */
  deliveryNotePrinted: z.boolean(),
  /** 送り状出力済 (set by `markLabelExported`) */
  labelExported: z.boolean(),
  /**
   * Mails already sent (送信済メール), as mail event keys (メール種別, e.g. `orderConfirmation`, `shipped`), never
   * template ids: automation and `applyMailSent` of `@hakobu/mail-templates` record the same keys.
   */
  mailsSent: z.array(z.string()),
  /** モール反映状況 */
  mallSync: z.enum(['notSynced', 'synced', 'failed']),
});
/** @see {@link OrderAxes} */
export type OrderAxes = z.infer<typeof OrderAxes>;

/**
 * Staff's acknowledgement of an alert (確認済み): who and when (from the operation's `Clock`), and the reason
 * they gave. An acknowledged alert stays on the order for the record but no longer stops it.
 */
export const AlertAcknowledgement = z.object({
  /** 確認者: the operation's actor. */
  by: z.string().min(1),
  /** 確認日時 */
  at: Timestamp,
  /** 確認メモ: the operation's reason, when given. */
  note: z.string().optional(),
});
/** @see {@link AlertAcknowledgement} */
export type AlertAcknowledgement = z.infer<typeof AlertAcknowledgement>;

/**
 * A warning attached to an order for staff (アラート), e.g. a blacklist hit or an address check: an `Issue` of
 * `@hakobu/core`, plus `acknowledged` once staff confirmed it (確認済み) and, for alerts a library function
 * records from a check, its `source` (発生元, e.g. `shipmentCheck`), so that running the check again replaces
 * exactly its own alerts. Only open (unacknowledged) alerts stop status moves, count in `hasAlerts` and match
 * automation conditions.
 */
export const OrderAlert = Issue.extend({
  acknowledged: AlertAcknowledgement.optional(),
  source: z.string().min(1).optional(),
});
/** @see {@link OrderAlert} */
export type OrderAlert = z.infer<typeof OrderAlert>;

/**
 * 同梱 lineage: a `parent` carries the children's lines in its shipment; a `child` keeps its mall identity
 * and points to the parent. Results are written back to every mall order of the shipment.
 */
export const BundleLink = z.discriminatedUnion('role', [
  z.object({ role: z.literal('parent'), childOrderIds: z.array(z.string()).min(1) }),
  z.object({ role: z.literal('child'), parentOrderId: z.string().min(1) }),
]);
/** @see {@link BundleLink} */
export type BundleLink = z.infer<typeof BundleLink>;

/** Order notes (備考): from the customer, and internal for staff. */
export const OrderNotes = z.object({
  /** お客様備考 */
  customer: z.string().optional(),
  /** 社内メモ */
  internal: z.string().optional(),
});
/** @see {@link OrderNotes} */
export type OrderNotes = z.infer<typeof OrderNotes>;

/**
 * An order without its event history: the state that operations change and undo restores exactly
 * (受注データ). See {@link Order}.
 */
export const OrderState = z.object({
  id: z.string().min(1),
  channel: Channel,
  shopId: z.string().min(1),
  mallOrderNumber: z.string().min(1),
  /** 注文日時 */
  orderedAt: Timestamp,
  /** 注文者 */
  orderer: Party,
  payment: Payment,
  amounts: OrderAmounts,
  lines: z.array(OrderLine).min(1),
  /** Shipments this order holds; empty for a 同梱 child whose lines travel in the parent's. */
  shipments: z.array(Shipment),
  /** Lifecycle status id (ステータス), from the shop's `StatusFlow`. */
  status: z.string().min(1),
  axes: OrderAxes,
  alerts: z.array(OrderAlert),
  /** タグ */
  tags: z.array(z.string()),
  notes: OrderNotes,
  bundle: BundleLink.optional(),
  /** Optimistic-lock version, +1 on every change. */
  version: z.number().int().nonnegative(),
});
/** @see {@link OrderState} */
export type OrderState = z.infer<typeof OrderState>;

/**
 * One entry of an order's audit trail (履歴): type, instant, actor, reason, the orders involved, and the
 * snapshots that undo needs (`before`, the states prior to the operation; `afterVersions`, the versions the
 * operation produced, to detect a later edit).
 */
export const OrderEvent = z.object({
  id: z.string().min(1),
  /**
   * e.g. `split.temperature`, `split.move`, `destination.add`, `bundle`, `undo`, `status.transition`. Types
   * starting `mall.` (`mall.import`, `mall.update`, `mall.changed_after_shipment`) record what a mall did, an
   * outside fact: they are never undoable (see `isOutsideFact`).
   */
  type: z.string().min(1),
  at: Timestamp,
  actor: z.string().min(1),
  reason: z.string().optional(),
  orderIds: z.array(z.string()).min(1),
  /** Operation details for people and hosts (which lines moved, which policy). */
  details: z.record(z.string(), z.unknown()),
  /** States before the operation, for undo; absent for events that cannot be undone. */
  before: z.array(OrderState).optional(),
  afterVersions: z.record(z.string(), z.number().int()).optional(),
  /** For an `undo` event: the id of the event it reverted. */
  undoes: z.string().optional(),
  /**
   * 記録のみ: the event changed nothing but the history (automation's firing and action records). It is never
   * undone and never blocks undoing an earlier operation.
   */
  recordOnly: z.literal(true).optional(),
});
/** @see {@link OrderEvent} */
export type OrderEvent = z.infer<typeof OrderEvent>;

/**
 * One mall order (受注), keyed by channel + shopId + mallOrderNumber: orderer, payment, amounts, lines,
 * shipments (伝票), lifecycle status and axes, alerts, tags, notes, version and the event history (履歴).
 * Plain JSON.
 */
export const Order = OrderState.extend({ history: z.array(OrderEvent) });
/** @see {@link Order} */
export type Order = z.infer<typeof Order>;
