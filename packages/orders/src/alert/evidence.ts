import { canonicalJson, type Issue } from '@hakobu/core';
import type { OrderAlert, OrderState } from '../model/order';

/**
 * The evidence of an alert (アラートの根拠) as one string: its code, severity, message and data. What staff
 * acknowledged is this evidence; a check that raises the same evidence again raises the same alert, while a
 * different matched value, entry, days or message is a new alert. The acknowledgement, the source and the
 * position (`path`, `line`, `column`) are left out, so re-running a check over another list of shipments
 * finds the same evidence.
 *
 * @example
 * ```ts
 * alertEvidence(order.alerts[0]); // '{"code":"orders.blacklist.hit","data":{...},"message":"...","severity":"error"}'
 * ```
 */
export function alertEvidence(alert: Issue): string {
  return canonicalJson({
    code: alert.code,
    severity: alert.severity,
    message: alert.message,
    data: alert.data,
  });
}

/**
 * True when an alert is still open (未確認): staff have not acknowledged it. Only open alerts stop the
 * default flow's guards, count in `OrderQuery.hasAlerts` and match automation conditions.
 *
 * @example
 * ```ts
 * order.alerts.filter(isOpenAlert).length; // alerts still to look at
 * ```
 */
export function isOpenAlert(alert: OrderAlert): boolean {
  return alert.acknowledged === undefined;
}

/**
 * The open alerts of an order (未確認のアラート), in order.
 *
 * @example
 * ```ts
 * openAlerts(order).map((alert) => alert.message);
 * ```
 */
export function openAlerts(order: Pick<OrderState, 'alerts'>): OrderAlert[] {
  return order.alerts.filter(isOpenAlert);
}

/**
 * A check's fresh alerts, each keeping the acknowledgement of an earlier alert of the same evidence
 * (確認済みの引き継ぎ): re-running a check does not re-raise what staff already acknowledged, unless its
 * evidence changed. Earlier alerts the check no longer raises are dropped.
 *
 * @example
 * ```ts
 * carryAcknowledgements(previousHits, screenOrder(order, index)); // fresh hits, acknowledged ones kept so
 * ```
 */
export function carryAcknowledgements(
  previous: readonly OrderAlert[],
  fresh: readonly OrderAlert[],
): OrderAlert[] {
  const acknowledged = new Map<string, OrderAlert['acknowledged']>();
  for (const alert of previous) {
    if (alert.acknowledged !== undefined) acknowledged.set(alertEvidence(alert), alert.acknowledged);
  }
  if (acknowledged.size === 0) return [...fresh];
  return fresh.map((alert) => {
    const kept = acknowledged.get(alertEvidence(alert));
    return kept === undefined ? alert : { ...alert, acknowledged: kept };
  });
}

/**
 * True when two lists of alerts hold the same alerts in the same order, acknowledgements included, however
 * their keys are ordered.
 *
 * @example
 * ```ts
 * sameAlerts(stored.alerts, structuredClone(stored.alerts)); // true
 * ```
 */
export function sameAlerts(a: readonly OrderAlert[], b: readonly OrderAlert[]): boolean {
  return a.length === b.length && canonicalJson(a) === canonicalJson(b);
}
