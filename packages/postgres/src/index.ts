/**
 * `@hakobu/postgres`: the persistence ports of `@hakobu/orders` and `@hakobu/inventory` on PostgreSQL, in
 * plain SQL through a two-method interface that PGlite (embedded, WASM) and `pg` (a server, RDS, Aurora,
 * Cloud SQL, Citus) both fit: versioned migrations, the stock store with conditional updates in one
 * transaction, the order repository with an optimistic version check, the blacklist with match-key or
 * blind-index columns, the event history and the sync state.
 *
 * @module @hakobu/postgres
 */
export { type MigrateOptions, type MigrateReport, type Migration, migrate, migrations } from './migrations';
export {
  type BlacklistProbe,
  createPostgresBlacklistStore,
  createPostgresOrderRepository,
  type OrderEventQuery,
  type OrderEventRecord,
  type PiiProtection,
  type PostgresBlacklistStore,
  type PostgresBlacklistStoreOptions,
  type PostgresOrderRepository,
  type PostgresOrderRepositoryOptions,
} from './orders';
export {
  DEFAULT_SCHEMA,
  fromPgClient,
  fromPgPool,
  isRetryableSqlError,
  type PgPoolClientLike,
  type PgPoolLike,
  type SqlDatabase,
  type SqlExecutor,
  type SqlResult,
} from './sql';
export { createPostgresStockStore, type PostgresStockStoreOptions } from './stock';
export { createPostgresSyncStateStore, type PostgresSyncStateOptions, type SyncStateStore } from './sync';
