import { z } from 'zod';

/**
 * A shop's rules for product names on labels (品名の変換ルール), applied in this order: remove bracketed
 * promotion text, delete what each regex matches, replace, fold spaces; the caller then fits the result to the
 * column's byte limit.
 */
export const ItemNameRules = z.object({
  /**
   * Bracket pairs whose content is promotion text (販促文言) to remove with the brackets. Default
   * `【】`, `★★`, `☆☆`, `≪≫`, `《》`, `◆◆`, `■■`.
   */
  removeBracketed: z.array(z.tuple([z.string().min(1), z.string().min(1)])).default([
    ['【', '】'],
    ['★', '★'],
    ['☆', '☆'],
    ['≪', '≫'],
    ['《', '》'],
    ['◆', '◆'],
    ['■', '■'],
  ]),
  /** Regular expressions (source text, flag `g` added) whose matches are deleted, e.g. `送料無料`. */
  deletePatterns: z.array(z.string()).default([]),
  /** Literal replacements `[from, to]`, applied in order, e.g. `['ｾｯﾄ', 'セット']`. */
  replacements: z.array(z.tuple([z.string().min(1), z.string()])).default([]),
});
/** @see {@link ItemNameRules} */
export type ItemNameRules = z.infer<typeof ItemNameRules>;
/** Input of {@link ItemNameRules} (every rule optional). */
export type ItemNameRulesInput = z.input<typeof ItemNameRules>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Applies a shop's {@link ItemNameRules} to a product name (品名の整形), before it is fitted to a label column.
 *
 * @example
 * ```ts
 * cleanItemName('【送料無料】★限定★ 静岡煎茶 100g', ItemNameRules.parse({ deletePatterns: ['\\s*100g'] }));
 * // '静岡煎茶'
 * ```
 */
export function cleanItemName(name: string, rules: ItemNameRules): string {
  return compileItemNameRules(rules)(name);
}

/**
 * Compiles a shop's {@link ItemNameRules} once into a function (品名ルールの事前コンパイル), for writers that clean
 * many names; results are cached per name.
 *
 * @example
 * ```ts
 * const clean = compileItemNameRules(ItemNameRules.parse({}));
 * clean('【限定】煎茶'); // '煎茶'
 * ```
 */
export function compileItemNameRules(rules: ItemNameRules): (name: string) => string {
  const deletions = [
    ...rules.removeBracketed.map(
      ([open, close]) =>
        new RegExp(`${escapeRegExp(open)}[^${escapeRegExp(close)}]*${escapeRegExp(close)}`, 'g'),
    ),
    ...rules.deletePatterns.map((pattern) => new RegExp(pattern, 'g')),
  ];
  const cache = new Map<string, string>();
  return (name) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    let text = name;
    for (const pattern of deletions) text = text.replace(pattern, '');
    for (const [from, to] of rules.replacements) text = text.split(from).join(to);
    text = text.replace(/[\s\u3000]+/g, ' ').trim();
    if (cache.size < 10_000) cache.set(name, text);
    return text;
  };
}
