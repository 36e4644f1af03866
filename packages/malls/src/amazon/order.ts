import { createIssue, type Issue } from '@hakobu/core';
import type { TaxRatePercent } from '@hakobu/orders';
import {
  amazonPaymentMethods,
  defaultPaymentStatus,
  mapPaymentMethod,
  type PaymentTable,
} from '../mapping/payment';
import type { DraftLine, DraftShipment, MallOrderDraft } from '../pipeline/draft';
import type { FieldReader } from '../pipeline/fields';
import { type PartyFields, readParty } from '../pipeline/party';

/** Amazon OrderStatus → canonical status id. */
export const amazonStatusMap: Readonly<Record<string, string>> = {
  PendingAvailability: 'new',
  Pending: 'awaitingPayment',
  Unshipped: 'awaitingShipment',
  PartiallyShipped: 'awaitingShipment',
  Shipped: 'shipped',
  InvoiceUnconfirmed: 'shipped',
  Canceled: 'cancelled',
  Unfulfillable: 'onHold',
};

/** Options of the Amazon readers. */
export interface AmazonReadOptions {
  readonly shopId: string;
  /** Channel name; default `amazon`. */
  readonly channel?: string;
  /** PaymentMethod values → method, checked before {@link amazonPaymentMethods} (COD, CVS, Other). */
  readonly paymentMethods?: PaymentTable;
  /** OrderStatus → status id; default {@link amazonStatusMap}. The report has no status: `Unshipped`. */
  readonly statuses?: Readonly<Record<string, string>>;
  /**
   * Consumption-tax rate by seller SKU (Amazon JP sends tax-included prices without the rate). A SKU not
   * listed uses `defaultTaxRate` (10).
   */
  readonly taxRateBySku?: Readonly<Record<string, TaxRatePercent>>;
  readonly defaultTaxRate?: TaxRatePercent;
}

/** One Amazon line as line totals, read by either reader. */
export interface AmazonLineSource {
  readonly reader: FieldReader;
  readonly fields: {
    readonly id: string;
    readonly sku: string;
    readonly asin?: string;
    readonly title: string;
    readonly quantity: string;
    readonly itemPrice?: string;
    readonly shippingPrice?: string;
    readonly shippingDiscount?: string;
    readonly promotionDiscount?: string;
    readonly codFee?: string;
    readonly codFeeDiscount?: string;
    readonly scheduledStart?: string;
    readonly scheduledEnd?: string;
  };
}

function hourOf(instant: string | undefined): number | undefined {
  return instant === undefined ? undefined : Number(instant.slice(11, 13));
}

/**
 * Maps one Amazon order to a draft (Amazon受注の変換): line totals divided back into unit prices, shipping,
 * promotions as discounts, 代引手数料, scheduled delivery (GMT) as a Japan-time requested date and slot.
 */
