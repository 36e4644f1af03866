import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from '@hakobu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM without type declarations (the example is JavaScript, as a host's script)
import { runDailyFlow } from './lib/run.mjs';
// @ts-expect-error -- as above
import { OPENING_STOCK } from './lib/shop.mjs';

// The demo runs in-process on the packages' sources (the root vitest config aliases @hakobu/*): twice on
// the in-memory store and once on PGlite, each into its own temp folder.
const root = mkdtempSync(join(tmpdir(), 'hakobu-daily-flow-test-'));
const dirs = { memory: join(root, 'memory'), again: join(root, 'again'), pglite: join(root, 'pglite') };
type Summary = {
  orders: {
    total: number;
    held: number;
    blacklisted: number;
    labelExported: number;
    statuses: Record<string, number>;
    files: { file: string; rejected: number }[];
    reimport: { created: number; unchanged: number };
  };
  alerts: { code: string; count: number }[];
  bundles: { candidates: number; bundled: number; refused: number; children: number };
  splits: { split: number; newSlips: number };
  allocation: { allocated: number; short: number };
  shipments: { system: string; written: number; rejected: number }[];
  tracking: { applied: number; unmatched: number; fallback: number };
  mails: {
    sent: number;
    failed: number;
    confirmations: number;
    shipped: number;
    parcels: number;
    gifts: number;
  };
  uploads: Record<string, number>;
  files: number;
};
let summary: Summary;

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(at, entry.name), `${path}/`);
      else
        out[path] = createHash('sha256')
          .update(readFileSync(join(at, entry.name)))
          .digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** The rows of an output CSV (CP932 or UTF-8, detected), by the given headers. */
function csv(path: string, headers: string[]): Record<string, string>[] {
  const read = readCsv(readFileSync(join(dirs.memory, path)), {
    columns: headers.map((header) => ({ key: header, header })),
  });
  expect(read.rejected).toEqual([]);
  return read.records.map((record) => record.values);
}

const ORDER_COLUMNS = ['受注番号', 'ステータス', 'タグ', 'アラート'];

function count(code: string): number {
  return summary.alerts.find((alert) => alert.code === code)?.count ?? 0;
}

const scenarios = () =>
  JSON.parse(readFileSync(join(dirs.memory, 'input/scenarios.json'), 'utf8')) as {
    kind: string;
    orders: { mallOrderNumber: string }[];
  }[];

