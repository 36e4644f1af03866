import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { buildBlacklistIndex, rescreenOrders } from '../blacklist/blacklist';
import { checkShipmentInvariants, computeAmounts, orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import type { Order } from '../model/order';
import type { Party } from '../model/party';
import { keepOnOriginalPolicy } from '../split/policy';
import { moveLines } from '../split/split';
import { generateOrders } from '../testing/generator';
import { undoOperation } from '../undo/undo';
import {
  cancelLine,
  changeDelivery,
  changeDestination,
  GIFT_MESSAGE_MAX_LENGTH,
  setGiftMessage,
} from './edit';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-12-01T00:30:00+09:00'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
});

const pool = generateOrders({ seed: 11, count: 400 });

function orderWhere(predicate: (order: Order) => boolean): Order {
  const found = pool.find(predicate);
  if (found === undefined) throw new Error('no generated order fits the test');
  return structuredClone(found);
}

function value<T>(result: { ok: boolean; value?: T; issues: unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as T;
}

const grandmother: Party = {
  name: '鈴木 ハナ',
  nameKana: 'スズキ ハナ',
  postalCode: '604-8005',
  prefecture: '京都府',
  address1: '京都市中京区恵比須町1-2-3',
  phone: '075-123-4567',
};

const multiLine = (order: Order) =>
  order.lines.length >= 2 && order.lines.every((line) => line.quantity >= 2) && order.shipments.length === 1;

describe('changeDestination', () => {
  it('sets the destination of every open slip, records the prior state and undoes exactly', () => {
    const c = ctx();
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    const done = value(changeDestination(order, grandmother, c));
    expect(done.order.shipments[0]?.destination).toEqual(grandmother);
    expect(done.order.version).toBe(order.version + 1);
    expect(done.event).toMatchObject({ type: 'edit.destination', actor: 'staff-1', orderIds: [order.id] });
    expect(done.event.before?.[0]?.shipments[0]?.destination).toEqual(order.shipments[0]?.destination);
    expect(done.effects.map((effect) => effect.type)).toEqual(['blacklist.rescreen', 'mall.sync']);
    const undone = value(undoOperation(done.event, [done.order], c));
    expect(orderContent(undone.orders[0]!)).toEqual(orderContent(order));
  });

  it('leaves the new address to re-screening, which then finds a blacklisted destination', () => {
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    const done = value(changeDestination(order, grandmother, ctx()));
    const index = buildBlacklistIndex([{ id: 'b1', phone: '０７５－１２３－４５６７', reason: '受取拒否' }]);
    const { changed } = rescreenOrders([done.order], index, ctx());
    expect(changed[0]?.alerts[0]).toMatchObject({ code: 'orders.blacklist.hit', data: { field: 'phone' } });
  });

  it('asks for a new label and note when they were already issued', () => {
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    order.axes.labelExported = true;
    order.axes.deliveryNotePrinted = true;
    const done = value(changeDestination(order, grandmother, ctx()));
    expect(done.effects.map((effect) => effect.type)).toEqual([
      'blacklist.rescreen',
      'mall.sync',
      'label.reissue',
      'deliveryNote.reprint',
    ]);
  });

  it('reports every problem of an invalid address with its field, in Japanese', () => {
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    const result = changeDestination(order, { ...grandmother, postalCode: '604', phone: '' }, ctx());
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.code, issue.path, issue.message])).toEqual([
      [
        'orders.edit.invalid_destination',
        ['destination', 'postalCode'],
        'お届け先の郵便番号が正しくありません',
      ],
      ['orders.edit.invalid_destination', ['destination', 'phone'], 'お届け先の電話番号が正しくありません'],
    ]);
  });

  it('refuses shipped slips, unknown slips, 同梱 children and a change that changes nothing', () => {
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    const shipped = {
      ...order,
      shipments: order.shipments.map((s) => ({ ...s, state: 'shipped' as const })),
    };
    expect(changeDestination(shipped, grandmother, ctx()).issues[0]?.code).toBe(
      'orders.edit.shipment_shipped',
    );
    expect(changeDestination(order, grandmother, ctx(), { shipmentIds: ['nope'] }).issues[0]?.code).toBe(
      'orders.edit.unknown_shipment',
    );
    const child: Order = { ...order, shipments: [], bundle: { role: 'child', parentOrderId: 'o9' } };
    expect(changeDestination(child, grandmother, ctx()).issues[0]?.code).toBe('orders.edit.bundled');
    const same = changeDestination(order, order.shipments[0]!.destination, ctx());
    expect(same.issues.map((issue) => issue.code)).toEqual(['orders.edit.no_change']);
  });
});