export function amazonDraft(
  input: {
    readonly order: FieldReader;
    readonly orderFields: {
      readonly id: string;
      readonly purchaseDate: string;
      readonly status?: string;
      readonly paymentMethod: string;
      readonly paymentDetails?: string;
      readonly total?: string;
    };
    readonly destination: FieldReader;
    /** Field names of the address on `destination`; default the SP-API names flattened by the reader. */
    readonly destinationFields?: PartyFields;
    readonly buyerName: string;
    readonly buyerEmail?: string;
    readonly buyerPhone?: string;
    readonly lines: readonly AmazonLineSource[];
    readonly statusDefault?: string;
  },
  options: AmazonReadOptions,
  raw: unknown,
  source: MallOrderDraft['source'],
  issues: Issue[],
): MallOrderDraft | undefined {
  const { order, orderFields: f } = input;
  const mallOrderNumber = order.required(f.id);
  const orderedAt = order.instant(f.purchaseDate, { assumeUtc: true });
  const mallStatus = f.status === undefined ? (input.statusDefault ?? 'Unshipped') : order.text(f.status);
  const status = (options.statuses ?? amazonStatusMap)[mallStatus];
  if (status === undefined && f.status !== undefined)
    order.error(f.status, `が不明なステータスです: "${mallStatus}"`, mallStatus);
  else if (status === undefined)
    order.error(f.id, `のステータス "${mallStatus}" が statuses にありません`, mallStatus);
  const paymentText = order.text(f.paymentMethod) || 'Other';
  let paymentMethod = mapPaymentMethod(paymentText, amazonPaymentMethods, options.paymentMethods) ?? 'other';
  const details = f.paymentDetails === undefined ? '' : order.text(f.paymentDetails);
  if (paymentMethod === 'other' && details.includes('CreditCard')) paymentMethod = 'creditCard';
  const destination = readParty(
    input.destination,
    input.destinationFields ?? {
      name: 'name',
      postalCode: 'postalCode',
      prefecture: 'prefecture',
      address1: ['city', 'address1'],
      address2: ['address2', 'address3'],
      phone: ['phone'],
    },
    'お届け先',
    input.buyerPhone === undefined ? undefined : { phone: order.text(input.buyerPhone) },
  );
  const buyerName = order.text(input.buyerName);
  const orderer = { ...destination, name: buyerName === '' ? destination.name : buyerName };
  delete orderer.nameKana;
  const email = input.buyerEmail === undefined ? '' : order.text(input.buyerEmail);
  if (email !== '') orderer.email = email;
  else delete orderer.email;

  const lines: DraftLine[] = [];
  const undecided: string[] = [];
  let shipping = 0;
  let discount = 0;
  let codFee = 0;
  let start: string | undefined;
  let end: string | undefined;
  for (const { reader, fields } of input.lines) {
    const mallLineId = reader.required(fields.id);
    const sku = reader.required(fields.sku);
    const quantity = reader.int(fields.quantity, { min: 1 }) ?? 1;
    let unitPrice = 0;
    if (fields.itemPrice === undefined || reader.text(fields.itemPrice) === '') {
      if (!undecided.includes('items')) undecided.push('items');
    } else {
      const total = reader.yen(fields.itemPrice) ?? 0;
      unitPrice = Math.floor(total / quantity);
      if (unitPrice * quantity !== total) {
        reader.warn(fields.itemPrice, `(${total}円) が数量${quantity}で割り切れません`, total);
      }
    }
    const yen = (field: string | undefined): number => (field === undefined ? 0 : (reader.yen(field) ?? 0));
    shipping += yen(fields.shippingPrice);
    discount += yen(fields.shippingDiscount) + yen(fields.promotionDiscount);
    codFee += yen(fields.codFee) - yen(fields.codFeeDiscount);
    if (fields.scheduledStart !== undefined && reader.text(fields.scheduledStart) !== '') {
      start = reader.instant(fields.scheduledStart, { assumeUtc: true });
      if (fields.scheduledEnd !== undefined && reader.text(fields.scheduledEnd) !== '') {
        end = reader.instant(fields.scheduledEnd, { assumeUtc: true });
      }
    }
    const line: DraftLine = {
      mallLineId,
      mallItemCode: sku,
      skuCandidates: [sku, fields.asin === undefined ? '' : reader.text(fields.asin)].filter((c) => c !== ''),
      name: reader.required(fields.title),
      unitPrice,
      quantity,
      taxRate: options.taxRateBySku?.[sku] ?? options.defaultTaxRate ?? 10,
    };
    lines.push(line);
  }
  const shipment: DraftShipment = {
    destination,
    lines: lines.map((line) => ({ mallLineId: line.mallLineId, quantity: line.quantity })),
    timeSlot: 'none',
    trackingNumbers: [],
  };
  if (start !== undefined) {
    shipment.requestedDate = start.slice(0, 10);
    const from = hourOf(start);
    const to = hourOf(end);
    if (from !== undefined && to !== undefined) {
      const slot = from < 12 && to <= 12 ? 'am' : `${from}-${to}`;
      if (['am', '12-14', '14-16', '16-18', '18-20', '19-21'].includes(slot))
        shipment.timeSlot = slot as DraftShipment['timeSlot'];
      else
        issues.push(
          createIssue(
            'malls.time_slot_unknown',
            `注文${mallOrderNumber}のお届け時間帯 ${from}時～${to}時 は指定できる時間帯にないため「指定なし」としました`,
            {
              severity: 'warning',
              data: { mallOrderNumber, from, to },
            },
          ),
        );
    }
  }
  const billed = f.total === undefined ? null : order.text(f.total) === '' ? null : order.yen(f.total);
  if (orderedAt === undefined || status === undefined || lines.length === 0) return undefined;
  return {
    channel: options.channel ?? 'amazon',
    shopId: options.shopId,
    mallOrderNumber,
    orderedAt,
    orderer,
    paymentMethod,
    paymentStatus:
      paymentMethod === 'other' || paymentMethod === 'creditCard'
        ? 'paid'
        : defaultPaymentStatus(paymentMethod),
    mallStatus,
    status,
    amounts: {
      shipping,
      codFee: Math.max(0, codFee),
      wrapping: 0,
      otherFees: 0,
      couponDiscount: discount,
      pointsUsed: 0,
      billedTotal: undecided.length > 0 ? null : billed,
    },
    lines,
    shipments: [shipment],
    undecided,
    raw,
    source,
  };
}
