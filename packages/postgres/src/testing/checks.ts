import type { ConformanceCheck } from '@hakobu/core/testing';
import { stockStoreChecks } from '@hakobu/inventory/testing';
import { blacklistStoreChecks, orderRepositoryChecks } from '@hakobu/orders/testing';
import { migrate } from '../migrations/migrations';
import { createPostgresBlacklistStore } from '../orders/blacklist-store';
import { createPostgresOrderRepository } from '../orders/order-repository';
import { quoteSchema, type SqlDatabase } from '../sql/database';
import { createPostgresStockStore } from '../stock/stock-store';

/** Options of {@link postgresAdapterChecks}. */
export interface PostgresAdapterChecksOptions {
  /** Prefix of the schema each check creates (default `hakobu_check`); add a run id when runs share a database. */
  readonly schemaPrefix?: string;
  /** Concurrent reservers of the stock concurrency check (default 200). */
  readonly concurrentReservers?: number;
}

/** The conformance checks of every adapter of this package on one database, and the cleanup. */
export interface PostgresAdapterChecks {
  readonly stock: ConformanceCheck[];
  readonly orders: ConformanceCheck[];
  readonly blacklist: ConformanceCheck[];
  /** Drops every schema the checks created. */
  dropSchemas(): Promise<void>;
}

/**
 * The conformance suites of `@hakobu/inventory` and `@hakobu/orders`, bound to this package's adapters on a
 * host's own database (適合テスト): run them against the server, pooler or distributed Postgres you deploy on
 * (RDS, Aurora, Cloud SQL, Citus coordinator) to see that its locking and constraints behave. Each check
 * migrates a fresh schema.
 *
 * @example
 * ```ts
 * import { describe, it, afterAll } from 'vitest';
 * const checks = postgresAdapterChecks(fromPgPool(pool), { schemaPrefix: `ci_${process.pid}` });
 * for (const check of [...checks.stock, ...checks.orders, ...checks.blacklist]) it(check.name, check.run);
 * afterAll(() => checks.dropSchemas());
 * ```
 */
export function postgresAdapterChecks(
  db: SqlDatabase,
  options: PostgresAdapterChecksOptions = {},
): PostgresAdapterChecks {
  const prefix = options.schemaPrefix ?? 'hakobu_check';
  const created: string[] = [];
  async function fresh(kind: string): Promise<string> {
    const schema = `${prefix}_${kind}_${created.length}`;
    quoteSchema(schema);
    created.push(schema);
    await migrate(db, { schema });
    return schema;
  }
  const stockOptions =
    options.concurrentReservers === undefined ? {} : { concurrentReservers: options.concurrentReservers };
  return {
    stock: stockStoreChecks(
      async () => createPostgresStockStore(db, { schema: await fresh('stock') }),
      stockOptions,
    ),
    orders: orderRepositoryChecks(async () =>
      createPostgresOrderRepository(db, { schema: await fresh('orders') }),
    ),
    blacklist: blacklistStoreChecks(async () =>
      createPostgresBlacklistStore(db, { schema: await fresh('blacklist') }),
    ),
    async dropSchemas() {
      for (const schema of created.splice(0))
        await db.query(`DROP SCHEMA IF EXISTS ${quoteSchema(schema)} CASCADE`);
    },
  };
}
