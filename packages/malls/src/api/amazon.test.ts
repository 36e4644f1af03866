import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAmazonOrders } from '../amazon/json';
import { callMallApi } from '../http/send';
import type { HttpRequest, HttpResponse } from '../http/transport';
import { planImport } from '../pipeline/reconcile';
import { createFakeTimer, createFakeTransport } from '../testing/http';
import {
  AMAZON_JP_MARKETPLACE_ID,
  type AmazonApiConfig,
  type AmazonOrderItemsPage,
  type AmazonOrdersPage,
  amazonAccessTokenHeaders,
  amazonConfirmShipmentRequest,
  amazonGetOrderItemsRequest,
  amazonGetOrdersRequest,
  collectAmazonOrderPages,
  parseAmazonGetOrderItemsResponse,
  parseAmazonGetOrdersResponse,
} from './amazon';

const TOKEN = 'Atza|IwEBIhakobu-test-access-token';
const config: AmazonApiConfig = { accessToken: TOKEN };
const clock = fixedClock('2026-11-28T10:00:00+09:00');
const DAY = 24 * 3_600_000;

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: JSON.stringify(body) };
}

const jpy = (amount: string) => ({ CurrencyCode: 'JPY', Amount: amount });

// Recorded getOrders / getOrderItems responses, written from the Orders v0 field lists (Order, Address,
// BuyerInfo, OrderItem, Money; OrdersList and OrderItemsList with NextToken). Invented shop data.
const ORDER_A = {
  AmazonOrderId: '503-2716584-3310617',
  PurchaseDate: '2026-11-27T03:15:42Z',
  LastUpdateDate: '2026-11-27T03:46:10Z',
  OrderStatus: 'Unshipped',
  FulfillmentChannel: 'MFN',
  SalesChannel: 'Amazon.co.jp',
  ShipServiceLevel: 'Std JP Kanto8',
  OrderTotal: jpy('3470.00'),
  NumberOfItemsShipped: 0,
  NumberOfItemsUnshipped: 3,
  PaymentMethod: 'Other',
  PaymentMethodDetails: ['CreditCard'],
  MarketplaceId: AMAZON_JP_MARKETPLACE_ID,
  ShipmentServiceLevelCategory: 'Standard',
  OrderType: 'StandardOrder',
  EarliestShipDate: '2026-11-27T15:00:00Z',
  LatestShipDate: '2026-11-28T14:59:59Z',
  IsBusinessOrder: false,
  IsPrime: false,
  IsPremiumOrder: false,
  IsReplacementOrder: false,
  ShippingAddress: {
    Name: '佐藤 美咲',
    AddressLine1: '神宮前1-2-3',
    AddressLine2: '原宿ハイツ101',
    City: '渋谷区',
    StateOrRegion: '東京都',
    PostalCode: '150-0001',
    CountryCode: 'JP',
    Phone: '03-1234-5678',
    AddressType: 'Residential',
  },
  BuyerInfo: { BuyerEmail: 'x7k2m9p4q1@marketplace.amazon.co.jp', BuyerName: '佐藤 美咲' },
};
const ORDER_B = {
  AmazonOrderId: '249-5081934-7751024',
  PurchaseDate: '2026-11-27T09:02:11Z',
  LastUpdateDate: '2026-11-27T09:05:37Z',
  OrderStatus: 'Unshipped',
  FulfillmentChannel: 'MFN',
  OrderTotal: jpy('3570'),
  PaymentMethod: 'COD',
  PaymentMethodDetails: ['COD'],
  MarketplaceId: AMAZON_JP_MARKETPLACE_ID,
  ShippingAddress: {
    Name: '高橋 健一',
    AddressLine1: '梅田3丁目1-1',
    City: '大阪市北区',
    StateOrRegion: '大阪府',
    PostalCode: '530-0001',
    CountryCode: 'JP',
    Phone: '06-6345-6789',
  },
  BuyerInfo: { BuyerEmail: 'b3n8v1c6z0@marketplace.amazon.co.jp', BuyerName: '高橋 健一' },
};
const ORDER_C = {
  AmazonOrderId: '250-3391846-2209735',
  PurchaseDate: '2026-11-27T22:40:05Z',
  LastUpdateDate: '2026-11-27T22:41:00Z',
  OrderStatus: 'Unshipped',
  FulfillmentChannel: 'MFN',
  OrderTotal: jpy('4500'),
  PaymentMethod: 'CVS',
  PaymentMethodDetails: ['CVS'],
  MarketplaceId: AMAZON_JP_MARKETPLACE_ID,
  ShippingAddress: {
    Name: '田中 一郎',
    AddressLine1: '北一条西2-1',
    City: '札幌市中央区',
    StateOrRegion: '北海道',
    PostalCode: '060-0001',
    CountryCode: 'JP',
    Phone: '011-222-3333',
  },
  BuyerInfo: { BuyerEmail: 'q5w7e2r9t4@marketplace.amazon.co.jp', BuyerName: '田中 一郎' },
};

