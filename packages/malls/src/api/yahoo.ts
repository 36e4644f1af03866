import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import type { SyncUpload } from '@hakobu/inventory';
import type { HttpRequest, HttpResponse } from '../http/transport';
import { asList, asRecord } from '../pipeline/json-fields';
import type { MallReadResult } from '../pipeline/result';
import type { YahooReadOptions } from '../yahoo/order';
import { readYahooOrderInfo, YAHOO_ITEM_FIELDS, YAHOO_ORDER_FIELDS } from '../yahoo/read';
import { escapeXml } from '../yahoo/xml';
import { isSuccess, statusIssue } from './response';

/** The production base of the Yahoo!ショッピング store API (ストア向けAPI). */
export const YAHOO_API_BASE = 'https://circus.shopping.yahooapis.jp/ShoppingWebService/V1/';

/** The test-environment base of the same API. */
export const YAHOO_TEST_API_BASE = 'https://test.circus.shopping.yahooapis.jp/ShoppingWebService/V1/';

/** At most 1000 item codes per setStock call. */
export const YAHOO_MAX_STOCK_CODES = 1000;

/** Where and as whom the Yahoo! request builders send (Yahoo!API設定). */
export interface YahooApiConfig {
  /** The Yahoo! ID連携 access token; sent only as `Authorization: Bearer …`. */
  readonly accessToken: string;
  /** The ストアアカウント (SellerId). */
  readonly sellerId: string;
  /** Default {@link YAHOO_API_BASE}; {@link YAHOO_TEST_API_BASE} for the test environment. */
  readonly baseUrl?: string;
  /**
   * The content type of the XML order API bodies. The reference says the body is XML but not which type
   * to declare, so it is an option; default `application/xml; charset=utf-8`.
   */
  readonly xmlContentType?: string;
}

/**
 * Turns the response text into the object tree an XML parser gives (the same tree `readYahooOrderInfo`
 * takes). hakobu has no XML parser of its own: pass the one your host uses.
 */
export type XmlParser = (xml: string) => unknown;

function xmlRequest(config: YahooApiConfig, api: string, xml: string): HttpRequest {
  return {
    method: 'POST',
    url: `${config.baseUrl ?? YAHOO_API_BASE}${api}`,
    headers: {
      authorization: `Bearer ${config.accessToken}`,
      'content-type': config.xmlContentType ?? 'application/xml; charset=utf-8',
    },
    body: xml,
  };
}

const ELEMENT = /^[A-Za-z][A-Za-z0-9]*$/;

/** The search of {@link yahooOrderListRequest} (注文検索条件). */
export interface YahooOrderSearch {
  /**
   * `Condition` children by element name, values as Yahoo! takes them (`{ OrderTimeFrom: '20261127000000',
   * OrderTimeTo: '20261128000000' }`; dates `YYYYMMDDhhmmss`).
   */
  readonly conditions: Readonly<Record<string, string>>;
  /** The fields to return; default `OrderId`. `Field` is required by the API: you only get what you list. */
  readonly fields?: readonly string[];
  /** Results per page; default 100 (the API's maximum is not in the reference). */
  readonly result?: number;
  /** 1-based start position; default 1. */
  readonly start?: number;
  /** `+order_time` (default) or `-order_time`. */
  readonly sort?: '+order_time' | '-order_time';
}

function invalidNames(names: readonly string[], what: string): Issue[] {
  return names
    .filter((name) => !ELEMENT.test(name))
    .map((name) =>
      createIssue('malls.yahoo.invalid_request', `${what}「${name}」は英数字の要素名ではありません`, {
        data: { name },
      }),
    );
}

/**
 * Builds an orderList request (注文検索API): `<Req><Search>` with Result, Start, Sort, Condition and the
 * required Field list, and SellerId. Condition element names must be alphanumeric; values are escaped.
 *
 * @example
 * ```ts
 * const request = yahooOrderListRequest(config, { conditions: { OrderTimeFrom: '20261127000000' } });
 * ```
 */
