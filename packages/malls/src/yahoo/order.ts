import type { PaymentMethod, PaymentStatus, TaxRatePercent } from '@hakobu/orders';
import { carrierFromCode, yahooCarrierCodes } from '../mapping/carrier';
import {
  defaultPaymentStatus,
  mapPaymentMethod,
  type PaymentTable,
  yahooPayMethods,
} from '../mapping/payment';
import { readTimeSlot, type TimeSlotTable } from '../mapping/time-slot';
import type { DraftLine, DraftShipment, MallOrderDraft } from '../pipeline/draft';
import type { FieldReader } from '../pipeline/fields';
import { readParty } from '../pipeline/party';

/** Options of the Yahoo!ショッピング readers. */
export interface YahooReadOptions {
  readonly shopId: string;
  /** Channel name; default `yahoo`. */
  readonly channel?: string;
  readonly paymentMethods?: PaymentTable;
  readonly timeSlots?: TimeSlotTable;
  /** ShipCompanyCode by canonical carrier; default {@link yahooCarrierCodes} (only 1001/1002 confirmed). */
  readonly carrierCodes?: Readonly<Record<string, string>>;
}

/** PayMethods paid before shipping (前払い): 銀行振込 b1–b6, ゆうちょ前払 c1, コンビニ a6/a7, ペイジー a15. */
const PREPAID_METHODS: ReadonlySet<string> = new Set([
  'payment_b1',
  'payment_b2',
  'payment_b3',
  'payment_b4',
  'payment_b5',
  'payment_b6',
  'payment_c1',
  'payment_a6',
  'payment_a7',
  'payment_a15',
]);

/** PayMethods paid after delivery (後払い) whose canonical method would otherwise read as unpaid. */
const POSTPAID_METHODS: ReadonlySet<string> = new Set(['payment_c2']);

/**
 * Whether a Yahoo! order is paid before shipping (前払い): PayType `1` (`0` is 後払い), or, when the
 * orderInfo or CSV carries no PayType, a prepaid PayMethod (銀行振込, ゆうちょ前払, コンビニ, ペイジー).
 */
function isPrepaid(payType: string, payMethod: string): boolean {
  if (payType === '1') return true;
  if (payType === '0') return false;
  return PREPAID_METHODS.has(payMethod);
}

/** Whether a Yahoo! order is paid after delivery (後払い): PayType `0`, or ゆうちょ後払 when PayType is absent. */
function isPostpaid(payType: string, payMethod: string): boolean {
  if (payType === '0') return true;
  if (payType === '1') return false;
  return POSTPAID_METHODS.has(payMethod);
}

/**
 * The canonical status of a Yahoo! order from OrderStatus (1 予約中, 2 処理中, 3 保留, 4 キャンセル, 5 完了)
 * and, while 処理中, ShipStatus (3 出荷済み / 4 着荷済み → shipped) and PayStatus (0 未入金, 1 入金済): a
 * prepaid order (PayType 1, or without PayType a prepaid PayMethod: 銀行振込 b1–b6, ゆうちょ前払 c1, コンビニ
 * a6/a7, ペイジー a15) that is not paid yet is `awaitingPayment`; cards, 代引 and 後払い wait for nothing.
 *
 * @example
 * ```ts
 * yahooStatus('2', '3', '1'); // 'shipped'
 * yahooStatus('2', '1', '0', { payMethod: 'payment_b1' }); // 'awaitingPayment' (銀行振込, 未入金)
 * yahooStatus('2', '1', '0', { payType: '1' }); // 'awaitingPayment' (前払い, 未入金)
 * yahooStatus('2', '1', '0', { payMethod: 'payment_a1' }); // 'awaitingShipment' (カード)
 * yahooStatus('2', '1', '1', { payMethod: 'payment_b1' }); // 'awaitingShipment' (入金済)
 * ```
 */
export function yahooStatus(
  orderStatus: string,
  shipStatus: string,
  payStatus: string,
  pay: { readonly payType?: string; readonly payMethod?: string } = {},
): string | undefined {
  switch (orderStatus) {
    case '1':
      return 'new';
    case '2':
      if (shipStatus === '3' || shipStatus === '4') return 'shipped';
      return payStatus === '0' && isPrepaid(pay.payType ?? '', pay.payMethod ?? '')
        ? 'awaitingPayment'
        : 'awaitingShipment';
    case '3':
      return 'onHold';
    case '4':
      return 'cancelled';
    case '5':
      return 'completed';
    default:
      return undefined;
  }
}

const BILL = {
  familyName: 'BillLastName',
  givenName: 'BillFirstName',
  familyNameKana: 'BillLastNameKana',
  givenNameKana: 'BillFirstNameKana',
  postalCode: 'BillZipCode',
  prefecture: 'BillPrefecture',
  address1: ['BillCity', 'BillAddress1'],
  address2: ['BillAddress2'],
  phone: ['BillPhoneNumber'],
  email: 'BillMailAddress',
} as const;

const SHIP = {
  familyName: 'ShipLastName',
  givenName: 'ShipFirstName',
  familyNameKana: 'ShipLastNameKana',
  givenNameKana: 'ShipFirstNameKana',
  postalCode: 'ShipZipCode',
  prefecture: 'ShipPrefecture',
  address1: ['ShipCity', 'ShipAddress1'],
  address2: ['ShipAddress2'],
  phone: ['ShipPhoneNumber'],
} as const;

function taxRate(reader: FieldReader): TaxRatePercent {
  const text = reader.text('ItemTaxRatio');
  if (text === '') return 10;
  const rate = Number(text);
  if (rate === 10 || rate === 8 || rate === 0) return rate;
  reader.error('ItemTaxRatio', `が税率ではありません: "${text}"`, text);
  return 10;
}

