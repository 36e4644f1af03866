import { isGift, type Order } from '@hakobu/orders';
import { generateOrders } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../context/sample';
import {
  type DocumentOptions,
  renderDeliveryNotes,
  renderPickingList,
  renderShippingInstructions,
} from './documents';

const branding: DocumentOptions['branding'] = {
  'rakuten/hakobu-rakuten': {
    shopName: 'はこぶ堂 楽天市場店',
    signature: ['東京都千代田区丸の内1-1-1', 'TEL 03-1234-5678'],
    logoUrl: 'https://example.jp/logo.png',
    invoiceNumber: 'T7123456789012',
    stylesheet: 'h1 { color: #333; }',
  },
};
const options: DocumentOptions = { branding, issuedOn: '2026-11-28' };

function purchaseOrder(): Order {
  const order = sampleOrder();
  return { ...order, shipments: order.shipments.map((s) => ({ ...s, giftMode: 'purchase' as const })) };
}

describe('delivery notes (納品書)', () => {
  it('prints お買い上げ明細書 with prices, per-rate tax and the registration number', () => {
    const order = purchaseOrder();
    const doc = renderDeliveryNotes([{ shipment: order.shipments[0]!, orders: [order] }], options);
    expect(doc.issues).toEqual([]);
    expect(doc.pages).toBe(1);
    expect(doc.html).toContain('お買い上げ明細書');
    expect(doc.html).toContain('<th>8%対象</th><td class="num">¥2,160</td><td class="num">消費税 ¥160</td>');
    expect(doc.html).toContain('<th>10%対象</th><td class="num">¥2,900</td><td class="num">消費税 ¥263</td>');
    expect(doc.html).toContain('<th>合計</th><td class="num">¥5,060</td>');
    expect(doc.html).toContain('※スペシャルティコーヒー豆 200g');
    expect(doc.html).toContain('登録番号 T7123456789012');
    expect(doc.html).toContain('@page { size: A4;');
    expect(doc.html).toContain('h1 { color: #333; }');
    expect(doc.html).toContain('<img src="https://example.jp/logo.png"');
  });

  it('prints お届け明細書 for a gift without any price and with the sender', () => {
    const order = sampleOrder();
    const doc = renderDeliveryNotes([{ shipment: order.shipments[0]!, orders: [order] }], options);
    expect(doc.html).toContain('お届け明細書');
    expect(doc.html).toContain('山田 太郎様からのプレゼントをお届けします');
    const section = doc.html.slice(doc.html.indexOf('<section'));
    expect(section).not.toMatch(/¥|円|消費税/);
  });

  it('puts one page per parcel with page breaks, and escapes every value', () => {
    const order = purchaseOrder();
    const evil = {
      ...order,
      shipments: order.shipments.map((s) => ({
        ...s,
        destination: { ...s.destination, name: '<script>alert(1)</script>' },
        deliveryNoteText: '</style><b>x</b>',
      })),
    };
    const parcels = [
      { shipment: order.shipments[0]!, orders: [order] },
      { shipment: evil.shipments[0]!, orders: [evil] },
    ];
    const doc = renderDeliveryNotes(parcels, options);
    expect(doc.pages).toBe(2);
    expect(doc.html.match(/<section class="page/g)).toHaveLength(2);
    expect(doc.html).toContain('.page { break-after: page; page-break-after: always; }');
    expect(doc.html).not.toContain('<script>');
    expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 様');
    expect(doc.html).toContain('&lt;/style&gt;&lt;b&gt;x&lt;/b&gt;');
  });

  it('reports a route without branding and a bad registration number, printing the rest', () => {
    const order = purchaseOrder();
    const other = { ...order, id: 'o2', shopId: 'elsewhere' };
    const doc = renderDeliveryNotes(
      [
        { shipment: other.shipments[0]!, orders: [other] },
        { shipment: order.shipments[0]!, orders: [order] },
      ],
      {
        ...options,
        branding: {
          'rakuten/hakobu-rakuten': { shopName: 'x', invoiceNumber: 'T123', stylesheet: '</style><script>' },
        },
      },
    );
    expect(doc.pages).toBe(1);
    expect(doc.issues.map((i) => i.code)).toEqual([
      'document.branding_missing',
      'document.invoice_number_invalid',
      'document.stylesheet_invalid',
    ]);
    expect(doc.html).not.toContain('<script>');
    expect(doc.html).not.toContain('登録番号');
  });
});

describe('picking list and shipping instructions', () => {
  const generated = generateOrders({ count: 30, seed: 5 });
  const parcels = generated.flatMap((order) =>
    order.shipments.map((shipment) => ({ shipment, orders: [order] })),
  );

  it('sums quantities per SKU over all parcels', () => {
    const doc = renderPickingList(parcels, options);
    const expected = parcels.reduce(
      (sum, p) => sum + p.shipment.lines.reduce((s, l) => s + l.quantity, 0),
      0,
    );
    expect(doc.html).toContain(`伝票 ${parcels.length} 件`);
    expect(doc.html).toContain(` ${expected} 点`);
    const quantities = [...doc.html.matchAll(/<td class="num">(\d+)<\/td><td class="num">\d+<\/td>/g)].map(
      (m) => Number(m[1]),
    );
    expect(quantities.reduce((a, b) => a + b, 0)).toBe(expected);
  });

  it('cuts a long picking list into numbered pages that together hold every SKU row once', () => {
    const rowsOf = (html: string) => html.match(/<tr><td>.*?<\/tr>/g) ?? [];
    const whole = rowsOf(renderPickingList(parcels, { ...options, rowsPerPage: 10_000 }).html);
    const doc = renderPickingList(parcels, { ...options, rowsPerPage: 3 });
    expect(whole.length).toBeGreaterThan(3);
    expect(doc.pages).toBe(Math.ceil(whole.length / 3));
    expect(doc.html.match(/<section class="page picking">/g)).toHaveLength(doc.pages);
    expect(doc.html).toContain(`1 / ${doc.pages} ページ`);
    expect(doc.html).toContain(`${doc.pages} / ${doc.pages} ページ`);
    expect(rowsOf(doc.html)).toEqual(whole);
    expect(renderPickingList(parcels, options).pages).toBe(Math.max(1, Math.ceil(whole.length / 20)));
    expect(renderPickingList([], options).pages).toBe(1);
  });

  it('prints one 出荷指示書 page per parcel with carrier, slot and destination', () => {
    const order = sampleOrder();
    const doc = renderShippingInstructions([{ shipment: order.shipments[0]!, orders: [order] }], options);
    expect(doc.pages).toBe(1);
    expect(doc.html).toContain('<th>配送業者</th><td>ヤマト運輸（takkyubin）</td>');
    expect(doc.html).toContain('<th>時間帯</th><td>14時〜16時</td>');
    expect(doc.html).toContain('<th>お届け希望日</th><td>2026年11月30日(月)</td>');
    expect(doc.html).toContain('佐藤 花子 様');
    expect(renderShippingInstructions(parcels, options).pages).toBe(parcels.length);
  });
});

describe('delivery notes on generated orders', () => {
  it('prints a gift note without prices for every gift parcel and a purchase note for the rest', () => {
    const generated = generateOrders({ count: 120, seed: 21, giftRate: 0.3 });
    const parcels = generated.flatMap((order) =>
      order.shipments.map((shipment) => ({ shipment, orders: [order] })),
    );
    const doc = renderDeliveryNotes(parcels, options);
    const sections = doc.html.split('<section class="page').slice(1);
    const rakuten = parcels.filter(
      (p) => p.orders[0]!.channel === 'rakuten' && p.orders[0]!.shopId === 'hakobu-rakuten',
    );
    expect(doc.pages).toBe(rakuten.length);
    expect(doc.issues.filter((i) => i.code === 'document.branding_missing')).toHaveLength(
      parcels.length - rakuten.length,
    );
    const gifts = rakuten.filter((p) => isGift(p.orders[0]!, p.shipment)).length;
    expect(gifts).toBeGreaterThan(0);
    expect(sections.filter((s) => s.startsWith(' gift'))).toHaveLength(gifts);
    for (const section of sections.filter((s) => s.startsWith(' gift')))
      expect(section).not.toMatch(/¥|消費税/);
    for (const section of sections.filter((s) => s.startsWith(' purchase')))
      expect(section).toContain('税率');
  });
});

/** Tags open and close in order (a quick structural check; browser.test.ts prints the documents in Chromium). */
function unbalancedTags(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<!DOCTYPE html>/, '');
  const stack: string[] = [];
  const problems: string[] = [];
  for (const match of body.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    const [, closing, name] = match as unknown as [string, string, string];
    if (['meta', 'br', 'img'].includes(name)) continue;
    if (closing === '') stack.push(name);
    else if (stack.pop() !== name) problems.push(name);
  }
  return [...problems, ...stack];
}

describe('document HTML structure', () => {
  it('balances every tag in all three documents', () => {
    const generated = generateOrders({ count: 40, seed: 8, giftRate: 0.3 });
    const parcels = generated.flatMap((order) =>
      order.shipments.map((shipment) => ({ shipment, orders: [order] })),
    );
    const wide = { ...options, branding: { ...branding, 'yahoo/hakobu-yahoo': { shopName: 'Y' } } };
    for (const doc of [
      renderDeliveryNotes(parcels, wide),
      renderPickingList(parcels, wide),
      renderShippingInstructions(parcels, wide),
    ]) {
      expect(unbalancedTags(doc.html)).toEqual([]);
    }
  });
});
