#!/usr/bin/env node
// 送り状コンバーター: a mall order file in, a carrier label file out, every alert printed.
//
//   node examples/label-converter/convert.mjs --from rakuten --to yamato-b2 IN.csv OUT.csv
//
// The steps are the library's: read the mall file (@hakobu/malls), build canonical orders (planImport, pure:
// nothing is stored), check postal codes, 離島 and lead times (@hakobu/carriers checkShipments), write the
// carrier's CSV (writeLabels). This file only chooses formats, reads settings, and prints.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkShipments, defaultRemoteIslands, loadJapanPostDirectory, writeLabels } from '@hakobu/carriers';
import { PlainDate, systemClock, toJapanDate } from '@hakobu/core';
import {
  amazonOrderReportFormat,
  eccubeOrderCsvFormat,
  planImport,
  rakutenOrderCsvFormat,
  readOrderCsv,
  shopifyOrderCsvFormat,
  standardOrderCsvFormat,
  yahooOrderCsvFormat,
} from '@hakobu/malls';
import { Party } from '@hakobu/orders';

/** The mall files this command reads (@hakobu/malls), by the name given to `--from`. */
export const MALL_FORMATS = {
  rakuten: { label: '楽天 受注CSV', format: rakutenOrderCsvFormat },
  yahoo: { label: 'Yahoo!ショッピング 注文CSV', format: yahooOrderCsvFormat },
  amazon: { label: 'Amazon 注文レポート (TSV)', format: amazonOrderReportFormat },
  shopify: { label: 'Shopify 注文CSV', format: shopifyOrderCsvFormat },
  eccube: { label: 'EC-CUBE 受注CSV', format: eccubeOrderCsvFormat },
  standard: { label: 'hakobu標準受注CSV', format: standardOrderCsvFormat },
};

/** The label files this command writes (@hakobu/carriers), by the name given to `--to`, with short aliases. */
export const CARRIER_FORMATS = {
  'yamato-b2': { label: 'ヤマト B2クラウド', carrier: 'yamato', alias: 'b2' },
  'sagawa-ehiden2': { label: '佐川 e飛伝Ⅱ', carrier: 'sagawa', alias: 'ehiden2' },
  'sagawa-ehiden3': { label: '佐川 e飛伝Ⅲ', carrier: 'sagawa', alias: 'ehiden3' },
  'japanpost-yupri': { label: '日本郵便 ゆうプリR', carrier: 'japanpost', alias: 'yupri' },
  'japanpost-clickpost': { label: '日本郵便 クリックポスト', carrier: 'japanpost', alias: 'clickpost' },
};

const DEFAULT_SHOP = fileURLToPath(new URL('./shop.json', import.meta.url));

export const USAGE = `使い方: node examples/label-converter/convert.mjs --from <モール形式> --to <送り状形式> [オプション] 入力ファイル 出力ファイル

モールの受注ファイルを読み、送り状発行システムの取込CSV (CP932) を書きます。
取込できなかった行、出力できなかった伝票、郵便番号・住所・離島・お届け日数のチェック、
切り詰めた項目、CP932 にない文字の置き換えをすべて表示します。

  --from <形式>       ${Object.entries(MALL_FORMATS)
    .map(([name, { label }]) => `${name} (${label})`)
    .join('\n                      ')}
  --to <形式>         ${Object.entries(CARRIER_FORMATS)
    .map(([name, { label, alias }]) => `${name} | ${alias} (${label})`)
    .join('\n                      ')}
  --shop <ファイル>   ショップ設定 JSON (店舗ID・ご依頼主・B2のご請求先顧客コード)。既定: shop.json (見本)
  --ship-date <日付>  出荷予定日 YYYY-MM-DD。既定: 今日 (日本時間)
  -h, --help          この説明

終了コード: 0 変換した (アラートがあっても), 1 入力・設定の誤りや出力できる伝票がない, 2 使い方の誤り`;

class UsageError extends Error {}

/** Reads the command line into options, or throws a `UsageError` with a Japanese message. */
export function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        shop: { type: 'string' },
        'ship-date': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? '';
    throw new UsageError(
      error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `知らないオプション「${option}」です`
        : `オプション「${option}」に値がありません`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (values.from === undefined) throw new UsageError('--from (モール形式) を指定してください');
  if (!Object.hasOwn(MALL_FORMATS, values.from)) {
    throw new UsageError(
      `--from「${values.from}」は読めません。使える形式: ${Object.keys(MALL_FORMATS).join(', ')}`,
    );
  }
  if (values.to === undefined) throw new UsageError('--to (送り状形式) を指定してください');
  const system = Object.keys(CARRIER_FORMATS).find(
    (name) => name === values.to || CARRIER_FORMATS[name].alias === values.to,
  );
  if (system === undefined) {
    throw new UsageError(
      `--to「${values.to}」は書けません。使える形式: ${Object.keys(CARRIER_FORMATS).join(', ')}`,
    );
  }
  if (values['ship-date'] !== undefined && !PlainDate.safeParse(values['ship-date']).success) {
    throw new UsageError(`--ship-date「${values['ship-date']}」は YYYY-MM-DD の実在する日付ではありません`);
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      `入力ファイルと出力ファイルを1つずつ指定してください (指定: ${positionals.length}個)`,
    );
  }
  return {
    help: false,
    from: values.from,
    to: system,
    shop: values.shop ?? DEFAULT_SHOP,
    shipDate: values['ship-date'],
    input: positionals[0],
    output: positionals[1],
  };
}

