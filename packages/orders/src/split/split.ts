import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import { commitOperation, type OperationContext, type OperationOutcome } from '../model/operation';
import type { Order, OrderEvent, OrderLine, OrderState, Shipment, ShipmentLine } from '../model/order';
import type { Party } from '../model/party';
import type { CalendarDate, TemperatureZone, TimeSlot } from '../model/primitives';
import { undoOperation } from '../undo/undo';
import { executeMoves, type LineMove, nextSlipNumbers, shipmentSplitIssues } from './engine';
import type { SplitPolicy } from './policy';

/** The outcome of a split: the order with its new shipments, and the event that undoes it. */
export interface SplitOutcome {
  readonly order: Order;
  readonly event: OrderEvent;
}

/** Options of {@link splitByTemperature} and {@link splitByRequestedDate}. */
export interface SplitOptions {
  /**
   * The 同梱 children of `order` (`bundle.childOrderIds`): its bundled slip carries their lines, so their
   * temperature zones and dates count too. Required when `order` is a 同梱 parent.
   */
  readonly bundled?: readonly OrderState[];
}

/**
 * Finds the order line a shipment line refers to, in the order or one of its 同梱 children: line ids are
 * unique within an order only, so the order id is part of the key.
 */
function lineFinder(
  order: OrderState,
  bundled: readonly OrderState[],
): (ref: ShipmentLine) => OrderLine | undefined {
  const lines = new Map<string, OrderLine>();
  for (const holder of [order, ...bundled]) {
    for (const line of holder.lines) lines.set(`${holder.id}\u0000${line.id}`, line);
  }
  return (ref) => lines.get(`${ref.orderId}\u0000${ref.lineId}`);
}

/** A slip carrying lines of an order that was not given: its zones or dates cannot be known. */
function missingBundled(order: OrderState, bundled: readonly OrderState[]): Issue[] {
  const known = new Set([order.id, ...bundled.map((child) => child.id)]);
  const issues: Issue[] = [];
  order.shipments.forEach((shipment, index) => {
    if (shipment.state === 'cancelled') return;
    const missing = [...new Set(shipment.lines.map((line) => line.orderId))].filter((id) => !known.has(id));
    if (missing.length === 0) return;
    issues.push(
      createIssue(
        'orders.split.bundled_order_missing',
        `伝票${shipment.slipNumber}には同梱された受注の明細があります。同梱された受注も渡してください`,
        {
          path: ['shipments', index],
          data: { orderId: order.id, shipmentId: shipment.id, missingOrderIds: missing },
        },
      ),
    );
  });
  return issues;
}

const ZONES: readonly TemperatureZone[] = ['ambient', 'chilled', 'frozen'];

function outcome(
  before: Order,
  after: Result<Omit<Order, 'history'>>,
  ctx: OperationContext,
  type: string,
  details: Record<string, unknown>,
): Result<SplitOutcome> {
  if (!after.ok) return after;
  const done: OperationOutcome = commitOperation([before], [after.value], ctx, type, details);
  return ok({ order: done.orders[0]!, event: done.event });
}

function newShipment(template: Shipment, slipNumber: string, ctx: OperationContext): Shipment {
  return {
    ...template,
    id: ctx.ids.newId('shipment'),
    slipNumber,
    lines: [],
    charges: [],
    codAmount: 0,
    trackingNumbers: [],
    state: 'open',
  };
}

function nothingToSplit(order: Order, what: string): Result<SplitOutcome> {
  return fail([
    createIssue(
      'orders.split.nothing_to_split',
      `受注${order.mallOrderNumber}には${what}で分ける伝票がありません`,
      {
        data: { orderId: order.id },
      },
    ),
  ]);
}

type GroupKey = string;

interface SplitPlan {
  readonly moves: LineMove[];
  readonly added: Shipment[];
  /** The order with each original slip reshaped to the group it keeps (its temperature or date). */
  readonly shaped: Order;
}

/**
 * Plans the split of every open shipment whose lines fall into several groups: the group sorted first stays
 * on the original slip, each other group gets a new slip `{mallOrderNumber}-{n}` with the same destination.
 */
