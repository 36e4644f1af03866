import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import type { SyncUpload } from '@hakobu/inventory';
import type { Order } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { callMallApi, sendWithRetry } from '../http/send';
import type { HttpResponse } from '../http/transport';
import { planImport } from '../pipeline/reconcile';
import { readRakutenGetOrder } from '../rakuten/json';
import { yahooOrderId, yahooOrderInfo } from '../testing/amazon-yahoo';
import { fixtureOrder } from '../testing/fixture';
import { createFakeTimer, createFakeTransport } from '../testing/http';
import { rakutenGetOrderResponse, rakutenOrderModel, rakutenOrderNumber } from '../testing/rakuten';
import {
  amazonConfirmShipmentBodies,
  rakutenShippingBodies,
  shopifyFulfillmentInputs,
  yahooShipStatusBodies,
} from '../writeback';
import { amazonConfirmShipmentRequest, parseAmazonConfirmShipmentResponse } from './amazon';
import {
  parseRakutenGetOrderResponse,
  parseRakutenInventoryResponse,
  parseRakutenSearchOrderResponse,
  parseRakutenUpdateOrderShippingResponse,
  type RakutenApiConfig,
  rakutenAuthorization,
  rakutenGetOrderRequests,
  rakutenInventoryBulkUpsertRequest,
  rakutenInventoryUpsertRequest,
  rakutenSearchOrderRequest,
  rakutenUpdateOrderShippingRequest,
} from './rakuten';
import { parseShopifyFulfillmentCreateResponse, shopifyFulfillmentCreateRequest } from './shopify';
import {
  parseYahooOrderInfoResponse,
  parseYahooOrderListResponse,
  parseYahooResponse,
  type YahooApiConfig,
  yahooOrderInfoRequest,
  yahooOrderListRequest,
  yahooSetStockRequests,
  yahooShipStatusRequest,
} from './yahoo';

const SECRET = 'SP360238_s3cr3tValue';
const LICENSE = 'SL360238_l1c3nseValue';
const rakuten: RakutenApiConfig = { credentials: { serviceSecret: SECRET, licenseKey: LICENSE } };
const yahoo: YahooApiConfig = { accessToken: 'YJ-ACCESS-TOKEN-abc', sellerId: 'teststore' };
const now = '2026-11-28T10:00:00+09:00';
const ctx = () => ({ clock: fixedClock(now), ids: sequenceIdGenerator() });

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: body === undefined ? '' : JSON.stringify(body) };
}

function shippedRakutenOrder(): Order {
  const read = readRakutenGetOrder(rakutenGetOrderResponse([rakutenOrderModel(fixtureOrder(3))]), {
    shopId: 'shop',
  });
  const [order] = planImport(read.drafts, () => undefined, ctx()).decisions.map((d) => d.order);
  return {
    ...order!,
    shipments: order!.shipments.map((shipment, i) => ({
      ...shipment,
      state: 'shipped' as const,
      carrier: 'yamato',
      shippedOn: '2026-11-29',
      trackingNumbers: [`12345678901${i}`],
    })),
  };
}

