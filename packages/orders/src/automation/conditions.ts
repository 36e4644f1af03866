import { addDays, foldWidth, PlainDate } from '@hakobu/core';
import { z } from 'zod';
import { isGift } from '../gift';
import { type OrderState, PaymentMethod, PaymentStatus, TemperatureZone } from '../model';

/**
 * A date in a condition (日付指定): a fixed `YYYY-MM-DD`, or a number of days from today in Japan time
 * (`{ daysFromToday: 0 }` is today, `-1` yesterday), so one rule works every day.
 */
export const DateRef = z.union([PlainDate, z.object({ daysFromToday: z.number().int() })]);
/** @see {@link DateRef} */
export type DateRef = z.infer<typeof DateRef>;

/** The amount a condition reads (金額条件の対象). */
export const AmountField = z.enum([
  /** 請求金額 */
  'billedTotal',
  /** 商品合計 */
  'items',
  /** 代引金額 over the order's live slips */
  'cod',
  /** 商品点数 (sum of line quantities) */
  'itemCount',
]);
/** @see {@link AmountField} */
export type AmountField = z.infer<typeof AmountField>;

/**
 * Address warnings a condition can ask for (住所アラート): 郵便番号と住所の不一致 `postalMismatch`,
 * 離島 `remoteIsland`, お届けまで2日以上 `longLeadTime`. They are order alerts whose codes come from
 * {@link AddressAlertCodes}.
 */
export const AddressAlertKind = z.enum(['postalMismatch', 'remoteIsland', 'longLeadTime']);
/** @see {@link AddressAlertKind} */
export type AddressAlertKind = z.infer<typeof AddressAlertKind>;

/** Alert codes per {@link AddressAlertKind}; the host may replace them with its own checker's codes. */
export type AddressAlertCodes = Readonly<Record<AddressAlertKind, readonly string[]>>;

/**
 * The alert codes `@hakobu/carriers` attaches for address problems (住所アラートの既定コード). orders does
 * not import carriers, so they are listed here and can be overridden per run.
 */
export const defaultAddressAlertCodes: AddressAlertCodes = {
  postalMismatch: ['carrier.postal.address_mismatch', 'carrier.postal.town_mismatch'],
  remoteIsland: ['carrier.remote_island'],
  longLeadTime: ['carrier.lead_time.long'],
};

const strings = z.array(z.string().min(1)).min(1);

/** A condition on one field (単一条件); combine them with {@link Condition}'s `all` / `any` / `not`. */
export const LeafCondition = z.discriminatedUnion('kind', [
  /** 販路 is one of */
  z.object({ kind: z.literal('channel'), in: strings }),
  /** 店舗 is one of */
  z.object({ kind: z.literal('shop'), in: strings }),
  /** ステータス is one of */
  z.object({ kind: z.literal('status'), in: strings }),
  /** 支払方法 is one of */
  z.object({ kind: z.literal('paymentMethod'), in: z.array(PaymentMethod).min(1) }),
  /** 入金状況 is one of */
  z.object({ kind: z.literal('paymentStatus'), in: z.array(PaymentStatus).min(1) }),
  /** An amount within [min, max] (金額・点数) */
  z.object({
    kind: z.literal('amount'),
    field: AmountField,
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  }),
  /** Some line's SKU (or master SKU) equals / starts with / contains one of the values (商品コード) */
  z.object({
    kind: z.literal('sku'),
    values: strings,
    match: z.enum(['exact', 'prefix', 'contains']).default('exact'),
  }),
  /** お届け希望日: present or absent, or some requested date within [from, to] */
  z.object({
    kind: z.literal('requestedDate'),
    present: z.boolean().optional(),
    from: DateRef.optional(),
    to: DateRef.optional(),
  }),
  /** 出荷予定日 of some open slip within [from, to]; `to: { daysFromToday: 0 }` means "due today or earlier" */
  z.object({ kind: z.literal('plannedShipDate'), from: DateRef.optional(), to: DateRef.optional() }),
  /** ギフト: some slip goes to someone else than the orderer, or is marked gift */
  z.object({ kind: z.literal('gift'), value: z.boolean().default(true) }),
  /** 顧客ランク is one of (the rank comes from the run's `rankOf`) */
  z.object({ kind: z.literal('customerRank'), in: strings }),
  /** A blacklist alert is present (ブラックリスト一致) */
  z.object({ kind: z.literal('blacklisted') }),
  /** Any alert, or one whose code is listed or starts with a listed prefix ending in `*` (アラート) */
  z.object({ kind: z.literal('alert'), codes: strings.optional() }),
  /** An address alert of one of the kinds (住所アラート); `minDays` for `longLeadTime` (default 2) */
  z.object({
    kind: z.literal('addressAlert'),
    kinds: z.array(AddressAlertKind).min(1),
    minDays: z.number().int().positive().optional(),
  }),
  /** 確認待ち: the order has a hold, any or one of the codes (`automation:{ruleId}` for automation's own) */
  z.object({ kind: z.literal('held'), codes: strings.optional() }),
  /** Has any of the tags (タグ) */
  z.object({ kind: z.literal('tag'), anyOf: strings }),
  /** 備考: present or absent, or contains any / all of the words (width-folded) */
  z.object({
    kind: z.literal('remarks'),
    field: z.enum(['customer', 'internal', 'either']).default('customer'),
    present: z.boolean().optional(),
    contains: strings.optional(),
    match: z.enum(['any', 'all']).default('any'),
  }),
  /** Some line is in one of the temperature zones (温度帯) */
  z.object({ kind: z.literal('temperature'), in: z.array(TemperatureZone).min(1) }),
  /** The mail template was already sent (送信済メール) */
  z.object({ kind: z.literal('mailSent'), template: z.string().min(1) }),
  /** Every live slip shipped, the last one at least `atLeast` days ago in Japan time (出荷後日数) */
  z.object({ kind: z.literal('shippedDaysAgo'), atLeast: z.number().int().nonnegative() }),
]);
/** @see {@link LeafCondition} */
export type LeafCondition = z.infer<typeof LeafCondition>;
/** Input form of {@link LeafCondition} (defaults may be left out). */
export type LeafConditionInput = z.input<typeof LeafCondition>;

