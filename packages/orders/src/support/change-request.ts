import { type Clock, createIssue, fail, type IdGenerator, type Issue, ok, type Result } from '@hakobu/core';
import { z } from 'zod';
import {
  cancelLine,
  changeDelivery,
  changeDestination,
  type EditOutcome,
  GIFT_MESSAGE_MAX_LENGTH,
  setGiftMessage,
} from '../edit/edit';
import { type OperationContext, toJapanTimestamp } from '../model/operation';
import type { Order, OrderEvent, OrderState } from '../model/order';
import { Party } from '../model/party';
import { CalendarDate, TimeSlot, Timestamp } from '../model/primitives';
import type { TransitionEffect } from '../status/flow';

const ShipmentIds = z.array(z.string().min(1)).min(1).optional();

/**
 * One change a customer asks for (お客様の変更内容):
 * - `destination` お届け先の変更 (a whole new address);
 * - `delivery` お届け日時の変更: `requestedDate` (a date, or `null` for 指定なし) and/or `timeSlot`;
 * - `cancelLine` 明細のキャンセル: a line, and how many (default all of it);
 * - `giftMessage` ギフトメッセージ (an empty message removes it).
 *
 * `shipmentIds` narrows a change to some slips; by default it applies to every slip of the order.
 */
export const RequestedChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('destination'), destination: Party, shipmentIds: ShipmentIds }),
  z
    .object({
      kind: z.literal('delivery'),
      requestedDate: CalendarDate.nullable().optional(),
      timeSlot: TimeSlot.optional(),
      shipmentIds: ShipmentIds,
    })
    .refine((change) => change.requestedDate !== undefined || change.timeSlot !== undefined, {
      message: 'お届け希望日かお届け時間帯を指定してください',
    }),
  z.object({
    kind: z.literal('cancelLine'),
    lineId: z.string().min(1),
    quantity: z.number().int().positive().optional(),
  }),
  z.object({
    kind: z.literal('giftMessage'),
    message: z.string().refine((text) => [...text.trim()].length <= GIFT_MESSAGE_MAX_LENGTH, {
      message: `ギフトメッセージは${GIFT_MESSAGE_MAX_LENGTH}文字以内で入力してください`,
    }),
    shipmentIds: ShipmentIds,
  }),
]);
/** @see {@link RequestedChange} */
export type RequestedChange = z.infer<typeof RequestedChange>;

/** Where a change request stands (変更依頼の状態): 受付 → 承認 or お断り → 反映済み. */
export const ChangeRequestStatus = z.enum(['requested', 'approved', 'declined', 'applied']);
/** @see {@link ChangeRequestStatus} */
export type ChangeRequestStatus = z.infer<typeof ChangeRequestStatus>;

/** Japanese labels of {@link ChangeRequestStatus}. */
export const changeRequestStatusLabels: Readonly<Record<ChangeRequestStatus, string>> = {
  requested: '受付',
  approved: '承認済み',
  declined: 'お断り',
  applied: '反映済み',
};

/** Who decided on a request, when, and why (承認・お断りの記録). */
export const ChangeRequestDecision = z.object({
  /** Staff id (担当者). */
  by: z.string().min(1),
  at: Timestamp,
  /** The reason shown to the customer; required when declining. */
  reason: z.string().optional(),
});
/** @see {@link ChangeRequestDecision} */
export type ChangeRequestDecision = z.infer<typeof ChangeRequestDecision>;

const requestFields = {
  id: z.string().min(1),
  orderId: z.string().min(1),
  changes: z.array(RequestedChange).min(1),
  /** お客様からのコメント */
  comment: z.string().optional(),
  /** When the customer sent it (受付日時). */
  requestedAt: Timestamp,
  /** The order version the customer saw when asking. */
  orderVersion: z.number().int().nonnegative(),
  /** Set once personal data was removed under a retention policy (個人情報削除日時). */
  redactedAt: Timestamp.optional(),
};

/**
 * A customer's change request for one order (変更依頼), as plain data: what was asked and when, and its
 * status with who decided — `requested` → `approved` or `declined` (with a reason for the customer) →
 * `applied` (with who applied it and the ids of the order events it produced).
 */
