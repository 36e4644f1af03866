#!/usr/bin/env node
// A partner warehouse (3PL) embedding hakobu for one client shop, one day:
//
//   orders in (hakobu standard CSV from the shop) → pack apart what must travel apart (冷凍 / 常温)
//   → pre-shipment checks → picking list and delivery notes (HTML to print) → B2クラウド labels
//   → the carrier's issued-slip file back → tracking numbers onto the orders
//   → shipment results to the shop (CSV)
//
//   node examples/warehouse/warehouse.mjs [--orders FILE] [--out DIR] [--date YYYY-MM-DD]
//
// The warehouse keeps orders in its own OrderRepository (in memory here; see examples/custom-adapter for
// writing one on your database). The clock and ids are fixed for the day, so every run writes the same bytes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkShipments,
  defaultRemoteIslands,
  loadJapanPostDirectory,
  readTracking,
  writeLabels,
} from '@hakobu/carriers';
// Only the simulated carrier below uses it: real tracking numbers come from the carrier.
import { withCheckDigit } from '@hakobu/carriers/testing';
import { PlainDate, readCsv, writeCsv } from '@hakobu/core';
import { renderDeliveryNotes, renderPickingList } from '@hakobu/mail-templates';
import {
  carrierNames,
  collectShipmentResults,
  importOrders,
  readOrderCsv,
  standardOrderCsvFormat,
} from '@hakobu/malls';
import {
  applyTracking,
  changesOf,
  commitOperation,
  createInMemoryOrderRepository,
  isGift,
  splitByTemperature,
  stateOf,
} from '@hakobu/orders';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The sample day: the orders the shop sent on 2026-11-30, shipped on 2026-12-01. */
export const SAMPLE = { orders: here('./sample/orders-from-shop.csv'), date: '2026-12-01' };

/** Fees stay on the first slip; the frozen slip carries only its goods (the shop's choice, not hakobu's). */
const SPLIT_POLICY = { fees: 'temperaturePriority', discounts: 'apportionByItems' };

/** A clock stopped at 09:00 on the warehouse day, Japan time: a real host passes `systemClock`. */
function dayClock(date) {
  const instant = new Date(`${date}T09:00:00+09:00`);
  return { now: () => new Date(instant) };
}

/** Ids for one day's run: readable and the same on every run (a real host uses its database's). */
function dayIds(date) {
  let next = 0;
  const day = date.replaceAll('-', '');
  return { newId: (kind) => `${kind}-${day}-${String(++next).padStart(4, '0')}` };
}

/**
 * The carrier's side, simulated (B2クラウド 発行済データ): the label file as uploaded, each row given a tracking
 * number in 伝票番号 (column 4). A real warehouse downloads this file from B2クラウド after printing.
 */
export function simulateB2Issue(labelBytes, firstNumber = 44010000001) {
  const read = readCsv(labelBytes, { header: false, columns: [{ key: 'key', index: 0 }] });
  const rows = read.records.map((record, index) => {
    const cells = [...(record.raw ?? [])];
    cells[3] = withCheckDigit(String(firstNumber + index));
    return cells;
  });
  const written = writeCsv(rows, { formulaGuard: false });
  if (!written.ok) throw new Error(written.issues.map((issue) => issue.message).join('\n'));
  return written.value.bytes;
}

const SHIPMENT_RESULT_COLUMNS = [
  { key: 'orderNumber', header: '受注番号' },
  { key: 'lineNumber', header: '明細番号' },
  { key: 'quantity', header: '数量' },
  { key: 'slipNumber', header: '伝票番号' },
  { key: 'carrier', header: '配送業者' },
  { key: 'trackingNumber', header: 'お問い合わせ番号' },
  { key: 'shippedOn', header: '出荷日' },
];

/**
 * The file that goes back to the shop (出荷実績CSV): one row per order line and parcel, with the tracking
 * number, so the shop's cart can mark each line shipped and mail the customer. Built from the malls
 * write-back's `collectShipmentResults`, which also reports a 同梱 parcel to every order it carries.
 */
export function shipmentResultsCsv(orders, channel) {
  const { results, issues } = collectShipmentResults(orders, channel);
  const rows = results.flatMap(({ order, parcels }) =>
    parcels.flatMap((parcel) =>
      parcel.lines.map((line) => ({
        orderNumber: order.mallOrderNumber,
        lineNumber: line.mallLineId,
        quantity: line.quantity,
        slipNumber: parcel.shipment.slipNumber,
        carrier: carrierNames[parcel.shipment.carrier] ?? parcel.shipment.carrier ?? '',
        trackingNumber: parcel.trackingNumber,
        shippedOn: parcel.shipment.shippedOn ?? '',
      })),
    ),
  );
  const written = writeCsv(rows, { columns: SHIPMENT_RESULT_COLUMNS, formulaGuard: true });
  return { written, rows, issues };
}

/**
 * One warehouse day for one client shop: every step of the header comment, returning the files to write
 * and a log of what happened (in Japanese, for the warehouse staff).
 */
