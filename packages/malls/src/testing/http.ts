import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, HakobuError } from '@hakobu/core';
import type { ConformanceCheck } from '@hakobu/core/testing';
import type { Sleeper } from '../http/retry';
import type { HttpMethod, HttpRequest, HttpResponse, HttpTransport } from '../http/transport';

/** One scripted answer of {@link createFakeTransport}: a response, or an `Error` to reject with (no response). */
export type FakeAnswer = HttpResponse | Error;

/** A fake {@link HttpTransport} that records every request it was sent. */
export interface FakeTransport extends HttpTransport {
  readonly requests: HttpRequest[];
}

/**
 * A fake {@link HttpTransport} for tests (送信しない通信): answers from a script in order (the last answer
 * repeats once the script runs out) or from a function of the request and its 0-based index; an `Error`
 * answer rejects, as a transport does when no response arrives. Every request is kept in `requests`.
 *
 * @example
 * ```ts
 * const transport = createFakeTransport([
 *   { status: 503, headers: { 'retry-after': '2' }, body: '' },
 *   { status: 200, headers: {}, body: '{"MessageModelList":[]}' },
 * ]);
 * ```
 */
export function createFakeTransport(
  script: readonly FakeAnswer[] | ((request: HttpRequest, index: number) => FakeAnswer),
): FakeTransport {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async send(request) {
      const index = requests.length;
      requests.push(request);
      const answer =
        typeof script === 'function'
          ? script(request, index)
          : (script[Math.min(index, script.length - 1)] ?? new Error('empty script'));
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

/** A fake clock and sleeper pair: sleeping returns at once and moves the clock. */
export interface FakeTimer {
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  /** Every wait asked for, in milliseconds. */
  readonly slept: number[];
}

/**
 * A fake timer for retry tests (時計と待機の偽物): `sleeper.sleep(ms)` resolves at once, records `ms` and moves
 * `clock` forward by it, so a `Retry-After` date and the backoff can be checked without real time passing.
 *
 * @example
 * ```ts
 * const timer = createFakeTimer('2026-11-28T10:00:00+09:00');
 * await sendWithRetry(transport, request, timer);
 * timer.slept; // [2000]
 * ```
 */
export function createFakeTimer(start: string | Date): FakeTimer {
  let ms = new Date(start).getTime();
  const slept: number[] = [];
  return {
    slept,
    clock: { now: () => new Date(ms) },
    sleeper: {
      async sleep(wait) {
        slept.push(wait);
        ms += wait;
      },
    },
  };
}

/** A request as the local server received it. */
interface Received {
  readonly method: string;
  /** Path and query, as sent on the request line. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

type Answer = (received: Received, response: ServerResponse) => void;

function check(condition: boolean, message: string, data?: Record<string, unknown>): asserts condition {
  if (!condition)
    throw new HakobuError('malls.conformance_failed', message, data === undefined ? {} : { data });
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

/** Runs `use` against an HTTP server on 127.0.0.1 and a free port, closed afterwards: a local socket, not the network. */
async function withServer(answer: Answer, use: (origin: string, received: Received[]) => Promise<void>) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Uint8Array[] = [];
    request.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        method: request.method ?? '',
        target: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(entry);
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  try {
    await use(`http://127.0.0.1:${port}`, received);
  } finally {
    // A keep-alive connection of the transport would otherwise hold close() open.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const encoder = new TextEncoder();

const TARGET =
  '/es/2.0/order/searchOrder/?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2026-11-27T15%3A00%3A00Z&q=%E6%A5%BD%E5%A4%A9+%E5%B8%82%E5%A0%B4&empty=';

const SENT_HEADERS: Readonly<Record<string, string>> = {
  authorization: 'ESA U1AxMjM0NTZfYWJjOlNMMTIzNDU2X3h5eg==',
  'x-amz-access-token': 'Atza|IwEBI-conformance-token',
  'x-hakobu-check': 'a=1; b="two words"',
};

const JSON_BODY = JSON.stringify({
  orderNumber: '360238-20261128-0000000001',
  memo: '発送済み・ヤマト運輸 ① 〜 髙橋様',
  quantity: 3,
});

function ok200(_received: Received, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.end('{}');
}

async function send(transport: HttpTransport, request: HttpRequest, what: string): Promise<HttpResponse> {
  try {
    return await transport.send(request);
  } catch (error) {
    throw new HakobuError('malls.conformance_failed', `${what}: the transport rejected: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * The conformance suite of the {@link HttpTransport} port (HTTP送信ポートの適合テスト), for a host that brings
 * its own transport (a proxy client, a rate limiter, a recorder) instead of `fetchTransport`. Each check
 * starts a small HTTP server on `127.0.0.1` with a free port inside the check — a local socket, never the
 * network — sends through a fresh transport from `create`, and closes the server.
 *
 * It proves the port contract the request builders and `sendWithRetry` rely on: method, path with query,
 * headers and body arrive unchanged (UTF-8 bodies byte for byte); status, headers (names in lower case) and
 * body text come back, an empty body as `''`, a large body in full; 4xx and 5xx resolve as responses with
 * their `Retry-After`, not as rejections; concurrent requests get their own responses; a refused
 * connection rejects. A failing check rejects with a `HakobuError` of code `malls.conformance_failed` saying
 * what differed. Runner-agnostic: register the checks with `registerConformance` of `@hakobu/core/testing`.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { registerConformance } from '@hakobu/core/testing';
 * import { httpTransportChecks } from '@hakobu/malls/testing';
 *
 * registerConformance('my proxy transport', httpTransportChecks(() => createProxyTransport(config)), { describe, it });
 * ```
 */
export function httpTransportChecks(
  create: () => HttpTransport | Promise<HttpTransport>,
): ConformanceCheck[] {
  return [
    {
      name: 'sends each method, the path with its query, the headers and the body unchanged',
      run: () =>
        withServer(ok200, async (origin, received) => {
          const transport = await create();
          const methods: HttpMethod[] = ['GET', 'DELETE', 'POST', 'PUT', 'PATCH'];
          for (const method of methods) {
            const withBody = method !== 'GET' && method !== 'DELETE';
            const headers = withBody
              ? { ...SENT_HEADERS, 'content-type': 'application/json; charset=utf-8' }
              : { ...SENT_HEADERS };
            await send(
              transport,
              { method, url: `${origin}${TARGET}`, headers, ...(withBody ? { body: JSON_BODY } : {}) },
              `${method} request`,
            );
            const got = received.at(-1);
            check(
              got !== undefined && received.length === methods.indexOf(method) + 1,
              `${method}: the server got no request`,
            );
            same(got.method, method, `${method}: method`);
            same(got.target, TARGET, `${method}: path and query`);
            for (const [name, value] of Object.entries(headers))
              same(got.headers[name], value, `${method}: header ${name}`);
            same([...got.body], withBody ? [...encoder.encode(JSON_BODY)] : [], `${method}: body bytes`);
          }
        }),
    },
    {
      name: 'returns the status, the response headers with lower-case names and the body text',
      run: () =>
        withServer(
          (_received, response) => {
            response.writeHead(201, {
              'Content-Type': 'application/json; charset=utf-8',
              'X-Amzn-RequestId': 'c0a8-20261128-0001',
              'X-Amzn-RateLimit-Limit': '0.0167',
            });
            response.end(JSON_BODY);
          },
          async (origin) => {
            const transport = await create();
            const answer = await send(
              transport,
              { method: 'GET', url: `${origin}/status`, headers: {} },
              'GET',
            );
            same(answer.status, 201, 'status');
            same(answer.body, JSON_BODY, 'body text');
            const upper = Object.keys(answer.headers).filter((name) => name !== name.toLowerCase());
            same(upper, [], 'header names not in lower case');
            same(answer.headers['x-amzn-requestid'], 'c0a8-20261128-0001', 'header x-amzn-requestid');
            same(answer.headers['x-amzn-ratelimit-limit'], '0.0167', 'header x-amzn-ratelimit-limit');
            same(answer.headers['content-type'], 'application/json; charset=utf-8', 'header content-type');
          },
        ),
    },
    {
      name: 'returns an empty body as the empty string',
      run: () =>
        withServer(
          (_received, response) => {
            response.writeHead(204);
            response.end();
          },
          async (origin) => {
            const transport = await create();
            const answer = await send(
              transport,
              { method: 'PUT', url: `${origin}/es/2.1/inventories/x`, headers: {}, body: '{"quantity":3}' },
              'PUT',
            );
            same(answer.status, 204, 'status');
            same(answer.body, '', 'body');
          },
        ),
    },
    {
      name: 'resolves 4xx and 5xx answers as responses, with their Retry-After, instead of rejecting',
      run: () =>
        withServer(
          (received, response) => {
            const status = Number(received.target.slice(1));
            response.writeHead(status, {
              'Content-Type': 'application/json',
              ...(status === 429 || status === 503 ? { 'Retry-After': '7' } : {}),
            });
            response.end(JSON.stringify({ errors: [{ code: `E${status}`, message: `HTTP ${status}` }] }));
          },
          async (origin) => {
            const transport = await create();
            for (const status of [400, 401, 403, 404, 429, 500, 502, 503]) {
              const answer = await send(
                transport,
                { method: 'POST', url: `${origin}/${status}`, headers: {}, body: '{}' },
                `HTTP ${status}`,
              );
              same(answer.status, status, `HTTP ${status}: status`);
              same(
                answer.body,
                JSON.stringify({ errors: [{ code: `E${status}`, message: `HTTP ${status}` }] }),
                `HTTP ${status}: body`,
              );
              same(
                answer.headers['retry-after'],
                status === 429 || status === 503 ? '7' : undefined,
                `HTTP ${status}: header retry-after`,
              );
            }
          },
        ),
    },
    {
      name: 'reads a large body in full',
      run: () => {
        const line = `${'楽天市場・Yahoo!ショッピング・Amazon 受注データ'.repeat(8)}\n`;
        const body = line.repeat(4096);
        return withServer(
          (_received, response) => {
            response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
            const bytes = encoder.encode(body);
            for (let at = 0; at < bytes.length; at += 65_536) response.write(bytes.subarray(at, at + 65_536));
            response.end();
          },
          async (origin) => {
            const transport = await create();
            const answer = await send(
              transport,
              { method: 'GET', url: `${origin}/large`, headers: {} },
              'GET',
            );
            same(answer.body.length, body.length, 'body length');
            check(answer.body === body, 'body text: differs from what the server sent');
          },
        );
      },
    },
    {
      name: 'gives each of several concurrent requests its own response',
      run: () => {
        const count = 6;
        const waiting: { target: string; response: ServerResponse }[] = [];
        return withServer(
          (received, response) => {
            waiting.push({ target: received.target, response });
            // Answer only when all have arrived, last first, so a transport that pairs by order fails.
            if (waiting.length < count) return;
            for (const { target, response: pending } of waiting.reverse()) {
              pending.writeHead(200, { 'Content-Type': 'text/plain' });
              pending.end(`answer to ${target}`);
            }
          },
          async (origin) => {
            const transport = await create();
            const answers = await Promise.all(
              Array.from({ length: count }, (_, i) =>
                send(transport, { method: 'GET', url: `${origin}/orders/${i}`, headers: {} }, `request ${i}`),
              ),
            );
            same(
              answers.map((answer) => answer.body),
              Array.from({ length: count }, (_, i) => `answer to /orders/${i}`),
              'bodies',
            );
          },
        );
      },
    },
    {
      name: 'rejects when the connection is refused',
      run: async () => {
        let closed = '';
        await withServer(ok200, async (origin) => {
          closed = origin;
        });
        const transport = await create();
        let answer: HttpResponse | undefined;
        try {
          answer = await transport.send({ method: 'GET', url: `${closed}/refused`, headers: {} });
        } catch {
          return;
        }
        check(false, `a refused connection resolved with HTTP ${answer.status} instead of rejecting`);
      },
    },
  ];
}
