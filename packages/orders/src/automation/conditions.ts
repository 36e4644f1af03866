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
  /** An open (not acknowledged) blacklist alert is present (ブラックリスト一致) */
  z.object({ kind: z.literal('blacklisted') }),
  /** Any open alert, or one whose code is listed or starts with a listed prefix ending in `*` (アラート) */
  z.object({ kind: z.literal('alert'), codes: strings.optional() }),
  /** An open address alert of one of the kinds (住所アラート); `minDays` for `longLeadTime` (default 2) */
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
  /**
   * The mail was already sent (送信済メール): `template` is the mail event key on `axes.mailsSent` (e.g.
   * `followUp`, a key of `STANDARD_MAIL_EVENTS`), whether automation or `applyMailSent` of
   * `@hakobu/mail-templates` recorded it
   */
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

/** The last resolution of each relative date, per condition object: one `addDays` per run, not per order. */
const resolvedDates = new WeakMap<
  { daysFromToday: number },
  { today: PlainDate; days: number; date: PlainDate }
>();

function resolveDate(ref: DateRef, today: PlainDate): PlainDate {
  if (typeof ref === 'string') return ref;
  const cached = resolvedDates.get(ref);
  // Compared with the days as well: rules are plain data, and a host may edit one in place.
  if (cached?.today === today && cached.days === ref.daysFromToday) return cached.date;
  const date = addDays(today, ref.daysFromToday);
  resolvedDates.set(ref, { today, days: ref.daysFromToday, date });
  return date;
}

function inRange(date: PlainDate, from: DateRef | undefined, to: DateRef | undefined, today: PlainDate) {
  return (
    (from === undefined || date >= resolveDate(from, today)) &&
    (to === undefined || date <= resolveDate(to, today))
  );
}

