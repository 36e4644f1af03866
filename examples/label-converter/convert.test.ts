import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABEL_SYSTEMS } from '@hakobu/carriers';
import { readCsv } from '@hakobu/core';
import { fixedClock } from '@hakobu/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM example scripts, no type declarations
import { CARRIER_FORMATS, MALL_FORMATS, main, outputPath } from './convert.mjs';
// @ts-expect-error: plain ESM example scripts, no type declarations
import { sampleBytes } from './sample/generate.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SAMPLE = here('./sample/rakuten-orders.csv');
const dir = mkdtempSync(join(tmpdir(), 'hakobu-label-converter-'));
// 2026-11-30 10:00 in Japan: the default ship date is "today" in Japan time.
const clock = fixedClock('2026-11-30T01:00:00Z');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    clock,
    cwd: dir,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The rows of a label file, every cell as written (CP932 decoded). */
function rowsOf(path: string, header: boolean) {
  const read = readCsv(readFileSync(path), {
    header: false,
    encoding: 'cp932',
    columns: [{ key: 'first', index: 0 }],
  });
  expect(read.rejected).toEqual([]);
  const rows = read.records.map((record) => record.raw ?? []);
  return header ? rows.slice(1) : rows;
}

describe('the bundled sample', () => {
  it('is exactly what the generator writes: a 楽天 受注CSV in CP932 with CRLF', () => {
    const bytes = readFileSync(SAMPLE);
    expect(Buffer.compare(bytes, sampleBytes())).toBe(0);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    // 注文番号 in Shift_JIS: 92 8D 95 B6 94 D4 8D 86
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x92, 0x8d, 0x95, 0xb6, 0x94, 0xd4, 0x8d, 0x86]));
  });
});

