import { createIssue, type Issue } from '@hakobu/core';

/** One row of the bracket-tag alias table (差込タグ対応表): the tag, the Liquid it stands for, and what it is. */
export interface BracketTagAlias {
  /** The tag without brackets, e.g. `注文番号` for `[注文番号]`. */
  readonly tag: string;
  /** The Liquid it expands to. `blocks.*` outputs get `| raw` in HTML templates (they are escaped already). */
  readonly liquid: string;
  /** What it prints, for the documented table. */
  readonly description: string;
}

const LINES_LOOP =
  "{% for line in lines %}{{ line.name }}{% if line.options %} ({{ line.options }}){% endif %} × {{ line.quantity }} {{ line.amount | yen: 'suffix' }}\n{% endfor %}";
const SHIPMENT_LINES_LOOP =
  '{% for line in shipment.lines %}{{ line.name }}{% if line.options %} ({{ line.options }}){% endif %} × {{ line.quantity }}\n{% endfor %}';

function rows(liquid: string, description: string, ...tags: string[]): BracketTagAlias[] {
  return tags.map((tag) => ({ tag, liquid, description }));
}

/**
 * The documented bracket-tag table (差込タグ): Japanese tags shops know from other systems and the
 * NextEngine-style upper-snake tags listed in the reference survey, each mapped to typed variables of
 * {@link MailContext}. A host can add or override rows through the engine's `aliases` option.
 */
export const BRACKET_TAG_ALIASES: readonly BracketTagAlias[] = [
  ...rows('{{ order.number }}', '受注番号 (モール注文番号)', '注文番号', '受注番号', 'JYUCHU_NO'),
  ...rows('{{ order.orderedAt | jdate }}', '注文日 2026年11月28日(土)', '注文日'),
  ...rows("{{ order.orderedAt | jdate: 'datetime' }}", '注文日時 2026年11月28日(土) 10:00', '注文日時'),
  ...rows(
    '{{ orderer.name }}',
    '注文者氏名',
    '注文者氏名',
    '注文者名',
    '購入者名',
    'お客様名',
    'KOKYAKU_NAME',
  ),
  ...rows('{{ orderer.postalCode | postal }}', '注文者郵便番号 〒123-4567', '注文者郵便番号'),
  ...rows('{{ orderer.address }}', '注文者住所', '注文者住所'),
  ...rows('{{ orderer.phone | phone }}', '注文者電話番号', '注文者電話番号'),
  ...rows('{{ orderer.email }}', '注文者メールアドレス', '注文者メールアドレス'),
  ...rows('{{ destination.name }}', 'お届け先氏名', 'お届け先氏名', 'お届け先名', '送付先氏名'),
  ...rows('{{ destination.postalCode | postal }}', 'お届け先郵便番号', 'お届け先郵便番号'),
  ...rows('{{ destination.address }}', 'お届け先住所', 'お届け先住所', '送付先住所'),
  ...rows('{{ destination.phone | phone }}', 'お届け先電話番号', 'お届け先電話番号'),
  ...rows('{{ payment.methodLabel }}', '支払方法', '支払方法', 'お支払方法'),
  ...rows("{{ payment.dueDate | jdate | default: '' }}", '支払期限', '支払期限', 'お支払期限'),
  ...rows("{{ amounts.billedTotal | yen: 'suffix' }}", '請求金額', '合計金額', '請求金額', 'お支払金額'),
  ...rows("{{ amounts.items | yen: 'suffix' }}", '商品合計', '商品合計', '商品金額'),
  ...rows("{{ amounts.shipping | yen: 'suffix' }}", '送料', '送料'),
  ...rows("{{ amounts.codFee | yen: 'suffix' }}", '代引手数料', '代引手数料', '手数料'),
  ...rows("{{ amounts.pointsUsed | yen: 'suffix' }}", 'ポイント利用額', 'ポイント利用額', 'ポイント'),
  ...rows("{{ amounts.couponDiscount | yen: 'suffix' }}", 'クーポン値引額', 'クーポン値引額', 'クーポン'),
  ...rows(LINES_LOOP, '受注明細 (商品名 (選択肢) × 数量 金額, 1行ずつ)', '明細', '商品明細', 'MEISAI'),
  ...rows(SHIPMENT_LINES_LOOP, 'この伝票の明細 (商品名 × 数量)', '発送明細'),
  ...rows('{{ shipment.slipNumber }}', '伝票番号 (社内)', '伝票番号', 'DENPYO_NO'),
  ...rows(
    "{{ shipment.trackingNumbers | join: '、' }}",
    'お問い合わせ番号 (送り状番号)',
    'お問い合わせ番号',
    '送り状番号',
    '追跡番号',
  ),
  ...rows(
    '{% for t in shipment.tracking %}{{ t.url }}\n{% endfor %}',
    '追跡URL (1件1行)',
    '追跡URL',
    'お荷物追跡URL',
  ),
  ...rows('{{ shipment.carrierLabel }}', '配送業者名', '配送業者', '配送会社'),
  ...rows(
    "{{ shipment.requestedDate | jdate | default: '指定なし' }}",
    'お届け希望日',
    'お届け希望日',
    '配達希望日',
  ),
  ...rows('{{ shipment.timeSlotLabel }}', 'お届け時間帯', 'お届け時間帯', '配達時間帯'),
  ...rows("{{ shipment.shippedOn | jdate | default: '' }}", '出荷日', '出荷日', '発送日'),
  ...rows('{{ shop.name }}', 'ショップ名', 'ショップ名', '店舗名'),
  ...rows('{{ shop.channelLabel }}', 'モール名', 'モール名'),
  ...rows("{{ shop.email | default: '' }}", 'ショップメールアドレス', 'ショップメールアドレス'),
  ...rows("{{ shop.phone | phone | default: '' }}", 'ショップ電話番号', 'ショップ電話番号'),
  ...rows("{{ shop.url | default: '' }}", 'ショップURL', 'ショップURL'),
  ...rows("{{ customer.rankLabel | default: '' }}", '会員ランク名', '会員ランク', 'ランク'),
  ...rows("{{ order.customerNote | default: '' }}", 'お客様備考', '備考', 'お客様備考'),
  ...rows("{{ followUp.reviewUrl | default: '' }}", 'レビューURL', 'レビューURL'),
  ...rows('{{ blocks.rank }}', 'ランク別ブロック', 'ランク別メッセージ'),
  ...rows('{{ blocks.message }}', '個別メッセージ (一括送信時の差込)', '個別メッセージ', 'メッセージ'),
  ...rows('{{ blocks.signature }}', 'ルート (販路 + ショップ) ごとの署名', '署名'),
];

