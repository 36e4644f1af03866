import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@hakobu/core/testing';
import { isGift, type Order } from '@hakobu/orders';
import { generateOrders } from '@hakobu/orders/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleOrder } from '../context/sample';
import {
  type DocumentOptions,
  type Parcel,
  renderDeliveryNotes,
  renderPickingList,
  renderShippingInstructions,
} from './documents';
import type { DocumentBranding, RenderedDocument } from './layout';
import { issueReceipt } from './receipt';

// Printed documents checked in a real browser: headless Chromium prints each document to PDF (and a PNG of
// the print layout), poppler reads the PDF back. Chromium, fonts-noto-cjk and poppler-utils are documented
// prerequisites (README, .ci/run installs them): a missing one fails this file, in CI and outside it alike.
const CHROMIUM = process.env.HAKOBU_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The built-in print CSS prints on A4 with 12 mm margins: 186 × 273 mm of printable area, in CSS pixels.
const MM = 96 / 25.4;
const PRINTABLE_WIDTH = 186 * MM;
const PRINTABLE_HEIGHT = 273 * MM;

function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM} (Debian package chromium)`);
  for (const tool of ['pdfinfo', 'pdftotext']) {
    if (spawnSync(tool, ['-v']).error !== undefined) missing.push(`${tool} (Debian package poppler-utils)`);
  }
  const fonts = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' });
  if (fonts.error !== undefined || !/Noto Sans CJK/i.test(fonts.stdout)) {
    missing.push('the Noto Sans CJK fonts (Debian package fonts-noto-cjk)');
  }
  return missing;
}

// A 1 × 1 PNG: a logo that needs no network.
const LOGO = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='}`;

function brandingFor(orders: readonly Order[]): Record<string, DocumentBranding> {
  const branding: Record<string, DocumentBranding> = {};
  for (const order of orders) {
    branding[`${order.channel}/${order.shopId}`] = {
      shopName: `はこぶ堂 ${order.channel}店`,
      signature: [
        '〒100-0005 東京都千代田区丸の内1-1-1 はこぶビル',
        'TEL 03-1234-5678',
        'https://example.jp/',
      ],
      logoUrl: LOGO,
      invoiceNumber: 'T7123456789012',
    };
  }
  return branding;
}

/** An order built to be hard to print: names and codes without a break opportunity, many lines, a note. */
function awkwardOrder(): Order {
  const order = sampleOrder();
  const longName = `北海道産大粒ほたて貝柱お徳用業務用大容量パック${'特選'.repeat(20)}（化粧箱入り・のし対応）`;
  const line = (n: number) => ({
    ...order.lines[0]!,
    id: `long-${n}`,
    sku: `SKU-${'ABCDEFGHIJ0123456789'.repeat(3)}-${n}`,
    name:
      n === 1
        ? longName
        : `${n}番目の商品 型番${'ABCDEFGHIJ0123456789'.repeat(5)} https://example.jp/items/${'x'.repeat(80)}`,
    options: `サイズ:${'ＸＬ'.repeat(30)}`,
    unitPrice: 1_234_560,
    quantity: 99,
  });
  const lines = [1, 2, 3].map(line);
  return {
    ...order,
    id: 'awkward',
    mallOrderNumber: 'awkward-0001',
    lines,
    shipments: [
      {
        ...order.shipments[0]!,
        id: 'awkward-1',
        slipNumber: 'awkward-0001-1',
        giftMode: 'purchase',
        destination: {
          ...order.shipments[0]!.destination,
          name: '長谷川 左衛門之助太郎',
          company: `株式会社${'はこぶロジスティクスソリューションズ'.repeat(3)}`,
          address1: `大阪市北区梅田1-2-3${'グランフロント大阪タワーＢ'.repeat(4)}`,
        },
        lines: lines.map((l) => ({ orderId: 'awkward', lineId: l.id, quantity: 99 })),
        charges: [{ orderId: 'awkward', kind: 'shipping', amount: 660 }],
        deliveryNoteText: `このたびはご注文ありがとうございます。${'またのご利用をお待ちしております。'.repeat(4)}`,
      },
    ],
  };
}

