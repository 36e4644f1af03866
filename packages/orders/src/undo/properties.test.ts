import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundle, unbundle } from '../bundle/bundle';
import { checkShipmentInvariants, orderContent } from '../model/derive';
import type { OperationContext } from '../model/operation';
import type { Order } from '../model/order';
import type { SplitPolicy } from '../split/policy';
import { addDestination, moveLines, splitByRequestedDate, splitByTemperature, unsplit } from '../split/split';
import { generateOrders } from '../testing/generator';
import { undoOperation } from './undo';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'property',
});

const placement = fc.constantFrom(
  'keepOnOriginal',
  'temperaturePriority',
  'apportionByItems',
) as fc.Arbitrary<SplitPolicy['fees']>;
const policyArb: fc.Arbitrary<SplitPolicy> = fc.record({ fees: placement, discounts: placement });
const orderArb = fc
  .integer({ min: 1, max: 1_000_000 })
  .map((seed) => generateOrders({ seed, count: 1, mixedTemperatureRate: 0.8, idPrefix: `p${seed}-` })[0]!);

function codTotal(order: Order): number {
  return order.shipments.reduce((sum, shipment) => sum + shipment.codAmount, 0);
}

/** Yen exactness: for 代引 orders the slips together collect exactly the billed total. */
function expectExact(before: Order, after: Order): void {
  expect(checkShipmentInvariants([after])).toEqual([]);
  if (after.payment.method === 'cod') expect(codTotal(after)).toBe(before.amounts.billedTotal);
}