function amountOf(order: OrderState, field: AmountField): number {
  switch (field) {
    case 'billedTotal':
      return order.amounts.billedTotal;
    case 'items':
      return order.amounts.items;
    case 'cod': {
      let sum = 0;
      for (const shipment of order.shipments) if (shipment.state !== 'cancelled') sum += shipment.codAmount;
      return sum;
    }
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

/** A leaf's verdict, its value recorded when the caller collects values. */
function record(
  values: MatchedValue[] | undefined,
  condition: string,
  field: string,
  value: unknown,
  matched: boolean,
): boolean {
  // Arrays built by push keep spare room (16 slots); a report keeps the values, so they are copied to size.
  values?.push({ condition, field, value: Array.isArray(value) ? value.slice() : value });
  return matched;
}

function remarksOf(order: OrderState, field: 'customer' | 'internal' | 'either'): string {
  const customer = order.notes.customer ?? '';
  const internal = order.notes.internal ?? '';
  if (field === 'customer') return customer;
  if (field === 'internal') return internal;
  return customer !== '' && internal !== '' ? `${customer}\n${internal}` : customer || internal;
}

/** The latest 出荷日 when every live slip has shipped (a missing date counts as `''`), else `undefined`. */
function lastShippedOn(order: OrderState): PlainDate | undefined {
  let last: PlainDate | undefined;
  for (const shipment of order.shipments) {
    if (shipment.state === 'cancelled') continue;
    if (shipment.state !== 'shipped') return undefined;
    const on = shipment.shippedOn ?? '';
    if (last === undefined || on > last) last = on;
  }
  return last;
}

// The leaves run for every order and rule: plain loops rather than chains of map, filter and spread.

/** Each line's SKU and master SKU that matches one of the values, once each, in line order. */
function skuHits(
  order: OrderState,
  values: readonly string[],
  match: 'exact' | 'prefix' | 'contains',
): string[] {
  const hits: string[] = [];
  for (const line of order.lines) {
    if (!hits.includes(line.sku) && skuMatchesAny(line.sku, values, match)) hits.push(line.sku);
    const master = line.masterSku;
    if (master !== undefined && !hits.includes(master) && skuMatchesAny(master, values, match))
      hits.push(master);
  }
  return hits;
}

function skuMatchesAny(
  sku: string,
  values: readonly string[],
  match: 'exact' | 'prefix' | 'contains',
): boolean {
  for (const value of values) if (skuMatches(sku, value, match)) return true;
  return false;
}

/** お届け希望日 of the live slips, then of the lines. */
function requestedDates(order: OrderState): PlainDate[] {
  const dates: PlainDate[] = [];
  for (const shipment of order.shipments) {
    if (shipment.state !== 'cancelled' && shipment.requestedDate !== undefined)
      dates.push(shipment.requestedDate);
  }
  for (const line of order.lines) if (line.requestedDate !== undefined) dates.push(line.requestedDate);
  return dates;
}

function datesInRange(
  dates: readonly PlainDate[],
  from: DateRef | undefined,
  to: DateRef | undefined,
  today: PlainDate,
): PlainDate[] {
  const inside: PlainDate[] = [];
  for (const date of dates) if (inRange(date, from, to, today)) inside.push(date);
  return inside;
}

function alertHits(order: OrderState, patterns: readonly string[] | undefined): string[] {
  const hits: string[] = [];
  for (const { code, acknowledged } of order.alerts) {
    if (acknowledged !== undefined) continue;
    if (patterns === undefined || patterns.some((pattern) => codeMatches(code, pattern))) hits.push(code);
  }
  return hits;
}

function addressAlertHits(
  order: OrderState,
  kinds: readonly AddressAlertKind[],
  table: AddressAlertCodes,
  minDays: number,
): string[] {
  const hits: string[] = [];
  for (const alert of order.alerts) {
    if (alert.acknowledged !== undefined) continue;
    for (const kind of kinds) {
      if (!table[kind].includes(alert.code)) continue;
      const days = alert.data?.days;
      if (kind === 'longLeadTime' && typeof days === 'number' && days < minDays) continue;
      hits.push(alert.code);
      break;
    }
  }
  return hits;
}

/** A remarks condition's words, width-folded once per condition rather than once per order. */
const foldedWordLists = new WeakMap<
  readonly string[],
  { readonly source: readonly string[]; readonly folded: readonly string[] }
>();

function foldedWords(words: readonly string[] | undefined): readonly string[] {
  if (words === undefined) return [];
  const cached = foldedWordLists.get(words);
  // The words are checked against a copy: rules are plain data, and a host may edit one in place.
  if (cached?.source.length === words.length && cached.source.every((word, at) => word === words[at])) {
    return cached.folded;
  }
  const folded = words.map(foldWidth);
  foldedWordLists.set(words, { source: [...words], folded });
  return folded;
}

/** Whether a leaf holds; its value is pushed onto `values` when given. */
function leafHolds(
  condition: LeafCondition,
  order: OrderState,
  ctx: EvaluationContext,
  values: MatchedValue[] | undefined,
): boolean {
  switch (condition.kind) {
    case 'channel':
      return record(values, 'channel', 'channel', order.channel, condition.in.includes(order.channel));
    case 'shop':
      return record(values, 'shop', 'shopId', order.shopId, condition.in.includes(order.shopId));
    case 'status':
      return record(values, 'status', 'status', order.status, condition.in.includes(order.status));
    case 'paymentMethod':
      return record(
        values,
        'paymentMethod',
        'payment.method',
        order.payment.method,
        condition.in.includes(order.payment.method),
      );
    case 'paymentStatus':
      return record(
        values,
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
      return record(values, 'amount', condition.field, value, matched);
    }
    case 'sku': {
      const hits = skuHits(order, condition.values, condition.match);
      return record(values, 'sku', 'lines.sku', hits, hits.length > 0);
    }
    case 'requestedDate': {
      const dates = requestedDates(order);
      const present = dates.length > 0;
      const ranged = condition.from !== undefined || condition.to !== undefined;
      const inside = ranged ? datesInRange(dates, condition.from, condition.to, ctx.today) : dates;
      const matched =
        (condition.present === undefined || condition.present === present) && (!ranged || inside.length > 0);
      return record(values, 'requestedDate', 'requestedDate', ranged ? inside : dates, matched);
    }
    case 'plannedShipDate': {
      const dates: PlainDate[] = [];
      for (const shipment of order.shipments) {
        if (shipment.state === 'open' && shipment.plannedShipDate !== undefined)
          dates.push(shipment.plannedShipDate);
      }
      const due = dates.some((date) => inRange(date, condition.from, condition.to, ctx.today));
      return record(values, 'plannedShipDate', 'shipments.plannedShipDate', dates, due);
    }
    case 'gift': {
      let gift = false;
      for (const shipment of order.shipments) {
        if (shipment.state === 'cancelled' || !isGift(order, shipment)) continue;
        gift = true;
        break;
      }
      return record(values, 'gift', 'gift', gift, gift === condition.value);
    }
    case 'customerRank': {
      const rank = ctx.rankOf?.(order);
      return record(
        values,
        'customerRank',
        'customerRank',
        rank ?? null,
        rank !== undefined && condition.in.includes(rank),
      );
    }
    case 'blacklisted': {
      const codes: string[] = [];
      for (const alert of order.alerts)
        if (alert.code.startsWith('orders.blacklist.') && alert.acknowledged === undefined)
          codes.push(alert.code);
      return record(values, 'blacklisted', 'alerts', codes, codes.length > 0);
    }
    case 'alert': {
      const hits = alertHits(order, condition.codes);
      return record(values, 'alert', 'alerts', hits, hits.length > 0);
    }
    case 'addressAlert': {
      const table = ctx.addressAlertCodes ?? defaultAddressAlertCodes;
      const hits = addressAlertHits(order, condition.kinds, table, condition.minDays ?? 2);
      return record(values, 'addressAlert', 'alerts', hits, hits.length > 0);
    }
    case 'held': {
      const codes = condition.codes;
      const hits: string[] = [];
      for (const hold of order.axes.holds)
        if (codes === undefined || codes.includes(hold.code)) hits.push(hold.code);
      return record(values, 'held', 'axes.holds', hits, hits.length > 0);
    }
    case 'tag': {
      const hits: string[] = [];
      for (const tag of order.tags) if (condition.anyOf.includes(tag)) hits.push(tag);
      return record(values, 'tag', 'tags', hits, hits.length > 0);
    }
    case 'remarks': {
      const text = foldWidth(remarksOf(order, condition.field));
      const words = foldedWords(condition.contains);
      const found: string[] = [];
      for (const word of words) if (text.includes(word)) found.push(word);
      const presentOk = condition.present === undefined || condition.present === (text.trim() !== '');
      const wordsOk =
        condition.contains === undefined ||
        (condition.match === 'all' ? found.length === words.length : found.length > 0);
      return record(
        values,
        'remarks',
        `notes.${condition.field}`,
        condition.contains === undefined ? text : found,
        presentOk && wordsOk,
      );
    }
    case 'temperature': {
      const zones: TemperatureZone[] = [];
      for (const line of order.lines) if (!zones.includes(line.temperature)) zones.push(line.temperature);
      let matched = false;
      for (const zone of zones) if (condition.in.includes(zone)) matched = true;
      return record(values, 'temperature', 'lines.temperature', zones, matched);
    }
    case 'mailSent': {
      const sent = order.axes.mailsSent.includes(condition.template);
      return record(values, 'mailSent', 'axes.mailsSent', condition.template, sent);
    }
    case 'shippedDaysAgo': {
      const last = lastShippedOn(order);
      const due = last === undefined ? undefined : addDays(last, condition.atLeast);
      return record(
        values,
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
      // Allocated at the first match: most orders fail a rule's first condition.
      let values: MatchedValue[] | undefined;
      for (const child of condition.of) {
        const result = evaluateCondition(child, order, ctx);
        if (!result.matched) return { matched: false, values: result.values };
        values ??= [];
        for (const value of result.values) values.push(value);
      }
      return { matched: true, values: values ?? [] };
    }
    case 'any': {
      let values: MatchedValue[] | undefined;
      for (const child of condition.of) {
        const result = evaluateCondition(child, order, ctx);
        if (!result.matched) continue;
        values ??= [];
        for (const value of result.values) values.push(value);
      }
      return { matched: values !== undefined, values: values ?? [] };
    }
    case 'not': {
      const result = evaluateCondition(condition.condition, order, ctx);
      return { matched: !result.matched, values: result.values };
    }
    default: {
      const values: MatchedValue[] = [];
      return { matched: leafHolds(condition, order, ctx, values), values };
    }
  }
}

/**
 * Whether a condition holds, without collecting the values it looked at: the same verdict as
 * {@link evaluateCondition}, for planning, where most rules do not match and their values are not needed.
 * Internal to the automation engine.
 */
export function conditionHolds(condition: Condition, order: OrderState, ctx: EvaluationContext): boolean {
  switch (condition.kind) {
    case 'all':
      for (const child of condition.of) if (!conditionHolds(child, order, ctx)) return false;
      return true;
    case 'any':
      for (const child of condition.of) if (conditionHolds(child, order, ctx)) return true;
      return false;
    case 'not':
      return !conditionHolds(condition.condition, order, ctx);
    default:
      return leafHolds(condition, order, ctx, undefined);
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