export const ChangeRequest = z.discriminatedUnion('status', [
  z.object({ ...requestFields, status: z.literal('requested') }),
  z.object({ ...requestFields, status: z.literal('approved'), decision: ChangeRequestDecision }),
  z.object({
    ...requestFields,
    status: z.literal('declined'),
    decision: ChangeRequestDecision.extend({ reason: z.string().min(1) }),
  }),
  z.object({
    ...requestFields,
    status: z.literal('applied'),
    decision: ChangeRequestDecision,
    applied: z.object({ by: z.string().min(1), at: Timestamp, eventIds: z.array(z.string().min(1)) }),
  }),
]);
/** @see {@link ChangeRequest} */
export type ChangeRequest = z.infer<typeof ChangeRequest>;

/** What a customer's page sends to {@link createChangeRequest}. */
export const ChangeRequestInput = z.object({
  orderId: z.string().min(1),
  orderVersion: z.number().int().nonnegative(),
  changes: z.array(RequestedChange).min(1),
  comment: z.string().max(1000).optional(),
});
/** @see {@link ChangeRequestInput} */
export type ChangeRequestInput = z.input<typeof ChangeRequestInput>;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  orderId: '注文',
  orderVersion: '注文',
  changes: '変更内容',
  comment: 'コメント',
  destination: 'お届け先',
  requestedDate: 'お届け希望日',
  timeSlot: 'お届け時間帯',
  lineId: 'キャンセルする商品',
  quantity: 'キャンセルする数量',
  message: 'ギフトメッセージ',
  shipmentIds: '対象の配送先',
  kind: '変更の種類',
  name: 'お名前',
  nameKana: 'お名前（フリガナ）',
  company: '会社名',
  postalCode: '郵便番号',
  prefecture: '都道府県',
  address1: '住所',
  address2: '建物名・部屋番号',
  phone: '電話番号',
  email: 'メールアドレス',
};

function fieldLabel(path: readonly PropertyKey[]): string {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const label = FIELD_LABELS[String(path[index])];
    if (label !== undefined) return label;
  }
  return '入力内容';
}

/**
 * Reads what a customer sent from the support page into a `requested` {@link ChangeRequest} (変更依頼の
 * 受付), with an id from `ctx.ids` and the time from `ctx.clock`. Every problem is an issue
 * `orders.change.invalid_input` with its path and a Japanese message naming the field; nothing throws.
 *
 * @example
 * ```ts
 * const request = createChangeRequest(
 *   { orderId: order.id, orderVersion: order.version, changes: [{ kind: 'delivery', timeSlot: '18-20' }] },
 *   { clock, ids },
 * );
 * if (!request.ok) return page.errors(request.issues.map((issue) => issue.message));
 * ```
 */
export function createChangeRequest(
  input: unknown,
  ctx: { readonly clock: Clock; readonly ids: IdGenerator },
): Result<ChangeRequest> {
  const parsed = ChangeRequestInput.safeParse(input);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((problem) =>
        createIssue(
          'orders.change.invalid_input',
          problem.code === 'custom' ? problem.message : `${fieldLabel(problem.path)}が正しくありません`,
          { path: problem.path.map((key) => (typeof key === 'number' ? key : String(key))) },
        ),
      ),
    );
  }
  return ok({
    id: ctx.ids.newId('changeRequest'),
    ...parsed.data,
    requestedAt: toJapanTimestamp(ctx.clock.now()),
    status: 'requested',
  });
}

/** A staff decision on a request: approve, or decline with a reason the customer reads. */
export type ChangeRequestVerdict =
  | { readonly approve: true }
  | { readonly approve: false; readonly reason: string };

/**
 * Approves or declines a `requested` change request (承認・お断り), recording the staff member
 * (`ctx.actor`) and the time. Refused when the request was already decided (`orders.change.already_decided`)
 * or a decline has no reason (`orders.change.reason_required`). Approving changes no order: apply the
 * request with {@link applyChangeRequest}.
 *
 * @example
 * ```ts
 * const approved = decideChangeRequest(request, { approve: true }, { clock, actor: 'staff-1' });
 * const declined = decideChangeRequest(request, { approve: false, reason: '出荷準備に入っているため' }, ctx);
 * ```
 */
