import {
  createIssue,
  type Issue,
  normalizeAddressKey,
  normalizeEmail,
  normalizeName,
  normalizePhone,
} from '@hakobu/core';
import { z } from 'zod';
import { carryAcknowledgements, sameAlerts } from '../alert/evidence';
import { commitOperation, type OperationContext } from '../model/operation';
import type { Order, OrderAlert, OrderState } from '../model/order';
import { fullAddress, type Party } from '../model/party';

/** A field a blacklist entry can match on (照合項目): 氏名, メールアドレス, 電話番号, 住所. */
export const BlacklistField = z.enum(['name', 'email', 'phone', 'address']);
/** @see {@link BlacklistField} */
export type BlacklistField = z.infer<typeof BlacklistField>;

const FIELDS: readonly BlacklistField[] = BlacklistField.options;
const FIELD_LABELS: Readonly<Record<BlacklistField, string>> = {
  name: '氏名',
  email: 'メールアドレス',
  phone: '電話番号',
  address: '住所',
};

/** One blacklist entry (ブラックリスト・要注意顧客): any of name, email, phone, address, with a reason and a note. */
export const BlacklistEntry = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    /** 住所 (都道府県から); compared without the postal code. */
    address: z.string().optional(),
    /** 登録理由, e.g. 受取拒否 */
    reason: z.string().min(1),
    /** 備考 */
    note: z.string().optional(),
  })
  .refine((entry) => FIELDS.some((field) => (entry[field] ?? '').trim() !== ''), {
    message: '氏名・メールアドレス・電話番号・住所のいずれかが必要です',
  });
/** @see {@link BlacklistEntry} */
export type BlacklistEntry = z.infer<typeof BlacklistEntry>;

/** Match keys of each field (`@hakobu/core` text), normalised the same way for entries and orders. */
const KEY_OF: Readonly<Record<BlacklistField, (value: string) => string>> = {
  name: normalizeName,
  email: normalizeEmail,
  phone: normalizePhone,
  address: normalizeAddressKey,
};

/** A blacklist indexed by normalised key per field (hash maps), built once and shared by every screening. */
export interface BlacklistIndex {
  readonly entries: ReadonlyMap<string, BlacklistEntry>;
  readonly byField: Readonly<Record<BlacklistField, ReadonlyMap<string, readonly string[]>>>;
}

/**
 * Indexes blacklist entries by normalised name, email, phone and address (索引), so screening costs one hash
 * lookup per field instead of a comparison with every entry.
 *
 * @example
 * ```ts
 * const index = buildBlacklistIndex([{ id: 'b1', phone: '090-1111-2222', reason: '受取拒否' }]);
 * ```
 */
export function buildBlacklistIndex(entries: readonly BlacklistEntry[]): BlacklistIndex {
  const byField = {} as Record<BlacklistField, Map<string, string[]>>;
  for (const field of FIELDS) byField[field] = new Map();
  for (const entry of entries) {
    for (const field of FIELDS) {
      const raw = entry[field];
      if (raw === undefined) continue;
      const key = KEY_OF[field](raw);
      if (key === '') continue;
      const ids = byField[field].get(key);
      if (ids === undefined) byField[field].set(key, [entry.id]);
      else ids.push(entry.id);
    }
  }
  return { entries: new Map(entries.map((entry) => [entry.id, entry])), byField };
}

/** Screening mode: `any` (one field is enough, the usual rule) or `kOfN` (at least `k` fields of one entry). */
export type ScreeningMode = { readonly kind: 'any' } | { readonly kind: 'kOfN'; readonly k: number };

/** Options of {@link screenOrder}. */
export interface ScreeningOptions {
  readonly mode?: ScreeningMode;
}

function partyValue(party: Party, field: BlacklistField): string | undefined {
  if (field === 'address') return fullAddress(party);
  return party[field];
}

function sameMatchFields(a: Party, b: Party): boolean {
  return (
    a === b ||
    (a.name === b.name &&
      a.phone === b.phone &&
      a.email === b.email &&
      a.prefecture === b.prefecture &&
      a.address1 === b.address1 &&
      a.address2 === b.address2)
  );
}

interface Hit {
  readonly entryId: string;
  readonly field: BlacklistField;
  readonly value: string;
}

/**
 * The hits of one person: each field's match key is built once and looked up in its map. Most people hit
 * nothing, so no array is allocated until the first hit.
 */
function hitsFor(party: Party, index: BlacklistIndex): Hit[] | undefined {
  let hits: Hit[] | undefined;
  for (const field of FIELDS) {
    const byKey = index.byField[field];
    if (byKey.size === 0) continue;
    const value = partyValue(party, field);
    if (value === undefined) continue;
    const key = KEY_OF[field](value);
    if (key === '') continue;
    const entryIds = byKey.get(key);
    if (entryIds === undefined) continue;
    hits ??= [];
    for (const entryId of entryIds) hits.push({ entryId, field, value });
  }
  return hits;
}

function entryLabel(entry: BlacklistEntry | undefined, entryId: string): string {
  return `${entryId}${entry === undefined ? '' : `（${entry.reason}）`}`;
}

