import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { bundle } from '../bundle/bundle';
import {
  checkShipmentInvariants,
  computeAmounts,
  computeCodAmount,
  indexOrders,
  orderContent,
} from '../model/derive';
import type { OperationContext } from '../model/operation';
import type { Order, OrderLine } from '../model/order';
import { generateOrders } from '../testing/generator';
import { keepOnOriginalPolicy, type SplitPolicy } from './policy';
import { addDestination, moveLines, splitByRequestedDate, splitByTemperature, unsplit } from './split';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'staff-1',
});

function line(
  id: string,
  temperature: OrderLine['temperature'],
  unitPrice: number,
  quantity: number,
): OrderLine {
  return { id, mallItemCode: id, sku: id, name: `商品${id}`, unitPrice, quantity, taxRate: 8, temperature };
}

/** A 代引 order with 常温, 冷凍 and 冷蔵 lines on one slip. */
function mixedOrder(): Order {
  const base = generateOrders({ seed: 9, count: 1 })[0]!;
  const lines = [
    line('L1', 'ambient', 1000, 2),
    line('L2', 'frozen', 3000, 1),
    line('L3', 'chilled', 1500, 1),
  ];
  const fees = { shipping: 1000, codFee: 330, couponDiscount: 300, pointsUsed: 101 };
  const order: Order = {
    ...base,
    id: 'o1',
    mallOrderNumber: 'R-100',
    payment: { method: 'cod', status: 'notRequired', paidAmount: 0 },
    lines,
    amounts: computeAmounts(lines, fees),
    shipments: [
      {
        ...base.shipments[0]!,
        id: 's1',
        slipNumber: 'R-100-1',
        temperature: 'frozen',
        lines: lines.map((l) => ({ orderId: 'o1', lineId: l.id, quantity: l.quantity })),
        charges: [
          { orderId: 'o1', kind: 'shipping', amount: 1000 },
          { orderId: 'o1', kind: 'codFee', amount: 330 },
          { orderId: 'o1', kind: 'couponDiscount', amount: 300 },
          { orderId: 'o1', kind: 'pointsUsed', amount: 101 },
        ],
        codAmount: 0,
      },
    ],
  };
  order.shipments[0]!.codAmount = computeCodAmount(order.shipments[0]!, indexOrders([order]));
  return order;
}

