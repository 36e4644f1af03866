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
} from './database';
