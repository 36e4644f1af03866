import { createIssue, type Issue } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import type { OperationContext } from '../model/operation';
import type { Order } from '../model/order';
import { generateOrders } from '../testing/generator';
import { acknowledgeAlerts } from './acknowledge';
import { recordShipmentAlerts, SHIPMENT_CHECK_SOURCE, type ShipmentIssues } from './shipment-alerts';

const ctx = (): OperationContext => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'system:shipment-check',
});

/** Two orders, the first with two slips, as `checkShipments` would see them in one flat list. */
function orders(): [Order, Order] {
  const [a, b] = generateOrders({ seed: 12, count: 2, mixedTemperatureRate: 0 });
  const first: Order = {
    ...a!,
    shipments: [
      a!.shipments[0]!,
      { ...a!.shipments[0]!, id: 'second-slip', slipNumber: `${a!.mallOrderNumber}-2` },
    ],
    alerts: [createIssue('malls.amount_mismatch', '金額が一致しません', { severity: 'warning' })],
  };
  return [first, b!];
}

/** Issues shaped as `@hakobu/carriers` reports them: paths into the flat list of checked shipments. */
function mismatch(index: number, slip: string): Issue {
  return createIssue(
    'carrier.postal.address_mismatch',
    `伝票${slip}のお届け先の郵便番号と住所が一致しません`,
    {
      severity: 'warning',
      path: ['shipments', index, 'destination', 'postalCode'],
      data: { postalCode: '1000001' },
    },
  );
}

function island(index: number, slip: string): Issue {
  return createIssue('carrier.remote_island', `伝票${slip}のお届け先は離島（八丈島）です`, {
    severity: 'warning',
    path: ['shipments', index, 'destination', 'prefecture'],
  });
}

