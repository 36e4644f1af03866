#!/usr/bin/env node
// Benchmark of @hakobu/malls on the built dist: peak RSS while streaming 1,000,000 rows of a 楽天-style CP932
// order CSV through readOrderCsvStream + planImport, keeping no order (goal ≤ 512 MB). `--quick` streams
// 200,000 rows. Runs in its own process (scripts/bench.mjs), so the RSS is this workload's. Prints one JSON
// object `{ package, results }` as its last stdout line.
import { performance } from 'node:perf_hooks';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { planImport, rakutenOrderCsvFormat, readOrderCsvStream } from '../dist/index.js';
import { fixtureOrder, rakutenOrderCsv } from '../dist/testing/index.js';

const quick = process.argv.includes('--quick');
const streamRows = quick ? 200_000 : 1_000_000;
const format = rakutenOrderCsvFormat({ shopId: 'bench' });

function rowsOf(order) {
  return order.destinations.reduce((sum, destination) => sum + destination.items.length, 0);
}

function ordersForRows(rows) {
  const orders = [];
  let count = 0;
  for (let i = 0; count < rows; i += 1) {
    const order = fixtureOrder(i);
    orders.push(order);
    count += rowsOf(order);
  }
  return { orders, rows: count };
}

/**
 * A 楽天 CSV of `total` rows as a stream of CP932 chunks: a pool of fixture orders is written once, then
 * repeated with the 10-digit tail of every order number patched in place, so each order stays unique and
 * generating the file costs little next to reading it.
 */
async function* generatedFile(total) {
  yield rakutenOrderCsv([], { header: true });
  const pool = ordersForRows(20_000);
  const body = rakutenOrderCsv(pool.orders, { header: false });
  const marker = new TextEncoder().encode('360238-2026');
  const offsets = [];
  for (let i = 0; i + marker.length <= body.length; i += 1) {
    let match = true;
    for (let j = 0; j < marker.length; j += 1) {
      if (body[i + j] !== marker[j]) {
        match = false;
        break;
      }
    }
    if (match) offsets.push(i + 16);
  }
  let written = 0;
  for (let repeat = 0; written < total; repeat += 1) {
    const copy = body.slice();
    for (const offset of offsets) {
      const index = Number(new TextDecoder().decode(copy.subarray(offset, offset + 10))) + repeat * 1_000_000;
      const digits = String(index).padStart(10, '0');
      for (let d = 0; d < 10; d += 1) copy[offset + d] = digits.charCodeAt(d);
    }
    for (let start = 0; start < copy.length; start += 256 * 1024)
      yield copy.subarray(start, start + 256 * 1024);
    written += pool.rows;
  }
}

globalThis.gc?.();
const baseRss = process.memoryUsage().rss;
let peakRss = baseRss;
let streamed = 0;
let streamedOrders = 0;
const streamStart = performance.now();
const stream = readOrderCsvStream(generatedFile(streamRows), format);
const ctx = { clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator(8) };
for await (const batch of stream) {
  const plan = planImport(batch.drafts, () => undefined, ctx);
  streamedOrders += plan.counts.created;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const streamMs = performance.now() - streamStart;
const summary = stream.summary();
streamed = summary.counts.records;
if (summary.counts.accepted !== streamed) throw new Error(`stream rejected ${summary.counts.rejected} rows`);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
const mb = (value) => Number((value / 1024 / 1024).toFixed(1));
const round = (value, digits = 1) => Number(value.toFixed(digits));

const results = [
  {
    name: 'malls.import.stream.rss',
    size: `${streamed.toLocaleString('en-US')} rows (${streamedOrders.toLocaleString('en-US')} orders)`,
    value: mb(peakRss),
    unit: 'MB',
    goal: '≤ 512 MB',
    pass: mb(peakRss) <= 512 && streamed >= streamRows,
    seconds: round(streamMs / 1000),
  },
];
console.log(JSON.stringify({ package: 'malls', results }));