/** A bracket tag replaced by Liquid: where it was and where its expansion is. */
interface Replacement {
  readonly from: number;
  readonly fromEnd: number;
  readonly to: number;
  readonly toEnd: number;
}

/** The result of {@link expandBracketTags}: the Liquid source, position mapping and warnings. */
export interface ExpandedTemplate {
  /** Liquid source with every known bracket tag replaced. */
  readonly source: string;
  /** Warnings for bracket text that looks like a tag but is not in the table (left as text). */
  readonly issues: Issue[];
  /** Maps an offset in `source` back to the offset in the original text. */
  originalOffset(offset: number): number;
}

const LIQUID_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const BRACKET = /\[([^[\]\s{}%<>]{1,40})\]/g;
const TAG_LIKE = /^(?:[A-Z][A-Z0-9_]*|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・]+)$/u;

/**
 * Line and column (1-based) of an offset in a text.
 *
 * @example
 * ```ts
 * lineColumnOf('ab\ncd', 4); // { line: 2, column: 2 }
 * ```
 */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      column = 1;
    } else column += 1;
  }
  return { line, column };
}

function aliasTable(extra: Readonly<Record<string, string>>): Map<string, string> {
  const table = new Map(BRACKET_TAG_ALIASES.map((row) => [row.tag, row.liquid]));
  for (const [tag, liquid] of Object.entries(extra)) table.set(tag, liquid);
  return table;
}

/**
 * Replaces bracket tags (`[注文番号]`, `[お届け先氏名]`, `[JYUCHU_NO]` …) outside Liquid markup by the Liquid of
 * {@link BRACKET_TAG_ALIASES} (plus `extra` rows), so templates written for other systems keep working.
 * In HTML, `blocks.*` expansions get `| raw` since blocks are escaped when composed. Bracket text that
 * looks like a tag but is unknown stays as text, with a `template.unknown_bracket_tag` warning.
 *
 * @example
 * ```ts
 * expandBracketTags('[注文番号] のご注文', 'text').source; // '{{ order.number }} のご注文'
 * ```
 */
export function expandBracketTags(
  text: string,
  format: 'text' | 'html',
  extra: Readonly<Record<string, string>> = {},
): ExpandedTemplate {
  const table = aliasTable(extra);
  const replacements: Replacement[] = [];
  const issues: Issue[] = [];
  let out = '';
  let last = 0;
  const expandText = (part: string, base: number): void => {
    let cursor = 0;
    for (const match of part.matchAll(BRACKET)) {
      const tag = match[1] ?? '';
      const at = match.index ?? 0;
      const liquid = table.get(tag);
      if (liquid === undefined) {
        if (TAG_LIKE.test(tag)) {
          const { line, column } = lineColumnOf(text, base + at);
          issues.push(
            createIssue(
              'template.unknown_bracket_tag',
              `差込タグ「[${tag}]」は対応表にありません。文字のまま出力します`,
              { severity: 'warning', line, column, data: { tag } },
            ),
          );
        }
        continue;
      }
      const expansion =
        format === 'html' && liquid.startsWith('{{ blocks.') ? liquid.replace(' }}', ' | raw }}') : liquid;
      out += part.slice(cursor, at);
      replacements.push({
        from: base + at,
        fromEnd: base + at + match[0].length,
        to: out.length,
        toEnd: out.length + expansion.length,
      });
      out += expansion;
      cursor = at + match[0].length;
    }
    out += part.slice(cursor);
  };
  for (const markup of text.matchAll(LIQUID_MARKUP)) {
    const at = markup.index ?? 0;
    expandText(text.slice(last, at), last);
    out += markup[0];
    last = at + markup[0].length;
  }
  expandText(text.slice(last), last);
  return {
    source: out,
    issues,
    originalOffset(offset: number): number {
      let delta = 0;
      for (const replacement of replacements) {
        if (offset < replacement.to) break;
        if (offset < replacement.toEnd) return replacement.from;
        delta = replacement.fromEnd - replacement.toEnd;
      }
      return offset + delta;
    },
  };
}
