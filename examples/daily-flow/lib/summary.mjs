// The end-of-day summary: the same table on the terminal and in summary.txt, and the counts as JSON.
import { padEnd, padStart, width } from './progress.mjs';

/** What staff call each alert (アラートの種類). Codes not listed print as they are. */
const ALERT_LABELS = {
  'orders.blacklist.hit': 'ブラックリスト一致',
  'carrier.postal.unknown_code': '郵便番号が存在しない',
  'carrier.postal.address_mismatch': '郵便番号と住所が不一致',
  'carrier.postal.town_mismatch': '郵便番号と町域が不一致',
  'carrier.remote_island': '離島',
  'carrier.lead_time.long': 'お届けに2日以上',
  'carrier.lead_time.too_early': 'お届け希望日に間に合わない',
  'carrier.unavailable_option': '配送業者が受けられない指定',
  'carrier.field_truncated': '送り状の文字数超過（切り詰め）',
  'carrier.address_overflow': '送り状の住所欄あふれ',
  'carrier.kana_unconverted': '半角カナにできない文字',
  'carrier.tracking.matched_by_fallback': '管理番号なし（電話・郵便番号で照合）',
  'carrier.tracking.unmatched': '対応する伝票のない送り状番号',
  'cp932.substituted': 'CP932にない文字を置換',
  'cp932.unencodable': 'CP932にない文字（〓）',
  'inventory.shortfall': '在庫不足（欠品）',
  'orders.bundle.cod_mismatch': '同梱不可: 代引と他の支払',
  'orders.bundle.temperature_mismatch': '同梱不可: 温度帯が違う',
  'orders.bundle.requested_date_mismatch': '同梱不可: お届け希望日が違う',
  'malls.sku_unmapped': '商品マスタに対応がない明細',
  'contacts.phone_digit_count': '電話番号の桁数',
};

const STATUS_LABELS = {
  new: '新規受付',
  awaitingPayment: '入金待ち',
  awaitingShipment: '発送待ち',
  shipped: '発送済み',
  completed: '完了',
  onHold: '保留',
  cancelled: 'キャンセル',
};

/**
 * Builds the summary from what the steps returned and the orders at the end of the day.
 *
 * @param {object} input
 */
export function buildSummary({
  date,
  imported,
  screened,
  bundles,
  splits,
  allocation,
  labelRuns,
  tracking,
  mails,
  uploads,
  stock,
  orders,
  alerts,
  files,
}) {
  const byCode = new Map();
  for (const { issue } of alerts) {
    const entry = byCode.get(issue.code) ?? { code: issue.code, severity: issue.severity, count: 0 };
    entry.count += 1;
    byCode.set(issue.code, entry);
  }
  const statuses = {};
  for (const order of orders) statuses[order.status] = (statuses[order.status] ?? 0) + 1;
  return {
    date,
    orders: {
      total: orders.length,
      files: imported.files,
      reimport: imported.reimport,
      statuses,
      held: screened.held,
      blacklisted: screened.blacklisted,
      labelExported: orders.filter((order) => order.axes.labelExported).length,
    },
    alerts: [...byCode.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    bundles,
    splits,
    allocation,
    shipments: labelRuns.map((run) => ({
      system: run.system,
      label: run.label,
      slips: run.batch.counts.shipments,
      written: run.batch.counts.written,
      rejected: run.batch.counts.rejected,
      files: run.batch.files.length,
    })),
    tracking,
    mails,
    uploads,
    stock,
    files,
  };
}

function table(headers, rows, align) {
  const widths = headers.map((header, i) =>
    Math.max(width(header), ...rows.map((row) => width(String(row[i])))),
  );
  const line = (cells) =>
    `  ${cells.map((cell, i) => (align[i] === 'r' ? padStart(String(cell), widths[i]) : padEnd(String(cell), widths[i]))).join('  ')}`.trimEnd();
  return [line(headers), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.map(line)].join('\n');
}

/** The summary as the text table printed at the end and written to summary.txt. */
export function formatSummary(summary) {
  const o = summary.orders;
  const status = Object.entries(o.statuses)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, count]) => `${STATUS_LABELS[id] ?? id} ${count}`)
    .join('、');
  const parts = [
    `■ はこぶ食堂 ${summary.date} の出荷業務 — まとめ`,
    '',
    `受注 ${o.total}件（${status}）`,
    table(
      ['モール', 'ファイル', '行', '受注', '却下'],
      o.files.map((file) => [file.mall, file.file, file.records, file.orders, file.rejected]),
      ['l', 'l', 'r', 'r', 'r'],
    ),
    `  同じ楽天ファイルの再取込: 新規 ${o.reimport.created}、変更 ${o.reimport.updated}、変更なし ${o.reimport.unchanged}`,
    `  ブラックリスト一致 ${o.blacklisted}件、保留 ${o.held}件`,
    '',
    'アラート（種類別）',
    table(
      ['件数', '重要度', '種類', 'コード'],
      summary.alerts.map((alert) => [
        alert.count,
        alert.severity,
        ALERT_LABELS[alert.code] ?? '',
        alert.code,
      ]),
      ['r', 'l', 'l', 'l'],
    ),
    '',
    `同梱 ${summary.bundles.bundled}組（候補 ${summary.bundles.candidates}組、同梱不可 ${summary.bundles.refused}組、子受注 ${summary.bundles.children}件）`,
    `伝票分割 ${summary.splits.split}件（伝票 +${summary.splits.newSlips}）`,
    `引当 ${summary.allocation.allocated}件、欠品 ${summary.allocation.short}件`,
    '',
    '出荷（送り状システム別）',
    table(
      ['送り状システム', '伝票', '出力', '差し戻し', 'ファイル'],
      summary.shipments.map((s) => [s.label, s.slips, s.written, s.rejected, s.files]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    `  送り状番号取込: ${summary.tracking.rows}行 → 反映 ${summary.tracking.applied}（うち管理番号なしで照合 ${summary.tracking.fallback}）、未照合 ${summary.tracking.unmatched}、不正 ${summary.tracking.invalid}`,
    `  発送済みにした受注 ${summary.tracking.shippedOrders}件、出荷した荷物 ${summary.mails.parcels}個（ギフト ${summary.mails.gifts}個）`,
    '',
    `メール 送信 ${summary.mails.sent}通（注文確認 ${summary.mails.confirmations}、発送完了 ${summary.mails.shipped}）、失敗 ${summary.mails.failed}`,
    `納品書 ${summary.mails.notePages}枚、ピッキングリスト・出荷指示書`,
    `モールへの発送実績: 楽天 ${summary.uploads.rakuten}件、Yahoo! ${summary.uploads.yahoo}件、Amazon ${summary.uploads.amazon}件、自社サイト ${summary.uploads.own}件`,
    `在庫連携: ${Object.entries(summary.stock.items)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([channel, count]) => `${channel} ${count}品`)
      .join('、')}`,
    '',
    `出力ファイル ${summary.files}件（MANIFEST.txt に一覧とSHA-256）`,
  ];
  return `${parts.join('\n')}\n`;
}
