import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import { z } from 'zod';
import { computeAmounts, computeCodAmount, indexOrders } from '../model/derive';
import { type OperationContext, toJapanTimestamp } from '../model/operation';
import {
  type Order,
  type OrderLine,
  PaymentMethod,
  type Shipment,
  type ShipmentCharge,
} from '../model/order';
import { Party } from '../model/party';
import { CalendarDate, TaxRatePercent, TemperatureZone, TimeSlot } from '../model/primitives';

/** One line of a phone or counter order: what staff type in (明細入力). */
export const ManualOrderLineInput = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  /** 税込単価 */
  unitPrice: z.number().int().nonnegative(),
  quantity: z.number().int().positive(),
  taxRate: TaxRatePercent.default(10),
  temperature: TemperatureZone.default('ambient'),
  options: z.string().optional(),
});
/** @see {@link ManualOrderLineInput} */
export type ManualOrderLineInput = z.input<typeof ManualOrderLineInput>;

/**
 * The minimal input of a phone or counter order (電話注文・店舗受注): orderer, lines, payment method, and
 * optionally a destination (default: the orderer), fees, coupon, points and a requested date. Totals, tax
 * per rate and the 代引手数料 are computed.
 */
export const ManualOrderInput = z.object({
  channel: z.enum(['phone', 'counter']),
  shopId: z.string().min(1),
  /** The shop's own order number; default: the generated id. */
  orderNumber: z.string().min(1).optional(),
  orderer: Party,
  destination: Party.optional(),
  lines: z.array(ManualOrderLineInput).min(1),
  paymentMethod: PaymentMethod,
  shipping: z.number().int().nonnegative().default(0),
  /** 代引手数料; computed from {@link defaultCodFee} when paid by 代金引換 and not given. */
  codFee: z.number().int().nonnegative().optional(),
  wrapping: z.number().int().nonnegative().default(0),
  otherFees: z.number().int().nonnegative().default(0),
  couponDiscount: z.number().int().nonnegative().default(0),
  pointsUsed: z.number().int().nonnegative().default(0),
  requestedDate: CalendarDate.optional(),
  timeSlot: TimeSlot.default('none'),
  customerNote: z.string().optional(),
});
/** @see {@link ManualOrderInput} */
export type ManualOrderInput = z.input<typeof ManualOrderInput>;

/**
 * The default 代引手数料 by amount to collect (tax included), as carriers commonly charge: up to 10,000円
 * 330円, 30,000円 440円, 100,000円 660円, 300,000円 1,100円; above that 代引 is refused.
 *
 * @example
 * ```ts
 * defaultCodFee(12_000); // 440
 * ```
 */
export function defaultCodFee(amount: number): number | undefined {
  if (amount <= 10_000) return 330;
  if (amount <= 30_000) return 440;
  if (amount <= 100_000) return 660;
  if (amount <= 300_000) return 1_100;
  return undefined;
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  orderer: '注文者',
  destination: 'お届け先',
  lines: '明細',
  paymentMethod: '支払方法',
  name: '氏名',
  postalCode: '郵便番号',
  prefecture: '都道府県',
  address1: '住所',
  phone: '電話番号',
  sku: 'SKU',
  unitPrice: '単価',
  quantity: '数量',
  taxRate: '税率',
  shipping: '送料',
  requestedDate: 'お届け希望日',
};

function fieldLabel(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === 'number' ? `${key + 1}行目` : (FIELD_NAMES[String(key)] ?? String(key))))
    .join('の');
}

/**
 * Builds a valid order from the minimal input of a phone or counter order (電話注文・店舗受注): ids from the
 * generator, the instant from the clock, totals and per-rate tax computed, 代引手数料 from `codFee` (default
 * {@link defaultCodFee}), one slip to the destination. Every problem is reported, each naming its field.
 *
 * @example
 * ```ts
 * const result = createManualOrder({
 *   channel: 'phone', shopId: 'main', paymentMethod: 'cod', shipping: 800,
 *   orderer: { name: '山田 太郎', postalCode: '100-0005', prefecture: '東京都', address1: '千代田区丸の内1-1-1', phone: '03-1234-5678' },
 *   lines: [{ sku: 'tea-sencha', name: '静岡煎茶 100g', unitPrice: 1080, quantity: 3, taxRate: 8 }],
 * }, ctx);
 * if (result.ok) result.value.amounts.billedTotal; // 3240 + 800 + 330 = 4370
 * ```
 */
