// CSV reader and writer of @hakobu/core against raw iconv-lite + Papa Parse, on the built package.
// `node csv.bench.mjs [--quick]` prints one JSON object on stdout; progress goes to stderr.
//   csv.read  — readCsv(bytes) vs iconv.decode + Papa.parse on the same CP932 bytes (goal ratio ≤ 1.3)
//   csv.write — writeCsv(records) with CP932 loss detection vs Papa.unparse + iconv.encode (goal ratio ≤ 1.5)
//   csv.stream.rss — peak RSS of a child process streaming a 1,000,000-row file with readCsvStream (goal ≤ 256 MB)
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
// The lead engineer's build exports the CSV functions from dist/index.js; HAKOBU_BENCH_ENTRY points elsewhere
// for a trial before that.
const entry = process.env.HAKOBU_BENCH_ENTRY ?? new URL('../dist/index.js', import.meta.url).href;
const core = await import(entry);

const log = (message) => process.stderr.write(`csv.bench: ${message}\n`);

// ---------------------------------------------------------------- deterministic order-like data

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['山田', '佐藤', '鈴木', '髙橋', '田中', '渡辺', '伊藤', '中村', '小林', '齋藤'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '陽菜', '蓮', '結衣'];
const KANA = ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'ﾀｶﾊｼ ﾐｻｷ', 'タナカ ケン'];
const PREFS = ['東京都', '大阪府', '北海道', '福岡県', '沖縄県', '神奈川県', '愛知県'];
const CITIES = ['千代田区千代田', '北区梅田', '札幌市中央区北一条西', '博多区博多駅前', '那覇市久茂地'];
const BUILDINGS = ['', 'ハイツ青空 101', 'グランドメゾン 3F', '①号棟 502'];
const ITEMS = [
  '有機りんご 5kg',
  '【冷凍】餃子 50個入り',
  'ギフト箱, のし付き',
  '今治タオル "プレミアム"',
  '天然水 2L×6本',
];
const PAYMENTS = ['クレジットカード', '代金引換', '銀行振込', '後払い'];
const NOTES = ['', '', '', '置き配希望', '午前中指定, 不在時は宅配ボックス', '複数行の備考\r\n2行目です'];
const HEADERS = [
  '受注番号',
  '注文日時',
  '注文者名',
  '注文者カナ',
  '郵便番号',
  '都道府県',
  '住所1',
  '住所2',
  '電話番号',
  'メールアドレス',
  '商品番号',
  '商品名',
  '数量',
  '単価',
  '小計',
  '送料',
  '消費税',
  '合計金額',
  '支払方法',
  '備考',
];
const KEYS = HEADERS.map((_, i) => `c${i}`);

function makeRow(random, n) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const quantity = 1 + Math.floor(random() * 5);
  const price = 100 * (5 + Math.floor(random() * 200));
  const shipping = random() < 0.3 ? 0 : 880;
  const subtotal = quantity * price;
  const tax = Math.floor((subtotal * 10) / 110);
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const time = `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00`;
  return [
    `300123-2024${day}-${String(n).padStart(8, '0')}`,
    `2024-05-${day} ${time}`,
    `${pick(FAMILY)} ${pick(GIVEN)}`,
    pick(KANA),
    `${String(100 + Math.floor(random() * 900))}-${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
    pick(PREFS),
    `${pick(CITIES)}${1 + Math.floor(random() * 9)}-${1 + Math.floor(random() * 20)}-${1 + Math.floor(random() * 30)}`,
    pick(BUILDINGS),
    `0${Math.floor(random() * 10)}0-${String(Math.floor(random() * 10000)).padStart(4, '0')}-${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
    `user${n}@example.jp`,
    `SKU-${String(Math.floor(random() * 5000)).padStart(5, '0')}`,
    pick(ITEMS),
    String(quantity),
    String(price),
    String(subtotal),
    String(shipping),
    String(tax),
    String(subtotal + shipping),
    pick(PAYMENTS),
    pick(NOTES),
  ];
}

function makeRows(count, seed) {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, n) => makeRow(random, n));
}

function csvText(rows, withHeader) {
  return `${Papa.unparse(withHeader ? [HEADERS, ...rows] : rows, { newline: '\r\n' })}\r\n`;
}

