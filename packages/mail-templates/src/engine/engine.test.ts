import { describe, expect, it } from 'vitest';
import { buildMailContext } from '../context/build';
import { sampleOrder } from '../context/sample';
import type { MailContext } from '../context/schema';
import { checkTemplate, createMailEngine } from './engine';
import { preview } from './preview';

const engine = createMailEngine();
const context = (): MailContext =>
  buildMailContext(sampleOrder(), {
    shop: { name: 'はこぶ堂' },
    event: 'shipped',
    now: new Date('2026-11-28T01:00:00Z'),
  });

function render(source: string, ctx: MailContext = context(), format: 'text' | 'html' = 'text'): string {
  const compiled = engine.compile(source, { format });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const rendered = engine.render(compiled.value, ctx);
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
  return rendered.value;
}

describe('Japanese filters in templates', () => {
  it('formats money, dates, 和暦, phone, postal code and tracking', () => {
    expect(render('{{ amounts.billedTotal | yen }} / {{ amounts.billedTotal | yen: "suffix" }}')).toBe(
      '¥5,060 / 5,060円',
    );
    expect(render('{{ order.orderedAt | jdate }} {{ shipment.requestedDate | jdate: "short" }}')).toBe(
      '2026年11月27日(金) 11/30',
    );
    expect(render('{{ shipment.requestedDate | wareki }} {{ mail.today | wareki: "year" }}')).toBe(
      '令和8年11月30日 令和8年',
    );
    expect(render('{{ shipment.requestedDate | weekday }}')).toBe('月');
    expect(render('{{ orderer.phone | phone }} {{ destination.phone | phone }}')).toBe(
      '090-1234-5678 06-1234-5678',
    );
    expect(render('{{ orderer.postalCode | postal }}')).toBe('〒100-0005');
    expect(render('{{ shipment.slipNumber | fullwidth }}')).toBe(
      '１２３４５６－２０２６１１２７－００００００１－１',
    );
    expect(render('{{ shipment.trackingNumbers.first | tracking_url: shipment.carrier }}')).toBe(
      'https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id=490714955706',
    );
  });

  it('uses host tracking URLs', () => {
    const custom = createMailEngine({ trackingUrls: { yamato: 'https://track.example/{number}' } });
    const compiled = custom.compile(
      '{% for t in shipment.tracking %}{{ t.number | tracking_url: "yamato" }}{% endfor %}',
    );
    expect(compiled.ok && custom.render(compiled.value, context())).toMatchObject({
      value: 'https://track.example/490714955706',
    });
    expect(() => createMailEngine({ trackingUrls: { x: 'http://insecure/{number}' } })).toThrow();
  });

  it('supports real conditionals and loops with typed loop variables', () => {
    const text = render(
      '{% if payment.method == "creditCard" %}カード{% else %}その他{% endif %}|{% for line in lines %}{{ forloop.index }}.{{ line.name }}{% unless forloop.last %},{% endunless %}{% endfor %}|{% if orderer.company %}会社{% endif %}',
    );
    expect(text).toBe('カード|1.スペシャルティコーヒー豆 200g,2.波佐見焼マグカップ|');
  });
});

describe('checkTemplate', () => {
  it('reports an unknown variable with line and column and the known keys', () => {
    const issues = checkTemplate('ご注文\n  {{ order.nmber }}');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'template.unknown_variable', line: 2, column: 6 });
    expect(issues[0]?.message).toContain('order には id, number');
  });

  it('reports unknown filters (all of them) and unknown or unclosed tags', () => {
    const filters = checkTemplate('{{ order.number | upcase | shout }}\n{{ order.id | whisper }}');
    expect(filters.map((i) => [i.code, i.line, i.column])).toEqual([
      ['template.unknown_filter', 1, 28],
      ['template.unknown_filter', 2, 15],
    ]);
    expect(checkTemplate('a\n{% frobnicate %}')).toMatchObject([
      { code: 'template.unknown_tag', line: 2, column: 1 },
    ]);
    expect(checkTemplate('{% if shipment %}\nabc')).toMatchObject([
      { code: 'template.unclosed_tag', line: 1, column: 1 },
    ]);
    expect(checkTemplate('abc {{ order.number ')).toMatchObject([
      { code: 'template.unclosed_output', line: 1, column: 5 },
    ]);
  });

  it('reports a bad literal filter argument before saving', () => {
    expect(checkTemplate('{{ order.orderedAt | jdate: "iso" }}')).toMatchObject([
      { code: 'template.bad_filter_argument' },
    ]);
    expect(checkTemplate('{{ amounts.items | yen: "suffix" }}')).toEqual([]);
  });

  it('refuses file access tags', () => {
    for (const tag of ['{% include "secret" %}', '{% render "x" %}', '{% layout "x" %}']) {
      expect(checkTemplate(tag)[0]?.code).toBe('template.forbidden_tag');
    }
  });

  it('allows | raw in HTML only on the composed blocks', () => {
    expect(checkTemplate('{{ orderer.name | raw }}', { format: 'html' })).toMatchObject([
      { code: 'template.unsafe_raw' },
    ]);
    expect(checkTemplate('{{ blocks.signature | raw }}', { format: 'html' })).toEqual([]);
  });
});

