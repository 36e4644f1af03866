import { canonicalJson, createIssue, type Issue } from '@hakobu/core';
import {
  commitOperation,
  type MallOrderKey,
  mallKeyString,
  type Order,
  type OrderChange,
  type OrderEvent,
  type OrderRepository,
  type OrderState,
  stateOf,
  toJapanTimestamp,
} from '@hakobu/orders';
import {
  contentFromDraft,
  createOrderFromDraft,
  IMPORT_EVENT_TYPES,
  type ImportContext,
  type MallView,
  mallViewOf,
  UNDECIDED_HOLD,
} from './build';
import type { MallOrderDraft } from './draft';

/** What happened to one draft in {@link planImport} (取込結果). */
export type ImportAction = 'created' | 'updated' | 'unchanged' | 'alerted';

/** One draft's outcome: the action, the mall key, the order as it is now, and the changed fields. */
export interface ImportDecision {
  readonly action: ImportAction;
  readonly key: MallOrderKey;
  readonly order: Order;
  /** Changed fields of the mall content (`amounts.shipping`, `orderer`, `lines` …); empty when created. */
  readonly changedFields: string[];
}

/** The result of {@link planImport}: one decision per draft, the changes to save, and every issue. */
export interface ImportPlan {
  readonly decisions: ImportDecision[];
  /** Orders to save, with the version read (`null` for new ones): pass to `OrderRepository.save`. */
  readonly changes: OrderChange[];
  readonly counts: { created: number; updated: number; unchanged: number; alerted: number };
  readonly issues: Issue[];
}

const LOCKED_STATUSES = new Set(['shipped', 'completed']);

/**
 * The mall content last recorded on an order by an import event (取込時のモール内容), or `undefined` for an
 * order made elsewhere. Write-back reads the mall's destination ids (楽天 basketId, EC-CUBE 出荷ID) from it.
 *
 * @example
 * ```ts
 * lastMallView(order)?.shipments[0]?.mallShipmentId; // '1000000'
 * ```
 */
export function lastMallView(order: Order): MallView | undefined {
  for (let i = order.history.length - 1; i >= 0; i -= 1) {
    const event = order.history[i] as OrderEvent;
    if ((IMPORT_EVENT_TYPES as readonly string[]).includes(event.type)) {
      return event.details.mallView as MallView | undefined;
    }
  }
  return undefined;
}

/** Top-level fields (and one level into objects) whose canonical JSON differs. */
function changedFields(before: MallView | undefined, after: MallView): string[] {
  if (before === undefined) return Object.keys(after).sort();
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of [...keys].sort()) {
    const a = (before as Record<string, unknown>)[field];
    const b = (after as Record<string, unknown>)[field];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    if (isPlainObject(a) && isPlainObject(b)) {
      const inner = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const sub of [...inner].sort()) {
        if (canonicalJson(a[sub]) !== canonicalJson(b[sub])) changed.push(`${field}.${sub}`);
      }
    } else {
      changed.push(field);
    }
  }
  return changed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShipped(order: Order): boolean {
  return (
    LOCKED_STATUSES.has(order.status) || order.shipments.some((shipment) => shipment.state === 'shipped')
  );
}

const STRUCTURAL = /^(lines|shipments|amounts)/;

function updateOrder(
  existing: Order,
  draft: MallOrderDraft,
  ctx: ImportContext,
  fields: string[],
): {
  order: Order;
  issues: Issue[];
} {
  const at = toJapanTimestamp(ctx.clock.now());
  const content = contentFromDraft(draft, existing.id, ctx, existing.shipments);
  const issues = [...content.issues];
  const previousView = lastMallView(existing);
  if (previousView !== undefined && existing.shipments.length !== previousView.shipments.length) {
    issues.push(
      createIssue(
        'malls.shipments_rebuilt',
        `受注${existing.mallOrderNumber}はモール側で変更されたため、伝票分割をモールの送付先どおりに戻しました。必要なら再度分割してください`,
        { severity: 'warning', data: { orderId: existing.id, fields } },
      ),
    );
  }
  const holds = existing.axes.holds.filter((hold) => hold.code !== UNDECIDED_HOLD);
  for (const reason of content.holdReasons) holds.push({ code: UNDECIDED_HOLD, reason, at });
  const alerts = [
    ...existing.alerts.filter((alert) => alert.code !== 'malls.amount_mismatch'),
    ...content.alerts,
  ];
  const next: OrderState = {
    ...stateOf(existing),
    orderedAt: content.orderedAt,
    orderer: content.orderer,
    payment: { ...content.payment, paidAmount: existing.payment.paidAmount },
    amounts: content.amounts,
    lines: content.lines,
    shipments: content.shipments,
    status: draft.status === 'cancelled' ? 'cancelled' : existing.status,
    axes: { ...existing.axes, holds },
    alerts,
    notes: { ...existing.notes, customer: draft.customerNote },
  };
  if (next.notes.customer === undefined) delete next.notes.customer;
  const outcome = commitOperation(
    [existing],
    [next],
    { clock: ctx.clock, ids: ctx.ids, actor: ctx.actor ?? 'system:malls.import' },
    'mall.update',
    { changedFields: fields, source: draft.source, raw: draft.raw, mallView: mallViewOf(draft) },
  );
  return { order: outcome.orders[0] as Order, issues };
}

