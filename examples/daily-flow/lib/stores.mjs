// Where the demo keeps orders, the blacklist, stock and the pushed sync state: in memory (the adapters
// each hakobu package ships), in embedded PostgreSQL (PGlite) or on a PostgreSQL server, through the same
// ports. The daily flow never knows which one it talks to.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMemoryStockStore } from '@hakobu/inventory';
import { createInMemoryBlacklistStore, createInMemoryOrderRepository } from '@hakobu/orders';
import {
  createPostgresBlacklistStore,
  createPostgresOrderRepository,
  createPostgresStockStore,
  createPostgresSyncStateStore,
  fromPgPool,
  migrate,
  migrations,
} from '@hakobu/postgres';

/** The store kinds of `--store`. */
export const STORE_KINDS = ['memory', 'pglite', 'postgres'];

/** The pushed sync state (送信済み在庫数) in memory: what `createPostgresSyncStateStore` keeps in a table. */
function createMemorySyncState() {
  let pushed = {};
  return {
    async read() {
      return { ...pushed };
    },
    async replace(next) {
      pushed = { ...next };
    },
  };
}

function onDatabase(db, schema) {
  const options = { schema };
  return {
    orders: createPostgresOrderRepository(db, options),
    blacklist: createPostgresBlacklistStore(db, options),
    stock: createPostgresStockStore(db, options),
    syncState: createPostgresSyncStateStore(db, options),
  };
}

/**
 * An in-memory PGlite database with the hakobu schema migrated. Creating a PostgreSQL cluster (initdb) is
 * most of PGlite's start-up time, so the migrated, still empty cluster is kept as a tarball in the temp
 * folder, keyed by the migrations, and later runs start from it. A tarball that does not load is replaced.
 */
async function openPglite() {
  const { PGlite } = await import('@electric-sql/pglite');
  const sql = migrations.map((migration) => [migration.version, migration.statements('hakobu')]);
  const key = createHash('sha256').update(JSON.stringify(sql)).digest('hex').slice(0, 16);
  const cached = join(tmpdir(), 'hakobu-daily-flow', `pglite-${key}.tgz`);
  if (existsSync(cached)) {
    try {
      const db = new PGlite({ loadDataDir: new Blob([readFileSync(cached)]) });
      await migrate(db, { schema: 'hakobu' });
      return db;
    } catch {
      rmSync(cached, { force: true });
    }
  }
  const db = new PGlite();
  await migrate(db, { schema: 'hakobu' });
  const dump = await db.dumpDataDir('gzip');
  mkdirSync(dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, cached);
  return db;
}

/** A schema name of letters, digits and underscores, as `--schema` must be. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the stores of one run.
 *
 * - `memory`: the in-memory adapters of `@hakobu/orders` and `@hakobu/inventory`.
 * - `pglite`: `@hakobu/postgres` on an in-memory PGlite database (WASM PostgreSQL, no server), started
 *   from a cached empty cluster in the temp folder after the first run.
 * - `postgres`: `@hakobu/postgres` on a `pg` pool to `databaseUrl`, in a schema of its own (`schema`, kept
 *   afterwards; by default a fresh `hakobu_demo_<pid>` that is dropped when the run ends).
 *
 * @param {{ kind: string, databaseUrl?: string, schema?: string }} options
 * @returns {Promise<{ kind: string, where: string, orders: import('@hakobu/orders').OrderRepository,
 *   blacklist: import('@hakobu/orders').BlacklistStore, stock: import('@hakobu/inventory').StockStore,
 *   syncState: { read(): Promise<Record<string, number>>, replace(p: Record<string, number>): Promise<void> },
 *   close(): Promise<void> }>}
 */
export async function openStores(options) {
  if (options.kind === 'memory') {
    return {
      kind: 'memory',
      where: 'in-memory adapters',
      orders: createInMemoryOrderRepository(),
      blacklist: createInMemoryBlacklistStore(),
      stock: createMemoryStockStore(),
      syncState: createMemorySyncState(),
      close: async () => {},
    };
  }
  if (options.kind === 'pglite') {
    const db = await openPglite();
    return {
      kind: 'pglite',
      where: 'PGlite (in-memory PostgreSQL)',
      ...onDatabase(db, 'hakobu'),
      close: () => db.close(),
    };
  }
  if (options.kind === 'postgres') {
    if (options.databaseUrl === undefined || options.databaseUrl === '') {
      throw new UsageError('--store postgres には DATABASE_URL（接続先）が必要です');
    }
    const schema = options.schema ?? `hakobu_demo_${process.pid}`;
    if (!SCHEMA_NAME.test(schema)) {
      throw new UsageError(`スキーマ名「${schema}」は英小文字・数字・_ で63文字以内にしてください`);
    }
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    const db = fromPgPool(pool);
    const drop = options.schema === undefined;
    try {
      await migrate(db, { schema });
      const stores = onDatabase(db, schema);
      const existing = await stores.orders.query({}, { offset: 0, limit: 1 });
      if (existing.total > 0) {
        throw new UsageError(
          `スキーマ「${schema}」には受注が${existing.total}件あります。空のスキーマを指定してください`,
        );
      }
      return {
        kind: 'postgres',
        where: `PostgreSQL server, schema ${schema}${drop ? ' (dropped after the run)' : ' (kept)'}`,
        ...stores,
        async close() {
          try {
            if (drop) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          } finally {
            await pool.end();
          }
        },
      };
    } catch (error) {
      if (drop) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await pool.end();
      throw error;
    }
  }
  throw new UsageError(`--store は ${STORE_KINDS.join(' / ')} のどれかです（指定: ${options.kind}）`);
}

/** A mistake in how the demo was called: printed without a stack trace. */
export class UsageError extends Error {}
