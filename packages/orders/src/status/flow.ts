import { createIssue, fail, HakobuError, type Issue, ok, type Result } from '@hakobu/core';
import { commitOperation, type OperationContext, toJapanTimestamp } from '../model/operation';
import type { Order, OrderEvent, OrderState } from '../model/order';

/** One lifecycle status (ステータス) of a shop's flow. */
export interface StatusDefinition {
  /** Stable id stored on the order, e.g. `awaitingShipment`. */
  readonly id: string;
  /** Japanese label for staff, e.g. `発送待ち`. */
  readonly label: string;
  /** No transition leaves a terminal status (完了, キャンセル). */
  readonly terminal?: boolean;
}

/**
 * Something the host must do after a transition (副作用): send a mail, release stock, report to the mall.
 * The library returns effects as data and never runs them.
 */
export interface TransitionEffect {
  /** e.g. `mail.send`, `inventory.release`, `inventory.commit`, `mall.sync`, `payment.cancel` */
  readonly type: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Extra input a transition may take: a reason (保留理由) or anything a shop's own guard reads. */
export interface TransitionInput {
  readonly reason?: string;
  readonly [key: string]: unknown;
}

/**
 * A guard (遷移条件): returns the refusals (typed issues with stable codes) that stop the transition, or an
 * empty list to allow it.
 */
export type TransitionGuard = (order: OrderState, input: TransitionInput) => Issue[];

/** A named transition of the table (遷移): from which statuses to which, its guards, effects and state update. */
export interface TransitionDefinition {
  /** Stable name, e.g. `ship`. */
  readonly name: string;
  /** Japanese label, e.g. `発送済みにする`. */
  readonly label: string;
  readonly from: readonly string[];
  readonly to: string;
  readonly guards?: readonly TransitionGuard[];
  readonly effects?: readonly TransitionEffect[];
  /** Changes to the order beyond its status (e.g. recording a hold reason), applied after the guards pass. */
  readonly update?: (order: OrderState, input: TransitionInput, at: string) => OrderState;
}

/** A shop's status flow as data (ステータス遷移表): statuses, the initial one, and the transitions. */
export interface StatusFlow {
  readonly initial: string;
  readonly statuses: readonly StatusDefinition[];
  readonly transitions: readonly TransitionDefinition[];
}

/**
 * Checks a flow (遷移表の検証): the initial status exists, transition names are unique, every transition
 * goes between known statuses and leaves no terminal status, and every status is reachable from the
 * initial one. Returns every problem.
 *
 * @example
 * ```ts
 * validateFlow(defaultStatusFlow); // []
 * ```
 */
export function validateFlow(flow: StatusFlow): Issue[] {
  const issues: Issue[] = [];
  const statuses = new Map(flow.statuses.map((status) => [status.id, status]));
  if (!statuses.has(flow.initial)) {
    issues.push(
      createIssue('orders.status.unknown_initial', `初期ステータス「${flow.initial}」が定義されていません`),
    );
  }
  const names = new Set<string>();
  for (const transition of flow.transitions) {
    if (names.has(transition.name)) {
      issues.push(
        createIssue('orders.status.duplicate_transition', `遷移「${transition.name}」が重複しています`, {
          data: { transition: transition.name },
        }),
      );
    }
    names.add(transition.name);
    for (const id of [...transition.from, transition.to]) {
      if (!statuses.has(id)) {
        issues.push(
          createIssue(
            'orders.status.unknown_status',
            `遷移「${transition.name}」が未定義のステータス「${id}」を使っています`,
            {
              data: { transition: transition.name, status: id },
            },
          ),
        );
      }
    }
    for (const id of transition.from) {
      if (statuses.get(id)?.terminal === true) {
        issues.push(
          createIssue(
            'orders.status.leaves_terminal',
            `遷移「${transition.name}」が終了ステータス「${id}」から出ています`,
            {
              data: { transition: transition.name, status: id },
            },
          ),
        );
      }
    }
  }
  const reached = reachableStatuses(flow);
  for (const status of flow.statuses) {
    if (!reached.has(status.id)) {
      issues.push(
        createIssue(
          'orders.status.unreachable',
          `ステータス「${status.label}」(${status.id})には初期ステータスから到達できません`,
          {
            data: { status: status.id },
          },
        ),
      );
    }
  }
  return issues;
}

/**
 * The statuses reachable from the initial one through the table, guards ignored (到達可能性).
 *
 * @example
 * ```ts
 * reachableStatuses(defaultStatusFlow).has('completed'); // true
 * ```
 */
export function reachableStatuses(flow: StatusFlow): Set<string> {
  const reached = new Set<string>([flow.initial]);
  const queue = [flow.initial];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const transition of flow.transitions) {
      if (transition.from.includes(current) && !reached.has(transition.to)) {
        reached.add(transition.to);
        queue.push(transition.to);
      }
    }
  }
  return reached;
}