export function createManualOrder(
  input: ManualOrderInput,
  ctx: OperationContext,
  codFee: (amount: number) => number | undefined = defaultCodFee,
): Result<Order> {
  const parsed = ManualOrderInput.safeParse(input);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((problem) =>
        createIssue(
          'orders.manual.invalid_input',
          `${fieldLabel(problem.path)}が正しくありません（${problem.message}）`,
          {
            path: problem.path.map((key) => (typeof key === 'number' ? key : String(key))),
          },
        ),
      ),
    );
  }
  const value = parsed.data;
  const issues: Issue[] = [];
  const id = ctx.ids.newId('order');
  const lines: OrderLine[] = value.lines.map((line, index) => ({
    id: `${id}-L${index + 1}`,
    mallItemCode: line.sku,
    sku: line.sku,
    name: line.name,
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    taxRate: line.taxRate,
    temperature: line.temperature,
    ...(line.options === undefined ? {} : { options: line.options }),
  }));
  const before = computeAmounts(lines, {
    shipping: value.shipping,
    wrapping: value.wrapping,
    otherFees: value.otherFees,
    couponDiscount: value.couponDiscount,
    pointsUsed: value.pointsUsed,
  });
  let cod = 0;
  if (value.paymentMethod === 'cod') {
    const computed = value.codFee ?? codFee(before.billedTotal);
    if (computed === undefined) {
      issues.push(
        createIssue(
          'orders.manual.cod_limit',
          `代金引換の上限を超えています（請求額${before.billedTotal}円）`,
          {
            path: ['paymentMethod'],
            data: { billedTotal: before.billedTotal },
          },
        ),
      );
    } else cod = computed;
  }
  const fees = {
    shipping: value.shipping,
    codFee: cod,
    wrapping: value.wrapping,
    otherFees: value.otherFees,
    couponDiscount: value.couponDiscount,
    pointsUsed: value.pointsUsed,
  };
  const amounts = computeAmounts(lines, fees);
  if (amounts.billedTotal < 0) {
    issues.push(
      createIssue(
        'orders.manual.discount_exceeds',
        `クーポン・ポイントが請求額を超えています（${amounts.billedTotal}円）`,
        {
          path: ['pointsUsed'],
          data: { billedTotal: amounts.billedTotal },
        },
      ),
    );
  }
  if (value.paymentMethod === 'pointsOnly' && amounts.billedTotal !== 0) {
    issues.push(
      createIssue(
        'orders.manual.points_only_balance',
        `ポイント全額払いですが、${amounts.billedTotal}円の支払いが残ります`,
        {
          path: ['paymentMethod'],
          data: { billedTotal: amounts.billedTotal },
        },
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const orderNumber = value.orderNumber ?? id;
  const zones: TemperatureZone[] = ['ambient', 'chilled', 'frozen'];
  const temperature = zones[Math.max(...lines.map((line) => zones.indexOf(line.temperature)))] ?? 'ambient';
  const charges: ShipmentCharge[] = (Object.entries(fees) as [ShipmentCharge['kind'], number][])
    .filter(([, amount]) => amount > 0)
    .map(([kind, amount]) => ({ orderId: id, kind, amount }));
  const shipment: Shipment = {
    id: ctx.ids.newId('shipment'),
    slipNumber: `${orderNumber}-1`,
    destination: value.destination ?? value.orderer,
    lines: lines.map((line) => ({ orderId: id, lineId: line.id, quantity: line.quantity })),
    temperature,
    timeSlot: value.timeSlot,
    charges,
    codAmount: 0,
    trackingNumbers: [],
    giftMode: 'auto',
    state: 'open',
    ...(value.requestedDate === undefined ? {} : { requestedDate: value.requestedDate }),
  };
  const at = toJapanTimestamp(ctx.clock.now());
  const settled = value.paymentMethod === 'cod' || value.paymentMethod === 'pointsOnly';
  const order: Order = {
    id,
    channel: value.channel,
    shopId: value.shopId,
    mallOrderNumber: orderNumber,
    orderedAt: at,
    orderer: value.orderer,
    payment: { method: value.paymentMethod, status: settled ? 'notRequired' : 'unpaid', paidAmount: 0 },
    amounts,
    lines,
    shipments: [shipment],
    status: 'new',
    axes: {
      allocation: 'unallocated',
      holds: [],
      deliveryNotePrinted: false,
      labelExported: false,
      mailsSent: [],
      mallSync: 'notSynced',
    },
    alerts: [],
    tags: [],
    notes: value.customerNote === undefined ? {} : { customer: value.customerNote },
    version: 1,
    history: [],
  };
  shipment.codAmount = computeCodAmount(shipment, indexOrders([order]));
  order.history.push({
    id: ctx.ids.newId('event'),
    type: 'order.create',
    at,
    actor: ctx.actor,
    orderIds: [id],
    details: { channel: value.channel },
    ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
  });
  return ok(order);
}