/** Checks the shop settings: a shop id, a valid ご依頼主 (Party of @hakobu/orders), B2's billing code. */
export function checkShopSettings(shop, system) {
  const problems = [];
  if (typeof shop?.shopId !== 'string' || shop.shopId === '') problems.push('shopId (店舗ID) がありません');
  const shipper = Party.safeParse(shop?.shipper);
  if (!shipper.success) {
    for (const issue of shipper.error.issues) {
      problems.push(`shipper.${issue.path.join('.')} (ご依頼主): ${issue.message}`);
    }
  }
  if (system === 'yamato-b2' && !/^\d{10,12}$/.test(shop?.yamato?.billingCustomerCode ?? '')) {
    problems.push('B2クラウドには yamato.billingCustomerCode (ご請求先顧客コード, 10〜12桁) が必要です');
  }
  return problems;
}

/** Ids for one run: short, readable and the same on every run of the same file. */
function runIds() {
  let next = 0;
  return { newId: (kind) => `${kind}-${++next}` };
}

/**
 * Converts one mall file to label files: reads it, builds the orders, picks the shipments to print, checks
 * them and writes the carrier's layout. Pure apart from loading the bundled postal data; writes no file.
 */
export async function convert({ from, to, input, shop, shipDate, clock = systemClock }) {
  const read = readOrderCsv(input, MALL_FORMATS[from].format({ shopId: shop.shopId }));
  const plan = planImport(read.drafts, () => undefined, {
    clock,
    ids: runIds(),
    actor: 'system:label-converter',
  });
  const orders = plan.decisions.map((decision) => decision.order);
  const targets = [];
  const skipped = [];
  for (const order of orders) {
    for (const shipment of order.shipments) {
      if (shipment.state !== 'open') {
        const reason = shipment.state === 'cancelled' ? 'キャンセル済みです' : '発送済みです';
        skipped.push({ slipNumber: shipment.slipNumber, reason });
      } else if (order.axes.holds.length > 0) {
        // A 代引 amount built on an undecided fee would be printed on the label and collected at the door.
        const reason = `保留中です: ${order.axes.holds.map((hold) => hold.reason).join('、')}`;
        skipped.push({ slipNumber: shipment.slipNumber, reason });
      } else {
        // The carrier is what the shop chose with --to, whatever the mall recorded at checkout.
        targets.push({ ...shipment, carrier: CARRIER_FORMATS[to].carrier });
      }
    }
  }
  // お客様管理番号 columns hold 15–16 characters at most: ship date + sequence fits every layout, and is what
  // the carrier's issued-slip export gives back to match tracking numbers.
  const keys = new Map(
    targets.map((shipment, index) => [
      shipment.id,
      `${shipDate.replaceAll('-', '')}-${String(index + 1).padStart(4, '0')}`,
    ]),
  );
  const keyOf = (shipment) => keys.get(shipment.id) ?? shipment.id;
  const checks = checkShipments(targets, {
    directory: await loadJapanPostDirectory(),
    from: shop.shipper.prefecture,
    islands: defaultRemoteIslands(),
    shipDate,
  });
  const batch = writeLabels(targets, {
    system: to,
    shipper: shop.shipper,
    orders,
    shipDate,
    keyOf,
    ...(to === 'yamato-b2' ? shop.yamato : {}),
  });
  return { read, orders, targets, skipped, checks, batch, keyOf };
}

/** Alert groups in the order they are printed, each by the issue codes it gathers. */
const ALERT_GROUPS = [
  ['郵便番号・住所', (code) => code.startsWith('carrier.postal.')],
  ['離島', (code) => code === 'carrier.remote_island'],
  ['お届け日数', (code) => code.startsWith('carrier.lead_time.')],
  ['電話番号', (code) => code.startsWith('contacts.phone') || code === 'carrier.phone_missing'],
  [
    '切り詰め・変換',
    (code) =>
      code === 'carrier.field_truncated' ||
      code === 'carrier.kana_unconverted' ||
      code === 'carrier.time_slot_widened',
  ],
  ['CP932 にない文字', (code) => code.startsWith('cp932.')],
  ['その他', () => true],
];