/**
 * Screens the orderer and every destination of an order against the blacklist (ブラックリスト照合), after
 * normalisation. In `any` mode every field hit raises an alert naming the entry, the field and the matched
 * value; in `kOfN` mode an alert is raised when at least `k` fields of one entry match one person. Alerts are
 * errors, so the default flow holds the order until staff resolve them.
 *
 * @example
 * ```ts
 * screenOrder(order, index);
 * // [{ code: 'orders.blacklist.hit', message: 'ブラックリストb1（受取拒否）に注文者の電話番号「090-1111-2222」が一致しました', ... }]
 * ```
 */
export function screenOrder(
  order: OrderState,
  index: BlacklistIndex,
  options: ScreeningOptions = {},
): Issue[] {
  const mode = options.mode ?? { kind: 'any' };
  const alerts: Issue[] = [];
  let seen: Set<string> | undefined;
  const screen = (role: string, label: string, party: Party): void => {
    const hits = hitsFor(party, index);
    if (hits === undefined) return;
    seen ??= new Set();
    if (mode.kind === 'any') alertEachHit(hits, role, label, index, seen, alerts);
    else alertEntriesWithK(hits, mode.k, role, label, index, seen, alerts);
  };
  screen('orderer', '注文者', order.orderer);
  for (const shipment of order.shipments) {
    // A destination equal to the orderer could only repeat the orderer's hits, which are reported once.
    if (shipment.state === 'cancelled' || sameMatchFields(shipment.destination, order.orderer)) continue;
    screen(shipment.id, `お届け先(${shipment.slipNumber})`, shipment.destination);
  }
  return alerts;
}

function alertEachHit(
  hits: readonly Hit[],
  role: string,
  label: string,
  index: BlacklistIndex,
  seen: Set<string>,
  alerts: Issue[],
): void {
  for (const hit of hits) {
    const dedupe = `${hit.entryId}\u0000${hit.field}\u0000${hit.value}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    alerts.push(
      createIssue(
        'orders.blacklist.hit',
        `ブラックリスト${entryLabel(index.entries.get(hit.entryId), hit.entryId)}に${label}の${FIELD_LABELS[hit.field]}「${hit.value}」が一致しました`,
        { data: { entryId: hit.entryId, field: hit.field, value: hit.value, party: role } },
      ),
    );
  }
}

function alertEntriesWithK(
  hits: readonly Hit[],
  k: number,
  role: string,
  label: string,
  index: BlacklistIndex,
  seen: Set<string>,
  alerts: Issue[],
): void {
  const byEntry = new Map<string, Hit[]>();
  for (const hit of hits) byEntry.set(hit.entryId, [...(byEntry.get(hit.entryId) ?? []), hit]);
  for (const [entryId, entryHits] of byEntry) {
    if (entryHits.length < k || seen.has(entryId)) continue;
    seen.add(entryId);
    alerts.push(
      createIssue(
        'orders.blacklist.multi_hit',
        `ブラックリスト${entryLabel(index.entries.get(entryId), entryId)}に${label}の${entryHits
          .map((hit) => `${FIELD_LABELS[hit.field]}「${hit.value}」`)
          .join('・')}が一致しました`,
        {
          data: {
            entryId,
            party: role,
            fields: entryHits.map((hit) => hit.field),
            values: entryHits.map((hit) => hit.value),
          },
        },
      ),
    );
  }
}

function isBlacklistAlert(alert: OrderAlert): boolean {
  return alert.code.startsWith('orders.blacklist.');
}

/** The outcome of {@link rescreenOrders}: only the orders whose blacklist alerts changed. */
export interface RescreenOutcome {
  readonly changed: readonly Order[];
  /** Count of screened orders with at least one blacklist alert after re-screening. */
  readonly flagged: number;
}

/**
 * Re-screens open orders after the blacklist changed (再照合): each order's blacklist alerts are replaced by
 * a fresh screening; orders whose alerts changed are returned with a `blacklist.screen` event (not undoable).
 * A hit staff acknowledged (`acknowledgeAlerts`, 確認済み) stays acknowledged and is not raised again while
 * its evidence (entry, field, matched value, message) is unchanged; a hit whose evidence changed is raised
 * as a new, open alert. Closed orders (`closedStatuses`, default 発送済み・完了・キャンセル) are skipped.
 *
 * @example
 * ```ts
 * const { changed } = rescreenOrders(openOrders, buildBlacklistIndex(updatedEntries), ctx);
 * await repository.save(changesOf(changed));
 * ```
 */
export function rescreenOrders(
  orders: readonly Order[],
  index: BlacklistIndex,
  ctx: OperationContext,
  options: ScreeningOptions & { readonly closedStatuses?: readonly string[] } = {},
): RescreenOutcome {
  const closed = new Set(options.closedStatuses ?? ['shipped', 'completed', 'cancelled']);
  const changed: Order[] = [];
  let flagged = 0;
  for (const order of orders) {
    if (closed.has(order.status)) continue;
    const fresh = screenOrder(order, index, options);
    if (fresh.length > 0) flagged += 1;
    const kept = order.alerts.filter((alert) => !isBlacklistAlert(alert));
    const previous = order.alerts.filter(isBlacklistAlert);
    const merged = carryAcknowledgements(previous, fresh);
    if (sameAlerts(previous, merged)) continue;
    const { history: _history, ...state } = order;
    const outcome = commitOperation(
      [order],
      [{ ...state, alerts: [...kept, ...merged] }],
      ctx,
      'blacklist.screen',
      { hits: fresh.map((alert) => alert.data) },
      { undoable: false },
    );
    changed.push(outcome.orders[0]!);
  }
  return { changed, flagged };
}
