import { type Clock, createIssue, type IdGenerator, type Issue, toJapanDate } from '@hakobu/core';
import { type OperationContext, type Order, type OrderState, stateOf, toJapanTimestamp } from '../model';
import { keepOnOriginalPolicy, type SplitPolicy, splitByRequestedDate, splitByTemperature } from '../split';
import { applyTransition, type StatusFlow, type TransitionEffect } from '../status';
import { type Action, actionConflict } from './actions';
import {
  automationActor,
  firingKey,
  pendingFrom,
  type RecordedFiring,
  recordedFirings,
  ruleVersion,
} from './audit';
import {
  type AddressAlertCodes,
  conditionHolds,
  type EvaluationContext,
  evaluateCondition,
  type MatchedValue,
} from './conditions';
import type { RuleSet } from './rules';
import { type RunTrigger, type ScheduleOptions, triggers } from './schedule';

/** Settings shared by {@link simulate} and `runAutomation` (実行設定). */
export interface AutomationOptions extends ScheduleOptions {
  /** The shop's status flow; `moveStatus` runs its transitions with their guards. */
  readonly flow: StatusFlow;
  /** Which rule sets run; default `{ kind: 'all' }`. */
  readonly trigger?: RunTrigger;
  /** Policy for `split` actions that name none; default everything stays on the original slip. */
  readonly splitPolicy?: SplitPolicy;
  /** 顧客ランク per order, for `customerRank` conditions. */
  readonly rankOf?: (order: OrderState) => string | undefined;
  readonly addressAlertCodes?: AddressAlertCodes;
}

/** One rule firing on one order (発火): new this run, or a retry of actions left over from an earlier run. */
export interface Firing {
  readonly ruleSetId: string;
  readonly ruleId: string;
  readonly ruleName: string;
  /** Idempotency key `{ruleSetId}/{ruleId}/{orderId}/v{version}`. */
  readonly key: string;
  /** The order version the rule matched (see `ruleVersion`). */
  readonly version: number;
  readonly matched: readonly MatchedValue[];
  readonly actions: readonly Action[];
  /** True when the firing was recorded by an earlier run and some of its actions are still to run. */
  readonly retry: boolean;
  /** The first action index to run. */
  readonly fromIndex: number;
}

/** The firings for one order in one run, and why other firings were held back (conflicts). */
export interface OrderPlan {
  readonly orderId: string;
  readonly mallOrderNumber: string;
  readonly firings: readonly Firing[];
  readonly issues: readonly Issue[];
}

/** A `never` rule that fired on the order at an earlier version is spent: it no longer takes part. */
function spent(
  firings: ReadonlyMap<string, RecordedFiring>,
  set: RuleSet,
  rule: RuleSet['rules'][number],
): boolean {
  if ((rule.refire ?? set.refire) !== 'never') return false;
  for (const firing of firings.values()) {
    if (firing.fired.ruleSetId === set.id && firing.fired.ruleId === rule.id) return true;
  }
  return false;
}

function conflictWith(
  accepted: readonly Firing[],
  candidate: Firing,
): { other: Firing; reason: string } | undefined {
  for (const other of accepted) {
    for (const a of other.actions.slice(other.fromIndex)) {
      for (const b of candidate.actions) {
        const reason = actionConflict(a, b);
        if (reason !== undefined) return { other, reason };
      }
    }
  }
  return undefined;
}

/**
 * Plans one order (処理計画): first the actions left over from earlier runs (failed or interrupted), then,
 * for each rule set the trigger selects, the matching rules (first or all) that have not fired for this
 * order version. A new firing whose actions conflict with an earlier firing of the same run is held back
 * with a warning. Pure: the order is not changed.
 *
 * @example
 * ```ts
 * planOrder(order, ruleSets, new Date('2026-11-28T01:00:00Z'), { flow: defaultStatusFlow }).firings;
 * ```
 */
export function planOrder(
  order: Order,
  ruleSets: readonly RuleSet[],
  now: Date,
  options: AutomationOptions,
): OrderPlan {
  return planPrepared(order, prepare(ruleSets, now, options));
}

