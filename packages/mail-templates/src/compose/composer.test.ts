import type { Order, PaymentMethod } from '@hakobu/orders';
import { generateOrders } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../context/sample';
import { createMailEngine } from '../engine/engine';
import { displayWidth } from '../engine/format';
import { exampleRankBlocks, exampleRoutes, exampleTemplates } from '../testing/examples';
import { createMailComposer, isMobileAddress, type MailComposerConfig } from './composer';
import { STANDARD_MAIL_EVENTS } from './definitions';

const engine = createMailEngine();
const now = new Date('2026-11-28T01:00:00Z');
const config: MailComposerConfig = {
  engine,
  templates: exampleTemplates(),
  routes: exampleRoutes(),
  rankBlocks: exampleRankBlocks(),
};

function composer(overrides: Partial<MailComposerConfig> = {}) {
  const created = createMailComposer({ ...config, ...overrides });
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  return created.value;
}

function withPayment(order: Order, method: PaymentMethod): Order {
  return { ...order, payment: { ...order.payment, method } };
}

/** The order as it is when its 発送完了 mail goes out: carrier, tracking number and ship date set. */
function asShipped(order: Order, index: number): Order {
  const carriers = ['yamato', 'sagawa', 'japanpost'];
  return {
    ...order,
    status: 'shipped',
    shipments: order.shipments.map((shipment, n) => ({
      ...shipment,
      carrier: carriers[(index + n) % carriers.length],
      trackingNumbers: [`4907149557${String(index).padStart(2, '0')}`],
      shippedOn: '2026-11-28',
      state: 'shipped' as const,
    })),
  };
}

describe('choosing the template', () => {
  it('prefers the payment-method variant over the default', () => {
    const order = sampleOrder();
    expect(composer().chooseTemplate(withPayment(order, 'cod'), 'shipped')?.id).toBe('shipped-cod');
    expect(composer().chooseTemplate(withPayment(order, 'creditCard'), 'shipped')?.id).toBe('shipped');
  });

  it('prefers shop over channel over the generic template', () => {
    const base = { event: 'custom', subject: 's', text: 't' };
    const c = composer({
      templates: [
        { ...base, id: 'generic' },
        { ...base, id: 'channel', channel: 'rakuten' },
        { ...base, id: 'shop', channel: 'rakuten', shopId: 'hakobu-rakuten' },
        { ...base, id: 'card', paymentMethod: 'creditCard' },
      ],
    });
    expect(c.chooseTemplate(sampleOrder(), 'custom')?.id).toBe('card');
    expect(c.chooseTemplate(withPayment(sampleOrder(), 'cod'), 'custom')?.id).toBe('shop');
    expect(c.chooseTemplate({ ...withPayment(sampleOrder(), 'cod'), shopId: 'other' }, 'custom')?.id).toBe(
      'channel',
    );
    expect(c.chooseTemplate({ ...withPayment(sampleOrder(), 'cod'), channel: 'yahoo' }, 'custom')?.id).toBe(
      'generic',
    );
  });

  it('refuses duplicates and broken templates when the set is created, naming them', () => {
    const created = createMailComposer({
      ...config,
      templates: [
        { id: 'a', event: 'followUp', subject: 's', text: '{{ order.numbr }}' },
        { id: 'b', event: 'shipped', subject: 's', text: 't' },
        { id: 'c', event: 'shipped', subject: 's', text: 't' },
      ],
    });
    expect(created.ok).toBe(false);
    expect(created.issues.map((i) => i.code).sort()).toEqual([
      'mail.template_duplicate',
      'template.unknown_variable',
    ]);
    expect(created.issues.find((i) => i.code === 'template.unknown_variable')?.data?.template).toBe('a.text');
  });
});

