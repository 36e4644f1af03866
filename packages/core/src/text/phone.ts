import { isAscii } from './ascii';

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
  const { number, extension } = splitExtension(isAscii(s) ? s : s.normalize('NFKC'));
  return { extension, ...readDigits(number.replace(/[^0-9+]/gu, '')) };
}

/** The key from the digits and `+` signs of a number: country code, spreadsheet-lost leading 0. */
function readDigits(kept: string): Omit<PhoneAnalysis, 'extension'> {
  const international = kept.startsWith('+');
  const digits = kept.replace(/\+/gu, '');
  if (digits.startsWith('81') && (international || digits.length === 11 || digits.length === 12)) {
    const national = digits.slice(2);
    const key = national === '' || national.startsWith('0') ? national : `0${national}`;
    return { foreign: false, restoredZero: false, key };
  }
  if (international)
    return { foreign: digits !== '', restoredZero: false, key: digits === '' ? '' : `+${digits}` };
  if ((digits.length === 9 || digits.length === 10) && !digits.startsWith('0')) {
    return { foreign: false, restoredZero: true, key: `0${digits}` };
  }
  return { foreign: false, restoredZero: false, key: digits };
}

/**
 * The digits and `+` signs of an ASCII number before its extension, in one pass: the same cut as
 * {@link splitExtension} (the first `x`, `#` or `ext`, any case, after a digit), without NFKC (ASCII is
 * left as it is) or regexes. Most numbers are typed in ASCII, and a key is built for every order.
 */
function asciiNumberDigits(s: string): string {
  let kept = '';
  let digitSeen = false;
  for (let at = 0; at < s.length; at += 1) {
    const code = s.charCodeAt(at);
    if (code >= 0x30 && code <= 0x39) {
      digitSeen = true;
      kept += s[at];
    } else if (code === 0x2b) kept += '+';
    else if (digitSeen && isExtensionMark(s, at, code)) break;
  }
  return kept;
}

function isExtensionMark(s: string, at: number, code: number): boolean {
  if (code === 0x78 || code === 0x58 || code === 0x23) return true;
  return (code === 0x65 || code === 0x45) && s.slice(at + 1, at + 3).toLowerCase() === 'xt';
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
  return isAscii(s) ? readDigits(asciiNumberDigits(s)).key : analyzePhone(s).key;
}
