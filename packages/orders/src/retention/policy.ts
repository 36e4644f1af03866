import {
  addDays,
  type BlindIndexKind,
  createIssue,
  type Issue,
  parseInstant,
  toJapanDate,
} from '@hakobu/core';
import { z } from 'zod';
import { parseConfig } from '../model/checked';
import { toJapanTimestamp } from '../model/operation';
import type { Order } from '../model/order';
import { Timestamp } from '../model/primitives';
import type { ChangeRequest } from '../support/change-request';
import { endOfJapanDay } from '../support/deadline';
import type { MessageThread } from '../support/thread';
import { orderRedactedAt, PERSONAL_INDEX_KINDS } from './redact';

/**
 * A kind of record a retention policy covers (保持対象): 受注 `order`, 変更依頼 `changeRequest`, お問い合わせ
 * `messageThread`, ブラックリスト `blacklistEntry`.
 */
export const RetentionKind = z.enum(['order', 'changeRequest', 'messageThread', 'blacklistEntry']);
/** @see {@link RetentionKind} */
export type RetentionKind = z.infer<typeof RetentionKind>;

/**
 * What happens when the time is up (期限後の処理): `redact` removes personal data and keeps the record (an
 * order stays in the books), `delete` removes the record.
 */
export const RetentionAction = z.enum(['redact', 'delete']);
/** @see {@link RetentionAction} */
export type RetentionAction = z.infer<typeof RetentionAction>;

/**
 * One rule (保持ルール): records of `kind` are kept `keepDays` Japan-time days after they closed, then
 * redacted or deleted. Counting starts with the closing day; the step is due from 00:00 JST of the day
 * after the last kept day.
 */
export const RetentionRule = z.object({
  kind: RetentionKind,
  action: RetentionAction,
  keepDays: z.number().int().nonnegative(),
});
/** @see {@link RetentionRule} */
export type RetentionRule = z.infer<typeof RetentionRule>;

/**
 * A shop's data retention policy as data (データ保持ポリシー): at most one `redact` and one `delete` rule per
 * kind. A blacklist entry is personal data through and through, so it can only be deleted. Which periods
 * are right is the shop's (and its lawyer's) decision; there is no default.
 *
 * @example
 * ```ts
 * const policy: RetentionPolicy = {
 *   rules: [
 *     { kind: 'order', action: 'redact', keepDays: 365 },
 *     { kind: 'order', action: 'delete', keepDays: 7 * 366 }, // 帳簿の保存期間 7年
 *     { kind: 'messageThread', action: 'redact', keepDays: 365 },
 *     { kind: 'changeRequest', action: 'delete', keepDays: 365 },
 *     { kind: 'blacklistEntry', action: 'delete', keepDays: 3 * 365 },
 *   ],
 * };
 * ```
 */
export const RetentionPolicy = z.object({ rules: z.array(RetentionRule) }).superRefine((policy, context) => {
  const seen = new Set<string>();
  policy.rules.forEach((rule, index) => {
    const key = `${rule.kind}:${rule.action}`;
    if (seen.has(key)) {
      context.addIssue({
        code: 'custom',
        path: ['rules', index],
        message: `${rule.kind} の ${rule.action} ルールが重複しています`,
      });
    }
    seen.add(key);
    if (rule.kind === 'blacklistEntry' && rule.action === 'redact') {
      context.addIssue({
        code: 'custom',
        path: ['rules', index],
        message: 'ブラックリストは匿名化できません（削除のみ）',
      });
    }
  });
});
/** @see {@link RetentionPolicy} */
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

/**
 * One record as retention sees it (保持判定用の記録): kind, id, when it closed (`closedAt`; absent while it is
 * open, so it is never planned) and when it was redacted, if it was. Build it with
 * {@link orderRetentionRecord}, {@link threadRetentionRecord}, {@link changeRequestRetentionRecord}, or
 * directly (a blacklist entry closes when the shop says so, e.g. at its registration or last hit).
 */
export const RetentionRecord = z.object({
  kind: RetentionKind,
  id: z.string().min(1),
  closedAt: Timestamp.optional(),
  redactedAt: Timestamp.optional(),
});
/** @see {@link RetentionRecord} */
export type RetentionRecord = z.infer<typeof RetentionRecord>;