describe('composing', () => {
  it('builds the message with route sender, signature, rank block and idempotency key', () => {
    const result = composer().compose({
      order: sampleOrder(),
      event: 'shipped',
      now,
      shipmentId: 'sample-shipment',
      rank: { id: 'gold', label: 'ゴールド', count: 6, amount: 80_000 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const message = result.value;
    expect(message).toMatchObject({
      to: ['taro@example.jp'],
      from: 'rakuten@example.jp',
      replyTo: 'support@example.jp',
      bcc: ['archive@example.jp'],
      subject: '【はこぶ堂 楽天市場店】商品を発送しました（123456-20261127-0000001）',
      idempotencyKey: 'sample-order:shipped:sample-shipment',
      meta: { orderId: 'sample-order', event: 'shipped', templateId: 'shipped', device: 'pc' },
    });
    expect(message.text).toContain('★ゴールド会員の山田 太郎様');
    expect(message.text).toContain('はこぶ堂 楽天市場店\nrakuten@example.jp / 03-1234-5678');
    expect(message.html).toContain(
      '<footer><p>はこぶ堂 楽天市場店<br>rakuten@example.jp / 03-1234-5678</p></footer>',
    );
  });

  it('inserts the per-customer message, escaped in HTML', () => {
    const result = composer().compose({
      order: sampleOrder(),
      event: 'shipped',
      now,
      message: '<b>いつも</b>ありがとうございます\n次回もよろしく',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.text).toContain('<b>いつも</b>ありがとうございます\n次回もよろしく');
    expect(result.value.html).toContain('&lt;b&gt;いつも&lt;/b&gt;ありがとうございます<br>\n次回もよろしく');
    expect(result.value.html).not.toContain('<b>');
  });

  it('escapes an injection attempt in the customer name in the HTML part', () => {
    const order = sampleOrder();
    const evil = { ...order, orderer: { ...order.orderer, name: '<img src=x onerror=alert(1)>' } };
    const result = composer().compose({ order: evil, event: 'shipped', now });
    expect(result.ok && result.value.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(result.ok && result.value.html).not.toContain('<img');
  });

  it('sends mobile addresses a short-line plain-text variant', () => {
    const order = sampleOrder();
    const mobile = { ...order, orderer: { ...order.orderer, email: 'taro@docomo.ne.jp' } };
    const result = composer().compose({ order: mobile, event: 'shipped', now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.meta.device).toBe('mobile');
    expect(result.value.html).toBeUndefined();
    for (const line of result.value.text.split('\n')) {
      if (!line.startsWith('http')) expect(displayWidth(line)).toBeLessThanOrEqual(42);
    }
    expect(result.value.text).toContain(
      'https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id=490714955706',
    );
    expect(isMobileAddress('a@EZweb.ne.jp')).toBe(true);
    expect(isMobileAddress('a@example.jp')).toBe(false);
  });

  it('reports every problem of a message as an issue', () => {
    const order = sampleOrder();
    const noMail = { ...order, orderer: { ...order.orderer, email: '' } };
    const noRoute = { ...order, shopId: 'unknown-shop' };
    const c = composer({ routes: exampleRoutes().map(({ signature: _signature, ...route }) => route) });
    expect(c.compose({ order: noMail, event: 'shipped', now })).toMatchObject({
      ok: false,
      issues: [{ code: 'mail.signature_missing' }, { code: 'mail.no_recipient', path: ['orderer', 'email'] }],
    });
    expect(composer().compose({ order: noRoute, event: 'shipped', now })).toMatchObject({
      ok: false,
      issues: [{ code: 'mail.route_missing' }],
    });
    expect(composer().compose({ order, event: 'birthday', now })).toMatchObject({
      ok: false,
      issues: [{ code: 'mail.no_template' }],
    });
  });

  it('keys reminders by sequence so a second reminder is a new message', () => {
    const c = composer();
    const first = c.compose({ order: sampleOrder(), event: 'paymentReminder', now, sequence: 1 });
    const second = c.compose({ order: sampleOrder(), event: 'paymentReminder', now, sequence: 2 });
    expect(first.ok && first.value.idempotencyKey).toBe('sample-order:paymentReminder:#1');
    expect(second.ok && second.value.idempotencyKey).toBe('sample-order:paymentReminder:#2');
  });
});

describe('snapshots of every event × payment method on generated orders', () => {
  const orders = generateOrders({ count: 40, seed: 11 }).filter((order) => order.orderer.email !== undefined);
  const methods: PaymentMethod[] = [
    'creditCard',
    'cod',
    'bankTransfer',
    'convenienceStore',
    'deferred',
    'payPay',
  ];
  const c = composer();
  for (const event of Object.keys(STANDARD_MAIL_EVENTS)) {
    methods.forEach((method, index) => {
      it(`${event} × ${method}`, () => {
        const generated = withPayment(orders[index % orders.length] as Order, method);
        const order = event === 'shipped' || event === 'followUp' ? asShipped(generated, index) : generated;
        const result = c.compose({
          order,
          event,
          now,
          rank: index % 2 === 0 ? { id: 'gold', label: 'ゴールド', count: 5, amount: 60_000 } : undefined,
          followUp: { reviewUrl: 'https://review.example.jp/x', daysSinceDelivery: 7 },
          paymentDueDate: '2026-12-05',
        } as Parameters<typeof c.compose>[0]);
        expect(result.issues).toEqual([]);
        if (!result.ok) return;
        expect(result.value.meta.templateId).toBe(
          ['cod', 'bankTransfer', 'convenienceStore', 'deferred'].includes(method)
            ? `${event}-${method}`
            : event,
        );
        expect({
          subject: result.value.subject,
          text: result.value.text,
          html: result.value.html,
        }).toMatchSnapshot();
      });
    });
  }
});

describe('route validation', () => {
  it('refuses header injection through route headers and reports the route', () => {
    const created = createMailComposer({
      ...config,
      routes: [{ ...exampleRoutes()[0]!, headers: { 'X-Shop': 'a\r\nBcc: victim@example.jp' } }],
    });
    expect(created).toMatchObject({
      ok: false,
      issues: [{ code: 'mail.route_invalid', path: ['routes', 0] }],
    });
  });

  it('strips line breaks from subjects', () => {
    const c = composer({
      templates: [{ id: 'x', event: 'custom', subject: '件名\n{{ orderer.name }}', text: 'x' }],
    });
    const order = sampleOrder();
    const evil = { ...order, orderer: { ...order.orderer, name: '山田\r\nBcc: victim@example.jp' } };
    const result = c.compose({ order: evil, event: 'custom', now });
    expect(result.ok && result.value.subject).toBe('件名 山田 Bcc: victim@example.jp');
  });
});