/** The rule sets a run selects and the evaluation context, computed once per run rather than per order. */
interface Prepared {
  readonly sets: readonly RuleSet[];
  readonly ctx: EvaluationContext;
}

function prepare(ruleSets: readonly RuleSet[], now: Date, options: AutomationOptions): Prepared {
  const trigger = options.trigger ?? { kind: 'all' };
  return {
    sets: ruleSets.filter((set) => triggers(set, trigger, now, options)),
    ctx: {
      today: toJapanDate(now),
      ...(options.rankOf === undefined ? {} : { rankOf: options.rankOf }),
      ...(options.addressAlertCodes === undefined ? {} : { addressAlertCodes: options.addressAlertCodes }),
    },
  };
}

/** The firings of an order without history: most orders at import, so no map is built for them. */
const NO_FIRINGS: ReadonlyMap<string, RecordedFiring> = new Map();

function planPrepared(order: Order, prepared: Prepared): OrderPlan {
  const recorded = order.history.length === 0 ? NO_FIRINGS : recordedFirings(order);
  const firings: Firing[] = [];
  const issues: Issue[] = [];
  for (const firing of recorded.values()) {
    const from = pendingFrom(firing);
    if (from === undefined) continue;
    firings.push({ ...firing.fired, retry: true, fromIndex: from });
  }
  const version = ruleVersion(order);
  for (const set of prepared.sets) {
    for (const rule of set.rules) {
      if (!rule.enabled) continue;
      if (!conditionHolds(rule.when, order, prepared.ctx)) continue;
      const result = evaluateCondition(rule.when, order, prepared.ctx);
      const key = firingKey(set.id, rule.id, order.id, version);
      // Fired at this version: it is still this order's match (first-match stops here) but does not fire again.
      const firedNow = recorded.has(key);
      if (!firedNow && spent(recorded, set, rule)) continue;
      if (!firedNow) {
        const candidate: Firing = {
          ruleSetId: set.id,
          ruleId: rule.id,
          ruleName: rule.name,
          key,
          version,
          // Copied to size: the values were gathered by push, and plans and reports keep them.
          matched: result.values.slice(),
          actions: rule.actions,
          retry: false,
          fromIndex: 0,
        };
        const conflict = conflictWith(firings, candidate);
        if (conflict === undefined) firings.push(candidate);
        else {
          issues.push(
            createIssue(
              'orders.automation.conflict_at_run',
              `受注${order.mallOrderNumber}: ルール「${rule.name}」は「${conflict.other.ruleName}」と競合するため今回は実行しません（${conflict.reason}）`,
              {
                severity: 'warning',
                data: { orderId: order.id, ruleId: rule.id, otherRuleId: conflict.other.ruleId, key },
              },
            ),
          );
        }
      }
      if (set.match === 'first') break;
    }
  }
  return { orderId: order.id, mallOrderNumber: order.mallOrderNumber, firings, issues };
}

/**
 * Plans every order of a run with the rule sets and context computed once (一括計画).
 *
 * @example
 * ```ts
 * planOrders(orders, ruleSets, now, { flow: defaultStatusFlow }).filter((plan) => plan.firings.length > 0);
 * ```
 */
export function planOrders(
  orders: readonly Order[],
  ruleSets: readonly RuleSet[],
  now: Date,
  options: AutomationOptions,
): OrderPlan[] {
  const prepared = prepare(ruleSets, now, options);
  return orders.map((order) => planPrepared(order, prepared));
}

/**
 * What an internal action does to an order: a plain state change (recorded by the automation event itself),
 * an operation with its own event (status transition, split), nothing, or a refusal.
 */
export type InternalStep =
  | { readonly kind: 'changed'; readonly state: OrderState }
  | { readonly kind: 'operated'; readonly order: Order; readonly effects: readonly TransitionEffect[] }
  | { readonly kind: 'noop' }
  | { readonly kind: 'refused'; readonly issues: readonly Issue[] };

/** What applying an internal action needs. */
export interface StepContext {
  readonly flow: StatusFlow;
  readonly splitPolicy: SplitPolicy;
  readonly operation: OperationContext;
  readonly ruleId: string;
  readonly ruleName: string;
}

