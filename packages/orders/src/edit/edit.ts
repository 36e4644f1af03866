import { createIssue, fail, type Issue, ok, PlainDate, type Result, toJapanDate } from '@hakobu/core';
import type { z } from 'zod';
import { CHARGE_KINDS, computeCodAmount, indexOrders, isDiscount, taxByRate } from '../model/derive';
import { commitOperation, type OperationContext, stateOf } from '../model/operation';
import type { Order, OrderEvent, OrderState, Shipment, ShipmentCharge, TaxByRate } from '../model/order';
import { Party } from '../model/party';
import { type CalendarDate, TimeSlot } from '../model/primitives';
import type { TransitionEffect } from '../status/flow';

/** The longest gift message (ギフトメッセージ) accepted, in characters: a few lines of a delivery note. */
export const GIFT_MESSAGE_MAX_LENGTH = 200;

/**
 * The outcome of a staff edit (受注編集): the order, the event appended to its history (with the prior
 * state, so `undoOperation` reverts it) and the effects the host must run, as status transitions return
 * them: `blacklist.rescreen`, `mall.sync`, `label.reissue`, `deliveryNote.reprint`, `inventory.release`,
 * `payment.adjust`.
 */
export interface EditOutcome {
  readonly order: Order;
  readonly event: OrderEvent;
  readonly effects: readonly TransitionEffect[];
}

/** Which slips an edit applies to. */
export interface EditTargetOptions {
  /** Shipment ids; default every slip of the order that is not cancelled. */
  readonly shipmentIds?: readonly string[];
}

/** A change of delivery date or time slot (お届け日時の変更); at least one is given. */
export interface DeliveryChange {
  /** お届け希望日; `null` removes it (指定なし). */
  readonly requestedDate?: CalendarDate | null;
  /** お届け時間帯; `none` is 指定なし. */
  readonly timeSlot?: TimeSlot;
}

/** What {@link cancelLine} cancels: a line, and how many of it (default all). */
export interface LineCancellation {
  readonly lineId: string;
  readonly quantity?: number;
}

const PARTY_LABELS: Readonly<Record<string, string>> = {
  name: '氏名',
  nameKana: '氏名カナ',
  company: '会社名',
  postalCode: '郵便番号',
  prefecture: '都道府県',
  address1: '住所',
  address2: '建物名・部屋番号',
  phone: '電話番号',
  email: 'メールアドレス',
};

const PARTY_FIELDS = Party.keyof().options;

function sameParty(a: Party, b: Party): boolean {
  return PARTY_FIELDS.every((field) => a[field] === b[field]);
}

/** Issues for a party that fails the {@link Party} schema, one per problem, labelled in Japanese. */
function partyIssues(error: z.ZodError, path: readonly (string | number)[], who: string): Issue[] {
  return error.issues.map((problem) => {
    const field = String(problem.path[0] ?? '');
    return createIssue(
      'orders.edit.invalid_destination',
      `${who}の${PARTY_LABELS[field] ?? field}が正しくありません`,
      { path: [...path, ...problem.path.map((key) => (typeof key === 'number' ? key : String(key)))] },
    );
  });
}

function noChange(order: OrderState, what: string): Result<never> {
  return fail([
    createIssue('orders.edit.no_change', `受注${order.mallOrderNumber}の${what}は既にその内容です`, {
      data: { orderId: order.id },
    }),
  ]);
}

/**
 * The slips an edit applies to, or the reasons it cannot: a 同梱 child (its lines travel in the parent's
 * slip), an unknown slip, a shipped or cancelled slip, a slip carrying another order's lines, or none left.
 */
