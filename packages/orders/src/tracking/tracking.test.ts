import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { orderContent } from '../model/derive';
import type { Order } from '../model/order';
import { generateOrders } from '../testing/generator';
import { undoOperation } from '../undo/undo';
import { applyTracking, followUpDue } from './tracking';

const ctx = () => ({
  clock: fixedClock('2026-11-29T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'import',
});

describe('applyTracking', () => {
  it('marks slips shipped, reports every bad row with its row number, and is undoable', () => {
    const orders = generateOrders({ seed: 61, count: 3 });
    const [a, b, c] = orders.map((o) => o.shipments[0]!.slipNumber);
    const context = ctx();
    const { changed, issues, events } = applyTracking(
      orders,
      [
        { slipNumber: a!, trackingNumber: '4411-2233-4455', shippedOn: '2026-11-29' },
        { slipNumber: 'nope', trackingNumber: '1', shippedOn: '2026-11-29' },
        { slipNumber: b!, trackingNumber: '4411-2233-4455', shippedOn: '2026-11-29' },
        { slipNumber: c!, trackingNumber: '番号', shippedOn: '2026-11-29' },
        { slipNumber: a!, trackingNumber: '4411-2233-4455', shippedOn: '2026-11-29' },
        { slipNumber: c!, trackingNumber: '5511-2233-4455', shippedOn: '2026-11-31' },
      ],
      { existing: 'reject' },
      context,
    );
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['orders.tracking.unknown_slip', 2],
      ['orders.tracking.duplicate_number', 3],
      ['orders.tracking.invalid_number', 4],
      ['orders.tracking.already_applied', 5],
      ['orders.tracking.invalid_row', 6],
    ]);
    expect(issues[4]?.message).toContain('出荷日「2026-11-31」');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.shipments[0]).toMatchObject({
      state: 'shipped',
      shippedOn: '2026-11-29',
      trackingNumbers: ['4411-2233-4455'],
    });
    const undone = undoOperation(events[0]!, changed, context);
    expect(undone.ok && orderContent(undone.value.orders[0]!)).toEqual(orderContent(orders[0]!));
  });

  it('follows the policy for a slip that already has a number', () => {
    const [order] = generateOrders({ seed: 62, count: 1 });
    const tracked: Order = { ...order!, shipments: [{ ...order!.shipments[0]!, trackingNumbers: ['1111'] }] };
    const row = {
      slipNumber: tracked.shipments[0]!.slipNumber,
      trackingNumber: '2222',
      shippedOn: '2026-11-30',
    };
    expect(applyTracking([tracked], [row], { existing: 'reject' }, ctx()).issues[0]?.code).toBe(
      'orders.tracking.already_set',
    );
    expect(
      applyTracking([tracked], [row], { existing: 'append' }, ctx()).changed[0]?.shipments[0]
        ?.trackingNumbers,
    ).toEqual(['1111', '2222']);
    expect(
      applyTracking([tracked], [row], { existing: 'replace' }, ctx()).changed[0]?.shipments[0]
        ?.trackingNumbers,
    ).toEqual(['2222']);
  });
});

