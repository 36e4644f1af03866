import type { Issue } from '@hakobu/core';
import type { TaxRatePercent } from '@hakobu/orders';
import { carrierFromCode, rakutenCarrierCodes } from '../mapping/carrier';
import {
  defaultPaymentStatus,
  mapPaymentMethod,
  type PaymentTable,
  rakutenPaymentCodes,
} from '../mapping/payment';
import { readTimeSlot, type TimeSlotTable } from '../mapping/time-slot';
import { type DraftLine, type DraftShipment, exactArray, type MallOrderDraft } from '../pipeline/draft';
import type { FieldReader } from '../pipeline/fields';
import { readParty } from '../pipeline/party';

/** 楽天 money fields use -9999 (API) and -99999 (legacy CSV) for 未確定, never as a price. */
export const RAKUTEN_UNDECIDED: readonly number[] = [-9999, -99999];

/** 楽天 orderProgress → canonical status id of the default status flow. */
export const rakutenStatusMap: Readonly<Record<string, string>> = {
  '100': 'new',
  '200': 'new',
  '300': 'awaitingShipment',
  '400': 'onHold',
  '500': 'shipped',
  '600': 'shipped',
  '700': 'shipped',
  '800': 'onHold',
  '900': 'cancelled',
};

/** Options of the 楽天 readers. */
export interface RakutenReadOptions {
  /** The shop's id in hakobu (店舗ID), part of the order key. */
  readonly shopId: string;
  /** Channel name; default `rakuten`. */
  readonly channel?: string;
  /** Extra payment codes or names (支払方法名) → method, checked first. */
  readonly paymentMethods?: PaymentTable;
  /** The shop's own time-slot wording → slot. */
  readonly timeSlots?: TimeSlotTable;
  /** orderProgress → status id; default {@link rakutenStatusMap}. */
  readonly statuses?: Readonly<Record<string, string>>;
}

/** One 送付先 of a 楽天 order as readers over its fields. */
export interface RakutenPackageSource {
  readonly pkg: FieldReader;
  readonly sender: FieldReader;
  readonly items: readonly { readonly item: FieldReader; readonly sku: FieldReader }[];
  readonly shippings: readonly FieldReader[];
}

/** A 楽天 order (OrderModel) as readers over its parts, so the JSON and CSV readers share one mapping. */
export interface RakutenOrderSource {
  readonly order: FieldReader;
  readonly orderer: FieldReader;
  readonly settlement: FieldReader;
  readonly point: FieldReader;
  readonly wrappings: readonly FieldReader[];
  readonly packages: readonly RakutenPackageSource[];
  /** The issues of every reader of the order, which share this one list, in the order they were found. */
  readonly issues: Issue[];
}

function taxRateOf(reader: FieldReader, field: string): TaxRatePercent {
  const text = reader.text(field);
  if (text === '') return 10;
  const value = Number(text);
  const percent = value < 1 ? Math.round(value * 100) : Math.round(value);
  if (percent === 10 || percent === 8 || percent === 0) return percent;
  reader.error(field, `が税率ではありません: "${text}"`, text);
  return 10;
}

const SENDER_FIELDS = {
  familyName: 'familyName',
  givenName: 'firstName',
  familyNameKana: 'familyNameKana',
  givenNameKana: 'firstNameKana',
  postalCode1: 'zipCode1',
  postalCode2: 'zipCode2',
  prefecture: 'prefecture',
  address1: ['city', 'subAddress'],
  phone: ['phoneNumber1', 'phoneNumber2', 'phoneNumber3'],
} as const;

const ORDERER_FIELDS = { ...SENDER_FIELDS, email: 'emailAddress' } as const;

/**
 * Maps one 楽天 order to a draft (楽天受注の変換): amounts with -9999 read as 未確定 (a hold, never a price),
 * points, coupons, wrapping and noshi, one shipment per 送付先 (basketId), SKU candidates
 * merchantDefinedSkuId → variantId → itemNumber.
 */