const ORDERS_PAGE_1 = {
  payload: {
    Orders: [ORDER_A, ORDER_B],
    NextToken: 'MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=+/',
    CreatedBefore: '2026-11-28T00:58:00Z',
  },
};
const ORDERS_PAGE_2 = { payload: { Orders: [ORDER_C] } };

const ITEMS_A_1 = {
  payload: {
    AmazonOrderId: ORDER_A.AmazonOrderId,
    NextToken: 'aXRlbXMtcGFnZS0y',
    OrderItems: [
      {
        ASIN: 'B0CJ4KX9QZ',
        SellerSKU: 'tea-sencha-100',
        OrderItemId: '68828574383266',
        Title: '静岡県産 深蒸し煎茶 100g',
        QuantityOrdered: 2,
        QuantityShipped: 0,
        ItemPrice: jpy('2160.00'),
        ItemTax: jpy('160.00'),
        ShippingPrice: jpy('550.00'),
        ShippingTax: jpy('50.00'),
        PromotionDiscount: jpy('0.00'),
        ScheduledDeliveryStartDate: '2026-11-29T05:00:00Z',
        ScheduledDeliveryEndDate: '2026-11-29T07:00:00Z',
        IsGift: 'false',
        ConditionId: 'New',
      },
    ],
  },
};
const ITEMS_A_2 = {
  payload: {
    AmazonOrderId: ORDER_A.AmazonOrderId,
    OrderItems: [
      {
        ASIN: 'B0CJ4M2T7P',
        SellerSKU: 'tea-hojicha-80',
        OrderItemId: '68828574383267',
        Title: '京都 ほうじ茶 80g',
        QuantityOrdered: 1,
        ItemPrice: jpy('860'),
        ItemTax: jpy('63'),
        PromotionDiscount: jpy('100'),
        PromotionIds: ['JP-AUTUMN-100'],
        IsGift: 'false',
      },
    ],
  },
};
const ITEMS_B = {
  payload: {
    AmazonOrderId: ORDER_B.AmazonOrderId,
    OrderItems: [
      {
        ASIN: 'B0BZ8H3N5D',
        SellerSKU: 'wagashi-yokan-5',
        OrderItemId: '40215563901871',
        Title: '本練り羊羹 5本入',
        QuantityOrdered: 1,
        ItemPrice: jpy('3240'),
        ShippingPrice: jpy('0'),
        CODFee: jpy('330'),
        CODFeeDiscount: jpy('0'),
        PointsGranted: { PointsNumber: 32, PointsMonetaryValue: jpy('32') },
      },
    ],
  },
};
const ITEMS_C = {
  payload: {
    AmazonOrderId: ORDER_C.AmazonOrderId,
    OrderItems: [
      {
        ASIN: 'B0D1Q6W8RT',
        SellerSKU: 'tea-gyokuro-50',
        OrderItemId: '51937702644120',
        Title: '八女玉露 50g',
        QuantityOrdered: 3,
        ItemPrice: jpy('4500'),
        ShippingPrice: jpy('0'),
      },
    ],
  },
};