export function yahooOrderListRequest(config: YahooApiConfig, search: YahooOrderSearch): Result<HttpRequest> {
  const fields = search.fields ?? ['OrderId'];
  const names = Object.keys(search.conditions);
  const issues = invalidNames(names, '検索条件');
  if (issues.length > 0) return fail(issues);
  const condition = names
    .map((name) => `<${name}>${escapeXml(search.conditions[name] ?? '')}</${name}>`)
    .join('');
  const xml =
    `<Req><Search><Result>${search.result ?? 100}</Result><Start>${search.start ?? 1}</Start>` +
    `<Sort>${escapeXml(search.sort ?? '+order_time')}</Sort><Condition>${condition}</Condition>` +
    `<Field>${escapeXml(fields.join(','))}</Field></Search><SellerId>${escapeXml(config.sellerId)}</SellerId></Req>`;
  return ok(xmlRequest(config, 'orderList', xml));
}

/**
 * The orderInfo fields `readYahooOrderInfo` reads: the default `Field` list of {@link yahooOrderInfoRequest}.
 */
export const YAHOO_ORDER_INFO_FIELDS: readonly string[] = [...YAHOO_ORDER_FIELDS, ...YAHOO_ITEM_FIELDS];

/**
 * Builds an orderInfo request (注文詳細API) for one order: `<Req><Target><OrderId/><Field/></Target><SellerId/></Req>`,
 * with the fields the reader needs unless `fields` says otherwise.
 *
 * @example
 * ```ts
 * const request = yahooOrderInfoRequest(config, 'mystore-10000001');
 * ```
 */
export function yahooOrderInfoRequest(
  config: YahooApiConfig,
  orderId: string,
  fields: readonly string[] = YAHOO_ORDER_INFO_FIELDS,
): HttpRequest {
  const xml =
    `<Req><Target><OrderId>${escapeXml(orderId)}</OrderId><Field>${escapeXml(fields.join(','))}</Field></Target>` +
    `<SellerId>${escapeXml(config.sellerId)}</SellerId></Req>`;
  return xmlRequest(config, 'orderInfo', xml);
}

/**
 * Builds an orderShipStatusChange request (出荷ステータス変更API) from a body of `yahooShipStatusBodies`.
 *
 * @example
 * ```ts
 * const { bodies } = yahooShipStatusBodies(shipped, { sellerId: config.sellerId, today: '2026-11-28' });
 * const requests = bodies.map((body) => yahooShipStatusRequest(config, body));
 * ```
 */
export function yahooShipStatusRequest(
  config: YahooApiConfig,
  body: { readonly orderId: string; readonly xml: string },
): HttpRequest {
  return xmlRequest(config, 'orderShipStatusChange', body.xml);
}

/**
 * Builds setStock requests (在庫更新API, form parameters `seller_id`, `item_code`, `quantity`) from a sync upload
 * of `@hakobu/inventory`: `code` or `code:subcode` per listing, the quantity as is (absolute) or `+n` / `-n`
 * for a delta upload, at most 1000 codes per call. A code outside `[A-Za-z0-9-]{1,99}` or a quantity outside
 * ±999,999,999 is left out with an error. Note that Yahoo! accepts unknown codes without an error.
 *
 * @example
 * ```ts
 * const { requests, issues } = yahooSetStockRequests(config, upload);
 * ```
 */