describe('rakuten → ヤマト B2クラウド', () => {
  let result: Awaited<ReturnType<typeof run>>;
  const out = join(dir, 'b2.csv');
  beforeAll(async () => {
    result = await run('--from', 'rakuten', '--to', 'b2', '--ship-date', '2026-12-01', SAMPLE, 'b2.csv');
  });

  it('writes the B2 layout: 97 columns, no header, CP932, CRLF', () => {
    expect(result.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(-2).toString('latin1')).toBe('\r\n');
    expect(bytes.toString('latin1').split('\r\n').length - 1).toBe(6);
    // 高 (substituted for 髙) in CP932 is 8D 82
    expect(bytes.includes(Buffer.from([0x8d, 0x82]))).toBe(true);
    const rows = rowsOf(out, false);
    expect(rows.every((row) => row.length === 97)).toBe(true);
  });

  it('fills the key columns of each row (golden)', () => {
    // お客様管理番号|送り状種類|出荷予定日|お届け予定日|配達時間帯|電話|郵便番号|住所|建物|お届け先名|カナ|
    // ご依頼主電話|ご依頼主郵便番号|ご依頼主名|品名１|品名２|コレクト代金|内消費税|請求先顧客コード|運賃管理番号
    const columns = [1, 2, 5, 6, 7, 9, 11, 12, 13, 16, 17, 20, 22, 25, 28, 30, 34, 35, 40, 42];
    const rows = rowsOf(out, false).map((row) => columns.map((no) => row[no - 1]).join('|'));
    const shipper = '054-221-1234|420-0853|はこぶ茶舗';
    const billing = '054221123401|01';
    expect(rows).toEqual([
      `20261201-0001|0|2026/12/01|||090-1234-5678|150-0001|東京都渋谷区神宮前3丁目25-12||高橋 花子|ﾀｶﾊｼ ﾊﾅｺ|${shipper}|静岡 深蒸し煎茶 100g||||${billing}`,
      `20261201-0002|2|2026/12/01||1416|06-6345-1234|530-0001|大阪府大阪市北区梅田1丁目3-1 大阪駅前第1ビル12階||佐藤 健一|ｻﾄｳ ｹﾝｲﾁ|${shipper}|抹茶ラテ スティック 10本入|有田焼 湯呑み 藍染|5526|480|${billing}`,
      `20261201-0004|0|2026/12/01|2026/12/05||04996-2-1234|100-1401|東京都八丈島八丈町大賀郷1234||田中 和子|ﾀﾅｶ ｶｽﾞｺ|${shipper}|静岡県産 特上深蒸し茶 100g×3袋 詰め合わせ 化粧箱||||${billing}`,
      `20261201-0005|0|2026/12/01|||075-211-9876|530-0001|京都府京都市中京区恵比須町534||渡辺 由美|ﾜﾀﾅﾍﾞ ﾕﾐ|${shipper}|静岡 深蒸し煎茶 100g||||${billing}`,
      `20261201-0006|0|2026/12/01|||022-261-4455|980-0881|宮城県仙台市青葉区一番町3丁目1-1||伊藤 誠|ｲﾄｳ ﾏｺﾄ|${shipper}|有田焼 湯呑み 藍染||||${billing}`,
      `20261201-0007|2|2026/12/01|||0980-72-1234|906-0012|沖縄県宮古島市平良西里123||山本 さくら|ﾔﾏﾓﾄ ｻｸﾗ|${shipper}|抹茶ラテ スティック 10本入||4422|358|${billing}`,
    ]);
  });

  it('prints the rejected rows with their line and reason', () => {
    expect(result.out).toContain('■ 取込できなかった行 (2件)');
    expect(result.out).toContain(
      '11行目 (注文番号 360238-20261128-0000000109)の「個数」が整数ではありません: "二"',
    );
    expect(result.out).toContain('13行目の列の数が4列です（50列のはずです）');
  });

  it('prints the shipments left out and why', () => {
    expect(result.out).toContain('伝票360238-20261128-0000000108-1: 保留中です: モール側で金額が未確定です');
    expect(result.out).toContain('伝票360238-20261128-0000000110-1: キャンセル済みです');
    expect(result.out).toContain('■ 出力できなかった伝票 (1件)');
    expect(result.out).toContain(
      '伝票360238-20261128-0000000103-1: ヤマト運輸の12-14時指定は廃止されています',
    );
  });

  it('prints postal-code, address, 離島 and lead-time checks', () => {
    expect(result.out).toMatch(
      /0000000105-1のお届け先の郵便番号530-0001.*と住所が一致しません（候補: 604-8005/,
    );
    expect(result.out).toMatch(
      /\[エラー\] .*0000000106-1のお届け先の郵便番号980-0881は存在しません（候補: 980-0811/,
    );
    expect(result.out).toContain('0000000104-1のお届け先は離島（東京都八丈島八丈町）です');
    expect(result.out).toContain('0000000107-1のお届け先は離島（沖縄県宮古島市）です');
    expect(result.out).toContain('0000000107-1のお届けには4日程度かかります');
  });

  it('prints truncated fields and every character CP932 (JIS X 0208) could not hold', () => {
    expect(result.out).toContain(
      '「品名１」(28列目)が50バイトを超えるため「入り 手提げ袋付き(1)」を切り捨てました',
    );
    expect(result.out).toContain('「髙」(U+9AD9) は機種依存文字');
    expect(result.out).toContain('「①」(U+2460) は機種依存文字');
  });

  it('ends with counts that add up', () => {
    expect(result.out).toContain('読込 12行 = 取込 10行 + 取込不可 2行 → 受注 9件');
    expect(result.out).toContain('伝票 9件 = 出力 6件 + 出力不可 1件 + 対象外 2件');
    expect(result.out).toContain(
      'アラート: 郵便番号・住所 2件, 離島 2件, お届け日数 3件, 切り詰め・変換 1件, CP932 にない文字 2件',
    );
    expect(result.out).toMatch(/出力: b2\.csv \(6件, [\d,]+バイト, CP932\)/);
  });

  it('writes the same bytes from the command line in any time zone', () => {
    // The command runs on the built packages, as a user's would (`npm test` builds first).
    const cli = (file: string, tz: string) => {
      execFileSync(
        process.execPath,
        [
          here('./convert.mjs'),
          '--from',
          'rakuten',
          '--to',
          'yamato-b2',
          '--ship-date',
          '2026-12-01',
          SAMPLE,
          file,
        ],
        { env: { ...process.env, TZ: tz } },
      );
      return readFileSync(file);
    };
    const west = cli(join(dir, 'b2-west.csv'), 'America/Los_Angeles');
    const east = cli(join(dir, 'b2-east.csv'), 'Pacific/Kiritimati');
    expect(Buffer.compare(west, east)).toBe(0);
    expect(rowsOf(join(dir, 'b2-west.csv'), false).map((row) => row[0])).toEqual(
      rowsOf(out, false).map((row) => row[0]),
    );
  });
});

