import {
  type Clock,
  createIssue,
  fail,
  formatInstantJst,
  formatYen,
  hasErrors,
  Instant,
  type Issue,
  ok,
  type Result,
  Yen,
} from '@hakobu/core';
import type { OrderState, TaxByRate } from '@hakobu/orders';
import { z } from 'zod';
import { escapeHtml } from '../compose/html';
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS } from '../context/labels';
import { formatJapanDate } from '../engine/format';
import {
  brandingIssues,
  type DocumentBranding,
  page,
  type RenderedDocument,
  routeOf,
  safeStylesheets,
  shopHtml,
} from './layout';

/** The honorific after the addressee (敬称): `様` for a person, `御中` for a company or department. */
export const ReceiptHonorific = z.enum(['様', '御中']);
/** @see {@link ReceiptHonorific} */
export type ReceiptHonorific = z.infer<typeof ReceiptHonorific>;

/** The longest addressee (宛名) accepted, in characters: a company name with its department fits. */
export const RECEIPT_ADDRESSEE_MAX = 50;
/** The longest proviso (但し書き) accepted, in characters. */
export const RECEIPT_PROVISO_MAX = 40;
/** The proviso printed when the customer gives none (但し書きの既定値). */
export const DEFAULT_RECEIPT_PROVISO = 'お品代として';

/**
 * What the customer asks for on a receipt (領収書の発行依頼): the addressee they choose (宛名, a person's or
 * a company's name), its honorific, and the proviso (但し書き, {@link DEFAULT_RECEIPT_PROVISO} when empty).
 * It comes from a web form, so {@link issueReceipt} checks it again and answers in Japanese.
 */
export const ReceiptRequest = z.object({
  addressee: z.string(),
  honorific: ReceiptHonorific,
  proviso: z.string().optional(),
});
/** @see {@link ReceiptRequest} */
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

/**
 * One issue of a receipt (領収書の発行履歴), kept by the host and passed back as `issuedBefore` on the next
 * request: `sequence` 1 is the original (初回発行), every later one a reissue (再発行). The receipt number
 * stays the same across reissues, since they all acknowledge the same payment.
 */
export const ReceiptIssueRecord = z.object({
  orderId: z.string().min(1),
  /** 領収書番号 */
  receiptNumber: z.string().min(1),
  /** 発行回数: 1 for the first issue. */
  sequence: z.int().positive(),
  /** 発行日時, ISO 8601 in Japan time. */
  issuedAt: Instant,
  /** 宛名 as printed */
  addressee: z.string(),
  honorific: ReceiptHonorific,
  /** 但し書き as printed */
  proviso: z.string(),
  /** 領収金額 */
  amount: Yen,
});
/** @see {@link ReceiptIssueRecord} */
export type ReceiptIssueRecord = z.infer<typeof ReceiptIssueRecord>;

/** Options of {@link issueReceipt}. */
export interface IssueReceiptOptions {
  /** Earlier issues of this order's receipt, from the host's store; records of other orders are ignored. */
  readonly issuedBefore: readonly ReceiptIssueRecord[];
  /** The host's clock: the issue date is its date in Japan time. */
  readonly clock: Clock;
  /** Branding per route key `channel/shopId`, as for the delivery notes. */
  readonly branding: Readonly<Record<string, DocumentBranding>>;
  /** Lifecycle statuses that mean the order is cancelled; default `['cancelled']` (標準ステータス). */
  readonly cancelledStatuses?: readonly string[];
}

/** An issued receipt: the printable document and the record the host stores for the next request. */
export interface IssuedReceipt {
  readonly document: RenderedDocument;
  readonly record: ReceiptIssueRecord;
}

// オーソリ済 counts: the customer has paid by card, only the shop's capture is pending.
const PAID_STATUSES: ReadonlySet<string> = new Set(['paid', 'authorized']);
const CONTROL = /\p{Cc}/u;

const RECEIPT_CSS = `.receipt .receipt-top { display: flex; justify-content: space-between; align-items: flex-start; min-height: 10mm; }
.receipt .reissue { margin: 0; padding: 1mm 4mm; border: 0.6mm solid #c00; color: #c00; font-size: 14pt; font-weight: bold; letter-spacing: 0.3em; }
.receipt .receipt-no { margin: 0 0 0 auto; text-align: right; line-height: 1.5; }
.receipt h1 { font-size: 22pt; letter-spacing: 1em; margin: 4mm 0 8mm; }
.receipt .addressee { font-size: 14pt; border-bottom: 0.3mm solid #000; padding-bottom: 1mm; margin: 0 0 8mm; width: 75%; }
.receipt .amount { font-size: 20pt; font-weight: bold; text-align: center; background: #eee; padding: 3mm; margin: 0 auto 2mm; width: 75%; letter-spacing: 0.1em; }
.receipt .amount-tax { text-align: center; margin: 0 0 6mm; }
.receipt .proviso { margin: 0 0 8mm; line-height: 1.8; }
.receipt .breakdown { flex: 1 1 55%; }
.receipt .breakdown table { margin-bottom: 2mm; }`;

