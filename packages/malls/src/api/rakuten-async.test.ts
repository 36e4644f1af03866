import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callMallApi } from '../http/send';
import type { HttpResponse } from '../http/transport';
import { createFakeTimer, createFakeTransport } from '../testing/http';
import type { RakutenUpdateOrderShippingBody } from '../writeback';
import { type RakutenApiConfig, rakutenAuthorization } from './rakuten';
import {
  parseRakutenGetResultUpdateOrderShippingAsyncResponse,
  parseRakutenUpdateOrderShippingAsyncResponse,
  rakutenGetResultUpdateOrderShippingAsyncRequest,
  rakutenUpdateOrderShippingAsyncRequests,
} from './rakuten-async';

const config: RakutenApiConfig = {
  credentials: { serviceSecret: 'SP360238_s3cr3tValue', licenseKey: 'SL360238_l1c3nseValue' },
};
const REQUEST_ID = 'ede66c43-9b9d-4222-93ed-5f11c96e08e2_20261128120000';

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: {}, body: JSON.stringify(body) };
}

function body(n: number): RakutenUpdateOrderShippingBody {
  return {
    orderNumber: `360238-20261128-${String(n).padStart(10, '0')}`,
    BasketidModelList: [
      {
        basketId: 10746402 + n,
        ShippingModelList: [
          {
            deliveryCompany: '1001',
            shippingNumber: `4890${String(n).padStart(8, '0')}`,
            shippingDate: '2026-11-28',
          },
        ],
      },
    ],
  };
}

// Recorded responses, written from the message fields public RMS clients read for these calls
// (MessageModelList with requestId; ResultShippingModelList of { orderNumber, MessageModelList }).
const ACCEPTED = {
  MessageModelList: [
    {
      messageType: 'INFO',
      messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_INFO_101',
      message: '発送情報の更新を受付けました。',
      requestId: REQUEST_ID,
      dataNumber: null,
      shippingDetailId: null,
    },
  ],
};
const FORMAT_ERRORS = {
  MessageModelList: [
    {
      messageType: 'ERROR',
      messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011',
      message: 'shippingDateの書式が不正です。',
      orderNumber: '360238-20261128-0000000001',
      dataNumber: 1,
      shippingDetailId: 15419,
    },
    {
      messageType: 'ERROR',
      messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011',
      message: 'deliveryCompanyの書式が不正です。',
      orderNumber: '360238-20261128-0000000001',
      dataNumber: 2,
      shippingDetailId: null,
    },
  ],
};
const NOT_YET = {
  ResultShippingModelList: [
    {
      MessageModelList: [
        {
          messageType: 'INFO',
          messageCode: 'ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_INFO_101',
          message: '指定されたリクエストIDの処理結果は存在しませんでした。',
        },
      ],
    },
  ],
};
const DONE = {
  ResultShippingModelList: [
    {
      orderNumber: '360238-20261128-0000000001',
      MessageModelList: [
        {
          messageType: 'ERROR',
          messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102',
          message:
            '指定された注文番号は既にキャンセルされているため、発送完了報告が出来る状態ではありませんでした。',
          dataNumber: null,
          shippingDetailId: null,
        },
      ],
    },
    {
      orderNumber: '360238-20261128-0000000002',
      MessageModelList: [
        {
          messageType: 'INFO',
          messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102',
          message: '発送情報の更新設定が完了しました。',
          dataNumber: 1,
          shippingDetailId: 15420,
        },
        {
          messageType: 'INFO',
          messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101',
          message: '発送情報の追加設定が完了しました。',
          dataNumber: 2,
          shippingDetailId: 15421,
        },
      ],
    },
  ],
};

