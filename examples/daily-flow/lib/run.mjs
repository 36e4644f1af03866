// One business day of はこぶ食堂, step by step along the daily path of the architecture:
// import → screen → 同梱 → 伝票分割 → 引当 → labels → tracking → mails and notes → mall uploads → stock sync.
import { defaultRemoteIslands, loadJapanPostDirectory } from '@hakobu/carriers';
import { indexCatalog, planSync } from '@hakobu/inventory';
import { createSkuMapper } from '@hakobu/malls';
import { createDay, json } from './day.mjs';
import { openOutput } from './output.mjs';
import { silentProgress } from './progress.mjs';
import { generateSampleData } from './sample-data.mjs';
import { catalogInput, OPENING_STOCK, PACKS, PRODUCTS, STOCK_POLICIES, TODAY } from './shop.mjs';
import { createMailer, mailsStep, reportStep, sendMails, stockStep, uploadsStep } from './steps-after.mjs';
import { allocateStep, bundleStep, importStep, screenStep, splitStep } from './steps-intake.mjs';
import { labelsStep, trackingStep } from './steps-shipping.mjs';
import { openStores } from './stores.mjs';
import { buildSummary, formatSummary } from './summary.mjs';

/** The steps of the day, in order (the terminal shows `[n/13]`). */
export const STEP_COUNT = 13;

/**
 * Runs the day and writes every output under `outDir`. Returns the summary and the files written; the
 * same options give the same bytes on every run, whatever the store.
 *
 * @param {{ outDir: string, store?: string, databaseUrl?: string, schema?: string,
 *   progress?: ReturnType<import('./progress.mjs').createProgress> }} options
 */
