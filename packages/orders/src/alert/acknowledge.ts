import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import { commitOperation, type OperationContext, stateOf, toJapanTimestamp } from '../model/operation';
import type { AlertAcknowledgement, Order, OrderAlert, OrderEvent } from '../model/order';
import { alertEvidence, isOpenAlert } from './evidence';

/**
 * Which alerts to acknowledge: by code, by evidence (`alertEvidence` of the alert staff looked at), or, when
 * both are absent, every open alert of the order. An alert matching either list is selected.
 */
export interface AlertSelector {
  readonly codes?: readonly string[];
  readonly evidence?: readonly string[];
}

/** The outcome of {@link acknowledgeAlerts}: the order and the (undoable) event. */
export interface AcknowledgeOutcome {
  readonly order: Order;
  readonly event: OrderEvent;
}

function selected(alert: OrderAlert, select: AlertSelector, evidence: string): boolean {
  if (select.codes === undefined && select.evidence === undefined) return true;
  return (select.codes?.includes(alert.code) ?? false) || (select.evidence?.includes(evidence) ?? false);
}

/**
 * 確認済みにする: marks the selected open alerts of an order as acknowledged by the operation's actor, at the
 * operation's clock, with its reason as the note. The alerts stay on the order (the record of what was
 * found), but no longer stop the default flow, count in `hasAlerts` or match automation conditions, and
 * `rescreenOrders` / `recordShipmentAlerts` do not raise them again unless their evidence changes. Undo with
 * `undoOperation`. Refused when an evidence string matches no alert of the order (the screen is stale) or
 * nothing open is selected.
 *
 * @example
 * ```ts
 * const done = acknowledgeAlerts(order, { codes: ['orders.blacklist.hit'] }, { ...ctx, reason: '本人確認済み' });
 * if (done.ok) await repository.save(changesOf([done.value.order]));
 * ```
 */
export function acknowledgeAlerts(
  order: Order,
  select: AlertSelector,
  ctx: OperationContext,
): Result<AcknowledgeOutcome> {
  const evidence = order.alerts.map(alertEvidence);
  const known = new Set(evidence);
  const issues: Issue[] = [];
  select.evidence?.forEach((wanted, index) => {
    if (known.has(wanted)) return;
    issues.push(
      createIssue(
        'orders.alert.unknown',
        `受注${order.mallOrderNumber}に指定のアラートがありません。画面を更新してください`,
        { path: ['evidence', index], data: { orderId: order.id } },
      ),
    );
  });
  if (issues.length > 0) return fail(issues);
  const acknowledgement: AlertAcknowledgement = {
    by: ctx.actor,
    at: toJapanTimestamp(ctx.clock.now()),
    ...(ctx.reason === undefined ? {} : { note: ctx.reason }),
  };
  const chosen: OrderAlert[] = [];
  const alerts = order.alerts.map((alert, index) => {
    if (!isOpenAlert(alert) || !selected(alert, select, evidence[index]!)) return alert;
    chosen.push(alert);
    return { ...alert, acknowledged: acknowledgement };
  });
  if (chosen.length === 0) {
    return fail([
      createIssue(
        'orders.alert.nothing_to_acknowledge',
        `受注${order.mallOrderNumber}に確認済みにする未確認のアラートがありません`,
        { data: { orderId: order.id } },
      ),
    ]);
  }
  const done = commitOperation([order], [{ ...stateOf(order), alerts }], ctx, 'alerts.acknowledge', {
    alerts: chosen.map((alert) => ({ code: alert.code, message: alert.message })),
  });
  return ok({ order: done.orders[0]!, event: done.event });
}
