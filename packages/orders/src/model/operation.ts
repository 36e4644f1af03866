import { type Clock, formatInstantJst, type IdGenerator } from '@hakobu/core';
import type { Order, OrderEvent, OrderState } from './order';

/**
 * What every operation needs besides its data: the clock and id generator (never the system's directly),
 * who acts (担当者) and, optionally, why (理由) — both recorded in the event.
 */
export interface OperationContext {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Staff id or `system:<rule>` for automation. */
  readonly actor: string;
  readonly reason?: string;
}

/** The result of an operation on orders: the changed orders (new objects) and the event appended to each. */
export interface OperationOutcome {
  readonly orders: Order[];
  readonly event: OrderEvent;
}

/**
 * An instant as ISO 8601 in Japan time (`+09:00`) to the millisecond, the form events record:
 * `formatInstantJst` of `@hakobu/core` with the milliseconds kept, so events of one second stay ordered.
 *
 * @example
 * ```ts
 * toJapanTimestamp(new Date('2026-11-28T01:00:00Z')); // '2026-11-28T10:00:00.000+09:00'
 * ```
 */
export function toJapanTimestamp(instant: Date): string {
  const millis = String(((instant.getTime() % 1000) + 1000) % 1000).padStart(3, '0');
  return formatInstantJst(instant).replace('+09:00', `.${millis}+09:00`);
}

/**
 * The state part of an order (no history), as stored in events for undo.
 *
 * @example
 * ```ts
 * const snapshot = stateOf(order); // order without `history`
 * ```
 */
export function stateOf(order: Order | OrderState): OrderState {
  if (!('history' in order)) return order;
  const { history: _history, ...state } = order;
  return state;
}

/**
 * Finishes an operation: bumps each changed order's version, builds the event (with the prior states
 * for undo) and appends it to every changed order's history.
 *
 * @example
 * ```ts
 * const outcome = commitOperation([order], [{ ...stateOf(order), tags: ['要確認'] }], ctx, 'tags.set', {});
 * outcome.orders[0].version; // order.version + 1
 * ```
 */
export function commitOperation(
  before: readonly Order[],
  after: readonly OrderState[],
  ctx: OperationContext,
  type: string,
  details: Record<string, unknown>,
  options: { undoable?: boolean; undoes?: string } = {},
): OperationOutcome {
  const previous = new Map(before.map((order) => [order.id, order]));
  const afterVersions: Record<string, number> = {};
  const next = after.map((state) => {
    const prior = previous.get(state.id);
    const version = (prior?.version ?? state.version) + 1;
    afterVersions[state.id] = version;
    return { ...state, version };
  });
  const event: OrderEvent = {
    id: ctx.ids.newId('event'),
    type,
    at: toJapanTimestamp(ctx.clock.now()),
    actor: ctx.actor,
    orderIds: next.map((state) => state.id),
    details,
  };
  if (ctx.reason !== undefined) event.reason = ctx.reason;
  if (options.undoable !== false) {
    event.before = before.map(stateOf);
    event.afterVersions = afterVersions;
  }
  if (options.undoes !== undefined) event.undoes = options.undoes;
  const orders = next.map((state) => ({
    ...state,
    history: [...(previous.get(state.id)?.history ?? []), event],
  }));
  return { orders, event };
}
