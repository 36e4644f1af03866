import { createIssue } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import type { Order } from '../model/order';
import { queryOrders } from '../repository/query';
import { noHoldsOrAlerts } from '../status/default-flow';
import { generateOrders } from '../testing/generator';
import { undoOperation } from '../undo/undo';
import { acknowledgeAlerts } from './acknowledge';
import { alertEvidence, openAlerts } from './evidence';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
  reason: '電話で確認済み',
});

function alerted(): Order {
  const order = generateOrders({ seed: 8, count: 1 })[0]!;
  return {
    ...order,
    status: 'new',
    alerts: [
      createIssue('orders.blacklist.hit', 'ブラックリストb1（受取拒否）に注文者の電話番号が一致しました', {
        data: { entryId: 'b1', field: 'phone', value: '09011112222', party: 'orderer' },
      }),
      createIssue('carrier.remote_island', '伝票1-1のお届け先は離島です', { severity: 'warning' }),
    ],
  };
}

describe('acknowledgeAlerts', () => {
  it('marks the selected alerts 確認済み with who, when and why, and keeps them on the order', () => {
    const order = alerted();
    const done = acknowledgeAlerts(order, { codes: ['orders.blacklist.hit'] }, ctx());
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    const [hit, island] = done.value.order.alerts;
    expect(hit?.acknowledged).toEqual({
      by: 'staff-1',
      at: '2026-11-28T10:00:00.000+09:00',
      note: '電話で確認済み',
    });
    expect(island?.acknowledged).toBeUndefined();
    expect(openAlerts(done.value.order).map((alert) => alert.code)).toEqual(['carrier.remote_island']);
    expect(done.value.event).toMatchObject({ type: 'alerts.acknowledge', actor: 'staff-1' });
    expect(done.value.order.version).toBe(order.version + 1);
  });

  it('lets the order through the default guard and out of the hasAlerts list once acknowledged', () => {
    const order = alerted();
    expect(noHoldsOrAlerts(order, {}).map((issue) => issue.code)).toEqual(['orders.status.unresolved_alert']);
    const done = acknowledgeAlerts(order, { evidence: [alertEvidence(order.alerts[0]!)] }, ctx());
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    expect(noHoldsOrAlerts(done.value.order, {})).toEqual([]);
    const everything = acknowledgeAlerts(done.value.order, {}, ctx());
    if (!everything.ok) throw new Error(JSON.stringify(everything.issues));
    const page = { offset: 0, limit: 10 };
    expect(queryOrders([done.value.order], { hasAlerts: true }, page).items).toHaveLength(1);
    expect(queryOrders([everything.value.order], { hasAlerts: true }, page).items).toHaveLength(0);
  });

  it('is undone exactly', () => {
    const order = alerted();
    const done = acknowledgeAlerts(order, {}, ctx());
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    const undone = undoOperation(done.value.event, [done.value.order], ctx());
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(JSON.stringify(orderContent(undone.value.orders[0]!))).toBe(JSON.stringify(orderContent(order)));
  });

  it('refuses a stale selection and a selection with nothing open', () => {
    const order = alerted();
    expect(acknowledgeAlerts(order, { evidence: ['{"code":"gone"}'] }, ctx()).issues).toMatchObject([
      { code: 'orders.alert.unknown', path: ['evidence', 0] },
    ]);
    expect(acknowledgeAlerts(order, { codes: ['malls.amount_mismatch'] }, ctx()).issues[0]?.code).toBe(
      'orders.alert.nothing_to_acknowledge',
    );
    const done = acknowledgeAlerts(order, {}, ctx());
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    expect(acknowledgeAlerts(done.value.order, {}, ctx()).issues[0]?.code).toBe(
      'orders.alert.nothing_to_acknowledge',
    );
  });
});
