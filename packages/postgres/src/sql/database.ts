import { HakobuError } from '@hakobu/core';

/** The rows of one statement, as both `pg` and PGlite return them. */
export interface SqlResult<Row> {
  readonly rows: Row[];
}

/**
 * The one method every adapter needs (問い合わせ): run one parameterised statement (`$1`, `$2`, …). `pg`'s
 * `Pool` and `Client`, a PGlite instance and a PGlite transaction all have it as is.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
}

/**
 * A database (データベース接続) the adapters of this package run on: {@link SqlExecutor} plus `transaction`,
 * which runs `fn` inside `BEGIN … COMMIT` on one connection and rolls back when `fn` throws. A PGlite
 * instance satisfies it directly; wrap a `pg` pool with {@link fromPgPool} and a single `pg` client with
 * {@link fromPgClient}.
 */
export interface SqlDatabase extends SqlExecutor {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** The part of a `pg` pooled client this package uses. */
export interface PgPoolClientLike extends SqlExecutor {
  release(error?: Error | boolean): void;
}

/** The part of a `pg` `Pool` this package uses (no runtime import of `pg`). */
export interface PgPoolLike extends SqlExecutor {
  connect(): Promise<PgPoolClientLike>;
}

/**
 * A {@link SqlDatabase} on a `pg` `Pool` (コネクションプール): plain queries go to any pooled connection, each
 * transaction checks one out for its whole duration and gives it back, so concurrent transactions run on
 * separate connections in parallel. A connection whose `ROLLBACK` fails is discarded, not returned.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const db = fromPgPool(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 }));
 * await migrate(db);
 * ```
 */
export function fromPgPool(pool: PgPoolLike): SqlDatabase {
  return {
    query: (text, params) => pool.query(text, params),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await inTransaction(client, fn);
      } catch (error) {
        if (error instanceof RollbackFailed) broken = error;
        throw error instanceof RollbackFailed ? error.cause : error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/**
 * A {@link SqlDatabase} on one `pg` `Client` (単一接続): transactions on the client are queued one after the
 * other, because one connection can hold one transaction at a time; plain queries wait for the running
 * transaction too, so they never land inside it.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
 * await client.connect();
 * const db = fromPgClient(client);
 * ```
 */
export function fromPgClient(client: SqlExecutor): SqlDatabase {
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  }
  return {
    query: (text, params) => exclusive(() => client.query(text, params)),
    transaction: (fn) =>
      exclusive(async () => {
        try {
          return await inTransaction(client, fn);
        } catch (error) {
          throw error instanceof RollbackFailed ? error.cause : error;
        }
      }),
  };
}

class RollbackFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('ROLLBACK failed');
  }
}

async function inTransaction<T>(connection: SqlExecutor, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  await connection.query('BEGIN');
  let result: T;
  try {
    result = await fn(connection);
  } catch (error) {
    try {
      await connection.query('ROLLBACK');
    } catch {
      throw new RollbackFailed(error);
    }
    throw error;
  }
  await connection.query('COMMIT');
  return result;
}

/** SQLSTATEs after which the whole transaction may simply be run again: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * True for an error a transaction retry can cure (再試行可能なエラー): deadlock detected (`40P01`) or
 * serialization failure (`40001`). The adapters of this package retry these themselves; a host's own
 * transactions on the same database can use it too.
 *
 * @example
 * ```ts
 * try {
 *   await db.transaction(work);
 * } catch (error) {
 *   if (isRetryableSqlError(error)) await db.transaction(work);
 *   else throw error;
 * }
 * ```
 */
export function isRetryableSqlError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code))
  );
}

/** True for a unique-constraint violation (`23505`), optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: name } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || name === constraint);
}

/**
 * Runs `fn` in a transaction, again (up to `attempts` times) when PostgreSQL aborts it for a deadlock or a
 * serialization failure: such an abort rolled everything back, so the retry starts from a clean state.
 */
export async function withRetry<T>(
  db: SqlDatabase,
  fn: (tx: SqlExecutor) => Promise<T>,
  attempts = 8,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableSqlError(error)) throw error;
    }
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema name (スキーマ名) quoted for SQL, after checking it is a plain lower-case identifier, so it can
 * never carry SQL into a statement.
 *
 * @throws {@link HakobuError} `postgres.invalid_schema` for anything else.
 */
export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema))
    throw new HakobuError(
      'postgres.invalid_schema',
      `スキーマ名「${schema}」は使えません（英小文字・数字・_ で63文字まで、先頭は英小文字か _）`,
    );
  return `"${schema}"`;
}

/** The default schema of every table of this package. */
export const DEFAULT_SCHEMA = 'hakobu';
