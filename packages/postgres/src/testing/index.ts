/**
 * Test support for `@hakobu/postgres`: the conformance suites of `@hakobu/inventory` and `@hakobu/orders`
 * bound to this package's adapters, for a host to run on its own database.
 *
 * @module @hakobu/postgres/testing
 */
export {
  type PostgresAdapterChecks,
  type PostgresAdapterChecksOptions,
  postgresAdapterChecks,
} from './checks';
