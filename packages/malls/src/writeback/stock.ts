import { type CsvWritten, createIssue, fail, type Issue, ok, type Result, writeCsv } from '@hakobu/core';
import type { SyncUpload } from '@hakobu/inventory';
import { rakutenStockProblems } from '../rakuten/codes';

/** One entry of the 楽天 inventory API 2.1 bulk-upsert body (在庫更新). */
export interface RakutenInventoryEntry {
  manageNumber: string;
  variantId: string;
  mode: 'ABSOLUTE' | 'RELATIVE';
  quantity: number;
}

export { RAKUTEN_MAX_QUANTITY } from '../rakuten/codes';

/**
 * Builds 楽天 inventory API 2.1 `bulk-upsert` bodies (`{ inventories: [...] }`, SKU project keys: 商品管理番号
 * = itemCode, SKU管理番号 = skuCode) from a sync upload of `@hakobu/inventory`: `ABSOLUTE` with the quantity,
 * or `RELATIVE` with the delta for a delta upload. Bodies hold at most `batchSize` entries (default 400,
 * the cap one SDK uses; unconfirmed, hence configurable). A listing without SKU管理番号, an invalid
 * 商品管理番号, or a quantity over 99,999 is left out with an error.
 *
 * @example
 * ```ts
 * const plan = planSync({ catalog, levels, pushed });
 * for (const upload of plan.uploads.filter((u) => u.channel === 'rakuten')) {
 *   const { bodies } = rakutenInventoryBodies(upload);
 * }
 * ```
 */
export function rakutenInventoryBodies(
  upload: SyncUpload,
  options: { readonly batchSize?: number } = {},
): { bodies: { inventories: RakutenInventoryEntry[] }[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const entries: RakutenInventoryEntry[] = [];
  for (const item of upload.items) {
    const problems = rakutenStockProblems(item);
    if (problems.length > 0) {
      issues.push(
        createIssue(
          'malls.stock.invalid_listing',
          `楽天の商品対応表「${item.listingId}」(${item.itemCode} / ${item.skuCode ?? '-'}): ${problems.join('、')}`,
          {
            data: { listingId: item.listingId },
          },
        ),
      );
      continue;
    }
    const relative = upload.mode === 'delta' && item.delta !== undefined;
    entries.push({
      manageNumber: item.itemCode.toLowerCase(),
      variantId: item.skuCode as string,
      mode: relative ? 'RELATIVE' : 'ABSOLUTE',
      quantity: relative ? (item.delta as number) : item.quantity,
    });
  }
  const size = options.batchSize ?? 400;
  const bodies: { inventories: RakutenInventoryEntry[] }[] = [];
  for (let i = 0; i < entries.length; i += size) bodies.push({ inventories: entries.slice(i, i + size) });
  return { bodies, issues };
}

/**
 * Writes the Yahoo!ショッピング `quantity.csv` (在庫アップロード, ◐ columns from a quoted format table):
 * `code`, `sub-code`, `quantity`, `mode` (blank = absolute, `+`/`-` with the size of the delta for a delta
 * upload), plus `allow-overdraft` / `stock-close` when given. CP932 by default.
 *
 * @example
 * ```ts
 * const file = yahooQuantityCsv(upload);
 * if (file.ok) await writeFile('quantity.csv', file.value.bytes);
 * ```
 */
export function yahooQuantityCsv(
  upload: SyncUpload,
  options: {
    readonly allowOverdraft?: 0 | 1;
    readonly stockClose?: 0 | 1;
    readonly encoding?: 'cp932' | 'utf-8';
  } = {},
): Result<CsvWritten> {
  const header = ['code', 'sub-code', 'quantity', 'mode'];
  if (options.allowOverdraft !== undefined) header.push('allow-overdraft');
  if (options.stockClose !== undefined) header.push('stock-close');
  const rows: string[][] = [header];
  const issues: Issue[] = [];
  for (const item of upload.items) {
    if (!/^[A-Za-z0-9-]{1,99}$/.test(item.itemCode)) {
      issues.push(
        createIssue(
          'malls.stock.invalid_listing',
          `Yahoo!の商品コード「${item.itemCode}」は半角英数字とハイフンで99文字以内です`,
          { data: { listingId: item.listingId } },
        ),
      );
      continue;
    }
    const delta = upload.mode === 'delta' && item.delta !== undefined ? item.delta : undefined;
    const row = [
      item.itemCode,
      item.skuCode ?? '',
      String(delta === undefined ? item.quantity : Math.abs(delta)),
      delta === undefined ? '' : delta < 0 ? '-' : '+',
    ];
    if (options.allowOverdraft !== undefined) row.push(String(options.allowOverdraft));
    if (options.stockClose !== undefined) row.push(String(options.stockClose));
    rows.push(row);
  }
  const written = writeCsv(rows, { formulaGuard: false, encoding: options.encoding ?? 'cp932' });
  const all = [...issues, ...written.issues];
  return written.ok ? ok(written.value, all) : fail(all);
}

/**
 * Writes the Amazon inventory flat file (在庫ファイル). Which template JP accepts today is unconfirmed
 * (reference/malls.md §3.5), so both are offered: `priceInventory` (default: `TemplateType=PriceInventory`
 * `Version=2018.0924` row, then `sku`, `quantity`, and `handling-time` when given) and `inventoryLoader`
 * (`sku`, `quantity`, `fulfillment-latency`). Amazon takes absolute quantities only, so a delta upload
 * writes each item's new quantity. TSV, UTF-8.
 *
 * @example
 * ```ts
 * const file = amazonInventoryFile(upload, { template: 'priceInventory', handlingTime: 2 });
 * ```
 */
export function amazonInventoryFile(
  upload: SyncUpload,
  options: { readonly template?: 'priceInventory' | 'inventoryLoader'; readonly handlingTime?: number } = {},
): Result<CsvWritten> {
  const template = options.template ?? 'priceInventory';
  const rows: string[][] = [];
  const latency = options.handlingTime === undefined ? undefined : String(options.handlingTime);
  if (template === 'priceInventory') {
    rows.push(['TemplateType=PriceInventory', 'Version=2018.0924']);
    rows.push(latency === undefined ? ['sku', 'quantity'] : ['sku', 'quantity', 'handling-time']);
  } else {
    rows.push(['sku', 'quantity', 'fulfillment-latency']);
  }
  for (const item of upload.items) {
    const row = [item.itemCode, String(item.quantity)];
    if (template === 'inventoryLoader' || latency !== undefined) row.push(latency ?? '');
    rows.push(row);
  }
  return writeCsv(rows, { formulaGuard: false, delimiter: '\t', encoding: 'utf-8' });
}