describe('Amazon SP-API auth header', () => {
  it('sends the LWA access token (obtained by the host) as x-amz-access-token', () => {
    expect(amazonAccessTokenHeaders(TOKEN)).toEqual({ 'x-amz-access-token': TOKEN });
    expect(amazonGetOrderItemsRequest(config, ORDER_A.AmazonOrderId).headers).toEqual({
      'x-amz-access-token': TOKEN,
    });
    const withAgent = amazonGetOrderItemsRequest(
      { accessToken: TOKEN, headers: { 'user-agent': 'hakobu-shop/1.0 (Language=TypeScript)' } },
      ORDER_A.AmazonOrderId,
    );
    expect(withAgent.headers).toEqual({
      'x-amz-access-token': TOKEN,
      'user-agent': 'hakobu-shop/1.0 (Language=TypeScript)',
    });
    const confirm = amazonConfirmShipmentRequest(config, {
      orderId: ORDER_A.AmazonOrderId,
      body: {
        marketplaceId: AMAZON_JP_MARKETPLACE_ID,
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'Other',
          carrierName: 'ヤマト運輸',
          trackingNumber: '123456789012',
          shipDate: '2026-11-28T09:00:00+09:00',
          orderItems: [{ orderItemId: '68828574383266', quantity: 2 }],
        },
      },
    });
    expect(confirm.headers).toEqual({
      'x-amz-access-token': TOKEN,
      'content-type': 'application/json; charset=utf-8',
    });
  });
});

describe('amazonGetOrdersRequest', () => {
  it('builds GET /orders/v0/orders with the JP marketplace and CreatedAfter from the injected clock', () => {
    const request = amazonGetOrdersRequest(config, {
      createdAfter: new Date(clock.now().getTime() - DAY),
      orderStatuses: ['Unshipped', 'PartiallyShipped'],
      maxResultsPerPage: 50,
    });
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    expect(request.value.method).toBe('GET');
    expect(request.value.body).toBeUndefined();
    expect(request.value.headers).toEqual({ 'x-amz-access-token': TOKEN });
    expect(request.value.url).toBe(
      'https://sellingpartnerapi-fe.amazon.com/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2026-11-27T01%3A00%3A00Z&OrderStatuses=Unshipped%2CPartiallyShipped&MaxResultsPerPage=50',
    );
    const query = new URL(request.value.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      MarketplaceIds: 'A1VC38T7YXB528',
      CreatedAfter: '2026-11-27T01:00:00Z',
      OrderStatuses: 'Unshipped,PartiallyShipped',
      MaxResultsPerPage: '50',
    });
  });

  it('writes every field the search gives, the window in UTC to the second', () => {
    const request = amazonGetOrdersRequest(
      { ...config, endpoint: 'https://proxy.example' },
      {
        lastUpdatedAfter: '2026-11-27 00:00:00',
        lastUpdatedBefore: new Date('2026-11-28T00:30:15.789Z'),
        fulfillmentChannels: ['MFN'],
        paymentMethods: ['COD', 'CVS'],
        amazonOrderIds: [ORDER_A.AmazonOrderId, ORDER_B.AmazonOrderId],
        marketplaceIds: ['A1VC38T7YXB528', 'A19VAU5U5O7RUS'],
        nextToken: 'MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=+/',
      },
    );
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    const url = new URL(request.value.url);
    expect(url.origin + url.pathname).toBe('https://proxy.example/orders/v0/orders');
    expect([...url.searchParams]).toEqual([
      ['MarketplaceIds', 'A1VC38T7YXB528,A19VAU5U5O7RUS'],
      ['LastUpdatedAfter', '2026-11-26T15:00:00Z'],
      ['LastUpdatedBefore', '2026-11-28T00:30:15Z'],
      ['FulfillmentChannels', 'MFN'],
      ['PaymentMethods', 'COD,CVS'],
      ['AmazonOrderIds', '503-2716584-3310617,249-5081934-7751024'],
      ['NextToken', 'MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=+/'],
    ]);
  });

  it('refuses a search against the published rules, with every reason', () => {
    const refused = (search: Parameters<typeof amazonGetOrdersRequest>[1]) => {
      const result = amazonGetOrdersRequest(config, search);
      expect(result.ok).toBe(false);
      expect(result.issues.every((issue) => issue.code === 'malls.amazon.invalid_search')).toBe(true);
      return result.issues.map((issue) => issue.message);
    };
    expect(refused({})).toEqual(['Amazon注文検索のCreatedAfter か LastUpdatedAfter のどちらかが必要です']);
    expect(
      refused({ createdAfter: '2026-11-27T00:00:00+09:00', lastUpdatedAfter: '2026-11-27T00:00:00+09:00' }),
    ).toEqual(['Amazon注文検索のCreated… と LastUpdated… は同時に指定できません']);
    expect(
      refused({ lastUpdatedAfter: '2026-11-27T00:00:00+09:00', createdBefore: '2026-11-28T00:00:00+09:00' }),
    ).toEqual(['Amazon注文検索のCreated… と LastUpdated… は同時に指定できません']);
    expect(
      refused({ createdAfter: '2026-11-28T00:00:00+09:00', createdBefore: '2026-11-27T00:00:00+09:00' }),
    ).toEqual(['Amazon注文検索のCreatedBefore が CreatedAfter より前です']);
    expect(
      refused({
        createdAfter: 'yesterday',
        marketplaceIds: [],
        maxResultsPerPage: 101,
        orderStatuses: ['Unshipped', 'Shipping' as 'Shipped'],
        amazonOrderIds: Array.from({ length: 51 }, (_, i) => `503-0000000-${String(i).padStart(7, '0')}`),
      }),
    ).toEqual([
      'Amazon注文検索のMarketplaceIds は1〜50件です: 0件',
      'Amazon注文検索のAmazonOrderIds は0〜50件です: 51件',
      'Amazon注文検索のOrderStatuses に不明なステータスがあります: Shipping',
      'Amazon注文検索のMaxResultsPerPage は1〜100です: 101',
      'Amazon注文検索のCreatedAfter が日時ではありません: yesterday',
    ]);
    expect(refused({ createdAfter: new Date(Number.NaN), maxResultsPerPage: 0.5 })).toHaveLength(2);
  });
});

