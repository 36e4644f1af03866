import type { MailRouteInput, MailTemplateDefinition, RankBlock } from '../compose/definitions';

const PAYMENT_NOTES: Readonly<Record<string, string>> = {
  cod: '商品到着時に配達員へ {{ amounts.billedTotal | yen }} をお支払いください。',
  bankTransfer:
    '下記口座へ {{ payment.dueAmount | yen: "suffix" }} をお振込みください。{% if payment.dueDate %}期限: {{ payment.dueDate | jdate }}{% endif %}',
  convenienceStore: 'コンビニ払込票の番号は別途お送りするメールをご確認ください。',
  deferred: '請求書は商品とは別に郵送されます。発行から14日以内にお支払いください。',
};

const EVENTS: ReadonlyArray<{ event: string; subject: string; lead: string }> = [
  {
    event: 'orderConfirmation',
    subject: '【{{ shop.name }}】ご注文ありがとうございます（[注文番号]）',
    lead: 'ご注文を承りました。',
  },
  {
    event: 'paymentConfirmed',
    subject: '【{{ shop.name }}】ご入金を確認しました（[注文番号]）',
    lead: '{{ payment.paidAmount | yen }} のご入金を確認いたしました。',
  },
  {
    event: 'paymentReminder',
    subject: '【{{ shop.name }}】お支払いのお願い（[注文番号]）',
    lead: 'ご注文代金 {{ payment.dueAmount | yen }} のお支払いが確認できておりません。',
  },
  {
    event: 'shipped',
    subject: '【{{ shop.name }}】商品を発送しました（[注文番号]）',
    lead: '{{ shipment.shippedOn | jdate }}に{{ shipment.carrierLabel }}で発送いたしました。',
  },
  {
    event: 'followUp',
    subject: '【{{ shop.name }}】商品は届きましたか？',
    lead: '商品到着から{{ followUp.daysSinceDelivery | default: 0 }}日が経ちました。',
  },
];

/**
 * A complete example template set (見本テンプレート): one default template per standard event and a
 * variant per payment method (代引, 銀行振込, コンビニ, 後払い) for every event, with HTML and mobile
 * variants on 発送完了. For tests, demos and as a starting point.
 *
 * @example
 * ```ts
 * const composer = createMailComposer({ engine, templates: exampleTemplates(), routes: exampleRoutes() });
 * ```
 */
export function exampleTemplates(): MailTemplateDefinition[] {
  const templates: MailTemplateDefinition[] = [];
  for (const { event, subject, lead } of EVENTS) {
    const body = (note: string) =>
      `[注文者氏名] 様\n\n{{ shop.name }}です。${lead}\n{{ blocks.rank }}\n■ご注文番号: [注文番号]\n■ご注文日: [注文日]\n■お支払方法: [支払方法]\n■ご請求金額: [請求金額]\n${note === '' ? '' : `${note}\n`}\n■ご注文商品\n[明細]\n■お届け先\n[お届け先氏名] 様\n{{ destination.postalCode | postal }} [お届け先住所]\n{% if shipment %}お届け希望日: [お届け希望日] [お届け時間帯]\n{% for t in shipment.tracking %}お問い合わせ番号: {{ t.number }}{% if t.url %}\n{{ t.url }}{% endif %}\n{% endfor %}{% endif %}{{ blocks.message }}\n{{ blocks.signature }}`;
    const html =
      event === 'shipped'
        ? '<p>{{ orderer.name }} 様</p><p>{{ shop.name }}です。商品を発送いたしました。</p>{{ blocks.rank | raw }}<table>{% for line in shipment.lines %}<tr><td>{{ line.name }}</td><td>{{ line.quantity }}</td></tr>{% endfor %}</table>{% for t in shipment.tracking %}<p><a href="{{ t.url }}">{{ t.number }}</a></p>{% endfor %}<p>{{ blocks.message | raw }}</p><footer>{{ blocks.signature | raw }}</footer>'
        : undefined;
    const mobileText =
      event === 'shipped'
        ? '[注文者氏名]様\n[ショップ名]です。商品を発送しました。\n注文番号:[注文番号]\n{% for t in shipment.tracking %}{{ t.url }}\n{% endfor %}{{ blocks.message }}\n{{ blocks.signature }}'
        : undefined;
    templates.push({
      id: `${event}`,
      event,
      subject,
      text: body(''),
      ...(html === undefined ? {} : { html }),
      ...(mobileText === undefined ? {} : { mobileText }),
    });
    for (const [paymentMethod, note] of Object.entries(PAYMENT_NOTES)) {
      templates.push({
        id: `${event}-${paymentMethod}`,
        event,
        paymentMethod: paymentMethod as MailTemplateDefinition['paymentMethod'],
        subject,
        text: body(note),
      });
    }
  }
  return templates;
}

/**
 * Example routes (見本の送信ルート) for the shops of `generateOrders` (楽天, Yahoo!, Amazon, own site), each with sender and signature.
 *
 * @example
 * ```ts
 * exampleRoutes()[0].channel; // 'rakuten'
 * ```
 */
export function exampleRoutes(): MailRouteInput[] {
  const route = (channel: string, shopId: string, name: string): MailRouteInput => ({
    channel,
    shopId,
    shop: {
      name,
      email: `${channel}@example.jp`,
      phone: '0312345678',
      url: `https://example.jp/${channel}`,
      invoiceNumber: 'T7123456789012',
    },
    from: `${channel}@example.jp`,
    replyTo: `support@example.jp`,
    bcc: ['archive@example.jp'],
    signature: {
      text: '──────────\n{{ shop.name }}\n{{ shop.email }} / {{ shop.phone | phone }}\n{{ shop.url }}\n──────────',
      html: '<p>{{ shop.name }}<br>{{ shop.email }} / {{ shop.phone | phone }}</p>',
    },
  });
  return [
    route('rakuten', 'hakobu-rakuten', 'はこぶ堂 楽天市場店'),
    route('yahoo', 'hakobu-yahoo', 'はこぶ堂 Yahoo!店'),
    route('amazon', 'hakobu-amazon', 'はこぶ堂 Amazon店'),
    route('own', 'hakobu-shop', 'はこぶ堂 本店'),
  ];
}

/**
 * Example rank blocks (ランク別ブロック): a thank-you line for gold and silver customers.
 *
 * @example
 * ```ts
 * exampleRankBlocks().map((block) => block.rank); // ['gold', 'silver']
 * ```
 */
export function exampleRankBlocks(): RankBlock[] {
  return [
    {
      rank: 'gold',
      text: '★ゴールド会員の{{ orderer.name }}様、いつもありがとうございます。次回送料無料です。',
    },
    { rank: 'silver', text: '☆シルバー会員様特典: 次回5%オフ' },
  ];
}
