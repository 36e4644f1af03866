// The conformance suites against a real PostgreSQL server with several connections. The server comes from
// HAKOBU_TEST_DATABASE_URL (as `.ci/run` and scripts/with-postgres.mjs set it). Outside CI, without it, a
// temporary cluster is started here when PostgreSQL is installed. In CI, a missing or unreachable server
// fails the run: it is never skipped.
import { registerConformance } from '@hakobu/orders/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryPostgres, type TemporaryPostgres } from '../../scripts/temporary-postgres.mjs';
import { migrate } from '../migrations/migrations';
import { fromPgClient, fromPgPool } from '../sql/database';
import { createPostgresStockStore } from '../stock/stock-store';
import { postgresAdapterChecks } from './checks';

const CONNECTIONS = 8;
const given = process.env.HAKOBU_TEST_DATABASE_URL;
const inCi = process.env.CI === 'true';

let temporary: TemporaryPostgres | undefined;
let pool: pg.Pool | undefined;
let setupError: unknown;
const schemas: string[] = [];
const run = `${process.pid}_${Date.now().toString(36)}`;

beforeAll(async () => {
  try {
    let url = given;
    if (url === undefined) {
      if (inCi)
        throw new Error(
          'CI=true but HAKOBU_TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL and export it (see packages/postgres/README.md).',
        );
      temporary = await startTemporaryPostgres();
      url = temporary.url;
    }
    pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
    await pool.query('SELECT 1');
  } catch (error) {
    setupError = error;
  }
}, 120_000);

afterAll(async () => {
  if (pool !== undefined) {
    await checks.dropSchemas();
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
  temporary?.stop();
});

function database() {
  if (pool === undefined)
    throw new Error(
      `No PostgreSQL server reachable (HAKOBU_TEST_DATABASE_URL=${given ?? 'unset'}): ${String((setupError as Error)?.message ?? setupError)}`,
    );
  return fromPgPool(pool);
}

async function freshSchema(prefix: string): Promise<string> {
  const schema = `${prefix}_${run}_${schemas.length}`;
  schemas.push(schema);
  await migrate(database(), { schema });
  return schema;
}

describe('real PostgreSQL server', () => {
  it('is reachable and served through a pool of several connections', async () => {
    const db = database();
    const rows = await db.query<{ version: string }>('SELECT version()');
    expect(rows.rows[0]?.version).toMatch(/^PostgreSQL/);
    await Promise.all(Array.from({ length: CONNECTIONS }, () => db.query('SELECT pg_sleep(0.05)')));
    expect(pool?.totalCount).toBe(CONNECTIONS);
  });

  it('applies the migrations once when several processes start at the same time', async () => {
    const schema = `mig_${run}`;
    schemas.push(schema);
    const reports = await Promise.all(Array.from({ length: 4 }, () => migrate(database(), { schema })));
    expect(reports.flatMap((report) => report.applied).sort()).toEqual([1, 2, 3]);
    expect(reports.every((report) => report.version === 3)).toBe(true);
  });
});

const checks = postgresAdapterChecks(
  {
    query: (text, params) => database().query(text, params),
    transaction: (fn) => database().transaction(fn),
  },
  { schemaPrefix: `conf_${run}`, concurrentReservers: 200 },
);
registerConformance(
  'createPostgresStockStore on a real server conforms to the StockStore port',
  checks.stock,
  {
    describe,
    it,
  },
);
registerConformance(
  'createPostgresOrderRepository on a real server conforms to OrderRepository',
  checks.orders,
  {
    describe,
    it,
  },
);
registerConformance(
  'createPostgresBlacklistStore on a real server conforms to BlacklistStore',
  checks.blacklist,
  {
    describe,
    it,
  },
);

describe('stock concurrency on a real server', () => {
  it('many reservers on many SKUs in both key orders: no deadlock, no oversell, retries applied once', async () => {
    const store = createPostgresStockStore(database(), { schema: await freshSchema('hot') });
    const at = '2026-11-28T10:00:00+09:00';
    const skus = ['A', 'B', 'C', 'D', 'E'];
    await store.apply({
      key: 'r',
      actor: 't',
      at,
      operations: skus.map((sku) => ({ op: 'adjust' as const, kind: 'receipt' as const, sku, quantity: 20 })),
    });
    const batches = Array.from({ length: 150 }, (_, i) => ({
      key: `b${i % 100}`,
      actor: 't',
      at,
      operations: (i % 2 === 0 ? skus : [...skus].reverse()).map((sku) => ({
        op: 'reserve' as const,
        orderLineId: `L${i % 100}`,
        sku,
        quantity: 1,
      })),
    }));
    const results = await Promise.all(batches.map((batch) => store.apply(batch)));
    const fresh = results.filter((r) => r.ok && !r.value.replayed).length;
    const levels = await store.readLevels();
    for (const level of levels) expect(level.reserved).toBeLessThanOrEqual(level.onHand);
    expect(levels.map((level) => level.reserved)).toEqual(skus.map(() => fresh));
    expect(fresh).toBe(20);
    expect(results.every((r) => r.ok || r.issues.every((i) => i.code === 'inventory.shortfall'))).toBe(true);
  });
});

describe('one pg Client (fromPgClient) on a real server', () => {
  it('keeps 50 concurrent reservers on 10 units exact', async () => {
    const schema = await freshSchema('client');
    database();
    const client = new pg.Client({ connectionString: pool!.options.connectionString });
    await client.connect();
    try {
      const store = createPostgresStockStore(fromPgClient(client), { schema });
      const at = '2026-11-28T10:00:00+09:00';
      await store.apply({
        key: 'r',
        actor: 't',
        at,
        operations: [{ op: 'adjust', kind: 'receipt', sku: 'A', quantity: 10 }],
      });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.apply({
            key: `c${i}`,
            actor: 't',
            at,
            operations: [{ op: 'reserve', orderLineId: `L${i}`, sku: 'A', quantity: 1 }],
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(await store.readLevels()).toEqual([{ sku: 'A', onHand: 10, reserved: 10, safetyStock: 0 }]);
    } finally {
      await client.end();
    }
  });
});
