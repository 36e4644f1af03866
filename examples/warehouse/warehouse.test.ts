import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasValidCheckDigit } from '@hakobu/carriers';
import { readCsv } from '@hakobu/core';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM example scripts, no type declarations
import { sampleBytes } from './sample/generate.mjs';
// @ts-expect-error: plain ESM example scripts, no type declarations
import { main, runWarehouseDay, SAMPLE } from './warehouse.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const settings = JSON.parse(readFileSync(here('./settings.json'), 'utf8'));

interface Day {
  files: { name: string; bytes: Uint8Array }[];
  log: string[];
  orders: {
    mallOrderNumber: string;
    shipments: { slipNumber: string; state: string }[];
    history: { type: string }[];
  }[];
}

const runDay = (): Promise<Day> =>
  runWarehouseDay({ ordersCsv: readFileSync(SAMPLE.orders), settings, date: SAMPLE.date });

function file(day: Day, name: string): Uint8Array {
  const found = day.files.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`${name} was not written`);
  return found.bytes;
}

/** Every row of a CSV file, cells as read. */
function rows(bytes: Uint8Array, header = true) {
  const read = readCsv(bytes, { header: false, columns: [{ key: 'first', index: 0 }] });
  expect(read.rejected).toEqual([]);
  const all = read.records.map((record) => record.raw ?? []);
  return header ? all.slice(1) : all;
}