function textIssues(
  value: string,
  field: 'addressee' | 'proviso',
  label: string,
  max: number,
  mallOrderNumber: string,
): Issue[] {
  const issues: Issue[] = [];
  if (CONTROL.test(value)) {
    issues.push(
      createIssue('receipt.text_invalid', `${label}に改行や制御文字は使えません`, {
        path: [field],
        data: { mallOrderNumber },
      }),
    );
  }
  const length = [...value].length;
  if (length > max) {
    issues.push(
      createIssue(
        field === 'addressee' ? 'receipt.addressee_too_long' : 'receipt.proviso_too_long',
        `${label}は${max}文字以内にしてください（${length}文字あります）`,
        { path: [field], data: { mallOrderNumber, length, max } },
      ),
    );
  }
  return issues;
}

function requestIssues(request: ReceiptRequest, mallOrderNumber: string): Issue[] {
  const addressee = request.addressee.trim();
  const issues: Issue[] = [];
  if (addressee === '') {
    issues.push(
      createIssue('receipt.addressee_missing', '領収書の宛名（お名前または会社名）を入力してください', {
        path: ['addressee'],
        data: { mallOrderNumber },
      }),
    );
  }
  issues.push(...textIssues(addressee, 'addressee', '宛名', RECEIPT_ADDRESSEE_MAX, mallOrderNumber));
  if (!ReceiptHonorific.safeParse(request.honorific).success) {
    issues.push(
      createIssue('receipt.honorific_invalid', '敬称は「様」か「御中」を選んでください', {
        path: ['honorific'],
        data: { mallOrderNumber, honorific: String(request.honorific) },
      }),
    );
  }
  const proviso = (request.proviso ?? '').trim();
  issues.push(...textIssues(proviso, 'proviso', '但し書き', RECEIPT_PROVISO_MAX, mallOrderNumber));
  return issues;
}

function refusal(code: string, message: string, order: OrderState): Issue {
  return createIssue(code, message, {
    data: { orderId: order.id, mallOrderNumber: order.mallOrderNumber, paymentStatus: order.payment.status },
  });
}

/** Why this order cannot have a receipt at all: cancelled, refunded, unpaid, 代引 or nothing paid. */
function orderIssues(order: OrderState, cancelledStatuses: readonly string[]): Issue[] {
  const number = order.mallOrderNumber;
  if (cancelledStatuses.includes(order.status)) {
    return [
      refusal('receipt.cancelled', `受注${number}はキャンセルされているため、領収書は発行できません`, order),
    ];
  }
  const { method, status } = order.payment;
  if (status === 'refunded') {
    return [refusal('receipt.refunded', `受注${number}は返金済みのため、領収書は発行できません`, order)];
  }
  if (status === 'notRequired' && method === 'cod') {
    // The carrier hands over its own receipt at the door; a second one for the same payment is not issued.
    return [
      refusal(
        'receipt.cash_on_delivery',
        `受注${number}は代金引換のため、お届けの際に配送業者がお渡しする領収書をご利用ください`,
        order,
      ),
    ];
  }
  if (order.amounts.billedTotal <= 0) {
    return [
      refusal(
        'receipt.nothing_paid',
        `受注${number}はお支払い金額が0円のため、領収書は発行できません`,
        order,
      ),
    ];
  }
  if (!PAID_STATUSES.has(status)) {
    return [
      refusal(
        'receipt.unpaid',
        `受注${number}は入金が確認できていないため、領収書は発行できません（入金状況: ${PAYMENT_STATUS_LABELS[status] ?? status}）`,
        order,
      ),
    ];
  }
  return [];
}

function taxLabel(rate: number): string {
  if (rate === 8) return '8%対象（軽減税率）';
  if (rate === 0) return '非課税・不課税';
  return `${rate}%対象`;
}

function taxTable(rows: readonly TaxByRate[]): string {
  const body = rows
    .map(
      (row) =>
        `<tr><th>${taxLabel(row.rate)}</th><td class="num">${formatYen(row.taxableAmount)}</td><td class="num">${formatYen(row.tax)}</td></tr>`,
    )
    .join('');
  return `<table class="tax"><thead><tr><th>税率別内訳</th><th class="num">対象額（税込）</th><th class="num">消費税</th></tr></thead><tbody>${body}</tbody></table>`;
}

function legend(order: OrderState): string {
  const notes: string[] = [];
  if (order.amounts.tax.some((row) => row.rate === 8)) notes.push('※軽減税率（8%）対象の商品を含みます。');
  const discounts = [
    order.amounts.couponDiscount > 0 ? `クーポン値引 ${formatYen(order.amounts.couponDiscount)}` : '',
    order.amounts.pointsUsed > 0 ? `ポイント利用 ${formatYen(order.amounts.pointsUsed)}` : '',
  ].filter((text) => text !== '');
  if (discounts.length > 0) {
    notes.push(`税率別内訳の対象額は${discounts.join('・')}を差し引く前の金額です。`);
  }
  return notes.map((note) => `<p class="legend">${escapeHtml(note)}</p>`).join('');
}

interface ReceiptView {
  readonly order: OrderState;
  readonly record: ReceiptIssueRecord;
  readonly branding: DocumentBranding;
}