export function decideChangeRequest(
  request: ChangeRequest,
  verdict: ChangeRequestVerdict,
  ctx: { readonly clock: Clock; readonly actor: string },
): Result<ChangeRequest> {
  if (request.status !== 'requested') {
    return fail([
      createIssue(
        'orders.change.already_decided',
        `この変更依頼は既に「${changeRequestStatusLabels[request.status]}」です`,
        { data: { requestId: request.id, status: request.status } },
      ),
    ]);
  }
  const at = toJapanTimestamp(ctx.clock.now());
  if (verdict.approve) return ok({ ...request, status: 'approved', decision: { by: ctx.actor, at } });
  const reason = verdict.reason.trim();
  if (reason === '') {
    return fail([
      createIssue('orders.change.reason_required', 'お断りする理由を入力してください', {
        data: { requestId: request.id },
      }),
    ]);
  }
  return ok({ ...request, status: 'declined', decision: { by: ctx.actor, at, reason } });
}

/** Which lifecycle statuses mean the order moved on; defaults are those of `defaultStatusFlow`. */
export interface ChangeRequestOptions {
  /** Default 発送済み `shipped`. Any shipped slip counts too. */
  readonly shippedStatuses?: readonly string[];
  /** Default 完了 `completed`. */
  readonly completedStatuses?: readonly string[];
  /** Default キャンセル `cancelled`. */
  readonly cancelledStatuses?: readonly string[];
}

/**
 * Why the customer can no longer change an order (変更を受け付けられない理由), most telling first, each
 * with a Japanese message for the customer's page: `orders.change.order_cancelled`,
 * `orders.change.order_completed`, `orders.change.order_shipped` (status, or any slip shipped) and
 * `orders.change.order_bundled` (同梱). Empty when changes can still be taken.
 *
 * @example
 * ```ts
 * const refusals = changeRequestRefusals(order);
 * if (refusals.length > 0) return page.notice(refusals[0].message); // 'このご注文は発送済みのため、…'
 * ```
 */
export function changeRequestRefusals(order: OrderState, options: ChangeRequestOptions = {}): Issue[] {
  const data = { orderId: order.id, status: order.status };
  const refusals: Issue[] = [];
  if ((options.cancelledStatuses ?? ['cancelled']).includes(order.status)) {
    refusals.push(
      createIssue('orders.change.order_cancelled', 'このご注文はキャンセルされているため、変更できません', {
        data,
      }),
    );
  }
  if ((options.completedStatuses ?? ['completed']).includes(order.status)) {
    refusals.push(
      createIssue('orders.change.order_completed', 'このご注文はお取引が完了しているため、変更できません', {
        data,
      }),
    );
  }
  if (
    (options.shippedStatuses ?? ['shipped']).includes(order.status) ||
    order.shipments.some((shipment) => shipment.state === 'shipped')
  ) {
    refusals.push(
      createIssue(
        'orders.change.order_shipped',
        'このご注文は発送済みのため、変更できません。お手数ですがショップまでお問い合わせください',
        { data },
      ),
    );
  }
  if (order.bundle !== undefined) {
    refusals.push(
      createIssue(
        'orders.change.order_bundled',
        'このご注文はほかのご注文とまとめて発送する準備に入っているため、ページからは変更できません。お手数ですがショップまでお問い合わせください',
        { data },
      ),
    );
  }
  return refusals;
}

/** The outcome of {@link applyChangeRequest}. */
export interface AppliedChangeRequest {
  /** The order after every change. */
  readonly order: Order;
  /** The request, now `applied`. */
  readonly request: ChangeRequest;
  /** One ordinary edit event per change that changed something, in order (undo them last first). */
  readonly events: readonly OrderEvent[];
  /** The effects of every edit, for the host to run (re-screening, mall sync, stock, labels …). */
  readonly effects: readonly TransitionEffect[];
}

function runChange(order: Order, change: RequestedChange, ctx: OperationContext): Result<EditOutcome> {
  const target =
    'shipmentIds' in change && change.shipmentIds !== undefined ? { shipmentIds: change.shipmentIds } : {};
  switch (change.kind) {
    case 'destination':
      return changeDestination(order, change.destination, ctx, target);
    case 'delivery':
      return changeDelivery(
        order,
        {
          ...(change.requestedDate === undefined ? {} : { requestedDate: change.requestedDate }),
          ...(change.timeSlot === undefined ? {} : { timeSlot: change.timeSlot }),
        },
        ctx,
        target,
      );
    case 'cancelLine':
      return cancelLine(
        order,
        { lineId: change.lineId, ...(change.quantity === undefined ? {} : { quantity: change.quantity }) },
        ctx,
      );
    case 'giftMessage':
      return setGiftMessage(order, change.message, ctx, target);
  }
}

