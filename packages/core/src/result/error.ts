const marker = Symbol.for('hakobu.error');

/**
 * The one error class hakobu throws, and only for programmer errors (a broken invariant, an argument of
 * the wrong type). Expected failures are returned as {@link Result} instead.
 *
 * `HakobuError.isInstance` recognises errors from any copy of `@hakobu/core` in a host's dependency tree,
 * where `instanceof` would fail across duplicate package copies.
 *
 * @example
 * ```ts
 * try {
 *   yen(1.5);
 * } catch (error) {
 *   if (HakobuError.isInstance(error)) console.log(error.code); // 'money.not_integer'
 * }
 * ```
 */
export class HakobuError extends Error {
  /** Brand read by {@link HakobuError.isInstance}; a registered symbol so every package copy shares it. */
  readonly [marker] = true;
  /** Stable, namespaced code such as `money.not_integer`. */
  readonly code: string;
  /** Values that explain the error. */
  readonly data: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; data?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HakobuError';
    this.code = code;
    this.data = options.data;
  }

  /** True for a `HakobuError` from any copy of this package. */
  static isInstance(error: unknown): error is HakobuError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