function targetShipments(order: OrderState, options: EditTargetOptions): Result<Shipment[]> {
  if (order.bundle?.role === 'child') {
    return fail([
      createIssue(
        'orders.edit.bundled',
        `受注${order.mallOrderNumber}は同梱済みです。同梱先の受注で変更するか、同梱を解除してください`,
        { data: { orderId: order.id, parentOrderId: order.bundle.parentOrderId } },
      ),
    ]);
  }
  const ids =
    options.shipmentIds ??
    order.shipments.filter((shipment) => shipment.state !== 'cancelled').map((shipment) => shipment.id);
  const issues: Issue[] = [];
  const targets: Shipment[] = [];
  ids.forEach((id, index) => {
    const shipment = order.shipments.find((candidate) => candidate.id === id);
    const path = ['shipmentIds', index];
    const data = { orderId: order.id, shipmentId: id };
    if (shipment === undefined) {
      issues.push(
        createIssue('orders.edit.unknown_shipment', `受注${order.mallOrderNumber}に伝票(${id})がありません`, {
          path,
          data,
        }),
      );
    } else if (shipment.state !== 'open') {
      issues.push(
        createIssue(
          shipment.state === 'shipped' ? 'orders.edit.shipment_shipped' : 'orders.edit.shipment_cancelled',
          `伝票${shipment.slipNumber}は${shipment.state === 'shipped' ? '出荷済み' : '取消済み'}のため変更できません`,
          { path, data },
        ),
      );
    } else if (shipment.lines.some((line) => line.orderId !== order.id)) {
      issues.push(
        createIssue(
          'orders.edit.bundled_shipment',
          `伝票${shipment.slipNumber}は同梱済みのため変更できません。先に同梱を解除してください`,
          { path, data },
        ),
      );
    } else {
      targets.push(shipment);
    }
  });
  if (issues.length > 0) return fail(issues);
  if (targets.length === 0) {
    return fail([
      createIssue(
        'orders.edit.no_open_shipment',
        `受注${order.mallOrderNumber}には変更できる未出荷の伝票がありません`,
        { data: { orderId: order.id } },
      ),
    ]);
  }
  return ok(targets);
}

/** Printed or issued documents that no longer match the slips once they change. */
function documentEffects(
  order: OrderState,
  changed: readonly Shipment[],
  label: boolean,
): TransitionEffect[] {
  const shipmentIds = changed.map((shipment) => shipment.id);
  const effects: TransitionEffect[] = [];
  if (
    label &&
    (order.axes.labelExported || changed.some((shipment) => shipment.trackingNumbers.length > 0))
  ) {
    effects.push({ type: 'label.reissue', data: { orderId: order.id, shipmentIds } });
  }
  if (order.axes.deliveryNotePrinted) {
    effects.push({ type: 'deliveryNote.reprint', data: { orderId: order.id, shipmentIds } });
  }
  return effects;
}

function commitEdit(
  order: Order,
  after: OrderState,
  ctx: OperationContext,
  type: string,
  details: Record<string, unknown>,
  effects: TransitionEffect[],
): Result<EditOutcome> {
  const done = commitOperation([order], [after], ctx, type, { ...details, effects });
  return ok({ order: done.orders[0]!, event: done.event, effects });
}

function replaceShipments(order: OrderState, updated: readonly Shipment[]): OrderState {
  const byId = new Map(updated.map((shipment) => [shipment.id, shipment]));
  return { ...order, shipments: order.shipments.map((shipment) => byId.get(shipment.id) ?? shipment) };
}

/**
 * お届け先変更: sets the destination of the order's open slips (all, or `shipmentIds`). Refused, with every
 * reason, for an invalid address, a shipped, cancelled or 同梱 slip, or when nothing changes. Undo with
 * `undoOperation`. Effects: `blacklist.rescreen` (screen the new address, e.g. with `rescreenOrders`),
 * `mall.sync`, and `label.reissue` / `deliveryNote.reprint` when a label was issued or a note printed.
 *
 * @example
 * ```ts
 * const result = changeDestination(order, { ...order.shipments[0].destination, address2: '201号室' }, ctx);
 * if (result.ok) await repository.save(changesOf([result.value.order]));
 * ```
 */