/** What a shop adds to or replaces in a flow; a transition with an existing name replaces it. */
export interface FlowExtension {
  readonly statuses?: readonly StatusDefinition[];
  readonly transitions?: readonly TransitionDefinition[];
  /** Extra `from` statuses for existing transitions, e.g. `{ cancel: ['awaitingStock'] }`. */
  readonly extraFrom?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Adds a shop's own statuses and transitions to a flow (独自ステータス), then validates the result. Throws
 * `HakobuError` (`orders.status.invalid_flow`) when the merged flow is broken, since a flow is
 * configuration written by a developer.
 *
 * @example
 * ```ts
 * const flow = extendFlow(defaultStatusFlow, {
 *   statuses: [{ id: 'awaitingStock', label: '入荷待ち' }],
 *   transitions: [
 *     { name: 'waitForStock', label: '入荷待ちにする', from: ['awaitingShipment'], to: 'awaitingStock' },
 *     { name: 'stockArrived', label: '入荷済みにする', from: ['awaitingStock'], to: 'awaitingShipment' },
 *   ],
 *   extraFrom: { cancel: ['awaitingStock'] },
 * });
 * ```
 */
export function extendFlow(base: StatusFlow, extension: FlowExtension): StatusFlow {
  const statuses = [...base.statuses];
  for (const status of extension.statuses ?? []) {
    const at = statuses.findIndex((existing) => existing.id === status.id);
    if (at >= 0) statuses[at] = status;
    else statuses.push(status);
  }
  const transitions = base.transitions.map((transition) => {
    const extra = extension.extraFrom?.[transition.name];
    return extra === undefined ? transition : { ...transition, from: [...transition.from, ...extra] };
  });
  for (const transition of extension.transitions ?? []) {
    const at = transitions.findIndex((existing) => existing.name === transition.name);
    if (at >= 0) transitions[at] = transition;
    else transitions.push(transition);
  }
  const flow: StatusFlow = { initial: base.initial, statuses, transitions };
  const issues = validateFlow(flow);
  if (issues.length > 0) {
    throw new HakobuError('orders.status.invalid_flow', issues.map((issue) => issue.message).join(' / '), {
      data: { issues },
    });
  }
  return flow;
}

function statusLabel(flow: StatusFlow, id: string): string {
  return flow.statuses.find((status) => status.id === id)?.label ?? id;
}

/**
 * The refusals that would stop `transition` on this order now: wrong current status, then every guard.
 *
 * @example
 * ```ts
 * checkTransition(defaultStatusFlow, order, 'ship'); // [] when allowed
 * ```
 */
export function checkTransition(
  flow: StatusFlow,
  order: OrderState,
  name: string,
  input: TransitionInput = {},
): Issue[] {
  const transition = flow.transitions.find((candidate) => candidate.name === name);
  if (transition === undefined) {
    return [
      createIssue('orders.status.unknown_transition', `遷移「${name}」は定義されていません`, {
        data: { transition: name },
      }),
    ];
  }
  if (!transition.from.includes(order.status)) {
    return [
      createIssue(
        'orders.status.not_allowed',
        `受注${order.mallOrderNumber}は「${statusLabel(flow, order.status)}」のため「${transition.label}」できません`,
        { data: { orderId: order.id, transition: name, status: order.status } },
      ),
    ];
  }
  return (transition.guards ?? []).flatMap((guard) => guard(order, input));
}

/**
 * The transitions allowed for the order now (実行可能な遷移), in table order.
 *
 * @example
 * ```ts
 * availableTransitions(defaultStatusFlow, order).map((t) => t.name); // ['awaitPayment', 'confirm'] for a new, paid order
 * ```
 */
export function availableTransitions(flow: StatusFlow, order: OrderState): TransitionDefinition[] {
  return flow.transitions.filter((transition) => checkTransition(flow, order, transition.name).length === 0);
}

/** The outcome of {@link applyTransition}: the new order, its event, and the effects the host must run. */
export interface TransitionOutcome {
  readonly order: Order;
  readonly event: OrderEvent;
  readonly effects: readonly TransitionEffect[];
}

/**
 * Runs a named transition (ステータス変更): checks the current status and every guard, returns all
 * refusals if any (order unchanged), else the updated order, an event `status.transition` and the effects
 * for the host. Status transitions are reverted by another transition, not by undo, since their effects
 * (mails, stock) have run outside.
 *
 * @example
 * ```ts
 * const result = applyTransition(defaultStatusFlow, order, 'hold', ctx, { reason: '住所不備' });
 * if (result.ok) result.value.order.status; // 'onHold'
 * ```
 */
export function applyTransition(
  flow: StatusFlow,
  order: Order,
  name: string,
  ctx: OperationContext,
  input: TransitionInput = {},
): Result<TransitionOutcome> {
  const refusals = checkTransition(flow, order, name, input);
  if (refusals.length > 0) return fail(refusals);
  const transition = flow.transitions.find((candidate) => candidate.name === name)!;
  const { history: _history, ...state } = order;
  const moved: OrderState = { ...state, status: transition.to };
  const at = toJapanTimestamp(ctx.clock.now());
  const updated = transition.update === undefined ? moved : transition.update(moved, input, at);
  const effects = transition.effects ?? [];
  const outcome = commitOperation(
    [order],
    [updated],
    ctx,
    'status.transition',
    {
      transition: name,
      from: order.status,
      to: transition.to,
      effects,
      ...(input.reason === undefined ? {} : { input: input.reason }),
    },
    { undoable: false },
  );
  return ok({ order: outcome.orders[0]!, event: outcome.event, effects });
}
