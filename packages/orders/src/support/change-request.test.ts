import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import {
  cancelLine,
  changeDelivery,
  changeDestination,
  type EditOutcome,
  setGiftMessage,
} from '../edit/edit';
import { orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import type { Order } from '../model/order';
import type { Party } from '../model/party';
import { defaultStatusFlow } from '../status/default-flow';
import { applyTransition } from '../status/flow';
import { generateOrders } from '../testing/generator';
import { undoOperation } from '../undo/undo';
import {
  applyChangeRequest,
  ChangeRequest,
  changeRequestRefusals,
  createChangeRequest,
  decideChangeRequest,
  type RequestedChange,
} from './change-request';

const clock = fixedClock('2026-12-01T09:00:00+09:00');
/** Staff context whose ids carry `prefix`, so two runs differ only in actor and ids. */
function staff(actor = 'staff-1', prefix = 'a'): OperationContext {
  const ids = sequenceIdGenerator();
  return { clock, ids: { newId: (kind) => `${prefix}-${ids.newId(kind)}` }, actor };
}

const order: Order = structuredClone(
  generateOrders({ seed: 11, count: 400 }).find(
    (candidate) =>
      candidate.lines.length >= 2 &&
      candidate.shipments.length === 1 &&
      candidate.status === 'awaitingShipment' &&
      candidate.lines.every((line) => line.quantity >= 2),
  )!,
);

const newAddress: Party = {
  name: '鈴木 ハナ',
  postalCode: '6048005',
  prefecture: '京都府',
  address1: '京都市中京区恵比須町1-2-3',
  phone: '075-123-4567',
};

function value<T>(result: { ok: boolean; value?: T; issues: unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as T;
}

function approvedRequest(changes: RequestedChange[], target: Order = order): ChangeRequest {
  const requested = value(
    createChangeRequest(
      { orderId: target.id, orderVersion: target.version, changes, comment: '引っ越しました' },
      { clock, ids: sequenceIdGenerator() },
    ),
  );
  return value(decideChangeRequest(requested, { approve: true }, { clock, actor: 'staff-2' }));
}

describe('createChangeRequest', () => {
  it('reads what the customer sent into a requested change request', () => {
    const request = value(
      createChangeRequest(
        { orderId: order.id, orderVersion: 3, changes: [{ kind: 'delivery', timeSlot: '18-20' }] },
        { clock, ids: sequenceIdGenerator() },
      ),
    );
    expect(request).toEqual({
      id: 'changeRequest_0001',
      orderId: order.id,
      orderVersion: 3,
      changes: [{ kind: 'delivery', timeSlot: '18-20' }],
      requestedAt: '2026-12-01T09:00:00.000+09:00',
      status: 'requested',
    });
    expect(ChangeRequest.parse(request)).toEqual(request);
  });

  it('reports every bad field with its path and a Japanese message, without throwing', () => {
    const result = createChangeRequest(
      {
        orderId: order.id,
        orderVersion: 1,
        changes: [
          { kind: 'destination', destination: { ...newAddress, postalCode: '604' } },
          { kind: 'delivery' },
          { kind: 'giftMessage', message: 'あ'.repeat(201) },
          { kind: 'teleport' },
        ],
      },
      { clock, ids: sequenceIdGenerator() },
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['changes', 0, 'destination', 'postalCode'], '郵便番号が正しくありません'],
      [['changes', 1], 'お届け希望日かお届け時間帯を指定してください'],
      [['changes', 2, 'message'], 'ギフトメッセージは200文字以内で入力してください'],
      [['changes', 3, 'kind'], '変更の種類が正しくありません'],
    ]);
    expect(createChangeRequest(null, { clock, ids: sequenceIdGenerator() }).ok).toBe(false);
  });
});

