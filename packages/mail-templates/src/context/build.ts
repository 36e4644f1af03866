import { toJapanDate } from '@hakobu/core';
import {
  type CustomerRank,
  fullAddress,
  isGift,
  type OrderState,
  type Party,
  type Shipment,
  temperatureZoneLabels,
} from '@hakobu/orders';
import { DEFAULT_CARRIER_LABELS, DEFAULT_TRACKING_URLS, trackingUrl } from '../engine/tracking';
import { CHANNEL_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, TIME_SLOT_LABELS } from './labels';
import type { MailContext, MailLine, MailParty, MailShipment } from './schema';

/** The shop side of a context (ショップ情報): what a route knows about itself. */
export interface ShopInfo {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly url?: string;
  /** 適格請求書発行事業者登録番号, `T` + 13 digits. */
  readonly invoiceNumber?: string;
  readonly logoUrl?: string;
}

/** Inputs of {@link buildMailContext} besides the order. */
export interface BuildContextOptions {
  readonly shop: ShopInfo;
  /** Event key of the mail (`shipped` …). */
  readonly event: string;
  /** The instant of sending, for `mail.today` (Japan date). Take it from the host's `Clock`. */
  readonly now: Date;
  /** The shipment the mail is about; default the order's first. */
  readonly shipmentId?: string;
  /** Other orders whose lines travel in this order's shipments (同梱 children). */
  readonly relatedOrders?: readonly OrderState[];
  readonly rank?: CustomerRank;
  readonly followUp?: { readonly reviewUrl?: string; readonly daysSinceDelivery?: number };
  /** 支払期限 for 入金催促. */
  readonly paymentDueDate?: string;
  readonly trackingUrls?: Readonly<Record<string, string>>;
  readonly carrierLabels?: Readonly<Record<string, string>>;
  readonly blocks?: Partial<MailContext['blocks']>;
}

function party(source: Party): MailParty {
  return {
    name: source.name,
    nameKana: source.nameKana ?? null,
    company: source.company ?? null,
    postalCode: source.postalCode,
    prefecture: source.prefecture,
    address1: source.address1,
    address2: source.address2 ?? null,
    address: fullAddress(source),
    phone: source.phone,
    email: source.email === undefined || source.email === '' ? null : source.email,
  };
}

function line(order: OrderState, lineId: string, quantity?: number): MailLine | undefined {
  const source = order.lines.find((candidate) => candidate.id === lineId);
  if (source === undefined) return undefined;
  const count = quantity ?? source.quantity;
  return {
    orderNumber: order.mallOrderNumber,
    name: source.name,
    options: source.options ?? null,
    sku: source.masterSku ?? source.sku,
    quantity: count,
    unitPrice: source.unitPrice,
    amount: source.unitPrice * count,
    taxRate: source.taxRate,
    reducedRate: source.taxRate === 8,
    noshi: source.noshi ?? null,
    wrapping: source.wrapping ?? null,
  };
}

function shipmentView(
  order: OrderState,
  shipment: Shipment,
  byId: ReadonlyMap<string, OrderState>,
  options: BuildContextOptions,
): MailShipment {
  const carrier = shipment.carrier ?? null;
  const labels = { ...DEFAULT_CARRIER_LABELS, ...options.carrierLabels };
  const urls = { ...DEFAULT_TRACKING_URLS, ...options.trackingUrls };
  return {
    slipNumber: shipment.slipNumber,
    destination: party(shipment.destination),
    carrier,
    carrierLabel: carrier === null ? null : (labels[carrier] ?? carrier),
    service: shipment.service ?? null,
    requestedDate: shipment.requestedDate ?? null,
    timeSlot: shipment.timeSlot,
    timeSlotLabel: TIME_SLOT_LABELS[shipment.timeSlot] ?? shipment.timeSlot,
    plannedShipDate: shipment.plannedShipDate ?? null,
    shippedOn: shipment.shippedOn ?? null,
    temperature: shipment.temperature,
    temperatureLabel: temperatureZoneLabels[shipment.temperature],
    trackingNumbers: [...shipment.trackingNumbers],
    tracking: shipment.trackingNumbers.map((number) => ({
      number,
      url: trackingUrl(carrier, number, urls),
    })),
    codAmount: shipment.codAmount,
    gift: isGift(order, shipment),
    lines: shipment.lines.flatMap((ref) => {
      const holder = byId.get(ref.orderId);
      const view = holder === undefined ? undefined : line(holder, ref.lineId, ref.quantity);
      return view === undefined ? [] : [view];
    }),
  };
}