describe('other carriers', () => {
  /** Converts the sample to `to` with the ship date fixed, and reads the rows written. */
  async function convertSample(to: string, name: string) {
    const result = await run('--from', 'rakuten', '--to', to, '--ship-date', '2026-12-01', SAMPLE, name);
    expect(result.code).toBe(0);
    return { out: result.out, rows: rowsOf(join(dir, name), true) };
  }

  it('佐川 e飛伝Ⅲ accepts 12時～14時 and writes full-width text and the COD amount', async () => {
    const { out, rows } = await convertSample('ehiden3', 'e3.csv');
    expect(out).toContain('伝票 9件 = 出力 7件 + 出力不可 0件 + 対象外 2件');
    // お客様管理番号|郵便番号|お届け先名称１|配達指定時間帯|代引金額|消費税|出荷日
    const pick = (row: string[]) => [10, 4, 8, 46, 48, 49, 61].map((no) => row[no - 1]).join('|');
    expect(rows.slice(0, 3).map(pick)).toEqual([
      '20261201-0001|150-0001|高橋\u3000花子||||20261201',
      '20261201-0002|530-0001|佐藤\u3000健一|14|5526|480|20261201',
      '20261201-0003|060-0001|鈴木\u3000美咲|12|||20261201',
    ]);
  });

  it('ゆうプリR writes the hakobu filter layout with a header row', async () => {
    const { rows } = await convertSample('yupri', 'yupri.csv');
    expect(rows[1]?.join('|')).toBe(
      '20261201-0002|20261201|0|0|2||530-0001|大阪府大阪市北区梅田1丁目3-1 大阪駅前第1ビル12階|||佐藤 健一||06-6345-1234|' +
        '420-0853|静岡県静岡市葵区追手町9-6|追手町ビル1階|はこぶ茶舗||054-221-1234|抹茶ラテ スティック 10本入|有田焼 湯呑み 藍染||53|5526',
    );
  });

  it('クリックポスト refuses 代引, time slots and delivery dates, shipment by shipment', async () => {
    const { out, rows } = await convertSample('clickpost', 'cp.csv');
    expect(out).toContain('伝票 9件 = 出力 3件 + 出力不可 4件 + 対象外 2件');
    expect(out).toContain('伝票360238-20261128-0000000102-1: クリックポストでは代金引換を指定できません');
    expect(out).toContain('伝票360238-20261128-0000000104-1: クリックポストではお届け日を指定できません');
    expect(rows.map((row) => row[0])).toEqual(['1500001', '5300001', '9800881']);
  });

  it('takes the ship date from the clock in Japan time when none is given', async () => {
    await run('--from', 'rakuten', '--to', 'b2', SAMPLE, 'today.csv');
    const first = rowsOf(join(dir, 'today.csv'), false)[0];
    expect(first?.slice(0, 5).join('|')).toBe('20261130-0001|0|||2026/11/30');
  });
});

describe('usage', () => {
  it('offers every format the packages read and write', () => {
    expect(Object.keys(CARRIER_FORMATS)).toEqual([...LABEL_SYSTEMS]);
    expect(Object.keys(MALL_FORMATS)).toEqual([
      'rakuten',
      'yahoo',
      'amazon',
      'shopify',
      'eccube',
      'standard',
    ]);
  });

  it('prints help and exits 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--from <形式>');
    expect(result.out).toContain('japanpost-clickpost | clickpost (日本郵便 クリックポスト)');
  });

  it.each([
    [[], '--from (モール形式) を指定してください'],
    [['--from', 'mercari', '--to', 'b2', 'a', 'b'], '--from「mercari」は読めません'],
    [['--from', 'rakuten', 'a', 'b'], '--to (送り状形式) を指定してください'],
    [['--from', 'rakuten', '--to', 'fukuyama', 'a', 'b'], '--to「fukuyama」は書けません'],
    [
      ['--from', 'rakuten', '--to', 'b2', 'a'],
      '入力ファイルと出力ファイルを1つずつ指定してください (指定: 1個)',
    ],
    [
      ['--from', 'rakuten', '--to', 'b2', '--ship-date', '2026-02-30', 'a', 'b'],
      '実在する日付ではありません',
    ],
    [['--from', 'rakuten', '--to', 'b2', '--colour', 'a', 'b'], '知らないオプション「--colour」です'],
    [['--from', 'rakuten', '--to'], 'オプション「--to」に値がありません'],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('exits 1 on a missing input file or incomplete shop settings', async () => {
    const missing = await run('--from', 'rakuten', '--to', 'b2', 'no-such.csv', 'x.csv');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('入力ファイル no-such.csv を読めません (ENOENT)');
    const shop = join(dir, 'shop-no-billing.json');
    const settings = JSON.parse(readFileSync(here('./shop.json'), 'utf8'));
    writeFileSync(shop, JSON.stringify({ ...settings, yamato: {} }));
    const noBilling = await run('--from', 'rakuten', '--to', 'b2', '--shop', shop, SAMPLE, 'x.csv');
    expect(noBilling.code).toBe(1);
    expect(noBilling.err).toContain('yamato.billingCustomerCode (ご請求先顧客コード, 10〜12桁) が必要です');
  });

  it('exits 2 from the command line too', () => {
    const cli = spawnSync(process.execPath, [here('./convert.mjs'), '--to', 'b2'], { encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('--from (モール形式) を指定してください');
  });

  it('names further files OUT-2, OUT-3 … when a layout splits (クリックポスト: 40 rows a file)', () => {
    expect([0, 1, 2].map((index) => outputPath('/tmp/labels.csv', index))).toEqual([
      '/tmp/labels.csv',
      '/tmp/labels-2.csv',
      '/tmp/labels-3.csv',
    ]);
  });
});
