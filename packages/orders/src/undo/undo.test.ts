import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { unbundle } from '../bundle/bundle';
import { orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import { keepOnOriginalPolicy } from '../split/policy';
import { moveLines, unsplit } from '../split/split';
import { defaultStatusFlow } from '../status/default-flow';
import { applyTransition } from '../status/flow';
import { generateOrders } from '../testing/generator';
import { undoOperation } from './undo';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
  reason: '誤操作の取消',
});

function moved(c: OperationContext) {
  const order = generateOrders({ seed: 77, count: 1 })[0]!;
  const slip = order.shipments[0]!;
  const result = moveLines(
    order,
    [{ fromShipmentId: slip.id, lineId: slip.lines[0]!.lineId, quantity: 1 }],
    { newShipment: true },
    keepOnOriginalPolicy,
    c,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return { order, result: result.value };
}

describe('undoOperation', () => {
  it('records actor and reason on the undo event and supports redo by undoing the undo', () => {
    const c = ctx();
    const { order, result } = moved(c);
    const undone = undoOperation(result.event, [result.order], c);
    if (!undone.ok) throw new Error('undo failed');
    expect(undone.value.event).toMatchObject({
      type: 'undo',
      undoes: result.event.id,
      actor: 'staff-1',
      reason: '誤操作の取消',
    });
    expect(orderContent(undone.value.orders[0]!)).toEqual(orderContent(order));
    const redone = undoOperation(undone.value.event, undone.value.orders, c);
    if (!redone.ok) throw new Error(JSON.stringify(redone.issues));
    expect(orderContent(redone.value.orders[0]!)).toEqual(orderContent(result.order));
  });

  it('refuses a status event, a missing order and the wrong kind of event', () => {
    const c = ctx();
    const { result } = moved(c);
    const transition = applyTransition(defaultStatusFlow, result.order, 'hold', c, { reason: '確認' });
    if (!transition.ok) throw new Error('hold failed');
    expect(undoOperation(transition.value.event, [transition.value.order], c).issues[0]?.code).toBe(
      'orders.undo.not_undoable',
    );
    expect(undoOperation(result.event, [], c).issues[0]?.code).toBe('orders.undo.missing_order');
    expect(unbundle(result.event, [result.order], c).issues[0]?.code).toBe('orders.undo.wrong_event');
    expect(unsplit({ ...result.event, type: 'bundle' }, result.order, c).issues[0]?.code).toBe(
      'orders.undo.wrong_event',
    );
  });

  it('treats an edit after the operation as a conflict, with the state unchanged', () => {
    const c = ctx();
    const { result } = moved(c);
    const held = applyTransition(defaultStatusFlow, result.order, 'hold', c, { reason: '確認' });
    if (!held.ok) throw new Error('hold failed');
    const copy = structuredClone(held.value.order);
    const undone = undoOperation(result.event, [held.value.order], c);
    expect(undone.issues.map((issue) => issue.code)).toEqual(['orders.undo.conflict']);
    expect(held.value.order).toEqual(copy);
  });
});
