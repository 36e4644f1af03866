import { z } from 'zod';

/**
 * When and how long to retry a mall API call (再試行ポリシー), as data. A response with status 429 (too many
 * requests) or 5xx, and a request that got no response, are retried with exponential backoff
 * (`baseDelayMs × 2^(attempt−1)`, at most `maxDelayMs`), or after the server's `Retry-After` when it sends
 * one; any other status is final. `maxAttempts` counts the first try.
 */
export const RetryPolicy = z.object({
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: z.number().int().min(1).max(20),
  /** The wait before the second attempt; it doubles for each later one. */
  baseDelayMs: z.number().int().nonnegative(),
  /** The longest backoff wait. */
  maxDelayMs: z.number().int().nonnegative(),
  /** A `Retry-After` asking for a longer wait than this gives up instead of waiting. */
  maxRetryAfterMs: z.number().int().nonnegative(),
  /** Retry a request that got no response (the server may have processed it: see the README). */
  retryNetworkErrors: z.boolean(),
});
/** @see {@link RetryPolicy} */
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/**
 * The default {@link RetryPolicy}: 4 attempts, waits of 1 s, 2 s, 4 s (at most 30 s), a `Retry-After` of up
 * to 2 minutes honoured, network failures retried.
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  retryNetworkErrors: true,
};

/** What one attempt came back with: a status (and its `Retry-After`), or no response. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'network' };

/** Why {@link retryDecision} stops. */
export type StopReason = 'final' | 'exhausted' | 'retryAfterTooLong' | 'networkNotRetried';

/** The decision after one attempt (再試行判定): wait `delayMs` and try again, or stop and why. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly fromRetryAfter: boolean }
  | { readonly retry: false; readonly reason: StopReason; readonly retryAfterMs?: number };

/**
 * True for a status worth retrying: 429 and every 5xx.
 *
 * @example
 * ```ts
 * isRetryableStatus(503); // true
 * isRetryableStatus(400); // false
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Reads a `Retry-After` header value as milliseconds to wait: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, measured from `now`; a past date is 0). `undefined` when absent or
 * unreadable, and then the backoff applies.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', new Date('2026-11-28T01:00:00Z')); // 3000
 * parseRetryAfter('Sat, 28 Nov 2026 01:00:05 GMT', new Date('2026-11-28T01:00:00Z')); // 5000
 * ```
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * The backoff wait after a failed attempt (1-based), without `Retry-After`.
 *
 * @example
 * ```ts
 * backoffDelay(defaultRetryPolicy, 1); // 1000
 * backoffDelay(defaultRetryPolicy, 3); // 4000
 * ```
 */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Decides, as a pure function of the policy, the attempt number (1-based) and its outcome, whether to retry
 * and after how long (再試行するか・何ミリ秒待つか). `now` is only read for a `Retry-After` given as a date.
 *
 * @example
 * ```ts
 * retryDecision(defaultRetryPolicy, 1, { kind: 'response', status: 503 }, now);
 * // { retry: true, delayMs: 1000, fromRetryAfter: false }
 * retryDecision(defaultRetryPolicy, 2, { kind: 'response', status: 429, retryAfter: '7' }, now);
 * // { retry: true, delayMs: 7000, fromRetryAfter: true }
 * retryDecision(defaultRetryPolicy, 1, { kind: 'response', status: 400 }, now);
 * // { retry: false, reason: 'final' }
 * ```
 */
export function retryDecision(
  policy: RetryPolicy,
  attempt: number,
  outcome: AttemptOutcome,
  now: Date,
): RetryDecision {
  if (outcome.kind === 'network') {
    if (!policy.retryNetworkErrors) return { retry: false, reason: 'networkNotRetried' };
    if (attempt >= policy.maxAttempts) return { retry: false, reason: 'exhausted' };
    return { retry: true, delayMs: backoffDelay(policy, attempt), fromRetryAfter: false };
  }
  if (!isRetryableStatus(outcome.status)) return { retry: false, reason: 'final' };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'exhausted' };
  const retryAfterMs = parseRetryAfter(outcome.retryAfter, now);
  if (retryAfterMs === undefined)
    return { retry: true, delayMs: backoffDelay(policy, attempt), fromRetryAfter: false };
  if (retryAfterMs > policy.maxRetryAfterMs)
    return { retry: false, reason: 'retryAfterTooLong', retryAfterMs };
  return { retry: true, delayMs: retryAfterMs, fromRetryAfter: true };
}

/**
 * The wait port (待機ポート): library code never starts a timer itself. Hosts pass {@link timerSleeper}; tests
 * pass `createFakeTimer` from `@hakobu/malls/testing`, which returns at once and moves its clock.
 */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

/**
 * The real {@link Sleeper} on `setTimeout`, for hosts.
 *
 * @example
 * ```ts
 * await sendWithRetry(transport, request, { clock: systemClock, sleeper: timerSleeper });
 * ```
 */
export const timerSleeper: Sleeper = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