export async function runWarehouseDay({ ordersCsv, settings, date }) {
  const { client, warehouse } = settings;
  const clock = dayClock(date);
  const ids = dayIds(date);
  const ctx = { clock, ids, actor: `warehouse:${warehouse.name}` };
  const repository = createInMemoryOrderRepository();
  const log = [`${warehouse.name} 出荷日 ${date} (荷主: ${client.shipper.name})`];
  const files = [];
  const step = (title) => log.push('', `■ ${title}`);
  const say = (line) => log.push(`  ${line}`);

  step('1. 受注の受け取り (hakobu標準受注CSV)');
  const format = standardOrderCsvFormat({ shopId: client.shopId, channel: client.channel });
  const read = readOrderCsv(ordersCsv, format);
  say(
    `読込 ${read.counts.records}行 = 取込 ${read.counts.accepted}行 + 取込不可 ${read.counts.rejected}行 → 受注 ${read.counts.orders}件`,
  );
  for (const row of read.rejected) for (const issue of row.issues) say(`[取込不可] ${issue.message}`);
  const first = await importOrders(repository, read.drafts, ctx);
  if (!first.ok) throw new Error(first.issues.map((issue) => issue.message).join('\n'));
  say(`新規 ${first.value.counts.created}件, 更新 ${first.value.counts.updated}件`);
  // Shops resend files; importing the same orders again must not make a second parcel.
  const again = await importOrders(repository, read.drafts, ctx);
  if (!again.ok) throw new Error(again.issues.map((issue) => issue.message).join('\n'));
  say(
    `同じファイルの再送: 新規 ${again.value.counts.created}件, 変更なし ${again.value.counts.unchanged}件 (二重出荷なし)`,
  );

  const everyOrder = async () =>
    (await repository.query({}, { offset: 0, limit: 10_000 })).items.sort((a, b) =>
      a.mallOrderNumber < b.mallOrderNumber ? -1 : 1,
    );

  step('2. 梱包の準備: 温度帯で分ける (伝票分割)・配送業者を決める');
  for (const order of await everyOrder()) {
    if (new Set(order.lines.map((line) => line.temperature)).size < 2) continue;
    const split = splitByTemperature(order, SPLIT_POLICY, ctx);
    if (!split.ok) {
      for (const issue of split.issues) say(`[分割できません] ${issue.message}`);
      continue;
    }
    const saved = await repository.save(changesOf([split.value.order]));
    if (!saved.ok) throw new Error(saved.issues.map((issue) => issue.message).join('\n'));
    const slips = split.value.order.shipments.map(
      (s) => `${s.slipNumber} ${temperatureLabel(s.temperature)}`,
    );
    say(`受注${order.mallOrderNumber} → ${slips.join(', ')}`);
  }

  // The warehouse ships this client with one carrier; recorded as an operation, so the history says who
  // chose it and when (and it can be undone like any other).
  const unassigned = (await everyOrder()).filter((order) =>
    order.shipments.some((shipment) => shipment.state === 'open' && shipment.carrier !== client.carrier),
  );
  if (unassigned.length > 0) {
    const assigned = unassigned.map((order) => ({
      ...stateOf(order),
      shipments: order.shipments.map((shipment) =>
        shipment.state === 'open' ? { ...shipment, carrier: client.carrier } : shipment,
      ),
    }));
    const outcome = commitOperation(unassigned, assigned, ctx, 'warehouse.carrier', {
      carrier: client.carrier,
    });
    const saved = await repository.save(changesOf(outcome.orders));
    if (!saved.ok) throw new Error(saved.issues.map((issue) => issue.message).join('\n'));
  }
  say(`配送業者: ${carrierNames[client.carrier] ?? client.carrier} (受注 ${unassigned.length}件に設定)`);

  const orders = await everyOrder();
  const parcels = orders.flatMap((order) =>
    order.shipments
      .filter((shipment) => shipment.state === 'open')
      .map((shipment) => ({ shipment, orders: [order] })),
  );
  const shipments = parcels.map((parcel) => parcel.shipment);

  step('3. 出荷前チェック (郵便番号・住所・離島・お届け日数)');
  const checks = checkShipments(shipments, {
    directory: await loadJapanPostDirectory(),
    from: warehouse.prefecture,
    islands: defaultRemoteIslands(),
    shipDate: date,
  });
  const alerts = checks.flatMap((check) => check.issues);
  if (alerts.length === 0) say(`伝票 ${shipments.length}件: 問題なし`);
  for (const issue of alerts) say(`[${issue.severity === 'error' ? 'エラー' : '警告'}] ${issue.message}`);

  step('4. ピッキングリストと納品書 (印刷用 HTML)');
  const documents = { branding: { [`${client.channel}/${client.shopId}`]: client.branding }, issuedOn: date };
  const picking = renderPickingList(parcels, documents);
  files.push({ name: 'picking-list.html', bytes: Buffer.from(picking.html) });
  say(`picking-list.html: 伝票 ${parcels.length}件`);
  const notes = renderDeliveryNotes(parcels, documents);
  files.push({ name: 'delivery-notes.html', bytes: Buffer.from(notes.html) });
  const gifts = parcels.filter((parcel) => isGift(parcel.orders[0], parcel.shipment)).length;
  say(
    `delivery-notes.html: ${notes.pages}ページ (お買い上げ明細書 ${notes.pages - gifts}, ギフトのお届け明細書 ${gifts})`,
  );
  for (const issue of [...picking.issues, ...notes.issues]) say(`[帳票] ${issue.message}`);

  step('5. 送り状 (ヤマト B2クラウド)');
  const keyOf = (shipment) => shipment.slipNumber;
  const labels = writeLabels(shipments, {
    system: 'yamato-b2',
    shipper: client.shipper,
    orders,
    shipDate: date,
    keyOf,
    ...client.yamato,
  });
  const labelFile = labels.files[0];
  if (labelFile !== undefined) files.push({ name: 'labels-b2.csv', bytes: labelFile.bytes });
  say(`labels-b2.csv: 出力 ${labels.counts.written}件, 出力不可 ${labels.counts.rejected}件`);
  for (const issue of labels.issues)
    say(`[${issue.severity === 'error' ? 'エラー' : '警告'}] ${issue.message}`);

  step('6. B2クラウドで発行 → 発行済データ (模擬)');
  const issued = labelFile === undefined ? new Uint8Array() : simulateB2Issue(labelFile.bytes);
  files.push({ name: 'b2-issued.csv', bytes: issued });
  say(`b2-issued.csv: ${labelFile?.rows.length ?? 0}件に伝票番号`);

  step('7. 送り状番号の取込');
  const tracking = readTracking('yamato-b2', issued, shipments, { keyOf });
  say(
    `${tracking.counts.rows}行 = 反映 ${tracking.counts.applied}件 + 未照合 ${tracking.counts.unmatched}件 + 不正 ${tracking.counts.invalid}件`,
  );
  for (const issue of tracking.issues) say(`[取込] ${issue.message}`);
  const applied = applyTracking(
    orders,
    tracking.applied.map(({ slipNumber, trackingNumber, shippedOn }) => ({
      slipNumber,
      trackingNumber,
      shippedOn,
    })),
    { existing: 'reject' },
    ctx,
  );
  for (const issue of applied.issues) say(`[反映] ${issue.message}`);
  const saved = await repository.save(changesOf(applied.changed));
  if (!saved.ok) throw new Error(saved.issues.map((issue) => issue.message).join('\n'));
  const shipped = (await everyOrder())
    .flatMap((order) => order.shipments)
    .filter((s) => s.state === 'shipped');
  say(`出荷済みの伝票 ${shipped.length}件`);

  step('8. 出荷実績をショップへ (CSV)');
  const results = shipmentResultsCsv(await everyOrder(), client.channel);
  if (!results.written.ok) throw new Error(results.written.issues.map((issue) => issue.message).join('\n'));
  files.push({ name: 'shipments-for-shop.csv', bytes: results.written.value.bytes });
  say(`shipments-for-shop.csv: ${results.rows.length}行 (受注明細 × 荷物)`);
  for (const issue of [...results.issues, ...results.written.issues]) say(`[実績] ${issue.message}`);

  return { files, log, orders: await everyOrder(), labels, tracking, picking, notes };
}