// ---------------------------------------------------------------- timing

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeOnce(fn) {
  globalThis.gc?.();
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

/** Warm-up, then alternating runs so that both sides see the same machine load; medians. */
function compare(name, coreFn, rawFn, runs) {
  for (let i = 0; i < 2; i++) {
    coreFn();
    rawFn();
  }
  const coreMs = [];
  const rawMs = [];
  for (let i = 0; i < runs; i++) {
    coreMs.push(timeOnce(coreFn).ms);
    rawMs.push(timeOnce(rawFn).ms);
    log(
      `${name} run ${i + 1}/${runs}: core ${coreMs.at(-1).toFixed(0)} ms, raw ${rawMs.at(-1).toFixed(0)} ms`,
    );
  }
  return { coreMs: median(coreMs), rawMs: median(rawMs) };
}

const round = (value, digits = 3) => Number(value.toFixed(digits));

function ratioResult(name, goal, { coreMs, rawMs }, extra) {
  const ratio = coreMs / rawMs;
  return {
    name,
    size: `${extra.rows.toLocaleString('en-US')} rows, ${(extra.bytes / 1e6).toFixed(1)} MB`,
    value: round(coreMs, 1),
    unit: 'ms',
    baseline: round(rawMs, 1),
    ratio: round(ratio),
    goal: `ratio ≤ ${goal}`,
    pass: ratio <= goal,
    ...extra,
  };
}

// ---------------------------------------------------------------- read and write

function benchRead(rows, runs) {
  const bytes = new Uint8Array(iconv.encode(csvText(rows, true), 'cp932'));
  const columns = HEADERS.map((header, i) => ({ key: KEYS[i], header, required: i === 0 }));
  const check = core.readCsv(bytes, { columns });
  if (check.encoding !== 'cp932' || check.counts.records !== rows.length || check.issues.length > 0) {
    throw new Error(
      `readCsv read the benchmark file wrongly: ${JSON.stringify({ ...check, records: undefined, rejected: undefined })}`,
    );
  }
  const times = compare(
    'read',
    () => core.readCsv(bytes, { columns }).records.length,
    () =>
      Papa.parse(iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp932'), {
        delimiter: ',',
      }).data.length,
    runs,
  );
  return ratioResult('csv.read', 1.3, times, { rows: rows.length, bytes: bytes.length });
}

function benchWrite(rows, runs) {
  const records = rows.map((row) => Object.fromEntries(row.map((value, i) => [KEYS[i], value])));
  const columns = HEADERS.map((header, i) => ({ key: KEYS[i], header }));
  const check = core.writeCsv(records, { columns, formulaGuard: false });
  if (!check.ok || check.issues.length > 0) throw new Error('writeCsv reported issues on encodable data');
  const times = compare(
    'write',
    () => core.writeCsv(records, { columns, formulaGuard: false }).value.bytes.length,
    () => iconv.encode(Papa.unparse(records, { columns: KEYS, newline: '\r\n' }), 'cp932').length,
    runs,
  );
  return ratioResult('csv.write', 1.5, times, { rows: rows.length, bytes: check.value.bytes.length });
}

// ---------------------------------------------------------------- streaming memory (child process)

async function generateFile(path, count) {
  const out = createWriteStream(path);
  const random = mulberry32(7);
  const batch = 10_000;
  out.write(iconv.encode(csvText([], true), 'cp932'));
  for (let from = 0; from < count; from += batch) {
    const rows = Array.from({ length: Math.min(batch, count - from) }, (_, i) => makeRow(random, from + i));
    if (!out.write(iconv.encode(csvText(rows, false), 'cp932'))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function streamChild(path, count) {
  await generateFile(path, count);
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  const columns = HEADERS.map((header, i) => ({ key: KEYS[i], header, required: i === 0 }));
  const start = performance.now();
  const reader = core.readCsvStream(createReadStream(path), { columns });
  let records = 0;
  for await (const batch of reader) {
    records += batch.records.length;
    sample();
  }
  clearInterval(timer);
  const summary = reader.summary();
  process.stdout.write(
    `${JSON.stringify({
      peakRssMb: peak / 2 ** 20,
      startRssMb: baseline / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      records,
      rows: summary.counts.rows,
      ms: performance.now() - start,
    })}\n`,
  );
}

function benchStream(count) {
  const dir = mkdtempSync(join(tmpdir(), 'hakobu-csv-bench-'));
  try {
    log(`stream: generating and streaming ${count} rows in a child process`);
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        new URL(import.meta.url).pathname,
        '--child-stream',
        join(dir, 'orders.csv'),
        String(count),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        env: process.env,
      },
    );
    const measured = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
    if (measured.records !== count) throw new Error(`stream child read ${measured.records} of ${count} rows`);
    return {
      name: 'csv.stream.rss',
      size: `${count.toLocaleString('en-US')} rows`,
      value: round(measured.peakRssMb, 1),
      unit: 'MB',
      goal: '≤ 256 MB',
      pass: measured.peakRssMb <= 256,
      rows: count,
      startRssMb: round(measured.startRssMb, 1),
      maxRssMb: round(measured.maxRssMb, 1),
      ms: round(measured.ms, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

if (args[0] === '--child-stream') {
  await streamChild(args[1], Number(args[2]));
} else {
  const rowCount = quick ? 10_000 : 100_000;
  const runs = quick ? 9 : 7;
  const rows = makeRows(rowCount, 20240501);
  const results = [benchRead(rows, runs), benchWrite(rows, runs), benchStream(quick ? 100_000 : 1_000_000)];
  process.stdout.write(`${JSON.stringify({ package: 'core', results })}\n`);
}
