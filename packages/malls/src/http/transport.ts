import { z } from 'zod';

/** An HTTP method the mall APIs use. */
export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** @see {@link HttpMethod} */
export type HttpMethod = z.infer<typeof HttpMethod>;

/**
 * One HTTP request (HTTPリクエスト) as the request builders return it: plain data, so a test can compare it
 * field by field and a host can log it (after removing the `authorization` header). The body is text: JSON,
 * XML or form-encoded, as the mall takes it.
 */
export const HttpRequest = z.object({
  method: HttpMethod,
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()),
  body: z.string().optional(),
});
/** @see {@link HttpRequest} */
export type HttpRequest = z.infer<typeof HttpRequest>;

/**
 * One HTTP response (HTTPレスポンス): status, headers (names in lower case from {@link fetchTransport}; read
 * them with {@link headerValue}, which ignores case) and the body as text.
 */
export const HttpResponse = z.object({
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
/** @see {@link HttpResponse} */
export type HttpResponse = z.infer<typeof HttpResponse>;

/**
 * The HTTP transport port (HTTP送信ポート), fetch-shaped: one request in, one response out. It resolves with
 * the response whatever its status (a 400 or a 503 is a response, not an error) and rejects only when no
 * response arrived (DNS, connection reset, timeout). It does not retry: {@link sendWithRetry} does, on any
 * transport. Hosts use {@link fetchTransport} or wrap their own client (a proxy, a rate limiter, a recorder).
 */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** Options of {@link fetchTransport}. */
export interface FetchTransportOptions {
  /** The fetch to call; default the global `fetch` of Node 20. */
  readonly fetch?: typeof globalThis.fetch;
  /** Abort a request that has no response after this many milliseconds; default no limit. */
  readonly timeoutMs?: number;
}

/**
 * The default {@link HttpTransport} on the global `fetch` (Node 20+): sends the request as is, reads the
 * body as text and the headers with lower-case names. A network failure or a timeout rejects, as the port
 * says. This is the one place the package touches the network; tests pass a fake transport instead.
 *
 * @example
 * ```ts
 * const transport = fetchTransport({ timeoutMs: 30_000 });
 * const response = await transport.send(rakutenSearchOrderRequest(credentials, search));
 * ```
 */
export function fetchTransport(options: FetchTransportOptions = {}): HttpTransport {
  return {
    async send(request) {
      const send = options.fetch ?? globalThis.fetch;
      const init: RequestInit = { method: request.method, headers: request.headers };
      if (request.body !== undefined) init.body = request.body;
      if (options.timeoutMs !== undefined) init.signal = AbortSignal.timeout(options.timeoutMs);
      const response = await send(request.url, init);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: response.status, headers, body: await response.text() };
    },
  };
}

/**
 * A response header by name, ignoring case (`Retry-After`, `retry-after`).
 *
 * @example
 * ```ts
 * headerValue({ status: 429, headers: { 'Retry-After': '3' }, body: '' }, 'retry-after'); // '3'
 * ```
 */
export function headerValue(response: HttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(response.headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * A request as named in issues and logs (リクエストの表示名): method and URL without query string or user
 * info, so that no credential or token that a host put in the URL reaches a message. Headers and body are
 * never shown.
 *
 * @example
 * ```ts
 * describeRequest({ method: 'GET', url: 'https://api.example.jp/v1/items?token=abc', headers: {} });
 * // 'GET https://api.example.jp/v1/items'
 * ```
 */
export function describeRequest(request: Pick<HttpRequest, 'method' | 'url'>): string {
  return `${request.method} ${safeUrl(request.url)}`;
}

function safeUrl(url: string): string {
  if (!URL.canParse(url)) return '(URLを解釈できません)';
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