/** One step of a {@link RetentionPlan}: redact or delete one record. */
export interface RetentionStep {
  readonly kind: RetentionKind;
  readonly id: string;
  readonly action: RetentionAction;
  /** The rule that made the step due. */
  readonly keepDays: number;
  readonly closedAt: Timestamp;
  /** The instant from which the step was due (00:00 JST), in Japan time. */
  readonly dueAt: Timestamp;
  /**
   * For `redact`: the blind-index kinds whose stored search keys the host empties (see
   * `PERSONAL_INDEX_KINDS`). Empty for `delete` (the keys go with the record) and for threads.
   */
  readonly clearBlindIndexes: readonly BlindIndexKind[];
}

/** What {@link planRetention} found to do; the host executes it through its own stores. */
export interface RetentionPlan {
  /** In the order of the records given. */
  readonly steps: readonly RetentionStep[];
  readonly counts: Readonly<Record<RetentionAction, number>>;
  /** Records that could not be read (`orders.retention.invalid_record`); they are left alone. */
  readonly issues: readonly Issue[];
}

/**
 * The instant from which a record closed at `closedAt` is past `keepDays` (保持期限): 00:00 JST of the day
 * after the Japan date of `closedAt` plus `keepDays`. Closed on 2026-01-10 (any time, Japan time) and kept
 * 30 days: due from 2026-02-10 00:00 JST.
 *
 * @example
 * ```ts
 * retentionDueAt('2026-01-10T23:30:00+09:00', 30).toISOString(); // '2026-02-09T15:00:00.000Z'
 * ```
 */
export function retentionDueAt(closedAt: Date | Timestamp, keepDays: number): Date {
  return endOfJapanDay(addDays(toJapanDate(closedAt), keepDays));
}

const REDACTABLE_INDEXES: Readonly<Record<RetentionKind, readonly BlindIndexKind[]>> = {
  order: PERSONAL_INDEX_KINDS,
  changeRequest: PERSONAL_INDEX_KINDS,
  messageThread: [],
  blacklistEntry: [],
};

function instantOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = parseInstant(text, { assumeJapanTime: false });
  return parsed.ok ? parsed.value : undefined;
}

/**
 * Plans the retention run (保持期限の処理計画), such as a daily purge at 03:00 JST: for every closed record,
 * the rules of its kind whose time is up at `now` (`now >= retentionDueAt(closedAt, keepDays)`, an instant
 * comparison in Japan time). A due `delete` wins over a due `redact`; a `redact` is left out for a record
 * already redacted. Open records are never planned. Pure: nothing is changed; the host redacts
 * (`redactOrder`, `redactThread`, `redactChangeRequest`) or deletes through its stores.
 *
 * @throws `HakobuError` `orders.retention.invalid_policy` for a policy that breaks
 *   {@link RetentionPolicy} (a programmer's configuration).
 * @example
 * ```ts
 * const plan = planRetention(orders.map((o) => orderRetentionRecord(o)), policy, clock.now());
 * for (const step of plan.steps) {
 *   if (step.action === 'delete') await store.delete(step.id);
 *   else await store.saveRedacted(redactOrder(await store.get(step.id), ctx).order, step.clearBlindIndexes);
 * }
 * ```
 */
export function planRetention(
  records: readonly RetentionRecord[],
  policy: RetentionPolicy,
  now: Date,
): RetentionPlan {
  const { rules } = parseConfig(
    RetentionPolicy,
    policy,
    'orders.retention.invalid_policy',
    'Retention policy',
  );
  const steps: RetentionStep[] = [];
  const issues: Issue[] = [];
  records.forEach((input, index) => {
    const parsed = RetentionRecord.safeParse(input);
    const closedAt = instantOf(parsed.data?.closedAt);
    if (!parsed.success || (parsed.data.closedAt !== undefined && closedAt === undefined)) {
      issues.push(
        createIssue('orders.retention.invalid_record', `保持判定の記録${index + 1}件目が正しくありません`, {
          path: [index],
          data: { id: (input as { id?: unknown }).id },
        }),
      );
      return;
    }
    const record = parsed.data;
    if (closedAt === undefined || record.closedAt === undefined) return;
    const due = rules
      .filter((rule) => rule.kind === record.kind)
      .map((rule) => ({ rule, dueAt: retentionDueAt(closedAt, rule.keepDays) }))
      .filter(({ dueAt }) => now.getTime() >= dueAt.getTime());
    const chosen =
      due.find(({ rule }) => rule.action === 'delete') ??
      due.find(({ rule }) => rule.action === 'redact' && record.redactedAt === undefined);
    if (chosen === undefined) return;
    steps.push({
      kind: record.kind,
      id: record.id,
      action: chosen.rule.action,
      keepDays: chosen.rule.keepDays,
      closedAt: record.closedAt,
      dueAt: toJapanTimestamp(chosen.dueAt),
      clearBlindIndexes: chosen.rule.action === 'redact' ? REDACTABLE_INDEXES[record.kind] : [],
    });
  });
  return {
    steps,
    counts: {
      redact: steps.filter((step) => step.action === 'redact').length,
      delete: steps.filter((step) => step.action === 'delete').length,
    },
    issues,
  };
}

