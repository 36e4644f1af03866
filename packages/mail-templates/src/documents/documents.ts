import { createIssue, formatYen, type Issue } from '@hakobu/core';
import {
  type DeliveryNoteData,
  deliveryNote,
  type OrderState,
  type Party,
  type Shipment,
  temperatureZoneLabels,
} from '@hakobu/orders';
import { escapeHtml } from '../compose/html';
import { TIME_SLOT_LABELS } from '../context/labels';
import { formatJapanDate, formatPhone, formatPostalCode } from '../engine/format';
import { DEFAULT_CARRIER_LABELS } from '../engine/tracking';

/** One parcel to print (印刷対象): the shipment and every order whose lines it carries, the holder first. */
export interface Parcel {
  readonly shipment: Shipment;
  readonly orders: readonly OrderState[];
}

/** Branding of documents per route (帳票の体裁): shop name, address lines, logo, signature, stylesheet. */
export interface DocumentBranding {
  readonly shopName: string;
  /** Lines printed under the shop name (住所, 電話, URL …). */
  readonly signature?: readonly string[];
  /** `https:` or `data:image/` URL of the logo. */
  readonly logoUrl?: string;
  /** 適格請求書発行事業者登録番号, `T` + 13 digits. */
  readonly invoiceNumber?: string;
  /** Extra CSS for this route, appended after the built-in print CSS. */
  readonly stylesheet?: string;
}

/** Options of the document renderers. */
export interface DocumentOptions {
  /** Branding per route key `channel/shopId`. */
  readonly branding: Readonly<Record<string, DocumentBranding>>;
  /** 発行日 (YYYY-MM-DD), from the host's clock. */
  readonly issuedOn: string;
  readonly carrierLabels?: Readonly<Record<string, string>>;
}

/** A rendered document: one HTML file, and every issue found while building it. */
export interface RenderedDocument {
  readonly html: string;
  readonly pages: number;
  readonly issues: Issue[];
}

const PRINT_CSS = `@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 10pt; color: #000; margin: 0; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6mm; letter-spacing: 0.3em; }
.head { display: flex; justify-content: space-between; gap: 8mm; margin-bottom: 6mm; }
.party p, .shop p { margin: 0; line-height: 1.5; }
.shop { text-align: right; }
.shop img { max-height: 15mm; max-width: 50mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
th, td { border: 0.3mm solid #444; padding: 1.2mm 2mm; vertical-align: top; }
th { background: #eee; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
.totals { width: 60%; margin-left: auto; }
.note { border: 0.3mm solid #444; padding: 2mm; white-space: pre-wrap; }
.message { margin: 4mm 0; font-size: 11pt; }
.legend { font-size: 8pt; }`;

function routeOf(order: OrderState): string {
  return `${order.channel}/${order.shopId}`;
}

