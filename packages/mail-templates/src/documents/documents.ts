import { createIssue, formatYen, type Issue } from '@hakobu/core';
import {
  type ChargeKind,
  chargeKindLabels,
  type DeliveryNoteData,
  deliveryNote,
  isDiscount,
  type OrderState,
  type Shipment,
  temperatureZoneLabels,
} from '@hakobu/orders';
import { escapeHtml } from '../compose/html';
import { TIME_SLOT_LABELS } from '../context/labels';
import { formatJapanDate } from '../engine/format';
import { DEFAULT_CARRIER_LABELS } from '../engine/tracking';
import {
  brandingIssues,
  type DocumentBranding,
  page,
  partyHtml,
  type RenderedDocument,
  routeOf,
  safeStylesheets,
  shopHtml,
} from './layout';

/** One parcel to print (印刷対象): the shipment and every order whose lines it carries, the holder first. */
export interface Parcel {
  readonly shipment: Shipment;
  readonly orders: readonly OrderState[];
}

/** Options of the document renderers. */
export interface DocumentOptions {
  /** Branding per route key `channel/shopId`. */
  readonly branding: Readonly<Record<string, DocumentBranding>>;
  /** 発行日 (YYYY-MM-DD), from the host's clock. */
  readonly issuedOn: string;
  readonly carrierLabels?: Readonly<Record<string, string>>;
}

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
      const label = chargeKindLabels[kind as ChargeKind] ?? kind;
      const sign = isDiscount(kind as ChargeKind) ? -amount : amount;
      return `<tr><th>${escapeHtml(label)}</th><td class="num">${formatYen(sign)}</td></tr>`;
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

/** Options of {@link renderPickingList}. */
export interface PickingListOptions extends DocumentOptions {
  /**
   * SKU rows per printed page (1ページの行数); default {@link PICKING_ROWS_PER_PAGE}. Lower it when product
   * names are long enough to wrap onto several lines.
   */
  readonly rowsPerPage?: number;
}

/** Default SKU rows per picking-list page: fits A4 with names wrapping onto two lines. */
export const PICKING_ROWS_PER_PAGE = 20;

function pickRows(parcels: readonly Parcel[]): PickRow[] {
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
  return [...rows.values()].sort((a, b) =>
    a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.options < b.options ? -1 : 1,
  );
}

/**
 * Renders a picking list (ピッキングリスト): quantities summed per SKU over all parcels, sorted by SKU, with
 * the number of parcels each SKU goes into. A long list is cut into pages of `rowsPerPage` rows, each with
 * the heading, the totals and `n / N ページ`, so a dropped sheet is missed at once; `pages` is that count.
 *
 * @example
 * ```ts
 * const doc = renderPickingList(parcels, { branding, issuedOn: '2026-11-28', rowsPerPage: 20 });
 * doc.pages; // Math.ceil(SKU rows / 20), at least 1
 * ```
 */
export function renderPickingList(parcels: readonly Parcel[], options: PickingListOptions): RenderedDocument {
  const rows = pickRows(parcels);
  const perPage = Math.max(1, Math.floor(options.rowsPerPage ?? PICKING_ROWS_PER_PAGE));
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const total = rows.reduce((sum, row) => sum + row.quantity, 0);
  const summary = `発行日 ${escapeHtml(formatJapanDate(options.issuedOn))}　伝票 ${parcels.length} 件　商品 ${rows.length} 種 ${total} 点`;
  const sections = Array.from({ length: pages }, (_, index) => {
    const body = rows
      .slice(index * perPage, (index + 1) * perPage)
      .map(
        (row) =>
          `<tr><td>${escapeHtml(row.sku)}</td><td>${escapeHtml(row.name)}${row.options === '' ? '' : `<br>${escapeHtml(row.options)}`}</td><td class="num">${row.quantity}</td><td class="num">${row.slips.size}</td><td></td></tr>`,
      )
      .join('');
    return `<section class="page picking"><h1>ピッキングリスト</h1>
<p>${summary}　${index + 1} / ${pages} ページ</p>
<table><thead><tr><th>SKU</th><th>商品名</th><th>数量</th><th>伝票数</th><th class="check">確認</th></tr></thead><tbody>${body}</tbody></table></section>`;
  });
  return { html: page('ピッキングリスト', '', sections), pages, issues: [] };
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