describe('楽天 RMS request builders', () => {
  it('sign with ESA base64(serviceSecret:licenseKey)', () => {
    const expected = `ESA ${Buffer.from(`${SECRET}:${LICENSE}`, 'utf8').toString('base64')}`;
    expect(rakutenAuthorization(rakuten.credentials)).toBe(expected);
    expect(rakutenAuthorization({ serviceSecret: 'SP123456_abc', licenseKey: 'SL123456_xyz' })).toBe(
      'ESA U1AxMjM0NTZfYWJjOlNMMTIzNDU2X3h5eg==',
    );
    const request = rakutenGetOrderRequests(rakuten, ['360238-20261128-0000000001'])[0];
    expect(request?.headers).toEqual({
      authorization: expected,
      'content-type': 'application/json; charset=utf-8',
    });
  });

  it('build searchOrder with the RMS datetime format and the page model', () => {
    const request = rakutenSearchOrderRequest(rakuten, {
      from: '2026-11-27T00:00:00+09:00',
      to: new Date('2026-11-28T00:00:00Z'),
      orderProgressList: [300],
      shippingNumberBlankFlag: 1,
      page: 2,
      perPage: 500,
    });
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    expect(request.value.method).toBe('POST');
    expect(request.value.url).toBe('https://api.rms.rakuten.co.jp/es/2.0/order/searchOrder/');
    expect(JSON.parse(request.value.body ?? '')).toEqual({
      dateType: 1,
      startDatetime: '2026-11-27T00:00:00+0900',
      endDatetime: '2026-11-28T09:00:00+0900',
      orderProgressList: [300],
      shippingNumberBlankFlag: 1,
      PaginationRequestModel: {
        requestRecordsAmount: 500,
        requestPage: 2,
        SortModelList: [{ sortColumn: 1, sortDirection: 1 }],
      },
    });
  });

  it('refuse a bad search window or page size with issues', () => {
    const request = rakutenSearchOrderRequest(rakuten, { from: 'yesterday', to: now, perPage: 5000 });
    expect(request.ok).toBe(false);
    expect(request.issues.map((issue) => issue.code)).toEqual([
      'malls.rakuten.invalid_search',
      'malls.rakuten.invalid_search',
    ]);
  });

  it('split getOrder into calls of at most 100 numbers, version 7', () => {
    const numbers = Array.from({ length: 250 }, (_, i) => `360238-20261128-${String(i).padStart(10, '0')}`);
    const requests = rakutenGetOrderRequests(rakuten, numbers);
    expect(requests.map((r) => JSON.parse(r.body ?? '').orderNumberList.length)).toEqual([100, 100, 50]);
    expect(JSON.parse(requests[2]?.body ?? '').version).toBe(7);
    expect(requests[0]?.url).toBe('https://api.rms.rakuten.co.jp/es/2.0/order/getOrder/');
  });

  it('send the updateOrderShipping body of the write-back as is', () => {
    const { bodies } = rakutenShippingBodies([shippedRakutenOrder()], { today: '2026-11-28' });
    const request = rakutenUpdateOrderShippingRequest(
      { ...rakuten, origin: 'https://proxy.example' },
      bodies[0]!,
    );
    expect(request.url).toBe('https://proxy.example/es/2.0/order/updateOrderShipping/');
    expect(JSON.parse(request.body ?? '')).toEqual(bodies[0]);
  });

  it('build inventory bulk-upsert and single upsert requests', () => {
    const bulk = rakutenInventoryBulkUpsertRequest(rakuten, {
      inventories: [{ manageNumber: 'tea-sencha', variantId: 'sencha-100', mode: 'ABSOLUTE', quantity: 12 }],
    });
    expect(bulk.method).toBe('POST');
    expect(bulk.url).toBe('https://api.rms.rakuten.co.jp/es/2.1/inventories/bulk-upsert');
    expect(rakutenInventoryBulkUpsertRequest(rakuten, { inventories: [] }, { version: '2.0' }).url).toBe(
      'https://api.rms.rakuten.co.jp/es/2.0/inventories/bulk-upsert',
    );
    const single = rakutenInventoryUpsertRequest(rakuten, {
      manageNumber: 'Tea-Sencha',
      variantId: 'Sencha-100',
      mode: 'ABSOLUTE',
      quantity: 3,
      operationLeadTime: { normalDeliveryTimeId: 4, backOrderDeliveryTimeId: 5 },
      shipFromIds: [3],
    });
    expect(single.method).toBe('PUT');
    expect(single.url).toBe(
      'https://api.rms.rakuten.co.jp/es/2.1/inventories/manage-numbers/tea-sencha/variants/Sencha-100',
    );
    expect(JSON.parse(single.body ?? '')).toEqual({
      mode: 'ABSOLUTE',
      quantity: 3,
      operationLeadTime: { normalDeliveryTimeId: 4, backOrderDeliveryTimeId: 5 },
      shipFromIds: [3],
    });
  });
});

