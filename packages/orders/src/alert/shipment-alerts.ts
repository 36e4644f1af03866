import { createIssue, type Issue } from '@hakobu/core';
import { commitOperation, type OperationContext, stateOf } from '../model/operation';
import type { Order, OrderAlert } from '../model/order';
import { carryAcknowledgements, sameAlerts } from './evidence';

/** The `source` of the alerts {@link recordShipmentAlerts} records (出荷前チェック). */
export const SHIPMENT_CHECK_SOURCE = 'shipmentCheck';

/** The event type {@link recordShipmentAlerts} appends when an order's check alerts change. */
export const SHIPMENT_CHECK_EVENT = 'alerts.shipmentCheck';

/**
 * One shipment's check result (伝票ごとのチェック結果): the shipment and the issues found for it. The shape of
 * `ShipmentAlerts` that `checkShipments` of `@hakobu/carriers` returns, or any checker's of the same shape.
 */
export interface ShipmentIssues {
  readonly shipmentId: string;
  readonly issues: readonly Issue[];
}

/** The outcome of {@link recordShipmentAlerts}. */
export interface ShipmentAlertsOutcome {
  /** Orders whose check alerts changed, each with one new event; save them with `changesOf`. */
  readonly changed: readonly Order[];
  /** Results for a shipment none of the given orders holds (warnings). */
  readonly issues: readonly Issue[];
}

/** The alert recorded for one issue: pointed at the shipment in the order that holds it, and marked. */
function toAlert(issue: Issue, shipmentId: string, index: number): OrderAlert {
  const path = issue.path ?? [];
  // A checker numbers shipments by its own input list; on the order they are numbered by the order's list.
  const rest = path[0] === 'shipments' && typeof path[1] === 'number' ? path.slice(2) : path;
  return {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    path: ['shipments', index, ...rest],
    data: { ...issue.data, shipmentId },
    source: SHIPMENT_CHECK_SOURCE,
  };
}

/**
 * Records a shipment check's results as order alerts (出荷前チェックの結果をアラートに反映), idempotently:
 * for each checked shipment, the alerts this function recorded for it before are replaced by the fresh ones
 * (a problem fixed since disappears), each carrying `data.shipmentId`, a path into the order and `source`
 * `shipmentCheck`. Alerts of other sources and of shipments not in this check are left alone; an alert staff
 * acknowledged stays acknowledged while its evidence is unchanged. The alerts go on the order that holds the
 * shipment (a 同梱 parent for its children's lines). Orders whose alerts change get an
 * `alerts.shipmentCheck` event (not undoable: it records what the check found); running it again with the
 * same results changes nothing. Accepts the output of `checkShipments` of `@hakobu/carriers` as is.
 *
 * @example
 * ```ts
 * const results = checkShipments(orders.flatMap((order) => order.shipments), { directory, from: '東京都' });
 * const { changed } = recordShipmentAlerts(orders, results, ctx);
 * await repository.save(changesOf(changed));
 * ```
 */
export function recordShipmentAlerts(
  orders: readonly Order[],
  results: readonly ShipmentIssues[],
  ctx: OperationContext,
): ShipmentAlertsOutcome {
  const holders = new Map<string, Order>();
  for (const order of orders) for (const shipment of order.shipments) holders.set(shipment.id, order);
  const issues: Issue[] = [];
  const checked = new Map<string, Map<string, Issue[]>>();
  results.forEach((result, index) => {
    const holder = holders.get(result.shipmentId);
    if (holder === undefined) {
      issues.push(
        createIssue(
          'orders.alert.unknown_shipment',
          `伝票(${result.shipmentId})を持つ受注が渡されていないため、チェック結果を反映できません`,
          { severity: 'warning', path: ['results', index], data: { shipmentId: result.shipmentId } },
        ),
      );
      return;
    }
    const byShipment = checked.get(holder.id) ?? new Map<string, Issue[]>();
    checked.set(holder.id, byShipment);
    byShipment.set(result.shipmentId, [...(byShipment.get(result.shipmentId) ?? []), ...result.issues]);
  });
  const changed: Order[] = [];
  for (const order of orders) {
    const byShipment = checked.get(order.id);
    if (byShipment === undefined) continue;
    const replaced = (alert: OrderAlert): boolean =>
      alert.source === SHIPMENT_CHECK_SOURCE && byShipment.has(String(alert.data?.shipmentId));
    const previous = order.alerts.filter(replaced);
    const fresh = order.shipments.flatMap((shipment, index) =>
      (byShipment.get(shipment.id) ?? []).map((issue) => toAlert(issue, shipment.id, index)),
    );
    const merged = carryAcknowledgements(previous, fresh);
    // Earlier runs over other lists of shipments may have left them in another order: compare by slip.
    const position = new Map(order.shipments.map((shipment, index) => [shipment.id, index]));
    const slipOf = (alert: OrderAlert): number => position.get(String(alert.data?.shipmentId)) ?? 0;
    if (
      sameAlerts(
        [...previous].sort((a, b) => slipOf(a) - slipOf(b)),
        merged,
      )
    )
      continue;
    const done = commitOperation(
      [order],
      [{ ...stateOf(order), alerts: [...order.alerts.filter((alert) => !replaced(alert)), ...merged] }],
      ctx,
      SHIPMENT_CHECK_EVENT,
      { shipmentIds: [...byShipment.keys()], codes: merged.map((alert) => alert.code) },
      { undoable: false },
    );
    changed.push(done.orders[0]!);
  }
  return { changed, issues };
}