describe('splitByTemperature', () => {
  it('gives each zone its own slip, numbered {orderNumber}-{n}', () => {
    const order = mixedOrder();
    const result = splitByTemperature(order, keepOnOriginalPolicy, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { shipments } = result.value.order;
    expect(shipments.map((s) => [s.slipNumber, s.temperature, s.lines.map((l) => l.lineId)])).toEqual([
      ['R-100-1', 'ambient', ['L1']],
      ['R-100-2', 'chilled', ['L3']],
      ['R-100-3', 'frozen', ['L2']],
    ]);
    expect(shipments[0]!.charges.map((c) => c.amount)).toEqual([1000, 330, 300, 101]);
    expect(shipments[0]!.codAmount).toBe(2000 + 1000 + 330 - 300 - 101);
    expect(shipments[1]!.codAmount).toBe(1500);
    expect(checkShipmentInvariants([result.value.order])).toEqual([]);
    expect(result.value.order.version).toBe(order.version + 1);
    expect(result.value.event.type).toBe('split.temperature');
  });

  it('apportions by item amount exactly and puts fees on the temperature-priority slip', () => {
    const policy: SplitPolicy = {
      fees: 'temperaturePriority',
      discounts: 'apportionByItems',
      temperaturePriority: ['frozen', 'chilled', 'ambient'],
    };
    const result = splitByTemperature(mixedOrder(), policy, ctx());
    if (!result.ok) throw new Error('split failed');
    const [ambient, chilled, frozen] = result.value.order.shipments;
    expect(frozen!.charges.filter((c) => c.kind === 'shipping' || c.kind === 'codFee')).toHaveLength(2);
    expect(ambient!.charges.find((c) => c.kind === 'pointsUsed')?.amount).toBe(31);
    expect(frozen!.charges.find((c) => c.kind === 'pointsUsed')?.amount).toBe(47);
    expect(chilled!.charges.find((c) => c.kind === 'pointsUsed')?.amount).toBe(23);
    const total = result.value.order.shipments.reduce((sum, s) => sum + s.codAmount, 0);
    expect(total).toBe(mixedOrder().amounts.billedTotal);
    expect(checkShipmentInvariants([result.value.order])).toEqual([]);
  });

  it('refuses a shipped slip and an order with nothing to split, leaving it unchanged', () => {
    const shipped = mixedOrder();
    shipped.shipments[0]!.state = 'shipped';
    const copy = structuredClone(shipped);
    const result = splitByTemperature(shipped, keepOnOriginalPolicy, ctx());
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['orders.split.shipment_not_open']);
    expect(shipped).toEqual(copy);
    const single = generateOrders({ seed: 2, count: 1, mixedTemperatureRate: 0 })[0]!;
    expect(splitByTemperature(single, keepOnOriginalPolicy, ctx()).issues[0]?.code).toBe(
      'orders.split.nothing_to_split',
    );
  });

  it('counts the 同梱 children’s lines of a bundled slip, by order and line id', () => {
    // Parent and child both have a line `L1`: 常温 in the parent, 冷凍 in the child, on an 常温 slip each.
    const ambientOnly = (id: string, number: string, temperature: OrderLine['temperature']): Order => {
      const base = generateOrders({ seed: 4, count: 1, mixedTemperatureRate: 0, giftRate: 0 })[0]!;
      const lines = [line('L1', temperature, 1200, 1)];
      return {
        ...base,
        id,
        mallOrderNumber: number,
        payment: { method: 'creditCard', status: 'authorized', paidAmount: 0 },
        lines,
        amounts: computeAmounts(lines, {}),
        shipments: [
          {
            ...base.shipments[0]!,
            id: `${id}-s1`,
            slipNumber: `${number}-1`,
            temperature: 'ambient',
            lines: [{ orderId: id, lineId: 'L1', quantity: 1 }],
            charges: [],
            codAmount: 0,
          },
        ],
      };
    };
    const bundleOf = (childZone: OrderLine['temperature']) => {
      const bundled = bundle(
        ambientOnly('p1', 'R-200', 'ambient'),
        [ambientOnly('c1', 'R-201', childZone)],
        { fees: 'sum' },
        ctx(),
      );
      if (!bundled.ok) throw new Error(JSON.stringify(bundled.issues));
      return bundled.value;
    };

    const frozenInside = bundleOf('frozen');
    expect(splitByTemperature(frozenInside.parent, keepOnOriginalPolicy, ctx()).issues).toMatchObject([
      { code: 'orders.split.bundled_order_missing', data: { missingOrderIds: ['c1'] } },
    ]);
    const refused = splitByTemperature(frozenInside.parent, keepOnOriginalPolicy, ctx(), {
      bundled: frozenInside.children,
    });
    expect(refused.issues.map((issue) => issue.code)).toEqual(['orders.split.bundled_shipment']);
    expect(
      splitByRequestedDate(frozenInside.parent, keepOnOriginalPolicy, ctx(), {
        bundled: frozenInside.children,
      }).issues[0]?.code,
    ).toBe('orders.split.nothing_to_split');

    const allAmbient = bundleOf('ambient');
    expect(
      splitByTemperature(allAmbient.parent, keepOnOriginalPolicy, ctx(), { bundled: allAmbient.children })
        .issues[0]?.code,
    ).toBe('orders.split.nothing_to_split');
  });

  it('is undone exactly by unsplit, and a second undo is refused', () => {
    const order = mixedOrder();
    const c = ctx();
    const split = splitByTemperature(order, keepOnOriginalPolicy, c);
    if (!split.ok) throw new Error('split failed');
    const undone = unsplit(split.value.event, split.value.order, c);
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(orderContent(undone.value.order)).toEqual(orderContent(order));
    expect(undone.value.order.history.map((e) => e.type)).toEqual(['split.temperature', 'undo']);
    const twice = unsplit(split.value.event, undone.value.order, c);
    expect(twice.issues.map((i) => i.code)).toEqual(['orders.undo.already_undone']);
  });

  it('reports a conflict when the order changed after the split', () => {
    const c = ctx();
    const split = splitByTemperature(mixedOrder(), keepOnOriginalPolicy, c);
    if (!split.ok) throw new Error('split failed');
    const moved = moveLines(
      split.value.order,
      [{ fromShipmentId: 's1', lineId: 'L1', quantity: 1 }],
      { newShipment: true },
      keepOnOriginalPolicy,
      c,
    );
    if (!moved.ok) throw new Error(JSON.stringify(moved.issues));
    expect(unsplit(split.value.event, moved.value.order, c).issues[0]?.code).toBe('orders.undo.conflict');
  });
});

