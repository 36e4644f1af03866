import { type Clock, createIssue, fail, hasErrors, type Issue, ok, type Result } from '@hakobu/core';
import { defaultRetryPolicy, type RetryPolicy, retryDecision, type Sleeper } from './retry';
import {
  describeRequest,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  headerValue,
} from './transport';

/** What {@link sendWithRetry} needs besides the transport: the clock, the wait port and the policy. */
export interface SendOptions {
  /** Read only for a `Retry-After` given as a date. */
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  /** Default {@link defaultRetryPolicy}. */
  readonly policy?: RetryPolicy;
}

/** The outcome of {@link sendWithRetry} (送信結果). */
export interface HttpExchange {
  /** The last response, whatever its status; absent when no attempt got one. */
  readonly response?: HttpResponse;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** The wait before each retry, in milliseconds. */
  readonly waits: number[];
  /**
   * `malls.http.retrying` (info) per retry; an error when it gave up: `malls.http.retries_exhausted`,
   * `malls.http.retry_after_too_long`, `malls.http.network_error`. Never a header, a body or a query string.
   */
  readonly issues: Issue[];
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}秒`;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof cause === 'string') return cause;
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Sends a request through the transport and retries it by the {@link RetryPolicy} (再試行つき送信): 429 and 5xx
 * after the server's `Retry-After` or an exponential backoff, a request with no response likewise (unless
 * the policy says not to), any other status never. Waits go through the `sleeper` port, so tests run without
 * timers. It never throws for the transport: a rejection is a network failure. Issues name the request by
 * method and URL only (no query string, header or body), so no credential reaches a message.
 *
 * @example
 * ```ts
 * const exchange = await sendWithRetry(fetchTransport(), request, { clock: systemClock, sleeper: timerSleeper });
 * exchange.attempts; // 2 (a 503, then a 200)
 * exchange.response?.status; // 200
 * ```
 */
export async function sendWithRetry(
  transport: HttpTransport,
  request: HttpRequest,
  options: SendOptions,
): Promise<HttpExchange> {
  const policy = options.policy ?? defaultRetryPolicy;
  const name = describeRequest(request);
  const issues: Issue[] = [];
  const waits: number[] = [];
  let response: HttpResponse | undefined;
  for (let attempt = 1; ; attempt += 1) {
    let failure: string | undefined;
    try {
      response = await transport.send(request);
    } catch (error) {
      response = undefined;
      failure = networkReason(error);
    }
    const decision = retryDecision(
      policy,
      attempt,
      response === undefined
        ? { kind: 'network' }
        : { kind: 'response', status: response.status, retryAfter: headerValue(response, 'retry-after') },
      options.clock.now(),
    );
    const what =
      response === undefined ? `に応答がありません（${failure}）` : `がHTTP ${response.status} を返しました`;
    const data = {
      request: name,
      attempt,
      ...(response === undefined ? { network: failure } : { status: response.status }),
    };
    if (decision.retry) {
      issues.push(
        createIssue(
          'malls.http.retrying',
          `${name} ${what}。${seconds(decision.delayMs)}後に再試行します（${attempt + 1}/${policy.maxAttempts}回目）`,
          {
            severity: 'info',
            data: { ...data, delayMs: decision.delayMs, retryAfter: decision.fromRetryAfter },
          },
        ),
      );
      waits.push(decision.delayMs);
      await options.sleeper.sleep(decision.delayMs);
      continue;
    }
    if (decision.reason === 'exhausted') {
      issues.push(
        createIssue(
          response === undefined ? 'malls.http.network_error' : 'malls.http.retries_exhausted',
          `${name} ${what}。${attempt}回試しましたが成功しなかったため、送信をあきらめました`,
          { data },
        ),
      );
    } else if (decision.reason === 'retryAfterTooLong') {
      issues.push(
        createIssue(
          'malls.http.retry_after_too_long',
          `${name} ${what}。Retry-After の待ち時間（${seconds(decision.retryAfterMs ?? 0)}）が上限（${seconds(policy.maxRetryAfterMs)}）を超えるため再試行しません`,
          { data: { ...data, retryAfterMs: decision.retryAfterMs } },
        ),
      );
    } else if (decision.reason === 'networkNotRetried') {
      issues.push(
        createIssue(
          'malls.http.network_error',
          `${name} ${what}。再試行しない設定のため送信をやめました（処理されたかどうかはモールで確認してください）`,
          { data },
        ),
      );
    }
    return response === undefined
      ? { attempts: attempt, waits, issues }
      : { response, attempts: attempt, waits, issues };
  }
}

/**
 * Sends a request with retries and parses the final response (API呼び出し): the exchange's give-up error,
 * or the parser's result with the retry notes in front of its issues. A parser that throws (a host's own)
 * becomes a `malls.http.parse_failed` issue.
 *
 * @example
 * ```ts
 * const result = await callMallApi(
 *   transport,
 *   rakutenUpdateOrderShippingRequest(credentials, body),
 *   parseRakutenUpdateOrderShippingResponse,
 *   { clock: systemClock, sleeper: timerSleeper },
 * );
 * if (!result.ok) console.log(result.issues.map((issue) => issue.message));
 * ```
 */
export async function callMallApi<T>(
  transport: HttpTransport,
  request: HttpRequest,
  parse: (response: HttpResponse) => Result<T>,
  options: SendOptions,
): Promise<Result<T>> {
  const exchange = await sendWithRetry(transport, request, options);
  if (exchange.response === undefined || hasErrors(exchange.issues)) return fail(exchange.issues);
  let parsed: Result<T>;
  try {
    parsed = parse(exchange.response);
  } catch (error) {
    parsed = fail([
      createIssue(
        'malls.http.parse_failed',
        `${describeRequest(request)} の応答を読めませんでした: ${error instanceof Error ? error.name : typeof error}`,
        { data: { request: describeRequest(request), status: exchange.response.status } },
      ),
    ]);
  }
  const issues = [...exchange.issues, ...parsed.issues];
  return parsed.ok ? ok(parsed.value, issues) : fail(issues);
}
