#!/usr/bin/env node
// Benchmarks of @hakobu/malls on the built dist (`npm run build` first, or `npm run bench` from the root).
// Workload: import 100,000 rows of a 楽天-style CP932 order CSV into canonical orders (read + group + map +
// planImport creating every Order) against a raw decode + parse of the same bytes (readCsv with the same
// columns), same run, ratio goal ≤ 2.0. `--quick` runs fewer repetitions. The streaming memory workload is
// stream.bench.mjs (its own process, so its RSS is its own). Prints one JSON object `{ package, results }` as its last stdout line.
import { performance } from 'node:perf_hooks';
import { readCsv } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { planImport, rakutenOrderCsvColumns, rakutenOrderCsvFormat, readOrderCsv } from '../dist/index.js';
import { fixtureOrder, rakutenOrderCsv } from '../dist/testing/index.js';

const quick = process.argv.includes('--quick');
const repetitions = quick ? 3 : 7;

function rowsOf(order) {
  return order.destinations.reduce((sum, destination) => sum + destination.items.length, 0);
}

/** Fixture orders until `rows` item rows are reached; the order numbers of chunk `offset` onward are unique. */
function ordersForRows(rows, offset = 0) {
  const orders = [];
  let count = 0;
  for (let i = offset; count < rows; i += 1) {
    const order = fixtureOrder(i);
    orders.push(order);
    count += rowsOf(order);
  }
  return { orders, rows: count };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const { orders, rows } = ordersForRows(100_000);
const bytes = rakutenOrderCsv(orders);
orders.length = 0;
const format = rakutenOrderCsvFormat({ shopId: 'bench' });

// Each measurement runs in its own function and returns only numbers, so neither result is alive while the
// other is measured: a heap still holding the last import would slow the next run's collections.
function timeRawParse() {
  const start = performance.now();
  const parsed = readCsv(bytes, { columns: rakutenOrderCsvColumns });
  const ms = performance.now() - start;
  if (parsed.counts.records !== rows)
    throw new Error(`raw parse read ${parsed.counts.records} of ${rows} rows`);
  return ms;
}

function timeImport() {
  const start = performance.now();
  const read = readOrderCsv(bytes, format);
  const plan = planImport(read.drafts, () => undefined, {
    clock: fixedClock('2026-11-28T10:00:00+09:00'),
    ids: sequenceIdGenerator(8),
  });
  const ms = performance.now() - start;
  if (read.counts.accepted !== rows)
    throw new Error(`import accepted ${read.counts.accepted} of ${rows} rows`);
  return { ms, created: plan.counts.created };
}

const rawTimes = [];
const importTimes = [];
let imported = 0;
for (let r = 0; r < repetitions + 1; r += 1) {
  globalThis.gc?.();
  const rawMs = timeRawParse();
  globalThis.gc?.();
  const run = timeImport();
  imported = run.created;
  if (r > 0) {
    rawTimes.push(rawMs);
    importTimes.push(run.ms);
  }
}
const raw = median(rawTimes);
const full = median(importTimes);

const round = (value, digits = 1) => Number(value.toFixed(digits));

const results = [
  {
    name: 'malls.import.rakuten-csv',
    size: `${rows.toLocaleString('en-US')} rows (${imported.toLocaleString('en-US')} orders), ${(bytes.length / 1e6).toFixed(1)} MB CP932`,
    value: round(full),
    unit: 'ms',
    baseline: round(raw),
    ratio: round(full / raw, 2),
    goal: 'ratio ≤ 2.0',
    pass: full / raw <= 2,
  },
];
console.log(JSON.stringify({ package: 'malls', results }));