function planSplit(
  order: Order,
  ctx: OperationContext,
  groupOf: (ref: ShipmentLine, shipment: Shipment) => GroupKey,
  sortGroups: (keys: GroupKey[], shipment: Shipment) => GroupKey[],
  shape: (shipment: Shipment, key: GroupKey) => Shipment,
): Result<SplitPlan> {
  const issues: Issue[] = [];
  const plans: { index: number; groups: Map<GroupKey, ShipmentLine[]>; keys: GroupKey[] }[] = [];
  order.shipments.forEach((shipment, index) => {
    if (shipment.state === 'cancelled') return;
    const groups = new Map<GroupKey, ShipmentLine[]>();
    for (const ref of shipment.lines) {
      const key = groupOf(ref, shipment);
      groups.set(key, [...(groups.get(key) ?? []), ref]);
    }
    if (groups.size < 2) return;
    const blocking = shipmentSplitIssues(order, shipment, ['shipments', index]);
    if (blocking.length > 0) issues.push(...blocking);
    else plans.push({ index, groups, keys: sortGroups([...groups.keys()], shipment) });
  });
  if (issues.length > 0) return fail(issues);
  const slips = nextSlipNumbers(
    order,
    plans.reduce((sum, plan) => sum + plan.keys.length - 1, 0),
  );
  const moves: LineMove[] = [];
  const added: Shipment[] = [];
  let shipments = order.shipments;
  for (const plan of plans) {
    const original = order.shipments[plan.index]!;
    const [keep, ...others] = plan.keys;
    shipments = shipments.with(plan.index, shape(original, keep!));
    for (const key of others) {
      const target = shape(newShipment(original, slips.shift()!, ctx), key);
      added.push(target);
      for (const ref of plan.groups.get(key) ?? []) {
        moves.push({
          fromShipmentId: original.id,
          lineId: ref.lineId,
          quantity: ref.quantity,
          toShipmentId: target.id,
        });
      }
    }
  }
  return ok({ moves, added, shaped: { ...order, shipments } });
}

function runPlan(
  order: Order,
  policy: SplitPolicy,
  ctx: OperationContext,
  type: string,
  what: string,
  plan: Result<SplitPlan>,
): Result<SplitOutcome> {
  if (!plan.ok) return plan;
  if (plan.value.moves.length === 0) return nothingToSplit(order, what);
  return outcome(
    order,
    executeMoves(plan.value.shaped, plan.value.moves, plan.value.added, policy),
    ctx,
    type,
    {
      moves: plan.value.moves,
      newShipmentIds: plan.value.added.map((shipment) => shipment.id),
      policy,
    },
  );
}

/**
 * 伝票分割 by temperature zone (温度帯別): each open slip holding lines of several zones keeps the first zone
 * (常温, then 冷蔵, then 冷凍) and gives each other zone a new slip with that temperature. Fees, COD, coupon
 * and points follow `policy`; yen stay exact. A 同梱 slip carries its children's lines too: pass the children
 * as `options.bundled` (refused with `orders.split.bundled_order_missing` otherwise); when their zones differ
 * the slip is refused with `orders.split.bundled_shipment` (unbundle, split, bundle again). Undo with
 * {@link unsplit}.
 *
 * @example
 * ```ts
 * const result = splitByTemperature(order, { fees: 'temperaturePriority', discounts: 'apportionByItems' }, ctx);
 * if (result.ok) result.value.order.shipments.map((s) => s.temperature); // ['ambient', 'frozen']
 * splitByTemperature(parent, keepOnOriginalPolicy, ctx, { bundled: children }); // a 同梱 parent
 * ```
 */
export function splitByTemperature(
  order: Order,
  policy: SplitPolicy,
  ctx: OperationContext,
  options: SplitOptions = {},
): Result<SplitOutcome> {
  const bundled = options.bundled ?? [];
  const missing = missingBundled(order, bundled);
  if (missing.length > 0) return fail(missing);
  const lineOf = lineFinder(order, bundled);
  const zoneOf = (ref: ShipmentLine): TemperatureZone => lineOf(ref)?.temperature ?? 'ambient';
  const plan = planSplit(
    order,
    ctx,
    zoneOf,
    (keys) =>
      [...keys].sort((a, b) => ZONES.indexOf(a as TemperatureZone) - ZONES.indexOf(b as TemperatureZone)),
    (shipment, key) => ({ ...shipment, temperature: key as TemperatureZone }),
  );
  return runPlan(order, policy, ctx, 'split.temperature', '温度帯', plan);
}

