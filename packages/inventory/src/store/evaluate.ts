import { byCodeUnit, createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import type { Movement, Reservation, StockLevel } from '../model/stock';
import type { AdjustmentKind, ReservationChange, StockBatch } from './batch';
import { atLocation, levelKey, reservationKey } from './keys';

/** A read-only view of a store's current state, as {@link evaluateBatch} needs it. */
export interface StockView {
  /** The level of one SKU at one location, or undefined when it has never been stocked. */
  level(sku: string, location: string | undefined): StockLevel | undefined;
  /** The quantity one order line holds on one SKU at one location (0 when none). */
  reserved(orderLineId: string, sku: string, location: string | undefined): number;
  /** Every reservation one order line holds. */
  reservationsOf(orderLineId: string): readonly Reservation[];
}

/** What {@link evaluateBatch} decided to write: levels after the batch, reservation changes, movements. */
export interface StockWrite {
  /** Every touched level after the batch, sorted by SKU then location. */
  readonly levels: StockLevel[];
  /** Every touched reservation, sorted by order line, SKU, location. */
  readonly reservations: ReservationChange[];
  /** The ledger entries, in operation order, with ids `<key>#<n>`. */
  readonly movements: Movement[];
}

interface LevelTally {
  sku: string;
  location: string | undefined;
  reserve: number;
  release: number;
  commit: number;
  adjust: number;
  safetyStock: number | undefined;
  firstOperation: number;
  orderLineIds: Set<string>;
}

interface ReservationTally {
  orderLineId: string;
  sku: string;
  location: string | undefined;
  delta: number;
  firstOperation: number;
}

type PendingMovement =
  | {
      kind: AdjustmentKind;
      sku: string;
      location: string | undefined;
      quantity: number;
      reason: string | undefined;
    }
  | { kind: 'shipment'; sku: string; location: string | undefined; quantity: number; orderLineId: string };

interface Tally {
  readonly levels: Map<string, LevelTally>;
  readonly reservations: Map<string, ReservationTally>;
  readonly movements: PendingMovement[];
}

function levelTally(tally: Tally, sku: string, location: string | undefined, index: number): LevelTally {
  const key = levelKey(sku, location);
  let found = tally.levels.get(key);
  if (found === undefined) {
    found = {
      sku,
      location,
      reserve: 0,
      release: 0,
      commit: 0,
      adjust: 0,
      safetyStock: undefined,
      firstOperation: index,
      orderLineIds: new Set(),
    };
    tally.levels.set(key, found);
  }
  return found;
}

function reservationTally(
  tally: Tally,
  orderLineId: string,
  sku: string,
  location: string | undefined,
  index: number,
): ReservationTally {
  const key = reservationKey(orderLineId, sku, location);
  let found = tally.reservations.get(key);
  if (found === undefined) {
    found = { orderLineId, sku, location, delta: 0, firstOperation: index };
    tally.reservations.set(key, found);
  }
  return found;
}

/**
 * Decides what a batch does against a store's current state, without writing anything: nets the
 * operations per (SKU, location) and per reservation, checks every key in sorted order, and returns either
 * every issue found or the exact writes. The in-memory store applies its result in the same synchronous
 * step; an adapter on a key-value store with compare-and-set can do the same. `batch` must already be a
 * valid {@link StockBatch}.
 *
 * Checks: `inventory.shortfall` (demand over free stock, per SKU and location, with `requested` and
 * `available`), `inventory.negative_stock` (onHand below zero), `inventory.below_reserved` (an adjustment
 * under what is reserved), `inventory.reservation_exceeded` (releasing or shipping more than is held).
 *
 * @example
 * ```ts
 * const decision = evaluateBatch(view, {
 *   key: 'order-1001',
 *   actor: 'batch',
 *   at: '2026-11-28T10:00:00+09:00',
 *   operations: [{ op: 'reserve', orderLineId: '1001-1', sku: 'TEA-100', quantity: 2 }],
 * });
 * if (decision.ok) write(decision.value);
 * ```
 */
export function evaluateBatch(view: StockView, batch: StockBatch): Result<StockWrite> {
  const tally: Tally = { levels: new Map(), reservations: new Map(), movements: [] };
  batch.operations.forEach((operation, index) => {
    switch (operation.op) {
      case 'reserve': {
        const { orderLineId, sku, location, quantity } = operation;
        const level = levelTally(tally, sku, location, index);
        level.reserve += quantity;
        level.orderLineIds.add(orderLineId);
        reservationTally(tally, orderLineId, sku, location, index).delta += quantity;
        return;
      }
      case 'release':
      case 'commit': {
        const { orderLineId } = operation;
        const held =
          operation.sku === undefined
            ? view
                .reservationsOf(orderLineId)
                .map(({ sku, location, quantity }) => ({ sku, location, quantity }))
            : [{ sku: operation.sku, location: operation.location, quantity: operation.quantity ?? 0 }];
        for (const { sku, location, quantity } of held) {
          const level = levelTally(tally, sku, location, index);
          reservationTally(tally, orderLineId, sku, location, index).delta -= quantity;
          if (operation.op === 'release') level.release += quantity;
          else {
            level.commit += quantity;
            tally.movements.push({ kind: 'shipment', sku, location, quantity: -quantity, orderLineId });
          }
        }
        return;
      }
      case 'adjust': {
        const { kind, sku, location, quantity, reason } = operation;
        levelTally(tally, sku, location, index).adjust += quantity;
        tally.movements.push({ kind, sku, location, quantity, reason });
        return;
      }
      case 'set_safety_stock':
        levelTally(tally, operation.sku, operation.location, index).safetyStock = operation.quantity;
        return;
    }
  });

  const issues: Issue[] = [];
  const reservations = reservationChanges(view, tally, issues);
  const levels = levelsAfter(view, tally, issues);
  if (issues.length > 0) return fail(issues);
  return ok({ levels, reservations, movements: ledgerEntries(batch, tally.movements) });
}

function reservationChanges(view: StockView, tally: Tally, issues: Issue[]): ReservationChange[] {
  const changes: ReservationChange[] = [];
  for (const key of [...tally.reservations.keys()].sort(byCodeUnit)) {
    const { orderLineId, sku, location, delta, firstOperation } = tally.reservations.get(key)!;
    const before = view.reserved(orderLineId, sku, location);
    const after = before + delta;
    if (after < 0) {
      issues.push(
        createIssue(
          'inventory.reservation_exceeded',
          `受注明細「${orderLineId}」のSKU「${sku}」${atLocation(location)}は引当数 ${before} を超えて解除・出荷できません（不足 ${-after}）`,
          {
            path: ['operations', firstOperation, 'quantity'],
            data: { orderLineId, sku, location, reserved: before, requested: before - after },
          },
        ),
      );
      continue;
    }
    changes.push(withLocation({ orderLineId, sku, before, after }, location));
  }
  return changes;
}

function levelsAfter(view: StockView, tally: Tally, issues: Issue[]): StockLevel[] {
  const levels: StockLevel[] = [];
  for (const key of [...tally.levels.keys()].sort(byCodeUnit)) {
    const t = tally.levels.get(key)!;
    const current = view.level(t.sku, t.location);
    const onHandBefore = current?.onHand ?? 0;
    const onHand = onHandBefore + t.adjust - t.commit;
    const stillReserved = (current?.reserved ?? 0) - t.release - t.commit;
    const available = onHand - stillReserved;
    const where = `SKU「${t.sku}」${atLocation(t.location)}`;
    const path = ['operations', t.firstOperation];
    const data = withLocation({ sku: t.sku }, t.location);
    if (onHand < 0) {
      issues.push(
        createIssue(
          'inventory.negative_stock',
          `${where}の実在庫が0未満になります（実在庫 ${onHandBefore}、変更 ${onHand - onHandBefore}）`,
          {
            path,
            data: { ...data, onHand: onHandBefore, change: onHand - onHandBefore },
          },
        ),
      );
    } else if (t.reserve > available) {
      if (t.reserve > 0) {
        issues.push(
          createIssue(
            'inventory.shortfall',
            `${where}の在庫が不足しています（必要数 ${t.reserve}、引当可能数 ${Math.max(0, available)}）`,
            {
              path,
              data: {
                ...data,
                requested: t.reserve,
                available: Math.max(0, available),
                orderLineIds: [...t.orderLineIds].sort(byCodeUnit),
              },
            },
          ),
        );
      } else {
        issues.push(
          createIssue(
            'inventory.below_reserved',
            `${where}の実在庫（変更後 ${onHand}）が引当済み数 ${stillReserved} を下回ります。先に引当を解除してください`,
            { path, data: { ...data, onHand, reserved: stillReserved } },
          ),
        );
      }
    }
    levels.push(
      withLocation(
        {
          sku: t.sku,
          onHand,
          reserved: stillReserved + t.reserve,
          safetyStock: t.safetyStock ?? current?.safetyStock ?? 0,
        },
        t.location,
      ),
    );
  }
  return levels;
}

function ledgerEntries(batch: StockBatch, pending: readonly PendingMovement[]): Movement[] {
  return pending.map((entry, index) => {
    const movement: Movement = {
      id: `${batch.key}#${index + 1}`,
      batchKey: batch.key,
      kind: entry.kind,
      sku: entry.sku,
      quantity: entry.quantity,
      actor: batch.actor,
      at: batch.at,
    };
    if (entry.location !== undefined) movement.location = entry.location;
    if (entry.kind === 'shipment') movement.orderLineId = entry.orderLineId;
    else if (entry.reason !== undefined) movement.reason = entry.reason;
    return movement;
  });
}

/** Adds `location` only when there is one, so records compare and serialise cleanly. */
export function withLocation<T extends object>(
  record: T,
  location: string | undefined,
): T & { location?: string } {
  return location === undefined ? record : { ...record, location };
}
