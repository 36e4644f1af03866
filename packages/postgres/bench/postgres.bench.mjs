#!/usr/bin/env node
// Benchmarks of @hakobu/postgres on the built dist (`npm run bench` from the root builds first).
// Workloads:
//   1. reservations per second, 8 concurrent clients (a pg Pool of 8 connections) on 1,000 hot SKUs, on a
//      real PostgreSQL server, against the in-memory store of @hakobu/inventory with the same load;
//   2. import of 100,000 generated orders through the repository (saves of 500) on the real server, and
//      10,000 on embedded PGlite.
// The server is HAKOBU_TEST_DATABASE_URL when set, else a temporary cluster (scripts/temporary-postgres.mjs).
// `--quick` runs smaller workloads. Prints one JSON object `{ package, results }` as its last stdout line.
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { createMemoryStockStore } from '@hakobu/inventory';
import { generateOrders } from '@hakobu/orders/testing';
import pg from 'pg';
import {
  createPostgresOrderRepository,
  createPostgresStockStore,
  fromPgPool,
  migrate,
} from '../dist/index.js';
import { startTemporaryPostgres } from '../scripts/temporary-postgres.mjs';

const quick = process.argv.includes('--quick');
const CLIENTS = 8;
const SKUS = 1000;
const RESERVATIONS = quick ? 4000 : 20000;
const SERVER_ORDERS = quick ? 10000 : 100000;
const PGLITE_ORDERS = quick ? 2000 : 10000;
const SAVE_BATCH = 500;
const at = '2026-11-28T10:00:00+09:00';

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sku = (i) => `HOT-${String(i).padStart(4, '0')}`;

/** 8 workers, each applying its share of single-line reservations one after the other. */
async function reservations(store) {
  await store.apply({
    key: 'receipt',
    actor: 'bench',
    at,
    operations: Array.from({ length: SKUS }, (_, i) => ({
      op: 'adjust',
      kind: 'receipt',
      sku: sku(i),
      quantity: RESERVATIONS,
    })),
  });
  let ok = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, worker) => {
      const next = random(worker + 1);
      for (let n = worker; n < RESERVATIONS; n += CLIENTS) {
        const result = await store.apply({
          key: `r${n}`,
          actor: 'bench',
          at,
          operations: [
            { op: 'reserve', orderLineId: `L${n}`, sku: sku(Math.floor(next() * SKUS)), quantity: 1 },
          ],
        });
        if (result.ok) ok += 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const levels = await store.readLevels();
  const reserved = levels.reduce((sum, level) => sum + level.reserved, 0);
  return { perSecond: Math.round(RESERVATIONS / seconds), correct: ok === RESERVATIONS && reserved === ok };
}

async function importOrders(db, count) {
  const orders = generateOrders({ seed: 20261128, count, idPrefix: 'imp' });
  const repository = createPostgresOrderRepository(db, { schema: `bench_import_${count}` });
  await migrate(db, { schema: `bench_import_${count}` });
  const start = performance.now();
  let saved = 0;
  for (let i = 0; i < orders.length; i += SAVE_BATCH) {
    const result = await repository.save(
      orders.slice(i, i + SAVE_BATCH).map((order) => ({ order, expectedVersion: null })),
    );
    if (result.ok) saved += result.value.length;
  }
  const seconds = (performance.now() - start) / 1000;
  const total = (await repository.query({}, { offset: 0, limit: 1 })).total;
  return { seconds, perSecond: Math.round(count / seconds), correct: saved === count && total === count };
}

const results = [];
const memory = await reservations(createMemoryStockStore());
results.push({
  name: `in-memory store: reservations/s, ${CLIENTS} concurrent clients, ${SKUS} hot SKUs (baseline)`,
  value: memory.perSecond,
  unit: 'reservations/s',
  goal: 'baseline',
  pass: memory.correct,
});

let temporary;
let pool;
try {
  let url = process.env.HAKOBU_TEST_DATABASE_URL;
  if (url === undefined) {
    temporary = await startTemporaryPostgres();
    url = temporary.url;
  }
  pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  const db = fromPgPool(pool);
  await pool.query('DROP SCHEMA IF EXISTS bench_stock CASCADE');
  await migrate(db, { schema: 'bench_stock' });
  const server = await reservations(createPostgresStockStore(db, { schema: 'bench_stock' }));
  results.push({
    name: `PostgreSQL server: reservations/s, ${CLIENTS} connections, ${SKUS} hot SKUs`,
    value: server.perSecond,
    unit: 'reservations/s',
    goal: '>= 1000, every reservation applied once',
    pass: server.correct && server.perSecond >= 1000,
    baseline: memory.perSecond,
    ratio: Number((server.perSecond / memory.perSecond).toFixed(4)),
  });
  await pool.query(`DROP SCHEMA IF EXISTS bench_import_${SERVER_ORDERS} CASCADE`);
  const imported = await importOrders(db, SERVER_ORDERS);
  results.push({
    name: `PostgreSQL server: import ${SERVER_ORDERS.toLocaleString('en')} orders through the repository (saves of ${SAVE_BATCH})`,
    value: Number(imported.seconds.toFixed(1)),
    unit: 's',
    goal: '< 120 s, every order stored',
    pass: imported.correct && imported.seconds < 120,
    ordersPerSecond: imported.perSecond,
  });
  await pool.query('DROP SCHEMA IF EXISTS bench_stock CASCADE');
  await pool.query(`DROP SCHEMA IF EXISTS bench_import_${SERVER_ORDERS} CASCADE`);
} catch (error) {
  results.push({
    name: 'PostgreSQL server workloads',
    value: 0,
    unit: 'n/a',
    goal: 'a reachable server',
    pass: false,
    error: String(error?.message ?? error),
  });
} finally {
  await pool?.end();
  temporary?.stop();
}

const lite = new PGlite();
const embedded = await importOrders(lite, PGLITE_ORDERS);
results.push({
  name: `PGlite (embedded): import ${PGLITE_ORDERS.toLocaleString('en')} orders through the repository`,
  value: embedded.perSecond,
  unit: 'orders/s',
  goal: '>= 500, every order stored',
  pass: embedded.correct && embedded.perSecond >= 500,
});
await lite.close();

console.log(JSON.stringify({ package: 'postgres', results }));
