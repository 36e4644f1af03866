import type { TaxRatePercent } from '@hakobu/orders';
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

/**
 * The canonical status of a Yahoo! order from OrderStatus (1 予約中, 2 処理中, 3 保留, 4 キャンセル, 5 完了)
 * and, while 処理中, ShipStatus (3 出荷済み / 4 着荷済み → shipped) and PayStatus.
 *
 * @example
 * ```ts
 * yahooStatus('2', '3', '1'); // 'shipped'
 * yahooStatus('2', '1', '0'); // 'awaitingShipment'
 * ```
 */
export function yahooStatus(orderStatus: string, shipStatus: string, payStatus: string): string | undefined {
  switch (orderStatus) {
    case '1':
      return 'new';
    case '2':
      if (shipStatus === '3' || shipStatus === '4') return 'shipped';
      return payStatus === '0' ? 'awaitingShipment' : 'awaitingShipment';
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
  const status = yahooStatus(orderStatus, order.text('ShipStatus'), order.text('PayStatus'));
  if (status === undefined)
    order.error('OrderStatus', `が不明なステータスです: "${orderStatus}"`, orderStatus);
  const orderer = readParty(order, BILL, '注文者');
  const destination = readParty(order, SHIP, 'お届け先', orderer.phone);
  const payText = order.text('PayMethod');
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
    paymentStatus: order.text('PayStatus') === '1' ? 'paid' : defaultPaymentStatus(paymentMethod),
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
