import { describe, expect, it } from 'vitest';
import { buildMailContext } from '../context/build';
import { sampleOrder } from '../context/sample';
import { createMailEngine } from '../engine/engine';
import { BRACKET_TAG_ALIASES, expandBracketTags, lineColumnOf } from './aliases';

const engine = createMailEngine();
const context = buildMailContext(sampleOrder(), {
  shop: { name: 'はこぶ堂', email: 'shop@example.jp', phone: '0312345678', url: 'https://example.jp' },
  event: 'shipped',
  now: new Date('2026-11-28T01:00:00Z'),
  blocks: { signature: 'はこぶ堂 署名' },
});

describe('bracket-tag aliases', () => {
  it('every documented tag passes the check and renders on the sample order, in text and HTML', () => {
    for (const alias of BRACKET_TAG_ALIASES) {
      for (const format of ['text', 'html'] as const) {
        const compiled = engine.compile(`[${alias.tag}]`, { format });
        expect(compiled.issues, `${alias.tag} (${format})`).toEqual([]);
        if (compiled.ok) expect(engine.render(compiled.value, context).ok, alias.tag).toBe(true);
      }
    }
  });

  it('expands tags shops know from other systems', () => {
    const compiled = engine.compile(
      '[注文番号] [JYUCHU_NO] [お届け先氏名]様 [合計金額] [お届け希望日] [配送業者]\n[明細]',
    );
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(engine.render(compiled.value, context)).toMatchObject({
      value:
        '123456-20261127-0000001 123456-20261127-0000001 佐藤 花子様 5,060円 2026年11月30日(月) ヤマト運輸\n' +
        'スペシャルティコーヒー豆 200g (挽き方:中挽き) × 2 2,160円\n波佐見焼マグカップ × 1 2,240円\n',
    });
  });

  it('leaves Liquid markup and unknown bracket text alone, warning on tag-like text', () => {
    const expanded = expandBracketTags('{{ lines[0].name }} [重要] [a b] [注文番号]', 'text');
    expect(expanded.source).toBe('{{ lines[0].name }} [重要] [a b] {{ order.number }}');
    expect(expanded.issues).toMatchObject([
      { code: 'template.unknown_bracket_tag', severity: 'warning', line: 1, column: 21 },
    ]);
  });

  it('adds | raw to blocks in HTML only', () => {
    expect(expandBracketTags('[署名]', 'html').source).toBe('{{ blocks.signature | raw }}');
    expect(expandBracketTags('[署名]', 'text').source).toBe('{{ blocks.signature }}');
  });

  it('accepts host rows that override the table', () => {
    expect(expandBracketTags('[店長]', 'text', { 店長: '{{ shop.name }} 店長' }).source).toBe(
      '{{ shop.name }} 店長',
    );
  });

  it('maps positions after an expansion back to the original text', () => {
    const issues = engine.checkTemplate('[お届け先氏名] 様 {{ order.nmber }}\n[注文番号]{{ bad }}');
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [1, 15],
      [2, 10],
    ]);
    expect(lineColumnOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('documented table', () => {
  it('the README lists every bracket tag with its Liquid', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    for (const alias of BRACKET_TAG_ALIASES) {
      expect(readme, alias.tag).toContain(`\`[${alias.tag}]\``);
      expect(readme, alias.tag).toContain(alias.liquid.replace(/\n/g, '\\n').replace(/\|/g, '\\|'));
    }
  });
});