export function changeDestination(
  order: Order,
  destination: Party,
  ctx: OperationContext,
  options: EditTargetOptions = {},
): Result<EditOutcome> {
  const parsed = Party.safeParse(destination);
  const targets = targetShipments(order, options);
  const issues = [
    ...(parsed.success ? [] : partyIssues(parsed.error, ['destination'], 'お届け先')),
    ...targets.issues,
  ];
  if (!parsed.success || !targets.ok) return fail(issues);
  const changed = targets.value
    .filter((shipment) => !sameParty(shipment.destination, parsed.data))
    .map((shipment) => ({ ...shipment, destination: parsed.data }));
  if (changed.length === 0) return noChange(order, 'お届け先');
  const effects: TransitionEffect[] = [
    { type: 'blacklist.rescreen', data: { orderId: order.id } },
    { type: 'mall.sync', data: { what: 'destination' } },
    ...documentEffects(order, changed, true),
  ];
  return commitEdit(
    order,
    replaceShipments(stateOf(order), changed),
    ctx,
    'edit.destination',
    { shipmentIds: changed.map((shipment) => shipment.id) },
    effects,
  );
}

/**
 * お届け日時の変更: sets or removes the requested delivery date and sets the time slot of the order's
 * open slips (all, or `shipmentIds`). A date before today in Japan time (`ctx.clock`) is refused, as are
 * shipped, cancelled or 同梱 slips and a change that changes nothing. Undo with `undoOperation`. Effects:
 * `mall.sync`, and `label.reissue` / `deliveryNote.reprint` when a label was issued or a note printed.
 *
 * @example
 * ```ts
 * const result = changeDelivery(order, { requestedDate: '2026-12-05', timeSlot: '18-20' }, ctx);
 * ```
 */
export function changeDelivery(
  order: Order,
  change: DeliveryChange,
  ctx: OperationContext,
  options: EditTargetOptions = {},
): Result<EditOutcome> {
  const issues: Issue[] = [];
  const { requestedDate, timeSlot } = change;
  if (requestedDate === undefined && timeSlot === undefined) return noChange(order, 'お届け日時');
  if (requestedDate !== undefined && requestedDate !== null) {
    if (!PlainDate.safeParse(requestedDate).success) {
      issues.push(
        createIssue('orders.edit.invalid_date', `お届け希望日「${requestedDate}」は日付として読めません`, {
          path: ['requestedDate'],
          data: { requestedDate },
        }),
      );
    } else if (requestedDate < toJapanDate(ctx.clock.now())) {
      issues.push(
        createIssue('orders.edit.date_in_past', `お届け希望日${requestedDate}は過去の日付です`, {
          path: ['requestedDate'],
          data: { requestedDate },
        }),
      );
    }
  }
  if (timeSlot !== undefined && !TimeSlot.safeParse(timeSlot).success) {
    issues.push(
      createIssue('orders.edit.invalid_time_slot', `お届け時間帯「${timeSlot}」は指定できません`, {
        path: ['timeSlot'],
        data: { timeSlot },
      }),
    );
  }
  const targets = targetShipments(order, options);
  issues.push(...targets.issues);
  if (issues.length > 0 || !targets.ok) return fail(issues);
  const changed = targets.value.flatMap((shipment) => {
    let next: Shipment = timeSlot === undefined ? shipment : { ...shipment, timeSlot };
    if (requestedDate === null) {
      const { requestedDate: _removed, ...rest } = next;
      next = rest;
    } else if (requestedDate !== undefined) {
      next = { ...next, requestedDate };
    }
    return next.requestedDate === shipment.requestedDate && next.timeSlot === shipment.timeSlot ? [] : [next];
  });
  if (changed.length === 0) return noChange(order, 'お届け日時');
  return commitEdit(
    order,
    replaceShipments(stateOf(order), changed),
    ctx,
    'edit.delivery',
    {
      shipmentIds: changed.map((shipment) => shipment.id),
      ...(requestedDate === undefined ? {} : { requestedDate }),
      ...(timeSlot === undefined ? {} : { timeSlot }),
    },
    [{ type: 'mall.sync', data: { what: 'delivery' } }, ...documentEffects(order, changed, true)],
  );
}

