import { createIssue, fail, ok } from '@hakobu/core';
import { describe, expect, it } from 'vitest';
import { createFakeTimer, createFakeTransport } from '../testing/http';
import {
  backoffDelay,
  defaultRetryPolicy,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDecision,
} from './retry';
import { callMallApi, sendWithRetry } from './send';
import {
  describeRequest,
  fetchTransport,
  type HttpRequest,
  type HttpResponse,
  headerValue,
} from './transport';

const request: HttpRequest = {
  method: 'POST',
  url: 'https://api.example.jp/v1/orders/?sig=SECRET-QUERY',
  headers: { authorization: 'Bearer SECRET-TOKEN' },
  body: '{"password":"SECRET-BODY"}',
};
const now = new Date('2026-11-28T01:00:00Z');

function response(status: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
  return { status, headers, body };
}

describe('fetchTransport', () => {
  it('sends method, url, headers and body, and reads status, lower-case headers and text', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fake = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"ok":true}', { status: 201, headers: { 'X-Request-Id': 'r-1' } });
    }) as typeof fetch;
    const transport = fetchTransport({ fetch: fake, timeoutMs: 5000 });
    const answer = await transport.send(request);
    expect(answer.status).toBe(201);
    expect(answer.body).toBe('{"ok":true}');
    expect(answer.headers['x-request-id']).toBe('r-1');
    expect(calls[0]?.url).toBe(request.url);
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toEqual(request.headers);
    expect(calls[0]?.init.body).toBe(request.body);
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends no body and no signal when there are none', async () => {
    let seen: RequestInit | undefined;
    const fake = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    const answer = await fetchTransport({ fetch: fake }).send({
      method: 'GET',
      url: 'https://a.example/',
      headers: {},
    });
    expect(answer).toEqual({ status: 204, headers: {}, body: '' });
    expect(seen && 'body' in seen).toBe(false);
    expect(seen && 'signal' in seen).toBe(false);
  });

  it('rejects when fetch rejects (no response), as the port says', async () => {
    const fake = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(fetchTransport({ fetch: fake }).send(request)).rejects.toThrow('fetch failed');
  });
});

describe('headerValue and describeRequest', () => {
  it('reads a header whatever its case', () => {
    expect(headerValue(response(429, { 'Retry-After': '3' }), 'retry-after')).toBe('3');
    expect(headerValue(response(429), 'retry-after')).toBeUndefined();
  });

  it('names a request without query string or user info', () => {
    expect(describeRequest(request)).toBe('POST https://api.example.jp/v1/orders/');
    expect(describeRequest({ method: 'GET', url: 'https://user:pw@api.example.jp/x?y=1' })).toBe(
      'GET https://api.example.jp/x',
    );
    expect(describeRequest({ method: 'GET', url: 'not a url' })).toBe('GET (URLを解釈できません)');
  });
});

describe('retry policy (pure)', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 204, 400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it('backs off exponentially up to the cap', () => {
    const policy: RetryPolicy = {
      ...defaultRetryPolicy,
      maxAttempts: 10,
      baseDelayMs: 500,
      maxDelayMs: 3000,
    };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt))).toEqual([
      500, 1000, 2000, 3000, 3000,
    ]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 28 Nov 2026 01:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 00:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('decides from the attempt and its outcome alone', () => {
    const p = defaultRetryPolicy;
    expect(retryDecision(p, 1, { kind: 'response', status: 503 }, now)).toEqual({
      retry: true,
      delayMs: 1000,
      fromRetryAfter: false,
    });
    expect(retryDecision(p, 2, { kind: 'response', status: 429, retryAfter: '7' }, now)).toEqual({
      retry: true,
      delayMs: 7000,
      fromRetryAfter: true,
    });
    expect(retryDecision(p, 1, { kind: 'response', status: 400 }, now)).toEqual({
      retry: false,
      reason: 'final',
    });
    expect(retryDecision(p, 1, { kind: 'response', status: 200 }, now)).toEqual({
      retry: false,
      reason: 'final',
    });
    expect(retryDecision(p, 4, { kind: 'response', status: 503 }, now)).toEqual({
      retry: false,
      reason: 'exhausted',
    });
    expect(retryDecision(p, 1, { kind: 'response', status: 429, retryAfter: '600' }, now)).toEqual({
      retry: false,
      reason: 'retryAfterTooLong',
      retryAfterMs: 600_000,
    });
    expect(retryDecision(p, 1, { kind: 'network' }, now)).toEqual({
      retry: true,
      delayMs: 1000,
      fromRetryAfter: false,
    });
    expect(retryDecision({ ...p, retryNetworkErrors: false }, 1, { kind: 'network' }, now)).toEqual({
      retry: false,
      reason: 'networkNotRetried',
    });
  });
});

