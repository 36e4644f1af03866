import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBlacklistIndex, rescreenOrders } from '../blacklist/blacklist';
import { changeDestination } from '../edit/edit';
import type { OperationContext } from '../model/operation';
import { Order } from '../model/order';
import type { Party } from '../model/party';
import { defaultStatusFlow } from '../status/default-flow';
import { applyTransition } from '../status/flow';
import { generateOrders } from '../testing/generator';
import { orderRetentionRecord, planRetention, type RetentionPolicy, retentionDueAt } from './policy';
import { redactOrder } from './redact';

const DAY = 86_400_000;
const START = Date.parse('2026-12-01T00:00:00+09:00');

function ctxAt(ms: number, actor = 'staff-1'): OperationContext {
  return { clock: fixedClock(new Date(ms)), ids: sequenceIdGenerator(), actor };
}

function value<T>(result: { ok: boolean; value?: T; issues: unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as T;
}

function partyTexts(party: Party): string[] {
  return [
    party.name,
    party.nameKana,
    party.company,
    party.postalCode,
    party.address1,
    party.address2,
    party.phone,
    party.email,
  ].filter((text): text is string => text !== undefined && text.length >= 2);
}

/** Every personal text an order carries now or carried before (its history's before-states). */
function personalTexts(order: Order): string[] {
  const states = [order, ...order.history.flatMap((event) => event.before ?? [])];
  return [
    ...new Set(
      states.flatMap((state) => [
        ...partyTexts(state.orderer),
        ...state.shipments.flatMap((shipment) => [
          ...partyTexts(shipment.destination),
          ...[shipment.deliveryNoteText, shipment.labelNote].filter(
            (text): text is string => text !== undefined,
          ),
        ]),
        ...state.lines.flatMap((line) => (line.noshi === undefined ? [] : [line.noshi])),
        ...[state.notes.customer, state.notes.internal].filter((text): text is string => text !== undefined),
      ]),
    ),
  ];
}

/** What the books need of an order: numbers, amounts, dates, statuses, and the audit trail's skeleton. */
function accounting(order: Order) {
  return {
    id: order.id,
    channel: order.channel,
    shopId: order.shopId,
    mallOrderNumber: order.mallOrderNumber,
    orderedAt: order.orderedAt,
    status: order.status,
    payment: order.payment,
    amounts: order.amounts,
    lines: order.lines.map(
      ({ id, sku, masterSku, mallItemCode, name, options, unitPrice, quantity, taxRate }) => ({
        id,
        sku,
        masterSku,
        mallItemCode,
        name,
        options,
        unitPrice,
        quantity,
        taxRate,
      }),
    ),
    shipments: order.shipments.map((shipment) => ({
      id: shipment.id,
      slipNumber: shipment.slipNumber,
      lines: shipment.lines,
      charges: shipment.charges,
      codAmount: shipment.codAmount,
      trackingNumbers: shipment.trackingNumbers,
      state: shipment.state,
      requestedDate: shipment.requestedDate,
      prefecture: shipment.destination.prefecture,
    })),
    events: order.history.map(({ id, type, at, actor }) => ({ id, type, at, actor })),
  };
}

interface Scenario {
  readonly seed: number;
  readonly count: number;
  /** Per order: minutes after START at which it closes, or null to leave it open. */
  readonly closings: readonly (number | null)[];
  readonly redactDays: number;
  readonly deleteDays: number | null;
}

const newAddress: Party = {
  name: '保持 テスト',
  postalCode: '900-0015',
  prefecture: '沖縄県',
  address1: '那覇市久茂地9-9-9',
  phone: '098-000-1111',
  email: 'retention@example.jp',
};

/** Orders full of personal data, with a history, closed (completed or cancelled) at the given instants. */
function buildOrders(scenario: Scenario): Order[] {
  return generateOrders({ seed: scenario.seed, count: scenario.count, giftRate: 0.5 }).map(
    (generated, index) => {
      let order = structuredClone(generated);
      const name = order.orderer.name;
      order.notes = { customer: `${name}宛 不在時は隣へ`, internal: `${order.orderer.phone}に確認済` };
      order.lines[0]!.noshi = `御祝 ${name}`;
      order.shipments[0]!.labelNote = `${name}様 置き配`;
      if (index % 2 === 0) order = value(changeDestination(order, newAddress, ctxAt(START - DAY))).order;
      const blacklist = buildBlacklistIndex([{ id: 'b1', phone: order.orderer.phone, reason: '受取拒否' }]);
      order = rescreenOrders([order], blacklist, ctxAt(START - DAY)).changed[0] ?? order;
      const minutes = scenario.closings[index % scenario.closings.length] ?? null;
      if (minutes === null) return order;
      const close = ctxAt(START + minutes * 60_000);
      const settled = order.status === 'awaitingShipment' && order.alerts.length === 0;
      if (!settled)
        return value(applyTransition(defaultStatusFlow, order, 'cancel', close, { reason: '要確認' })).order;
      const ready = {
        ...order,
        shipments: order.shipments.map((s) => ({ ...s, trackingNumbers: ['4000-0000-0000'] })),
      };
      const shipped = value(applyTransition(defaultStatusFlow, ready, 'ship', close)).order;
      return value(applyTransition(defaultStatusFlow, shipped, 'complete', close)).order;
    },
  );
}

const scenarios = fc.record({
  seed: fc.integer({ min: 1, max: 10_000 }),
  count: fc.integer({ min: 1, max: 5 }),
  closings: fc.array(fc.option(fc.integer({ min: 0, max: 120 * 24 * 60 }), { nil: null }), {
    minLength: 1,
    maxLength: 5,
  }),
  redactDays: fc.integer({ min: 0, max: 60 }),
  deleteDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
});

/** `now`: anywhere in the period, or exactly at / one millisecond before some order's deadline. */
const nowChoice = fc.record({
  kind: fc.constantFrom('anywhere', 'atDeadline', 'justBefore'),
  minutes: fc.integer({ min: 0, max: 250 * 24 * 60 }),
  pick: fc.nat(),
});

describe('retention (property)', () => {
  it('leaves no personal text past its deadline, loses no accounting field, and touches nothing early', () => {
    fc.assert(
      fc.property(scenarios, nowChoice, (scenario, choice) => {
        const orders = buildOrders(scenario);
        const policy: RetentionPolicy = {
          rules: [
            { kind: 'order', action: 'redact', keepDays: scenario.redactDays },
            ...(scenario.deleteDays === null
              ? []
              : [{ kind: 'order' as const, action: 'delete' as const, keepDays: scenario.deleteDays }]),
          ],
        };
        const records = orders.map((order) => orderRetentionRecord(order));
        const deadlines = records.flatMap((record) =>
          record.closedAt === undefined
            ? []
            : [retentionDueAt(record.closedAt, scenario.redactDays).getTime()],
        );
        const target = deadlines.length === 0 ? undefined : deadlines[choice.pick % deadlines.length];
        const now = new Date(
          choice.kind === 'anywhere' || target === undefined
            ? START + choice.minutes * 60_000
            : target - (choice.kind === 'justBefore' ? 1 : 0),
        );

        const plan = planRetention(records, policy, now);
        const steps = new Map(plan.steps.map((step) => [step.id, step]));
        const kept = orders.flatMap((order) => {
          const step = steps.get(order.id);
          if (step?.action === 'delete') return [];
          return [
            step === undefined ? order : redactOrder(order, ctxAt(now.getTime(), 'system:retention')).order,
          ];
        });

        for (const [index, original] of orders.entries()) {
          const record = records[index]!;
          const result = kept.find((order) => order.id === original.id);
          const firstDays = Math.min(scenario.redactDays, scenario.deleteDays ?? Number.POSITIVE_INFINITY);
          const due =
            record.closedAt !== undefined &&
            now.getTime() >= retentionDueAt(record.closedAt, firstDays).getTime();
          if (!due) {
            expect(result).toEqual(original);
            continue;
          }
          if (result === undefined) continue;
          const json = JSON.stringify(result);
          expect(personalTexts(original).filter((text) => json.includes(text))).toEqual([]);
          expect(
            accounting({ ...result, history: result.history.slice(0, original.history.length) }),
          ).toEqual(accounting(original));
          expect(Order.safeParse(result).success).toBe(true);
        }

        const again = planRetention(
          kept.map((order) => orderRetentionRecord(order)),
          policy,
          now,
        );
        expect(again.counts.redact).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