/**
 * ギフトメッセージの設定: writes the message as the 納品書備考 (`deliveryNoteText`, replacing what was
 * there) of the order's open slips and makes them gift slips (`giftMode: 'gift'`, so the delivery note is
 * an お届け明細書 without prices). An empty message removes the note and leaves the gift mode as it is.
 * Longer than {@link GIFT_MESSAGE_MAX_LENGTH} characters is refused. Undo with `undoOperation`. Effects:
 * `deliveryNote.reprint` when a note was printed. The event does not repeat the message.
 *
 * @example
 * ```ts
 * const result = setGiftMessage(order, 'お誕生日おめでとう！', ctx);
 * ```
 */
export function setGiftMessage(
  order: Order,
  message: string,
  ctx: OperationContext,
  options: EditTargetOptions = {},
): Result<EditOutcome> {
  const text = message.trim();
  const issues: Issue[] = [];
  const length = [...text].length;
  if (length > GIFT_MESSAGE_MAX_LENGTH) {
    issues.push(
      createIssue(
        'orders.edit.gift_message_too_long',
        `ギフトメッセージは${GIFT_MESSAGE_MAX_LENGTH}文字以内で入力してください（${length}文字）`,
        { path: ['message'], data: { length, max: GIFT_MESSAGE_MAX_LENGTH } },
      ),
    );
  }
  const targets = targetShipments(order, options);
  issues.push(...targets.issues);
  if (issues.length > 0 || !targets.ok) return fail(issues);
  const changed = targets.value.flatMap((shipment) => {
    if (text === '') {
      if (shipment.deliveryNoteText === undefined) return [];
      const { deliveryNoteText: _removed, ...rest } = shipment;
      return [rest];
    }
    if (shipment.deliveryNoteText === text && shipment.giftMode === 'gift') return [];
    return [{ ...shipment, deliveryNoteText: text, giftMode: 'gift' as const }];
  });
  if (changed.length === 0) return noChange(order, 'ギフトメッセージ');
  return commitEdit(
    order,
    replaceShipments(stateOf(order), changed),
    ctx,
    'edit.giftMessage',
    { shipmentIds: changed.map((shipment) => shipment.id), cleared: text === '' },
    documentEffects(order, changed, false),
  );
}

function lineIssue(code: string, message: string, order: OrderState, data: Record<string, unknown>): Issue {
  return createIssue(code, message, { data: { orderId: order.id, ...data } });
}

/** Takes `quantity` of a line off the open slips, last slip first; slips left empty are dropped. */
function takeFromShipments(
  shipments: readonly Shipment[],
  orderId: string,
  lineId: string,
  quantity: number,
): { shipments: Shipment[]; emptied: Shipment[] } {
  let left = quantity;
  const next = [...shipments];
  for (let index = next.length - 1; index >= 0 && left > 0; index -= 1) {
    const shipment = next[index]!;
    if (shipment.state !== 'open') continue;
    const lines = shipment.lines.flatMap((ref) => {
      if (left === 0 || ref.orderId !== orderId || ref.lineId !== lineId) return [ref];
      const taken = Math.min(left, ref.quantity);
      left -= taken;
      return ref.quantity > taken ? [{ ...ref, quantity: ref.quantity - taken }] : [];
    });
    next[index] = { ...shipment, lines };
  }
  return {
    shipments: next.filter((shipment) => shipment.lines.length > 0 || shipment.state !== 'open'),
    emptied: next.filter((shipment) => shipment.lines.length === 0 && shipment.state === 'open'),
  };
}

function mergeCharges(into: readonly ShipmentCharge[], moved: readonly ShipmentCharge[]): ShipmentCharge[] {
  const sums = new Map<string, ShipmentCharge>();
  for (const charge of [...into, ...moved]) {
    const key = `${charge.orderId}\u0000${charge.kind}\u0000${charge.waived === true}`;
    const seen = sums.get(key);
    sums.set(key, seen === undefined ? charge : { ...seen, amount: seen.amount + charge.amount });
  }
  return [...sums.values()].sort((a, b) => CHARGE_KINDS.indexOf(a.kind) - CHARGE_KINDS.indexOf(b.kind));
}

