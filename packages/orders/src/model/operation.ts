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

let lastStamp = { time: Number.NaN, text: '' };

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
  const time = instant.getTime();
  // A bulk operation stamps thousands of orders with the same instant: format it once.
  if (time === lastStamp.time) return lastStamp.text;
  const millis = String(((time % 1000) + 1000) % 1000).padStart(3, '0');
  const text = formatInstantJst(instant).replace('+09:00', `.${millis}+09:00`);
  lastStamp = { time, text };
  return text;
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

/** The namespace of event types that record what a mall did (取込・モール側の変更). */
const OUTSIDE_FACT_PREFIX = 'mall.';

/**
 * True when an event type records an outside fact (外部の事実): what a mall did to the order (`mall.import`,
 * `mall.update`, `mall.changed_after_shipment`, any `mall.*`). Undoing it would only make the order disagree
 * with the mall, so such events are never undoable, whatever snapshots an older history stored with them.
 *
 * @example
 * ```ts
 * isOutsideFact('mall.update'); // true
 * isOutsideFact('split.temperature'); // false
 * ```
 */
export function isOutsideFact(type: string): boolean {
  return type.startsWith(OUTSIDE_FACT_PREFIX);
}

/**
 * Finishes an operation: bumps each changed order's version, builds the event (with the prior states
 * for undo) and appends it to every changed order's history. Events of an outside fact
 * ({@link isOutsideFact}) never get the snapshots, so they cannot be undone.
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
  const commitOptions: { undoable: boolean; undoes?: string } = {
    undoable: options.undoable !== false && !isOutsideFact(type),
  };
  if (options.undoes !== undefined) commitOptions.undoes = options.undoes;
  return commit(before, after, ctx, type, details, commitOptions);
}

/**
 * Appends a record (記録のみ) to each order's history: an event that changes nothing else, such as
 * automation's `automation.fired` and `automation.action`. The version moves (the stored order changed), but
 * the event is marked `recordOnly`, so it is not undoable and never blocks undoing an earlier operation.
 *
 * @example
 * ```ts
 * const noted = appendRecord([order], ctx, 'automation.action', { outcome: 'succeeded' });
 * noted.event.recordOnly; // true
 * ```
 */
export function appendRecord(
  orders: readonly Order[],
  ctx: OperationContext,
  type: string,
  details: Record<string, unknown>,
): OperationOutcome {
  return commit(orders, orders.map(stateOf), ctx, type, details, { undoable: false, recordOnly: true });
}

function commit(
  before: readonly Order[],
  after: readonly OrderState[],
  ctx: OperationContext,
  type: string,
  details: Record<string, unknown>,
  options: { undoable: boolean; undoes?: string; recordOnly?: true },
): OperationOutcome {
  // A created order has no previous version: an import of 100,000 orders makes no Map for them.
  const previous = before.length === 0 ? undefined : new Map(before.map((order) => [order.id, order]));
  const versionOf = (state: OrderState): number => (previous?.get(state.id)?.version ?? state.version) + 1;
  const event: OrderEvent = {
    id: ctx.ids.newId('event'),
    type,
    at: toJapanTimestamp(ctx.clock.now()),
    actor: ctx.actor,
    orderIds: after.map((state) => state.id),
    details,
  };
  if (ctx.reason !== undefined) event.reason = ctx.reason;
  if (options.undoable) {
    event.before = before.map(stateOf);
    // Only undo reads these: an object keyed by order id costs a hidden class per new id, which a bulk
    // import of 100,000 orders (never undoable) would pay for every order.
    event.afterVersions = Object.fromEntries(after.map((state) => [state.id, versionOf(state)]));
  }
  if (options.undoes !== undefined) event.undoes = options.undoes;
  if (options.recordOnly) event.recordOnly = true;
  // Not `{ ...state, version, history }`: V8's optimised spread that adds a property gives every copy a hidden
  // class of its own (measured: 4,375 of 4,381 imported orders), which costs time and memory per order.
  const orders = after.map((state) =>
    Object.assign({}, state, {
      version: versionOf(state),
      history: [...(previous?.get(state.id)?.history ?? []), event],
    }),
  );
  return { orders, event };
}
