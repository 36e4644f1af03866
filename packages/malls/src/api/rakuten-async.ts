import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import type { HttpRequest, HttpResponse } from '../http/transport';
import { asList, asRecord } from '../pipeline/json-fields';
import type { RakutenUpdateOrderShippingBody } from '../writeback';
import {
  jsonRequest,
  orderApiBody,
  type RakutenApiConfig,
  type RakutenApiMessage,
  type RakutenShippingOutcome,
  readRakutenMessages,
  shippingParcels,
} from './rakuten';
import { isSuccess, jsonBody, statusIssue } from './response';

/**
 * The path of 発送完了報告（非同期）. Not in the project reference; seen in public RMS clients (C#, Dart, PHP,
 * Java). Pass `path` to the builder if RMS documents another.
 */
export const RAKUTEN_UPDATE_ORDER_SHIPPING_ASYNC_PATH = '/es/2.0/order/updateOrderShippingAsync/';

/** The path of 発送完了報告（非同期結果確認), from the same public clients. */
export const RAKUTEN_GET_RESULT_UPDATE_ORDER_SHIPPING_ASYNC_PATH =
  '/es/2.0/order/getResultUpdateOrderShippingAsync/';

/** Orders per updateOrderShippingAsync call: 100, as two public sources say (not in the reference). */
export const RAKUTEN_MAX_ORDERS_PER_ASYNC_SHIPPING = 100;

/** Options of {@link rakutenUpdateOrderShippingAsyncRequests}. */
export interface RakutenAsyncShippingOptions {
  /** Default {@link RAKUTEN_UPDATE_ORDER_SHIPPING_ASYNC_PATH}. */
  readonly path?: string;
  /** Orders per request; default {@link RAKUTEN_MAX_ORDERS_PER_ASYNC_SHIPPING}. */
  readonly ordersPerRequest?: number;
}

/**
 * Builds updateOrderShippingAsync requests (発送完了報告・非同期): the updateOrderShipping bodies of
 * `rakutenShippingBodies`, as they are, in `{ OrderShippingModelList: [...] }`, 100 orders per request. RMS
 * refuses an order number twice in one request, so a repeated order number fails the build
 * (`malls.rakuten.duplicate_order`). Each response gives a request id: read it with
 * {@link parseRakutenUpdateOrderShippingAsyncResponse} and poll with
 * {@link rakutenGetResultUpdateOrderShippingAsyncRequest}.
 *
 * The project reference marks this call's details unconfirmed; path, body key and the 100-order batch are
 * taken from public RMS client code, so the path and batch size are options.
 *
 * @example
 * ```ts
 * const { bodies } = rakutenShippingBodies(shipped, { today: '2026-11-28' });
 * const requests = rakutenUpdateOrderShippingAsyncRequests(config, bodies);
 * // requests.value[0].body: {"OrderShippingModelList":[{"orderNumber":"…","BasketidModelList":[…]}, …]}
 * ```
 */
export function rakutenUpdateOrderShippingAsyncRequests(
  config: RakutenApiConfig,
  bodies: readonly RakutenUpdateOrderShippingBody[],
  options: RakutenAsyncShippingOptions = {},
): Result<HttpRequest[]> {
  const size = options.ordersPerRequest ?? RAKUTEN_MAX_ORDERS_PER_ASYNC_SHIPPING;
  if (!Number.isInteger(size) || size < 1)
    return fail([
      createIssue('malls.rakuten.invalid_request', `1回に送る注文数は1以上の整数です: ${size}`, {
        data: { ordersPerRequest: size },
      }),
    ]);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const body of bodies) {
    if (seen.has(body.orderNumber))
      issues.push(
        createIssue(
          'malls.rakuten.duplicate_order',
          `注文番号 ${body.orderNumber} の発送情報が2回あります。1つにまとめてください`,
          { data: { orderNumber: body.orderNumber } },
        ),
      );
    seen.add(body.orderNumber);
  }
  if (issues.length > 0) return fail(issues);
  const requests: HttpRequest[] = [];
  for (let i = 0; i < bodies.length; i += size)
    requests.push(
      jsonRequest(config, 'POST', options.path ?? RAKUTEN_UPDATE_ORDER_SHIPPING_ASYNC_PATH, {
        OrderShippingModelList: bodies.slice(i, i + size),
      }),
    );
  return ok(requests);
}

/** What updateOrderShippingAsync answered (非同期受付): the request id to poll with, and the messages. */
export interface RakutenAsyncShippingReceipt {
  readonly requestId: string;
  readonly messages: RakutenApiMessage[];
}

/**
 * Reads an updateOrderShippingAsync response: the `requestId` RMS put in `MessageModelList` when it
 * accepted the request. An `ERROR` message (a format error, with the order number and the parcel's
 * position) fails the call, as does a success without a request id (`malls.rakuten.missing_request_id`).
 * Accepted is not done: RMS reports each order's outcome only through getResultUpdateOrderShippingAsync.
 *
 * @example
 * ```ts
 * const receipt = parseRakutenUpdateOrderShippingAsyncResponse(response);
 * if (receipt.ok) saveForPolling(receipt.value.requestId);
 * ```
 */
