import { createIssue, type Issue, summarizeTax, type TaxLine } from '@hakobu/core';
import type {
  ChargeKind,
  MallOrderKey,
  Order,
  OrderAmounts,
  OrderLine,
  OrderState,
  Shipment,
  TaxByRate,
} from './order';
import type { TaxRatePercent } from './primitives';

/** Fees add to what the customer pays; discounts subtract. Fixed order, also used to sort charges. */
export const CHARGE_KINDS: readonly ChargeKind[] = [
  'shipping',
  'codFee',
  'wrapping',
  'otherFees',
  'couponDiscount',
  'pointsUsed',
];
/** Japanese labels of {@link ChargeKind} (費用項目名), as staff read them in messages and files. */
export const chargeKindLabels: Readonly<Record<ChargeKind, string>> = {
  shipping: '送料',
  codFee: '代引手数料',
  wrapping: 'ラッピング料',
  otherFees: 'その他手数料',
  couponDiscount: 'クーポン値引',
  pointsUsed: 'ポイント利用',
};
const DISCOUNTS: ReadonlySet<ChargeKind> = new Set(['couponDiscount', 'pointsUsed']);

/** Consumption-tax rate applied to fees (送料・手数料): the standard 10%. */
export const FEE_TAX_RATE: TaxRatePercent = 10;

/**
 * The mall key of an order as one string, `channel:shopId:mallOrderNumber`, for maps and indexes.
 *
 * @example
 * ```ts
 * mallKeyString({ channel: 'rakuten', shopId: 'shop1', mallOrderNumber: '123-456' }); // 'rakuten:shop1:123-456'
 * ```
 */
export function mallKeyString(key: MallOrderKey): string {
  return `${key.channel}:${key.shopId}:${key.mallOrderNumber}`;
}

/**
 * True for a discount kind (クーポン, ポイント), which lowers the amount to collect.
 *
 * @example
 * ```ts
 * isDiscount('pointsUsed'); // true
 * isDiscount('shipping'); // false
 * ```
 */
export function isDiscount(kind: ChargeKind): boolean {
  return DISCOUNTS.has(kind);
}

/**
 * An order's fee and discount amounts by kind, from its {@link OrderAmounts}.
 *
 * @example
 * ```ts
 * chargeAmounts(order).shipping; // 800
 * ```
 */
export function chargeAmounts(order: Pick<OrderState, 'amounts'>): Record<ChargeKind, number> {
  const { shipping, codFee, wrapping, otherFees, couponDiscount, pointsUsed } = order.amounts;
  return { shipping, codFee, wrapping, otherFees, couponDiscount, pointsUsed };
}

/**
 * Computes the amounts of an order from its lines and fees (金額計算): items total, per-rate tax taken out
 * of the tax-included amounts and rounded down once per rate (インボイス制度, `summarizeTax` of
 * `@hakobu/core`) with fees at 10%, and the billed total. Coupon and point discounts do not reduce the
 * taxable amounts (they are 値引 on the payment, as the malls report them).
 *
 * @example
 * ```ts
 * computeAmounts([{ unitPrice: 1080, quantity: 2, taxRate: 8 }], { shipping: 800, pointsUsed: 100 });
 * // { items: 2160, shipping: 800, ..., tax: [{ rate: 10, taxableAmount: 800, tax: 72 }, { rate: 8, taxableAmount: 2160, tax: 160 }], billedTotal: 2860 }
 * ```
 */
export function computeAmounts(
  lines: readonly Pick<OrderLine, 'unitPrice' | 'quantity' | 'taxRate'>[],
  fees: Partial<Record<ChargeKind, number>> = {},
): OrderAmounts {
  const taxLines: TaxLine[] = [];
  let items = 0;
  for (const line of lines) {
    const amount = line.unitPrice * line.quantity;
    items += amount;
    taxLines.push({ amount, rate: line.taxRate });
  }
  const charge = (kind: ChargeKind): number => fees[kind] ?? 0;
  const feeTotal = charge('shipping') + charge('codFee') + charge('wrapping') + charge('otherFees');
  if (feeTotal > 0) taxLines.push({ amount: feeTotal, rate: FEE_TAX_RATE });
  const tax = taxByRate(taxLines);
  return {
    items,
    shipping: charge('shipping'),
    codFee: charge('codFee'),
    wrapping: charge('wrapping'),
    otherFees: charge('otherFees'),
    couponDiscount: charge('couponDiscount'),
    pointsUsed: charge('pointsUsed'),
    tax,
    billedTotal: items + feeTotal - charge('couponDiscount') - charge('pointsUsed'),
  };
}

/**
 * The 税率別内訳 of tax-included amounts (内税): `summarizeTax` of `@hakobu/core`, rounded down once per rate,
 * in its rate order (10%, 8%, 0%), in the shape orders store.
 *
 * @example
 * ```ts
 * taxByRate([{ amount: 1100, rate: 10 }, { amount: 1080, rate: 8 }]);
 * // [{ rate: 10, taxableAmount: 1100, tax: 100 }, { rate: 8, taxableAmount: 1080, tax: 80 }]
 * ```
 */
export function taxByRate(lines: readonly TaxLine[]): TaxByRate[] {
  return summarizeTax(lines, { pricing: 'included', rounding: 'floor' }).byRate.map((breakdown) => ({
    rate: breakdown.rate,
    taxableAmount: breakdown.total,
    tax: breakdown.tax,
  }));
}

