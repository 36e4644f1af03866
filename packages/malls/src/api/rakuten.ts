import { createIssue, fail, formatInstantJst, type Issue, ok, parseInstant, type Result } from '@hakobu/core';
import { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../http/transport';
import { asList, asRecord } from '../pipeline/json-fields';
import type { MallReadResult } from '../pipeline/result';
import { readRakutenGetOrder } from '../rakuten/json';
import type { RakutenReadOptions } from '../rakuten/order';
import type { RakutenInventoryEntry, RakutenUpdateOrderShippingBody } from '../writeback';
import { errorListIssues, isSuccess, jsonBody, statusIssue } from './response';

/** The RMS WEB SERVICE origin (楽天 RMS API). */
export const RAKUTEN_API_ORIGIN = 'https://api.rms.rakuten.co.jp';

/** The getOrder `version` to send: SkuModelList only comes from version 7. */
export const RAKUTEN_GET_ORDER_VERSION = 7;

/** At most 100 order numbers per getOrder call. */
export const RAKUTEN_MAX_ORDERS_PER_GET = 100;

/** At most 1000 records per searchOrder page. */
export const RAKUTEN_MAX_RECORDS_PER_SEARCH = 1000;

/**
 * The credentials of the RMS WEB SERVICE (楽天 認証情報): サービスシークレット and ライセンスキー, issued per
 * shop in RMS. Keep them out of logs: the request builders put them only in the `authorization` header.
 */
export const RakutenCredentials = z.object({
  serviceSecret: z.string().min(1),
  licenseKey: z.string().min(1),
});
/** @see {@link RakutenCredentials} */
export type RakutenCredentials = z.infer<typeof RakutenCredentials>;

/** Where and as whom the 楽天 request builders send (楽天API設定). */
export interface RakutenApiConfig {
  readonly credentials: RakutenCredentials;
  /** Default {@link RAKUTEN_API_ORIGIN}; a host's proxy or a test server otherwise. */
  readonly origin?: string;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The RMS `Authorization` header value (認証ヘッダー): `ESA ` + base64 of `serviceSecret:licenseKey`.
 *
 * @example
 * ```ts
 * rakutenAuthorization({ serviceSecret: 'SP123456_abc', licenseKey: 'SL123456_xyz' });
 * // 'ESA U1AxMjM0NTZfYWJjOlNMMTIzNDU2X3h5eg=='
 * ```
 */
export function rakutenAuthorization(credentials: RakutenCredentials): string {
  return `ESA ${base64(`${credentials.serviceSecret}:${credentials.licenseKey}`)}`;
}

/** A JSON request with ESA auth to a path on the RMS origin (shared by the 楽天 builders; not exported by the package). */
export function jsonRequest(
  config: RakutenApiConfig,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
): HttpRequest {
  return {
    method,
    url: `${config.origin ?? RAKUTEN_API_ORIGIN}${path}`,
    headers: {
      authorization: rakutenAuthorization(config.credentials),
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify(body),
  };
}

/**
 * A request to any method of the 楽天ペイ受注API (`POST /es/2.0/order/<method>/`, JSON, ESA auth): the
 * typed builders below cover searchOrder, getOrder and updateOrderShipping; this one serves the others the
 * API has (confirmOrder, updateOrderMemo, cancelOrder …) with a body the host builds.
 *
 * @example
 * ```ts
 * rakutenOrderApiRequest(config, 'getSubStatusList', {});
 * // { method: 'POST', url: 'https://api.rms.rakuten.co.jp/es/2.0/order/getSubStatusList/', … }
 * ```
 */
export function rakutenOrderApiRequest(config: RakutenApiConfig, method: string, body: unknown): HttpRequest {
  return jsonRequest(config, 'POST', `/es/2.0/order/${encodeURIComponent(method)}/`, body);
}

/** The search of {@link rakutenSearchOrderRequest} (受注検索条件). */
export interface RakutenOrderSearch {
  /** 1 注文日 (default), 2 注文確認日, 3 注文確定日, 4 発送日, 5 発送完了報告日, 6 決済確定日. */
  readonly dateType?: 1 | 2 | 3 | 4 | 5 | 6;
  /** Window start: a `Date` or ISO 8601 text (text without offset is Japan time). */
  readonly from: Date | string;
  /** Window end. */
  readonly to: Date | string;
  /** orderProgress filter (100 注文確認待ち … 900 キャンセル確定). */
  readonly orderProgressList?: readonly number[];
  readonly subStatusIdList?: readonly number[];
  /** 1 通常購入, 4 定期購入, 5 頒布会, 6 予約商品. */
  readonly orderTypeList?: readonly number[];
  /** A payment code (1 クレジットカード, 2 代金引換 …). */
  readonly settlementMethod?: number;
  readonly deliveryName?: string;
  /** Only orders without a ship date. */
  readonly shippingDateBlankFlag?: 0 | 1;
  /** Only orders without a tracking number. */
  readonly shippingNumberBlankFlag?: 0 | 1;
  /** 1-based page; default 1. */
  readonly page?: number;
  /** Records per page, at most 1000; default 1000. */
  readonly perPage?: number;
  /** Sort by 注文日時: 1 ascending (default), 2 descending. */
  readonly sortDirection?: 1 | 2;
}

/** An instant as RMS writes it: Japan time, offset without a colon (`2026-02-01T00:00:00+0900`). */
function rmsDatetime(value: Date | string, field: string, issues: Issue[]): string {
  const parsed = typeof value === 'string' ? parseInstant(value, { field }) : ok(value);
  if (!parsed.ok || Number.isNaN(parsed.value.getTime())) {
    issues.push(
      createIssue(
        'malls.rakuten.invalid_search',
        `受注検索の${field}が日時ではありません: ${String(value)}`,
        {
          data: { field },
        },
      ),
    );
    return '';
  }
  return formatInstantJst(parsed.value).replace(/\+09:00$/, '+0900');
}

/**
 * Builds a searchOrder request (受注検索): the window in Japan time with RMS's `+0900` offset, the filters
 * given, and the page (`PaginationRequestModel`, at most 1000 records, sorted by 注文日時). The response's
 * order numbers go to {@link rakutenGetOrderRequests}.
 *
 * @example
 * ```ts
 * const request = rakutenSearchOrderRequest(config, {
 *   from: '2026-11-27T00:00:00+09:00',
 *   to: '2026-11-28T00:00:00+09:00',
 *   orderProgressList: [300],
 * });
 * // request.value.body: {"dateType":1,"startDatetime":"2026-11-27T00:00:00+0900",…}
 * ```
 */
export function rakutenSearchOrderRequest(
  config: RakutenApiConfig,
  search: RakutenOrderSearch,
): Result<HttpRequest> {
  const issues: Issue[] = [];
  const startDatetime = rmsDatetime(search.from, '開始日時', issues);
  const endDatetime = rmsDatetime(search.to, '終了日時', issues);
  const perPage = search.perPage ?? RAKUTEN_MAX_RECORDS_PER_SEARCH;
  const page = search.page ?? 1;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > RAKUTEN_MAX_RECORDS_PER_SEARCH)
    issues.push(
      createIssue('malls.rakuten.invalid_search', `受注検索の件数は1〜1000件です: ${perPage}`, {
        data: { perPage },
      }),
    );
  if (!Number.isInteger(page) || page < 1)
    issues.push(
      createIssue('malls.rakuten.invalid_search', `受注検索のページは1以上です: ${page}`, { data: { page } }),
    );
  if (issues.length > 0) return fail(issues);
  const body: Record<string, unknown> = { dateType: search.dateType ?? 1, startDatetime, endDatetime };
  const optional = [
    'orderProgressList',
    'subStatusIdList',
    'orderTypeList',
    'settlementMethod',
    'deliveryName',
    'shippingDateBlankFlag',
    'shippingNumberBlankFlag',
  ] as const;
  for (const key of optional) if (search[key] !== undefined) body[key] = search[key];
  body.PaginationRequestModel = {
    requestRecordsAmount: perPage,
    requestPage: page,
    SortModelList: [{ sortColumn: 1, sortDirection: search.sortDirection ?? 1 }],
  };
  return ok(rakutenOrderApiRequest(config, 'searchOrder', body));
}

/**
 * Builds getOrder requests (受注情報取得), at most 100 order numbers each, `version` 7 (SKU対応). Read each
 * response with {@link parseRakutenGetOrderResponse}.
 *
 * @example
 * ```ts
 * const requests = rakutenGetOrderRequests(config, orderNumbers); // 250 numbers → 3 requests
 * ```
 */
export function rakutenGetOrderRequests(
  config: RakutenApiConfig,
  orderNumbers: readonly string[],
): HttpRequest[] {
  const requests: HttpRequest[] = [];
  for (let i = 0; i < orderNumbers.length; i += RAKUTEN_MAX_ORDERS_PER_GET) {
    requests.push(
      rakutenOrderApiRequest(config, 'getOrder', {
        orderNumberList: orderNumbers.slice(i, i + RAKUTEN_MAX_ORDERS_PER_GET),
        version: RAKUTEN_GET_ORDER_VERSION,
      }),
    );
  }
  return requests;
}

/**
 * Builds an updateOrderShipping request (発送情報登録) from a body of `rakutenShippingBodies`: one order per
 * call. Read the response with {@link parseRakutenUpdateOrderShippingResponse}.
 *
 * @example
 * ```ts
 * const { bodies } = rakutenShippingBodies(shipped, { today: '2026-11-28' });
 * const requests = bodies.map((body) => rakutenUpdateOrderShippingRequest(config, body));
 * ```
 */
export function rakutenUpdateOrderShippingRequest(
  config: RakutenApiConfig,
  body: RakutenUpdateOrderShippingBody,
): HttpRequest {
  return rakutenOrderApiRequest(config, 'updateOrderShipping', body);
}

/**
 * Builds an inventory API bulk-upsert request (在庫一括更新) from a body of `rakutenInventoryBodies`:
 * `POST /es/<version>/inventories/bulk-upsert`. The reference gives the version only as `2.x`, so it is an
 * option (default `2.1`).
 *
 * @example
 * ```ts
 * const { bodies } = rakutenInventoryBodies(upload);
 * const requests = bodies.map((body) => rakutenInventoryBulkUpsertRequest(config, body));
 * ```
 */
export function rakutenInventoryBulkUpsertRequest(
  config: RakutenApiConfig,
  body: { readonly inventories: readonly RakutenInventoryEntry[] },
  options: { readonly version?: string } = {},
): HttpRequest {
  return jsonRequest(config, 'POST', `/es/${options.version ?? '2.1'}/inventories/bulk-upsert`, body);
}

/** One SKU for {@link rakutenInventoryUpsertRequest} (在庫登録・更新, inventory API 2.1). */
export interface RakutenInventoryUpsert {
  /** 商品管理番号; sent in lower case, as RMS stores it. */
  readonly manageNumber: string;
  /** SKU管理番号 (case-sensitive). */
  readonly variantId: string;
  readonly mode: 'ABSOLUTE' | 'RELATIVE';
  readonly quantity: number;
  /** 出荷リードタイム ids (ShopAPI `shop.operationLeadTime.get`). */
  readonly operationLeadTime?: {
    readonly normalDeliveryTimeId?: number;
    readonly backOrderDeliveryTimeId?: number;
  };
  /** 配送リードタイム ids (ShopAPI `shop.shipFrom.get`). */
  readonly shipFromIds?: readonly number[];
}

/**
 * Builds the single-SKU upsert (`PUT /es/2.1/inventories/manage-numbers/{manageNumber}/variants/{variantId}`).
 * This call is not a partial update: RMS clears the optional fields left out (lead times, ship-from ids), so
 * pass them whenever the SKU has them.
 *
 * @example
 * ```ts
 * rakutenInventoryUpsertRequest(config, { manageNumber: 'tea-sencha', variantId: 'sencha-100', mode: 'ABSOLUTE', quantity: 12 });
 * ```
 */
export function rakutenInventoryUpsertRequest(
  config: RakutenApiConfig,
  entry: RakutenInventoryUpsert,
): HttpRequest {
  const body: Record<string, unknown> = { mode: entry.mode, quantity: entry.quantity };
  if (entry.operationLeadTime !== undefined) body.operationLeadTime = entry.operationLeadTime;
  if (entry.shipFromIds !== undefined) body.shipFromIds = entry.shipFromIds;
  const path = `/es/2.1/inventories/manage-numbers/${encodeURIComponent(entry.manageNumber.toLowerCase())}/variants/${encodeURIComponent(entry.variantId)}`;
  return jsonRequest(config, 'PUT', path, body);
}

/** One entry of a 受注API `MessageModelList` (処理結果メッセージ). */
export interface RakutenApiMessage {
  readonly messageType: string;
  readonly messageCode: string;
  readonly message: string;
  readonly orderNumber?: string;
  /** updateOrderShipping: the 1-based position of the parcel in the request. */
  readonly dataNumber?: number;
  /** updateOrderShipping: the 発送明細ID RMS gave the parcel. */
  readonly shippingDetailId?: number;
}

/**
 * Reads the `MessageModelList` of a 受注API response body into messages, and turns each `ERROR` into an
 * error issue (`malls.rakuten.api_error`) and each `WARNING` into a warning (`malls.rakuten.api_warning`).
 * RMS answers most refusals with HTTP 200 and such a message, so every response is checked.
 *
 * @example
 * ```ts
 * readRakutenMessages({ MessageModelList: [{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_011', message: '…' }] }, 'updateOrderShipping');
 * ```
 */
export function readRakutenMessages(
  body: unknown,
  operation: string,
): { messages: RakutenApiMessage[]; issues: Issue[] } {
  const messages: RakutenApiMessage[] = [];
  const issues: Issue[] = [];
  for (const [index, entry] of asList(asRecord(body).MessageModelList).entries()) {
    const record = asRecord(entry);
    const text = (key: string) =>
      record[key] === undefined || record[key] === null ? '' : String(record[key]);
    const message: RakutenApiMessage = {
      messageType: text('messageType'),
      messageCode: text('messageCode'),
      message: text('message'),
      ...(text('orderNumber') === '' ? {} : { orderNumber: text('orderNumber') }),
      ...(typeof record.dataNumber === 'number' ? { dataNumber: record.dataNumber } : {}),
      ...(typeof record.shippingDetailId === 'number' ? { shippingDetailId: record.shippingDetailId } : {}),
    };
    messages.push(message);
    if (message.messageType !== 'ERROR' && message.messageType !== 'WARNING') continue;
    const where = [
      message.orderNumber === undefined ? '' : `注文番号 ${message.orderNumber}`,
      message.dataNumber === undefined ? '' : `${message.dataNumber}件目`,
    ]
      .filter((part) => part !== '')
      .join('、');
    issues.push(
      createIssue(
        message.messageType === 'ERROR' ? 'malls.rakuten.api_error' : 'malls.rakuten.api_warning',
        `楽天 ${operation}: [${message.messageCode}] ${message.message}${where === '' ? '' : `（${where}）`}`,
        {
          severity: message.messageType === 'ERROR' ? 'error' : 'warning',
          path: ['MessageModelList', index],
          data: { operation, ...message },
        },
      ),
    );
  }
  return { messages, issues };
}

/** A 受注API response's body, messages and issues (shared by the 楽天 parsers; not exported by the package). */
export function orderApiBody(
  response: HttpResponse,
  operation: string,
): { body: unknown; messages: RakutenApiMessage[]; issues: Issue[]; failed: boolean } {
  const json = jsonBody(response, `楽天 ${operation}`);
  const read = readRakutenMessages(json.value, operation);
  const issues = [...json.issues, ...read.issues];
  if (!isSuccess(response)) issues.unshift(statusIssue(response, `楽天 ${operation}`));
  return {
    body: json.value,
    messages: read.messages,
    issues,
    failed: issues.some((issue) => issue.severity === 'error'),
  };
}

/** A searchOrder result page (受注検索結果). */
export interface RakutenSearchOrderPage {
  readonly orderNumbers: string[];
  readonly totalRecords: number;
  readonly totalPages: number;
  readonly page: number;
  readonly messages: RakutenApiMessage[];
}

/**
 * Reads a searchOrder response: the order numbers and the page counts (`PaginationResponseModel`); fails on
 * a non-2xx status or an `ERROR` message.
 *
 * @example
 * ```ts
 * const page = parseRakutenSearchOrderResponse(response);
 * if (page.ok && page.value.page < page.value.totalPages) … // ask for the next page
 * ```
 */
export function parseRakutenSearchOrderResponse(response: HttpResponse): Result<RakutenSearchOrderPage> {
  const read = orderApiBody(response, 'searchOrder');
  if (read.failed) return fail(read.issues);
  const body = asRecord(read.body);
  const pagination = asRecord(body.PaginationResponseModel);
  const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : 0);
  return ok(
    {
      orderNumbers: asList(body.orderNumberList).map(String),
      totalRecords: count(pagination.totalRecordsAmount),
      totalPages: count(pagination.totalPages),
      page: count(pagination.requestPage),
      messages: read.messages,
    },
    read.issues,
  );
}

/**
 * Reads a getOrder response into drafts with `readRakutenGetOrder` (records in = orders + rejected). A
 * non-2xx status or an `ERROR` message without any `OrderModelList` fails; an `ERROR` about some order
 * numbers next to orders that came back is kept in the read's `issues`.
 *
 * @example
 * ```ts
 * const read = parseRakutenGetOrderResponse(response, { shopId: 'my-shop' });
 * if (read.ok) await importOrders(repository, read.value.drafts, context);
 * ```
 */
export function parseRakutenGetOrderResponse(
  response: HttpResponse,
  options: RakutenReadOptions,
): Result<MallReadResult> {
  const read = orderApiBody(response, 'getOrder');
  const models = asList(asRecord(read.body).OrderModelList);
  if (!isSuccess(response) || (read.failed && models.length === 0)) return fail(read.issues);
  // readRakutenGetOrder reports the MessageModelList itself, so its issues are not added twice.
  return ok(readRakutenGetOrder(read.body, options));
}

/** What updateOrderShipping did with each parcel (発送情報登録結果). */
export interface RakutenShippingOutcome {
  readonly orderNumber: string | undefined;
  /** One per parcel message: 1-based `dataNumber`, the 発送明細ID and whether it was added, updated or deleted. */
  readonly parcels: {
    readonly dataNumber: number | undefined;
    readonly shippingDetailId: number | undefined;
    readonly action: 'added' | 'updated' | 'deleted' | 'other';
  }[];
  readonly messages: RakutenApiMessage[];
}

const SHIPPING_ACTIONS: Readonly<Record<string, 'added' | 'updated' | 'deleted'>> = {
  ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101: 'added',
  ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102: 'updated',
  ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_103: 'deleted',
};

/** The parcels of the non-error messages of a shipping response: 発送明細ID and action by message code. */
export function shippingParcels(messages: readonly RakutenApiMessage[]): RakutenShippingOutcome['parcels'] {
  return messages
    .filter((message) => message.messageType !== 'ERROR' && message.messageType !== 'WARNING')
    .map((message) => ({
      dataNumber: message.dataNumber,
      shippingDetailId: message.shippingDetailId,
      action: SHIPPING_ACTIONS[message.messageCode] ?? ('other' as const),
    }));
}

/**
 * Reads an updateOrderShipping response: each parcel's 発送明細ID and action from the `INFO_101` (追加) /
 * `_102` (更新) / `_103` (削除) messages. Any `ERROR` (e.g. `…_ERROR_011` format error) fails the call, with
 * the parcels that did go through listed as info issues so nothing is lost.
 *
 * @example
 * ```ts
 * const outcome = parseRakutenUpdateOrderShippingResponse(response);
 * if (outcome.ok) outcome.value.parcels; // [{ dataNumber: 1, shippingDetailId: 139033338, action: 'added' }]
 * ```
 */
export function parseRakutenUpdateOrderShippingResponse(
  response: HttpResponse,
): Result<RakutenShippingOutcome> {
  const read = orderApiBody(response, 'updateOrderShipping');
  const parcels = shippingParcels(read.messages);
  if (!read.failed) {
    return ok(
      {
        orderNumber: read.messages.find((m) => m.orderNumber !== undefined)?.orderNumber,
        parcels,
        messages: read.messages,
      },
      read.issues,
    );
  }
  const done = parcels
    .filter((parcel) => parcel.action !== 'other')
    .map((parcel) =>
      createIssue(
        'malls.rakuten.parcel_registered',
        `楽天 updateOrderShipping: ${parcel.dataNumber ?? '?'}件目は登録されました（発送明細ID ${parcel.shippingDetailId ?? '不明'}）`,
        { severity: 'info', data: { ...parcel } },
      ),
    );
  return fail([...read.issues, ...done]);
}

/**
 * Reads an inventory API response (在庫API): any 2xx is success (upsert answers 204 with no body); otherwise
 * the status and each entry of `errors: [{ code, message, metadata: { propertyPath } }]` (`IE0002` …) as
 * `malls.rakuten.inventory_error` issues.
 *
 * @example
 * ```ts
 * parseRakutenInventoryResponse({ status: 204, headers: {}, body: '' }); // ok
 * ```
 */
export function parseRakutenInventoryResponse(response: HttpResponse): Result<{ status: number }> {
  if (isSuccess(response)) return ok({ status: response.status });
  const json = jsonBody(response, '楽天 在庫API');
  return fail([
    statusIssue(response, '楽天 在庫API'),
    ...json.issues,
    ...errorListIssues(json.value, '楽天 在庫API', 'malls.rakuten.inventory_error'),
  ]);
}