export function yahooSetStockRequests(
  config: YahooApiConfig,
  upload: SyncUpload,
): { requests: HttpRequest[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const codes: string[] = [];
  const quantities: string[] = [];
  const valid = /^[A-Za-z0-9-]{1,99}$/;
  for (const item of upload.items) {
    const delta = upload.mode === 'delta' && item.delta !== undefined ? item.delta : undefined;
    const value = delta ?? item.quantity;
    const badCode = !valid.test(item.itemCode) || (item.skuCode !== undefined && !valid.test(item.skuCode));
    if (badCode || Math.abs(value) > 999_999_999) {
      issues.push(
        createIssue(
          'malls.stock.invalid_listing',
          badCode
            ? `Yahoo!の商品コード「${item.itemCode}${item.skuCode === undefined ? '' : `:${item.skuCode}`}」は半角英数字とハイフンで99文字以内です`
            : `Yahoo!の在庫数${value}は±999,999,999の範囲外です`,
          { data: { listingId: item.listingId } },
        ),
      );
      continue;
    }
    codes.push(item.skuCode === undefined ? item.itemCode : `${item.itemCode}:${item.skuCode}`);
    quantities.push(delta === undefined ? String(value) : delta < 0 ? String(delta) : `+${delta}`);
  }
  const requests: HttpRequest[] = [];
  for (let i = 0; i < codes.length; i += YAHOO_MAX_STOCK_CODES) {
    const form = new URLSearchParams({
      seller_id: config.sellerId,
      item_code: codes.slice(i, i + YAHOO_MAX_STOCK_CODES).join(','),
      quantity: quantities.slice(i, i + YAHOO_MAX_STOCK_CODES).join(','),
    });
    requests.push({
      method: 'POST',
      url: `${config.baseUrl ?? YAHOO_API_BASE}setStock`,
      headers: {
        authorization: `Bearer ${config.accessToken}`,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body: form.toString(),
    });
  }
  return { requests, issues };
}

/** A Yahoo! response read by {@link parseYahooResponse}: the parsed tree and the `Result/Warning` texts. */
export interface YahooResponse {
  readonly document: unknown;
  readonly warnings: string[];
}

function warningsOf(document: unknown): string[] {
  const root = asRecord(document);
  const resultSet = asRecord(root.ResultSet ?? root);
  return asList(resultSet.Result).flatMap((result) =>
    asList(asRecord(result).Warning).map((warning) =>
      typeof warning === 'string' ? warning : JSON.stringify(warning),
    ),
  );
}

/**
 * Reads any Yahoo! store API response: a non-2xx status fails (`malls.api.http_status`, the start of the body
 * in `data`); otherwise the body goes through the host's XML parser and every `Result/Warning` becomes a
 * `malls.yahoo.api_warning` warning. The error body's layout is not in the reference, so it is not parsed.
 *
 * @example
 * ```ts
 * const read = parseYahooResponse(response, { parseXml, operation: 'setStock' });
 * ```
 */
export function parseYahooResponse(
  response: HttpResponse,
  options: { readonly parseXml: XmlParser; readonly operation: string },
): Result<YahooResponse> {
  const operation = `Yahoo! ${options.operation}`;
  if (!isSuccess(response)) return fail([statusIssue(response, operation)]);
  if (response.body.trim() === '') return ok({ document: undefined, warnings: [] });
  let document: unknown;
  try {
    document = options.parseXml(response.body);
  } catch (error) {
    return fail([
      createIssue('malls.yahoo.invalid_xml', `${operation} の応答をXMLとして読めませんでした`, {
        data: { operation, error: error instanceof Error ? error.name : typeof error },
      }),
    ]);
  }
  const warnings = warningsOf(document);
  return ok(
    { document, warnings },
    warnings.map((warning) =>
      createIssue('malls.yahoo.api_warning', `${operation}: ${warning}`, {
        severity: 'warning',
        data: { operation, warning },
      }),
    ),
  );
}

function collectOrderIds(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const entry of value) collectOrderIds(entry, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'OrderId' && (typeof child === 'string' || typeof child === 'number')) {
      if (!into.includes(String(child))) into.push(String(child));
    } else collectOrderIds(child, into);
  }
}

/**
 * Reads an orderList response: every `OrderId` in the result, in document order. The nesting of the
 * orderList result is not in the reference, so the ids are collected wherever they are.
 *
 * @example
 * ```ts
 * const list = parseYahooOrderListResponse(response, { parseXml });
 * if (list.ok) for (const id of list.value.orderIds) requests.push(yahooOrderInfoRequest(config, id));
 * ```
 */
export function parseYahooOrderListResponse(
  response: HttpResponse,
  options: { readonly parseXml: XmlParser },
): Result<{ orderIds: string[]; warnings: string[] }> {
  const read = parseYahooResponse(response, { ...options, operation: 'orderList' });
  if (!read.ok) return read;
  const orderIds: string[] = [];
  collectOrderIds(read.value.document, orderIds);
  return ok({ orderIds, warnings: read.value.warnings }, read.issues);
}

/**
 * Reads an orderInfo response into drafts with `readYahooOrderInfo` (a single `Item` parsed as an object is
 * read as a list; records in = orders + rejected).
 *
 * @example
 * ```ts
 * const read = parseYahooOrderInfoResponse(response, { parseXml, shopId: 'mystore' });
 * ```
 */
export function parseYahooOrderInfoResponse(
  response: HttpResponse,
  options: YahooReadOptions & { readonly parseXml: XmlParser },
): Result<MallReadResult> {
  const { parseXml, ...readOptions } = options;
  const read = parseYahooResponse(response, { parseXml, operation: 'orderInfo' });
  if (!read.ok) return read;
  const orders = readYahooOrderInfo(read.value.document, readOptions);
  return ok({ ...orders, issues: [...read.issues, ...orders.issues] });
}
