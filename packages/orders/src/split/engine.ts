import { apportion, createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import {
  CHARGE_KINDS,
  chargeKindLabels,
  computeCodAmount,
  indexOrders,
  isDiscount,
  shipmentItemsAmount,
} from '../model/derive';
import type { ChargeKind, Order, OrderState, Shipment, ShipmentCharge, ShipmentLine } from '../model/order';
import type { TemperatureZone } from '../model/primitives';
import type { ChargePlacement, SplitPolicy } from './policy';

/** A move of `quantity` of one line from one shipment to another (new or existing). */
export interface LineMove {
  readonly fromShipmentId: string;
  readonly lineId: string;
  readonly quantity: number;
  readonly toShipmentId: string;
}

const DEFAULT_PRIORITY: readonly TemperatureZone[] = ['ambient', 'chilled', 'frozen'];

/**
 * The next `{mallOrderNumber}-{n}` slip numbers (伝票番号) after the highest in use on the order.
 *
 * @example
 * ```ts
 * nextSlipNumbers(order, 2); // with slip '1001-1' in use: ['1001-2', '1001-3']
 * ```
 */
export function nextSlipNumbers(order: OrderState, count: number): string[] {
  const prefix = `${order.mallOrderNumber}-`;
  let highest = 0;
  for (const shipment of order.shipments) {
    if (!shipment.slipNumber.startsWith(prefix)) continue;
    const n = Number(shipment.slipNumber.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return Array.from({ length: count }, (_, index) => `${prefix}${highest + index + 1}`);
}

/** Issues that stop any split of this shipment: not open (出荷済・取消), or carrying another order's lines (同梱). */
export function shipmentSplitIssues(
  order: OrderState,
  shipment: Shipment,
  path: (string | number)[],
): Issue[] {
  const issues: Issue[] = [];
  if (shipment.state !== 'open') {
    issues.push(
      createIssue(
        'orders.split.shipment_not_open',
        `伝票${shipment.slipNumber}は${shipment.state === 'shipped' ? '出荷済み' : '取消済み'}のため分割できません`,
        { path, data: { orderId: order.id, shipmentId: shipment.id, state: shipment.state } },
      ),
    );
  }
  if (shipment.lines.some((line) => line.orderId !== order.id)) {
    issues.push(
      createIssue(
        'orders.split.bundled_shipment',
        `伝票${shipment.slipNumber}は同梱済みのため分割できません。先に同梱を解除してください`,
        {
          path,
          data: { orderId: order.id, shipmentId: shipment.id },
        },
      ),
    );
  }
  return issues;
}

function placementFor(kind: ChargeKind, policy: SplitPolicy): ChargePlacement {
  return policy.byKind?.[kind] ?? (isDiscount(kind) ? policy.discounts : policy.fees);
}

function addLine(lines: ShipmentLine[], ref: ShipmentLine): ShipmentLine[] {
  const at = lines.findIndex((line) => line.orderId === ref.orderId && line.lineId === ref.lineId);
  if (at < 0) return [...lines, ref];
  return lines.map((line, index) =>
    index === at ? { ...line, quantity: line.quantity + ref.quantity } : line,
  );
}

function removeQuantity(
  lines: ShipmentLine[],
  orderId: string,
  lineId: string,
  quantity: number,
): ShipmentLine[] {
  return lines.flatMap((line) => {
    if (line.orderId !== orderId || line.lineId !== lineId) return [line];
    const rest = line.quantity - quantity;
    return rest > 0 ? [{ ...line, quantity: rest }] : [];
  });
}

function validateMoves(
  order: OrderState,
  shipments: Map<string, Shipment>,
  moves: readonly LineMove[],
): Issue[] {
  const issues: Issue[] = [];
  const checked = new Set<string>();
  const taken = new Map<string, number>();
  moves.forEach((move, index) => {
    const path = ['moves', index];
    const from = shipments.get(move.fromShipmentId);
    const to = shipments.get(move.toShipmentId);
    if (from === undefined) {
      issues.push(
        createIssue(
          'orders.split.unknown_shipment',
          `受注${order.mallOrderNumber}に伝票(${move.fromShipmentId})がありません`,
          {
            path,
            data: { shipmentId: move.fromShipmentId },
          },
        ),
      );
    }
    if (to === undefined) {
      issues.push(
        createIssue(
          'orders.split.unknown_shipment',
          `受注${order.mallOrderNumber}に伝票(${move.toShipmentId})がありません`,
          {
            path,
            data: { shipmentId: move.toShipmentId },
          },
        ),
      );
    }
    for (const shipment of [from, to]) {
      if (shipment !== undefined && !checked.has(shipment.id)) {
        checked.add(shipment.id);
        issues.push(...shipmentSplitIssues(order, shipment, path));
      }
    }
    if (move.fromShipmentId === move.toShipmentId) {
      issues.push(
        createIssue('orders.split.same_shipment', `移動元と移動先が同じ伝票です`, {
          path,
          data: { shipmentId: move.toShipmentId },
        }),
      );
    }
    const line = order.lines.find((candidate) => candidate.id === move.lineId);
    if (line === undefined) {
      issues.push(
        createIssue(
          'orders.split.unknown_line',
          `受注${order.mallOrderNumber}に明細(${move.lineId})がありません`,
          {
            path,
            data: { lineId: move.lineId },
          },
        ),
      );
      return;
    }
    if (!Number.isInteger(move.quantity) || move.quantity <= 0) {
      issues.push(
        createIssue(
          'orders.split.invalid_quantity',
          `明細「${line.name}」の移動数量は1以上の整数で指定してください`,
          {
            path,
            data: { lineId: line.id, quantity: move.quantity },
          },
        ),
      );
      return;
    }
    if (from === undefined) return;
    const key = `${from.id}\u0000${line.id}`;
    const held = from.lines.find((ref) => ref.orderId === order.id && ref.lineId === line.id)?.quantity ?? 0;
    const total = (taken.get(key) ?? 0) + move.quantity;
    taken.set(key, total);
    if (total > held) {
      issues.push(
        createIssue(
          'orders.split.quantity_exceeds',
          `伝票${from.slipNumber}の明細「${line.name}」は${held}点ですが、${total}点を移動しようとしています`,
          { path, data: { shipmentId: from.id, lineId: line.id, held, requested: total } },
        ),
      );
    }
  });
  return issues;
}

function priorityShipment(shipments: readonly Shipment[], policy: SplitPolicy): Shipment {
  const priority = policy.temperaturePriority ?? DEFAULT_PRIORITY;
  const rank = (zone: TemperatureZone): number => {
    const at = priority.indexOf(zone);
    return at < 0 ? priority.length : at;
  };
  return shipments.reduce((best, shipment) =>
    rank(shipment.temperature) < rank(best.temperature) ? shipment : best,
  );
}

function placeCharges(
  order: OrderState,
  involved: Shipment[],
  pooled: readonly ShipmentCharge[],
  policy: SplitPolicy,
  originalId: string | undefined,
): Result<Shipment[]> {
  const original = Math.max(
    0,
    involved.findIndex((shipment) => shipment.id === originalId),
  );
  const byId = indexOrders([order]);
  const weights = involved.map((shipment) => shipmentItemsAmount(shipment, byId));
  const placed = involved.map(() => new Map<ChargeKind, number>());
  const add = (index: number, kind: ChargeKind, amount: number): void => {
    const bucket = placed[index]!;
    bucket.set(kind, (bucket.get(kind) ?? 0) + amount);
  };
  const issues: Issue[] = [];
  for (const charge of pooled) {
    const placement = placementFor(charge.kind, policy);
    if (placement === 'apportionByItems') {
      const shares = apportion(charge.amount, weights);
      if (!shares.ok) {
        issues.push(
          createIssue(
            'orders.split.cannot_apportion',
            `受注${order.mallOrderNumber}の${chargeKindLabels[charge.kind]}${charge.amount}円を商品金額で按分できません（対象の伝票の商品金額がすべて0円です）`,
            { data: { orderId: order.id, kind: charge.kind, amount: charge.amount } },
          ),
        );
        continue;
      }
      for (const [index, amount] of shares.value.entries()) add(index, charge.kind, amount);
    } else if (placement === 'temperaturePriority') {
      add(involved.indexOf(priorityShipment(involved, policy)), charge.kind, charge.amount);
    } else {
      add(original, charge.kind, charge.amount);
    }
  }
  if (issues.length > 0) return fail(issues);
  return ok(
    involved.map((shipment, index) => ({
      ...shipment,
      charges: CHARGE_KINDS.flatMap((kind) => {
        const amount = placed[index]!.get(kind) ?? 0;
        return amount > 0 ? [{ orderId: order.id, kind, amount }] : [];
      }),
    })),
  );
}

function rawCod(shipment: Shipment, order: OrderState): number {
  if (order.payment.method !== 'cod') return 0;
  let total = shipmentItemsAmount(shipment, indexOrders([order]));
  for (const charge of shipment.charges) total += isDiscount(charge.kind) ? -charge.amount : charge.amount;
  return total;
}

/**
 * Moves quantities between shipments of one order, drops shipments left empty, re-places the fees and
 * discounts of every shipment involved by the policy, and recalculates their COD amounts. `added` are new
 * (empty) shipments that moves may target; they are appended in the given order.
 */
export function executeMoves(
  order: Order,
  moves: readonly LineMove[],
  added: readonly Shipment[],
  policy: SplitPolicy,
): Result<OrderState> {
  const shipments = new Map([...order.shipments, ...added].map((shipment) => [shipment.id, shipment]));
  const issues = validateMoves(order, shipments, moves);
  if (issues.length > 0) return fail(issues);
  for (const move of moves) {
    const from = shipments.get(move.fromShipmentId)!;
    const to = shipments.get(move.toShipmentId)!;
    shipments.set(from.id, {
      ...from,
      lines: removeQuantity(from.lines, order.id, move.lineId, move.quantity),
    });
    shipments.set(to.id, {
      ...to,
      lines: addLine(to.lines, { orderId: order.id, lineId: move.lineId, quantity: move.quantity }),
    });
  }
  const involvedIds = new Set([...moves.flatMap((move) => [move.fromShipmentId, move.toShipmentId])]);
  const ordered = [...order.shipments, ...added].map((shipment) => shipments.get(shipment.id)!);
  const involved = ordered.filter((shipment) => involvedIds.has(shipment.id) && shipment.lines.length > 0);
  const pooled = ordered
    .filter((shipment) => involvedIds.has(shipment.id))
    .flatMap((shipment) => shipment.charges);
  const placed = placeCharges(order, involved, pooled, policy, moves[0]?.fromShipmentId);
  if (!placed.ok) return placed;
  const replaced = new Map(placed.value.map((shipment) => [shipment.id, shipment]));
  const { history: _history, ...state } = order;
  const next: OrderState = {
    ...state,
    shipments: ordered.flatMap((shipment) => {
      if (!involvedIds.has(shipment.id)) return [shipment];
      const updated = replaced.get(shipment.id);
      return updated === undefined ? [] : [updated];
    }),
  };
  const byId = indexOrders([next]);
  const negative: Issue[] = [];
  next.shipments = next.shipments.map((shipment) => {
    if (!involvedIds.has(shipment.id)) return shipment;
    const cod = rawCod(shipment, next);
    if (cod < 0) {
      negative.push(
        createIssue(
          'orders.split.negative_cod',
          `伝票${shipment.slipNumber}の代引金額が${cod}円になります。クーポン・ポイントの配分方法を見直してください`,
          { data: { shipmentId: shipment.id, codAmount: cod } },
        ),
      );
    }
    return { ...shipment, codAmount: computeCodAmount(shipment, byId) };
  });
  return negative.length > 0 ? fail(negative) : ok(next);
}