describe('split, move and add-destination properties', () => {
  it('split by temperature or date keeps quantities and yen exact, and undo restores exactly', () => {
    fc.assert(
      fc.property(orderArb, policyArb, fc.boolean(), (order, policy, byTemperature) => {
        const c = ctx();
        const result = (byTemperature ? splitByTemperature : splitByRequestedDate)(order, policy, c);
        if (!result.ok) {
          expect(
            result.issues.every((issue) =>
              ['orders.split.nothing_to_split', 'orders.split.negative_cod'].includes(issue.code),
            ),
          ).toBe(true);
          return;
        }
        expectExact(order, result.value.order);
        const undone = unsplit(result.value.event, result.value.order, c);
        expect(undone.ok && orderContent(undone.value.order)).toEqual(orderContent(order));
      }),
      { numRuns: 150 },
    );
  });

  it('moving any quantity keeps quantities and yen exact; moving more than held is refused', () => {
    fc.assert(
      fc.property(
        orderArb,
        policyArb,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (order, policy, pickLine, pickQty, toNew) => {
          const c = ctx();
          const slip = order.shipments[0]!;
          const ref = slip.lines[pickLine % slip.lines.length]!;
          const quantity = 1 + (pickQty % (ref.quantity + 1));
          const result = moveLines(
            order,
            [{ fromShipmentId: slip.id, lineId: ref.lineId, quantity }],
            toNew ? { newShipment: true } : { shipmentId: slip.id },
            policy,
            c,
          );
          if (quantity > ref.quantity) {
            expect(result.issues.map((issue) => issue.code)).toContain('orders.split.quantity_exceeds');
            return;
          }
          if (!toNew) {
            expect(result.issues.map((issue) => issue.code)).toContain('orders.split.same_shipment');
            return;
          }
          if (!result.ok) {
            expect(result.issues.map((issue) => issue.code)).toEqual(['orders.split.negative_cod']);
            return;
          }
          expectExact(order, result.value.order);
          const undone = unsplit(result.value.event, result.value.order, c);
          expect(undone.ok && orderContent(undone.value.order)).toEqual(orderContent(order));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('add-destination keeps quantities and yen exact, and undo restores exactly', () => {
    fc.assert(
      fc.property(orderArb, policyArb, fc.nat(), (order, policy, pickLine) => {
        const c = ctx();
        const slip = order.shipments[0]!;
        const ref = slip.lines[pickLine % slip.lines.length]!;
        const result = addDestination(
          order,
          { copyFrom: 'orderer' },
          [{ fromShipmentId: slip.id, lineId: ref.lineId, quantity: 1 }],
          policy,
          c,
        );
        if (!result.ok) {
          expect(result.issues.map((issue) => issue.code)).toEqual(['orders.split.negative_cod']);
          return;
        }
        expectExact(order, result.value.order);
        const undone = unsplit(result.value.event, result.value.order, c);
        expect(undone.ok && orderContent(undone.value.order)).toEqual(orderContent(order));
      }),
      { numRuns: 150 },
    );
  });
});

describe('bundle properties', () => {
  it('bundle keeps every line and yen across parent and children; unbundle restores them exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('sum', 'keepParent') as fc.Arbitrary<'sum' | 'keepParent'>,
        fc.boolean(),
        (seed, childCount, fees, cod) => {
          const payment = cod
            ? { method: 'cod' as const, status: 'notRequired' as const, paidAmount: 0 }
            : { method: 'creditCard' as const, status: 'authorized' as const, paidAmount: 0 };
          const [parent, ...children] = generateOrders({
            seed,
            count: childCount + 1,
            mixedTemperatureRate: 0,
            idPrefix: `b${seed}-`,
          }).map((order) => {
            const shipment = { ...order.shipments[0]!, temperature: 'ambient' as const };
            delete shipment.requestedDate;
            return { ...order, payment, shipments: [shipment] };
          });
          const c = ctx();
          const result = bundle(parent!, children, { fees }, c);
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          const after = [result.value.parent, ...result.value.children];
          expect(checkShipmentInvariants(after)).toEqual([]);
          if (cod) {
            const waived = result.value.parent.shipments[0]!.charges.filter(
              (charge) => charge.waived === true,
            ).reduce((sum, charge) => sum + charge.amount, 0);
            const billed = [parent!, ...children].reduce((sum, order) => sum + order.amounts.billedTotal, 0);
            expect(result.value.parent.shipments[0]!.codAmount).toBe(billed - waived);
          }
          const undone = unbundle(result.value.event, after, c);
          if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
          expect([undone.value.parent, ...undone.value.children].map(orderContent)).toEqual(
            [parent!, ...children].map(orderContent),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

type Step =
  | { kind: 'temperature'; policy: SplitPolicy }
  | { kind: 'date'; policy: SplitPolicy }
  | { kind: 'move'; policy: SplitPolicy; slip: number; line: number; quantity: number; toNew: boolean }
  | { kind: 'destination'; policy: SplitPolicy; slip: number; line: number }
  | { kind: 'undo' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('temperature' as const), policy: policyArb }),
  fc.record({ kind: fc.constant('date' as const), policy: policyArb }),
  fc.record({
    kind: fc.constant('move' as const),
    policy: policyArb,
    slip: fc.nat(),
    line: fc.nat(),
    quantity: fc.integer({ min: 1, max: 3 }),
    toNew: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('destination' as const), policy: policyArb, slip: fc.nat(), line: fc.nat() }),
  fc.constant({ kind: 'undo' as const }),
);

describe('operation sequences', () => {
  it('no sequence of operations and undos loses a line or a yen; undoing everything restores the order', () => {
    fc.assert(
      fc.property(orderArb, fc.array(stepArb, { maxLength: 12 }), (original, steps) => {
        const c = ctx();
        let order = original;
        const done: { event: Order['history'][number] }[] = [];
        for (const step of steps) {
          let result: ReturnType<typeof moveLines> | undefined;
          const open = order.shipments.filter((shipment) => shipment.state === 'open');
          if (step.kind === 'undo') {
            const last = done.pop();
            if (last === undefined) continue;
            const undone = undoOperation(last.event, [order], c);
            if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
            order = undone.value.orders[0]!;
            expect(checkShipmentInvariants([order])).toEqual([]);
            continue;
          }
          if (step.kind === 'temperature' || step.kind === 'date') {
            const split = step.kind === 'temperature' ? splitByTemperature : splitByRequestedDate;
            result = split(order, step.policy, c);
          } else {
            const slip = open[step.slip % open.length]!;
            const ref = slip.lines[step.line % slip.lines.length]!;
            const move = {
              fromShipmentId: slip.id,
              lineId: ref.lineId,
              quantity: Math.min(ref.quantity, step.kind === 'move' ? step.quantity : 1),
            };
            if (step.kind === 'move') {
              const target = open.find((shipment) => shipment.id !== slip.id);
              result = moveLines(
                order,
                [move],
                step.toNew || target === undefined ? { newShipment: true } : { shipmentId: target.id },
                step.policy,
                c,
              );
            } else {
              result = addDestination(order, { copyFromShipment: slip.id }, [move], step.policy, c);
            }
          }
          if (!result.ok) continue;
          order = result.value.order;
          done.push({ event: result.value.event });
          expectExact(original, order);
        }
        while (done.length > 0) {
          const undone = undoOperation(done.pop()!.event, [order], c);
          if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
          order = undone.value.orders[0]!;
        }
        expect(orderContent(order)).toEqual(orderContent(original));
      }),
      { numRuns: 100 },
    );
  });
});
