import {
  DASH_CHARACTERS,
  normalizeAddressKey,
  normalizeName,
  normalizePhone,
  toJapanDate,
} from '@hakobu/core';
import { z } from 'zod';
import { isOpenAlert } from '../alert/evidence';
import type { OrderState } from '../model/order';
import { PaymentMethod } from '../model/order';
import { fullAddress } from '../model/party';

/**
 * A typed order search (受注検索): every given criterion must hold. Dates compare the `orderedAt` Japan-time
 * date, `text` looks in the mall order number and in names (and readings), addresses and phones compared by
 * the match keys of `@hakobu/core` (so `ﾔﾏﾀﾞ` finds やまだ, `芝公園4-2` finds 芝公園四丁目2番); phone numbers
 * are searched only when the text reads as one. `tags` must all be present.
 */
export const OrderQuery = z.object({
  status: z.array(z.string()).optional(),
  channel: z.array(z.string()).optional(),
  shopId: z.array(z.string()).optional(),
  /** 注文日 from (inclusive), `YYYY-MM-DD` */
  orderedFrom: z.string().optional(),
  /** 注文日 to (inclusive), `YYYY-MM-DD` */
  orderedTo: z.string().optional(),
  paymentMethod: z.array(PaymentMethod).optional(),
  minTotal: z.number().int().optional(),
  maxTotal: z.number().int().optional(),
  text: z.string().optional(),
  tags: z.array(z.string()).optional(),
  hasAlerts: z.boolean().optional(),
  hasTracking: z.boolean().optional(),
});
/** @see {@link OrderQuery} */
export type OrderQuery = z.infer<typeof OrderQuery>;

/** Paging (ページング): `offset` orders skipped, at most `limit` returned; results sorted by orderedAt, then id. */
export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** One page of results and the total number of matches. */
export interface QueryResult<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** Text that reads as (part of) a phone number: digits with dashes, spaces, brackets or a leading `+`. */
const PHONE_LIKE = new RegExp(`^[+＋]?[0-9０-９\\s()（）${DASH_CHARACTERS}]+$`, 'u');

/** The search text as each kind of match key, built once per query. */
interface Needle {
  readonly raw: string;
  readonly name: string;
  readonly address: string;
  readonly phone: string;
}

function needleOf(text: string): Needle {
  const trimmed = text.trim();
  return {
    raw: trimmed,
    name: normalizeName(trimmed),
    address: normalizeAddressKey(trimmed),
    phone: PHONE_LIKE.test(trimmed) ? normalizePhone(trimmed) : '',
  };
}

function textMatches(order: OrderState, needle: Needle): boolean {
  if (order.mallOrderNumber.includes(needle.raw)) return true;
  const parties = [order.orderer, ...order.shipments.map((shipment) => shipment.destination)];
  return parties.some(
    (party) =>
      (needle.name !== '' && normalizeName(party.name).includes(needle.name)) ||
      (needle.name !== '' && normalizeName(party.nameKana ?? '').includes(needle.name)) ||
      (needle.address !== '' && normalizeAddressKey(fullAddress(party)).includes(needle.address)) ||
      (needle.phone !== '' && normalizePhone(party.phone).includes(needle.phone)),
  );
}

/**
 * True when the order meets every criterion of the query. The in-memory repository uses it; a SQL adapter
 * translates the same criteria.
 *
 * @example
 * ```ts
 * matchesQuery(order, { status: ['awaitingShipment'], text: '山田' });
 * ```
 */
export function matchesQuery(order: OrderState, query: OrderQuery): boolean {
  return matches(order, query, needleFor(query));
}

function needleFor(query: OrderQuery): Needle | undefined {
  return query.text === undefined || query.text.trim() === '' ? undefined : needleOf(query.text);
}

function matches(order: OrderState, query: OrderQuery, needle: Needle | undefined): boolean {
  if (query.status !== undefined && !query.status.includes(order.status)) return false;
  if (query.channel !== undefined && !query.channel.includes(order.channel)) return false;
  if (query.shopId !== undefined && !query.shopId.includes(order.shopId)) return false;
  if (query.paymentMethod !== undefined && !query.paymentMethod.includes(order.payment.method)) return false;
  const day = toJapanDate(order.orderedAt);
  if (query.orderedFrom !== undefined && day < query.orderedFrom) return false;
  if (query.orderedTo !== undefined && day > query.orderedTo) return false;
  if (query.minTotal !== undefined && order.amounts.billedTotal < query.minTotal) return false;
  if (query.maxTotal !== undefined && order.amounts.billedTotal > query.maxTotal) return false;
  if (query.tags !== undefined && !query.tags.every((tag) => order.tags.includes(tag))) return false;
  if (query.hasAlerts !== undefined && order.alerts.some(isOpenAlert) !== query.hasAlerts) return false;
  if (query.hasTracking !== undefined) {
    const tracked = order.shipments.some((shipment) => shipment.trackingNumbers.length > 0);
    if (tracked !== query.hasTracking) return false;
  }
  return needle === undefined || textMatches(order, needle);
}

/**
 * Filters, sorts (orderedAt, then id) and pages orders in memory.
 *
 * @example
 * ```ts
 * queryOrders(orders, { channel: ['rakuten'] }, { offset: 0, limit: 50 }); // { items, total }
 * ```
 */
export function queryOrders<T extends OrderState>(
  orders: Iterable<T>,
  query: OrderQuery,
  page: Page,
): QueryResult<T> {
  const needle = needleFor(query);
  const matched = [...orders]
    .filter((order) => matches(order, query, needle))
    .sort((a, b) => Date.parse(a.orderedAt) - Date.parse(b.orderedAt) || a.id.localeCompare(b.id));
  return { items: matched.slice(page.offset, page.offset + page.limit), total: matched.length };
}