describe('examples/warehouse', () => {
  let day: Day;
  let log: string;
  beforeAll(async () => {
    day = await runDay();
    log = day.log.join('\n');
  });

  it('bundles the orders the generator writes: hakobu standard CSV, UTF-8 with BOM', () => {
    const bytes = readFileSync(SAMPLE.orders);
    expect(Buffer.compare(bytes, sampleBytes())).toBe(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('receives the orders once, even when the shop sends the file again', () => {
    expect(log).toContain('読込 9行 = 取込 9行 + 取込不可 0行 → 受注 5件');
    expect(log).toContain('新規 5件, 更新 0件');
    expect(log).toContain('同じファイルの再送: 新規 0件, 変更なし 5件 (二重出荷なし)');
  });

  it('packs frozen and ambient goods apart and assigns the carrier as a recorded operation', () => {
    expect(log).toContain('受注HK-1003 → HK-1003-1 常温, HK-1003-2 冷凍');
    expect(log).toContain('配送業者: ヤマト運輸 (受注 5件に設定)');
    const kimura = day.orders.find((order) => order.mallOrderNumber === 'HK-1003');
    expect(kimura?.history.map((event) => event.type)).toEqual([
      'mall.import',
      'split.temperature',
      'warehouse.carrier',
      'tracking.apply',
    ]);
  });

  it('prints a picking list summed per SKU over every parcel', () => {
    const html = Buffer.from(file(day, 'picking-list.html')).toString('utf8');
    expect(html).toContain('伝票 7 件　商品 5 種 12 点');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('TEA-SENCHA-100 静岡 深蒸し煎茶 100g 4 3');
    expect(text).toContain('TEA-LATTE-10 抹茶ラテ スティック 10本入 4 2');
    expect(text).toContain('ICE-MATCHA-6 抹茶アイス 6個入 1 1');
  });

  it('prints one delivery note per parcel, gifts without prices', () => {
    const html = Buffer.from(file(day, 'delivery-notes.html')).toString('utf8');
    const pages = html.split('<section').slice(1);
    expect(pages).toHaveLength(7);
    const gifts = pages.filter((page) => page.includes('お届け明細書'));
    expect(gifts).toHaveLength(2);
    for (const gift of gifts) {
      expect(gift).toContain('清水 浩二様からのプレゼントをお届けします');
      expect(gift).not.toContain('¥');
    }
    expect(log).toContain('delivery-notes.html: 7ページ (お買い上げ明細書 5, ギフトのお届け明細書 2)');
  });

  it('writes B2クラウド labels keyed by slip number, with cool, COD and time slot (golden)', () => {
    // お客様管理番号|送り状種類|クール区分|お届け予定日|配達時間帯|郵便番号|お届け先名|品名１|コレクト代金|内消費税
    const columns = [1, 2, 3, 6, 7, 11, 16, 28, 34, 35];
    const labels = rows(file(day, 'labels-b2.csv'), false).map((row) =>
      columns.map((no) => row[no - 1]).join('|'),
    );
    expect(labels).toEqual([
      'HK-1001-1|0||||330-0846|吉田 真理|静岡 深蒸し煎茶 100g||',
      'HK-1002-1|2||||650-0001|井上 隆|抹茶ラテ スティック 10本入|4818|372',
      'HK-1003-1|0||||920-0961|木村 結衣|静岡 深蒸し煎茶 100g||',
      'HK-1003-2|0|1|||920-0961|木村 結衣|抹茶アイス 6個入||',
      'HK-1004-1|0||||940-0062|清水 正|深蒸し煎茶 ギフト3袋||',
      'HK-1004-2|0||||790-0003|清水 直美|深蒸し煎茶 ギフト3袋||',
      'HK-1005-1|0||2026/12/03|1921|220-0012|林 美穂|抹茶ラテ スティック 10本入||',
    ]);
    expect(log).toContain('「𠮷」(U+20BB7) は CP932 (Shift_JIS) で書けないため「吉」に置き換えました');
  });

  it('reads the issued-slip file back and marks every parcel shipped', () => {
    const issued = rows(file(day, 'b2-issued.csv'), false);
    expect(issued.map((row) => row[0])).toEqual(rows(file(day, 'labels-b2.csv'), false).map((row) => row[0]));
    expect(issued.every((row) => hasValidCheckDigit(row[3] ?? ''))).toBe(true);
    expect(log).toContain('7行 = 反映 7件 + 未照合 0件 + 不正 0件');
    const states = day.orders.flatMap((order) => order.shipments.map((shipment) => shipment.state));
    expect(states).toEqual(Array(7).fill('shipped'));
  });

  it('sends the shop one row per order line and parcel, with the tracking number (golden)', () => {
    const results = rows(file(day, 'shipments-for-shop.csv'), false).map((row) => row.join(','));
    expect(results).toEqual([
      '受注番号,明細番号,数量,伝票番号,配送業者,お問い合わせ番号,出荷日',
      'HK-1001,1,2,HK-1001-1,ヤマト運輸,440100000012,2026-12-01',
      'HK-1001,2,1,HK-1001-1,ヤマト運輸,440100000012,2026-12-01',
      'HK-1002,1,3,HK-1002-1,ヤマト運輸,440100000023,2026-12-01',
      'HK-1003,2,1,HK-1003-1,ヤマト運輸,440100000034,2026-12-01',
      'HK-1003,1,1,HK-1003-2,ヤマト運輸,440100000045,2026-12-01',
      'HK-1004,1,1,HK-1004-1,ヤマト運輸,440100000056,2026-12-01',
      'HK-1004,2,1,HK-1004-2,ヤマト運輸,440100000060,2026-12-01',
      'HK-1005,1,1,HK-1005-1,ヤマト運輸,440100000071,2026-12-01',
      'HK-1005,2,1,HK-1005-1,ヤマト運輸,440100000071,2026-12-01',
    ]);
  });

  it('writes the same bytes on every run', async () => {
    const again = await runDay();
    expect(again.files.map((f) => f.name)).toEqual(day.files.map((f) => f.name));
    again.files.forEach((f, index) => {
      expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(day.files[index]!.bytes))).toBe(0);
    });
    expect(again.log).toEqual(day.log);
  });

  it('runs from the command line and writes every file to the output folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'hakobu-warehouse-'));
    const cli = spawnSync(process.execPath, [here('./warehouse.mjs'), '--out', out], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('出荷済みの伝票 7件');
    expect(readdirSync(out).sort()).toEqual([
      'b2-issued.csv',
      'delivery-notes.html',
      'labels-b2.csv',
      'picking-list.html',
      'shipments-for-shop.csv',
    ]);
  });

  it('refuses a date that does not exist and a missing orders file', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (line: string) => err.push(line) };
    expect(await main(['--date', '2026-02-30'], io)).toBe(2);
    expect(err.join('\n')).toContain('--date「2026-02-30」は YYYY-MM-DD の実在する日付ではありません');
    expect(await main(['--orders', '/no/such/orders.csv'], io)).toBe(1);
    expect(err.join('\n')).toContain('受注ファイル /no/such/orders.csv を読めません (ENOENT)');
  });
});