function brandingIssues(key: string, branding: DocumentBranding | undefined, where: string): Issue[] {
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
  if (branding.invoiceNumber !== undefined && !/^T\d{13}$/.test(branding.invoiceNumber)) {
    issues.push(
      createIssue(
        'document.invoice_number_invalid',
        `販路・ショップ「${key}」の登録番号「${branding.invoiceNumber}」は T + 13桁 ではありません`,
        { data: { route: key } },
      ),
    );
  }
  if (branding.logoUrl !== undefined && !/^(https:|data:image\/)/.test(branding.logoUrl)) {
    issues.push(
      createIssue(
        'document.logo_url_invalid',
        `販路・ショップ「${key}」のロゴURLは https: か data:image/ にしてください`,
        { data: { route: key } },
      ),
    );
  }
  if (branding.stylesheet !== undefined && /<\/|<!--/.test(branding.stylesheet)) {
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

function safeStylesheets(
  branding: Readonly<Record<string, DocumentBranding>>,
  used: ReadonlySet<string>,
): string {
  return [...used]
    .sort()
    .flatMap((key) => {
      const css = branding[key]?.stylesheet;
      return css === undefined || /<\/|<!--/.test(css) ? [] : [`/* ${key.replace(/\*\//g, '')} */\n${css}`];
    })
    .join('\n');
}

function page(title: string, css: string, sections: readonly string[]): string {
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

function partyHtml(party: Party, suffix: string): string {
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

function shopHtml(branding: DocumentBranding | undefined): string {
  if (branding === undefined) return '';
  const logo =
    branding.logoUrl !== undefined && /^(https:|data:image\/)/.test(branding.logoUrl)
      ? `<img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.shopName)}">`
      : '';
  const invoice =
    branding.invoiceNumber !== undefined && /^T\d{13}$/.test(branding.invoiceNumber)
      ? `<p>登録番号 ${escapeHtml(branding.invoiceNumber)}</p>`
      : '';
  const lines = (branding.signature ?? []).map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  return `<div class="shop">${logo}<p>${escapeHtml(branding.shopName)}</p>${lines}${invoice}</div>`;
}

const CHARGE_LABELS: Readonly<Record<string, string>> = {
  shipping: '送料',
  codFee: '代引手数料',
  wrapping: 'ラッピング料',
  otherFees: 'その他手数料',
  couponDiscount: 'クーポン値引',
  pointsUsed: 'ポイント利用',
};

function noteSection(
  note: DeliveryNoteData,
  branding: DocumentBranding | undefined,
  issuedOn: string,
): string {
  const head = `<h1>${escapeHtml(note.title)}</h1>
<div class="head"><div class="party">${partyHtml(note.destination, '様')}</div>${shopHtml(branding)}</div>
<p>発行日 ${escapeHtml(formatJapanDate(issuedOn))}　受注番号 ${escapeHtml(note.mallOrderNumbers.join('、'))}　伝票番号 ${escapeHtml(note.slipNumber)}</p>`;
  const noteText = note.note === undefined ? '' : `<div class="note">${escapeHtml(note.note)}</div>`;
  if (note.kind === 'gift') {
    const rows = note.lines
      .map(
        (line) =>
          `<tr><td>${escapeHtml(line.name)}${line.options === undefined ? '' : `<br>${escapeHtml(line.options)}`}</td><td class="num">${line.quantity}</td></tr>`,
      )
      .join('');
    return `<section class="page gift">${head}
<p class="message">${escapeHtml(note.giftMessage ?? '')}</p>
<table><thead><tr><th>商品名</th><th>数量</th></tr></thead><tbody>${rows}</tbody></table>
${noteText}</section>`;
  }
  const rows = note.lines
    .map(
      (line) =>
        `<tr><td>${line.reducedRate === true ? '※' : ''}${escapeHtml(line.name)}${line.options === undefined ? '' : `<br>${escapeHtml(line.options)}`}</td><td class="num">${formatYen(line.unitPrice ?? 0)}</td><td class="num">${line.quantity}</td><td class="num">${formatYen(line.amount ?? 0)}</td></tr>`,
    )
    .join('');
  const charges = Object.entries(note.charges ?? {})
    .filter(([, amount]) => amount !== 0)
    .map(([kind, amount]) => {
      const sign = kind === 'couponDiscount' || kind === 'pointsUsed' ? -amount : amount;
      return `<tr><th>${escapeHtml(CHARGE_LABELS[kind] ?? kind)}</th><td class="num">${formatYen(sign)}</td></tr>`;
    })
    .join('');
  const tax = (note.taxSummary ?? [])
    .map(
      (row) =>
        `<tr><th>${row.rate}%対象</th><td class="num">${formatYen(row.taxableAmount)}</td><td class="num">消費税 ${formatYen(row.tax)}</td></tr>`,
    )
    .join('');
  const reduced = note.lines.some((line) => line.reducedRate === true)
    ? '<p class="legend">※は軽減税率（8%）対象商品です。金額は税込です。</p>'
    : '<p class="legend">金額は税込です。</p>';
  return `<section class="page purchase">${head}
<table><thead><tr><th>商品名</th><th>単価</th><th>数量</th><th>金額</th></tr></thead><tbody>${rows}</tbody></table>
<table class="totals"><tbody>${charges}<tr><th>合計</th><td class="num">${formatYen(note.total ?? 0)}</td></tr></tbody></table>
<table class="totals tax"><thead><tr><th>税率</th><th>対象額（税込）</th><th>消費税額</th></tr></thead><tbody>${tax}</tbody></table>
${reduced}
${noteText}</section>`;
}

/**
 * Renders delivery notes (納品書) for printing: one A4 page per parcel, お買い上げ明細書 with prices,
 * charges, total, per-rate tax (税率別内訳, ※ for 軽減税率) and the invoice registration number, or お届け明細書
 * for gifts (no prices, the sender's message). Data from `deliveryNote` of `@hakobu/orders`; every value
 * HTML-escaped; logo, signature and stylesheet per route. A parcel whose route has no branding is left out
 * with an issue; the others print.
 *
 * @example
 * ```ts
 * const doc = renderDeliveryNotes([{ shipment, orders: [order] }], { branding, issuedOn: '2026-11-28' });
 * doc.pages; // 1
 * ```
 */
export function renderDeliveryNotes(parcels: readonly Parcel[], options: DocumentOptions): RenderedDocument {
  const issues: Issue[] = [];
  const sections: string[] = [];
  const used = new Set<string>();
  const checked = new Set<string>();
  for (const parcel of parcels) {
    const holder = parcel.orders[0];
    if (holder === undefined) {
      issues.push(
        createIssue('document.order_missing', `伝票 ${parcel.shipment.slipNumber}: 受注がありません`),
      );
      continue;
    }
    const key = routeOf(holder);
    const branding = options.branding[key];
    if (branding === undefined || !checked.has(key)) {
      checked.add(key);
      issues.push(...brandingIssues(key, branding, `伝票 ${parcel.shipment.slipNumber}`));
    }
    if (branding === undefined) continue;
    used.add(key);
    sections.push(noteSection(deliveryNote(parcel.shipment, parcel.orders), branding, options.issuedOn));
  }
  return {
    html: page('納品書', safeStylesheets(options.branding, used), sections),
    pages: sections.length,
    issues,
  };
}

interface PickRow {
  sku: string;
  name: string;
  options: string;
  quantity: number;
  slips: Set<string>;
}

function parcelLines(parcel: Parcel) {
  const byId = new Map(parcel.orders.map((order) => [order.id, order]));
  return parcel.shipment.lines.flatMap((ref) => {
    const line = byId.get(ref.orderId)?.lines.find((candidate) => candidate.id === ref.lineId);
    return line === undefined ? [] : [{ line, quantity: ref.quantity }];
  });
}

/**
 * Renders a picking list (ピッキングリスト): quantities summed per SKU over all parcels, sorted by SKU, with
 * the number of parcels each SKU goes into.
 *
 * @example
 * ```ts
 * renderPickingList(parcels, { branding, issuedOn: '2026-11-28' }).html;
 * ```
 */
export function renderPickingList(parcels: readonly Parcel[], options: DocumentOptions): RenderedDocument {
  const rows = new Map<string, PickRow>();
  for (const parcel of parcels) {
    for (const { line, quantity } of parcelLines(parcel)) {
      const sku = line.masterSku ?? line.sku;
      const key = `${sku}\u0000${line.options ?? ''}`;
      const row = rows.get(key) ?? {
        sku,
        name: line.name,
        options: line.options ?? '',
        quantity: 0,
        slips: new Set<string>(),
      };
      row.quantity += quantity;
      row.slips.add(parcel.shipment.slipNumber);
      rows.set(key, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) =>
    a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.options < b.options ? -1 : 1,
  );
  const body = sorted
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.sku)}</td><td>${escapeHtml(row.name)}${row.options === '' ? '' : `<br>${escapeHtml(row.options)}`}</td><td class="num">${row.quantity}</td><td class="num">${row.slips.size}</td><td></td></tr>`,
    )
    .join('');
  const total = sorted.reduce((sum, row) => sum + row.quantity, 0);
  const section = `<section class="page picking"><h1>ピッキングリスト</h1>
<p>発行日 ${escapeHtml(formatJapanDate(options.issuedOn))}　伝票 ${parcels.length} 件　商品 ${sorted.length} 種 ${total} 点</p>
<table><thead><tr><th>SKU</th><th>商品名</th><th>数量</th><th>伝票数</th><th>確認</th></tr></thead><tbody>${body}</tbody></table></section>`;
  return { html: page('ピッキングリスト', '', [section]), pages: 1, issues: [] };
}

/**
 * Renders shipping instructions (出荷指示書): one page per parcel with slip number, carrier and service,
 * temperature zone, requested date and time slot, 代引金額, destination, lines by SKU and the label note.
 *
 * @example
 * ```ts
 * renderShippingInstructions(parcels, { branding, issuedOn: '2026-11-28' }).pages; // parcels.length
 * ```
 */
export function renderShippingInstructions(
  parcels: readonly Parcel[],
  options: DocumentOptions,
): RenderedDocument {
  const carriers = { ...DEFAULT_CARRIER_LABELS, ...options.carrierLabels };
  const sections = parcels.map((parcel) => {
    const { shipment } = parcel;
    const lines = parcelLines(parcel)
      .map(
        ({ line, quantity }) =>
          `<tr><td>${escapeHtml(line.masterSku ?? line.sku)}</td><td>${escapeHtml(line.name)}${line.options === undefined ? '' : `<br>${escapeHtml(line.options)}`}</td><td class="num">${quantity}</td></tr>`,
      )
      .join('');
    const carrier =
      shipment.carrier === undefined ? '未設定' : (carriers[shipment.carrier] ?? shipment.carrier);
    const facts: Array<[string, string]> = [
      ['伝票番号', shipment.slipNumber],
      ['受注番号', [...new Set(parcel.orders.map((order) => order.mallOrderNumber))].join('、')],
      ['配送業者', `${carrier}${shipment.service === undefined ? '' : `（${shipment.service}）`}`],
      ['温度帯', temperatureZoneLabels[shipment.temperature]],
      [
        '出荷予定日',
        shipment.plannedShipDate === undefined ? '未定' : formatJapanDate(shipment.plannedShipDate),
      ],
      [
        'お届け希望日',
        shipment.requestedDate === undefined ? '指定なし' : formatJapanDate(shipment.requestedDate),
      ],
      ['時間帯', TIME_SLOT_LABELS[shipment.timeSlot] ?? shipment.timeSlot],
      ['代引金額', shipment.codAmount > 0 ? formatYen(shipment.codAmount) : 'なし'],
    ];
    const factRows = facts
      .map(([label, value]) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`)
      .join('');
    const note =
      shipment.labelNote === undefined ? '' : `<div class="note">${escapeHtml(shipment.labelNote)}</div>`;
    return `<section class="page instruction"><h1>出荷指示書</h1>
<p>発行日 ${escapeHtml(formatJapanDate(options.issuedOn))}</p>
<table><tbody>${factRows}</tbody></table>
<div class="party">${partyHtml(shipment.destination, '様')}</div>
<table><thead><tr><th>SKU</th><th>商品名</th><th>数量</th></tr></thead><tbody>${lines}</tbody></table>
${note}</section>`;
  });
  return { html: page('出荷指示書', '', sections), pages: sections.length, issues: [] };
}