function parcelsOf(orders: readonly Order[]): Parcel[] {
  return orders.flatMap((order) => order.shipments.map((shipment) => ({ shipment, orders: [order] })));
}

interface Printed {
  readonly pdf: string;
  readonly png: string;
  readonly pages: number;
  /** The PDF's text layer (pdftotext), whitespace removed so wrapped text reads whole. */
  readonly text: string;
  /** The same, page by page (pdftotext ends every page with a form feed). */
  readonly pageTexts: string[];
  readonly problems: string[];
  readonly sectionHeights: number[];
}

// Runs in the page (a string, so the package's tsconfig needs no DOM types): every element and every line
// of text inside the printable width, no element whose content is wider than its box.
const MEASURE = `(() => {
  const width = ${PRINTABLE_WIDTH};
  const problems = [];
  const name = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const text = (node.textContent || '').trim().slice(0, 40);
    return el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' "' + text + '"';
  };
  const outside = (rect) => rect.width > 0 && (rect.left < -0.5 || rect.right > width + 0.5);
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (outside(rect)) problems.push('outside the page: ' + name(el) + ' ' + rect.left.toFixed(1) + '..' + rect.right.toFixed(1));
    if (getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
      problems.push('content wider than its box: ' + name(el) + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    for (const rect of range.getClientRects()) {
      if (outside(rect)) problems.push('text outside the page: ' + name(walker.currentNode));
    }
  }
  if (document.documentElement.scrollWidth > Math.ceil(width)) {
    problems.push('page wider than A4: ' + document.documentElement.scrollWidth);
  }
  const sectionHeights = [...document.querySelectorAll('section.page')].map((s) => s.getBoundingClientRect().height);
  return { problems, sectionHeights };
})()`;

interface Printer {
  readonly browser: Browser;
  readonly outDir: string;
}

let printer: Promise<Printer> | undefined;