describe('splitByRequestedDate', () => {
  it('gives each requested date its own slip', () => {
    const order = mixedOrder();
    order.lines[1] = { ...order.lines[1]!, requestedDate: '2026-12-20' };
    order.shipments[0]!.requestedDate = '2026-12-01';
    const result = splitByRequestedDate(order, keepOnOriginalPolicy, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.order.shipments.map((s) => [s.requestedDate, s.lines.map((l) => l.lineId)])).toEqual([
      ['2026-12-01', ['L1', 'L3']],
      ['2026-12-20', ['L2']],
    ]);
  });
});

describe('moveLines', () => {
  it('moves part of a line to a new slip and back to the existing one', () => {
    const order = mixedOrder();
    const c = ctx();
    const moved = moveLines(
      order,
      [{ fromShipmentId: 's1', lineId: 'L1', quantity: 1 }],
      { newShipment: true },
      keepOnOriginalPolicy,
      c,
    );
    if (!moved.ok) throw new Error('move failed');
    expect(moved.value.order.shipments.map((s) => s.lines)).toEqual([
      [
        { orderId: 'o1', lineId: 'L1', quantity: 1 },
        { orderId: 'o1', lineId: 'L2', quantity: 1 },
        { orderId: 'o1', lineId: 'L3', quantity: 1 },
      ],
      [{ orderId: 'o1', lineId: 'L1', quantity: 1 }],
    ]);
    const back = moveLines(
      moved.value.order,
      [{ fromShipmentId: 'shipment_0001', lineId: 'L1', quantity: 1 }],
      { shipmentId: 's1' },
      keepOnOriginalPolicy,
      c,
    );
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(orderContent(back.value.order)).toEqual(orderContent(order));
  });

  it('refuses moving more than a slip holds, with every problem', () => {
    const order = mixedOrder();
    const result = moveLines(
      order,
      [
        { fromShipmentId: 's1', lineId: 'L1', quantity: 2 },
        { fromShipmentId: 's1', lineId: 'L1', quantity: 1 },
        { fromShipmentId: 's1', lineId: 'nope', quantity: 1 },
        { fromShipmentId: 's1', lineId: 'L2', quantity: 0 },
      ],
      { newShipment: true },
      keepOnOriginalPolicy,
      ctx(),
    );
    expect(result.issues.map((i) => i.code)).toEqual([
      'orders.split.quantity_exceeds',
      'orders.split.unknown_line',
      'orders.split.invalid_quantity',
    ]);
    expect(result.issues[0]?.message).toBe(
      '伝票R-100-1の明細「商品L1」は2点ですが、3点を移動しようとしています',
    );
  });

  it('removes a slip that a move leaves empty', () => {
    const order = mixedOrder();
    const result = moveLines(
      order,
      [
        { fromShipmentId: 's1', lineId: 'L1', quantity: 2 },
        { fromShipmentId: 's1', lineId: 'L2', quantity: 1 },
        { fromShipmentId: 's1', lineId: 'L3', quantity: 1 },
      ],
      { newShipment: true },
      { fees: 'apportionByItems', discounts: 'keepOnOriginal' },
      ctx(),
    );
    // Every line moved: the original slip is removed and the new one takes everything.
    expect(result.ok && result.value.order.shipments.map((s) => s.slipNumber)).toEqual(['R-100-2']);
  });
});