/** Every alert of a conversion, grouped, each message once. */
export function collectAlerts(result) {
  const rejectedIds = new Set(result.batch.rejected.map((shipment) => shipment.shipmentId));
  const issues = [
    ...result.read.issues,
    ...result.orders.flatMap((order) => order.alerts),
    ...result.checks.flatMap((check) => check.issues),
    // Issues of rejected shipments are printed with them; the batch repeats them.
    ...result.batch.issues.filter((issue) => !rejectedIds.has(issue.data?.shipmentId)),
  ];
  const seen = new Set();
  const groups = ALERT_GROUPS.map(([title]) => ({ title, messages: [] }));
  for (const issue of issues) {
    if (seen.has(issue.message)) continue;
    seen.add(issue.message);
    const index = ALERT_GROUPS.findIndex(([, matches]) => matches(issue.code));
    groups[index].messages.push(`[${issue.severity === 'error' ? 'エラー' : '警告'}] ${issue.message}`);
  }
  return groups.filter((group) => group.messages.length > 0);
}

/** The file name of the n-th output file: OUT, then OUT-2, OUT-3 … (クリックポスト takes 40 rows a file). */
export function outputPath(output, index) {
  if (index === 0) return output;
  const extension = extname(output);
  return join(dirname(output), `${basename(output, extension)}-${index + 1}${extension}`);
}

const number = (value) => value.toLocaleString('ja-JP');

/** The report printed after a conversion: what was read, what was left out and why, the alerts, the counts. */
export function report(result, { from, to, outputs }) {
  const { read, batch, skipped } = result;
  const lines = [`送り状コンバーター: ${MALL_FORMATS[from].label} → ${CARRIER_FORMATS[to].label}`];
  const section = (title, count, items) => {
    if (count === 0) return;
    lines.push('', `■ ${title} (${count}件)`, ...items.map((item) => `  ${item}`));
  };
  section(
    '取込できなかった行',
    read.rejected.length,
    [...read.rejected]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .flatMap((row) =>
        row.issues.map((issue) => {
          const where = row.line === undefined ? '' : `${row.line}行目: `;
          return issue.message.startsWith(`${row.line}行目`) ? issue.message : `${where}${issue.message}`;
        }),
      ),
  );
  section(
    '送り状にしなかった伝票',
    skipped.length,
    skipped.map((entry) => `伝票${entry.slipNumber}: ${entry.reason}`),
  );
  section(
    '出力できなかった伝票',
    batch.rejected.length,
    batch.rejected.flatMap((shipment) =>
      shipment.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message),
    ),
  );
  const alerts = collectAlerts(result);
  for (const group of alerts) section(`アラート: ${group.title}`, group.messages.length, group.messages);

  lines.push('', '■ 集計');
  lines.push(
    `  読込 ${read.counts.records}行 = 取込 ${read.counts.accepted}行 + 取込不可 ${read.counts.rejected}行 → 受注 ${read.counts.orders}件`,
  );
  lines.push(
    `  伝票 ${batch.counts.shipments + skipped.length}件 = 出力 ${batch.counts.written}件 + 出力不可 ${batch.counts.rejected}件 + 対象外 ${skipped.length}件`,
  );
  const alertCounts = alerts.map((group) => `${group.title} ${group.messages.length}件`);
  lines.push(`  アラート: ${alertCounts.length === 0 ? 'なし' : alertCounts.join(', ')}`);
  batch.files.forEach((file, index) => {
    lines.push(
      `  出力: ${outputs[index]} (${file.rows.length}件, ${number(file.bytes.length)}バイト, CP932)`,
    );
  });
  if (batch.files.length === 0) lines.push('  出力: なし (出力できる伝票がありません)');
  return lines;
}

const defaultIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  clock: systemClock,
  // `npm run convert` runs in the repository root; paths are read from where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
};

/** The command: returns the exit code (0 converted, 1 bad input or settings or nothing to write, 2 usage). */
export async function main(argv, io = defaultIo) {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`エラー: ${error.message}`);
    io.err('「--help」で使い方を表示します');
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const inputPath = resolve(io.cwd, options.input);
  const outputBase = resolve(io.cwd, options.output);
  const shopPath = resolve(io.cwd, options.shop);
  let input;
  let shop;
  try {
    input = await readFile(inputPath);
  } catch (error) {
    io.err(`エラー: 入力ファイル ${options.input} を読めません (${error.code ?? error.message})`);
    return 1;
  }
  try {
    shop = JSON.parse(await readFile(shopPath, 'utf8'));
  } catch (error) {
    io.err(`エラー: ショップ設定 ${options.shop} を読めません (${error.code ?? error.message})`);
    return 1;
  }
  const problems = checkShopSettings(shop, options.to);
  if (problems.length > 0) {
    io.err(`エラー: ショップ設定 ${options.shop} に誤りがあります`);
    for (const problem of problems) io.err(`  ${problem}`);
    return 1;
  }
  const shipDate = options.shipDate ?? toJapanDate(io.clock.now());
  const result = await convert({ ...options, input, shop, shipDate, clock: io.clock });
  for (const [index, file] of result.batch.files.entries()) {
    await writeFile(outputPath(outputBase, index), file.bytes);
  }
  const outputs = result.batch.files.map((_, index) => outputPath(options.output, index));
  for (const line of report(result, { from: options.from, to: options.to, outputs })) io.out(line);
  return result.batch.files.length === 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