describe('changeDelivery', () => {
  it('sets date and slot, removes the date with null, and undoes', () => {
    const c = ctx();
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    const done = value(changeDelivery(order, { requestedDate: '2026-12-05', timeSlot: '18-20' }, c));
    expect(done.order.shipments[0]).toMatchObject({ requestedDate: '2026-12-05', timeSlot: '18-20' });
    expect(done.event).toMatchObject({ type: 'edit.delivery', details: { requestedDate: '2026-12-05' } });
    const cleared = value(changeDelivery(done.order, { requestedDate: null }, c));
    expect(cleared.order.shipments[0]).not.toHaveProperty('requestedDate');
    expect(cleared.order.shipments[0]?.timeSlot).toBe('18-20');
    const undone = value(undoOperation(cleared.event, [cleared.order], c));
    expect(orderContent(undone.orders[0]!)).toEqual(orderContent(done.order));
  });

  it('refuses a date before today in Japan time, a bad date or slot, and nothing asked', () => {
    // The clock reads 2026-12-01 00:30 JST, still 2026-11-30 in UTC.
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    expect(changeDelivery(order, { requestedDate: '2026-12-01' }, ctx()).ok).toBe(true);
    const past = changeDelivery(order, { requestedDate: '2026-11-30' }, ctx());
    expect(past.issues[0]).toMatchObject({ code: 'orders.edit.date_in_past', path: ['requestedDate'] });
    const bad = changeDelivery(order, { requestedDate: '2026-02-30', timeSlot: '9-12' as never }, ctx());
    expect(bad.issues.map((issue) => issue.code)).toEqual([
      'orders.edit.invalid_date',
      'orders.edit.invalid_time_slot',
    ]);
    expect(changeDelivery(order, {}, ctx()).issues[0]?.code).toBe('orders.edit.no_change');
  });
});

describe('setGiftMessage', () => {
  it('writes the message as the delivery-note text of a gift slip, and clears it', () => {
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    const done = value(setGiftMessage(order, '  お誕生日おめでとう！ ', ctx()));
    expect(done.order.shipments[0]).toMatchObject({
      deliveryNoteText: 'お誕生日おめでとう！',
      giftMode: 'gift',
    });
    expect(JSON.stringify(done.event.details)).not.toContain('お誕生日');
    const cleared = value(setGiftMessage(done.order, '', ctx()));
    expect(cleared.order.shipments[0]).not.toHaveProperty('deliveryNoteText');
    expect(cleared.event.details).toMatchObject({ cleared: true });
  });

  it(`refuses more than ${GIFT_MESSAGE_MAX_LENGTH} characters, counting each emoji once`, () => {
    const order = orderWhere((candidate) => candidate.shipments.length === 1);
    expect(setGiftMessage(order, '🎁'.repeat(GIFT_MESSAGE_MAX_LENGTH), ctx()).ok).toBe(true);
    const long = setGiftMessage(order, 'あ'.repeat(GIFT_MESSAGE_MAX_LENGTH + 1), ctx());
    expect(long.issues[0]).toMatchObject({ code: 'orders.edit.gift_message_too_long' });
  });
});