/**
 * An internal action's outcome on the whole order: a `changed` step carries the next order, history
 * included, so that {@link simulate} can go on from it with one copy per action instead of three.
 */
type OrderStep =
  | { readonly kind: 'changed'; readonly order: Order }
  | Exclude<InternalStep, { readonly kind: 'changed' }>;

/**
 * Applies an action that changes only the order (内部処理), purely. Status moves use the flow's transition
 * from the current status to the target, guards included; moving to the current status, adding a tag that
 * is there or a hold already placed by this rule is a no-op.
 *
 * @example
 * ```ts
 * applyInternalAction(order, { kind: 'addTag', tag: 'ギフト' }, stepContext); // { kind: 'changed', state }
 * ```
 */
export function applyInternalAction(
  order: Order,
  action: Exclude<Action, { kind: 'sendMail' | 'requestShipment' }>,
  ctx: StepContext,
): InternalStep {
  const step = applyToOrder(order, action, ctx);
  return step.kind === 'changed' ? { kind: 'changed', state: stateOf(step.order) } : step;
}

function applyToOrder(
  order: Order,
  action: Exclude<Action, { kind: 'sendMail' | 'requestShipment' }>,
  ctx: StepContext,
): OrderStep {
  switch (action.kind) {
    case 'moveStatus': {
      if (order.status === action.to) return { kind: 'noop' };
      const transition = ctx.flow.transitions.find(
        (candidate) => candidate.to === action.to && candidate.from.includes(order.status),
      );
      if (transition === undefined) {
        return {
          kind: 'refused',
          issues: [
            createIssue(
              'orders.automation.no_transition',
              `受注${order.mallOrderNumber}はステータス「${order.status}」から「${action.to}」へ移せません`,
              { data: { orderId: order.id, from: order.status, to: action.to } },
            ),
          ],
        };
      }
      const moved = applyTransition(ctx.flow, order, transition.name, ctx.operation, {
        reason: `自動処理「${ctx.ruleName}」`,
      });
      return moved.ok
        ? { kind: 'operated', order: moved.value.order, effects: moved.value.effects }
        : { kind: 'refused', issues: moved.issues };
    }
    case 'hold': {
      const code = `automation:${ctx.ruleId}`;
      if (order.axes.holds.some((hold) => hold.code === code)) return { kind: 'noop' };
      const at = ctx.operation.clock.now();
      const hold = { code, reason: action.message, at: toJapanTimestamp(at) };
      return {
        kind: 'changed',
        order: { ...order, axes: { ...order.axes, holds: [...order.axes.holds, hold] } },
      };
    }
    case 'addTag':
    case 'markBundleCandidate':
      return order.tags.includes(action.tag)
        ? { kind: 'noop' }
        : { kind: 'changed', order: { ...order, tags: [...order.tags, action.tag] } };
    case 'removeTag':
      return order.tags.includes(action.tag)
        ? { kind: 'changed', order: { ...order, tags: order.tags.filter((tag) => tag !== action.tag) } }
        : { kind: 'noop' };
    case 'setShipping': {
      let changed = false;
      const shipments = order.shipments.map((shipment) => {
        if (shipment.state !== 'open') return shipment;
        const next = {
          ...shipment,
          ...(action.carrier === undefined ? {} : { carrier: action.carrier }),
          ...(action.service === undefined ? {} : { service: action.service }),
          ...(action.timeSlot === undefined ? {} : { timeSlot: action.timeSlot }),
        };
        if (
          next.carrier !== shipment.carrier ||
          next.service !== shipment.service ||
          next.timeSlot !== shipment.timeSlot
        ) {
          changed = true;
        }
        return next;
      });
      return changed ? { kind: 'changed', order: { ...order, shipments } } : { kind: 'noop' };
    }
    case 'split': {
      const policy = action.policy ?? ctx.splitPolicy;
      const split =
        action.by === 'temperature'
          ? splitByTemperature(order, policy, ctx.operation)
          : splitByRequestedDate(order, policy, ctx.operation);
      if (split.ok) return { kind: 'operated', order: split.value.order, effects: [] };
      if (split.issues.every((issue) => issue.code === 'orders.split.nothing_to_split'))
        return { kind: 'noop' };
      return { kind: 'refused', issues: split.issues };
    }
  }
}