/**
 * A rule condition (条件) as data: a {@link LeafCondition}, or `all` (AND), `any` (OR) and `not`, nested to
 * any depth — unlike LOGILESS, AND and OR mix freely.
 */
export type Condition =
  | LeafCondition
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'not'; condition: Condition };
/** Input form of {@link Condition}. */
export type ConditionInput =
  | LeafConditionInput
  | { kind: 'all'; of: ConditionInput[] }
  | { kind: 'any'; of: ConditionInput[] }
  | { kind: 'not'; condition: ConditionInput };

/** @see {@link Condition} */
export const Condition: z.ZodType<Condition, ConditionInput> = z.lazy(() =>
  z.union([
    LeafCondition,
    z.object({ kind: z.literal('all'), of: z.array(Condition).min(1) }),
    z.object({ kind: z.literal('any'), of: z.array(Condition).min(1) }),
    z.object({ kind: z.literal('not'), condition: Condition }),
  ]),
);

/** One value a condition looked at (照合値): which condition, which field, what the order had. */
export interface MatchedValue {
  readonly condition: string;
  readonly field: string;
  readonly value: unknown;
}

/** The result of evaluating a condition: whether it holds, and the values that decided it. */
export interface ConditionResult {
  readonly matched: boolean;
  readonly values: readonly MatchedValue[];
}

/** What a condition needs besides the order (評価コンテキスト). */
export interface EvaluationContext {
  /** Today in Japan time. */
  readonly today: PlainDate;
  /** 顧客ランク of the order's customer, e.g. from `rankCustomers`; absent = no rank. */
  readonly rankOf?: (order: OrderState) => string | undefined;
  readonly addressAlertCodes?: AddressAlertCodes;
}

function resolveDate(ref: DateRef, today: PlainDate): PlainDate {
  return typeof ref === 'string' ? ref : addDays(today, ref.daysFromToday);
}

function inRange(date: PlainDate, from: DateRef | undefined, to: DateRef | undefined, today: PlainDate) {
  return (
    (from === undefined || date >= resolveDate(from, today)) &&
    (to === undefined || date <= resolveDate(to, today))
  );
}

function liveShipments(order: OrderState) {
  return order.shipments.filter((shipment) => shipment.state !== 'cancelled');
}

function amountOf(order: OrderState, field: AmountField): number {
  switch (field) {
    case 'billedTotal':
      return order.amounts.billedTotal;
    case 'items':
      return order.amounts.items;
    case 'cod':
      return liveShipments(order).reduce((sum, shipment) => sum + shipment.codAmount, 0);
    case 'itemCount':
      return order.lines.reduce((sum, line) => sum + line.quantity, 0);
  }
}

function skuMatches(sku: string, value: string, match: 'exact' | 'prefix' | 'contains'): boolean {
  if (match === 'exact') return sku === value;
  if (match === 'prefix') return sku.startsWith(value);
  return sku.includes(value);
}