function alertOrder(
  existing: Order,
  draft: MallOrderDraft,
  ctx: ImportContext,
  fields: string[],
  why: string,
): Order {
  const alert = createIssue(
    'malls.changed_after_shipment',
    `受注${existing.mallOrderNumber}がモール側で変更されました (${fields.join(', ')})。${why}ため自動では反映していません`,
    { severity: 'warning', data: { orderId: existing.id, changedFields: fields } },
  );
  const next: OrderState = { ...stateOf(existing), alerts: [...existing.alerts, alert] };
  const outcome = commitOperation(
    [existing],
    [next],
    { clock: ctx.clock, ids: ctx.ids, actor: ctx.actor ?? 'system:malls.import' },
    'mall.changed_after_shipment',
    { changedFields: fields, source: draft.source, raw: draft.raw, mallView: mallViewOf(draft) },
  );
  return outcome.orders[0] as Order;
}

/**
 * Plans an idempotent import (受注取込・重複防止): each draft becomes a new order, or, when its mall key
 * (channel + shopId + mallOrderNumber) is already known, nothing (same mall content), an update with a
 * `mall.update` event listing the changed fields (not shipped yet), or a `malls.changed_after_shipment`
 * alert instead of an overwrite (shipped, completed, or 同梱: the shop must look). A mall cancellation
 * cancels an unshipped order. Drafts of the same key inside one batch apply in order. Pure: `lookup` reads
 * the orders already stored; save `changes` with the repository afterwards.
 *
 * @example
 * ```ts
 * const existing = new Map(stored.map((order) => [mallKeyString(order), order]));
 * const plan = planImport(read.drafts, (key) => existing.get(mallKeyString(key)), { clock, ids });
 * plan.counts; // { created: 12, updated: 1, unchanged: 40, alerted: 0 }
 * await repository.save(plan.changes);
 * ```
 */
export function planImport(
  drafts: readonly MallOrderDraft[],
  lookup: (key: MallOrderKey) => Order | undefined,
  ctx: ImportContext,
): ImportPlan {
  const issues: Issue[] = [];
  const decisions: ImportDecision[] = [];
  const touched = new Map<string, OrderChange>();
  const counts = { created: 0, updated: 0, unchanged: 0, alerted: 0 };
  for (const draft of drafts) {
    const key: MallOrderKey = {
      channel: draft.channel,
      shopId: draft.shopId,
      mallOrderNumber: draft.mallOrderNumber,
    };
    const mapKey = mallKeyString(key);
    const prior = touched.get(mapKey);
    const existing = prior?.order ?? lookup(key);
    // A draft met again in the same batch builds on the order made from the first; it is saved once.
    const remember = (order: Order): void => {
      touched.set(mapKey, {
        order,
        expectedVersion: prior === undefined ? (existing?.version ?? null) : prior.expectedVersion,
      });
    };
    if (existing === undefined) {
      const created = createOrderFromDraft(draft, ctx);
      issues.push(...created.issues);
      remember(created.order);
      decisions.push({ action: 'created', key, order: created.order, changedFields: [] });
      counts.created += 1;
      continue;
    }
    const view = mallViewOf(draft);
    const fields = changedFields(lastMallView(existing), view);
    if (fields.length === 0) {
      decisions.push({ action: 'unchanged', key, order: existing, changedFields: [] });
      counts.unchanged += 1;
      continue;
    }
    const structural = fields.some((field) => STRUCTURAL.test(field));
    let why: string | undefined;
    if (isShipped(existing)) why = '出荷済みの';
    else if (existing.bundle !== undefined && structural) why = '同梱済みの';
    if (why !== undefined) {
      const order = alertOrder(existing, draft, ctx, fields, why);
      remember(order);
      decisions.push({ action: 'alerted', key, order, changedFields: fields });
      counts.alerted += 1;
      continue;
    }
    const updated = updateOrder(existing, draft, ctx, fields);
    issues.push(...updated.issues);
    remember(updated.order);
    decisions.push({ action: 'updated', key, order: updated.order, changedFields: fields });
    counts.updated += 1;
  }
  const changes = [...touched.values()];
  return { decisions, changes, counts, issues };
}

/**
 * Imports drafts into an order repository (受注取込): looks every mall key up, plans with
 * {@link planImport} and saves all changes at once. Re-running it with the same drafts saves nothing.
 *
 * @example
 * ```ts
 * const result = await importOrders(repository, readRakutenOrderCsv(bytes, { shopId: 'myshop' }).drafts, { clock, ids });
 * if (result.ok) console.log(result.value.counts);
 * ```
 */
export async function importOrders(
  repository: OrderRepository,
  drafts: readonly MallOrderDraft[],
  ctx: ImportContext,
): Promise<{ ok: true; value: ImportPlan } | { ok: false; issues: Issue[]; plan: ImportPlan }> {
  const found = new Map<string, Order>();
  for (const draft of drafts) {
    const key = { channel: draft.channel, shopId: draft.shopId, mallOrderNumber: draft.mallOrderNumber };
    const mapKey = mallKeyString(key);
    if (found.has(mapKey)) continue;
    const order = await repository.findByMallKey(key);
    if (order !== undefined) found.set(mapKey, order);
  }
  const plan = planImport(drafts, (key) => found.get(mallKeyString(key)), ctx);
  if (plan.changes.length === 0) return { ok: true, value: plan };
  const saved = await repository.save(plan.changes);
  if (!saved.ok) return { ok: false, issues: saved.issues, plan };
  return { ok: true, value: plan };
}
