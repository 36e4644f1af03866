import { createIssue, fail, type Issue, ok, parseInstant, type Result } from '@hakobu/core';
import type { HttpRequest, HttpResponse } from '../http/transport';
import { asRecord, pathText } from '../pipeline/json-fields';
import type { AmazonConfirmShipmentBody } from '../writeback';
import { errorListIssues, isSuccess, jsonBody, statusIssue } from './response';

/** The SP-API endpoint for Japan (Far East region). */
export const AMAZON_SP_API_FE_ENDPOINT = 'https://sellingpartnerapi-fe.amazon.com';

/**
 * The marketplace id of Amazon.co.jp (マーケットプレイスID), the default `marketplaceIds` of
 * {@link amazonGetOrdersRequest}. The project reference (malls.md §3.1) marks it unconfirmed; Amazon's
 * "Marketplace IDs" page of the SP-API docs lists Japan as `A1VC38T7YXB528`. It stays an option.
 */
export const AMAZON_JP_MARKETPLACE_ID = 'A1VC38T7YXB528';

/** The header that carries the LWA access token (or a Restricted Data Token) on every SP-API call. */
export const AMAZON_ACCESS_TOKEN_HEADER = 'x-amz-access-token';

/** At most 100 orders per getOrders page (`MaxResultsPerPage` 1–100). */
export const AMAZON_MAX_ORDERS_PER_PAGE = 100;

const MAX_LISTED = 50;