describe('rakutenUpdateOrderShippingAsyncRequests', () => {
  it('sends the updateOrderShipping bodies as they are in OrderShippingModelList, 100 orders a call', () => {
    const bodies = Array.from({ length: 250 }, (_, i) => body(i + 1));
    const requests = rakutenUpdateOrderShippingAsyncRequests(config, bodies);
    expect(requests.ok).toBe(true);
    if (!requests.ok) return;
    expect(
      requests.value.map((request) => JSON.parse(request.body ?? '').OrderShippingModelList.length),
    ).toEqual([100, 100, 50]);
    const [first] = requests.value;
    expect(first?.method).toBe('POST');
    expect(first?.url).toBe('https://api.rms.rakuten.co.jp/es/2.0/order/updateOrderShippingAsync/');
    expect(first?.headers).toEqual({
      authorization: rakutenAuthorization(config.credentials),
      'content-type': 'application/json; charset=utf-8',
    });
    expect(JSON.parse(first?.body ?? '')).toEqual({ OrderShippingModelList: bodies.slice(0, 100) });
    expect(Object.keys(JSON.parse(first?.body ?? ''))).toEqual(['OrderShippingModelList']);
  });

  it('takes the unconfirmed path and batch size as options', () => {
    const requests = rakutenUpdateOrderShippingAsyncRequests(
      { ...config, origin: 'https://proxy.example' },
      [body(1), body(2), body(3)],
      { path: '/es/2.0/order/updateOrderShippingAsync', ordersPerRequest: 2 },
    );
    expect(requests.ok && requests.value.map((request) => request.url)).toEqual([
      'https://proxy.example/es/2.0/order/updateOrderShippingAsync',
      'https://proxy.example/es/2.0/order/updateOrderShippingAsync',
    ]);
    expect(rakutenUpdateOrderShippingAsyncRequests(config, [])).toEqual({ ok: true, value: [], issues: [] });
  });

  it('refuses an order number given twice, and a batch size below 1', () => {
    const twice = rakutenUpdateOrderShippingAsyncRequests(config, [body(1), body(2), body(1)]);
    expect(twice.ok).toBe(false);
    expect(twice.issues.map((issue) => [issue.code, issue.message])).toEqual([
      [
        'malls.rakuten.duplicate_order',
        '注文番号 360238-20261128-0000000001 の発送情報が2回あります。1つにまとめてください',
      ],
    ]);
    const size = rakutenUpdateOrderShippingAsyncRequests(config, [body(1)], { ordersPerRequest: 0 });
    expect(size.issues.map((issue) => issue.code)).toEqual(['malls.rakuten.invalid_request']);
  });
});

describe('parseRakutenUpdateOrderShippingAsyncResponse (recorded responses)', () => {
  it('reads the request id of an accepted call', () => {
    const receipt = parseRakutenUpdateOrderShippingAsyncResponse(json(200, ACCEPTED));
    expect(receipt.ok && receipt.value.requestId).toBe(REQUEST_ID);
    expect(receipt.issues).toEqual([]);
  });

  it('fails on format errors, naming the order and the parcel position', () => {
    const refused = parseRakutenUpdateOrderShippingAsyncResponse(json(200, FORMAT_ERRORS));
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((issue) => [issue.code, issue.path, issue.message])).toEqual([
      [
        'malls.rakuten.api_error',
        ['MessageModelList', 0],
        '楽天 updateOrderShippingAsync: [ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011] shippingDateの書式が不正です。（注文番号 360238-20261128-0000000001、1件目）',
      ],
      [
        'malls.rakuten.api_error',
        ['MessageModelList', 1],
        '楽天 updateOrderShippingAsync: [ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011] deliveryCompanyの書式が不正です。（注文番号 360238-20261128-0000000001、2件目）',
      ],
    ]);
  });

  it('fails a success without a request id, a non-2xx status and a non-JSON body', () => {
    const noId = parseRakutenUpdateOrderShippingAsyncResponse(
      json(200, { MessageModelList: [{ ...ACCEPTED.MessageModelList[0], requestId: null }] }),
    );
    expect(noId.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['malls.rakuten.missing_request_id', ['MessageModelList']],
    ]);
    const down = parseRakutenUpdateOrderShippingAsyncResponse({
      status: 503,
      headers: {},
      body: 'Service Unavailable',
    });
    expect(down.issues.map((issue) => issue.code)).toEqual([
      'malls.api.http_status',
      'malls.api.invalid_json',
    ]);
  });
});

