#!/usr/bin/env node
// Benchmarks of @hakobu/inventory on the built dist (`npm run build` first, or `npm run bench` from the root).
// Workloads: a multi-mall sync plan for 100,000 SKUs × 3 channels (5% sets) and the ratio t(200k)/t(100k);
// 10,000 concurrent reservations through the in-memory store. `--quick` runs fewer repetitions.
// Prints one JSON object `{ package, results }` as its last stdout line.
import { performance } from 'node:perf_hooks';
import { createMemoryStockStore, indexCatalog, planSync } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const repetitions = quick ? 3 : 7;

/** A small deterministic generator (LCG), so every run plans the same data. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const modes = { amazon: 'delta' };
const policies = [
  { channel: 'rakuten', ratio: 50, reserve: 1 },
  { channel: 'rakuten', shopId: 'outlet', cap: 20 },
  { channel: 'yahoo', ratio: 30, floorToZero: 2 },
  { channel: 'amazon', ratio: 20 },
];

function world(skuCount) {
  const next = random(skuCount);
  const products = [];
  const listings = [];
  const levels = [];
  const plain = [];
  for (let i = 0; i < skuCount; i += 1) {
    const sku = `SKU-${String(i).padStart(7, '0')}`;
    if (i % 20 === 19 && plain.length >= 3) {
      const components = [];
      const used = new Set();
      for (let c = 0; c < 2 + (i % 2); c += 1) {
        const component = plain[Math.floor(next() * plain.length)];
        if (used.has(component)) continue;
        used.add(component);
        components.push({ sku: component, quantity: 1 + Math.floor(next() * 3) });
      }
      products.push({ sku, name: `セット ${i}`, temperatureZone: 'ambient', components });
    } else {
      products.push({ sku, name: `商品 ${i}`, temperatureZone: 'ambient' });
      plain.push(sku);
      const onHand = Math.floor(next() * 50);
      levels.push({ sku, onHand, reserved: Math.floor(next() * onHand), safetyStock: i % 7 === 0 ? 1 : 0 });
    }
    listings.push(
      {
        id: `r-${i}`,
        channel: 'rakuten',
        shopId: i % 2 === 0 ? 'main' : 'outlet',
        itemCode: `item-${i}`,
        skuCode: 'default',
        sku,
        multiplier: 1,
      },
      {
        id: `y-${i}`,
        channel: 'yahoo',
        shopId: 'y-main',
        itemCode: `y${i}`,
        sku,
        multiplier: i % 10 === 0 ? 2 : 1,
      },
      { id: `a-${i}`, channel: 'amazon', shopId: 'a-main', itemCode: `AMZ-${i}`, sku, multiplier: 1 },
    );
  }
  const start = performance.now();
  const catalog = indexCatalog({ products, listings });
  const indexMs = performance.now() - start;
  if (!catalog.ok) throw new Error(JSON.stringify(catalog.issues.slice(0, 3)));
  // Last push: what an earlier sync sent; since then 10% of the SKUs moved (orders, receipts, store sales).
  const first = planSync({ catalog: catalog.value, levels, pushed: {}, policies, modes });
  const moved = levels.map((level, i) => (i % 10 === 0 ? { ...level, onHand: level.onHand + 5 } : level));
  return { catalog: catalog.value, levels: moved, pushed: first.pushed, indexMs };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timePlan(skuCount) {
  const { catalog, levels, pushed, indexMs } = world(skuCount);
  const times = [];
  let items = 0;
  for (let r = 0; r < repetitions + 1; r += 1) {
    globalThis.gc?.();
    const start = performance.now();
    const plan = planSync({ catalog, levels, pushed, policies, modes });
    const elapsed = performance.now() - start;
    items = plan.uploads.reduce((sum, upload) => sum + upload.items.length, 0);
    if (r > 0) times.push(elapsed); // the first run warms the JIT up
  }
  return { ms: median(times), items, indexMs };
}

async function concurrentReservations(count) {
  const store = createMemoryStockStore();
  const skus = Array.from({ length: 500 }, (_, i) => `SKU-${i}`);
  const unitsPerSku = 10;
  await store.apply({
    key: 'seed',
    actor: 'bench',
    at: '2026-11-28T09:00:00+09:00',
    operations: skus.map((sku) => ({ op: 'adjust', kind: 'receipt', sku, quantity: unitsPerSku })),
  });
  const next = random(count);
  const picks = Array.from({ length: count }, () => skus[Math.floor(next() * skus.length)]);
  const demand = new Map();
  for (const sku of picks) demand.set(sku, (demand.get(sku) ?? 0) + 1);
  const start = performance.now();
  const results = await Promise.all(
    picks.map((sku, i) =>
      store.apply({
        key: `order-${i}`,
        actor: 'bench',
        at: '2026-11-28T10:00:00+09:00',
        operations: [{ op: 'reserve', orderLineId: `line-${i}`, sku, quantity: 1 }],
      }),
    ),
  );
  const ms = performance.now() - start;
  const succeeded = results.filter((result) => result.ok).length;
  const levels = await store.readLevels();
  const oversold = levels.reduce((sum, level) => sum + Math.max(0, level.reserved - level.onHand), 0);
  // Exactly min(demand, stock) per SKU may succeed: no more (oversell), no fewer (lost reservations).
  const expected = [...demand.values()].reduce((sum, wanted) => sum + Math.min(wanted, unitsPerSku), 0);
  return { ms, succeeded, expected, oversold, correct: succeeded === expected && oversold === 0 };
}

const round = (value, digits = 1) => Number(value.toFixed(digits));
const results = [];

const t100 = timePlan(100_000);
const t200 = timePlan(200_000);
results.push(
  {
    name: 'sync plan (5% sets)',
    size: '100,000 SKUs × 3 channels',
    value: round(t100.ms),
    unit: 'ms',
    goal: '< 500',
    pass: t100.ms < 500,
    items: t100.items,
  },
  {
    name: 'sync plan (5% sets)',
    size: '200,000 SKUs × 3 channels',
    value: round(t200.ms),
    unit: 'ms',
    items: t200.items,
  },
  {
    name: 'catalog index (once)',
    size: '100,000 SKUs, 300,000 listings',
    value: round(t100.indexMs),
    unit: 'ms',
  },
  {
    name: 'sync plan ratio t(200k) / t(100k)',
    value: round(t200.ms / t100.ms, 2),
    unit: 'x',
    goal: '<= 2.2',
    pass: t200.ms / t100.ms <= 2.2,
  },
);

const reservations = await concurrentReservations(10_000);
results.push(
  {
    name: 'concurrent reservations, in-memory store',
    size: '10,000 reservations',
    value: round(reservations.ms),
    unit: 'ms',
    goal: '< 2000',
    pass: reservations.ms < 2000,
  },
  {
    name: '10,000 concurrent reservations: units oversold',
    value: reservations.oversold,
    unit: 'units',
    goal: '0 and exactly the stock reserved',
    pass: reservations.correct,
    succeeded: reservations.succeeded,
    expected: reservations.expected,
  },
);

console.log(JSON.stringify({ package: 'inventory', results }));