export function parseRakutenUpdateOrderShippingAsyncResponse(
  response: HttpResponse,
): Result<RakutenAsyncShippingReceipt> {
  const operation = 'updateOrderShippingAsync';
  const read = orderApiBody(response, operation);
  if (read.failed) return fail(read.issues);
  const requestId = asList(asRecord(read.body).MessageModelList)
    .map((entry) => asRecord(entry).requestId)
    .find((id): id is string => typeof id === 'string' && id.trim() !== '');
  if (requestId === undefined)
    return fail([
      ...read.issues,
      createIssue(
        'malls.rakuten.missing_request_id',
        `楽天 ${operation} の応答にリクエストID (requestId) がないため、処理結果を確認できません`,
        { path: ['MessageModelList'], data: { operation, status: response.status } },
      ),
    ]);
  return ok({ requestId, messages: read.messages }, read.issues);
}

/**
 * Builds a getResultUpdateOrderShippingAsync request (発送完了報告・非同期結果確認): `{ requestId }`.
 *
 * @example
 * ```ts
 * const request = rakutenGetResultUpdateOrderShippingAsyncRequest(config, receipt.requestId);
 * ```
 */
export function rakutenGetResultUpdateOrderShippingAsyncRequest(
  config: RakutenApiConfig,
  requestId: string,
  options: { readonly path?: string } = {},
): HttpRequest {
  return jsonRequest(config, 'POST', options.path ?? RAKUTEN_GET_RESULT_UPDATE_ORDER_SHIPPING_ASYNC_PATH, {
    requestId,
  });
}

/** One order's outcome in a getResultUpdateOrderShippingAsync response (注文ごとの処理結果). */
export interface RakutenAsyncShippingOrderResult {
  readonly orderNumber: string;
  /** No `ERROR` message for this order. */
  readonly succeeded: boolean;
  /** The parcels that went through, with their 発送明細ID, as in updateOrderShipping. */
  readonly parcels: RakutenShippingOutcome['parcels'];
  readonly messages: RakutenApiMessage[];
  /** This order's `ERROR` and `WARNING` messages as issues, with their JSON path. */
  readonly issues: Issue[];
}

/** A getResultUpdateOrderShippingAsync result (非同期処理結果). */
export interface RakutenAsyncShippingResult {
  /**
   * RMS has no result for the request id: still processing, or an unknown or expired id (RMS answers all
   * three alike). Ask again later; give up after the wait your shop allows.
   */
  readonly pending: boolean;
  readonly orders: RakutenAsyncShippingOrderResult[];
}

function nested(issues: readonly Issue[], index: number): Issue[] {
  return issues.map((issue) => ({
    ...issue,
    path: ['ResultShippingModelList', index, ...(issue.path ?? [])],
  }));
}

/**
 * Reads a getResultUpdateOrderShippingAsync response (`ResultShippingModelList` of `{ orderNumber,
 * MessageModelList }`): each order's outcome, its parcels and its errors, or `pending` when no entry names
 * an order yet. An order's `ERROR` fails that order only (`succeeded: false`, its issues in the order's
 * `issues`); the call fails for a non-2xx status, a body that is not JSON or not of this shape
 * (`malls.rakuten.invalid_response`, with the path), or an `ERROR` outside any order (e.g. no request id).
 *
 * @example
 * ```ts
 * const result = parseRakutenGetResultUpdateOrderShippingAsyncResponse(response);
 * if (result.ok && !result.value.pending)
 *   for (const order of result.value.orders) if (!order.succeeded) console.log(order.issues.map((i) => i.message));
 * ```
 */
export function parseRakutenGetResultUpdateOrderShippingAsyncResponse(
  response: HttpResponse,
): Result<RakutenAsyncShippingResult> {
  const operation = 'getResultUpdateOrderShippingAsync';
  const json = jsonBody(response, `楽天 ${operation}`);
  const list = asRecord(json.value).ResultShippingModelList;
  const general: Issue[] = [...json.issues];
  const orders: RakutenAsyncShippingOrderResult[] = [];
  let answered = false;
  for (const [index, entry] of asList(list).entries()) {
    const model = asRecord(entry);
    const read = readRakutenMessages(model, operation);
    const issues = nested(read.issues, index);
    const orderNumber = typeof model.orderNumber === 'string' ? model.orderNumber.trim() : '';
    if (orderNumber === '') {
      general.push(...issues);
      continue;
    }
    answered = true;
    orders.push({
      orderNumber,
      succeeded: !issues.some((issue) => issue.severity === 'error'),
      parcels: shippingParcels(read.messages),
      messages: read.messages,
      issues,
    });
  }
  if (!isSuccess(response)) return fail([statusIssue(response, `楽天 ${operation}`), ...general]);
  if (json.issues.length === 0 && !Array.isArray(list))
    general.push(
      createIssue(
        'malls.rakuten.invalid_response',
        `楽天 ${operation} の応答に ResultShippingModelList (配列) がありません`,
        { path: ['ResultShippingModelList'], data: { operation } },
      ),
    );
  if (general.some((issue) => issue.severity === 'error')) return fail(general);
  return ok({ pending: !answered, orders }, general);
}
