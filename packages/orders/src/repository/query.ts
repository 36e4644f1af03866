import { z } from 'zod';
import { phoneKey } from '../internal/keys';
import type { OrderState } from '../model/order';
import { PaymentMethod } from '../model/order';
import { fullAddress } from '../model/party';

/**
 * A typed order search (受注検索): every given criterion must hold. Dates compare the `orderedAt` Japan-time
 * date, `text` looks in names, addresses and phones (normalised), `tags` must all be present.
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

function japanDate(instant: string): string {
  return new Date(Date.parse(instant) + 9 * 3_600_000).toISOString().slice(0, 10);
}

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

function textMatches(order: OrderState, text: string): boolean {
  const needle = fold(text);
  const phone = phoneKey(text);
  if (order.mallOrderNumber.includes(needle)) return true;
  const parties = [order.orderer, ...order.shipments.map((shipment) => shipment.destination)];
  return parties.some(
    (party) =>
      fold(party.name).includes(needle) ||
      fold(party.nameKana ?? '').includes(needle) ||
      fold(fullAddress(party)).includes(needle) ||
      (phone !== '' && phoneKey(party.phone).includes(phone)),
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
  if (query.status !== undefined && !query.status.includes(order.status)) return false;
  if (query.channel !== undefined && !query.channel.includes(order.channel)) return false;
  if (query.shopId !== undefined && !query.shopId.includes(order.shopId)) return false;
  if (query.paymentMethod !== undefined && !query.paymentMethod.includes(order.payment.method)) return false;
  const day = japanDate(order.orderedAt);
  if (query.orderedFrom !== undefined && day < query.orderedFrom) return false;
  if (query.orderedTo !== undefined && day > query.orderedTo) return false;
  if (query.minTotal !== undefined && order.amounts.billedTotal < query.minTotal) return false;
  if (query.maxTotal !== undefined && order.amounts.billedTotal > query.maxTotal) return false;
  if (query.tags !== undefined && !query.tags.every((tag) => order.tags.includes(tag))) return false;
  if (query.hasAlerts !== undefined && order.alerts.length > 0 !== query.hasAlerts) return false;
  if (query.hasTracking !== undefined) {
    const tracked = order.shipments.some((shipment) => shipment.trackingNumbers.length > 0);
    if (tracked !== query.hasTracking) return false;
  }
  if (query.text !== undefined && query.text.trim() !== '' && !textMatches(order, query.text)) return false;
  return true;
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
  const matched = [...orders]
    .filter((order) => matchesQuery(order, query))
    .sort((a, b) => Date.parse(a.orderedAt) - Date.parse(b.orderedAt) || a.id.localeCompare(b.id));
  return { items: matched.slice(page.offset, page.offset + page.limit), total: matched.length };
}
