export { createPostgresStockStore, type PostgresStockStoreOptions } from './stock-store';