// One browser for the whole file, launched by the first test that prints. A missing prerequisite fails
// every test with the same message (a failing beforeAll would only mark them skipped).
function startPrinter(): Promise<Printer> {
  printer ??= (async () => {
    const missing = missingTools();
    if (missing.length > 0) {
      throw new Error(
        `Printed documents are checked in a real browser and need: ${missing.join('; ')}. ` +
          'Install them (apt-get install chromium fonts-noto-cjk poppler-utils; .ci/run does this in CI)' +
          `${process.env.CI === 'true' ? ' — CI must have them, this test never skips' : ''}.`,
      );
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const outDir = process.env.HAKOBU_PRINT_DIR ?? mkdtempSync(join(tmpdir(), 'hakobu-print-'));
    mkdirSync(outDir, { recursive: true });
    return { browser, outDir };
  })();
  return printer;
}

afterAll(async () => {
  const started = await printer?.catch(() => undefined);
  if (started === undefined) return;
  await started.browser.close();
  if (process.env.HAKOBU_PRINT_DIR === undefined) rmSync(started.outDir, { recursive: true });
});

async function print(doc: RenderedDocument, name: string): Promise<Printed> {
  const { browser, outDir } = await startPrinter();
  const html = join(outDir, `${name}.html`);
  const pdf = join(outDir, `${name}.pdf`);
  const png = join(outDir, `${name}.png`);
  writeFileSync(html, doc.html);
  const page = await browser.newPage({
    viewport: { width: Math.floor(PRINTABLE_WIDTH), height: Math.floor(PRINTABLE_HEIGHT) },
  });
  try {
    // Documents must print offline: any request for something outside the HTML fails.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(doc.html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate('document.fonts.ready');
    const { problems, sectionHeights } = (await page.evaluate(MEASURE)) as {
      problems: string[];
      sectionHeights: number[];
    };
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.screenshot({ path: png, fullPage: true });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const pageTexts = text.split('\f').slice(0, pages).map(compact);
    return { pdf, png, pages, text: compact(text), pageTexts, problems, sectionHeights };
  } finally {
    await page.close();
  }
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Nothing past the page edge, every section within one page's height, one PDF page per section, and,
 * given one marker per section (a slip number), page n printing section n.
 */
function expectPrintedWhole(printed: Printed, sections: number, markers: readonly string[] = []): void {
  expect(printed.problems).toEqual([]);
  expect(printed.sectionHeights).toHaveLength(sections);
  for (const height of printed.sectionHeights) expect(height).toBeLessThanOrEqual(PRINTABLE_HEIGHT);
  expect(printed.pages).toBe(sections);
  markers.forEach((marker, index) => {
    expect(printed.pageTexts[index]).toContain(compact(marker));
  });
  const png = readFileSync(printed.png);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(Math.floor(PRINTABLE_WIDTH));
}

const generated = generateOrders({ count: 16, seed: 11, giftRate: 0.35 });
const awkward = awkwardOrder();
const purchaseSample: Order = {
  ...sampleOrder(),
  shipments: sampleOrder().shipments.map((s) => ({ ...s, giftMode: 'purchase' as const })),
};
const all = [...generated, awkward, purchaseSample];
const options: DocumentOptions = { branding: brandingFor(all), issuedOn: '2026-11-28' };
const parcels = parcelsOf(all);
const giftParcels = [
  ...parcelsOf([sampleOrder()]),
  ...parcels.filter((p) => isGift(p.orders[0]!, p.shipment)),
];
const purchaseParcels = parcels.filter((p) => !isGift(p.orders[0]!, p.shipment));

describe('printed documents in Chromium (A4 PDF)', () => {
  it('prints お買い上げ明細書 one page per parcel, nothing past the page edge, Japanese in the text layer', async () => {
    const doc = renderDeliveryNotes(purchaseParcels, options);
    expect(doc.issues).toEqual([]);
    expect(doc.pages).toBe(purchaseParcels.length);
    const printed = await print(doc, 'purchase-notes');
    expectPrintedWhole(
      printed,
      purchaseParcels.length,
      purchaseParcels.map((p) => `伝票番号 ${p.shipment.slipNumber}`),
    );
    expect(printed.text).toContain('お買い上げ明細書');
    for (const { shipment, orders } of purchaseParcels) {
      expect(printed.text).toContain(compact(shipment.destination.name));
      for (const line of orders[0]!.lines) expect(printed.text).toContain(compact(line.name));
    }
    expect(printed.text).toContain('¥1,234,560');
    expect(printed.text).toContain('登録番号T7123456789012');
  });

  it('prints お届け明細書 one page per gift parcel without any price', async () => {
    expect(giftParcels.length).toBeGreaterThan(2);
    const doc = renderDeliveryNotes(giftParcels, options);
    expect(doc.pages).toBe(giftParcels.length);
    const printed = await print(doc, 'gift-notes');
    expectPrintedWhole(
      printed,
      giftParcels.length,
      giftParcels.map((p) => `伝票番号 ${p.shipment.slipNumber}`),
    );
    expect(printed.text).toContain('お届け明細書');
    expect(printed.text).toContain('山田太郎様からのプレゼントをお届けします');
    for (const { shipment, orders } of giftParcels) {
      expect(printed.text).toContain(compact(shipment.destination.name));
      for (const line of orders[0]!.lines) expect(printed.text).toContain(compact(line.name));
    }
    expect(printed.text).not.toMatch(/[¥￥]\d|\d円|消費税|税率/);
  });

  it('continues a parcel too long for one page with the table header repeated; the next parcel starts a page', async () => {
    const order = sampleOrder();
    const many = Array.from({ length: 60 }, (_, n) => ({
      ...order.lines[1]!,
      id: `m${n}`,
      name: `お試し商品 ${n + 1}`,
    }));
    const long: Order = {
      ...order,
      id: 'many',
      lines: many,
      shipments: [
        {
          ...order.shipments[0]!,
          giftMode: 'purchase',
          lines: many.map((line) => ({ orderId: 'many', lineId: line.id, quantity: 1 })),
          charges: [],
        },
      ],
    };
    const doc = renderDeliveryNotes([...parcelsOf([long]), ...parcelsOf([purchaseSample])], options);
    const printed = await print(doc, 'long-parcel');
    expect(printed.problems).toEqual([]);
    expect(printed.pages).toBeGreaterThanOrEqual(3);
    expect(printed.pageTexts[1]).toContain('商品名単価数量金額');
    expect(printed.pageTexts[1]).not.toContain('お買い上げ明細書');
    const last = printed.pageTexts.at(-1) ?? '';
    expect(last.startsWith('お買い上げ明細書')).toBe(true);
    expect(last).toContain('スペシャルティコーヒー豆200g');
    expect(last).not.toContain('お試し商品');
  });

  it('prints 出荷指示書 one page per parcel', async () => {
    const some = parcelsOf([...generated.slice(0, 6), awkward]);
    const doc = renderShippingInstructions(some, options);
    const printed = await print(doc, 'shipping-instructions');
    expectPrintedWhole(
      printed,
      some.length,
      some.map((p) => `伝票番号 ${p.shipment.slipNumber}`),
    );
    expect(printed.text).toContain('出荷指示書');
  });

  it('prints the picking list one numbered sheet per page section with every SKU and product', async () => {
    // A warehouse day of many distinct SKUs: each order's lines get SKUs of their own.
    const manySkus = generateOrders({ count: 40, seed: 12 }).map((order, index) => ({
      ...order,
      lines: order.lines.map((line) => ({ ...line, masterSku: `${line.masterSku ?? line.sku}-${index}` })),
    }));
    const everyday = parcelsOf(manySkus);
    const doc = renderPickingList(everyday, options);
    const printed = await print(doc, 'picking-list');
    expect(doc.pages).toBeGreaterThan(1);
    expectPrintedWhole(
      printed,
      doc.pages,
      Array.from({ length: doc.pages }, (_, i) => `${i + 1} / ${doc.pages} ページ`),
    );
    expect(printed.text).toContain('ピッキングリスト');
    for (const { orders } of everyday) {
      for (const line of orders[0]!.lines) {
        expect(printed.text).toContain(compact(line.masterSku ?? line.sku));
        expect(printed.text).toContain(compact(line.name));
      }
    }
  });

  it('prints the picking list of awkward lines within the page width', async () => {
    const doc = renderPickingList(parcelsOf([awkward]), options);
    const printed = await print(doc, 'picking-list-awkward');
    expectPrintedWhole(printed, 1);
    expect(printed.text).toContain(compact(awkward.lines[0]!.name));
  });

  it('prints a reissued receipt on one page with 再発行, the amount and the tax per rate', async () => {
    const options = {
      issuedBefore: [],
      clock: fixedClock('2026-11-29T01:00:00Z'),
      branding: brandingFor([awkward]),
    };
    const request = {
      addressee: `株式会社${'はこぶロジスティクスソリューションズ'.repeat(2)} 経理部`,
      honorific: '御中' as const,
    };
    const first = issueReceipt(sampleOrder(), request, options);
    if (!first.ok) throw new Error(first.issues[0]?.message);
    const again = issueReceipt(sampleOrder(), request, { ...options, issuedBefore: [first.value.record] });
    if (!again.ok) throw new Error(again.issues[0]?.message);
    const printed = await print(again.value.document, 'receipt');
    expectPrintedWhole(printed, 1);
    for (const text of [
      '領収書',
      '再発行',
      compact(request.addressee),
      '¥5,060-',
      '但しお品代として',
      '登録番号T7123456789012',
    ]) {
      expect(printed.text).toContain(text);
    }
    expect(printed.text).toContain('8%対象（軽減税率）¥2,160¥160');
    expect(printed.text).toContain('10%対象¥2,900¥263');
  });
});
