// Internal tables shared by the width conversions. Not exported from the package.

/** Full-width forms of U+FF61–U+FF9F, in code point order (standalone ﾞ/ﾟ become ゛/゜). */
const FULL_FOR_HALF =
  '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜';

/** First code point of the half-width katakana block (｡). */
export const HALF_KANA_FIRST = 0xff61;
/** Last code point of the half-width katakana block (ﾟ). */
export const HALF_KANA_LAST = 0xff9f;
/** Half-width voiced sound mark ﾞ. */
export const HALF_DAKUTEN = 'ﾞ';
/** Half-width semi-voiced sound mark ﾟ. */
export const HALF_HANDAKUTEN = 'ﾟ';

/** Half-width katakana code point → its full-width form. */
export const halfToFull: ReadonlyMap<string, string> = new Map(
  Array.from(FULL_FOR_HALF, (full, offset) => [String.fromCodePoint(HALF_KANA_FIRST + offset), full]),
);

const DAKUTEN_BASES = 'カキクケコサシスセソタチツテトハヒフヘホ';
const HANDAKUTEN_BASES = 'ハヒフヘホ';
const shift = (ch: string, by: number): string => String.fromCodePoint(ch.codePointAt(0)! + by);

/** Full-width katakana + ゛ → the composed voiced katakana (カ → ガ, ウ → ヴ). */
export const withDakuten: ReadonlyMap<string, string> = new Map([
  ...Array.from(DAKUTEN_BASES, (base): [string, string] => [base, shift(base, 1)]),
  ['ウ', 'ヴ'],
]);

/** Full-width katakana + ゜ → the composed semi-voiced katakana (ハ → パ). */
export const withHandakuten: ReadonlyMap<string, string> = new Map(
  Array.from(HANDAKUTEN_BASES, (base): [string, string] => [base, shift(base, 2)]),
);

/** Full-width kana and punctuation → half-width katakana, marks split (ガ → ｶﾞ). */
export const fullToHalf: ReadonlyMap<string, string> = buildFullToHalf();

function buildFullToHalf(): Map<string, string> {
  const table = new Map<string, string>();
  for (const [half, full] of halfToFull) table.set(full, half);
  table.set('゛', HALF_DAKUTEN);
  table.set('゜', HALF_HANDAKUTEN);
  table.set('\u3099', HALF_DAKUTEN);
  table.set('\u309a', HALF_HANDAKUTEN);
  for (const [base, voiced] of withDakuten) table.set(voiced, table.get(base)! + HALF_DAKUTEN);
  for (const [base, semi] of withHandakuten) table.set(semi, table.get(base)! + HALF_HANDAKUTEN);
  // Kana without a half-width form fold to the nearest one, as label software does.
  const nearest: Record<string, string> = {
    ヰ: 'ｲ',
    ヱ: 'ｴ',
    ヮ: 'ﾜ',
    ヵ: 'ｶ',
    ヶ: 'ｹ',
    ヷ: 'ﾜﾞ',
    ヸ: 'ｲﾞ',
    ヹ: 'ｴﾞ',
    ヺ: 'ｦﾞ',
  };
  for (const [full, half] of Object.entries(nearest)) table.set(full, half);
  return table;
}

/** Hiragana U+3041–U+3096 → katakana by shifting 0x60 code points. */
export function hiraganaToKatakana(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x3041 && cp <= 0x3096 ? String.fromCodePoint(cp + 0x60) : ch;
}

/** Full-width ASCII U+FF01–U+FF5E → ASCII; other characters unchanged. */
export function fullwidthAsciiToAscii(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : ch;
}
