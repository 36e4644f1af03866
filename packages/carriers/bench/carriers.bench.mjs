#!/usr/bin/env node
// Benchmarks of @hakobu/carriers on the built dist (`npm run build` first, or `npm run bench` from the root).
// Workloads:
//   b2.write.ratio — 100,000 shipments to B2クラウド CSV bytes with writeB2Labels (column specs, byte fitting,
//                    CP932 loss reporting) vs Papa.unparse + iconv.encode of the very same 97 field strings, same run
//                    (goal ratio ≤ 2.0); also the absolute time.
//   postal.load    — loadJapanPostDirectory(): time and heap growth of the bundled Japan Post directory.
//   postal.check   — 100,000 postal-code ↔ address checks (checkPostalAddress) on generated destinations.
// `--quick` runs fewer repetitions. Prints one JSON object `{ package, results }` as its last stdout line.
import { performance } from 'node:perf_hooks';
import { generateOrders } from '@hakobu/orders/testing';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

const quick = process.argv.includes('--quick');
const repetitions = quick ? 3 : 5;
const log = (message) => process.stderr.write(`carriers.bench: ${message}\n`);
const gc = () => globalThis.gc?.();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

gc();
const heapBefore = process.memoryUsage().heapUsed;
const loadStart = performance.now();
const carriers = await import('../dist/index.js');
const directory = await carriers.loadJapanPostDirectory();
const loadMs = performance.now() - loadStart;
gc();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
log(`postal directory: ${loadMs.toFixed(0)} ms, heap +${heapMb.toFixed(1)} MB`);

const SHIPMENTS = 100_000;
const orders = generateOrders({ count: 25_000, seed: 7 });
const base = orders.flatMap((order) => order.shipments).filter((s) => s.timeSlot !== '12-14');
const shipments = Array.from({ length: SHIPMENTS }, (_, i) => {
  const s = base[i % base.length];
  return { ...s, id: `b${i}`, slipNumber: `${s.slipNumber}-${i}` };
});
const shipper = {
  name: 'はこぶ商店',
  nameKana: 'ハコブショウテン',
  postalCode: '105-0011',
  prefecture: '東京都',
  address1: '港区芝公園4-2-8',
  phone: '03-1234-5678',
};
const options = { shipper, orders, billingCustomerCode: '0312345678', shipDate: '2026-12-01' };
log(`${shipments.length} shipments from ${orders.length} generated orders`);

// The field strings our writer produced, for the baseline to write the same content. Kept as one text and split
// before each baseline run (outside its timing), so the 9.7 million cells do not sit in the heap while ours runs.
const reference = carriers.writeB2Labels(shipments, options);
if (reference.counts.written !== SHIPMENTS) throw new Error(`only ${reference.counts.written} rows written`);
const referenceText = reference.files[0].text;
const fieldsOf = () =>
  referenceText
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

const ours = [];
const baseline = [];
let bytesOurs = 0;
let bytesBaseline = 0;
for (let r = 0; r < repetitions; r++) {
  gc();
  let start = performance.now();
  const batch = carriers.writeB2Labels(shipments, options);
  ours.push(performance.now() - start);
  bytesOurs = batch.files[0].bytes.length;
  let fields = fieldsOf();
  gc();
  start = performance.now();
  const bytes = iconv.encode(`${Papa.unparse(fields, { newline: '\r\n' })}\r\n`, 'cp932');
  baseline.push(performance.now() - start);
  bytesBaseline = bytes.length;
  fields = undefined;
}
if (bytesOurs !== bytesBaseline) log(`byte counts differ: ${bytesOurs} vs ${bytesBaseline}`);
const oursMs = median(ours);
const baselineMs = median(baseline);
const ratio = oursMs / baselineMs;
log(
  `B2 write: ${oursMs.toFixed(0)} ms vs ${baselineMs.toFixed(0)} ms (ratio ${ratio.toFixed(2)}), ${bytesOurs} bytes`,
);

const destinations = shipments.map((s) => s.destination);
const checkTimes = [];
let mismatches = 0;
for (let r = 0; r < repetitions; r++) {
  const start = performance.now();
  mismatches = 0;
  for (const d of destinations) {
    const check = carriers.checkPostalAddress(directory, d.postalCode, d.prefecture, d.address1);
    if (check.match !== 'town') mismatches++;
  }
  checkTimes.push(performance.now() - start);
}
const checkMs = median(checkTimes);
log(`100,000 address checks: ${checkMs.toFixed(0)} ms (${mismatches} not matching at town level)`);

const shipmentCount = `${shipments.length.toLocaleString('en-US')} shipments`;
const results = [
  {
    name: 'carriers.b2.write',
    size: `${shipmentCount}, ${(bytesOurs / 1e6).toFixed(1)} MB CP932`,
    value: Math.round(oursMs),
    unit: 'ms',
    baseline: Math.round(baselineMs),
    ratio: Number(ratio.toFixed(2)),
    goal: 'ratio ≤ 2.0',
    pass: ratio <= 2.0,
  },
  {
    name: 'carriers.postal.load',
    value: Math.round(loadMs),
    unit: 'ms',
    goal: '< 1,500 ms',
    pass: loadMs < 1500,
  },
  {
    name: 'carriers.postal.heap',
    value: Number(heapMb.toFixed(1)),
    unit: 'MB',
    goal: '< 80 MB',
    pass: heapMb < 80,
  },
  {
    name: 'carriers.postal.check',
    size: `${destinations.length.toLocaleString('en-US')} addresses, ${mismatches} not matching at town level`,
    value: Math.round(checkMs),
    unit: 'ms',
    goal: '< 1,000 ms, 0 mismatches',
    pass: checkMs < 1000 && mismatches === 0,
  },
];
console.log(JSON.stringify({ package: 'carriers', results }));
