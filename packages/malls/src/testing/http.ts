import type { Clock } from '@hakobu/core';
import type { Sleeper } from '../http/retry';
import type { HttpRequest, HttpResponse, HttpTransport } from '../http/transport';

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