describe('addDestination', () => {
  it('sends a quantity to a new destination copied from the orderer, and undoes exactly', () => {
    const order = mixedOrder();
    const c = ctx();
    const result = addDestination(
      order,
      { copyFrom: 'orderer' },
      [{ fromShipmentId: 's1', lineId: 'L1', quantity: 1 }],
      { fees: 'keepOnOriginal', discounts: 'apportionByItems' },
      c,
      {
        requestedDate: '2026-12-24',
        timeSlot: '19-21',
      },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const added = result.value.order.shipments[1]!;
    expect(added).toMatchObject({
      slipNumber: 'R-100-2',
      destination: order.orderer,
      requestedDate: '2026-12-24',
      timeSlot: '19-21',
    });
    expect(checkShipmentInvariants([result.value.order])).toEqual([]);
    const undone = unsplit(result.value.event, result.value.order, c);
    expect(undone.ok && orderContent(undone.value.order)).toEqual(orderContent(order));
  });

  it('reports every problem of a bad request', () => {
    const result = addDestination(mixedOrder(), { copyFromShipment: 'zzz' }, [], keepOnOriginalPolicy, ctx());
    expect(result.issues.map((i) => i.code)).toEqual([
      'orders.destination.unknown_shipment',
      'orders.destination.no_lines',
    ]);
  });
});

describe('negative COD', () => {
  it('refuses a discount placement that would leave a slip collecting less than nothing', () => {
    const order = mixedOrder();
    const heavy: Order = {
      ...order,
      amounts: { ...order.amounts, pointsUsed: 3000, billedTotal: order.amounts.billedTotal - 2899 },
      shipments: order.shipments.map((s) => ({
        ...s,
        charges: s.charges.map((c) => (c.kind === 'pointsUsed' ? { ...c, amount: 3000 } : c)),
      })),
    };
    const result = moveLines(
      heavy,
      [
        { fromShipmentId: 's1', lineId: 'L1', quantity: 2 },
        { fromShipmentId: 's1', lineId: 'L2', quantity: 1 },
      ],
      { newShipment: true },
      keepOnOriginalPolicy,
      ctx(),
    );
    expect(result.issues.map((i) => i.code)).toEqual(['orders.split.negative_cod']);
    expect(result.issues[0]?.message).toContain('R-100-1');
  });
});

describe('apportioning over free goods', () => {
  it('refuses apportionByItems when every slip involved holds only free goods, leaving the order unchanged', () => {
    const order = mixedOrder();
    const freeLines = order.lines.map((l) => ({ ...l, unitPrice: 0 }));
    const free: Order = {
      ...order,
      lines: freeLines,
      amounts: computeAmounts(freeLines, { shipping: 1000, codFee: 330 }),
      shipments: order.shipments.map((s) => ({
        ...s,
        charges: s.charges.filter((c) => c.kind === 'shipping' || c.kind === 'codFee'),
      })),
    };
    const snapshot = structuredClone(free);
    const result = splitByTemperature(free, { fees: 'apportionByItems', discounts: 'keepOnOriginal' }, ctx());
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.code, i.data?.kind])).toEqual([
      ['orders.split.cannot_apportion', 'shipping'],
      ['orders.split.cannot_apportion', 'codFee'],
    ]);
    expect(result.issues[0]?.message).toContain('送料1000円');
    expect(free).toEqual(snapshot);
    const kept = splitByTemperature(free, { fees: 'keepOnOriginal', discounts: 'keepOnOriginal' }, ctx());
    expect(kept.ok && checkShipmentInvariants([kept.value.order])).toEqual([]);
  });
});
