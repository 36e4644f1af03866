import { createIssue, type Issue } from '@hakobu/core';
import type { OrderState, Party } from '@hakobu/orders';
import { escapeHtml } from '../compose/html';
import { formatPhone, formatPostalCode } from '../engine/format';
import { checkInvoiceNumber, invoiceNumberPrintable } from './invoice-number';

/** Branding of documents per route (帳票の体裁): shop name, address lines, logo, signature, stylesheet. */
export interface DocumentBranding {
  readonly shopName: string;
  /** Lines printed under the shop name (住所, 電話, URL …). */
  readonly signature?: readonly string[];
  /** `https:` or `data:image/` URL of the logo. */
  readonly logoUrl?: string;
  /** 適格請求書発行事業者登録番号, `T` + 13 digits (see {@link checkInvoiceNumber}). */
  readonly invoiceNumber?: string;
  /** Extra CSS for this route, appended after the built-in print CSS. */
  readonly stylesheet?: string;
}

/** A rendered document: one HTML file, and every issue found while building it. */
export interface RenderedDocument {
  readonly html: string;
  readonly pages: number;
  readonly issues: Issue[];
}

// Every page must fit the A4 printable width (186 mm): text that has no break opportunity (a long SKU, a
// URL, a product name without spaces) may wrap anywhere rather than push past the page edge; \`anywhere\`
// (unlike \`break-word\`) also lowers a cell's min-content width, so such a cell cannot widen its table.
const PRINT_CSS = `@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 10pt; color: #000; margin: 0; overflow-wrap: anywhere; word-break: normal; line-break: strict; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6mm; letter-spacing: 0.3em; }
.head { display: flex; justify-content: space-between; gap: 8mm; margin-bottom: 6mm; }
.head > * { min-width: 0; }
.party { flex: 1 1 55%; }
.party p, .shop p { margin: 0; line-height: 1.5; }
.shop { flex: 0 1 45%; text-align: right; }
.shop img { max-height: 15mm; max-width: 50mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
thead { display: table-header-group; }
th, td { border: 0.3mm solid #444; padding: 1.2mm 2mm; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; font-weight: normal; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
th.check { width: 12mm; }
tr { break-inside: avoid; page-break-inside: avoid; }
.totals { width: 60%; margin-left: auto; }
.note { border: 0.3mm solid #444; padding: 2mm; white-space: pre-wrap; }
.message { margin: 4mm 0; font-size: 11pt; }
.legend { font-size: 8pt; }`;

/** The route key `channel/shopId` that branding is looked up by. */
export function routeOf(order: Pick<OrderState, 'channel' | 'shopId'>): string {
  return `${order.channel}/${order.shopId}`;
}

function logoAllowed(url: string): boolean {
  return /^(https:|data:image\/)/.test(url);
}

function stylesheetAllowed(css: string): boolean {
  return !/<\/|<!--/.test(css);
}

function invoiceNumberValid(
  branding: DocumentBranding,
): branding is DocumentBranding & { invoiceNumber: string } {
  return branding.invoiceNumber !== undefined && invoiceNumberPrintable(branding.invoiceNumber);
}

/** Every problem of a route's branding; a missing branding is one issue naming where it was needed. */
export function brandingIssues(key: string, branding: DocumentBranding | undefined, where: string): Issue[] {
  if (branding === undefined) {
    return [
      createIssue(
        'document.branding_missing',
        `${where}: 販路・ショップ「${key}」の帳票設定（ショップ名・署名）がありません`,
        { data: { route: key } },
      ),
    ];
  }
  const issues: Issue[] = [];
  if (branding.invoiceNumber !== undefined) {
    issues.push(
      ...checkInvoiceNumber(branding.invoiceNumber, `販路・ショップ「${key}」`).map((issue) => ({
        ...issue,
        data: { ...issue.data, route: key },
      })),
    );
  }
  if (branding.logoUrl !== undefined && !logoAllowed(branding.logoUrl)) {
    issues.push(
      createIssue(
        'document.logo_url_invalid',
        `販路・ショップ「${key}」のロゴURLは https: か data:image/ にしてください`,
        { data: { route: key } },
      ),
    );
  }
  if (branding.stylesheet !== undefined && !stylesheetAllowed(branding.stylesheet)) {
    issues.push(
      createIssue(
        'document.stylesheet_invalid',
        `販路・ショップ「${key}」のスタイルシートに「</」は使えません`,
        { data: { route: key } },
      ),
    );
  }
  return issues;
}

/** The routes' own stylesheets, in route order, leaving out any that could close the `<style>` element. */
export function safeStylesheets(
  branding: Readonly<Record<string, DocumentBranding>>,
  used: ReadonlySet<string>,
): string {
  return [...used]
    .sort()
    .flatMap((key) => {
      const css = branding[key]?.stylesheet;
      return css === undefined || !stylesheetAllowed(css)
        ? []
        : [`/* ${key.replace(/\*\//g, '')} */\n${css}`];
    })
    .join('\n');
}

/** One printable HTML file: the built-in print CSS, then `css`, then the page sections. */
export function page(title: string, css: string, sections: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
${PRINT_CSS}
${css}
</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}

/** A party's address block, the name followed by `suffix` (様). */
export function partyHtml(party: Party, suffix: string): string {
  const lines = [
    formatPostalCode(party.postalCode),
    `${party.prefecture}${party.address1}`,
    party.address2 ?? '',
    party.company ?? '',
    `${party.name} ${suffix}`,
    `TEL ${formatPhone(party.phone)}`,
  ].filter((line) => line !== '');
  return lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
}

/** The shop block: logo, name, signature lines and the registration number, each only when valid. */
export function shopHtml(branding: DocumentBranding | undefined): string {
  if (branding === undefined) return '';
  const logo =
    branding.logoUrl !== undefined && logoAllowed(branding.logoUrl)
      ? `<img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.shopName)}">`
      : '';
  const invoice = invoiceNumberValid(branding) ? `<p>登録番号 ${escapeHtml(branding.invoiceNumber)}</p>` : '';
  const lines = (branding.signature ?? []).map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  return `<div class="shop">${logo}<p>${escapeHtml(branding.shopName)}</p>${lines}${invoice}</div>`;
}