const NO_DATE = '';

/**
 * 伝票分割 by requested delivery date (お届け希望日別): lines with their own requested date (予約商品) are
 * grouped by date; the slip keeps its own date's group (or the earliest) and each other date gets a new slip
 * carrying that date. A 同梱 slip is handled as in {@link splitByTemperature} (`options.bundled`). Undo with
 * {@link unsplit}.
 *
 * @example
 * ```ts
 * const result = splitByRequestedDate(order, keepOnOriginalPolicy, ctx);
 * if (result.ok) result.value.order.shipments.map((s) => s.requestedDate); // ['2026-12-01', '2026-12-20']
 * ```
 */
export function splitByRequestedDate(
  order: Order,
  policy: SplitPolicy,
  ctx: OperationContext,
  options: SplitOptions = {},
): Result<SplitOutcome> {
  const bundled = options.bundled ?? [];
  const missing = missingBundled(order, bundled);
  if (missing.length > 0) return fail(missing);
  const lineOf = lineFinder(order, bundled);
  const dateOf = (ref: ShipmentLine, shipment: Shipment): string =>
    lineOf(ref)?.requestedDate ?? shipment.requestedDate ?? NO_DATE;
  const plan = planSplit(
    order,
    ctx,
    dateOf,
    (keys, shipment) => {
      const own = shipment.requestedDate ?? NO_DATE;
      return [...keys].sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)));
    },
    (shipment, key) => {
      if (key === NO_DATE) {
        const { requestedDate: _date, ...rest } = shipment;
        return rest;
      }
      return { ...shipment, requestedDate: key as CalendarDate };
    },
  );
  return runPlan(order, policy, ctx, 'split.requestedDate', 'お届け希望日', plan);
}

/** One manual move (手動分割): a quantity of a line from a shipment. */
export interface ManualMove {
  readonly fromShipmentId: string;
  readonly lineId: string;
  readonly quantity: number;
}

/** Where manual moves go: an existing shipment of the order, or a new slip (same destination as the first source). */
export type MoveTarget = { readonly shipmentId: string } | { readonly newShipment: true };

/**
 * Moves any quantity of lines to a new or existing shipment of the same order (手動伝票分割). Moving more
 * than a slip holds, moving from a shipped slip or a 同梱 slip, and unknown ids are refused with every
 * problem listed. A slip left empty is removed. Undo with {@link unsplit}.
 *
 * @example
 * ```ts
 * const result = moveLines(order, [{ fromShipmentId: 's1', lineId: 'L1', quantity: 1 }], { newShipment: true }, keepOnOriginalPolicy, ctx);
 * ```
 */
export function moveLines(
  order: Order,
  moves: readonly ManualMove[],
  target: MoveTarget,
  policy: SplitPolicy,
  ctx: OperationContext,
): Result<SplitOutcome> {
  if (moves.length === 0) return nothingToSplit(order, '移動する明細');
  let added: Shipment[] = [];
  let toShipmentId: string;
  if ('newShipment' in target) {
    const source = order.shipments.find((shipment) => shipment.id === moves[0]?.fromShipmentId);
    if (source === undefined) {
      return fail([
        createIssue(
          'orders.split.unknown_shipment',
          `受注${order.mallOrderNumber}に伝票(${moves[0]?.fromShipmentId})がありません`,
          {
            path: ['moves', 0],
            data: { shipmentId: moves[0]?.fromShipmentId },
          },
        ),
      ]);
    }
    added = [newShipment(source, nextSlipNumbers(order, 1)[0]!, ctx)];
    toShipmentId = added[0]!.id;
  } else {
    toShipmentId = target.shipmentId;
  }
  const lineMoves = moves.map((move) => ({ ...move, toShipmentId }));
  return outcome(order, executeMoves(order, lineMoves, added, policy), ctx, 'split.move', {
    moves: lineMoves,
    newShipmentIds: added.map((shipment) => shipment.id),
    policy,
  });
}

