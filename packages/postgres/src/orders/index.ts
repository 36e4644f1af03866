export {
  type BlacklistProbe,
  createPostgresBlacklistStore,
  type PiiProtection,
  type PostgresBlacklistStore,
  type PostgresBlacklistStoreOptions,
} from './blacklist-store';
export {
  createPostgresOrderRepository,
  type OrderEventQuery,
  type OrderEventRecord,
  type PostgresOrderRepository,
  type PostgresOrderRepositoryOptions,
} from './order-repository';
