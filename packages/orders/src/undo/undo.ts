import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import {
  commitOperation,
  isOutsideFact,
  type OperationContext,
  type OperationOutcome,
} from '../model/operation';
import type { Order, OrderEvent } from '../model/order';

/**
 * True when the order is in the state the event left it in: the event is in its history and every later
 * event either was reverted, last first (an undo stack), or is a record that changed nothing but the history
 * (`recordOnly`, such as the automation record of the operation itself), with the version moved by exactly
 * those events.
 */
function unchangedSince(order: Order, event: OrderEvent): boolean {
  const at = order.history.findIndex((entry) => entry.id === event.id);
  const afterVersion = event.afterVersions?.[order.id];
  if (at < 0 || afterVersion === undefined) return false;
  const later = order.history.slice(at + 1);
  if (order.version !== afterVersion + later.length) return false;
  const stack: string[] = [];
  for (const entry of later) {
    if (entry.recordOnly === true) continue;
    if (entry.undoes !== undefined && stack.at(-1) === entry.undoes) stack.pop();
    else stack.push(entry.id);
  }
  return stack.length === 0;
}

/**
 * Reverts an operation (元に戻す): every order the event touched gets back its exact prior state (deep-equal
 * apart from `version`, which moves forward, and `history`, which gains an `undo` event). Refused, with the
 * orders unchanged, when the event cannot be undone (a status move, a record, an outside fact such as
 * `mall.update`), was already undone, or any order changed since (`orders.undo.conflict`). Later events that
 * changed nothing but the history (`recordOnly`: automation's records) and later operations that were
 * themselves undone, last first, do not count as changes, so an automation split can be undone and a stack of
 * operations can be undone step by step. `current` must hold every order named by the event.
 *
 * @example
 * ```ts
 * const split = splitByTemperature(order, policy, ctx);
 * if (split.ok) {
 *   const undone = undoOperation(split.value.event, [split.value.order], ctx);
 *   // undone.value.orders[0] has the shipments of `order` again
 * }
 * ```
 */
export function undoOperation(
  event: OrderEvent,
  current: readonly Order[],
  ctx: OperationContext,
): Result<OperationOutcome> {
  if (event.before === undefined || event.afterVersions === undefined || isOutsideFact(event.type)) {
    return fail([
      createIssue('orders.undo.not_undoable', `操作「${event.type}」は元に戻せません`, {
        data: { eventId: event.id },
      }),
    ]);
  }
  const byId = new Map(current.map((order) => [order.id, order]));
  const issues: Issue[] = [];
  const involved: Order[] = [];
  for (const orderId of event.orderIds) {
    const order = byId.get(orderId);
    if (order === undefined) {
      issues.push(
        createIssue('orders.undo.missing_order', `元に戻す対象の受注(${orderId})が渡されていません`, {
          data: { eventId: event.id, orderId },
        }),
      );
      continue;
    }
    involved.push(order);
    if (order.history.some((entry) => entry.undoes === event.id)) {
      issues.push(
        createIssue(
          'orders.undo.already_undone',
          `受注${order.mallOrderNumber}の操作「${event.type}」は既に元に戻されています`,
          {
            data: { eventId: event.id, orderId },
          },
        ),
      );
    } else if (!unchangedSince(order, event)) {
      issues.push(
        createIssue(
          'orders.undo.conflict',
          `受注${order.mallOrderNumber}は操作「${event.type}」の後に変更されているため、元に戻せません`,
          {
            data: {
              eventId: event.id,
              orderId,
              expectedVersion: event.afterVersions[orderId],
              version: order.version,
            },
          },
        ),
      );
    }
  }
  if (issues.length > 0) return fail(issues);
  const restored = event.before.map((state) => ({
    ...state,
    version: byId.get(state.id)?.version ?? state.version,
  }));
  return ok(
    commitOperation(involved, restored, ctx, 'undo', { undoneType: event.type }, { undoes: event.id }),
  );
}