/** Options of {@link orderRetentionRecord}. */
export interface OrderRetentionOptions {
  /** Statuses in which an order is closed. Default 完了 `completed`, キャンセル `cancelled`. */
  readonly closedStatuses?: readonly string[];
}

/**
 * The retention record of an order (受注の保持判定): closed when its status is one of `closedStatuses`, at
 * the last status transition into that status, or — for an order that arrived closed from the mall —
 * at its last history event. An order closed with no history at all gets no `closedAt` and is kept until
 * the host supplies a date. `redactedAt` comes from the redaction event.
 *
 * @example
 * ```ts
 * orderRetentionRecord(order); // { kind: 'order', id: 'o0000001', closedAt: '2026-12-03T10:00:00.000+09:00' }
 * ```
 */
export function orderRetentionRecord(
  order: Pick<Order, 'id' | 'status' | 'history'>,
  options: OrderRetentionOptions = {},
): RetentionRecord {
  const record: RetentionRecord = { kind: 'order', id: order.id };
  const redactedAt = orderRedactedAt(order);
  if (redactedAt !== undefined) record.redactedAt = redactedAt;
  if (!(options.closedStatuses ?? ['completed', 'cancelled']).includes(order.status)) return record;
  const closing =
    order.history.findLast(
      (event) => event.type === 'status.transition' && event.details.to === order.status,
    ) ?? order.history.findLast((event) => event.type !== 'retention.redact');
  if (closing !== undefined) record.closedAt = closing.at;
  return record;
}

/**
 * The retention record of a message thread (お問い合わせの保持判定): closed when its order closed
 * (`orderClosedAt`, e.g. from {@link orderRetentionRecord}), or at its last message if that came later — a
 * customer writing after completion restarts the clock. Open while the order is.
 *
 * @example
 * ```ts
 * threadRetentionRecord(thread, orderRetentionRecord(order).closedAt);
 * ```
 */
export function threadRetentionRecord(
  thread: MessageThread,
  orderClosedAt: Timestamp | undefined,
): RetentionRecord {
  const record: RetentionRecord = { kind: 'messageThread', id: thread.orderId };
  if (thread.redactedAt !== undefined) record.redactedAt = thread.redactedAt;
  const closed = instantOf(orderClosedAt);
  if (closed === undefined || orderClosedAt === undefined) return record;
  const last = thread.messages.at(-1);
  const lastAt = instantOf(last?.at);
  record.closedAt =
    last !== undefined && lastAt !== undefined && lastAt.getTime() > closed.getTime()
      ? last.at
      : orderClosedAt;
  return record;
}

/**
 * The retention record of a change request (変更依頼の保持判定): closed when declined (at the decision) or
 * applied (at the application); open while requested or approved.
 *
 * @example
 * ```ts
 * changeRequestRetentionRecord(appliedRequest); // { kind: 'changeRequest', id, closedAt: applied.at }
 * ```
 */
export function changeRequestRetentionRecord(request: ChangeRequest): RetentionRecord {
  const record: RetentionRecord = { kind: 'changeRequest', id: request.id };
  if (request.redactedAt !== undefined) record.redactedAt = request.redactedAt;
  if (request.status === 'declined') record.closedAt = request.decision.at;
  if (request.status === 'applied') record.closedAt = request.applied.at;
  return record;
}
