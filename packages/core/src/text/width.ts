import {
  fullToHalf,
  fullwidthAsciiToAscii,
  HALF_DAKUTEN,
  HALF_HANDAKUTEN,
  HALF_KANA_FIRST,
  HALF_KANA_LAST,
  halfToFull,
  hiraganaToKatakana,
  withDakuten,
  withHandakuten,
} from './kana-table';

const SPACES_TO_ASCII = new Set(['\u3000', '\u00a0']);
/** Every character {@link foldWidth} changes: the two spaces, full-width ASCII and half-width katakana. */
const WIDTH_FOLDED = /[\u00a0\u3000\uff01-\uff5e\uff61-\uff9f]/u;

function isHalfwidthKana(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= HALF_KANA_FIRST && cp <= HALF_KANA_LAST;
}

/**
 * Folds character widths the way shop staff expect (全角英数→半角, 半角カナ→全角カナ), keeping the meaning:
 * an **output-safe conversion** whose result may be written to files and labels.
 *
 * - full-width ASCII U+FF01–U+FF5E → ASCII (`ＡＢＣ１２３` → `ABC123`, `～` → `~`);
 * - ideographic space U+3000 and NBSP → ASCII space;
 * - half-width katakana → full-width, combining a following ﾞ/ﾟ (`ｶﾞ` → `ガ`, `ﾊﾟ` → `パ`, `ｳﾞ` → `ヴ`,
 *   `ｰ` → `ー`, `｡｢｣､･` → `。「」、・`); a mark that cannot combine becomes ゛/゜.
 *
 * Unlike NFKC it keeps ① ㈱ № ℡ ㍻ and full-width ￥ as they are, and it does not compose NFD input
 * (the CP932 writer applies NFC). The result is never shorter than the input by more than the number of
 * half-width marks it combined.
 *
 * @example
 * ```ts
 * foldWidth('ｶﾞｰﾃﾞﾝ　ＡＢＣ①￥'); // 'ガーデン ABC①￥'
 * ```
 */
export function foldWidth(s: string): string {
  // Text without these characters comes out as it went in; most remarks and names have none.
  if (!WIDTH_FOLDED.test(s)) return s;
  const chars = Array.from(s);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (SPACES_TO_ASCII.has(ch)) {
      out += ' ';
    } else if (isHalfwidthKana(ch)) {
      const full = halfToFull.get(ch)!;
      const combined = combineMark(full, chars[i + 1]);
      if (combined !== undefined) i++;
      out += combined ?? full;
    } else {
      out += fullwidthAsciiToAscii(ch);
    }
  }
  return out;
}

function combineMark(full: string, next: string | undefined): string | undefined {
  if (next === HALF_DAKUTEN) return withDakuten.get(full);
  if (next === HALF_HANDAKUTEN) return withHandakuten.get(full);
  return undefined;
}

/** A character that {@link toHalfwidthKatakana} could not express in half-width characters. */
export interface UnconvertedChar {
  /** UTF-16 offset of the character in the input string (as used by `String.prototype.slice`). */
  readonly index: number;
  /** The character (a whole code point, so 𠮷 is one entry). */
  readonly char: string;
}

/** The outcome of {@link toHalfwidthKatakana}. */
export interface HalfwidthKatakana {
  /** The converted text. Characters listed in `unconverted` are left in place as they were. */
  readonly text: string;
  /** Every character that has no half-width form (kanji, ￥, ①, emoji, …), in input order. */
  readonly unconverted: UnconvertedChar[];
}

const DASHES_TO_HYPHEN = new Set(['‐', '‑', '‒', '–', '—', '―', '−']);
const HALFWIDTH_OUTPUT = /^[\x20-\x7e\uff61-\uff9f]+$/;

/**
 * Converts text for the half-width kana fields of carrier labels (半角カナ項目, e.g. B2クラウド
 * お届け先名略称カナ): hiragana and katakana → half-width katakana with ﾞ/ﾟ split (`ガ` → `ｶﾞ`,
 * `ヴ` → `ｳﾞ`, NFD `カ`+U+3099 → `ｶﾞ`), kana without a half-width form to the nearest one (`ヰ` → `ｲ`,
 * `ヱ` → `ｴ`, `ヮ` → `ﾜ`, `ヵ` → `ｶ`, `ヶ` → `ｹ`), small kana to the half-width small forms, full-width
 * ASCII and spaces to ASCII, and hyphen/dash variants to `-`. This is an output-safe conversion.
 *
 * Characters with no half-width form (kanji, ゝ, ￥, 〜, emoji) stay in `text` unchanged and are listed in
 * `unconverted`, so the caller can report them against the field and decide whether to drop them.
 *
 * @example
 * ```ts
 * toHalfwidthKatakana('ヤマダ　タロウ'); // { text: 'ﾔﾏﾀﾞ ﾀﾛｳ', unconverted: [] }
 * toHalfwidthKatakana('山田タロウ').unconverted; // [{ index: 0, char: '山' }, { index: 1, char: '田' }]
 * ```
 */
export function toHalfwidthKatakana(s: string): HalfwidthKatakana {
  let text = '';
  const unconverted: UnconvertedChar[] = [];
  let index = 0;
  for (const ch of s) {
    const converted = halfwidthFor(ch);
    if (HALFWIDTH_OUTPUT.test(converted)) {
      text += converted;
    } else {
      text += ch;
      unconverted.push({ index, char: ch });
    }
    index += ch.length;
  }
  return { text, unconverted };
}

function halfwidthFor(ch: string): string {
  if (SPACES_TO_ASCII.has(ch)) return ' ';
  if (DASHES_TO_HYPHEN.has(ch)) return '-';
  return fullToHalf.get(hiraganaToKatakana(ch)) ?? fullwidthAsciiToAscii(ch);
}
