#!/usr/bin/env node
// Benchmark of @hakobu/mail-templates on the built dist (`npm run build` first, or `npm run bench` from the root).
// Workload: render 100,000 shipping mails (発送完了) from one compiled template on contexts built from generated
// orders, and the same messages by plain string concatenation (same formatting helpers) in the same run; the
// concatenation output is checked equal to the template output. Reports per-message time and the ratio.
// `--quick` renders 20,000. Prints one JSON object `{ package, results }` as its last stdout line.
import { performance } from 'node:perf_hooks';
import { generateOrders } from '@hakobu/orders/testing';
import { buildMailContext, createMailEngine, formatJapanDate, formatMailYen } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const messages = quick ? 20_000 : 100_000;
const repetitions = quick ? 2 : 3;

const TEMPLATE = `[お届け先氏名] 様

{{ shop.name }}です。ご注文の商品を{{ shipment.shippedOn | jdate }}に{{ shipment.carrierLabel }}で発送いたしました。

■ご注文番号: [注文番号]
■ご注文日: {{ order.orderedAt | jdate }}
■ご請求金額: {{ amounts.billedTotal | yen: 'suffix' }}
■お届け先: {{ destination.name }} 様 {{ destination.address }}
■お届け希望日: {{ shipment.requestedDate | jdate | default: '指定なし' }} {{ shipment.timeSlotLabel }}
{% for line in shipment.lines %}・{{ line.name }}{% if line.options %} ({{ line.options }}){% endif %} × {{ line.quantity }}
{% endfor %}{% for t in shipment.tracking %}お問い合わせ番号: {{ t.number }}{% if t.url %} {{ t.url }}{% endif %}
{% endfor %}{{ blocks.signature }}`;

function concatenate(c) {
  const s = c.shipment;
  let text = `${c.destination.name} 様\n\n${c.shop.name}です。ご注文の商品を${formatJapanDate(s.shippedOn)}に${s.carrierLabel ?? ''}で発送いたしました。\n\n`;
  text += `■ご注文番号: ${c.order.number}\n■ご注文日: ${formatJapanDate(c.order.orderedAt)}\n`;
  text += `■ご請求金額: ${formatMailYen(c.amounts.billedTotal, 'suffix')}\n`;
  text += `■お届け先: ${c.destination.name} 様 ${c.destination.address}\n`;
  text += `■お届け希望日: ${s.requestedDate === null ? '指定なし' : formatJapanDate(s.requestedDate)} ${s.timeSlotLabel}\n`;
  for (const line of s.lines) {
    text += `・${line.name}${line.options ? ` (${line.options})` : ''} × ${line.quantity}\n`;
  }
  for (const t of s.tracking) text += `お問い合わせ番号: ${t.number}${t.url ? ` ${t.url}` : ''}\n`;
  return text + c.blocks.signature;
}

const carriers = ['yamato', 'sagawa', 'japanpost'];
const contexts = generateOrders({ count: 1000, seed: 9 }).map((order, i) =>
  buildMailContext(
    {
      ...order,
      shipments: order.shipments.map((s) => ({
        ...s,
        carrier: carriers[i % 3],
        trackingNumbers: [String(490714955700 + i)],
        shippedOn: '2026-11-28',
      })),
    },
    {
      shop: { name: 'はこぶ堂' },
      event: 'shipped',
      now: new Date('2026-11-28T01:00:00Z'),
      blocks: { signature: '──\nはこぶ堂\nshop@example.jp' },
    },
  ),
);

const engine = createMailEngine();
const compiled = engine.compile(TEMPLATE, { name: 'shipped' });
if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
for (const context of contexts) {
  const rendered = engine.render(compiled.value, context);
  if (!rendered.ok || rendered.value !== concatenate(context)) {
    throw new Error(`baseline differs from template output for ${context.order.number}`);
  }
}

function run(render) {
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < messages; i += 1) bytes += render(contexts[i % contexts.length]).length;
  const elapsed = performance.now() - start;
  if (bytes === 0) throw new Error('nothing rendered');
  return elapsed;
}

const liquid = [];
const baseline = [];
for (let r = 0; r < repetitions; r += 1) {
  globalThis.gc?.();
  liquid.push(run((c) => engine.render(compiled.value, c).value));
  globalThis.gc?.();
  baseline.push(run(concatenate));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perMessageUs = (median(liquid) * 1000) / messages;
const baselineUs = (median(baseline) * 1000) / messages;
const ratio = perMessageUs / baselineUs;
const round = (value, digits) => Number(value.toFixed(digits));

const results = [
  {
    name: 'render one shipping mail (compiled LiquidJS template)',
    size: `${messages.toLocaleString('en-US')} mails, total ${round(median(liquid), 0)} ms`,
    value: round(perMessageUs, 2),
    unit: 'µs',
    baseline: round(baselineUs, 2),
    ratio: round(ratio, 1),
    // A 100,000-mail batch renders in under a minute; sending through any transport takes far longer.
    goal: '< 600 µs',
    pass: perMessageUs < 600,
  },
];
for (const r of results) console.error(`${r.name}: ${r.value} ${r.unit}`);
console.log(JSON.stringify({ package: 'mail-templates', results }));
