/**
 * One named check of a conformance suite (適合検査): `run` resolves when the adapter behaves and rejects with
 * a `HakobuError` saying what differed. Every package's `…Checks` suite returns these, so a host checks its
 * own adapters of hakobu's ports with the test runner it already uses.
 */
export interface ConformanceCheck {
  /** What the check proves, as a sentence. */
  readonly name: string;
  run(): Promise<void>;
}

/** The two functions of a test runner that {@link registerConformance} needs (vitest, jest, node:test all fit). */
export interface TestRegistrar {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

/**
 * Registers checks with a test runner: one `describe` with one `it` per check. The suites themselves do not
 * depend on any runner.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * registerConformance('my SQL order repository', orderRepositoryChecks(() => createSqlRepository()), { describe, it });
 * ```
 */
export function registerConformance(
  suite: string,
  checks: readonly ConformanceCheck[],
  runner: TestRegistrar,
): void {
  runner.describe(suite, () => {
    for (const check of checks) runner.it(check.name, () => check.run());
  });
}
