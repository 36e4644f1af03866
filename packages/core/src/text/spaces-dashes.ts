/**
 * Hyphen, dash, minus and long-vowel characters that people type between the numbers of an address, a
 * phone number or a postal code (ハイフン類): ‐ ‑ ‒ – — ― − － ｰ ー ─ ━ ﹣ and ASCII `-`.
 */
export const DASH_CHARACTERS = '‐‑‒–—―−－ｰー─━﹣-';

const DIGIT = '[0-9０-９]';
const NUMERIC_DASH = new RegExp(`(?<=${DIGIT})[${DASH_CHARACTERS}](?=${DIGIT})`, 'gu');

/**
 * Replaces a hyphen/dash/minus/long-vowel variant with ASCII `-` where it stands between two digits
 * (full- or half-width), and nowhere else, so katakana words keep their ー (長音). An output-safe
 * conversion: `1ー2ー3` → `1-2-3`, `コーヒー` unchanged. Digits themselves are not folded; combine with
 * {@link foldWidth} for that.
 *
 * @example
 * ```ts
 * normalizeNumericDashes('東京都港区芝公園４－２－８'); // '東京都港区芝公園４-２-８'
 * normalizeNumericDashes('コーヒー 1ー2'); // 'コーヒー 1-2'
 * ```
 */
export function normalizeNumericDashes(s: string): string {
  return s.replace(NUMERIC_DASH, '-');
}

/** Zero-width characters that sneak in from copy and paste: ZWSP, ZWNJ, ZWJ and BOM. */
export const ZERO_WIDTH = /[\u200b-\u200d\ufeff]/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * Folds spaces for a single-line value (空白の正規化), an output-safe conversion: removes zero-width
 * characters (U+200B–U+200D, U+FEFF), turns every other Unicode space — ideographic space U+3000, NBSP,
 * en/em spaces, tabs and line breaks — into one ASCII space per run, and trims both ends.
 *
 * Line breaks are folded too: use it on names, addresses and phone numbers, not on multi-line notes.
 * Removing ZWJ splits joined emoji (👨‍👩‍👧) into their parts.
 *
 * @example
 * ```ts
 * foldSpaces('　山田\u200b　 太郎 '); // '山田 太郎'
 * ```
 */
export function foldSpaces(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(WHITESPACE_RUN, ' ').trim();
}
