import type { Issue } from '@hakobu/core';
import type { Order } from '../model';
import type { Action } from './actions';
import type { MatchedValue } from './conditions';

/** Actor prefix of every event automation writes (`system:automation/{ruleSetId}/{ruleId}`). */
export const AUTOMATION_ACTOR = 'system:automation';

/** Event type recorded when a rule fires on an order, before any of its actions runs (発火記録). */
export const FIRED_EVENT = 'automation.fired';
/** Event type recorded for each action's outcome (処理記録). */
export const ACTION_EVENT = 'automation.action';

/**
 * The details of an `automation.fired` event in the order's history: which rule, the idempotency key, the
 * order version it saw, the values that matched, and the actions it planned.
 */
export interface FiredDetails {
  readonly ruleSetId: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly key: string;
  readonly version: number;
  readonly matched: readonly MatchedValue[];
  readonly actions: readonly Action[];
}

/**
 * How one action ended (処理結果): `succeeded` (done, or nothing to do — `noop`), `refused` (a guard or the
 * order's state stops it; final), `failed` (a port failed; retried next run), `skipped` (after a refusal).
 */
export type ActionOutcome = 'succeeded' | 'refused' | 'failed' | 'skipped';

/** The details of an `automation.action` event: the action, its outcome, the rule and the matched values. */
export interface ActionRecordDetails {
  readonly ruleSetId: string;
  readonly ruleId: string;
  readonly key: string;
  readonly index: number;
  readonly action: Action;
  readonly outcome: ActionOutcome;
  readonly noop: boolean;
  readonly matched: readonly MatchedValue[];
  readonly issues: readonly Issue[];
  /** The port's reference (message id, warehouse request number) when it gave one. */
  readonly reference?: string;
}

/** A rule firing read back from an order's history, with the outcome recorded per action index. */
export interface RecordedFiring {
  readonly fired: FiredDetails;
  readonly outcomes: ReadonlyMap<number, ActionOutcome>;
}

/**
 * The actor id automation uses for a rule (自動処理の実行者).
 *
 * @example
 * ```ts
 * automationActor('thanks', 'paid'); // 'system:automation/thanks/paid'
 * ```
 */
export function automationActor(ruleSetId: string, ruleId: string): string {
  return `${AUTOMATION_ACTOR}/${ruleSetId}/${ruleId}`;
}

/**
 * The order version that rules key on (判定版): the current version less the changes automation itself
 * made since the last change by anyone else, so automation's own edits do not re-arm its rules while a
 * staff edit or a re-import does.
 *
 * @example
 * ```ts
 * ruleVersion(order); // order.version when the last event was not written by automation
 * ```
 */
export function ruleVersion(order: Order): number {
  let trailing = 0;
  for (let at = order.history.length - 1; at >= 0; at -= 1) {
    if (!order.history[at]!.actor.startsWith(AUTOMATION_ACTOR)) break;
    trailing += 1;
  }
  return order.version - trailing;
}

/**
 * The idempotency key of a rule on an order at a version (冪等キー): a rule fires at most once per key.
 *
 * @example
 * ```ts
 * firingKey('thanks', 'paid', 'o0000001', 3); // 'thanks/paid/o0000001/v3'
 * ```
 */
export function firingKey(ruleSetId: string, ruleId: string, orderId: string, version: number): string {
  return `${ruleSetId}/${ruleId}/${orderId}/v${version}`;
}

/**
 * Reads the firings recorded in an order's history (発火履歴), by idempotency key, in the order they fired.
 *
 * @example
 * ```ts
 * const firings = recordedFirings(order);
 * firings.get('thanks/paid/o0000001/v3')?.outcomes.get(0); // 'succeeded'
 * ```
 */
export function recordedFirings(order: Pick<Order, 'history'>): Map<string, RecordedFiring> {
  const firings = new Map<string, { fired: FiredDetails; outcomes: Map<number, ActionOutcome> }>();
  for (const event of order.history) {
    if (event.type === FIRED_EVENT) {
      const fired = event.details as unknown as FiredDetails;
      firings.set(fired.key, { fired, outcomes: new Map() });
    } else if (event.type === ACTION_EVENT) {
      const record = event.details as unknown as ActionRecordDetails;
      firings.get(record.key)?.outcomes.set(record.index, record.outcome);
    }
  }
  return firings;
}

/**
 * The index of the first action of a firing still to run (未完了の処理), or `undefined` when the firing is
 * complete: every action succeeded, or one was refused (the rest are skipped).
 *
 * @example
 * ```ts
 * pendingFrom(firing); // 1 when action 0 succeeded and action 1 failed last run
 * ```
 */
export function pendingFrom(firing: RecordedFiring): number | undefined {
  if ([...firing.outcomes.values()].includes('refused')) return undefined;
  const index = firing.fired.actions.findIndex((_, at) => firing.outcomes.get(at) !== 'succeeded');
  return index < 0 ? undefined : index;
}

/**
 * The automation records in an order's history (自動処理の監査証跡), oldest first, for screens and reports.
 *
 * @example
 * ```ts
 * automationTrail(order).map((record) => `${record.ruleId} ${record.action.kind} ${record.outcome}`);
 * ```
 */
export function automationTrail(order: Pick<Order, 'history'>): ActionRecordDetails[] {
  return order.history
    .filter((event) => event.type === ACTION_EVENT)
    .map((event) => event.details as unknown as ActionRecordDetails);
}