describe('sendWithRetry', () => {
  it('retries a 429 after its Retry-After seconds, then returns the success', async () => {
    const transport = createFakeTransport([response(429, { 'Retry-After': '3' }), response(200, {}, 'done')]);
    const timer = createFakeTimer(now);
    const exchange = await sendWithRetry(transport, request, timer);
    expect(exchange.response?.body).toBe('done');
    expect(exchange.attempts).toBe(2);
    expect(timer.slept).toEqual([3000]);
    expect(exchange.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['malls.http.retrying', 'info'],
    ]);
    expect(exchange.issues[0]?.message).toBe(
      'POST https://api.example.jp/v1/orders/ がHTTP 429 を返しました。3秒後に再試行します（2/4回目）',
    );
    expect(transport.requests).toHaveLength(2);
  });

  it('retries a 503 after a Retry-After date, measured on the injected clock', async () => {
    const transport = createFakeTransport([
      response(503, { 'retry-after': 'Sat, 28 Nov 2026 01:00:12 GMT' }),
      response(503),
      response(204),
    ]);
    const timer = createFakeTimer(now);
    const exchange = await sendWithRetry(transport, request, timer);
    expect(exchange.response?.status).toBe(204);
    expect(timer.slept).toEqual([12_000, 2000]);
    expect(exchange.waits).toEqual([12_000, 2000]);
  });

  it('gives up after maxAttempts with the last response and an error', async () => {
    const transport = createFakeTransport([response(503)]);
    const timer = createFakeTimer(now);
    const exchange = await sendWithRetry(transport, request, timer);
    expect(exchange.attempts).toBe(4);
    expect(timer.slept).toEqual([1000, 2000, 4000]);
    expect(exchange.response?.status).toBe(503);
    const last = exchange.issues.at(-1);
    expect(last?.code).toBe('malls.http.retries_exhausted');
    expect(last?.severity).toBe('error');
    expect(last?.data).toEqual({
      request: 'POST https://api.example.jp/v1/orders/',
      attempt: 4,
      status: 503,
    });
  });

  it('does not retry a 400 (nor any 4xx but 429)', async () => {
    for (const status of [400, 401, 404, 409]) {
      const transport = createFakeTransport([response(status), response(200)]);
      const timer = createFakeTimer(now);
      const exchange = await sendWithRetry(transport, request, timer);
      expect(exchange.attempts).toBe(1);
      expect(exchange.response?.status).toBe(status);
      expect(exchange.issues).toEqual([]);
      expect(timer.slept).toEqual([]);
    }
  });

  it('refuses a Retry-After longer than the policy allows', async () => {
    const transport = createFakeTransport([response(429, { 'retry-after': '3600' }), response(200)]);
    const exchange = await sendWithRetry(transport, request, createFakeTimer(now));
    expect(exchange.attempts).toBe(1);
    expect(exchange.issues.map((issue) => issue.code)).toEqual(['malls.http.retry_after_too_long']);
  });

  it('retries a request that got no response, and reports giving up on it', async () => {
    const reset = Object.assign(new TypeError('fetch failed SECRET-TOKEN'), {
      cause: { code: 'ECONNRESET' },
    });
    const recovered = await sendWithRetry(
      createFakeTransport([reset, response(200)]),
      request,
      createFakeTimer(now),
    );
    expect(recovered.response?.status).toBe(200);
    expect(recovered.issues[0]?.message).toContain('応答がありません（ECONNRESET）');

    const down = await sendWithRetry(createFakeTransport([reset]), request, {
      ...createFakeTimer(now),
      policy: { ...defaultRetryPolicy, maxAttempts: 2 },
    });
    expect(down.response).toBeUndefined();
    expect(down.attempts).toBe(2);
    expect(down.issues.at(-1)?.code).toBe('malls.http.network_error');

    const once = await sendWithRetry(createFakeTransport([reset, response(200)]), request, {
      ...createFakeTimer(now),
      policy: { ...defaultRetryPolicy, retryNetworkErrors: false },
    });
    expect(once.attempts).toBe(1);
    expect(once.issues.map((issue) => issue.code)).toEqual(['malls.http.network_error']);
  });

  it('never puts a header, the body or the query string in an issue', async () => {
    const transport = createFakeTransport((_request, index) =>
      index === 0 ? new TypeError('boom SECRET-TOKEN') : response(503, {}, 'SECRET-BODY echoed'),
    );
    const exchange = await sendWithRetry(transport, request, createFakeTimer(now));
    const text = JSON.stringify(exchange.issues);
    expect(exchange.issues.length).toBeGreaterThan(1);
    for (const secret of ['SECRET-TOKEN', 'SECRET-QUERY', 'SECRET-BODY']) expect(text).not.toContain(secret);
  });
});

describe('callMallApi', () => {
  const parse = (answer: HttpResponse) =>
    answer.status === 200 ? ok(answer.body) : fail([createIssue('x.refused', `HTTP ${answer.status}`)]);

  it('parses the final response and keeps the retry notes', async () => {
    const result = await callMallApi(
      createFakeTransport([response(502), response(200, {}, 'body')]),
      request,
      parse,
      createFakeTimer(now),
    );
    expect(result).toEqual({
      ok: true,
      value: 'body',
      issues: [expect.objectContaining({ code: 'malls.http.retrying' })],
    });
  });

  it('fails with the give-up error without parsing, and with the parser issues otherwise', async () => {
    const exhausted = await callMallApi(
      createFakeTransport([response(500)]),
      request,
      parse,
      createFakeTimer(now),
    );
    expect(exhausted.ok).toBe(false);
    expect(exhausted.issues.at(-1)?.code).toBe('malls.http.retries_exhausted');
    const refused = await callMallApi(
      createFakeTransport([response(400)]),
      request,
      parse,
      createFakeTimer(now),
    );
    expect(refused.issues.map((issue) => issue.code)).toEqual(['x.refused']);
  });

  it('turns a throwing parser into an issue', async () => {
    const result = await callMallApi(
      createFakeTransport([response(200)]),
      request,
      () => {
        throw new SyntaxError('bad');
      },
      createFakeTimer(now),
    );
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('malls.http.parse_failed');
  });
});