/** Where and as whom the Amazon request builders send (Amazon SP-API設定). */
export interface AmazonApiConfig {
  /** Default {@link AMAZON_SP_API_FE_ENDPOINT}. */
  readonly endpoint?: string;
  /**
   * The Login with Amazon (LWA) access token, sent as `x-amz-access-token`. hakobu does not obtain it: the
   * host exchanges its refresh token at the LWA token endpoint (the token lives one hour) and passes it
   * here. For the buyer's name and address (PII) getOrders and getOrderItems need a Restricted Data Token
   * from the Tokens API instead, sent in the same header. Only ever sent, never put in an issue.
   */
  readonly accessToken?: string;
  /** Further headers to send (a `user-agent`, a proxy's own); they override the access token header. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The SP-API authorization header (認証ヘッダー): `x-amz-access-token: <token>`, where the token is an LWA
 * access token or a Restricted Data Token the host obtained. SP-API needs no AWS Signature Version 4 since
 * 2023-10-02.
 *
 * @example
 * ```ts
 * amazonAccessTokenHeaders('Atza|IwEBI…'); // { 'x-amz-access-token': 'Atza|IwEBI…' }
 * ```
 */
export function amazonAccessTokenHeaders(accessToken: string): Record<string, string> {
  return { [AMAZON_ACCESS_TOKEN_HEADER]: accessToken };
}

function headersOf(config: AmazonApiConfig): Record<string, string> {
  return {
    ...(config.accessToken === undefined ? {} : amazonAccessTokenHeaders(config.accessToken)),
    ...config.headers,
  };
}

function endpointOf(config: AmazonApiConfig): string {
  return config.endpoint ?? AMAZON_SP_API_FE_ENDPOINT;
}

/**
 * Builds a confirmShipment request (出荷通知, SP-API Orders v0):
 * `POST /orders/v0/orders/{orderId}/shipmentConfirmation` with a body of `amazonConfirmShipmentBodies`.
 *
 * @example
 * ```ts
 * const { bodies } = amazonConfirmShipmentBodies(shipped, { marketplaceId, today: '2026-11-28' });
 * const requests = bodies.map((entry) => amazonConfirmShipmentRequest(config, entry));
 * ```
 */
export function amazonConfirmShipmentRequest(
  config: AmazonApiConfig,
  entry: { readonly orderId: string; readonly body: AmazonConfirmShipmentBody },
): HttpRequest {
  return {
    method: 'POST',
    url: `${endpointOf(config)}/orders/v0/orders/${encodeURIComponent(entry.orderId)}/shipmentConfirmation`,
    headers: { ...headersOf(config), 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(entry.body),
  };
}

/**
 * Reads a confirmShipment response: any 2xx is success; otherwise the status, and each entry of an
 * `errors: [{ code, message }]` body as `malls.amazon.api_error`.
 *
 * @example
 * ```ts
 * const result = parseAmazonConfirmShipmentResponse(response);
 * ```
 */
export function parseAmazonConfirmShipmentResponse(response: HttpResponse): Result<{ status: number }> {
  if (isSuccess(response)) return ok({ status: response.status });
  const json = jsonBody(response, 'Amazon confirmShipment');
  return fail([
    statusIssue(response, 'Amazon confirmShipment'),
    ...json.issues,
    ...errorListIssues(json.value, 'Amazon confirmShipment', 'malls.amazon.api_error'),
  ]);
}

/** An SP-API `OrderStatus`. */
export type AmazonOrderStatus =
  | 'PendingAvailability'
  | 'Pending'
  | 'Unshipped'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'InvoiceUnconfirmed'
  | 'Canceled'
  | 'Unfulfillable';

const ORDER_STATUSES: readonly string[] = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
];

/**
 * The search of {@link amazonGetOrdersRequest} (Amazon注文検索条件). Give `createdAfter` or
 * `lastUpdatedAfter`, not both; `createdBefore` goes with `createdAfter` and `lastUpdatedBefore` with
 * `lastUpdatedAfter`. Instants are a `Date` or ISO 8601 text (text without an offset is Japan time); take
 * them from the `Clock` port, never the wall clock. Amazon wants a `…Before` at least two minutes in the past.
 */
export interface AmazonOrderSearch {
  /** Orders created at or after this instant (`CreatedAfter`). */
  readonly createdAfter?: Date | string;
  /** Orders created at or before this instant (`CreatedBefore`). */
  readonly createdBefore?: Date | string;
  /** Orders changed at or after this instant, creation included (`LastUpdatedAfter`). */
  readonly lastUpdatedAfter?: Date | string;
  /** Orders changed at or before this instant (`LastUpdatedBefore`). */
  readonly lastUpdatedBefore?: Date | string;
  /** `OrderStatuses` filter, e.g. `['Unshipped', 'PartiallyShipped']`. */
  readonly orderStatuses?: readonly AmazonOrderStatus[];
  /** `FulfillmentChannels`: `MFN` (出品者出荷) or `AFN` (FBA). */
  readonly fulfillmentChannels?: readonly ('MFN' | 'AFN')[];
  /** `PaymentMethods`: `COD` (代金引換), `CVS` (コンビニ払い), `Other`. */
  readonly paymentMethods?: readonly ('COD' | 'CVS' | 'Other')[];
  /** `AmazonOrderIds`, at most 50. */
  readonly amazonOrderIds?: readonly string[];
  /** `MarketplaceIds`, 1 to 50; default `[AMAZON_JP_MARKETPLACE_ID]`. */
  readonly marketplaceIds?: readonly string[];
  /** `MaxResultsPerPage`, 1–100; Amazon's default is 100. */
  readonly maxResultsPerPage?: number;
  /** The `NextToken` of the previous page; the other fields stay as they were. */
  readonly nextToken?: string;
}

function invalidSearch(message: string, data: Record<string, unknown>): Issue {
  return createIssue('malls.amazon.invalid_search', `Amazon注文検索の${message}`, { data });
}

/** An instant as SP-API query text: UTC, to the second (`2026-11-27T15:00:00Z`). */
function spApiInstant(value: Date | string, field: string, issues: Issue[]): Date | undefined {
  const parsed = typeof value === 'string' ? parseInstant(value, { field }) : ok(value);
  if (parsed.ok && !Number.isNaN(parsed.value.getTime())) return parsed.value;
  issues.push(invalidSearch(`${field} が日時ではありません: ${String(value)}`, { field }));
  return undefined;
}

function isoSecond(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

function windowIssues(search: AmazonOrderSearch, issues: Issue[]): void {
  const created = search.createdAfter !== undefined || search.createdBefore !== undefined;
  const updated = search.lastUpdatedAfter !== undefined || search.lastUpdatedBefore !== undefined;
  if (search.createdAfter === undefined && search.lastUpdatedAfter === undefined)
    issues.push(invalidSearch('CreatedAfter か LastUpdatedAfter のどちらかが必要です', {}));
  if (created && updated) issues.push(invalidSearch('Created… と LastUpdated… は同時に指定できません', {}));
  else if (search.createdBefore !== undefined && search.createdAfter === undefined)
    issues.push(invalidSearch('CreatedBefore は CreatedAfter と一緒に指定してください', {}));
  else if (search.lastUpdatedBefore !== undefined && search.lastUpdatedAfter === undefined)
    issues.push(invalidSearch('LastUpdatedBefore は LastUpdatedAfter と一緒に指定してください', {}));
}

function listIssues(name: string, values: readonly string[] | undefined, min: number): Issue[] {
  if (values === undefined) return [];
  if (values.length < min || values.length > MAX_LISTED)
    return [invalidSearch(`${name} は${min}〜${MAX_LISTED}件です: ${values.length}件`, { field: name })];
  if (values.some((value) => typeof value !== 'string' || value.trim() === ''))
    return [invalidSearch(`${name} に空の値があります`, { field: name })];
  return [];
}

/**
 * Builds a getOrders request (注文一覧取得, SP-API Orders v0): `GET /orders/v0/orders` with `MarketplaceIds`
 * (default Amazon.co.jp), the `CreatedAfter`/`CreatedBefore` or `LastUpdatedAfter`/`LastUpdatedBefore`
 * window in ISO 8601 UTC to the second, the filters given and `NextToken`; lists are comma-separated, as
 * the Orders v0 model declares. A window or list against the API's rules fails with
 * `malls.amazon.invalid_search` issues. Read the response with {@link parseAmazonGetOrdersResponse}.
 *
 * @example
 * ```ts
 * const now = clock.now();
 * const request = amazonGetOrdersRequest(config, {
 *   createdAfter: new Date(now.getTime() - 24 * 3_600_000),
 *   orderStatuses: ['Unshipped', 'PartiallyShipped'],
 * });
 * // request.value.url: https://sellingpartnerapi-fe.amazon.com/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=…
 * ```
 */
export function amazonGetOrdersRequest(
  config: AmazonApiConfig,
  search: AmazonOrderSearch,
): Result<HttpRequest> {
  const issues: Issue[] = [];
  windowIssues(search, issues);
  const marketplaceIds = search.marketplaceIds ?? [AMAZON_JP_MARKETPLACE_ID];
  issues.push(...listIssues('MarketplaceIds', marketplaceIds, 1));
  issues.push(...listIssues('AmazonOrderIds', search.amazonOrderIds, 0));
  const unknown = (search.orderStatuses ?? []).filter((status) => !ORDER_STATUSES.includes(status));
  if (unknown.length > 0)
    issues.push(
      invalidSearch(`OrderStatuses に不明なステータスがあります: ${unknown.join(', ')}`, { unknown }),
    );
  const perPage = search.maxResultsPerPage;
  if (
    perPage !== undefined &&
    (!Number.isInteger(perPage) || perPage < 1 || perPage > AMAZON_MAX_ORDERS_PER_PAGE)
  )
    issues.push(invalidSearch(`MaxResultsPerPage は1〜100です: ${perPage}`, { perPage }));
  const instants: [string, Date | string | undefined][] = [
    ['CreatedAfter', search.createdAfter],
    ['CreatedBefore', search.createdBefore],
    ['LastUpdatedAfter', search.lastUpdatedAfter],
    ['LastUpdatedBefore', search.lastUpdatedBefore],
  ];
  const query = new URLSearchParams({ MarketplaceIds: marketplaceIds.join(',') });
  const read: Record<string, Date> = {};
  for (const [name, value] of instants) {
    if (value === undefined) continue;
    const instant = spApiInstant(value, name, issues);
    if (instant === undefined) continue;
    read[name] = instant;
    query.set(name, isoSecond(instant));
  }
  for (const [after, before] of [
    ['CreatedAfter', 'CreatedBefore'],
    ['LastUpdatedAfter', 'LastUpdatedBefore'],
  ] as const) {
    const from = read[after];
    const to = read[before];
    if (from !== undefined && to !== undefined && to.getTime() < from.getTime())
      issues.push(invalidSearch(`${before} が ${after} より前です`, { field: before }));
  }
  if (issues.length > 0) return fail(issues);
  const lists: [string, readonly string[] | undefined][] = [
    ['OrderStatuses', search.orderStatuses],
    ['FulfillmentChannels', search.fulfillmentChannels],
    ['PaymentMethods', search.paymentMethods],
    ['AmazonOrderIds', search.amazonOrderIds],
  ];
  for (const [name, values] of lists)
    if (values !== undefined && values.length > 0) query.set(name, values.join(','));
  if (perPage !== undefined) query.set('MaxResultsPerPage', String(perPage));
  if (search.nextToken !== undefined && search.nextToken !== '') query.set('NextToken', search.nextToken);
  return ok({
    method: 'GET',
    url: `${endpointOf(config)}/orders/v0/orders?${query}`,
    headers: headersOf(config),
  });
}

/**
 * Builds a getOrderItems request (注文明細取得): `GET /orders/v0/orders/{orderId}/orderItems`, with the
 * `NextToken` of the previous page when there is one. Read the response with
 * {@link parseAmazonGetOrderItemsResponse}.
 *
 * @example
 * ```ts
 * const first = amazonGetOrderItemsRequest(config, '503-2716584-3310617');
 * const next = amazonGetOrderItemsRequest(config, '503-2716584-3310617', page.nextToken);
 * ```
 */
export function amazonGetOrderItemsRequest(
  config: AmazonApiConfig,
  orderId: string,
  nextToken?: string,
): HttpRequest {
  const path = `${endpointOf(config)}/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`;
  const query =
    nextToken === undefined || nextToken === '' ? '' : `?${new URLSearchParams({ NextToken: nextToken })}`;
  return { method: 'GET', url: `${path}${query}`, headers: headersOf(config) };
}

type Path = (string | number)[];

function shapeIssue(operation: string, path: Path, what: string): Issue {
  return createIssue(
    'malls.amazon.invalid_response',
    `${operation} の応答${path.length === 0 ? '' : `の ${pathText(path)} `}${what}`,
    { path, data: { operation } },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `payload` of a 2xx SP-API response, or the status, JSON and `errors` issues. */
function spApiPayload(response: HttpResponse, operation: string): Result<Record<string, unknown>> {
  const json = jsonBody(response, operation);
  const errors = errorListIssues(json.value, operation, 'malls.amazon.api_error');
  if (!isSuccess(response)) return fail([statusIssue(response, operation), ...json.issues, ...errors]);
  if (json.issues.length > 0) return fail(json.issues);
  if (!isObject(json.value)) return fail([shapeIssue(operation, [], 'がJSONオブジェクトではありません')]);
  const payload = json.value.payload;
  if (isObject(payload)) return ok(payload);
  return fail(errors.length > 0 ? errors : [shapeIssue(operation, ['payload'], 'がありません')]);
}

/** An optional text field of a payload: absent, `null` and `''` read as absent. */
function optionalText(
  payload: Record<string, unknown>,
  key: string,
  operation: string,
  issues: Issue[],
): string | undefined {
  const value = payload[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  issues.push(shapeIssue(operation, ['payload', key], 'が文字列ではありません'));
  return undefined;
}

function objectList(
  payload: Record<string, unknown>,
  key: string,
  what: string,
  operation: string,
  issues: Issue[],
): Record<string, unknown>[] {
  const list = payload[key];
  if (!Array.isArray(list)) {
    issues.push(shapeIssue(operation, ['payload', key], 'が配列ではありません'));
    return [];
  }
  const records: Record<string, unknown>[] = [];
  for (const [index, entry] of list.entries()) {
    if (isObject(entry)) records.push(entry);
    else issues.push(shapeIssue(operation, ['payload', key, index], `が${what}のオブジェクトではありません`));
  }
  return records;
}

/** One getOrders page (注文一覧の1ページ), read by {@link parseAmazonGetOrdersResponse}. */
export interface AmazonOrdersPage {
  /** The `Order` objects as Amazon sent them, for `readAmazonOrders` (through {@link collectAmazonOrderPages}). */
  readonly orders: Record<string, unknown>[];
  /** Their `AmazonOrderId`s, in order: one getOrderItems call each. */
  readonly orderIds: string[];
  /** Ask for the next page with `{ ...search, nextToken }`; absent on the last page. */
  readonly nextToken?: string;
  /** `CreatedBefore` as Amazon applied it, when it says. */
  readonly createdBefore?: string;
  /** `LastUpdatedBefore` as Amazon applied it, when it says. */
  readonly lastUpdatedBefore?: string;
}

/**
 * Reads a getOrders response (`{ payload: { Orders, NextToken } }`): the orders, their ids and the next page
 * token. A non-2xx status fails with the status and the `errors` list (`malls.amazon.api_error`); a body
 * that is not the published shape fails with `malls.amazon.invalid_response` issues carrying the JSON path
 * (`payload.Orders[3].AmazonOrderId`). The order fields themselves are checked by `readAmazonOrders`,
 * which rejects a bad order alone. Never throws.
 *
 * @example
 * ```ts
 * const page = parseAmazonGetOrdersResponse(response);
 * if (page.ok && page.value.nextToken !== undefined) next = { ...search, nextToken: page.value.nextToken };
 * ```
 */
export function parseAmazonGetOrdersResponse(response: HttpResponse): Result<AmazonOrdersPage> {
  const operation = 'Amazon getOrders';
  const payload = spApiPayload(response, operation);
  if (!payload.ok) return payload;
  const issues: Issue[] = [];
  const orders = objectList(payload.value, 'Orders', '注文 (Order) ', operation, issues);
  const orderIds: string[] = [];
  const list = Array.isArray(payload.value.Orders) ? payload.value.Orders : [];
  for (const [index, entry] of list.entries()) {
    if (!isObject(entry)) continue;
    const id = entry.AmazonOrderId;
    if (typeof id === 'string' && id.trim() !== '') orderIds.push(id);
    else issues.push(shapeIssue(operation, ['payload', 'Orders', index, 'AmazonOrderId'], 'がありません'));
  }
  const nextToken = optionalText(payload.value, 'NextToken', operation, issues);
  const createdBefore = optionalText(payload.value, 'CreatedBefore', operation, issues);
  const lastUpdatedBefore = optionalText(payload.value, 'LastUpdatedBefore', operation, issues);
  if (issues.length > 0) return fail(issues);
  return ok({
    orders,
    orderIds,
    ...(nextToken === undefined ? {} : { nextToken }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(lastUpdatedBefore === undefined ? {} : { lastUpdatedBefore }),
  });
}

/** One getOrderItems page (注文明細の1ページ), read by {@link parseAmazonGetOrderItemsResponse}. */
export interface AmazonOrderItemsPage {
  readonly amazonOrderId: string;
  /** The `OrderItem` objects as Amazon sent them (amounts are line totals: price × quantity). */
  readonly orderItems: Record<string, unknown>[];
  /** Ask for the next page with `amazonGetOrderItemsRequest(config, id, nextToken)`; absent on the last. */
  readonly nextToken?: string;
}

/**
 * Reads a getOrderItems response (`{ payload: { AmazonOrderId, OrderItems, NextToken } }`). Failures as in
 * {@link parseAmazonGetOrdersResponse}: status and `errors`, or `malls.amazon.invalid_response` with the
 * JSON path. Never throws.
 *
 * @example
 * ```ts
 * const page = parseAmazonGetOrderItemsResponse(response);
 * if (page.ok) itemPages.push(page.value);
 * ```
 */
export function parseAmazonGetOrderItemsResponse(response: HttpResponse): Result<AmazonOrderItemsPage> {
  const operation = 'Amazon getOrderItems';
  const payload = spApiPayload(response, operation);
  if (!payload.ok) return payload;
  const issues: Issue[] = [];
  const id = payload.value.AmazonOrderId;
  if (typeof id !== 'string' || id.trim() === '')
    issues.push(shapeIssue(operation, ['payload', 'AmazonOrderId'], 'がありません'));
  const orderItems = objectList(payload.value, 'OrderItems', '注文明細 (OrderItem) ', operation, issues);
  const nextToken = optionalText(payload.value, 'NextToken', operation, issues);
  if (issues.length > 0 || typeof id !== 'string') return fail(issues);
  return ok({ amazonOrderId: id, orderItems, ...(nextToken === undefined ? {} : { nextToken }) });
}

/** What {@link collectAmazonOrderPages} returns: the two inputs of `readAmazonOrders`. */
export interface AmazonReaderInput {
  /** Every order once (a later page's copy replaces an earlier one), in first-seen order. */
  readonly orders: Record<string, unknown>[];
  /** The items of each order by `AmazonOrderId`, its pages joined (an `OrderItemId` seen again replaces). */
  readonly items: Record<string, Record<string, unknown>[]>;
  /** `malls.amazon.items_without_order` warnings for item pages of orders not in the order pages. */
  readonly issues: Issue[];
}

/**
 * Joins getOrders and getOrderItems pages into the input of `readAmazonOrders` (注文と明細の結合): orders
 * across pages without repeats, each order's item pages joined. An order with no item page is left for
 * the reader, which rejects it with its path.
 *
 * @example
 * ```ts
 * const input = collectAmazonOrderPages(orderPages, itemPages);
 * const read = readAmazonOrders(input.orders, input.items, { shopId: 'amazon-jp' });
 * ```
 */
export function collectAmazonOrderPages(
  orderPages: readonly AmazonOrdersPage[],
  itemPages: readonly AmazonOrderItemsPage[],
): AmazonReaderInput {
  const orders = new Map<string, Record<string, unknown>>();
  for (const page of orderPages)
    for (const order of page.orders) orders.set(String(asRecord(order).AmazonOrderId ?? ''), order);
  const items: Record<string, Record<string, unknown>[]> = {};
  const issues: Issue[] = [];
  for (const page of itemPages) {
    if (!orders.has(page.amazonOrderId)) {
      issues.push(
        createIssue(
          'malls.amazon.items_without_order',
          `注文番号 ${page.amazonOrderId} の注文明細がありますが、注文一覧 (getOrders) にその注文がないため読み込みません`,
          { severity: 'warning', data: { amazonOrderId: page.amazonOrderId } },
        ),
      );
      continue;
    }
    const byId = new Map<unknown, Record<string, unknown>>();
    // An item without an id is kept as its own entry, for the reader to reject with its path.
    for (const item of [...(items[page.amazonOrderId] ?? []), ...page.orderItems])
      byId.set(typeof item.OrderItemId === 'string' ? item.OrderItemId : Symbol(), item);
    items[page.amazonOrderId] = [...byId.values()];
  }
  return { orders: [...orders.values()], items, issues };
}
