import type { Issue } from './issue';

/** A successful {@link Result}: the value, plus warnings and notes that did not stop it. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
  readonly issues: Issue[];
}

/** A failed {@link Result}: no value, and at least one issue saying why. */
export interface Failure {
  readonly ok: false;
  readonly issues: Issue[];
}

/**
 * The outcome of an operation that can fail for expected reasons (bad input, a refused transition):
 * `{ ok: true, value, issues }` where `issues` are warnings, or `{ ok: false, issues }`. Programmer errors
 * throw {@link HakobuError} instead.
 */
export type Result<T> = Ok<T> | Failure;

/**
 * Wraps a value as a successful {@link Result}.
 *
 * @example
 * ```ts
 * ok(1200); // { ok: true, value: 1200, issues: [] }
 * ```
 */
export function ok<T>(value: T, issues: Issue[] = []): Ok<T> {
  return { ok: true, value, issues };
}

/**
 * Builds a failed {@link Result} from one or more issues.
 *
 * @example
 * ```ts
 * fail([createIssue('money.not_integer', '金額は整数の円で指定してください')]);
 * ```
 */
export function fail(issues: Issue[]): Failure {
  return { ok: false, issues };
}
