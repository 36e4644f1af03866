/** What {@link analyzePhone} found in a phone number as entered. Internal to `@hakobu/core`. */
export interface PhoneAnalysis {
  /** The match key returned by {@link normalizePhone}. */
  readonly key: string;
  /** The cut-off extension part (`内線123`), when there was one. */
  readonly extension: string | undefined;
  /** True for a foreign number (a `+` country code other than 81); the key then starts with `+`. */
  readonly foreign: boolean;
  /** True when a leading 0 lost to a spreadsheet was put back. */
  readonly restoredZero: boolean;
}

const EXTENSION_MARK = /内線|ext|[x#]/giu;
const EXTENSION_PROBE = /内線|ext|[x#]/iu;

/** Splits off an extension, but only at a mark that follows a digit: `FAX 03-…` is not an extension. */
function splitExtension(s: string): { number: string; extension: string | undefined } {
  if (!EXTENSION_PROBE.test(s)) return { number: s, extension: undefined };
  for (const mark of s.matchAll(EXTENSION_MARK)) {
    const before = s.slice(0, mark.index);
    if (/\d/u.test(before)) return { number: before, extension: s.slice(mark.index).trim() };
  }
  return { number: s, extension: undefined };
}

/**
 * Reads a phone number as entered. Used by {@link normalizePhone} and the contacts plausibility check.
 *
 * @example
 * ```ts
 * analyzePhone('9012345678').restoredZero; // true
 * ```
 */
export function analyzePhone(s: string): PhoneAnalysis {
  const { number, extension } = splitExtension(s.normalize('NFKC'));
  const kept = number.replace(/[^0-9+]/gu, '');
  const international = kept.startsWith('+');
  const digits = kept.replace(/\+/gu, '');
  const result = { extension, foreign: false, restoredZero: false };
  if (digits.startsWith('81') && (international || digits.length === 11 || digits.length === 12)) {
    const national = digits.slice(2);
    const key = national === '' || national.startsWith('0') ? national : `0${national}`;
    return { ...result, key };
  }
  if (international) return { ...result, key: digits === '' ? '' : `+${digits}`, foreign: digits !== '' };
  if ((digits.length === 9 || digits.length === 10) && !digits.startsWith('0')) {
    return { ...result, key: `0${digits}`, restoredZero: true };
  }
  return { ...result, key: digits };
}

/**
 * Builds the **match key** of a phone number (電話番号照合キー): NFKC, the extension cut off (内線, ext,
 * x, # after the number), digits only, `+81`/`81` country code → leading 0, and the leading 0 put back on
 * 9–10 digit numbers that a spreadsheet turned into numbers. `03-1234-5678`, `０３（１２３４）５６７８`,
 * `+81 3-1234-5678` and `312345678` all give `0312345678`. A foreign number keeps `+` and its country
 * code (`+1…`), so it never collides with a Japanese one.
 *
 * For comparison (blacklist, 同梱, duplicates). Carriers accept it too, but never write a match key to an
 * output file where the customer's own hyphenation is wanted.
 *
 * @example
 * ```ts
 * normalizePhone('090ー1234ー5678'); // '09012345678'
 * normalizePhone('03-1234-5678 内線123'); // '0312345678'
 * normalizePhone('+81 90-1234-5678'); // '09012345678'
 * ```
 */
export function normalizePhone(s: string): string {
  return analyzePhone(s).key;
}
