import { fixedClock } from '@hakobu/core/testing';
import { computeAmounts, type Order } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../context/sample';
import type { DocumentBranding } from './layout';
import { type IssueReceiptOptions, issueReceipt, ReceiptIssueRecord, type ReceiptRequest } from './receipt';

const branding: Readonly<Record<string, DocumentBranding>> = {
  'rakuten/hakobu-rakuten': {
    shopName: 'はこぶ堂 楽天市場店',
    signature: ['東京都千代田区丸の内1-1-1', 'TEL 03-1234-5678'],
    invoiceNumber: 'T7123456789012',
  },
};
// 2026-11-28 23:30 UTC is already 11/29 in Japan.
const options: IssueReceiptOptions = {
  issuedBefore: [],
  clock: fixedClock('2026-11-28T23:30:00Z'),
  branding,
};
const request: ReceiptRequest = { addressee: '株式会社はこぶ', honorific: '御中' };

function issued(order: Order, req: ReceiptRequest = request, opts: IssueReceiptOptions = options) {
  const result = issueReceipt(order, req, opts);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

function codes(order: Order, req: ReceiptRequest = request, opts: IssueReceiptOptions = options): string[] {
  const result = issueReceipt(order, req, opts);
  expect(result.ok).toBe(false);
  return result.issues.map((issue) => issue.code);
}

describe('issueReceipt (Web領収書)', () => {
  it('prints addressee, amount, default proviso, shop, registration number and the Japan-time date', () => {
    const result = issued(sampleOrder());
    const { html } = result.value.document;
    expect(result.issues).toEqual([]);
    expect(result.value.document.pages).toBe(1);
    expect(html).toContain('<h1>領収書</h1>');
    expect(html).toContain('<p class="addressee">株式会社はこぶ 御中</p>');
    expect(html).toContain('<p class="amount">¥5,060-</p>');
    expect(html).toContain('但し お品代として<br>上記正に領収いたしました。');
    expect(html).toContain('No. 123456-20261127-0000001');
    expect(html).toContain('発行日 2026年11月29日(日)');
    expect(html).toContain('<p>はこぶ堂 楽天市場店</p>');
    expect(html).toContain('登録番号 T7123456789012');
    expect(html).toContain('<th>ご注文日</th><td>2026年11月27日(金)</td>');
    expect(html).toContain('<th>お支払方法</th><td>クレジットカード</td>');
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toContain('再発行');
    expect(ReceiptIssueRecord.parse(result.value.record)).toEqual({
      orderId: 'sample-order',
      receiptNumber: '123456-20261127-0000001',
      sequence: 1,
      issuedAt: '2026-11-29T08:30:00+09:00',
      addressee: '株式会社はこぶ',
      honorific: '御中',
      proviso: 'お品代として',
      amount: 5_060,
    });
  });

  it('takes the per-rate rows from the order as they are, 8% marked 軽減税率', () => {
    const order = sampleOrder();
    const { html } = issued(order).value.document;
    expect(html).toContain(
      '<tr><th>8%対象（軽減税率）</th><td class="num">¥2,160</td><td class="num">¥160</td></tr><tr><th>10%対象</th><td class="num">¥2,900</td><td class="num">¥263</td></tr>',
    );
    expect(html).toContain('（内消費税 ¥423）');
    expect(html).toContain('※軽減税率（8%）対象の商品を含みます。');
    // Rows the order stores are printed even where a recomputation would round differently.
    const stored = {
      ...order,
      amounts: {
        ...order.amounts,
        tax: [
          { rate: 10 as const, taxableAmount: 2_900, tax: 264 },
          { rate: 8 as const, taxableAmount: 2_160, tax: 159 },
        ],
      },
    };
    const printed = issued(stored).value.document.html;
    expect(printed).toContain('<td class="num">¥264</td>');
    expect(printed).toContain('<td class="num">¥159</td>');
    expect(printed).toContain('（内消費税 ¥423）');
  });

  it('prints the rows of computeAmounts for a points order and says they are before the discount', () => {
    const order = sampleOrder();
    const amounts = computeAmounts(order.lines, { shipping: 660, pointsUsed: 500, couponDiscount: 300 });
    const { html } = issued({ ...order, amounts }).value.document;
    for (const row of amounts.tax) {
      expect(html).toContain(`<td class="num">¥${row.taxableAmount.toLocaleString('en')}</td>`);
    }
    expect(html).toContain(`<p class="amount">¥${amounts.billedTotal.toLocaleString('en')}-</p>`);
    expect(html).toContain(
      '税率別内訳の対象額はクーポン値引 ¥300・ポイント利用 ¥500を差し引く前の金額です。',
    );
  });

  it('marks every reissue 再発行 with its count, keeping the receipt number', () => {
    const order = sampleOrder();
    const first = issued(order).value.record;
    const second = issued(
      order,
      { ...request, proviso: '書籍代として' },
      { ...options, issuedBefore: [first] },
    );
    expect(second.value.record).toMatchObject({ sequence: 2, receiptNumber: first.receiptNumber });
    const { html } = second.value.document;
    expect(html).toContain('<p class="reissue">再発行</p>');
    expect(html).toContain('（2回目の発行）');
    expect(html).toContain('<title>領収書（再発行）</title>');
    expect(html).toContain('但し 書籍代として');
    const other = { ...first, orderId: 'another-order', sequence: 7, receiptNumber: 'X' };
    const third = issued(order, request, { ...options, issuedBefore: [second.value.record, other, first] });
    expect(third.value.record).toMatchObject({ sequence: 3, receiptNumber: first.receiptNumber });
    expect(third.value.document.html).toContain('（3回目の発行）');
  });

  it('refuses unpaid, partly paid, cancelled, refunded, 代引 and 0円 orders with Japanese messages', () => {
    const order = sampleOrder();
    const withPayment = (
      status: Order['payment']['status'],
      method: Order['payment']['method'] = 'bankTransfer',
    ) => ({
      ...order,
      payment: { method, status, paidAmount: 0 },
    });
    expect(codes(withPayment('unpaid'))).toEqual(['receipt.unpaid']);
    expect(codes(withPayment('partiallyPaid'))).toEqual(['receipt.unpaid']);
    expect(codes(withPayment('refunded'))).toEqual(['receipt.refunded']);
    expect(codes(withPayment('notRequired', 'cod'))).toEqual(['receipt.cash_on_delivery']);
    expect(codes({ ...order, status: 'cancelled' })).toEqual(['receipt.cancelled']);
    expect(codes({ ...order, status: 'void' }, request, { ...options, cancelledStatuses: ['void'] })).toEqual(
      ['receipt.cancelled'],
    );
    expect(codes({ ...order, amounts: { ...order.amounts, billedTotal: 0 } })).toEqual([
      'receipt.nothing_paid',
    ]);
    const unpaid = issueReceipt(withPayment('unpaid'), request, options);
    expect(unpaid.issues[0]?.message).toBe(
      '受注123456-20261127-0000001は入金が確認できていないため、領収書は発行できません（入金状況: 未入金）',
    );
    expect(issueReceipt({ ...order, status: 'cancelled' }, request, options).issues[0]?.message).toBe(
      '受注123456-20261127-0000001はキャンセルされているため、領収書は発行できません',
    );
    expect(issued(withPayment('authorized', 'creditCard')).value.record.sequence).toBe(1);
  });

  it('refuses a bad request, reporting every problem', () => {
    const order = sampleOrder();
    expect(codes(order, { addressee: '  ', honorific: '様' })).toEqual(['receipt.addressee_missing']);
    expect(
      codes(order, {
        addressee: 'あ'.repeat(51),
        honorific: 'さん' as '様',
        proviso: `お品代\nとして${'い'.repeat(40)}`,
      }),
    ).toEqual([
      'receipt.addressee_too_long',
      'receipt.honorific_invalid',
      'receipt.text_invalid',
      'receipt.proviso_too_long',
    ]);
    const result = issueReceipt(order, { addressee: 'あ'.repeat(51), honorific: '様' }, options);
    expect(result.issues[0]?.message).toBe('宛名は50文字以内にしてください（51文字あります）');
    expect(
      issued(order, { addressee: ' 山田 太郎 ', honorific: '様', proviso: ' ' }).value.record,
    ).toMatchObject({
      addressee: '山田 太郎',
      proviso: 'お品代として',
    });
  });

  it('refuses a malformed registration number and a route without branding; warns on a check digit or none', () => {
    const order = sampleOrder();
    const key = 'rakuten/hakobu-rakuten';
    const wrong = (invoiceNumber: string) => ({
      ...options,
      branding: { [key]: { shopName: 'はこぶ堂', invoiceNumber } },
    });
    expect(codes(order, request, wrong('T123'))).toEqual(['document.invoice_number_invalid']);
    const unchecked = issued(order, request, wrong('T1123456789012'));
    expect(unchecked.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['document.invoice_number_check_digit', 'warning'],
    ]);
    expect(unchecked.value.document.html).toContain('登録番号 T1123456789012');
    expect(codes(order, request, { ...options, branding: {} })).toEqual(['document.branding_missing']);
    const without = issued(order, request, { ...options, branding: { [key]: { shopName: 'はこぶ堂' } } });
    expect(without.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['receipt.invoice_number_missing', 'warning'],
    ]);
    expect(without.value.document.html).not.toContain('登録番号');
  });

  it('escapes the addressee, the proviso and the shop', () => {
    const order = sampleOrder();
    const result = issued(
      order,
      { addressee: '<script>alert(1)</script>', honorific: '様', proviso: '"お品代" & <b>' },
      {
        ...options,
        branding: {
          'rakuten/hakobu-rakuten': {
            shopName: '<i>はこぶ</i>',
            signature: ["'x'"],
            invoiceNumber: 'T7123456789012',
          },
        },
      },
    );
    const { html } = result.value.document;
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<b>|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 様');
    expect(html).toContain('但し &quot;お品代&quot; &amp; &lt;b&gt;');
    expect(html).toContain('<p>&lt;i&gt;はこぶ&lt;/i&gt;</p><p>&#39;x&#39;</p>');
    // The record keeps the text as the customer typed it; only the HTML is escaped.
    expect(result.value.record.addressee).toBe('<script>alert(1)</script>');
  });
});