describe('amazonGetOrderItemsRequest', () => {
  it('builds GET /orders/v0/orders/{orderId}/orderItems with the next token encoded', () => {
    const first = amazonGetOrderItemsRequest(config, ORDER_A.AmazonOrderId);
    expect(first).toEqual({
      method: 'GET',
      url: 'https://sellingpartnerapi-fe.amazon.com/orders/v0/orders/503-2716584-3310617/orderItems',
      headers: { 'x-amz-access-token': TOKEN },
    });
    expect(amazonGetOrderItemsRequest(config, ORDER_A.AmazonOrderId, 'a+b/c=').url).toBe(
      'https://sellingpartnerapi-fe.amazon.com/orders/v0/orders/503-2716584-3310617/orderItems?NextToken=a%2Bb%2Fc%3D',
    );
    expect(amazonGetOrderItemsRequest(config, '503 / x').url).toContain('/orders/503%20%2F%20x/orderItems');
  });
});

describe('parseAmazonGetOrdersResponse (recorded responses)', () => {
  it('reads the orders, their ids, the next token and CreatedBefore', () => {
    const page = parseAmazonGetOrdersResponse(json(200, ORDERS_PAGE_1, { 'x-amzn-requestid': 'r-1' }));
    expect(page).toEqual({
      ok: true,
      value: {
        orders: [ORDER_A, ORDER_B],
        orderIds: ['503-2716584-3310617', '249-5081934-7751024'],
        nextToken: 'MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=+/',
        createdBefore: '2026-11-28T00:58:00Z',
      },
      issues: [],
    });
    const last = parseAmazonGetOrdersResponse(json(200, { payload: { Orders: [], NextToken: null } }));
    expect(last.ok && last.value).toEqual({ orders: [], orderIds: [] });
  });

  it('fails a refused call with the status and each published error', () => {
    const refused = parseAmazonGetOrdersResponse(
      json(400, { errors: [{ code: 'InvalidInput', message: 'Invalid Input', details: '' }] }),
    );
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((issue) => [issue.code, issue.message])).toEqual([
      ['malls.api.http_status', 'Amazon getOrders がHTTP 400 を返しました'],
      ['malls.amazon.api_error', 'Amazon getOrders: [InvalidInput] Invalid Input'],
    ]);
    expect(refused.issues[1]?.path).toEqual(['errors', 0]);
    const quota = parseAmazonGetOrdersResponse(
      json(429, {
        errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }],
      }),
    );
    expect(quota.issues.map((issue) => issue.code)).toEqual([
      'malls.api.http_status',
      'malls.amazon.api_error',
    ]);
    const denied = parseAmazonGetOrdersResponse({ status: 403, headers: {}, body: '' });
    expect(denied.issues[0]?.message).toBe(
      'Amazon getOrders がHTTP 403 を返しました（認証情報・権限を確認してください）',
    );
    const errorsOnly = parseAmazonGetOrdersResponse(
      json(200, { errors: [{ code: 'InternalFailure', message: 'x' }] }),
    );
    expect(errorsOnly.issues.map((issue) => issue.code)).toEqual(['malls.amazon.api_error']);
  });

  it('returns typed issues with the JSON path for a malformed body', () => {
    const pathsOf = (body: unknown) => {
      const read = parseAmazonGetOrdersResponse(
        typeof body === 'string' ? { status: 200, headers: {}, body } : json(200, body),
      );
      expect(read.ok).toBe(false);
      return read.issues.map((issue) => [issue.code, issue.path]);
    };
    expect(pathsOf('<html>busy</html>')).toEqual([['malls.api.invalid_json', undefined]]);
    expect(pathsOf([ORDER_A])).toEqual([['malls.amazon.invalid_response', []]]);
    expect(pathsOf({ Orders: [ORDER_A] })).toEqual([['malls.amazon.invalid_response', ['payload']]]);
    expect(pathsOf({ payload: { Orders: { 0: ORDER_A } } })).toEqual([
      ['malls.amazon.invalid_response', ['payload', 'Orders']],
    ]);
    expect(
      pathsOf({ payload: { Orders: [{ ...ORDER_A, AmazonOrderId: 42 }, 'x', ORDER_B], NextToken: 7 } }),
    ).toEqual([
      ['malls.amazon.invalid_response', ['payload', 'Orders', 1]],
      ['malls.amazon.invalid_response', ['payload', 'Orders', 0, 'AmazonOrderId']],
      ['malls.amazon.invalid_response', ['payload', 'NextToken']],
    ]);
    const message = parseAmazonGetOrdersResponse(
      json(200, { payload: { Orders: [{ ...ORDER_A, AmazonOrderId: '' }] } }),
    );
    expect(message.issues[0]?.message).toBe(
      'Amazon getOrders の応答の payload.Orders[0].AmazonOrderId がありません',
    );
  });

  it('never throws, whatever the status and body', () => {
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ payload: value })),
      fc.jsonValue().map((value) => JSON.stringify({ payload: { Orders: value, NextToken: value } })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), body, (status, text) => {
        const response = { status, headers: {}, body: text };
        for (const read of [
          parseAmazonGetOrdersResponse(response),
          parseAmazonGetOrderItemsResponse(response),
        ]) {
          expect(typeof read.ok).toBe('boolean');
          if (!read.ok) expect(read.issues.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('parseAmazonGetOrderItemsResponse (recorded responses)', () => {
  it('reads the order id, the items and the next token', () => {
    expect(parseAmazonGetOrderItemsResponse(json(200, ITEMS_A_1))).toEqual({
      ok: true,
      value: {
        amazonOrderId: '503-2716584-3310617',
        orderItems: ITEMS_A_1.payload.OrderItems,
        nextToken: 'aXRlbXMtcGFnZS0y',
      },
      issues: [],
    });
  });

  it('returns typed issues with the JSON path for a malformed body', () => {
    const read = parseAmazonGetOrderItemsResponse(
      json(200, { payload: { OrderItems: [null], NextToken: [] } }),
    );
    expect(read.ok).toBe(false);
    expect(read.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['malls.amazon.invalid_response', ['payload', 'AmazonOrderId']],
      ['malls.amazon.invalid_response', ['payload', 'OrderItems', 0]],
      ['malls.amazon.invalid_response', ['payload', 'NextToken']],
    ]);
    const missing = parseAmazonGetOrderItemsResponse(
      json(404, { errors: [{ code: 'NotFound', message: 'Order not found' }] }),
    );
    expect(missing.issues.map((issue) => issue.message)).toEqual([
      'Amazon getOrderItems がHTTP 404 を返しました',
      'Amazon getOrderItems: [NotFound] Order not found',
    ]);
  });
});

describe('collectAmazonOrderPages', () => {
  const page = (orders: Record<string, unknown>[], nextToken?: string): AmazonOrdersPage => ({
    orders,
    orderIds: orders.map((order) => String(order.AmazonOrderId)),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
  const items = (amazonOrderId: string, orderItems: Record<string, unknown>[]): AmazonOrderItemsPage => ({
    amazonOrderId,
    orderItems,
  });

  it('joins pages: each order once (latest copy), each order its items across pages', () => {
    const updatedA = { ...ORDER_A, OrderStatus: 'PartiallyShipped' };
    const joined = collectAmazonOrderPages(
      [page([ORDER_A, ORDER_B], 'next'), page([updatedA, ORDER_C])],
      [
        items(ORDER_A.AmazonOrderId, ITEMS_A_1.payload.OrderItems),
        items(ORDER_A.AmazonOrderId, ITEMS_A_2.payload.OrderItems),
        items(ORDER_A.AmazonOrderId, [{ ...ITEMS_A_2.payload.OrderItems[0], QuantityOrdered: 2 }]),
        items('999-0000000-0000000', []),
      ],
    );
    expect(joined.orders).toEqual([updatedA, ORDER_B, ORDER_C]);
    expect(
      joined.items[ORDER_A.AmazonOrderId]?.map((item) => [item.OrderItemId, item.QuantityOrdered]),
    ).toEqual([
      ['68828574383266', 2],
      ['68828574383267', 2],
    ]);
    expect(joined.items[ORDER_B.AmazonOrderId]).toBeUndefined();
    expect(joined.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['malls.amazon.items_without_order', 'warning'],
    ]);
  });
});

describe('Amazon order import through the transport: getOrders + getOrderItems → canonical orders', () => {
  const recorded: Record<string, unknown> = {
    [`/orders/v0/orders/${ORDER_A.AmazonOrderId}/orderItems`]: ITEMS_A_1,
    [`/orders/v0/orders/${ORDER_A.AmazonOrderId}/orderItems?NextToken=aXRlbXMtcGFnZS0y`]: ITEMS_A_2,
    [`/orders/v0/orders/${ORDER_B.AmazonOrderId}/orderItems`]: ITEMS_B,
    [`/orders/v0/orders/${ORDER_C.AmazonOrderId}/orderItems`]: ITEMS_C,
  };
  const answer = (request: HttpRequest, index: number): HttpResponse => {
    const url = new URL(request.url);
    if (url.pathname === '/orders/v0/orders')
      // The first getOrders call is throttled once, as SP-API does at 0.0167 requests per second.
      return index === 0
        ? json(
            429,
            { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota.' }] },
            { 'retry-after': '2' },
          )
        : json(200, url.searchParams.has('NextToken') ? ORDERS_PAGE_2 : ORDERS_PAGE_1);
    const body = recorded[url.pathname + url.search];
    return body === undefined
      ? json(404, { errors: [{ code: 'NotFound', message: 'no such order' }] })
      : json(200, body);
  };

  it('pages through both calls and reads three orders with every amount', async () => {
    const transport = createFakeTransport(answer);
    const timer = createFakeTimer(clock.now());
    const search = {
      createdAfter: new Date(clock.now().getTime() - DAY),
      orderStatuses: ['Unshipped' as const],
    };
    const orderPages: AmazonOrdersPage[] = [];
    let nextToken: string | undefined;
    do {
      const request = amazonGetOrdersRequest(config, {
        ...search,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      if (!request.ok) throw new Error('search refused');
      const page = await callMallApi(transport, request.value, parseAmazonGetOrdersResponse, timer);
      if (!page.ok) throw new Error(JSON.stringify(page.issues));
      orderPages.push(page.value);
      nextToken = page.value.nextToken;
    } while (nextToken !== undefined);
    const itemPages: AmazonOrderItemsPage[] = [];
    for (const id of orderPages.flatMap((page) => page.orderIds)) {
      let token: string | undefined;
      do {
        const page = await callMallApi(
          transport,
          amazonGetOrderItemsRequest(config, id, token),
          parseAmazonGetOrderItemsResponse,
          timer,
        );
        if (!page.ok) throw new Error(JSON.stringify(page.issues));
        itemPages.push(page.value);
        token = page.value.nextToken;
      } while (token !== undefined);
    }
    expect(timer.slept).toEqual([2000]);
    expect(
      transport.requests.map((request) => request.url.replace('https://sellingpartnerapi-fe.amazon.com', '')),
    ).toEqual([
      '/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2026-11-27T01%3A00%3A00Z&OrderStatuses=Unshipped',
      '/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2026-11-27T01%3A00%3A00Z&OrderStatuses=Unshipped',
      '/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2026-11-27T01%3A00%3A00Z&OrderStatuses=Unshipped&NextToken=MRgZW55IGNhcm5hbCBwbGVhc3VyZS4%3D%2B%2F',
      '/orders/v0/orders/503-2716584-3310617/orderItems',
      '/orders/v0/orders/503-2716584-3310617/orderItems?NextToken=aXRlbXMtcGFnZS0y',
      '/orders/v0/orders/249-5081934-7751024/orderItems',
      '/orders/v0/orders/250-3391846-2209735/orderItems',
    ]);

    const input = collectAmazonOrderPages(orderPages, itemPages);
    expect(input.issues).toEqual([]);
    const read = readAmazonOrders(input.orders, input.items, { shopId: 'amazon-jp' });
    expect(read.rejected).toEqual([]);
    expect(read.counts).toEqual({ records: 3, accepted: 3, rejected: 0, orders: 3 });
    const plan = planImport(read.drafts, () => undefined, { clock, ids: sequenceIdGenerator() });
    const [a, b, c] = plan.decisions.map((decision) => decision.order);

    expect(a?.mallOrderNumber).toBe('503-2716584-3310617');
    expect(a?.orderedAt).toBe('2026-11-27T12:15:42+09:00');
    expect(a?.payment.method).toBe('creditCard');
    expect(a?.lines.map((line) => [line.sku, line.name, line.unitPrice, line.quantity])).toEqual([
      ['tea-sencha-100', '静岡県産 深蒸し煎茶 100g', 1080, 2],
      ['tea-hojicha-80', '京都 ほうじ茶 80g', 860, 1],
    ]);
    expect(a?.amounts).toMatchObject({ items: 3020, shipping: 550, couponDiscount: 100, billedTotal: 3470 });
    expect(a?.shipments[0]).toMatchObject({ requestedDate: '2026-11-29', timeSlot: '14-16' });
    expect(a?.shipments[0]?.destination).toMatchObject({
      name: '佐藤 美咲',
      postalCode: '150-0001',
      prefecture: '東京都',
      address1: '渋谷区神宮前1-2-3',
      address2: '原宿ハイツ101',
    });

    expect(b?.payment.method).toBe('cod');
    expect(b?.amounts).toMatchObject({ items: 3240, codFee: 330, billedTotal: 3570 });
    expect(c?.payment.method).toBe('convenienceStore');
    expect(c?.lines[0]).toMatchObject({ unitPrice: 1500, quantity: 3 });
    expect(c?.amounts.billedTotal).toBe(4500);
    for (const order of [a, b, c]) expect(order?.alerts).toEqual([]);
  });

  it('leaves an order whose items never came to the reader, which rejects it with its path', () => {
    const pages = [parseAmazonGetOrdersResponse(json(200, ORDERS_PAGE_2))];
    if (!pages[0]?.ok) throw new Error('page refused');
    const input = collectAmazonOrderPages([pages[0].value], []);
    const read = readAmazonOrders(input.orders, input.items, { shopId: 'amazon-jp' });
    expect(read.counts).toEqual({ records: 1, accepted: 0, rejected: 1, orders: 0 });
    expect(read.rejected[0]?.mallOrderNumber).toBe('250-3391846-2209735');
  });
});