describe('cancelLine', () => {
  it('cancels part of a line: quantity, slip, items, tax row of its rate and billed total go down', () => {
    const order = orderWhere(multiLine);
    const line = order.lines[0]!;
    const done = value(cancelLine(order, { lineId: line.id, quantity: 1 }, ctx()));
    const after = done.order;
    expect(after.lines[0]?.quantity).toBe(line.quantity - 1);
    expect(after.shipments[0]?.lines.find((ref) => ref.lineId === line.id)?.quantity).toBe(line.quantity - 1);
    const recomputed = computeAmounts(after.lines, after.amounts);
    expect(after.amounts).toEqual(recomputed);
    expect(after.amounts.billedTotal).toBe(order.amounts.billedTotal - line.unitPrice);
    expect(checkShipmentInvariants([after])).toEqual([]);
    expect(done.effects.map((effect) => effect.type)).toEqual([
      'inventory.release',
      'payment.adjust',
      'mall.sync',
    ]);
    expect(done.effects[0]?.data).toMatchObject({ lineId: line.id, quantity: 1 });
  });

  it('removes a whole line, recalculates 代引金額, and undoes exactly', () => {
    const c = ctx();
    const order = orderWhere((candidate) => multiLine(candidate) && candidate.payment.method === 'cod');
    const line = order.lines[1]!;
    const done = value(cancelLine(order, { lineId: line.id }, c));
    expect(done.order.lines.map((candidate) => candidate.id)).not.toContain(line.id);
    expect(done.order.shipments[0]?.codAmount).toBe(
      order.shipments[0]!.codAmount - line.unitPrice * line.quantity,
    );
    expect(checkShipmentInvariants([done.order])).toEqual([]);
    const undone = value(undoOperation(done.event, [done.order], c));
    expect(orderContent(undone.orders[0]!)).toEqual(orderContent(order));
  });

  it('drops a slip left empty and moves its fees to the open slip left', () => {
    const c = ctx();
    const order = orderWhere(
      (candidate) => multiLine(candidate) && candidate.shipments[0]!.charges.length > 0,
    );
    const slip = order.shipments[0]!;
    const [first, ...others] = order.lines;
    // Every line but the first goes to a new slip; keepOnOriginal leaves all fees on the first slip.
    const split = value(
      moveLines(
        order,
        others.map((line) => ({ fromShipmentId: slip.id, lineId: line.id, quantity: line.quantity })),
        { newShipment: true },
        keepOnOriginalPolicy,
        c,
      ),
    );
    expect(split.order.shipments[0]?.lines.map((ref) => ref.lineId)).toEqual([first!.id]);
    const done = value(cancelLine(split.order, { lineId: first!.id }, c));
    expect(done.order.shipments).toHaveLength(1);
    expect(done.order.shipments[0]?.charges).toEqual(slip.charges);
    expect(done.event.details).toMatchObject({ removedShipmentIds: [slip.id] });
    expect(checkShipmentInvariants([done.order])).toEqual([]);
  });

  it('refuses the last unit, units already shipped, bad quantities, unknown lines and 同梱 orders', () => {
    const single = orderWhere((candidate) => candidate.lines.length === 1);
    expect(cancelLine(single, { lineId: single.lines[0]!.id }, ctx()).issues[0]?.code).toBe(
      'orders.edit.last_line',
    );
    const order = orderWhere(multiLine);
    const line = order.lines[0]!;
    const shipped = {
      ...order,
      shipments: order.shipments.map((s) => ({ ...s, state: 'shipped' as const })),
    };
    const refused = cancelLine(shipped, { lineId: line.id, quantity: 1 }, ctx());
    expect(refused.issues[0]).toMatchObject({ code: 'orders.edit.line_shipped', data: { open: 0 } });
    expect(cancelLine(order, { lineId: line.id, quantity: 0 }, ctx()).issues[0]?.code).toBe(
      'orders.edit.invalid_quantity',
    );
    expect(cancelLine(order, { lineId: line.id, quantity: line.quantity + 1 }, ctx()).issues[0]?.code).toBe(
      'orders.edit.quantity_exceeds',
    );
    expect(cancelLine(order, { lineId: 'nope' }, ctx()).issues[0]?.code).toBe('orders.edit.unknown_line');
    const parent: Order = { ...order, bundle: { role: 'parent', childOrderIds: ['o2'] } };
    expect(cancelLine(parent, { lineId: line.id, quantity: 1 }, ctx()).issues[0]?.code).toBe(
      'orders.edit.bundled',
    );
  });

  it('refuses a cancellation that would bring the billed total below zero', () => {
    const order = orderWhere(multiLine);
    const line = order.lines[0]!;
    // Points cover the whole bill, so any cancelled yen would be owed back below zero.
    const generous = {
      ...order,
      amounts: {
        ...order.amounts,
        pointsUsed: order.amounts.pointsUsed + order.amounts.billedTotal,
        billedTotal: 0,
      },
    };
    const result = cancelLine(generous, { lineId: line.id }, ctx());
    expect(result.issues[0]?.code).toBe('orders.edit.negative_total');
  });
});