beforeAll(async () => {
  summary = (await runDailyFlow({ outDir: dirs.memory, store: 'memory' })).summary;
  await runDailyFlow({ outDir: dirs.again, store: 'memory' });
  await runDailyFlow({ outDir: dirs.pglite, store: 'pglite' });
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('examples/daily-flow', () => {
  it('writes the same bytes on every run and with every store', () => {
    const first = hashes(dirs.memory);
    expect(Object.keys(first).length).toBe(summary.files + 1);
    expect(hashes(dirs.again)).toEqual(first);
    expect(hashes(dirs.pglite)).toEqual(first);
  });

  it('lists every file in the manifest with its hash', () => {
    const listed = readFileSync(join(dirs.memory, 'MANIFEST.txt'), 'utf8').trim().split('\n');
    const files = hashes(dirs.memory);
    expect(listed).toHaveLength(Object.keys(files).length - 1);
    for (const line of listed) {
      const [hash, , path] = line.trim().split(/\s+/);
      expect(files[path!]).toBe(hash);
    }
  });

  it('imports every mall file, rejects the broken row with its line, and re-imports nothing', () => {
    expect(summary.orders.total).toBe(144);
    expect(summary.orders.files.map((file) => [file.file, file.rejected])).toEqual([
      ['rakuten-orders.csv', 0],
      ['amazon-orders.txt', 0],
      ['yahoo-orders.csv', 0],
      ['own-site-orders.csv', 1],
    ]);
    expect(summary.orders.reimport).toMatchObject({ created: 0, unchanged: 69 });
    const rejected = csv('alerts.csv', ['対象', 'コード', '内容']).find(
      (row) => row.コード === 'malls.invalid_field',
    );
    expect(rejected?.対象).toBe('own-site-orders.csv 24行目');
    expect(rejected?.内容).toContain('「数量」');
  });

  it('holds the blacklisted orders and the undeliverable postal codes, and flags the rest', () => {
    expect(summary.orders.blacklisted).toBe(2);
    expect(count('orders.blacklist.hit')).toBe(2);
    expect(count('carrier.postal.unknown_code')).toBe(1);
    expect(count('carrier.postal.address_mismatch')).toBe(1);
    expect(count('carrier.postal.town_mismatch')).toBe(1);
    expect(summary.orders.held).toBe(4);
    const statusOf = new Map(
      csv('orders/orders.csv', ORDER_COLUMNS).map((row) => [row.受注番号, row.ステータス]),
    );
    const numbers = (kind: string) =>
      scenarios()
        .filter((scenario) => scenario.kind === kind)
        .flatMap((scenario) => scenario.orders.map((order) => order.mallOrderNumber));
    for (const number of numbers('blacklist')) expect(statusOf.get(number)).toBe('onHold');
    const [unknown, elsewhere, otherTown] = numbers('postal');
    expect([statusOf.get(unknown), statusOf.get(elsewhere), statusOf.get(otherTown)]).toEqual([
      'onHold',
      'onHold',
      'shipped',
    ]);
  });

  it('flags the remote islands and still ships them', () => {
    expect(count('carrier.remote_island')).toBe(2);
    const orders = new Map(csv('orders/orders.csv', ORDER_COLUMNS).map((row) => [row.受注番号, row]));
    const island = scenarios().find((scenario) => scenario.kind === 'island')!;
    for (const { mallOrderNumber } of island.orders) {
      expect(orders.get(mallOrderNumber)?.ステータス).toBe('shipped');
      expect(orders.get(mallOrderNumber)?.アラート).toContain('離島');
    }
  });

  it('bundles the repeat customers (across malls too) and explains the refusals', () => {
    expect(summary.bundles).toEqual({ candidates: 6, bundled: 4, refused: 2, children: 5 });
    const rows = csv('orders/bundles.csv', ['受注番号', '結果', '理由']);
    const resultOf = new Map(rows.map((row) => [row.受注番号, row.結果]));
    for (const scenario of scenarios().filter((s) => s.kind === 'bundle'))
      for (const { mallOrderNumber } of scenario.orders) expect(resultOf.get(mallOrderNumber)).toBe('同梱');
    const reasons = rows.filter((row) => row.結果 === '同梱不可').map((row) => row.理由);
    expect(reasons.some((reason) => reason?.includes('代金引換'))).toBe(true);
    expect(reasons.some((reason) => reason?.includes('温度帯'))).toBe(true);
    const yahooChild = scenarios()
      .filter((s) => s.kind === 'bundle')
      .flatMap((s) => s.orders)
      .find((order) => order.mallOrderNumber.startsWith('hakobu-yahoo-'))!;
    expect(readFileSync(join(dirs.memory, 'uploads/yahoo-order-ship-status.xml'), 'utf8')).toContain(
      `<OrderId>${yahooChild.mallOrderNumber}</OrderId>`,
    );
  });

  it('splits mixed temperatures, allocates oldest first and reports the shortfall', () => {
    expect(summary.splits.split).toBeGreaterThanOrEqual(3);
    expect(summary.splits.newSlips).toBeGreaterThanOrEqual(summary.splits.split);
    expect(summary.allocation.short).toBe(1);
    expect(count('inventory.shortfall')).toBe(1);
    const shortfall = scenarios().find((scenario) => scenario.kind === 'shortfall')!;
    const last = shortfall.orders.at(-1)!.mallOrderNumber;
    expect(csv('orders/orders.csv', ORDER_COLUMNS).find((row) => row.受注番号 === last)?.タグ).toBe('欠品');
  });

  it('writes a label file for every label system and sends back what a carrier refuses', () => {
    expect(summary.shipments.map((s) => s.system)).toEqual([
      'yamato-b2',
      'sagawa-ehiden2',
      'sagawa-ehiden3',
      'japanpost-yupri',
      'japanpost-clickpost',
    ]);
    for (const shipment of summary.shipments) expect(shipment.written).toBeGreaterThan(0);
    const labels = readdirSync(join(dirs.memory, 'labels')).sort();
    expect(labels).toEqual([
      'b2-labels.csv',
      'clickpost-1.csv',
      'ehiden2-labels.csv',
      'ehiden3-labels.csv',
      'yupri-labels.csv',
    ]);
    expect(count('carrier.unavailable_option')).toBe(1);
    expect(count('carrier.address_overflow')).toBe(1);
    const b2 = new TextDecoder('shift_jis').decode(readFileSync(join(dirs.memory, 'labels/b2-labels.csv')));
    expect(b2).toContain('\r\n');
    const ehiden3 = new TextDecoder('shift_jis').decode(
      readFileSync(join(dirs.memory, 'labels/ehiden3-labels.csv')),
    );
    expect(ehiden3).toContain('吉田');
    expect(count('cp932.substituted')).toBeGreaterThanOrEqual(1);
  });

  it('reads tracking back from the simulated exports, unmatched rows included', () => {
    const written = summary.shipments.reduce((sum, s) => sum + s.written, 0);
    expect(summary.tracking.applied).toBe(written);
    expect(summary.tracking.unmatched).toBe(1);
    expect(summary.tracking.fallback).toBeGreaterThanOrEqual(1);
    expect(summary.orders.statuses.shipped).toBe(135);
  });

  it('marks 送り状出力済み with markLabelExported on every order holding a written slip', () => {
    // Every shipped slip was written to a label file first; a 同梱 child ships on its parent's slip.
    expect(summary.orders.labelExported).toBe(summary.orders.statuses.shipped! - summary.bundles.children);
  });

  it('sends one mail per parcel and prints gift notes without prices', () => {
    expect(summary.mails.failed).toBe(0);
    expect(summary.mails.shipped).toBe(summary.mails.parcels);
    expect(summary.mails.sent).toBe(summary.mails.confirmations + summary.mails.shipped);
    const notes = readFileSync(join(dirs.memory, 'documents/delivery-notes.html'), 'utf8');
    const gifts = notes.split('<section class="page gift"').slice(1);
    expect(gifts).toHaveLength(summary.mails.gifts);
    for (const gift of gifts) expect(gift.split('</section>')[0]).not.toContain('¥');
    expect(readFileSync(join(dirs.memory, 'mail/sent.txt'), 'utf8')).toContain('代金引換');
  });

  it('writes the shipment results and the stock sync of every mall', () => {
    expect(summary.uploads).toEqual({ rakuten: expect.any(Number), yahoo: 26, amazon: 25, own: 19 });
    const uploads = readdirSync(join(dirs.memory, 'uploads')).sort();
    expect(uploads).toEqual([
      'amazon-inventory.txt',
      'amazon-ship-confirmation.txt',
      'own-site-shipments.csv',
      'own-site-stock.csv',
      'rakuten-inventory-bulk-upsert.json',
      'rakuten-update-order-shipping.json',
      'yahoo-order-ship-status.xml',
      'yahoo-quantity.csv',
    ]);
    const levels = csv('stock/levels.csv', ['SKU', '在庫数', '引当数']);
    expect(levels.find((row) => row.SKU === 'HAMBURG-6')?.在庫数).toBe('0');
    for (const row of levels) expect(Number(row.在庫数)).toBeLessThan(OPENING_STOCK[row.SKU!] ?? 0);
  });

  it('refuses an output folder it did not write', () => {
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'not the demo');
    return expect(runDailyFlow({ outDir: foreign })).rejects.toThrow('空ではなく');
  });
});

describe('examples/daily-flow command line', () => {
  const script = fileURLToPath(new URL('./index.mjs', import.meta.url));

  it('prints its usage', () => {
    expect(execFileSync(process.execPath, [script, '--help'], { encoding: 'utf8' })).toContain(
      '--store KIND',
    );
  });

  it('refuses an unknown store with the usage and exit code 2', () => {
    const run = spawnSync(process.execPath, [script, '--store', 'sqlite'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--store は memory / pglite / postgres のどれかです');
  });
});