describe('getResultUpdateOrderShippingAsync', () => {
  it('builds the poll request with the request id', () => {
    const request = rakutenGetResultUpdateOrderShippingAsyncRequest(config, REQUEST_ID);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.rms.rakuten.co.jp/es/2.0/order/getResultUpdateOrderShippingAsync/');
    expect(JSON.parse(request.body ?? '')).toEqual({ requestId: REQUEST_ID });
    expect(rakutenGetResultUpdateOrderShippingAsyncRequest(config, REQUEST_ID, { path: '/x/' }).url).toBe(
      'https://api.rms.rakuten.co.jp/x/',
    );
  });

  it('reads each order: a cancelled one failed, the other with its parcels', () => {
    const result = parseRakutenGetResultUpdateOrderShippingAsyncResponse(json(200, DONE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.pending).toBe(false);
    const [cancelled, shipped] = result.value.orders;
    expect(cancelled?.succeeded).toBe(false);
    expect(cancelled?.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['malls.rakuten.api_error', ['ResultShippingModelList', 0, 'MessageModelList', 0]],
    ]);
    expect(cancelled?.issues[0]?.message).toContain('ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102');
    expect(shipped).toMatchObject({
      orderNumber: '360238-20261128-0000000002',
      succeeded: true,
      parcels: [
        { dataNumber: 1, shippingDetailId: 15420, action: 'updated' },
        { dataNumber: 2, shippingDetailId: 15421, action: 'added' },
      ],
      issues: [],
    });
  });

  it('says pending while RMS has no result for the id', () => {
    expect(parseRakutenGetResultUpdateOrderShippingAsyncResponse(json(200, NOT_YET))).toEqual({
      ok: true,
      value: { pending: true, orders: [] },
      issues: [],
    });
  });

  it('fails a refused poll and a body of another shape, with the path', () => {
    const missing = parseRakutenGetResultUpdateOrderShippingAsyncResponse(
      json(400, {
        ResultShippingModelList: [
          {
            MessageModelList: [
              {
                messageType: 'ERROR',
                messageCode: 'ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_ERROR_009',
                message: 'requestIdの項目を指定して下さい。',
              },
            ],
          },
        ],
      }),
    );
    expect(missing.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['malls.api.http_status', undefined],
      ['malls.rakuten.api_error', ['ResultShippingModelList', 0, 'MessageModelList', 0]],
    ]);
    const other = parseRakutenGetResultUpdateOrderShippingAsyncResponse(json(200, { MessageModelList: [] }));
    expect(other.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['malls.rakuten.invalid_response', ['ResultShippingModelList']],
    ]);
  });

  it('never throws, whatever the status and body', () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .jsonValue()
        .map((value) => JSON.stringify({ ResultShippingModelList: value, MessageModelList: value })),
      fc
        .jsonValue()
        .map((value) =>
          JSON.stringify({ ResultShippingModelList: [{ orderNumber: value, MessageModelList: value }] }),
        ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), text, (status, bodyText) => {
        const response = { status, headers: {}, body: bodyText };
        for (const read of [
          parseRakutenUpdateOrderShippingAsyncResponse(response),
          parseRakutenGetResultUpdateOrderShippingAsyncResponse(response),
        ]) {
          expect(typeof read.ok).toBe('boolean');
          if (!read.ok) expect(read.issues.some((issue) => issue.severity === 'error')).toBe(true);
        }
      }),
    );
  });
});

describe('楽天 async shipping through a fake transport', () => {
  it('sends the batch, then polls until the result is there', async () => {
    const transport = createFakeTransport([json(200, ACCEPTED), json(200, NOT_YET), json(200, DONE)]);
    const timer = createFakeTimer('2026-11-28T12:00:00+09:00');
    const requests = rakutenUpdateOrderShippingAsyncRequests(config, [body(1), body(2)]);
    if (!requests.ok) throw new Error('refused');
    const receipt = await callMallApi(
      transport,
      requests.value[0]!,
      parseRakutenUpdateOrderShippingAsyncResponse,
      timer,
    );
    if (!receipt.ok) throw new Error(JSON.stringify(receipt.issues));
    const poll = () =>
      callMallApi(
        transport,
        rakutenGetResultUpdateOrderShippingAsyncRequest(config, receipt.value.requestId),
        parseRakutenGetResultUpdateOrderShippingAsyncResponse,
        timer,
      );
    const first = await poll();
    expect(first.ok && first.value.pending).toBe(true);
    const second = await poll();
    expect(second.ok && second.value.orders.map((order) => [order.orderNumber, order.succeeded])).toEqual([
      ['360238-20261128-0000000001', false],
      ['360238-20261128-0000000002', true],
    ]);
    expect(transport.requests.map((request) => JSON.parse(request.body ?? ''))).toEqual([
      { OrderShippingModelList: [body(1), body(2)] },
      { requestId: REQUEST_ID },
      { requestId: REQUEST_ID },
    ]);
  });
});