export async function runDailyFlow(options) {
  const progress = options.progress ?? silentProgress();
  const output = openOutput(options.outDir);

  let step = progress.step('準備');
  // The postal directory loads while the store starts (PGlite and a server take a moment).
  const loading = loadJapanPostDirectory();
  loading.catch(() => {});
  const stores = await openStores({
    kind: options.store ?? 'memory',
    databaseUrl: options.databaseUrl,
    schema: options.schema,
  });
  try {
    const directory = await loading;
    const islands = defaultRemoteIslands();
    const input = catalogInput();
    const catalog = indexCatalog(input);
    if (!catalog.ok) throw new Error(catalog.issues.map((issue) => issue.message).join('\n'));
    const day = createDay({ stores, catalog: catalog.value, directory, islands, output });
    const receipt = await stores.stock.apply({
      key: `receipt:${TODAY}:opening`,
      actor: '倉庫',
      at: '2026-12-01T08:00:00+09:00',
      operations: Object.entries(OPENING_STOCK).map(([sku, quantity]) => ({
        op: 'adjust',
        kind: 'receipt',
        sku,
        quantity,
      })),
    });
    if (!receipt.ok) throw new Error(receipt.issues.map((issue) => issue.message).join('\n'));
    // Last night's sync pushed this stock to every mall: today's sync uploads only what changes.
    const lastNight = planSync({
      catalog: catalog.value,
      levels: await stores.stock.readLevels(),
      policies: STOCK_POLICIES,
      pushed: {},
    });
    await stores.syncState.replace(lastNight.pushed);
    output.write(
      'input/product-master.json',
      json({
        products: PRODUCTS,
        packs: PACKS,
        listings: input.listings,
        openingStock: OPENING_STOCK,
        policies: STOCK_POLICIES,
      }),
    );
    step.done(
      `郵便番号簿 ${directory.dataDate}、商品 ${PRODUCTS.length}・出品 ${input.listings.length}、在庫 ${Object.keys(OPENING_STOCK).length}SKU (${stores.where})`,
    );

    step = progress.step('サンプルデータ生成');
    const data = generateSampleData(directory, islands);
    for (const file of data.files) output.write(`input/${file.name}`, file.bytes);
    for (const entry of data.blacklist) await stores.blacklist.put(entry);
    output.write('input/blacklist.json', json(data.blacklist));
    output.write('input/scenarios.json', json(data.scenarios));
    step.done(`受注 ${data.orderCount}件・4ファイル、ブラックリスト ${data.blacklist.length}件`);

    step = progress.step('受注取込');
    const imported = await importStep(day, data.files, createSkuMapper(input), step);
    step.done(
      `${imported.files.map((file) => `${file.mall} ${file.created}`).join('、')}（再取込: 新規 ${imported.reimport.created}・変更なし ${imported.reimport.unchanged}）`,
    );

    const mailer = createMailer(day.ids);
    step = progress.step('受注審査');
    const screened = await screenStep(day, step);
    const afterScreen = await day.orders();
    const confirmations = await sendMails(
      day,
      mailer,
      'screen',
      afterScreen,
      afterScreen
        .filter((order) => order.axes.holds.length === 0 && order.status !== 'onHold')
        .map((order) => ({ order, event: 'orderConfirmation' })),
    );
    step.done(
      `ブラックリスト ${screened.blacklisted}件、保留 ${screened.held}件、注文確認メール ${confirmations.sent}通`,
    );

    step = progress.step('同梱');
    const bundles = await bundleStep(day, output);
    step.done(`${bundles.bundled}組を同梱、同梱不可 ${bundles.refused}組`);

    step = progress.step('伝票分割');
    const splits = await splitStep(day);
    step.done(`${splits.split}件を温度帯で分割（伝票 +${splits.newSlips}）`);

    step = progress.step('引当');
    const allocation = await allocateStep(day, step);
    step.done(`${allocation.allocated}件を引当、欠品 ${allocation.short}件`);

    step = progress.step('送り状出力');
    const labelRuns = await labelsStep(day, output);
    step.done(
      labelRuns
        .filter((run) => run.batch.counts.shipments > 0)
        .map(
          (run) =>
            `${run.label} ${run.batch.counts.written}${run.batch.counts.rejected > 0 ? `（差し戻し ${run.batch.counts.rejected}）` : ''}`,
        )
        .join('、'),
    );

    step = progress.step('送り状番号取込');
    const tracking = await trackingStep(day, labelRuns, output);
    step.done(
      `${tracking.applied}件を反映、未照合 ${tracking.unmatched}件、発送済み ${tracking.shippedOrders}件`,
    );

    step = progress.step('メール・納品書');
    const shippedMails = await mailsStep(day, mailer, output);
    step.done(`発送完了メール ${shippedMails.sent}通、納品書 ${shippedMails.notePages}枚`);

    step = progress.step('モール発送連携');
    const uploads = await uploadsStep(day, output);
    step.done(
      `楽天 ${uploads.rakuten}、Yahoo! ${uploads.yahoo}、Amazon ${uploads.amazon}、自社 ${uploads.own}`,
    );

    step = progress.step('在庫連携');
    const stock = await stockStep(day, output);
    step.done(
      Object.entries(stock.items)
        .map(([channel, count]) => `${channel} ${count}品`)
        .join('、'),
    );

    step = progress.step('集計');
    const orders = await reportStep(day, output);
    const summary = buildSummary({
      date: TODAY,
      imported,
      screened,
      bundles,
      splits,
      allocation,
      labelRuns,
      tracking,
      mails: {
        sent: confirmations.sent + shippedMails.sent,
        failed: confirmations.failed + shippedMails.failed,
        confirmations: confirmations.sent,
        shipped: shippedMails.sent,
        parcels: shippedMails.parcels,
        gifts: shippedMails.gifts,
        notePages: shippedMails.notePages,
      },
      uploads,
      stock,
      orders,
      alerts: day.alerts(),
      files: output.files().length + 2,
    });
    const text = formatSummary(summary);
    output.write('summary.txt', text);
    output.write('summary.json', json(summary));
    output.finish();
    step.done(`出力 ${output.files().length}ファイル`);
    return { summary, text, outDir: output.root, files: output.files(), store: stores.where };
  } finally {
    await stores.close();
  }
}
