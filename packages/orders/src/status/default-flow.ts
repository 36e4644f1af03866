import { createIssue } from '@hakobu/core';
import type { StandardMailEvent } from '../mail-events/mail-events';
import type { OrderState } from '../model/order';
import type { StatusFlow, TransitionGuard } from './flow';

const SETTLED = new Set(['paid', 'authorized', 'notRequired']);

/**
 * Guard: the payment is settled (入金済・オーソリ済・入金不要).
 *
 * @example
 * ```ts
 * paymentSettled(order, {}); // [] when paid
 * ```
 */
export const paymentSettled: TransitionGuard = (order) =>
  SETTLED.has(order.payment.status)
    ? []
    : [
        createIssue(
          'orders.status.payment_not_settled',
          `受注${order.mallOrderNumber}は入金が確認できていません`,
          {
            data: { orderId: order.id, paymentStatus: order.payment.status },
          },
        ),
      ];

/**
 * Guard: no confirmation hold (確認待ち) and no open error alert (such as a blacklist hit) remains; an alert
 * staff acknowledged (確認済み) no longer stops the order.
 *
 * @example
 * ```ts
 * noHoldsOrAlerts(order, {}); // one refusal per hold and per error alert
 * ```
 */
export const noHoldsOrAlerts: TransitionGuard = (order) => [
  ...order.axes.holds.map((hold) =>
    createIssue('orders.status.on_hold', `受注${order.mallOrderNumber}は保留中です: ${hold.reason}`, {
      data: { orderId: order.id, hold: hold.code },
    }),
  ),
  ...order.alerts
    .filter((alert) => alert.severity === 'error' && alert.acknowledged === undefined)
    .map((alert) =>
      createIssue(
        'orders.status.unresolved_alert',
        `受注${order.mallOrderNumber}に未解決のアラートがあります: ${alert.message}`,
        {
          data: { orderId: order.id, alert: alert.code },
        },
      ),
    ),
];

/**
 * Guard: every shipment that is not cancelled has been shipped or has a tracking number (お問い合わせ番号).
 * A 同梱 child, whose lines travel in the parent's shipment, passes.
 *
 * @example
 * ```ts
 * shipmentsReady(order, {}); // [] when every slip has a tracking number
 * ```
 */
export const shipmentsReady: TransitionGuard = (order) =>
  order.shipments
    .filter((shipment) => shipment.state === 'open' && shipment.trackingNumbers.length === 0)
    .map((shipment) =>
      createIssue(
        'orders.status.shipment_not_ready',
        `伝票${shipment.slipNumber}にお問い合わせ番号がありません`,
        {
          data: { orderId: order.id, shipmentId: shipment.id },
        },
      ),
    );

/**
 * Guard: a reason (理由) is given.
 *
 * @example
 * ```ts
 * reasonGiven(order, { reason: '住所不備' }); // []
 * ```
 */
export const reasonGiven: TransitionGuard = (order, input) =>
  typeof input.reason === 'string' && input.reason.trim() !== ''
    ? []
    : [
        createIssue(
          'orders.status.reason_required',
          `受注${order.mallOrderNumber}の操作には理由の入力が必要です`,
          {
            data: { orderId: order.id },
          },
        ),
      ];

function addHold(order: OrderState, reason: string, at: string): OrderState {
  return { ...order, axes: { ...order.axes, holds: [...order.axes.holds, { code: 'manual', reason, at }] } };
}

function clearHolds(order: OrderState): OrderState {
  return { ...order, axes: { ...order.axes, holds: [] } };
}

/**
 * The default Japanese order flow (標準ステータス): 新規受付 → 入金待ち → 発送待ち → 発送済み → 完了, with
 * 保留 and キャンセル. Guards check payment, holds and open alerts, and tracking numbers; effects tell the host
 * to send mails (keys of `STANDARD_MAIL_EVENTS`: 入金確認 `paymentConfirmed`, 発送完了 `shipped`), commit or
 * release stock and report to the mall. Extend it with {@link extendFlow}.
 */
export const defaultStatusFlow: StatusFlow = {
  initial: 'new',
  statuses: [
    { id: 'new', label: '新規受付' },
    { id: 'awaitingPayment', label: '入金待ち' },
    { id: 'awaitingShipment', label: '発送待ち' },
    { id: 'shipped', label: '発送済み' },
    { id: 'completed', label: '完了', terminal: true },
    { id: 'onHold', label: '保留' },
    { id: 'cancelled', label: 'キャンセル', terminal: true },
  ],
  transitions: [
    { name: 'awaitPayment', label: '入金待ちにする', from: ['new'], to: 'awaitingPayment' },
    {
      name: 'confirm',
      label: '受注確認する',
      from: ['new'],
      to: 'awaitingShipment',
      guards: [paymentSettled, noHoldsOrAlerts],
      effects: [{ type: 'inventory.allocate' }],
    },
    {
      name: 'confirmPayment',
      label: '入金確認する',
      from: ['awaitingPayment'],
      to: 'awaitingShipment',
      guards: [paymentSettled, noHoldsOrAlerts],
      effects: [
        { type: 'mail.send', data: { template: 'paymentConfirmed' satisfies StandardMailEvent } },
        { type: 'inventory.allocate' },
      ],
    },
    {
      name: 'ship',
      label: '発送済みにする',
      from: ['awaitingShipment'],
      to: 'shipped',
      guards: [noHoldsOrAlerts, shipmentsReady],
      effects: [
        { type: 'inventory.commit' },
        { type: 'mail.send', data: { template: 'shipped' satisfies StandardMailEvent } },
        { type: 'mall.sync', data: { what: 'shipment' } },
      ],
    },
    {
      name: 'complete',
      label: '完了にする',
      from: ['shipped'],
      to: 'completed',
      guards: [paymentSettled],
    },
    {
      name: 'hold',
      label: '保留にする',
      from: ['new', 'awaitingPayment', 'awaitingShipment'],
      to: 'onHold',
      guards: [reasonGiven],
      update: (order, input, at) => addHold(order, input.reason ?? '', at),
    },
    {
      name: 'release',
      label: '保留を解除する',
      from: ['onHold'],
      to: 'new',
      update: (order) => clearHolds(order),
    },
    {
      name: 'cancel',
      label: 'キャンセルする',
      from: ['new', 'awaitingPayment', 'awaitingShipment', 'onHold'],
      to: 'cancelled',
      guards: [reasonGiven],
      effects: [
        { type: 'inventory.release' },
        { type: 'payment.cancel' },
        { type: 'mall.sync', data: { what: 'cancellation' } },
      ],
      update: (order) => ({
        ...order,
        shipments: order.shipments.map((shipment) =>
          shipment.state === 'open' ? { ...shipment, state: 'cancelled' as const } : shipment,
        ),
      }),
    },
  ],
};