type ApprovedRequest = Extract<ChangeRequest, { status: 'approved' }>;

function approvedFor(request: ChangeRequest, order: OrderState): Result<ApprovedRequest> {
  const data = { requestId: request.id, orderId: order.id, status: request.status };
  if (request.orderId !== order.id) {
    return fail([
      createIssue('orders.change.wrong_order', 'この変更依頼は別のご注文のものです', {
        data: { ...data, requestOrderId: request.orderId },
      }),
    ]);
  }
  switch (request.status) {
    case 'requested':
      return fail([
        createIssue('orders.change.not_approved', 'この変更依頼はまだ承認されていません', { data }),
      ]);
    case 'declined':
      return fail([createIssue('orders.change.declined', 'この変更依頼はお受けできませんでした', { data })]);
    case 'applied':
      return fail([
        createIssue('orders.change.already_applied', 'この変更依頼は既に反映されています', { data }),
      ]);
    case 'approved':
      return ok(request);
  }
}

/**
 * Applies an approved change request (変更依頼の反映) through the same edits staff use —
 * `changeDestination`, `changeDelivery`, `cancelLine`, `setGiftMessage` — one after another, so each
 * change is an ordinary event in the order's history (actor `ctx.actor`, reason `ctx.reason` or
 * `お客様の変更依頼（<id>）`, undoable with `undoOperation`) and returns the same effects (re-screening
 * after a new address, mall sync, stock release …). All or nothing: if any change is refused, nothing is.
 *
 * Refused, with a Japanese message the page can show, when the request is not `approved`
 * (`orders.change.not_approved`, `declined`, `already_applied`), belongs to another order, or the order
 * moved on ({@link changeRequestRefusals}: shipped, 同梱, cancelled, completed); a change's own refusal
 * comes back with `path: ['changes', i]`. A change already in effect is skipped with a warning
 * `orders.change.already_in_effect`.
 *
 * @example
 * ```ts
 * const applied = applyChangeRequest(order, approvedRequest, { clock, ids, actor: 'staff-1' });
 * if (!applied.ok) return showStaff(applied.issues); // e.g. 'このご注文は発送済みのため、変更できません。…'
 * await repository.save(changesOf([applied.value.order]));
 * await requests.save(applied.value.request);
 * ```
 */
export function applyChangeRequest(
  order: Order,
  request: ChangeRequest,
  ctx: OperationContext,
  options: ChangeRequestOptions = {},
): Result<AppliedChangeRequest> {
  const approved = approvedFor(request, order);
  if (!approved.ok) return approved;
  const refusals = changeRequestRefusals(order, options);
  if (refusals.length > 0) return fail(refusals);
  const operation: OperationContext = { ...ctx, reason: ctx.reason ?? `お客様の変更依頼（${request.id}）` };
  let current = order;
  const events: OrderEvent[] = [];
  const effects: TransitionEffect[] = [];
  const warnings: Issue[] = [];
  for (const [index, change] of request.changes.entries()) {
    const edited = runChange(current, change, operation);
    if (edited.ok) {
      current = edited.value.order;
      events.push(edited.value.event);
      effects.push(...edited.value.effects);
      continue;
    }
    if (edited.issues.every((issue) => issue.code === 'orders.edit.no_change')) {
      warnings.push(
        createIssue('orders.change.already_in_effect', 'ご依頼の変更は既に反映されています', {
          severity: 'warning',
          path: ['changes', index],
          data: { requestId: request.id, kind: change.kind },
        }),
      );
      continue;
    }
    return fail(
      edited.issues.map((issue) => ({ ...issue, path: ['changes', index, ...(issue.path ?? [])] })),
    );
  }
  const applied: ChangeRequest = {
    ...approved.value,
    status: 'applied',
    applied: {
      by: ctx.actor,
      at: toJapanTimestamp(ctx.clock.now()),
      eventIds: events.map((event) => event.id),
    },
  };
  return ok({ order: current, request: applied, events, effects }, warnings);
}