export function rakutenDraft(
  src: RakutenOrderSource,
  options: RakutenReadOptions,
  raw: unknown,
  source: MallOrderDraft['source'],
): MallOrderDraft | undefined {
  const { order } = src;
  const mallOrderNumber = order.required('orderNumber');
  const orderedAt = order.instant('orderDatetime');
  const undecided: string[] = [];
  const money = (reader: FieldReader, field: string, name: string): number => {
    const value = reader.yen(field, RAKUTEN_UNDECIDED);
    if (value === null) {
      if (!undecided.includes(name)) undecided.push(name);
      return 0;
    }
    return value;
  };
  const orderer = readParty(src.orderer, ORDERER_FIELDS, '注文者');
  const code = src.settlement.text('settlementMethodCode');
  const name = src.settlement.text('settlementMethod');
  let paymentMethod = mapPaymentMethod(code, rakutenPaymentCodes, options.paymentMethods);
  if (paymentMethod === undefined) paymentMethod = mapPaymentMethod(name, {}, options.paymentMethods);
  if (paymentMethod === undefined) {
    src.settlement.warn(
      'settlementMethod',
      `の支払方法「${name || code}」を判別できないため「その他」としました`,
      name || code,
    );
    paymentMethod = 'other';
  }
  const progress = order.text('orderProgress');
  const status = (options.statuses ?? rakutenStatusMap)[progress];
  if (status === undefined) order.error('orderProgress', `が不明なステータスです: "${progress}"`, progress);

  let wrapping = 0;
  const wrappingNames: string[] = [];
  for (const reader of src.wrappings) {
    const wrapName = reader.text('name');
    const price = money(reader, 'price', 'wrapping');
    if (wrapName === '' && price === 0) continue;
    wrapping += price;
    const title = reader.text('title');
    wrappingNames.push(`${title === '2' ? 'リボン' : title === '1' ? '包装紙' : 'ラッピング'}:${wrapName}`);
  }
  const requestedDate = order.date('deliveryDate');
  const termText = order.text('shippingTerm');
  const term = readTimeSlot(termText, options.timeSlots);
  if (!term.recognized)
    order.warn(
      'shippingTerm',
      `の時間帯「${termText}」は指定できる時間帯にないため「指定なし」としました`,
      termText,
    );

  const lines: DraftLine[] = [];
  const shipments: DraftShipment[] = [];
  const hasSplitShipping = src.packages.length > 1;
  let itemsTotal = 0;
  for (const pkgSource of src.packages) {
    const { pkg } = pkgSource;
    const basketId = pkg.text('basketId');
    const noshi = pkg.optional('noshi');
    const destination = readParty(pkgSource.sender, SENDER_FIELDS, '送付先', orderer);
    const refs: DraftShipment['lines'] = [];
    for (const { item, sku } of pkgSource.items) {
      const mallLineId = item.required('itemDetailId');
      const itemNumber = item.text('itemNumber');
      const manageNumber = item.text('manageNumber');
      const taxRate = taxRateOf(item, 'taxRate');
      const quantity = item.int('units', { min: 1 }) ?? 1;
      const inclusive = item.text('priceTaxIncl');
      let unitPrice: number;
      if (inclusive !== '') {
        unitPrice = item.yen('priceTaxIncl') ?? 0;
      } else {
        const price = item.yen('price') ?? 0;
        unitPrice = item.text('includeTaxFlag') === '0' ? Math.floor((price * (100 + taxRate)) / 100) : price;
      }
      itemsTotal += unitPrice * quantity;
      const choice = [item.text('selectedChoice'), sku.text('skuInfo')]
        .filter((part) => part !== '')
        .join('\n');
      const line: DraftLine = {
        mallLineId,
        mallItemCode: manageNumber || itemNumber || item.text('itemId') || mallLineId,
        skuCandidates: exactArray(
          [sku.text('merchantDefinedSkuId'), sku.text('variantId'), itemNumber].filter((c) => c !== ''),
        ),
        name: item.required('itemName'),
        unitPrice,
        quantity,
        taxRate,
      };
      if (choice !== '') line.options = choice;
      if (wrappingNames.length > 0) line.wrapping = wrappingNames.join(' / ');
      if (noshi !== undefined) line.noshi = noshi;
      lines.push(line);
      refs.push({ mallLineId, quantity });
    }
    if (refs.length === 0) {
      pkg.error('basketId', `(送付先 ${basketId}) に商品がありません`, basketId);
      continue;
    }
    const trackingNumbers = pkgSource.shippings.map((s) => s.text('shippingNumber')).filter((n) => n !== '');
    const shippedDates = pkgSource.shippings
      .map((s) => s.date('shippingDate'))
      .filter((d): d is string => d !== undefined);
    const carrierCode =
      pkgSource.shippings.map((s) => s.text('deliveryCompany')).find((c) => c !== '') ??
      pkg.text('defaultDeliveryCompanyCode');
    const shipment: DraftShipment = {
      destination,
      lines: exactArray(refs),
      timeSlot: term.slot,
      trackingNumbers,
    };
    if (basketId !== '') shipment.mallShipmentId = basketId;
    if (requestedDate !== undefined) shipment.requestedDate = requestedDate;
    if (hasSplitShipping) {
      shipment.shipping = money(pkg, 'postagePrice', 'shipping');
      shipment.codFee = money(pkg, 'deliveryPrice', 'codFee');
    }
    if (noshi !== undefined) shipment.noshi = noshi;
    const carrier = carrierFromCode(carrierCode, rakutenCarrierCodes);
    if (carrier !== undefined) shipment.carrier = carrier;
    if (shippedDates.length > 0 && Number(progress) >= 500)
      shipment.shippedOn = shippedDates.sort().at(-1) as string;
    shipments.push(shipment);
  }
  const goodsPrice = money(order, 'goodsPrice', 'items');
  if (!undecided.includes('items') && goodsPrice !== itemsTotal + wrapping && goodsPrice !== itemsTotal) {
    order.warn('goodsPrice', `(${goodsPrice}円) が明細の合計 ${itemsTotal}円 と一致しません`, goodsPrice);
  }
  const amounts = {
    shipping: money(order, 'postagePrice', 'shipping'),
    codFee: money(order, 'deliveryPrice', 'codFee'),
    wrapping,
    otherFees:
      money(order, 'paymentCharge', 'otherFees') +
      money(order, 'additionalFeeOccurAmountToUser', 'otherFees'),
    couponDiscount: money(order, 'couponAllTotalPrice', 'couponDiscount'),
    pointsUsed: money(src.point, 'usedPoint', 'pointsUsed'),
    billedTotal: order.yen('requestPrice', RAKUTEN_UNDECIDED),
  };
  if (amounts.billedTotal === null && !undecided.includes('billedTotal')) undecided.push('billedTotal');
  const failed = src.issues.some((issue) => issue.severity === 'error');
  if (failed || orderedAt === undefined || status === undefined || lines.length === 0) {
    if (lines.length === 0 && !failed) {
      order.error('orderNumber', `(${mallOrderNumber}) に商品明細がありません`, mallOrderNumber);
    }
    return undefined;
  }
  const draft: MallOrderDraft = {
    channel: options.channel ?? 'rakuten',
    shopId: options.shopId,
    mallOrderNumber,
    orderedAt,
    orderer,
    paymentMethod,
    paymentStatus: defaultPaymentStatus(paymentMethod),
    mallStatus: progress,
    status,
    amounts,
    lines: exactArray(lines),
    shipments: exactArray(shipments),
    undecided,
    raw,
    source,
  };
  const remarks = order.optional('remarks');
  if (remarks !== undefined) draft.customerNote = remarks;
  return draft;
}