/** Index of orders by id, for functions that follow shipment lines into other orders (同梱). */
export type OrdersById = ReadonlyMap<string, Pick<OrderState, 'id' | 'lines' | 'payment'>>;

/**
 * Builds an {@link OrdersById} map.
 *
 * @example
 * ```ts
 * const byId = indexOrders([parent, child]);
 * ```
 */
export function indexOrders<T extends Pick<OrderState, 'id' | 'lines' | 'payment'>>(
  orders: readonly T[],
): Map<string, T> {
  return new Map(orders.map((order) => [order.id, order]));
}

/**
 * The tax-included goods value in a shipment (伝票の商品金額), following each line into its order.
 *
 * @example
 * ```ts
 * shipmentItemsAmount(order.shipments[0], indexOrders([order])); // 4320
 * ```
 */
export function shipmentItemsAmount(shipment: Pick<Shipment, 'lines'>, orders: OrdersById): number {
  let total = 0;
  for (const ref of shipment.lines) {
    const line = orders.get(ref.orderId)?.lines.find((candidate) => candidate.id === ref.lineId);
    if (line !== undefined) total += line.unitPrice * ref.quantity;
  }
  return total;
}

/**
 * The amount a shipment collects at the door (代引金額): goods plus fees minus coupon and points, counting
 * only the orders paid by 代金引換; 0 when none is. Never below 0.
 *
 * @example
 * ```ts
 * computeCodAmount(shipment, indexOrders([order])); // 5650
 * ```
 */
export function computeCodAmount(shipment: Pick<Shipment, 'lines' | 'charges'>, orders: OrdersById): number {
  let total = 0;
  for (const ref of shipment.lines) {
    const order = orders.get(ref.orderId);
    if (order?.payment.method !== 'cod') continue;
    const line = order.lines.find((candidate) => candidate.id === ref.lineId);
    if (line !== undefined) total += line.unitPrice * ref.quantity;
  }
  for (const charge of shipment.charges) {
    if (charge.waived === true || orders.get(charge.orderId)?.payment.method !== 'cod') continue;
    total += isDiscount(charge.kind) ? -charge.amount : charge.amount;
  }
  return Math.max(0, total);
}

/**
 * The state of an order without its audit trail (`version` and `history`): what undo restores exactly and
 * what tests compare.
 *
 * @example
 * ```ts
 * expect(orderContent(undone)).toEqual(orderContent(original));
 * ```
 */
export function orderContent(order: Order | OrderState): Omit<OrderState, 'version'> {
  const { version: _version, ...rest } = order;
  if ('history' in rest) {
    const { history: _history, ...content } = rest;
    return content;
  }
  return rest;
}

/**
 * Checks the shipment invariants across a set of orders that includes every 同梱 partner (伝票整合性):
 * every line's quantity is carried exactly by shipments, every shipment line points to a real line, and
 * every fee and discount of every order is carried exactly once. Returns every problem.
 *
 * @example
 * ```ts
 * checkShipmentInvariants([order]); // []
 * ```
 */
export function checkShipmentInvariants(orders: readonly OrderState[]): Issue[] {
  const issues: Issue[] = [];
  const byId = indexOrders(orders);
  const carried = new Map<string, number>();
  const charged = new Map<string, number>();
  for (const holder of orders) {
    for (const shipment of holder.shipments) {
      if (shipment.state === 'cancelled') continue;
      for (const ref of shipment.lines) {
        const order = byId.get(ref.orderId);
        if (order?.lines.some((line) => line.id === ref.lineId) !== true) {
          issues.push(
            createIssue(
              'orders.invariant.unknown_line',
              `伝票${shipment.slipNumber}の明細が存在しない受注明細を指しています`,
              {
                data: { slipNumber: shipment.slipNumber, orderId: ref.orderId, lineId: ref.lineId },
              },
            ),
          );
          continue;
        }
        const key = `${ref.orderId}\u0000${ref.lineId}`;
        carried.set(key, (carried.get(key) ?? 0) + ref.quantity);
      }
      for (const charge of shipment.charges) {
        const key = `${charge.orderId}\u0000${charge.kind}`;
        charged.set(key, (charged.get(key) ?? 0) + charge.amount);
      }
    }
  }
  for (const order of orders) {
    for (const line of order.lines) {
      const inShipments = carried.get(`${order.id}\u0000${line.id}`) ?? 0;
      if (inShipments !== line.quantity) {
        issues.push(
          createIssue(
            'orders.invariant.quantity_mismatch',
            `受注${order.mallOrderNumber}の明細「${line.name}」の数量${line.quantity}に対し、伝票の合計は${inShipments}です`,
            { data: { orderId: order.id, lineId: line.id, expected: line.quantity, actual: inShipments } },
          ),
        );
      }
    }
    const amounts = chargeAmounts(order);
    for (const kind of CHARGE_KINDS) {
      const inShipments = charged.get(`${order.id}\u0000${kind}`) ?? 0;
      if (inShipments !== amounts[kind]) {
        issues.push(
          createIssue(
            'orders.invariant.charge_mismatch',
            `受注${order.mallOrderNumber}の${chargeKindLabels[kind]}は${amounts[kind]}円ですが、伝票の合計は${inShipments}円です`,
            { data: { orderId: order.id, kind, expected: amounts[kind], actual: inShipments } },
          ),
        );
      }
    }
  }
  return issues;
}
