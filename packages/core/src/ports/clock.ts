/**
 * The source of the current instant (時計). Library code never reads the system clock: every function that
 * needs "now" takes a `Clock`, so the same input always gives the same output. Hosts pass
 * {@link systemClock}; tests pass `fixedClock` or `steppingClock` from `@hakobu/core/testing`.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * The real clock, for hosts. The only place hakobu reads the system time.
 *
 * @example
 * ```ts
 * const instant = systemClock.now();
 * ```
 */
export const systemClock: Clock = {
  now: () => new Date(),
};