describe('楽天 RMS responses (recorded from the published field lists)', () => {
  /** The message of a parcel that updateOrderShipping added: the start of a success and of a partial failure. */
  const PARCEL_ADDED = {
    messageType: 'INFO',
    messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101',
    message: '発送情報の追加に成功しました。',
    orderNumber: '360238-20261128-0000000003',
    dataNumber: 1,
    shippingDetailId: 139033338,
  };

  it('read a searchOrder page', () => {
    const page = parseRakutenSearchOrderResponse(
      json(200, {
        orderNumberList: ['360238-20261127-0000000001', '360238-20261127-0000000002'],
        MessageModelList: [
          {
            messageType: 'INFO',
            messageCode: 'ORDER_EXT_API_SEARCH_ORDER_INFO_101',
            message: '注文検索に成功しました。',
          },
        ],
        PaginationResponseModel: { totalRecordsAmount: 1502, totalPages: 2, requestPage: 1 },
      }),
    );
    expect(page.ok && page.value).toMatchObject({
      orderNumbers: ['360238-20261127-0000000001', '360238-20261127-0000000002'],
      totalRecords: 1502,
      totalPages: 2,
      page: 1,
    });
    expect(page.issues).toEqual([]);
  });

  it('read a getOrder response into drafts', () => {
    const fixtures = [fixtureOrder(0), fixtureOrder(1)];
    const read = parseRakutenGetOrderResponse(
      json(200, rakutenGetOrderResponse(fixtures.map((f) => rakutenOrderModel(f)))),
      { shopId: 'shop' },
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.drafts.map((d) => d.mallOrderNumber)).toEqual(
      fixtures.map((f) => rakutenOrderNumber(f)),
    );
    expect(read.value.counts).toEqual({ records: 2, accepted: 2, rejected: 0, orders: 2 });
  });

  it('fail getOrder on an ERROR message with no order, or on a non-JSON body', () => {
    const refused = parseRakutenGetOrderResponse(
      json(200, {
        MessageModelList: [
          {
            messageType: 'ERROR',
            messageCode: 'ORDER_EXT_API_GET_ORDER_ERROR_002',
            message: '対象の注文が存在しません。',
          },
        ],
      }),
      { shopId: 'shop' },
    );
    expect(refused.ok).toBe(false);
    expect(refused.issues[0]?.message).toBe(
      '楽天 getOrder: [ORDER_EXT_API_GET_ORDER_ERROR_002] 対象の注文が存在しません。',
    );
    const garbled = parseRakutenGetOrderResponse(
      { status: 502, headers: {}, body: '<html>Bad Gateway</html>' },
      {
        shopId: 'shop',
      },
    );
    expect(garbled.issues.map((issue) => issue.code)).toEqual([
      'malls.api.http_status',
      'malls.api.invalid_json',
    ]);
  });

  it('read an updateOrderShipping success: each parcel with its 発送明細ID', () => {
    const outcome = parseRakutenUpdateOrderShippingResponse(
      json(200, {
        MessageModelList: [
          PARCEL_ADDED,
          {
            messageType: 'INFO',
            messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102',
            message: '発送情報の更新に成功しました。',
            orderNumber: '360238-20261128-0000000003',
            dataNumber: 2,
            shippingDetailId: 15419,
          },
        ],
      }),
    );
    expect(outcome.ok && outcome.value).toMatchObject({
      orderNumber: '360238-20261128-0000000003',
      parcels: [
        { dataNumber: 1, shippingDetailId: 139033338, action: 'added' },
        { dataNumber: 2, shippingDetailId: 15419, action: 'updated' },
      ],
    });
  });

  it('fail an updateOrderShipping with an ERROR, keeping the parcels that went through', () => {
    const outcome = parseRakutenUpdateOrderShippingResponse(
      json(200, {
        MessageModelList: [
          PARCEL_ADDED,
          {
            messageType: 'ERROR',
            messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_011',
            message: 'お荷物伝票番号の形式が正しくありません。',
            orderNumber: '360238-20261128-0000000003',
            dataNumber: 2,
          },
        ],
      }),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['malls.rakuten.api_error', 'error'],
      ['malls.rakuten.parcel_registered', 'info'],
    ]);
    expect(outcome.issues[0]?.message).toBe(
      '楽天 updateOrderShipping: [ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_011] お荷物伝票番号の形式が正しくありません。（注文番号 360238-20261128-0000000003、2件目）',
    );
  });

  it('read inventory API success (204) and its error list', () => {
    expect(parseRakutenInventoryResponse({ status: 204, headers: {}, body: '' })).toEqual({
      ok: true,
      value: { status: 204 },
      issues: [],
    });
    const refused = parseRakutenInventoryResponse(
      json(400, {
        errors: [
          { code: 'IE0002', message: '在庫数の値が不正です。', metadata: { propertyPath: 'quantity' } },
        ],
      }),
    );
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((issue) => issue.code)).toEqual([
      'malls.api.http_status',
      'malls.rakuten.inventory_error',
    ]);
    expect(refused.issues[1]?.message).toBe('楽天 在庫API: [IE0002] 在庫数の値が不正です。（quantity）');
  });
});