/** The tax rows with `amount` (tax included) taken off one rate, that rate's tax rounded again. */
function lowerTaxRow(rows: readonly TaxByRate[], rate: TaxByRate['rate'], amount: number): TaxByRate[] {
  return rows.flatMap((row) => {
    if (row.rate !== rate) return [row];
    const taxableAmount = row.taxableAmount - amount;
    return taxableAmount === 0 ? [] : taxByRate([{ amount: taxableAmount, rate }]);
  });
}

function rawCod(shipment: Shipment, order: OrderState): number {
  let total = 0;
  for (const ref of shipment.lines) {
    const line = order.lines.find((candidate) => candidate.id === ref.lineId);
    if (line !== undefined) total += line.unitPrice * ref.quantity;
  }
  for (const charge of shipment.charges) total += isDiscount(charge.kind) ? -charge.amount : charge.amount;
  return total;
}

/**
 * 明細キャンセル: cancels a quantity of one line (default all of it) before it ships. The quantity comes off
 * the open slips, last slip first; a slip left empty is dropped and its fees and discounts move to the
 * first open slip left. Fees and discounts themselves do not change; 商品合計, the tax row of the line's
 * rate (rounded down again, as `summarizeTax` does) and 請求金額 go down by the cancelled amount, and
 * 代引金額 is recalculated. Refused for a 同梱 order, an unknown line, a bad quantity, units already
 * shipped, the last unit of the order (cancel the order instead), a total or 代引金額 that would go below
 * zero, or fees that would have no open slip left to ride on. Undo with `undoOperation` (the host then
 * reserves the stock again). Effects: `inventory.release`, `payment.adjust` (billed total from → to,
 * paid amount), `mall.sync`, and `label.reissue` / `deliveryNote.reprint`.
 *
 * @example
 * ```ts
 * const result = cancelLine(order, { lineId: 'o0000001-L2', quantity: 1 }, ctx);
 * if (result.ok) result.value.order.amounts.billedTotal; // lower by the line's unit price
 * ```
 */
export function cancelLine(
  order: Order,
  cancellation: LineCancellation,
  ctx: OperationContext,
): Result<EditOutcome> {
  if (order.bundle !== undefined) {
    return fail([
      lineIssue(
        'orders.edit.bundled',
        `受注${order.mallOrderNumber}は同梱済みのため明細をキャンセルできません。先に同梱を解除してください`,
        order,
        {},
      ),
    ]);
  }
  const line = order.lines.find((candidate) => candidate.id === cancellation.lineId);
  if (line === undefined) {
    return fail([
      lineIssue(
        'orders.edit.unknown_line',
        `受注${order.mallOrderNumber}に明細(${cancellation.lineId})がありません`,
        order,
        { lineId: cancellation.lineId },
      ),
    ]);
  }
  const quantity = cancellation.quantity ?? line.quantity;
  const data = { lineId: line.id, quantity };
  if (!Number.isInteger(quantity) || quantity <= 0) {
    return fail([
      lineIssue(
        'orders.edit.invalid_quantity',
        `明細「${line.name}」のキャンセル数量は1以上の整数で指定してください`,
        order,
        data,
      ),
    ]);
  }
  if (quantity > line.quantity) {
    return fail([
      lineIssue(
        'orders.edit.quantity_exceeds',
        `明細「${line.name}」は${line.quantity}点のため、${quantity}点はキャンセルできません`,
        order,
        data,
      ),
    ]);
  }
  const units = order.lines.reduce((sum, candidate) => sum + candidate.quantity, 0);
  if (units === quantity) {
    return fail([
      lineIssue(
        'orders.edit.last_line',
        `受注${order.mallOrderNumber}のすべての明細がなくなるため、明細キャンセルではなく受注のキャンセルを行ってください`,
        order,
        data,
      ),
    ]);
  }
  const open = order.shipments
    .filter((shipment) => shipment.state === 'open')
    .flatMap((shipment) => shipment.lines)
    .filter((ref) => ref.orderId === order.id && ref.lineId === line.id)
    .reduce((sum, ref) => sum + ref.quantity, 0);
  if (open < quantity) {
    return fail([
      lineIssue(
        'orders.edit.line_shipped',
        `明細「${line.name}」は出荷済み（または出荷準備済み）のため、${quantity}点のうち${quantity - open}点はキャンセルできません`,
        order,
        { ...data, open },
      ),
    ]);
  }
  return cancelOpenQuantity(order, line.id, quantity, ctx);
}