describe('applyTracking with a 発払い複数口 slip (one row per parcel)', () => {
  const parcels = ['389711074012', '389711074023', '389711074034'];
  function slip() {
    const [order] = generateOrders({ seed: 64, count: 1 });
    const slipNumber = order!.shipments[0]!.slipNumber;
    const rows = parcels.map((trackingNumber) => ({ slipNumber, trackingNumber, shippedOn: '2026-12-01' }));
    return { order: order!, rows };
  }

  it('takes every parcel of a slip that had no number under reject, in one event', () => {
    const { order, rows } = slip();
    const context = ctx();
    const { changed, events, issues } = applyTracking([order], rows, { existing: 'reject' }, context);
    expect(issues).toEqual([]);
    expect(changed[0]!.shipments[0]).toMatchObject({
      state: 'shipped',
      shippedOn: '2026-12-01',
      trackingNumbers: parcels,
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({
      slips: [{ slipNumber: rows[0]!.slipNumber, trackingNumbers: parcels }],
    });
    const undone = undoOperation(events[0]!, changed, context);
    expect(undone.ok && orderContent(undone.value.orders[0]!)).toEqual(orderContent(order));
  });

  it('stays idempotent when the same file is imported again, under every policy', () => {
    const { order, rows } = slip();
    const first = applyTracking([order], rows, { existing: 'reject' }, ctx());
    for (const existing of ['reject', 'append', 'replace'] as const) {
      const again = applyTracking(first.changed, rows, { existing }, ctx());
      expect(again.changed).toEqual([]);
      expect(again.events).toEqual([]);
      expect(again.issues.map((issue) => [issue.code, issue.severity, issue.line])).toEqual([
        ['orders.tracking.already_applied', 'info', 1],
        ['orders.tracking.already_applied', 'info', 2],
        ['orders.tracking.already_applied', 'info', 3],
      ]);
    }
  });

  it('under reject still refuses new numbers for a slip that had one before the call', () => {
    const { order, rows } = slip();
    const before = applyTracking([order], rows.slice(0, 1), { existing: 'reject' }, ctx()).changed;
    const { changed, issues } = applyTracking(before, rows, { existing: 'reject' }, ctx());
    expect(changed).toEqual([]);
    expect(issues.map((issue) => [issue.code, issue.line])).toEqual([
      ['orders.tracking.already_applied', 1],
      ['orders.tracking.already_set', 2],
      ['orders.tracking.already_set', 3],
    ]);
    expect(issues[1]?.data).toMatchObject({ existing: [parcels[0]] });
  });

  it('counts a number repeated within the call once', () => {
    const { order, rows } = slip();
    const { changed, issues } = applyTracking([order], [...rows, rows[1]!], { existing: 'reject' }, ctx());
    expect(changed[0]!.shipments[0]!.trackingNumbers).toEqual(parcels);
    expect(issues.map((issue) => [issue.code, issue.line])).toEqual([['orders.tracking.already_applied', 4]]);
  });

  it('replaces the earlier numbers with all the parcels of the call, and appends them', () => {
    const { order, rows } = slip();
    const earlier: Order = {
      ...order,
      shipments: [{ ...order.shipments[0]!, trackingNumbers: ['389711074001'] }],
    };
    const replaced = applyTracking([earlier], rows, { existing: 'replace' }, ctx());
    expect(replaced.issues).toEqual([]);
    expect(replaced.changed[0]!.shipments[0]!.trackingNumbers).toEqual(parcels);
    const appended = applyTracking([earlier], rows, { existing: 'append' }, ctx());
    expect(appended.changed[0]!.shipments[0]!.trackingNumbers).toEqual(['389711074001', ...parcels]);
    const kept: Order = { ...order, shipments: [{ ...order.shipments[0]!, trackingNumbers: [parcels[1]!] }] };
    const partly = applyTracking([kept], rows, { existing: 'replace' }, ctx());
    expect(partly.changed[0]!.shipments[0]!.trackingNumbers).toEqual(parcels);
  });
});

describe('followUpDue', () => {
  it('lists shipped orders N days after the last ship date in Japan time, once', () => {
    const [order] = generateOrders({ seed: 63, count: 1 });
    const shipped: Order = {
      ...order!,
      shipments: [{ ...order!.shipments[0]!, state: 'shipped', shippedOn: '2026-11-21' }],
    };
    const options = { daysAfterShipped: 7, template: 'followUp' };
    // 2026-11-27T15:00Z is 2026-11-28 00:00 in Japan.
    expect(followUpDue([shipped], options, fixedClock('2026-11-27T14:59:59Z'))).toEqual([]);
    expect(followUpDue([shipped], options, fixedClock('2026-11-27T15:00:00Z'))).toEqual([
      { orderId: shipped.id, dueOn: '2026-11-28' },
    ]);
    const sent = { ...shipped, axes: { ...shipped.axes, mailsSent: ['followUp'] } };
    expect(followUpDue([sent], options, fixedClock('2026-12-27T00:00:00Z'))).toEqual([]);
    expect(followUpDue([order!], options, fixedClock('2026-12-27T00:00:00Z'))).toEqual([]);
  });
});
