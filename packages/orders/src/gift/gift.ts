import { HakobuError, normalizeName, type TaxLine } from '@hakobu/core';
import { FEE_TAX_RATE, isDiscount, taxByRate } from '../model/derive';
import type { OrderState, Shipment, TaxByRate } from '../model/order';
import { type Party, partyAddressKey } from '../model/party';
import type { TaxRatePercent } from '../model/primitives';

function sameParty(a: Party, b: Party): boolean {
  return normalizeName(a.name) === normalizeName(b.name) && partyAddressKey(a) === partyAddressKey(b);
}

/**
 * True when a shipment is a gift (ギフト判定): its destination differs from the orderer by normalised name
 * or address. `giftMode` on the shipment overrides the detection.
 *
 * @example
 * ```ts
 * isGift(order, order.shipments[0]); // true when sent to someone else
 * ```
 */
export function isGift(
  order: Pick<OrderState, 'orderer'>,
  shipment: Pick<Shipment, 'destination' | 'giftMode'>,
): boolean {
  if (shipment.giftMode === 'gift') return true;
  if (shipment.giftMode === 'purchase') return false;
  return !sameParty(order.orderer, shipment.destination);
}

/** One row of a delivery note (明細行); prices are absent on an お届け明細書. */
export interface DeliveryNoteLine {
  readonly mallOrderNumber: string;
  readonly name: string;
  readonly options?: string;
  readonly quantity: number;
  readonly unitPrice?: number;
  readonly amount?: number;
  readonly taxRate?: TaxRatePercent;
  /** ※ mark for the reduced rate (軽減税率対象). */
  readonly reducedRate?: boolean;
}

/** The data of a delivery note for one shipment (納品書データ), for a renderer. */
export interface DeliveryNoteData {
  /** `purchase` = お買い上げ明細書 (with prices); `gift` = お届け明細書 (no prices). */
  readonly kind: 'purchase' | 'gift';
  readonly title: 'お買い上げ明細書' | 'お届け明細書';
  readonly slipNumber: string;
  /** Every mall order in the shipment (several after 同梱). */
  readonly mallOrderNumbers: readonly string[];
  readonly orderer: Party;
  readonly destination: Party;
  readonly lines: readonly DeliveryNoteLine[];
  /** Fees and discounts carried by this slip, by kind; purchase notes only. */
  readonly charges?: Readonly<Record<string, number>>;
  /** 税率別内訳 of this slip, rounded once per rate; purchase notes only. */
  readonly taxSummary?: readonly TaxByRate[];
  /** 合計; purchase notes only. */
  readonly total?: number;
  /** e.g. 「山田 太郎様からのプレゼントをお届けします」; gift notes only. */
  readonly giftMessage?: string;
  readonly note?: string;
}

/**
 * Builds the delivery-note data of a shipment (納品書): お買い上げ明細書 with prices, per-slip charges and a
 * per-rate tax summary, or, for a gift, お届け明細書 without any price and with the line
 * 「(贈り主)様からのプレゼントをお届けします」. `orders` must include every order whose lines the shipment
 * carries (the parent and its 同梱 children); the first order is the holder whose orderer is printed.
 *
 * @example
 * ```ts
 * const note = deliveryNote(order.shipments[0], [order]);
 * note.title; // 'お買い上げ明細書'
 * ```
 */
export function deliveryNote(shipment: Shipment, orders: readonly OrderState[]): DeliveryNoteData {
  const holder = orders[0];
  if (holder === undefined) {
    throw new HakobuError(
      'orders.delivery_note.no_order',
      'deliveryNote needs the order that holds the shipment',
    );
  }
  const byId = new Map(orders.map((order) => [order.id, order]));
  const gift = isGift(holder, shipment);
  const base = {
    slipNumber: shipment.slipNumber,
    mallOrderNumbers: [
      ...new Set(shipment.lines.map((ref) => byId.get(ref.orderId)?.mallOrderNumber ?? ref.orderId)),
    ],
    orderer: holder.orderer,
    destination: shipment.destination,
    ...(shipment.deliveryNoteText === undefined ? {} : { note: shipment.deliveryNoteText }),
  };
  const rows = shipment.lines.flatMap((ref) => {
    const order = byId.get(ref.orderId);
    const line = order?.lines.find((candidate) => candidate.id === ref.lineId);
    return order === undefined || line === undefined ? [] : [{ order, line, quantity: ref.quantity }];
  });
  if (gift) {
    return {
      ...base,
      kind: 'gift',
      title: 'お届け明細書',
      lines: rows.map(({ order, line, quantity }) => ({
        mallOrderNumber: order.mallOrderNumber,
        name: line.name,
        ...(line.options === undefined ? {} : { options: line.options }),
        quantity,
      })),
      giftMessage: `${holder.orderer.name}様からのプレゼントをお届けします`,
    };
  }
  const taxLines: TaxLine[] = [];
  const charges: Record<string, number> = {};
  let total = 0;
  for (const { line, quantity } of rows) {
    const amount = line.unitPrice * quantity;
    total += amount;
    taxLines.push({ amount, rate: line.taxRate });
  }
  for (const charge of shipment.charges) {
    if (charge.waived === true) continue;
    charges[charge.kind] = (charges[charge.kind] ?? 0) + charge.amount;
    if (isDiscount(charge.kind)) total -= charge.amount;
    else {
      total += charge.amount;
      taxLines.push({ amount: charge.amount, rate: FEE_TAX_RATE });
    }
  }
  return {
    ...base,
    kind: 'purchase',
    title: 'お買い上げ明細書',
    lines: rows.map(({ order, line, quantity }) => ({
      mallOrderNumber: order.mallOrderNumber,
      name: line.name,
      ...(line.options === undefined ? {} : { options: line.options }),
      quantity,
      unitPrice: line.unitPrice,
      amount: line.unitPrice * quantity,
      taxRate: line.taxRate,
      reducedRate: line.taxRate === 8,
    })),
    charges,
    taxSummary: taxByRate(taxLines),
    total,
  };
}