/**
 * Builds the typed template context (テンプレート変数) of an order: every field of {@link MailContext}
 * filled, absent values as `null`, labels in Japanese, tracking URLs resolved per carrier. Pure: the
 * sending date comes from `now`.
 *
 * @example
 * ```ts
 * const context = buildMailContext(order, { shop: { name: 'はこぶ堂' }, event: 'shipped', now: clock.now() });
 * context.order.number; // the mall order number
 * ```
 */
export function buildMailContext(order: OrderState, options: BuildContextOptions): MailContext {
  const byId = new Map<string, OrderState>([[order.id, order]]);
  for (const related of options.relatedOrders ?? []) byId.set(related.id, related);
  const shipments = order.shipments.map((shipment) => shipmentView(order, shipment, byId, options));
  const index =
    options.shipmentId === undefined ? 0 : order.shipments.findIndex((s) => s.id === options.shipmentId);
  const shipment = shipments[index] ?? null;
  const numbers = [order.mallOrderNumber, ...(shipment?.lines ?? []).map((l) => l.orderNumber)];
  const { amounts, payment } = order;
  return {
    shop: {
      name: options.shop.name,
      channel: order.channel,
      channelLabel: CHANNEL_LABELS[order.channel] ?? order.channel,
      shopId: order.shopId,
      email: options.shop.email ?? null,
      phone: options.shop.phone ?? null,
      url: options.shop.url ?? null,
      invoiceNumber: options.shop.invoiceNumber ?? null,
      logoUrl: options.shop.logoUrl ?? null,
    },
    order: {
      id: order.id,
      number: order.mallOrderNumber,
      orderedAt: order.orderedAt,
      status: order.status,
      customerNote: order.notes.customer ?? null,
      numbers: [...new Set(numbers)],
    },
    orderer: party(order.orderer),
    destination: shipment?.destination ?? party(order.orderer),
    payment: {
      method: payment.method,
      methodLabel: PAYMENT_METHOD_LABELS[payment.method] ?? payment.method,
      status: payment.status,
      statusLabel: PAYMENT_STATUS_LABELS[payment.status] ?? payment.status,
      paidAmount: payment.paidAmount,
      dueAmount: Math.max(0, amounts.billedTotal - payment.paidAmount),
      dueDate: options.paymentDueDate ?? null,
    },
    amounts: {
      items: amounts.items,
      shipping: amounts.shipping,
      codFee: amounts.codFee,
      wrapping: amounts.wrapping,
      otherFees: amounts.otherFees,
      couponDiscount: amounts.couponDiscount,
      pointsUsed: amounts.pointsUsed,
      billedTotal: amounts.billedTotal,
      tax: amounts.tax.map((row) => ({ rate: row.rate, taxableAmount: row.taxableAmount, tax: row.tax })),
    },
    lines: order.lines.flatMap((source) => {
      const view = line(order, source.id);
      return view === undefined ? [] : [view];
    }),
    shipment,
    shipments,
    customer: {
      rank: options.rank?.id ?? null,
      rankLabel: options.rank?.label ?? null,
      purchaseCount: options.rank?.count ?? null,
      purchaseAmount: options.rank?.amount ?? null,
    },
    followUp: {
      reviewUrl: options.followUp?.reviewUrl ?? null,
      daysSinceDelivery: options.followUp?.daysSinceDelivery ?? null,
    },
    mail: { event: options.event, today: toJapanDate(options.now) },
    blocks: { rank: '', message: '', signature: '', ...options.blocks },
  };
}