/** The predicted outcome of one action in a simulation (予測結果). */
export interface SimulatedAction {
  readonly index: number;
  readonly action: Action;
  /** `apply` (ports assumed to succeed), `noop`, `refused` or `skipped` (after a refusal). */
  readonly expected: 'apply' | 'noop' | 'refused' | 'skipped';
  readonly issues: readonly Issue[];
  /** The effects a status move hands to the host (stock allocation, mall sync …), as `applyTransition` does. */
  readonly effects: readonly TransitionEffect[];
}

/** A firing with the predicted outcome of each of its remaining actions. */
export interface SimulatedFiring extends Firing {
  readonly results: readonly SimulatedAction[];
}

/** The simulation of one order: its firings, their predicted outcomes, and the order as it would end. */
export interface SimulatedOrder {
  readonly orderId: string;
  readonly mallOrderNumber: string;
  readonly firings: readonly SimulatedFiring[];
  readonly issues: readonly Issue[];
  /**
   * The order's state after the internal actions (status, tags, holds, slips, mails sent), as a run would
   * leave it; `version` is left as read.
   */
  readonly after: OrderState;
}

/** The result of {@link simulate}: the orders that would get at least one action or issue. */
export interface SimulationReport {
  readonly orders: readonly SimulatedOrder[];
  /** Number of actions that would run (`apply`), by kind. */
  readonly actionCounts: Readonly<Record<string, number>>;
}

function simulationContext(now: Date): { clock: Clock; ids: IdGenerator } {
  let next = 0;
  return {
    clock: { now: () => now },
    ids: {
      newId: (kind) => {
        next += 1;
        return `simulated-${kind}-${next}`;
      },
    },
  };
}

/**
 * Dry-run (シミュレーション): the actions each order would get now — the rule, the values that matched,
 * the predicted outcome of each action (guards and splits are evaluated exactly on the changing order; the
 * mail and warehouse ports are assumed to succeed) and the order as it would end. No side effects: orders
 * are not changed, nothing is sent or saved. Running the same rules on the same orders at the same instant
 * with ports that succeed gives exactly this.
 *
 * @example
 * ```ts
 * const loaded = loadRuleSets(readyRuleSets, { flow: defaultStatusFlow, templates: [...presetTemplates] });
 * if (loaded.ok) {
 *   const report = simulate(orders, loaded.value, new Date('2026-11-28T01:00:00Z'), { flow: defaultStatusFlow });
 *   report.orders[0]?.firings[0]?.matched;
 *   // [{ condition: 'status', field: 'status', value: 'new' }, { condition: 'paymentStatus', field: 'payment.status', value: 'paid' }, ...]
 * }
 * ```
 */