function receiptSection({ order, record, branding }: ReceiptView): string {
  const reissue = record.sequence > 1;
  const tax = order.amounts.tax.reduce((sum, row) => sum + row.tax, 0);
  const facts: Array<[string, string]> = [
    ['受注番号', order.mallOrderNumber],
    ['ご注文日', formatJapanDate(order.orderedAt)],
    ['お支払方法', PAYMENT_METHOD_LABELS[order.payment.method] ?? order.payment.method],
  ];
  const factRows = facts
    .map(([label, value]) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return `<section class="page receipt${reissue ? ' reissued' : ''}">
<div class="receipt-top">${reissue ? '<p class="reissue">再発行</p>' : ''}<p class="receipt-no">No. ${escapeHtml(record.receiptNumber)}<br>発行日 ${escapeHtml(formatJapanDate(record.issuedAt))}${reissue ? `<br>（${record.sequence}回目の発行）` : ''}</p></div>
<h1>領収書</h1>
<p class="addressee">${escapeHtml(record.addressee)} ${record.honorific}</p>
<p class="amount">${formatYen(record.amount)}-</p>
<p class="amount-tax">（内消費税 ${formatYen(tax)}）</p>
<p class="proviso">但し ${escapeHtml(record.proviso)}<br>上記正に領収いたしました。</p>
<div class="head"><div class="breakdown">${taxTable(order.amounts.tax)}${legend(order)}</div>${shopHtml(branding)}</div>
<table class="facts"><tbody>${factRows}</tbody></table>
</section>`;
}

/**
 * Issues a Web receipt (Web領収書) for an order as printable HTML (A4, the print CSS of the delivery
 * notes): the addressee and honorific the customer chose, the proviso (但し書き, default 「お品代として」),
 * the amount billed (請求金額), the order's own per-rate tax rows (税率別内訳: 対象額 and 消費税 for 10% and
 * 8% 軽減税率, never recomputed), the shop and its registration number (登録番号), the issue date in Japan
 * time and the receipt number. The host keeps the issue history as data: pass the earlier records as
 * `issuedBefore` and store the returned `record`; every issue after the first is printed 「再発行」 with its
 * count.
 *
 * Refused with Japanese issues, as data: a cancelled (`receipt.cancelled`) or refunded order, an unpaid
 * one (`receipt.unpaid`; 入金済 and オーソリ済 count as paid), 代金引換 (`receipt.cash_on_delivery`: the
 * carrier's receipt is the receipt), an amount of 0円, a bad request (宛名 missing or too long, 敬称,
 * 但し書き), a route without branding, an invalid registration number or other branding error. A shop
 * without a registration number gets its receipt with a `receipt.invoice_number_missing` warning.
 *
 * @example
 * ```ts
 * const first = issueReceipt(order, { addressee: '株式会社はこぶ', honorific: '御中' }, {
 *   issuedBefore: [],
 *   clock: systemClock,
 *   branding,
 * });
 * if (first.ok) {
 *   save(first.value.record); // sequence 1
 *   first.value.document.html; // 領収書 … ¥5,060- … 但し お品代として
 * }
 * // Later: issuedBefore: [first.value.record] → sequence 2, printed 再発行
 * ```
 */
export function issueReceipt(
  order: OrderState,
  request: ReceiptRequest,
  options: IssueReceiptOptions,
): Result<IssuedReceipt> {
  const key = routeOf(order);
  const branding = options.branding[key];
  const issues = [
    ...orderIssues(order, options.cancelledStatuses ?? ['cancelled']),
    ...requestIssues(request, order.mallOrderNumber),
    ...brandingIssues(key, branding, `受注${order.mallOrderNumber}`),
  ];
  if (branding !== undefined && branding.invoiceNumber === undefined) {
    issues.push(
      createIssue(
        'receipt.invoice_number_missing',
        `販路・ショップ「${key}」に登録番号がないため、この領収書は適格簡易請求書になりません`,
        { severity: 'warning', data: { route: key } },
      ),
    );
  }
  if (branding === undefined || hasErrors(issues)) return fail(issues);

  const earlier = options.issuedBefore
    .filter((record) => record.orderId === order.id)
    .sort((a, b) => a.sequence - b.sequence);
  const now = options.clock.now();
  const record: ReceiptIssueRecord = {
    orderId: order.id,
    receiptNumber: earlier[0]?.receiptNumber ?? order.mallOrderNumber,
    sequence: (earlier.at(-1)?.sequence ?? 0) + 1,
    issuedAt: formatInstantJst(now),
    addressee: request.addressee.trim(),
    honorific: request.honorific,
    proviso: request.proviso?.trim() || DEFAULT_RECEIPT_PROVISO,
    amount: order.amounts.billedTotal,
  };
  const title = record.sequence > 1 ? '領収書（再発行）' : '領収書';
  const css = [RECEIPT_CSS, safeStylesheets(options.branding, new Set([key]))].join('\n');
  const html = page(title, css, [receiptSection({ order, record, branding })]);
  return ok({ document: { html, pages: 1, issues }, record }, issues);
}