/** Where a new destination's address comes from (お届け先の指定). */
export type DestinationSource =
  | { readonly copyFrom: 'orderer' }
  | { readonly copyFromShipment: string }
  | { readonly destination: Party };

/** Settings of the new shipment of {@link addDestination}. */
export interface NewDestinationOptions {
  readonly requestedDate?: CalendarDate;
  readonly timeSlot?: TimeSlot;
  readonly giftMode?: Shipment['giftMode'];
}

/**
 * お届け先追加: a new shipment to another destination — copied from the orderer, from another shipment, or
 * given — carrying the moved quantities. Fees and discounts follow `policy`. Undo with {@link unsplit}.
 *
 * @example
 * ```ts
 * const result = addDestination(order, { destination: grandmother }, [{ fromShipmentId: 's1', lineId: 'L1', quantity: 1 }], keepOnOriginalPolicy, ctx);
 * ```
 */
export function addDestination(
  order: Order,
  source: DestinationSource,
  moves: readonly ManualMove[],
  policy: SplitPolicy,
  ctx: OperationContext,
  options: NewDestinationOptions = {},
): Result<SplitOutcome> {
  const issues: Issue[] = [];
  let destination: Party | undefined;
  if ('copyFrom' in source) destination = order.orderer;
  else if ('destination' in source) destination = source.destination;
  else {
    destination = order.shipments.find((shipment) => shipment.id === source.copyFromShipment)?.destination;
    if (destination === undefined) {
      issues.push(
        createIssue(
          'orders.destination.unknown_shipment',
          `コピー元の伝票(${source.copyFromShipment})がありません`,
          {
            data: { shipmentId: source.copyFromShipment },
          },
        ),
      );
    }
  }
  if (moves.length === 0) {
    issues.push(
      createIssue(
        'orders.destination.no_lines',
        `受注${order.mallOrderNumber}の追加お届け先に送る明細を指定してください`,
        {
          data: { orderId: order.id },
        },
      ),
    );
  }
  const template = order.shipments.find((shipment) => shipment.id === moves[0]?.fromShipmentId);
  if (template === undefined && moves.length > 0) {
    issues.push(
      createIssue(
        'orders.split.unknown_shipment',
        `受注${order.mallOrderNumber}に伝票(${moves[0]?.fromShipmentId})がありません`,
        {
          path: ['moves', 0],
          data: { shipmentId: moves[0]?.fromShipmentId },
        },
      ),
    );
  }
  if (issues.length > 0 || destination === undefined || template === undefined) return fail(issues);
  const { requestedDate: _date, deliveryNoteText: _note, labelNote: _label, ...rest } = template;
  const added: Shipment = {
    ...newShipment(rest as Shipment, nextSlipNumbers(order, 1)[0]!, ctx),
    destination,
    timeSlot: options.timeSlot ?? 'none',
    giftMode: options.giftMode ?? 'auto',
  };
  if (options.requestedDate !== undefined) added.requestedDate = options.requestedDate;
  const lineMoves = moves.map((move) => ({ ...move, toShipmentId: added.id }));
  return outcome(order, executeMoves(order, lineMoves, [added], policy), ctx, 'destination.add', {
    moves: lineMoves,
    newShipmentIds: [added.id],
    policy,
  });
}

const SPLIT_EVENTS = new Set(['split.temperature', 'split.requestedDate', 'split.move', 'destination.add']);

/**
 * Undoes a split, manual move or お届け先追加 (分割を戻す): the order gets back exactly its prior shipments
 * and money. Refused as a conflict if the order changed since, or if the event was already undone.
 *
 * @example
 * ```ts
 * const split = splitByTemperature(order, keepOnOriginalPolicy, ctx);
 * if (split.ok) unsplit(split.value.event, split.value.order, ctx);
 * ```
 */
export function unsplit(event: OrderEvent, order: Order, ctx: OperationContext): Result<SplitOutcome> {
  if (!SPLIT_EVENTS.has(event.type)) {
    return fail([
      createIssue('orders.undo.wrong_event', `操作「${event.type}」は伝票分割ではありません`, {
        data: { eventId: event.id },
      }),
    ]);
  }
  const undone = undoOperation(event, [order], ctx);
  return undone.ok ? ok({ order: undone.value.orders[0]!, event: undone.value.event }) : undone;
}
