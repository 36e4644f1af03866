import { type Clock, createIssue, fail, type IdGenerator, type Issue, type Result } from '@hakobu/core';
import {
  appendRecord,
  commitOperation,
  type OperationContext,
  type Order,
  type OrderState,
  stateOf,
} from '../model';
import type { OrderRepository } from '../repository';
import { keepOnOriginalPolicy } from '../split';
import type { TransitionEffect } from '../status';
import type { Action } from './actions';
import {
  ACTION_EVENT,
  type ActionOutcome,
  type ActionRecordDetails,
  automationActor,
  FIRED_EVENT,
  type FiredDetails,
} from './audit';
import {
  type AutomationOptions,
  applyInternalAction,
  type Firing,
  type InternalStep,
  noOpenShipment,
  planOrder,
  type StepContext,
  withMailSent,
} from './engine';
import type { MailPort, PortReceipt, WarehousePort } from './ports';
import type { RuleSet } from './rules';
import { triggers } from './schedule';

/** What {@link runAutomation} needs: the settings of {@link AutomationOptions} plus ports, clock and ids. */
export interface AutomationRunOptions extends AutomationOptions {
  readonly repository: OrderRepository;
  readonly mail: MailPort;
  readonly warehouse: WarehousePort;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** How one action ended in a run (実行結果). */
export interface ExecutedAction {
  readonly index: number;
  readonly action: Action;
  readonly outcome: ActionOutcome;
  /** True when the action had nothing to do (tag already there, already in the status). */
  readonly noop: boolean;
  readonly issues: readonly Issue[];
  readonly reference?: string;
  /**
   * Effects a status move hands to the host (stock allocation, mall sync, a mail the flow sends), exactly
   * as `applyTransition` returns them; the host runs them.
   */
  readonly effects: readonly TransitionEffect[];
}

/** A firing with the outcome of each action attempted in this run. */
export interface ExecutedFiring extends Firing {
  readonly results: readonly ExecutedAction[];
}

/** One order's part of a run. */
export interface ExecutedOrder {
  readonly orderId: string;
  readonly firings: readonly ExecutedFiring[];
  /** Conflicts held back, save refusals (another change came first) and port errors. */
  readonly issues: readonly Issue[];
}

/** The result of {@link runAutomation} (実行レポート). */
export interface RunReport {
  readonly orders: readonly ExecutedOrder[];
  /** Actions by outcome over the run. */
  readonly counts: Readonly<Record<ActionOutcome, number>>;
}

/**
 * One order during a run: the working order (with records not yet saved), the version stored in the
 * repository, and the results that become final when the records they describe are saved.
 */
interface OrderRun {
  order: Order;
  savedVersion: number;
  readonly firings: ExecutedFiring[];
  readonly issues: Issue[];
  readonly unsaved: { readonly into: ExecutedAction[]; readonly result: ExecutedAction }[];
}

function hostError(code: string, message: string, orderId: string, error: unknown): Issue {
  return createIssue(code, message, {
    data: { orderId, error: error instanceof Error ? error.message : String(error) },
  });
}

/**
 * Saves the records staged since the last save, in one all-or-nothing save. Internal changes are saved
 * together with their records; a port is only called after everything before it is saved, so a crash loses
 * at most records that the next run redoes (internal actions) or re-sends with the same key (port calls).
 */
async function flush(options: AutomationRunOptions, state: OrderRun): Promise<boolean> {
  if (state.order.version === state.savedVersion) return true;
  const staged = state.unsaved.splice(0);
  try {
    const saved = await options.repository.save([
      { order: state.order, expectedVersion: state.savedVersion },
    ]);
    if (!saved.ok) {
      state.issues.push(...saved.issues);
      return false;
    }
    state.order = saved.value[0]!;
    state.savedVersion = state.order.version;
    for (const { into, result } of staged) into.push(result);
    return true;
  } catch (error) {
    state.issues.push(
      hostError(
        'orders.automation.save_failed',
        `受注${state.order.mallOrderNumber}の保存に失敗しました。次回の実行で続きから処理します`,
        state.order.id,
        error,
      ),
    );
    return false;
  }
}

async function callPort(
  options: AutomationRunOptions,
  order: Order,
  firing: Firing,
  action: Extract<Action, { kind: 'sendMail' | 'requestShipment' }>,
  index: number,
): Promise<Result<PortReceipt>> {
  const idempotencyKey = `${firing.key}#${index}`;
  const common = { idempotencyKey, order, ruleSetId: firing.ruleSetId, ruleId: firing.ruleId };
  try {
    if (action.kind === 'sendMail') return await options.mail.send({ ...common, template: action.template });
    const shipmentIds = order.shipments
      .filter((shipment) => shipment.state === 'open')
      .map((shipment) => shipment.id);
    return await options.warehouse.requestShipment({ ...common, shipmentIds });
  } catch (error) {
    const what = action.kind === 'sendMail' ? `メール「${action.template}」の送信` : '倉庫への出荷依頼';
    return fail([
      hostError(
        'orders.automation.port_error',
        `受注${order.mallOrderNumber}: ${what}に失敗しました。次回の実行で再試行します`,
        order.id,
        error,
      ),
    ]);
  }
}

interface StepResult {
  readonly outcome: ActionOutcome;
  readonly noop: boolean;
  readonly issues: readonly Issue[];
  readonly reference?: string;
  /** The order the record event builds on (after an operation's own event). */
  readonly base: Order;
  /**
   * The state the action leaves, when the record itself carries the change (a tag, a hold, a mail marked
   * sent); `undefined` when the record changes nothing (the operation wrote its own event, a no-op, a
   * refusal, a failure), so it is appended as a record that never blocks undoing that operation.
   */
  readonly state?: OrderState;
  readonly undoable: boolean;
  readonly effects: readonly TransitionEffect[];
}

async function runStep(
  options: AutomationRunOptions,
  order: Order,
  firing: Firing,
  action: Action,
  index: number,
  step: StepContext,
): Promise<StepResult> {
  const unchanged = { base: order, undoable: false, effects: [] };
  if (action.kind === 'sendMail' || action.kind === 'requestShipment') {
    const blocked = action.kind === 'requestShipment' ? noOpenShipment(order) : undefined;
    if (blocked !== undefined) return { ...unchanged, outcome: 'refused', noop: false, issues: [blocked] };
    const receipt = await callPort(options, order, firing, action, index);
    if (!receipt.ok) return { ...unchanged, outcome: 'failed', noop: false, issues: receipt.issues };
    const marked = action.kind === 'sendMail' ? withMailSent(order, action.template) : order;
    return {
      ...unchanged,
      ...(marked === order ? {} : { state: stateOf(marked) }),
      outcome: 'succeeded',
      noop: false,
      issues: receipt.issues,
      ...(receipt.value.reference === undefined ? {} : { reference: receipt.value.reference }),
    };
  }
  const applied: InternalStep = applyInternalAction(order, action, step);
  switch (applied.kind) {
    case 'refused':
      return { ...unchanged, outcome: 'refused', noop: false, issues: applied.issues };
    case 'noop':
      return { ...unchanged, outcome: 'succeeded', noop: true, issues: [] };
    case 'changed':
      return {
        ...unchanged,
        state: applied.state,
        undoable: true,
        outcome: 'succeeded',
        noop: false,
        issues: [],
      };
    case 'operated':
      return {
        base: applied.order,
        undoable: false,
        effects: applied.effects,
        outcome: 'succeeded',
        noop: false,
        issues: [],
      };
  }
}

function stageResult(state: OrderRun, into: ExecutedAction[], result: ExecutedAction): void {
  state.unsaved.push({ into, result });
}

async function runFiring(options: AutomationRunOptions, state: OrderRun, firing: Firing): Promise<boolean> {
  const operation: OperationContext = {
    clock: options.clock,
    ids: options.ids,
    actor: automationActor(firing.ruleSetId, firing.ruleId),
    reason: `自動処理「${firing.ruleName}」`,
  };
  if (!firing.retry) {
    const details: FiredDetails = {
      ruleSetId: firing.ruleSetId,
      ruleId: firing.ruleId,
      ruleName: firing.ruleName,
      key: firing.key,
      version: firing.version,
      matched: firing.matched,
      actions: firing.actions,
    };
    state.order = appendRecord([state.order], operation, FIRED_EVENT, { ...details }).orders[0]!;
  }
  const step: StepContext = {
    flow: options.flow,
    splitPolicy: options.splitPolicy ?? keepOnOriginalPolicy,
    operation,
    ruleId: firing.ruleId,
    ruleName: firing.ruleName,
  };
  const results: ExecutedAction[] = [];
  state.firings.push({ ...firing, results });
  for (let index = firing.fromIndex; index < firing.actions.length; index += 1) {
    const action = firing.actions[index]!;
    if (action.kind === 'sendMail' || action.kind === 'requestShipment') {
      if (!(await flush(options, state))) return false;
    }
    const result = await runStep(options, state.order, firing, action, index, step);
    const details: ActionRecordDetails = {
      ruleSetId: firing.ruleSetId,
      ruleId: firing.ruleId,
      key: firing.key,
      index,
      action,
      outcome: result.outcome,
      noop: result.noop,
      matched: firing.matched,
      issues: result.issues,
      ...(result.reference === undefined ? {} : { reference: result.reference }),
    };
    const recorded =
      result.state === undefined
        ? appendRecord([result.base], operation, ACTION_EVENT, { ...details })
        : commitOperation(
            [result.base],
            [result.state],
            operation,
            ACTION_EVENT,
            { ...details },
            {
              undoable: result.undoable,
            },
          );
    state.order = recorded.orders[0]!;
    stageResult(state, results, {
      index,
      action,
      outcome: result.outcome,
      noop: result.noop,
      issues: result.issues,
      ...(result.reference === undefined ? {} : { reference: result.reference }),
      effects: result.effects,
    });
    if (result.outcome === 'failed') return true;
    if (result.outcome === 'refused') {
      for (let rest = index + 1; rest < firing.actions.length; rest += 1) {
        stageResult(state, results, {
          index: rest,
          action: firing.actions[rest]!,
          outcome: 'skipped',
          noop: false,
          issues: [],
          effects: [],
        });
      }
      return true;
    }
  }
  return true;
}

async function runOrder(
  orderId: string,
  ruleSets: readonly RuleSet[],
  now: Date,
  options: AutomationRunOptions,
): Promise<ExecutedOrder> {
  let order: Order | undefined;
  try {
    order = await options.repository.get(orderId);
  } catch (error) {
    const issue = hostError(
      'orders.automation.load_failed',
      `受注(${orderId})を読み込めませんでした`,
      orderId,
      error,
    );
    return { orderId, firings: [], issues: [issue] };
  }
  if (order === undefined) {
    const issue = createIssue('orders.automation.unknown_order', `受注(${orderId})が見つかりません`, {
      data: { orderId },
    });
    return { orderId, firings: [], issues: [issue] };
  }
  const plan = planOrder(order, ruleSets, now, options);
  const state: OrderRun = {
    order,
    savedVersion: order.version,
    firings: [],
    issues: [...plan.issues],
    unsaved: [],
  };
  let going = true;
  for (const firing of plan.firings) {
    going = await runFiring(options, state, firing);
    if (!going) break;
  }
  if (going) await flush(options, state);
  return {
    orderId,
    firings: state.firings.filter((firing) => firing.results.length > 0),
    issues: state.issues,
  };
}

/**
 * Runs automation (自動処理の実行) on orders read fresh from the repository: the plan of `simulate` executed
 * through the ports. Each firing is recorded in the order's history (`automation.fired`, with the idempotency
 * key and the matched values) and each action's outcome after it (`automation.action`, with rule id and
 * matched values). A record that changes nothing but the history (the firing, an action whose operation wrote
 * its own event, a no-op, a refusal) is `recordOnly`, so an operation an action ran (a `split`) can still be
 * undone exactly with `undoOperation`. Records are saved together with the changes they describe, before
 * every mail or warehouse call and at the end of the order, so:
 * - a rule fires at most once per (rule, order, order version);
 * - a failed port call (or a crash) stops that firing; the next run resumes at the first action not
 *   recorded as succeeded, with the same port idempotency key `{key}#{index}`, so nothing is lost, and a
 *   port honouring the key sends nothing twice;
 * - a succeeded action is never repeated.
 * Orders run one after another; a stale version (someone else saved first) or a failed save stops that order
 * for this run, and what was not saved is redone next run.
 *
 * @example
 * ```ts
 * const report = await runAutomation(['o0000001'], ruleSets, {
 *   flow: defaultStatusFlow, repository, mail, warehouse, clock: systemClock, ids: randomIdGenerator,
 *   trigger: { kind: 'import' },
 * });
 * report.counts; // { succeeded: 3, failed: 0, refused: 0, skipped: 0 }
 * ```
 */
export async function runAutomation(
  orderIds: readonly string[],
  ruleSets: readonly RuleSet[],
  options: AutomationRunOptions,
): Promise<RunReport> {
  const now = options.clock.now();
  // A schedule is due or not for the run as a whole, so rule sets are selected once, not per order.
  const trigger = options.trigger ?? { kind: 'all' };
  const selected = ruleSets.filter((set) => triggers(set, trigger, now, options));
  const planning: AutomationRunOptions = { ...options, trigger: { kind: 'all' } };
  const orders: ExecutedOrder[] = [];
  const counts: Record<ActionOutcome, number> = { succeeded: 0, failed: 0, refused: 0, skipped: 0 };
  for (const orderId of orderIds) {
    const executed = await runOrder(orderId, selected, now, planning);
    for (const firing of executed.firings) for (const result of firing.results) counts[result.outcome] += 1;
    if (executed.firings.length > 0 || executed.issues.length > 0) orders.push(executed);
  }
  return { orders, counts };
}
