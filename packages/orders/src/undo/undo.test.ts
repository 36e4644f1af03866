import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { unbundle } from '../bundle/bundle';
import { orderContent } from '../model/derive';
import { appendRecord, commitOperation, type OperationContext, stateOf } from '../model/operation';
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

  it('does not let a record that changed nothing block the undo, and never undoes the record', () => {
    const c = ctx();
    const { order, result } = moved(c);
    const noted = appendRecord([result.order], c, 'automation.action', { outcome: 'succeeded' });
    expect(noted.event).toMatchObject({ recordOnly: true });
    expect(noted.event.before).toBeUndefined();
    expect(noted.orders[0]!.version).toBe(result.order.version + 1);
    expect(undoOperation(noted.event, noted.orders, c).issues[0]?.code).toBe('orders.undo.not_undoable');
    const undone = undoOperation(result.event, noted.orders, c);
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(orderContent(undone.value.orders[0]!)).toEqual(orderContent(order));
  });

  it('never undoes what a mall did (mall.update, mall.changed_after_shipment)', () => {
    const c = ctx();
    const { result } = moved(c);
    const state = stateOf(result.order);
    for (const type of ['mall.update', 'mall.changed_after_shipment']) {
      const changed = { ...state, notes: { ...state.notes, customer: 'モール側で変更' } };
      const fact = commitOperation([result.order], [changed], c, type, { changedFields: ['notes'] });
      expect(fact.event.before).toBeUndefined();
      expect(fact.event.afterVersions).toBeUndefined();
      expect(undoOperation(fact.event, fact.orders, c).issues[0]?.code).toBe('orders.undo.not_undoable');
      // A history stored before this rule may hold snapshots for the event: still refused.
      const legacy = {
        ...fact.event,
        before: [state],
        afterVersions: { [state.id]: fact.orders[0]!.version },
      };
      const stored = { ...fact.orders[0]!, history: [...result.order.history, legacy] };
      expect(undoOperation(legacy, [stored], c).issues[0]?.code).toBe('orders.undo.not_undoable');
      // And it is a change: the split before it can no longer be undone.
      expect(undoOperation(result.event, fact.orders, c).issues[0]?.code).toBe('orders.undo.conflict');
    }
  });
});