function codeMatches(code: string, pattern: string): boolean {
  return pattern.endsWith('*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern;
}

function leaf(condition: string, field: string, value: unknown, matched: boolean): ConditionResult {
  return { matched, values: [{ condition, field, value }] };
}

function remarksOf(order: OrderState, field: 'customer' | 'internal' | 'either'): string {
  const customer = order.notes.customer ?? '';
  const internal = order.notes.internal ?? '';
  if (field === 'customer') return customer;
  if (field === 'internal') return internal;
  return [customer, internal].filter((text) => text !== '').join('\n');
}

function lastShippedOn(order: OrderState): PlainDate | undefined {
  const live = liveShipments(order);
  if (live.length === 0 || live.some((shipment) => shipment.state !== 'shipped')) return undefined;
  return live
    .map((shipment) => shipment.shippedOn ?? '')
    .sort()
    .at(-1);
}

function evaluateLeaf(condition: LeafCondition, order: OrderState, ctx: EvaluationContext): ConditionResult {
  switch (condition.kind) {
    case 'channel':
      return leaf('channel', 'channel', order.channel, condition.in.includes(order.channel));
    case 'shop':
      return leaf('shop', 'shopId', order.shopId, condition.in.includes(order.shopId));
    case 'status':
      return leaf('status', 'status', order.status, condition.in.includes(order.status));
    case 'paymentMethod':
      return leaf(
        'paymentMethod',
        'payment.method',
        order.payment.method,
        condition.in.includes(order.payment.method),
      );
    case 'paymentStatus':
      return leaf(
        'paymentStatus',
        'payment.status',
        order.payment.status,
        condition.in.includes(order.payment.status),
      );
    case 'amount': {
      const value = amountOf(order, condition.field);
      const matched =
        (condition.min === undefined || value >= condition.min) &&
        (condition.max === undefined || value <= condition.max);
      return leaf('amount', condition.field, value, matched);
    }
    case 'sku': {
      const hits = order.lines
        .flatMap((line) => [line.sku, ...(line.masterSku === undefined ? [] : [line.masterSku])])
        .filter((sku) => condition.values.some((value) => skuMatches(sku, value, condition.match)));
      return leaf('sku', 'lines.sku', [...new Set(hits)], hits.length > 0);
    }
    case 'requestedDate': {
      const dates = [
        ...liveShipments(order).flatMap((shipment) =>
          shipment.requestedDate === undefined ? [] : [shipment.requestedDate],
        ),
        ...order.lines.flatMap((line) => (line.requestedDate === undefined ? [] : [line.requestedDate])),
      ];
      const present = dates.length > 0;
      const ranged = condition.from !== undefined || condition.to !== undefined;
      const inside = dates.filter((date) => inRange(date, condition.from, condition.to, ctx.today));
      const matched =
        (condition.present === undefined || condition.present === present) && (!ranged || inside.length > 0);
      return leaf('requestedDate', 'requestedDate', ranged ? inside : dates, matched);
    }
    case 'plannedShipDate': {
      const dates = liveShipments(order)
        .filter((shipment) => shipment.state === 'open')
        .flatMap((shipment) => (shipment.plannedShipDate === undefined ? [] : [shipment.plannedShipDate]));
      const inside = dates.filter((date) => inRange(date, condition.from, condition.to, ctx.today));
      return leaf('plannedShipDate', 'shipments.plannedShipDate', dates, inside.length > 0);
    }
    case 'gift': {
      const gift = liveShipments(order).some((shipment) => isGift(order, shipment));
      return leaf('gift', 'gift', gift, gift === condition.value);
    }
    case 'customerRank': {
      const rank = ctx.rankOf?.(order);
      return leaf(
        'customerRank',
        'customerRank',
        rank ?? null,
        rank !== undefined && condition.in.includes(rank),
      );
    }
    case 'blacklisted': {
      const codes = order.alerts.filter((alert) => alert.code.startsWith('orders.blacklist.'));
      return leaf(
        'blacklisted',
        'alerts',
        codes.map((alert) => alert.code),
        codes.length > 0,
      );
    }
    case 'alert': {
      const patterns = condition.codes;
      const hits = order.alerts
        .map((alert) => alert.code)
        .filter((code) => patterns === undefined || patterns.some((pattern) => codeMatches(code, pattern)));
      return leaf('alert', 'alerts', hits, hits.length > 0);
    }
    case 'addressAlert': {
      const table = ctx.addressAlertCodes ?? defaultAddressAlertCodes;
      const minDays = condition.minDays ?? 2;
      const hits = order.alerts.filter((alert) =>
        condition.kinds.some((kind) => {
          if (!table[kind].includes(alert.code)) return false;
          if (kind !== 'longLeadTime') return true;
          const days = alert.data?.days;
          return typeof days !== 'number' || days >= minDays;
        }),
      );
      return leaf(
        'addressAlert',
        'alerts',
        hits.map((alert) => alert.code),
        hits.length > 0,
      );
    }
    case 'held': {
      const codes = condition.codes;
      const hits = order.axes.holds
        .map((hold) => hold.code)
        .filter((code) => codes === undefined || codes.includes(code));
      return leaf('held', 'axes.holds', hits, hits.length > 0);
    }
    case 'tag': {
      const hits = order.tags.filter((tag) => condition.anyOf.includes(tag));
      return leaf('tag', 'tags', hits, hits.length > 0);
    }
    case 'remarks': {
      const text = foldWidth(remarksOf(order, condition.field));
      const words = (condition.contains ?? []).map(foldWidth);
      const found = words.filter((word) => text.includes(word));
      const presentOk = condition.present === undefined || condition.present === (text.trim() !== '');
      const wordsOk =
        condition.contains === undefined ||
        (condition.match === 'all' ? found.length === words.length : found.length > 0);
      return leaf(
        'remarks',
        `notes.${condition.field}`,
        condition.contains === undefined ? text : found,
        presentOk && wordsOk,
      );
    }
    case 'temperature': {
      const zones = [...new Set(order.lines.map((line) => line.temperature))];
      return leaf(
        'temperature',
        'lines.temperature',
        zones,
        zones.some((zone) => condition.in.includes(zone)),
      );
    }
    case 'mailSent': {
      const sent = order.axes.mailsSent.includes(condition.template);
      return leaf('mailSent', 'axes.mailsSent', condition.template, sent);
    }
    case 'shippedDaysAgo': {
      const last = lastShippedOn(order);
      const due = last === undefined ? undefined : addDays(last, condition.atLeast);
      return leaf(
        'shippedDaysAgo',
        'shipments.shippedOn',
        last ?? null,
        due !== undefined && due <= ctx.today,
      );
    }
  }
}

/**
 * Evaluates a condition on an order (条件判定): whether it holds, and the values it looked at — for
 * `all` every child's, for `any` the matching children's, for `not` the child's.
 *
 * @example
 * ```ts
 * evaluateCondition(
 *   { kind: 'all', of: [{ kind: 'paymentMethod', in: ['cod'] }, { kind: 'amount', field: 'billedTotal', min: 30000 }] },
 *   order,
 *   { today: '2026-11-28' },
 * );
 * // { matched: true, values: [{ condition: 'paymentMethod', field: 'payment.method', value: 'cod' }, ...] }
 * ```
 */
export function evaluateCondition(
  condition: Condition,
  order: OrderState,
  ctx: EvaluationContext,
): ConditionResult {
  switch (condition.kind) {
    case 'all': {
      const values: MatchedValue[] = [];
      for (const child of condition.of) {
        const result = evaluateCondition(child, order, ctx);
        if (!result.matched) return { matched: false, values: result.values };
        values.push(...result.values);
      }
      return { matched: true, values };
    }
    case 'any': {
      const values: MatchedValue[] = [];
      let matched = false;
      for (const child of condition.of) {
        const result = evaluateCondition(child, order, ctx);
        if (!result.matched) continue;
        matched = true;
        values.push(...result.values);
      }
      return { matched, values };
    }
    case 'not': {
      const result = evaluateCondition(condition.condition, order, ctx);
      return { matched: !result.matched, values: result.values };
    }
    default:
      return evaluateLeaf(condition, order, ctx);
  }
}

/**
 * The statuses in which a condition can hold (成立し得るステータス), read from its `status` leaves:
 * `all` intersects, `any` unites, `not` of a status leaf takes the complement; other leaves allow any.
 * Used to find cycles of status moves and rules that can fire together.
 *
 * @example
 * ```ts
 * possibleStatuses({ kind: 'status', in: ['new'] }, ['new', 'shipped']); // Set { 'new' }
 * ```
 */
export function possibleStatuses(condition: Condition, all: readonly string[]): Set<string> {
  switch (condition.kind) {
    case 'status':
      return new Set(condition.in.filter((status) => all.includes(status)));
    case 'all': {
      let allowed = new Set(all);
      for (const child of condition.of) {
        const inChild = possibleStatuses(child, all);
        allowed = new Set([...allowed].filter((status) => inChild.has(status)));
      }
      return allowed;
    }
    case 'any': {
      const allowed = new Set<string>();
      for (const child of condition.of)
        for (const status of possibleStatuses(child, all)) allowed.add(status);
      return allowed;
    }
    case 'not':
      if (condition.condition.kind === 'status') {
        const excluded = new Set(condition.condition.in);
        return new Set(all.filter((status) => !excluded.has(status)));
      }
      return new Set(all);
    default:
      return new Set(all);
  }
}