describe('no context path outside the schema is reachable', () => {
  const escapes = [
    '{{ order.constructor }}',
    '{{ order.__proto__ }}',
    '{{ lines.constructor.name }}',
    '{{ shop.name.constructor }}',
    '{{ orderer.toString }}',
    '{{ order["constructor"] }}',
    '{{ constructor }}',
    '{{ lines.first.hasOwnProperty }}',
    '{% for l in lines %}{{ l.constructor }}{% endfor %}',
    '{% assign c = "constructor" %}{{ order[c] }}',
  ];
  for (const source of escapes) {
    it(`refuses ${source}`, () => {
      const issues = checkTemplate(source);
      expect(issues.some((issue) => issue.severity === 'error')).toBe(true);
      expect(engine.compile(source).ok).toBe(false);
    });
  }

  it('reads own properties only at render time', () => {
    const ctx = context();
    const inherited = Object.create({ name: '継承された名前' }) as MailContext['shop'];
    const leaky = {
      ...ctx,
      shop: Object.assign(inherited, { ...ctx.shop, name: undefined as unknown as string }),
    };
    delete (leaky.shop as { name?: string }).name;
    const compiled = engine.compile('{{ shop.name }}');
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const rendered = engine.render(compiled.value, leaky);
    expect(rendered.ok).toBe(false);
    expect(rendered.issues[0]?.code).toBe('template.render_failed');
  });

  it('evaluates no JavaScript', () => {
    const text = render('{{ "1 + 1" }}{% assign x = "process.exit()" %}{{ x }}');
    expect(text).toBe('1 + 1process.exit()');
  });
});

describe('HTML escaping', () => {
  it('escapes a customer name with an injection attempt in HTML and keeps it in text', () => {
    const ctx = context();
    const evil = { ...ctx, orderer: { ...ctx.orderer, name: '<script>alert("x")</script>&山田' } };
    expect(render('<p>{{ orderer.name }}</p>', evil, 'html')).toBe(
      '<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;山田</p>',
    );
    expect(render('{{ orderer.name }}', evil, 'text')).toBe('<script>alert("x")</script>&山田');
    expect(render('<a href="{{ shipment.tracking.first.url }}">x</a>', ctx, 'html')).toContain(
      '?id=490714955706',
    );
  });

  it('escapes inside loops and filters', () => {
    const ctx = context();
    const lines = ctx.lines.map((line) => ({ ...line, name: '<img src=x onerror=alert(1)>' }));
    const html = render(
      '{% for line in lines %}<td>{{ line.name | upcase }}</td>{% endfor %}',
      { ...ctx, lines },
      'html',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;IMG SRC=X ONERROR=ALERT(1)&gt;');
  });
});

describe('render failures and preview', () => {
  it('reports a render failure with the position in the original text', () => {
    const ctx = context();
    const bad = {
      ...ctx,
      shipment: ctx.shipment === null ? null : { ...ctx.shipment, requestedDate: 'そのうち' },
    };
    const compiled = engine.compile('[注文番号]\n  {{ shipment.requestedDate | jdate }}');
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const rendered = engine.render(compiled.value, bad);
    expect(rendered).toMatchObject({
      ok: false,
      issues: [{ code: 'template.render_failed', line: 2, column: 3 }],
    });
  });

  it('previews on the sample order or reports the issues', () => {
    expect(preview(engine, '[お届け先氏名] 様 {{ order.orderedAt | jdate }}')).toMatchObject({
      ok: true,
      value: '佐藤 花子 様 2026年11月27日(金)',
    });
    expect(preview(engine, '{{ nothing }}')).toMatchObject({
      ok: false,
      issues: [{ code: 'template.unknown_variable' }],
    });
  });
});

describe('loops', () => {
  it('types loop variables: ranges give plain values, nested loops resolve through the outer one', () => {
    expect(checkTemplate('{% for i in (1..3) %}{{ i }}{% endfor %}')).toEqual([]);
    expect(
      checkTemplate('{% for s in shipments %}{% for l in s.lines %}{{ l.name }}{% endfor %}{% endfor %}'),
    ).toEqual([]);
    expect(
      checkTemplate('{% for s in shipments %}{% for l in s.lines %}{{ l.nam }}{% endfor %}{% endfor %}'),
    ).toMatchObject([{ code: 'template.unknown_variable', data: { path: 'l.nam' } }]);
    expect(checkTemplate('{% for i in (1..3) %}{{ i.constructor }}{% endfor %}')).toMatchObject([
      { code: 'template.unknown_variable' },
    ]);
  });
});