/**
 * 入金済 is paid; otherwise the method's usual status, except that a 後払い order (ゆうちょ後払) needs no
 * payment to the shop before shipping.
 */
function paymentStatusOf(payStatus: string, method: PaymentMethod, postpaid: boolean): PaymentStatus {
  if (payStatus === '1') return 'paid';
  const status = defaultPaymentStatus(method);
  return postpaid && status === 'unpaid' ? 'notRequired' : status;
}

/**
 * Maps one Yahoo! order (orderInfo fields, flat: order, Pay, Ship and Detail fields from one reader) and
 * its Item readers to a draft (Yahoo!受注の変換).
 */
export function yahooDraft(
  order: FieldReader,
  items: readonly FieldReader[],
  options: YahooReadOptions,
  raw: unknown,
  source: MallOrderDraft['source'],
): MallOrderDraft | undefined {
  const mallOrderNumber = order.required('OrderId');
  const orderedAt = order.instant('OrderTime');
  const orderStatus = order.text('OrderStatus');
  const payType = order.text('PayType');
  const payText = order.text('PayMethod');
  const status = yahooStatus(orderStatus, order.text('ShipStatus'), order.text('PayStatus'), {
    payType,
    payMethod: payText,
  });
  if (status === undefined)
    order.error('OrderStatus', `が不明なステータスです: "${orderStatus}"`, orderStatus);
  const orderer = readParty(order, BILL, '注文者');
  const destination = readParty(order, SHIP, 'お届け先', orderer);
  let paymentMethod = mapPaymentMethod(payText, yahooPayMethods, options.paymentMethods);
  if (paymentMethod === undefined)
    paymentMethod = mapPaymentMethod(order.text('PayMethodName'), {}, options.paymentMethods);
  if (paymentMethod === undefined) {
    order.warn('PayMethod', `の支払方法「${payText}」を判別できないため「その他」としました`, payText);
    paymentMethod = 'other';
  }
  const timeText = order.text('ShipRequestTime');
  const slot = readTimeSlot(timeText, options.timeSlots);
  if (!slot.recognized)
    order.warn(
      'ShipRequestTime',
      `の時間帯「${timeText}」は指定できる時間帯にないため「指定なし」としました`,
      timeText,
    );
  const lines: DraftLine[] = items.map((item, index) => {
    const itemId = item.required('ItemId');
    const subCode = item.text('SubCode');
    const options_ = [item.text('ItemOption'), item.text('SubCodeOption')]
      .filter((t) => t !== '')
      .join(' / ');
    const line: DraftLine = {
      mallLineId: item.text('LineId') || String(index + 1),
      mallItemCode: itemId,
      skuCandidates: [subCode].filter((c) => c !== ''),
      name: item.required('Title'),
      unitPrice: item.yen('UnitPrice') ?? 0,
      quantity: item.int('Quantity', { min: 1 }) ?? 1,
      taxRate: taxRate(item),
    };
    if (options_ !== '') line.options = options_;
    return line;
  });
  const wrapName = order.optional('GiftWrapName') ?? order.optional('GiftWrapType');
  if (wrapName !== undefined) for (const line of lines) line.wrapping = wrapName;
  const tracking = [order.text('ShipInvoiceNumber1'), order.text('ShipInvoiceNumber2')].filter(
    (t) => t !== '',
  );
  const shipment: DraftShipment = {
    destination,
    lines: lines.map((line) => ({ mallLineId: line.mallLineId, quantity: line.quantity })),
    timeSlot: slot.slot,
    trackingNumbers: tracking,
  };
  const requested = order.date('ShipRequestDate');
  if (requested !== undefined) shipment.requestedDate = requested;
  const carrier = carrierFromCode(order.text('ShipCompanyCode'), options.carrierCodes ?? yahooCarrierCodes);
  if (carrier !== undefined) shipment.carrier = carrier;
  const shipDate = order.date('ShipDate');
  if (shipDate !== undefined && status === 'shipped') shipment.shippedOn = shipDate;
  const discount = (order.yen('Discount') ?? 0) + (order.yen('TotalMallCouponDiscount') ?? 0);
  const totalText = order.text('TotalPrice');
  if (orderedAt === undefined || status === undefined || lines.length === 0) {
    if (lines.length === 0) order.error('OrderId', 'に商品 (Item) がありません', mallOrderNumber);
    return undefined;
  }
  const draft: MallOrderDraft = {
    channel: options.channel ?? 'yahoo',
    shopId: options.shopId,
    mallOrderNumber,
    orderedAt,
    orderer,
    paymentMethod,
    paymentStatus: paymentStatusOf(order.text('PayStatus'), paymentMethod, isPostpaid(payType, payText)),
    mallStatus: `${orderStatus}/${order.text('ShipStatus')}/${order.text('PayStatus')}`,
    status,
    amounts: {
      shipping: order.yen('ShipCharge') ?? 0,
      codFee: paymentMethod === 'cod' ? (order.yen('PayCharge') ?? 0) : 0,
      wrapping: order.yen('GiftWrapCharge') ?? 0,
      otherFees: paymentMethod === 'cod' ? 0 : (order.yen('PayCharge') ?? 0),
      couponDiscount: discount,
      pointsUsed: order.yen('UsePoint') ?? 0,
      billedTotal: totalText === '' ? null : order.yen('TotalPrice'),
    },
    lines,
    shipments: [shipment],
    undecided: [],
    raw,
    source,
  };
  const note = order.optional('BuyerComments');
  if (note !== undefined) draft.customerNote = note;
  return draft;
}