describe('楽天 write-back through a fake transport', () => {
  const success = json(200, {
    MessageModelList: [
      {
        messageType: 'INFO',
        messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101',
        message: '発送情報の追加に成功しました。',
        dataNumber: 1,
        shippingDetailId: 139033338,
      },
    ],
  });

  it('retries 429 and 503 with their Retry-After, then registers the parcel', async () => {
    const { bodies } = rakutenShippingBodies([shippedRakutenOrder()], { today: '2026-11-28' });
    const transport = createFakeTransport([
      json(429, undefined, { 'Retry-After': '2' }),
      json(503, undefined, { 'Retry-After': '5' }),
      success,
    ]);
    const timer = createFakeTimer(now);
    const result = await callMallApi(
      transport,
      rakutenUpdateOrderShippingRequest(rakuten, bodies[0]!),
      parseRakutenUpdateOrderShippingResponse,
      timer,
    );
    expect(result.ok).toBe(true);
    expect(timer.slept).toEqual([2000, 5000]);
    expect(transport.requests).toHaveLength(3);
    expect(new Set(transport.requests.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after the policy maximum, and does not retry a 400', async () => {
    const request = rakutenGetOrderRequests(rakuten, ['360238-20261128-0000000001'])[0]!;
    const down = await callMallApi(
      createFakeTransport([json(503, undefined)]),
      request,
      parseRakutenSearchOrderResponse,
      {
        ...createFakeTimer(now),
        policy: {
          maxAttempts: 3,
          baseDelayMs: 200,
          maxDelayMs: 1000,
          maxRetryAfterMs: 60_000,
          retryNetworkErrors: true,
        },
      },
    );
    expect(down.ok).toBe(false);
    expect(down.issues.map((issue) => issue.code)).toEqual([
      'malls.http.retrying',
      'malls.http.retrying',
      'malls.http.retries_exhausted',
    ]);
    const badRequest = createFakeTransport([json(400, { MessageModelList: [] }), success]);
    const refused = await callMallApi(
      badRequest,
      request,
      parseRakutenSearchOrderResponse,
      createFakeTimer(now),
    );
    expect(badRequest.requests).toHaveLength(1);
    expect(refused.issues.map((issue) => issue.code)).toEqual(['malls.api.http_status']);
  });

  it('never puts a credential in an issue, whatever goes wrong', async () => {
    const encoded = Buffer.from(`${SECRET}:${LICENSE}`).toString('base64');
    const answers = [
      new TypeError(`connect failed ESA ${encoded}`),
      json(503, { message: 'busy' }),
      json(401, { message: 'unauthorized' }),
    ];
    const transport = createFakeTransport(answers);
    const { bodies } = rakutenShippingBodies([shippedRakutenOrder()], { today: '2026-11-28' });
    const shipping = await callMallApi(
      transport,
      rakutenUpdateOrderShippingRequest(rakuten, bodies[0]!),
      parseRakutenUpdateOrderShippingResponse,
      createFakeTimer(now),
    );
    const yahooStock = yahooSetStockRequests(yahoo, {
      channel: 'yahoo',
      shopId: 'teststore',
      mode: 'absolute',
      items: [{ listingId: 'y-1', itemCode: 'tea', quantity: 3 }],
    });
    const yahooResult = await callMallApi(
      createFakeTransport([new Error(`token ${yahoo.accessToken}`), json(403, {})]),
      yahooStock.requests[0]!,
      (response) => parseYahooResponse(response, { parseXml: () => ({}), operation: 'setStock' }),
      createFakeTimer(now),
    );
    const amazonResult = await callMallApi(
      createFakeTransport([
        json(500, {}),
        json(401, { errors: [{ code: 'Unauthorized', message: 'Access denied' }] }),
      ]),
      amazonConfirmShipmentRequest(
        { headers: { 'x-amz-access-token': 'Atza|AMAZON-TOKEN' } },
        {
          orderId: '503-1234567-1234567',
          body: {
            marketplaceId: 'MARKETPLACE',
            packageDetail: {
              packageReferenceId: 'p-1',
              carrierCode: 'Other',
              carrierName: 'ヤマト運輸',
              trackingNumber: '123456789012',
              shipDate: '2026-11-29T09:00:00+09:00',
              orderItems: [{ orderItemId: '0583563777345', quantity: 1 }],
            },
          },
        },
      ),
      parseAmazonConfirmShipmentResponse,
      createFakeTimer(now),
    );
    const all = [...shipping.issues, ...yahooResult.issues, ...amazonResult.issues];
    expect(shipping.ok || yahooResult.ok || amazonResult.ok).toBe(false);
    expect(all.map((issue) => issue.code)).toContain('malls.api.http_status');
    const text = JSON.stringify(all);
    for (const secret of [SECRET, LICENSE, encoded, yahoo.accessToken, 'AMAZON-TOKEN'])
      expect(text).not.toContain(secret);
  });
});

/** Writes an object tree as XML, lists as repeated elements: what Yahoo! sends. */
function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((entry) => toXml(name, entry)).join('');
  if (typeof value === 'object' && value !== null)
    return `<${name}>${Object.entries(value)
      .map(([key, child]) => toXml(key, child))
      .join('')}</${name}>`;
  const text = String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
  return `<${name}>${text}</${name}>`;
}

/** A minimal XML → object converter with the common behaviour: one child is an object, several a list. */
function parseXml(xml: string): unknown {
  const root: Record<string, unknown> = {};
  const stack: { node: Record<string, unknown>; text: string; name: string }[] = [
    { node: root, text: '', name: '' },
  ];
  for (const match of xml.matchAll(/<(\/?)([A-Za-z][\w]*)\s*(\/?)>|([^<]+)|<\?[^>]*\?>/g)) {
    const top = stack.at(-1)!;
    if (match[4] !== undefined)
      top.text += match[4].replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    else if (match[2] !== undefined && match[1] === '') stack.push({ node: {}, text: '', name: match[2] });
    if (match[2] !== undefined && (match[1] === '/' || match[3] === '/')) {
      const done = stack.pop()!;
      const parent = stack.at(-1)!.node;
      const value = Object.keys(done.node).length > 0 ? done.node : done.text;
      const existing = parent[done.name];
      parent[done.name] =
        existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return root;
}

describe('Yahoo!ショッピング request builders and responses', () => {
  it('send orderList and orderInfo as XML with the Bearer token', () => {
    const list = yahooOrderListRequest(yahoo, {
      conditions: { OrderTimeFrom: '20261127000000', OrderTimeTo: '20261128000000' },
      fields: ['OrderId', 'OrderTime'],
      result: 50,
    });
    expect(list.ok && list.value).toEqual({
      method: 'POST',
      url: 'https://circus.shopping.yahooapis.jp/ShoppingWebService/V1/orderList',
      headers: {
        authorization: 'Bearer YJ-ACCESS-TOKEN-abc',
        'content-type': 'application/xml; charset=utf-8',
      },
      body:
        '<Req><Search><Result>50</Result><Start>1</Start><Sort>+order_time</Sort>' +
        '<Condition><OrderTimeFrom>20261127000000</OrderTimeFrom><OrderTimeTo>20261128000000</OrderTimeTo></Condition>' +
        '<Field>OrderId,OrderTime</Field></Search><SellerId>teststore</SellerId></Req>',
    });
    expect(yahooOrderListRequest(yahoo, { conditions: { 'x><y': '1' } }).ok).toBe(false);
    const info = yahooOrderInfoRequest(yahoo, 'teststore-10000001', ['OrderId', 'ItemId']);
    expect(info.body).toBe(
      '<Req><Target><OrderId>teststore-10000001</OrderId><Field>OrderId,ItemId</Field></Target><SellerId>teststore</SellerId></Req>',
    );
    expect(yahooOrderInfoRequest(yahoo, 'teststore-10000001').body).toContain('ShipInvoiceNumber1');
  });

  it('send orderShipStatusChange with the write-back XML', () => {
    const order = shippedRakutenOrder();
    const { bodies } = yahooShipStatusBodies([{ ...order, channel: 'yahoo' }], {
      sellerId: 'teststore',
      today: '2026-11-28',
    });
    const request = yahooShipStatusRequest(
      { ...yahoo, baseUrl: 'https://test.circus.shopping.yahooapis.jp/ShoppingWebService/V1/' },
      bodies[0]!,
    );
    expect(request.url).toBe(
      'https://test.circus.shopping.yahooapis.jp/ShoppingWebService/V1/orderShipStatusChange',
    );
    expect(request.body).toBe(bodies[0]?.xml);
  });

  it('build setStock form parameters: code:subcode, absolute or ±delta, 1000 codes a call', () => {
    const upload: SyncUpload = {
      channel: 'yahoo',
      shopId: 'teststore',
      mode: 'delta',
      items: [
        { listingId: 'y-1', itemCode: 'tshirt', skuCode: 'tshirt-red-m', quantity: 5, previous: 3, delta: 2 },
        { listingId: 'y-2', itemCode: 'mug', quantity: 1, previous: 4, delta: -3 },
        { listingId: 'y-3', itemCode: 'towel', quantity: 7 },
        { listingId: 'y-4', itemCode: 'お茶', quantity: 1 },
      ],
    };
    const { requests, issues } = yahooSetStockRequests(yahoo, upload);
    expect(issues.map((issue) => issue.data?.listingId)).toEqual(['y-4']);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://circus.shopping.yahooapis.jp/ShoppingWebService/V1/setStock');
    const form = new URLSearchParams(requests[0]?.body);
    expect(form.get('seller_id')).toBe('teststore');
    expect(form.get('item_code')).toBe('tshirt:tshirt-red-m,mug,towel');
    expect(form.get('quantity')).toBe('+2,-3,7');
    expect(requests[0]?.body).toContain('%2B2');
    const many = yahooSetStockRequests(yahoo, {
      ...upload,
      mode: 'absolute',
      items: Array.from({ length: 2500 }, (_, i) => ({
        listingId: `y-${i}`,
        itemCode: `item-${i}`,
        quantity: i,
      })),
    });
    expect(many.requests.map((r) => new URLSearchParams(r.body).get('item_code')?.split(',').length)).toEqual(
      [1000, 1000, 500],
    );
  });

  it('read an orderList and an orderInfo XML response through the host parser', () => {
    const list = parseYahooOrderListResponse(
      {
        status: 200,
        headers: {},
        body: toXml('Result', {
          Search: {
            TotalCount: '2',
            OrderInfo: [{ OrderId: 'teststore-10000001' }, { OrderId: 'teststore-10000002' }],
          },
        }),
      },
      { parseXml },
    );
    expect(list.ok && list.value.orderIds).toEqual(['teststore-10000001', 'teststore-10000002']);

    const fixture = [0, 1, 2, 3, 4, 5]
      .map(fixtureOrder)
      .find((o) => o.destinations.length === 1 && o.destinations[0]!.items.length === 1)!;
    const info = parseYahooOrderInfoResponse(
      {
        status: 200,
        headers: {},
        body: `<?xml version="1.0" encoding="UTF-8"?>${toXml('ResultSet', { Result: { OrderInfo: yahooOrderInfo(fixture), Warning: '一部の項目は取得できませんでした' } })}`,
      },
      { parseXml, shopId: 'teststore' },
    );
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    expect(info.value.drafts.map((d) => d.mallOrderNumber)).toEqual([yahooOrderId(fixture)]);
    expect(info.value.drafts[0]?.lines).toHaveLength(1);
    expect(info.value.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['malls.yahoo.api_warning', 'warning'],
    ]);
  });

  it('fail on a non-2xx status and on a parser that throws', () => {
    const denied = parseYahooResponse(
      { status: 401, headers: {}, body: '<Error/>' },
      { parseXml, operation: 'orderInfo' },
    );
    expect(denied.issues[0]?.message).toBe(
      'Yahoo! orderInfo がHTTP 401 を返しました（認証情報・権限を確認してください）',
    );
    const broken = parseYahooResponse(
      { status: 200, headers: {}, body: '<Result>' },
      {
        parseXml: () => {
          throw new Error('unclosed tag');
        },
        operation: 'orderInfo',
      },
    );
    expect(broken.issues.map((issue) => issue.code)).toEqual(['malls.yahoo.invalid_xml']);
  });
});

describe('Amazon SP-API and Shopify Admin API', () => {
  const entry = () => {
    const order = shippedRakutenOrder();
    const { bodies } = amazonConfirmShipmentBodies(
      [{ ...order, channel: 'amazon', mallOrderNumber: '503-1234567-1234567' }],
      { marketplaceId: 'MARKETPLACE', today: '2026-11-28' },
    );
    return bodies[0]!;
  };

  it('post confirmShipment to the JP endpoint with the host headers', () => {
    const shipment = entry();
    const request = amazonConfirmShipmentRequest({ headers: { 'x-amz-access-token': 'token' } }, shipment);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(
      'https://sellingpartnerapi-fe.amazon.com/orders/v0/orders/503-1234567-1234567/shipmentConfirmation',
    );
    expect(request.headers).toEqual({
      'x-amz-access-token': 'token',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(JSON.parse(request.body ?? '')).toEqual(shipment.body);
    expect(parseAmazonConfirmShipmentResponse({ status: 204, headers: {}, body: '' }).ok).toBe(true);
    const refused = parseAmazonConfirmShipmentResponse(
      json(400, { errors: [{ code: 'InvalidInput', message: 'carrierName is required' }] }),
    );
    expect(refused.issues.map((issue) => issue.message)).toEqual([
      'Amazon confirmShipment がHTTP 400 を返しました',
      'Amazon confirmShipment: [InvalidInput] carrierName is required',
    ]);
  });

  it('post fulfillmentCreate as GraphQL and read its user errors', async () => {
    const order = { ...shippedRakutenOrder(), channel: 'shopify' };
    const { inputs } = shopifyFulfillmentInputs([order], {
      fulfillmentOrderIds: () => ['gid://shopify/FulfillmentOrder/1'],
    });
    const config = { endpoint: 'https://shop.example/admin/graphql', headers: { 'x-shop-token': 't' } };
    const request = shopifyFulfillmentCreateRequest(config, inputs[0]!.input);
    const body = JSON.parse(request.body ?? '');
    expect(body.query).toContain('fulfillmentCreate(fulfillment: $fulfillment)');
    expect(body.variables).toEqual({ fulfillment: inputs[0]?.input });
    const created = await callMallApi(
      createFakeTransport([
        json(200, {
          data: {
            fulfillmentCreate: {
              fulfillment: { id: 'gid://shopify/Fulfillment/9', status: 'SUCCESS' },
              userErrors: [],
            },
          },
        }),
      ]),
      request,
      parseShopifyFulfillmentCreateResponse,
      createFakeTimer(now),
    );
    expect(created.ok && created.value).toEqual({ fulfillmentId: 'gid://shopify/Fulfillment/9' });
    const refused = parseShopifyFulfillmentCreateResponse(
      json(200, {
        data: {
          fulfillmentCreate: {
            fulfillment: null,
            userErrors: [{ field: ['fulfillment', 'trackingInfo'], message: 'Tracking number is invalid' }],
          },
        },
      }),
    );
    expect(refused.issues[0]?.message).toBe(
      'Shopify fulfillmentCreate: Tracking number is invalid（fulfillment.trackingInfo）',
    );
    const graphql = parseShopifyFulfillmentCreateResponse(json(200, { errors: [{ message: 'Throttled' }] }));
    expect(graphql.ok).toBe(false);
  });

  it('use sendWithRetry for any request of the builders', async () => {
    const exchange = await sendWithRetry(
      createFakeTransport([json(502, undefined), json(204, undefined)]),
      amazonConfirmShipmentRequest({ headers: {} }, entry()),
      createFakeTimer(now),
    );
    expect(exchange.response?.status).toBe(204);
    expect(exchange.waits).toEqual([1000]);
  });
});