describe('decideChangeRequest', () => {
  const requested = value(
    createChangeRequest(
      { orderId: order.id, orderVersion: 1, changes: [{ kind: 'delivery', timeSlot: 'am' }] },
      { clock, ids: sequenceIdGenerator() },
    ),
  );

  it('records who approved or declined, and when; a decline needs a reason for the customer', () => {
    expect(
      value(decideChangeRequest(requested, { approve: true }, { clock, actor: 'staff-2' })),
    ).toMatchObject({
      status: 'approved',
      decision: { by: 'staff-2', at: '2026-12-01T09:00:00.000+09:00' },
    });
    const declined = value(
      decideChangeRequest(
        requested,
        { approve: false, reason: ' 出荷準備に入っているため ' },
        { clock, actor: 's' },
      ),
    );
    expect(declined).toMatchObject({ status: 'declined', decision: { reason: '出荷準備に入っているため' } });
    expect(ChangeRequest.parse(declined)).toEqual(declined);
    expect(
      decideChangeRequest(requested, { approve: false, reason: ' ' }, { clock, actor: 's' }).issues[0]?.code,
    ).toBe('orders.change.reason_required');
    const again = decideChangeRequest(declined, { approve: true }, { clock, actor: 's' });
    expect(again.issues[0]).toMatchObject({ code: 'orders.change.already_decided' });
    expect(again.issues[0]?.message).toContain('お断り');
  });
});