export function simulate(
  orders: readonly Order[],
  ruleSets: readonly RuleSet[],
  now: Date,
  options: AutomationOptions,
): SimulationReport {
  const base = simulationContext(now);
  const prepared = prepare(ruleSets, now, options);
  const splitPolicy = options.splitPolicy ?? keepOnOriginalPolicy;
  const results: SimulatedOrder[] = [];
  const actionCounts: Record<string, number> = {};
  for (const order of orders) {
    const plan = planPrepared(order, prepared);
    if (plan.firings.length === 0 && plan.issues.length === 0) continue;
    let current = order;
    // Sized up front: the report keeps these arrays, and arrays grown by push keep spare room.
    const firings = new Array<SimulatedFiring>(plan.firings.length);
    for (let at = 0; at < plan.firings.length; at += 1) {
      const firing = plan.firings[at]!;
      // Built on the first internal action only: most firings send mail or request shipment alone.
      let step: StepContext | undefined;
      const simulated = new Array<SimulatedAction>(Math.max(0, firing.actions.length - firing.fromIndex));
      let refused = false;
      for (let index = firing.fromIndex; index < firing.actions.length; index += 1) {
        const action = firing.actions[index]!;
        const slot = index - firing.fromIndex;
        if (refused) {
          simulated[slot] = { index, action, expected: 'skipped', issues: [], effects: [] };
          continue;
        }
        if (action.kind === 'sendMail' || action.kind === 'requestShipment') {
          const blocked = action.kind === 'requestShipment' ? noOpenShipment(current) : undefined;
          if (blocked !== undefined) {
            refused = true;
            simulated[slot] = { index, action, expected: 'refused', issues: [blocked], effects: [] };
            continue;
          }
          simulated[slot] = { index, action, expected: 'apply', issues: [], effects: [] };
          actionCounts[action.kind] = (actionCounts[action.kind] ?? 0) + 1;
          if (action.kind === 'sendMail') current = withMailSent(current, action.template);
          continue;
        }
        step ??= {
          flow: options.flow,
          splitPolicy,
          operation: {
            clock: base.clock,
            ids: base.ids,
            actor: automationActor(firing.ruleSetId, firing.ruleId),
          },
          ruleId: firing.ruleId,
          ruleName: firing.ruleName,
        };
        const outcome = applyToOrder(current, action, step);
        if (outcome.kind === 'refused') {
          refused = true;
          simulated[slot] = { index, action, expected: 'refused', issues: outcome.issues, effects: [] };
          continue;
        }
        if (outcome.kind === 'noop') {
          simulated[slot] = { index, action, expected: 'noop', issues: [], effects: [] };
          continue;
        }
        current = outcome.order;
        const effects = outcome.kind === 'operated' ? outcome.effects : [];
        simulated[slot] = { index, action, expected: 'apply', issues: [], effects };
        actionCounts[action.kind] = (actionCounts[action.kind] ?? 0) + 1;
      }
      firings[at] = withResults(firing, simulated);
    }
    // One copy of the order rather than two (`stateOf`, then a spread to set the version).
    const { history: _history, ...after } = current;
    after.version = order.version;
    results.push({
      orderId: order.id,
      mallOrderNumber: order.mallOrderNumber,
      firings,
      issues: plan.issues,
      after,
    });
  }
  return { orders: results, actionCounts };
}

/**
 * The firing with its results. A new firing has the fixed shape {@link planPrepared} gives it, so it is
 * copied field by field (a spread of it is several times slower); a retry keeps whatever the recorded
 * event held, so it is spread.
 */
function withResults(firing: Firing, results: SimulatedAction[]): SimulatedFiring {
  if (firing.retry) return { ...firing, results };
  return {
    ruleSetId: firing.ruleSetId,
    ruleId: firing.ruleId,
    ruleName: firing.ruleName,
    key: firing.key,
    version: firing.version,
    matched: firing.matched,
    actions: firing.actions,
    retry: firing.retry,
    fromIndex: firing.fromIndex,
    results,
  };
}

/**
 * The refusal of a shipment request for an order without an open slip, or `undefined`.
 *
 * @example
 * ```ts
 * noOpenShipment(shippedOrder)?.code; // 'orders.automation.no_open_shipment'
 * ```
 */
export function noOpenShipment(order: OrderState): Issue | undefined {
  if (order.shipments.some((shipment) => shipment.state === 'open')) return undefined;
  return createIssue(
    'orders.automation.no_open_shipment',
    `受注${order.mallOrderNumber}には出荷依頼できる伝票がありません`,
    {
      data: { orderId: order.id },
    },
  );
}

/**
 * The order with a mail recorded as sent (送信済メール), once: `axes.mailsSent` holds mail event keys
 * (メール種別, e.g. `orderConfirmation`, `followUp`), never template ids, whoever sent the mail. Returns the same
 * object when the key is already there.
 *
 * @example
 * ```ts
 * withMailSent(order, 'orderConfirmation').axes.mailsSent; // [..., 'orderConfirmation']
 * ```
 */
export function withMailSent<T extends OrderState>(order: T, mailEvent: string): T {
  if (order.axes.mailsSent.includes(mailEvent)) return order;
  return { ...order, axes: { ...order.axes, mailsSent: [...order.axes.mailsSent, mailEvent] } };
}