describe('recordShipmentAlerts', () => {
  it('copies each shipment’s issues onto the order holding it, pointed at its slip and marked', () => {
    const [first, second] = orders();
    const results: ShipmentIssues[] = [
      { shipmentId: first.shipments[0]!.id, issues: [] },
      { shipmentId: 'second-slip', issues: [mismatch(1, first.shipments[1]!.slipNumber)] },
      { shipmentId: second.shipments[0]!.id, issues: [island(2, second.shipments[0]!.slipNumber)] },
    ];
    const outcome = recordShipmentAlerts([first, second], results, ctx());
    expect(outcome.issues).toEqual([]);
    expect(outcome.changed.map((order) => order.id)).toEqual([first.id, second.id]);
    const [recorded] = outcome.changed;
    expect(recorded!.alerts).toEqual([
      first.alerts[0],
      {
        code: 'carrier.postal.address_mismatch',
        severity: 'warning',
        message: `伝票${first.shipments[1]!.slipNumber}のお届け先の郵便番号と住所が一致しません`,
        path: ['shipments', 1, 'destination', 'postalCode'],
        data: { postalCode: '1000001', shipmentId: 'second-slip' },
        source: SHIPMENT_CHECK_SOURCE,
      },
    ]);
    expect(outcome.changed[1]!.alerts[0]?.path).toEqual(['shipments', 0, 'destination', 'prefecture']);
    expect(recorded!.history.at(-1)).toMatchObject({ type: 'alerts.shipmentCheck' });
    expect(recorded!.history.at(-1)?.before).toBeUndefined();
  });

  it('is idempotent, drops what was fixed and keeps acknowledgements while the evidence stands', () => {
    const [first] = orders();
    const slip = first.shipments[1]!.slipNumber;
    const check = (issues: Issue[]): ShipmentIssues[] => [{ shipmentId: 'second-slip', issues }];
    const once = recordShipmentAlerts([first], check([mismatch(0, slip), island(0, slip)]), ctx())
      .changed[0]!;
    expect(recordShipmentAlerts([once], check([mismatch(0, slip), island(0, slip)]), ctx()).changed).toEqual(
      [],
    );
    // Read back from a database with its keys in another order: still the same alerts.
    const reread = JSON.parse(
      JSON.stringify(once, (_, value) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as Order;
    expect(
      recordShipmentAlerts([reread], check([mismatch(0, slip), island(0, slip)]), ctx()).changed,
    ).toEqual([]);

    const acknowledged = acknowledgeAlerts(
      once,
      { codes: ['carrier.remote_island'] },
      { ...ctx(), actor: 'staff-1' },
    );
    if (!acknowledged.ok) throw new Error(JSON.stringify(acknowledged.issues));
    const checked = acknowledged.value.order;
    expect(
      recordShipmentAlerts([checked], check([mismatch(0, slip), island(0, slip)]), ctx()).changed,
    ).toEqual([]);

    // The address was corrected: the mismatch goes, the acknowledged island alert stays acknowledged.
    const fixed = recordShipmentAlerts([checked], check([island(0, slip)]), ctx()).changed[0]!;
    expect(fixed.alerts.map((alert) => [alert.code, alert.acknowledged?.by])).toEqual([
      ['malls.amount_mismatch', undefined],
      ['carrier.remote_island', 'staff-1'],
    ]);
    // Nothing found any more: only the check's own alerts go.
    const clean = recordShipmentAlerts([fixed], check([]), ctx()).changed[0]!;
    expect(clean.alerts.map((alert) => alert.code)).toEqual(['malls.amount_mismatch']);
  });

  it('raises an acknowledged alert again when its evidence changes', () => {
    const [first] = orders();
    const slip = first.shipments[1]!.slipNumber;
    const once = recordShipmentAlerts(
      [first],
      [{ shipmentId: 'second-slip', issues: [mismatch(0, slip)] }],
      ctx(),
    ).changed[0]!;
    const acknowledged = acknowledgeAlerts(once, { codes: ['carrier.postal.address_mismatch'] }, ctx());
    if (!acknowledged.ok) throw new Error(JSON.stringify(acknowledged.issues));
    const moved = { ...mismatch(0, slip), data: { postalCode: '1000002' } };
    const again = recordShipmentAlerts(
      [acknowledged.value.order],
      [{ shipmentId: 'second-slip', issues: [moved] }],
      ctx(),
    ).changed[0]!;
    expect(again.alerts.at(-1)?.acknowledged).toBeUndefined();
    expect(again.alerts.at(-1)?.data).toEqual({ postalCode: '1000002', shipmentId: 'second-slip' });
  });

  it('leaves shipments it was not given alone, whatever order the checks ran in', () => {
    const [first] = orders();
    const [one, two] = first.shipments;
    const a = recordShipmentAlerts(
      [first],
      [{ shipmentId: two!.id, issues: [island(0, two!.slipNumber)] }],
      ctx(),
    ).changed[0]!;
    const b = recordShipmentAlerts(
      [a],
      [{ shipmentId: one!.id, issues: [island(0, one!.slipNumber)] }],
      ctx(),
    ).changed[0]!;
    expect(b.alerts.map((alert) => alert.data?.shipmentId)).toEqual([undefined, two!.id, one!.id]);
    const both = [
      { shipmentId: one!.id, issues: [island(0, one!.slipNumber)] },
      { shipmentId: two!.id, issues: [island(1, two!.slipNumber)] },
    ];
    expect(recordShipmentAlerts([b], both, ctx()).changed).toEqual([]);
  });

  it('warns about a shipment no given order holds, and records on the 同梱 parent that holds it', () => {
    const [parent, child] = orders();
    const bundledParent: Order = {
      ...parent,
      bundle: { role: 'parent', childOrderIds: [child.id] },
    };
    const bundledChild: Order = {
      ...child,
      shipments: [],
      bundle: { role: 'child', parentOrderId: parent.id },
    };
    const outcome = recordShipmentAlerts(
      [bundledChild, bundledParent],
      [
        { shipmentId: 'nowhere', issues: [island(0, 'X')] },
        { shipmentId: parent.shipments[0]!.id, issues: [island(1, parent.shipments[0]!.slipNumber)] },
      ],
      ctx(),
    );
    expect(outcome.issues).toMatchObject([
      { code: 'orders.alert.unknown_shipment', severity: 'warning', path: ['results', 0] },
    ]);
    expect(outcome.changed.map((order) => order.id)).toEqual([parent.id]);
  });
});