function temperatureLabel(zone) {
  return { ambient: '常温', chilled: '冷蔵', frozen: '冷凍' }[zone] ?? zone;
}

const USAGE = `使い方: node examples/warehouse/warehouse.mjs [--orders 受注CSV] [--out 出力フォルダ] [--date YYYY-MM-DD]
  既定: 見本の受注 (sample/orders-from-shop.csv), 出力 examples/warehouse/out, 出荷日 ${SAMPLE.date}`;

/** The command: returns the exit code (0 done, 1 unreadable input, 2 usage error). */
export async function main(argv, io = { out: console.log, err: console.error }) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        orders: { type: 'string' },
        out: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`エラー: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const date = values.date ?? SAMPLE.date;
  if (!PlainDate.safeParse(date).success) {
    io.err(`エラー: --date「${date}」は YYYY-MM-DD の実在する日付ではありません\n${USAGE}`);
    return 2;
  }
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const ordersPath = values.orders === undefined ? SAMPLE.orders : resolve(cwd, values.orders);
  const outDir = values.out === undefined ? here('./out') : resolve(cwd, values.out);
  let ordersCsv;
  try {
    ordersCsv = await readFile(ordersPath);
  } catch (error) {
    io.err(`エラー: 受注ファイル ${ordersPath} を読めません (${error.code ?? error.message})`);
    return 1;
  }
  const settings = JSON.parse(await readFile(here('./settings.json'), 'utf8'));
  const day = await runWarehouseDay({ ordersCsv, settings, date });
  await mkdir(outDir, { recursive: true });
  for (const file of day.files) await writeFile(join(outDir, file.name), file.bytes);
  for (const line of day.log) io.out(line);
  io.out('');
  io.out(`出力フォルダ: ${outDir}`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