describe('applyChangeRequest', () => {
  const cases: [string, RequestedChange, (target: Order, ctx: OperationContext) => EditOutcome][] = [
    [
      'destination',
      { kind: 'destination', destination: newAddress },
      (target, ctx) => value(changeDestination(target, newAddress, ctx)),
    ],
    [
      'delivery',
      { kind: 'delivery', requestedDate: '2026-12-05', timeSlot: '14-16' },
      (target, ctx) => value(changeDelivery(target, { requestedDate: '2026-12-05', timeSlot: '14-16' }, ctx)),
    ],
    [
      'cancelLine',
      { kind: 'cancelLine', lineId: order.lines[1]!.id, quantity: 1 },
      (target, ctx) => value(cancelLine(target, { lineId: order.lines[1]!.id, quantity: 1 }, ctx)),
    ],
    [
      'giftMessage',
      { kind: 'giftMessage', message: 'いつもありがとう' },
      (target, ctx) => value(setGiftMessage(target, 'いつもありがとう', ctx)),
    ],
  ];

  it.each(cases)('applies a %s request exactly as the staff edit does', (_, change, staffEdit) => {
    const request = approvedRequest([change]);
    const applied = value(applyChangeRequest(order, request, staff('staff-1', 'a')));
    const edited = staffEdit(order, staff('staff-9', 'b'));
    expect(orderContent(applied.order)).toEqual(orderContent(edited.order));
    expect(applied.order.version).toBe(edited.order.version);
    expect(applied.events.map((event) => event.type)).toEqual([edited.event.type]);
    expect(applied.events[0]).toMatchObject({
      actor: 'staff-1',
      reason: `お客様の変更依頼（${request.id}）`,
    });
    expect(applied.events[0]?.before).toEqual(edited.event.before);
    expect(applied.effects).toEqual(edited.effects);
    expect(applied.request).toMatchObject({
      status: 'applied',
      decision: { by: 'staff-2' },
      applied: { by: 'staff-1', eventIds: [applied.events[0]!.id] },
    });
    expect(ChangeRequest.parse(applied.request)).toEqual(applied.request);
  });

  it('applies several changes as ordinary events that undo last first, and asks for re-screening', () => {
    const ctx = staff();
    const request = approvedRequest([
      { kind: 'destination', destination: newAddress },
      { kind: 'delivery', timeSlot: '19-21' },
    ]);
    const applied = value(applyChangeRequest(order, request, ctx));
    expect(applied.events.map((event) => event.type)).toEqual(['edit.destination', 'edit.delivery']);
    expect(applied.effects.map((effect) => effect.type)).toContain('blacklist.rescreen');
    const second = value(undoOperation(applied.events[1]!, [applied.order], ctx));
    const first = value(undoOperation(applied.events[0]!, second.orders, ctx));
    expect(orderContent(first.orders[0]!)).toEqual(orderContent(order));
  });

  it('refuses after shipment, with a message for the customer, and changes nothing', () => {
    const ctx = staff();
    const ready = {
      ...order,
      shipments: order.shipments.map((s) => ({ ...s, trackingNumbers: ['123456789012'] })),
    };
    const shipped = value(applyTransition(defaultStatusFlow, ready, 'ship', ctx)).order;
    const request = approvedRequest([{ kind: 'delivery', timeSlot: 'am' }], shipped);
    const refused = applyChangeRequest(shipped, request, ctx);
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((issue) => issue.code)).toEqual(['orders.change.order_shipped']);
    expect(refused.issues[0]?.message).toBe(
      'このご注文は発送済みのため、変更できません。お手数ですがショップまでお問い合わせください',
    );
    const slipShipped = {
      ...order,
      shipments: order.shipments.map((s) => ({ ...s, state: 'shipped' as const })),
    };
    expect(changeRequestRefusals(slipShipped).map((issue) => issue.code)).toEqual([
      'orders.change.order_shipped',
    ]);
  });

  it('refuses completed, cancelled and 同梱 orders', () => {
    const request = approvedRequest([{ kind: 'delivery', timeSlot: 'am' }]);
    const completed = { ...order, status: 'completed' };
    expect(applyChangeRequest(completed, request, staff()).issues[0]?.code).toBe(
      'orders.change.order_completed',
    );
    const cancelled = { ...order, status: 'cancelled' };
    expect(applyChangeRequest(cancelled, request, staff()).issues[0]?.code).toBe(
      'orders.change.order_cancelled',
    );
    const bundled: Order = { ...order, bundle: { role: 'parent', childOrderIds: ['o2'] } };
    const refused = applyChangeRequest(bundled, request, staff());
    expect(refused.issues[0]?.code).toBe('orders.change.order_bundled');
    expect(refused.issues[0]?.message).toContain('ショップまでお問い合わせください');
    expect(changeRequestRefusals(order)).toEqual([]);
    expect(changeRequestRefusals({ ...order, status: 'sent' }, { shippedStatuses: ['sent'] })).toHaveLength(
      1,
    );
  });

  it('refuses a request that is not approved, already applied, or for another order', () => {
    const requested = value(
      createChangeRequest(
        { orderId: order.id, orderVersion: 1, changes: [{ kind: 'delivery', timeSlot: 'am' }] },
        { clock, ids: sequenceIdGenerator() },
      ),
    );
    expect(applyChangeRequest(order, requested, staff()).issues[0]?.code).toBe('orders.change.not_approved');
    const declined = value(
      decideChangeRequest(requested, { approve: false, reason: '在庫切れ' }, { clock, actor: 's' }),
    );
    expect(applyChangeRequest(order, declined, staff()).issues[0]?.code).toBe('orders.change.declined');
    const applied = value(
      applyChangeRequest(order, approvedRequest([{ kind: 'delivery', timeSlot: 'am' }]), staff()),
    );
    expect(applyChangeRequest(applied.order, applied.request, staff()).issues[0]?.code).toBe(
      'orders.change.already_applied',
    );
    const other = approvedRequest([{ kind: 'delivery', timeSlot: 'am' }], { ...order, id: 'someone-else' });
    expect(applyChangeRequest(order, other, staff()).issues[0]?.code).toBe('orders.change.wrong_order');
  });

  it("returns a change's own refusal at its path, and applies nothing", () => {
    const request = approvedRequest([
      { kind: 'delivery', timeSlot: 'am' },
      { kind: 'cancelLine', lineId: 'no-such-line' },
    ]);
    const refused = applyChangeRequest(order, request, staff());
    expect(refused.issues).toEqual([
      expect.objectContaining({ code: 'orders.edit.unknown_line', path: ['changes', 1] }),
    ]);
  });

  it('skips a change already in effect with a warning', () => {
    const current = order.shipments[0]!.timeSlot;
    const applied = applyChangeRequest(
      order,
      approvedRequest([{ kind: 'delivery', timeSlot: current }]),
      staff(),
    );
    expect(applied.ok).toBe(true);
    expect(applied.issues).toEqual([
      expect.objectContaining({
        code: 'orders.change.already_in_effect',
        severity: 'warning',
        path: ['changes', 0],
      }),
    ]);
    expect(applied.ok && applied.value.events).toEqual([]);
    expect(applied.ok && applied.value.order).toBe(order);
  });
});