function cancelOpenQuantity(order: Order, lineId: string, quantity: number, ctx: OperationContext) {
  const line = order.lines.find((candidate) => candidate.id === lineId)!;
  const data = { lineId, quantity };
  const taken = takeFromShipments(order.shipments, order.id, lineId, quantity);
  const movedCharges = taken.emptied.flatMap((shipment) => shipment.charges);
  let shipments = taken.shipments;
  if (movedCharges.length > 0) {
    const receiver = shipments.findIndex((shipment) => shipment.state === 'open');
    if (receiver < 0) {
      return fail([
        lineIssue(
          'orders.edit.charges_without_slip',
          `伝票${taken.emptied.map((shipment) => shipment.slipNumber).join('・')}が空になりますが、送料などを移せる未出荷の伝票がありません`,
          order,
          data,
        ),
      ]);
    }
    const target = shipments[receiver]!;
    shipments = shipments.with(receiver, { ...target, charges: mergeCharges(target.charges, movedCharges) });
  }
  const amount = line.unitPrice * quantity;
  const billedTotal = order.amounts.billedTotal - amount;
  if (billedTotal < 0) {
    return fail([
      lineIssue(
        'orders.edit.negative_total',
        `キャンセル後の請求金額が${billedTotal}円になります。クーポン・ポイントの調整が必要です`,
        order,
        { ...data, billedTotal },
      ),
    ]);
  }
  const lines = order.lines.flatMap((candidate) => {
    if (candidate.id !== lineId) return [candidate];
    return candidate.quantity > quantity ? [{ ...candidate, quantity: candidate.quantity - quantity }] : [];
  });
  const state = stateOf(order);
  const next: OrderState = {
    ...state,
    lines,
    shipments,
    amounts: {
      ...state.amounts,
      items: state.amounts.items - amount,
      tax: lowerTaxRow(state.amounts.tax, line.taxRate, amount),
      billedTotal,
    },
  };
  const byId = indexOrders([next]);
  const issues: Issue[] = [];
  next.shipments = next.shipments.map((shipment) => {
    if (shipment.state !== 'open') return shipment;
    if (order.payment.method === 'cod' && rawCod(shipment, next) < 0) {
      issues.push(
        lineIssue(
          'orders.edit.negative_cod',
          `伝票${shipment.slipNumber}の代引金額が0円未満になります。クーポン・ポイントの調整が必要です`,
          order,
          { ...data, shipmentId: shipment.id },
        ),
      );
    }
    return { ...shipment, codAmount: computeCodAmount(shipment, byId) };
  });
  if (issues.length > 0) return fail(issues);
  const touched = order.shipments.filter((shipment) =>
    shipment.lines.some((ref) => ref.lineId === lineId && shipment.state === 'open'),
  );
  const effects: TransitionEffect[] = [
    {
      type: 'inventory.release',
      data: { orderId: order.id, lineId, sku: line.masterSku ?? line.sku, quantity },
    },
    {
      type: 'payment.adjust',
      data: {
        orderId: order.id,
        billedTotal: { from: order.amounts.billedTotal, to: billedTotal },
        paidAmount: order.payment.paidAmount,
      },
    },
    { type: 'mall.sync', data: { what: 'lineCancellation' } },
    ...documentEffects(order, touched, true),
  ];
  return commitEdit(
    order,
    next,
    ctx,
    'edit.cancelLine',
    { ...data, removedShipmentIds: taken.emptied.map((shipment) => shipment.id) },
    effects,
  );
}
