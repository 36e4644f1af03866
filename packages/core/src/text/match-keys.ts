import { isAscii } from './ascii';
import { KANJI_VARIANTS, type KanjiVariantTable } from './kanji-variant-table';
import { ZERO_WIDTH } from './spaces-dashes';

/**
 * Converts katakana to hiragana (カタカナ→ひらがな) by code point shift: U+30A1–U+30F6 → U+3041–U+3096
 * (so ヴ → ゔ, ヵ → ゕ, ヶ → ゖ), and the iteration marks ヽヾ → ゝゞ. Half-width katakana is not touched;
 * apply NFKC or {@link foldWidth} first. A **match key** step: never write a match key to an output file.
 *
 * @example
 * ```ts
 * toHiragana('ヤマダ タロウ'); // 'やまだ たろう'
 * toHiragana('ヴィーナス'); // 'ゔぃーなす'
 * ```
 */
export function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6\u30fd\u30fe]/gu, (ch) => String.fromCodePoint(ch.codePointAt(0)! - 0x60));
}

/**
 * Folds old and variant kanji (旧字体・異体字) to one form with {@link KANJI_VARIANTS} or a host's own
 * table: `髙橋` → `高橋`, `山﨑` → `山崎`, `𠮷田` → `吉田`, `渡邊` → `渡辺`. A **match key** step: the
 * customer's own spelling matters on labels, so never write a match key to an output file.
 *
 * @example
 * ```ts
 * foldKanjiVariants('髙橋 﨑 齋藤 邊 國 櫻'); // '高橋 崎 斎藤 辺 国 桜'
 * foldKanjiVariants('舘野', { ...KANJI_VARIANTS, 舘: '館' }); // '館野'
 * ```
 */
export function foldKanjiVariants(s: string, table: KanjiVariantTable = KANJI_VARIANTS): string {
  const pattern = variantPattern(table);
  return pattern === undefined ? s : s.replace(pattern, (ch) => table[ch]!);
}

// Match keys are built for every order and blacklist entry; one regex per table is far faster than a
// per-character lookup loop. Tables are read-only by type, so caching by identity is safe.
const variantPatterns = new WeakMap<KanjiVariantTable, RegExp | undefined>();

function variantPattern(table: KanjiVariantTable): RegExp | undefined {
  if (variantPatterns.has(table)) return variantPatterns.get(table);
  // Keys are single code points; a longer key never matched the per-character fold and must not now.
  const keys = Object.keys(table).filter((key) => [...key].length === 1);
  const pattern =
    keys.length === 0
      ? undefined
      : new RegExp(keys.map((key) => key.replace(/[\\^$.*+?()[\]{}|-]/gu, '\\$&')).join('|'), 'gu');
  variantPatterns.set(table, pattern);
  return pattern;
}

/** Whitespace, zero-width characters and variation selectors (IVS), which never distinguish two names. */
const INVISIBLE = /[\s\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u2060]/gu;

/**
 * NFKC, then drop invisibles, then NFKC again: removing a space can bring a combining mark next to its
 * base (か + ゛), and the second pass composes it so that the key is stable.
 */
function compactNfkc(s: string): string {
  const nfkc = s.normalize('NFKC');
  const compact = nfkc.replace(ZERO_WIDTH, '').replace(INVISIBLE, '');
  return compact === nfkc ? nfkc : compact.normalize('NFKC');
}

/**
 * Builds the **match key** of a person or company name (名寄せキー), for blacklist screening, 同梱
 * candidates and duplicate detection: NFKC (width, ｶﾞ → ガ, ㈱ → (株)) → remove all whitespace,
 * zero-width characters and variation selectors → wave dashes 〜 → `~` and hyphen/minus variants (not ー)
 * → `-` → katakana → hiragana → 旧字体・異体字 fold → lower-case.
 * `髙橋　ﾀﾛｳ` and `高橋たろう` give the same key.
 *
 * For comparison only: never write a match key to an output file.
 *
 * @example
 * ```ts
 * normalizeName('髙橋　ﾀﾛｳ'); // '高橋たろう'
 * normalizeName('ＹＡＭＡＤＡ Taro'); // 'yamadataro'
 * ```
 */
export function normalizeName(s: string): string {
  return simpleKey(s, true) ?? foldKanjiVariants(toHiragana(foldSymbolClasses(compactNfkc(s)))).toLowerCase();
}

/**
 * The default fold table by UTF-16 code unit, for its keys among the CJK unified ideographs U+4E00–U+9FFF;
 * `undefined` when a value could change under a later step (lower-casing), which turns the fast path off.
 */
const UNIFIED_FOLD: ReadonlyMap<number, string> | undefined = unifiedFold();

function unifiedFold(): Map<number, string> | undefined {
  const fold = new Map<number, string>();
  for (const [key, value] of Object.entries(KANJI_VARIANTS)) {
    const code = key.charCodeAt(0);
    if (key.length !== 1 || code < 0x4e00 || code > 0x9fff) continue;
    if (value.toLowerCase() !== value) return undefined;
    fold.set(code, value);
  }
  return fold;
}

/**
 * The first steps of a key in one pass, for text made only of printable ASCII, spaces (U+0020, U+3000),
 * hiragana U+3041–U+3096, katakana U+30A1–U+30FA, ー and CJK unified ideographs — what most names and
 * addresses are. NFKC leaves every such string as it is (no character of the set decomposes or composes
 * with another), wave dashes and hyphen variants are absent, so the general steps reduce to: drop the
 * spaces, fold kanji with the default table, lower-case ASCII and, for names, katakana → hiragana. (The
 * address steps after it never look at Latin letters, so lower-casing first gives the same key.)
 * `undefined` for any other character: the general path then runs. Keys are built for every order, and
 * NFKC plus one regex pass per step cost several times this loop.
 */
function simpleKey(s: string, hiragana: boolean): string | undefined {
  if (UNIFIED_FOLD === undefined) return undefined;
  let out = '';
  let from = 0;
  for (let at = 0; at < s.length; at += 1) {
    const code = s.charCodeAt(at);
    let replacement: string | undefined;
    if (code === 0x20 || code === 0x3000) replacement = '';
    else if (code > 0x20 && code < 0x7f) {
      if (code < 0x41 || code > 0x5a) continue;
      replacement = String.fromCharCode(code + 0x20);
    } else if (code >= 0x3041 && code <= 0x3096) continue;
    else if ((code >= 0x30a1 && code <= 0x30fa) || code === 0x30fc) {
      if (!hiragana || code > 0x30f6) continue;
      replacement = String.fromCharCode(code - 0x60);
    } else if (code >= 0x4e00 && code <= 0x9fff) {
      replacement = UNIFIED_FOLD.get(code);
      if (replacement === undefined) continue;
    } else return undefined;
    out += s.slice(from, at) + replacement;
    from = at + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Wave dashes and tildes → `~`; hyphen, dash and minus variants (not ー) → `-`. */
function foldSymbolClasses(s: string): string {
  return s.replace(WAVE_DASHES, '~').replace(HYPHENS, '-');
}

const WAVE_DASHES = /[〜∼]/gu;
/** After NFKC, － is already `-` and ｰ is ー; ー is left alone (長音 in katakana names). */
const HYPHENS = /[‐‑‒–—―−─━﹣]/gu;

/**
 * Builds the **match key** of an address (住所照合キー), so that differently typed forms of one address
 * compare equal: `東京都港区芝公園四丁目2番8号`, `東京都港区芝公園４－２－８` and `東京都 港区芝公園4の2の8`
 * all give `東京都港区芝公園4-2-8`.
 *
 * Steps: NFKC → remove whitespace and invisibles → 旧字体・異体字 fold → 〜 → `~`, dash variants → `-` (ー
 * only between digits) → ヶ/ヵ, and ケ/ガ/が between kanji, → が (霞ヶ関 = 霞ケ関 = 霞が関) → 之, and ノ between kanji,
 * → の → kanji numerals before 丁目/番/番地/号/条/線 → digits (四 → 4, 二十三 → 23, 二〇 → 20) →
 * 丁目/番地/番/号 → `-` (not 番町, 番館, 号室, 号棟, 号館), の/ノ/ー between numbers → `-`, repeated and
 * trailing dashes dropped → lower-case Latin.
 *
 * For comparison only: never write a match key to an output file.
 *
 * @example
 * ```ts
 * normalizeAddressKey('港区芝公園四丁目2番8号'); // '港区芝公園4-2-8'
 * normalizeAddressKey('千代田区霞ケ関１－１'); // '千代田区霞が関1-1'
 * ```
 */
export function normalizeAddressKey(s: string): string {
  const simple = simpleKey(s, false);
  let key = simple ?? foldSymbolClasses(foldKanjiVariants(compactNfkc(s)));
  // The probes skip regexes with Unicode-property lookbehinds, the costly part, when they cannot match.
  if (ADDRESS_PROBE.test(key)) {
    if (GA_PROBE.test(key)) key = key.replace(GA_VARIANTS, 'が');
    if (NO_PROBE.test(key)) key = key.replace(NO_VARIANTS, 'の');
    if (BLOCK_PROBE.test(key)) {
      key = key.replace(KANJI_NUMBER_BEFORE_BLOCK, kanjiNumberToDigits);
      key = blockSuffixesToDashes(key);
    }
    if (SEPARATOR_PROBE.test(key)) key = key.replace(SEPARATOR_BETWEEN_NUMBERS, '-');
  }
  if (key.includes('--')) key = key.replace(/-{2,}/gu, '-');
  key = dropDanglingDashes(key);
  // The one-pass path already lower-cased its only cased characters (ASCII), and no later step adds any.
  return simple === undefined ? key.toLowerCase() : key;
}

/** Removes each dash that follows a digit and precedes none (`(?<=\d)-(?!\d)`): `4-2-8-` → `4-2-8`. */
function dropDanglingDashes(s: string): string {
  let out = '';
  let from = 0;
  for (let at = s.indexOf('-'); at !== -1; at = s.indexOf('-', at + 1)) {
    if (!isDigit(s.charCodeAt(at - 1)) || isDigit(s.charCodeAt(at + 1))) continue;
    out += s.slice(from, at);
    from = at + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const ADDRESS_PROBE = /[ヶヵケガ之ノ丁番号条線ーの]/u;
const GA_PROBE = /[ヶヵケガ]/u;
const NO_PROBE = /[之ノ]/u;
const BLOCK_PROBE = /[丁番号条線]/u;
const SEPARATOR_PROBE = /[ーのノ]/u;
const GA_VARIANTS = /[ヶヵ]|(?<=\p{Script=Han})[ケガ](?=\p{Script=Han})/gu;
const NO_VARIANTS = /之|(?<=\p{Script=Han})ノ(?=\p{Script=Han})/gu;
const KANJI_NUMBER_BEFORE_BLOCK = /[〇一二三四五六七八九十百千]+(?=丁目|番|号|条|線)/gu;
const BLOCK_SUFFIX = /(\d)-*(?:丁目|番地|番(?![町館])|号(?![室棟館]))/gu;
const SEPARATOR_BETWEEN_NUMBERS = /(?<=[\d-])[ーのノ](?=\d)/gu;

/** Repeats until stable, so stacked suffixes (`1丁目番`) all go in one call and the key stays idempotent. */
function blockSuffixesToDashes(s: string): string {
  let previous: string;
  do {
    previous = s;
    s = s.replace(BLOCK_SUFFIX, '$1-');
  } while (s !== previous);
  return s;
}

const KANJI_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const KANJI_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 四 → 4, 二十三 → 23, 十 → 10, 百五 → 105; without 十百千, digit by digit: 二〇 → 20, 一〇一 → 101. */
function kanjiNumberToDigits(numeral: string): string {
  let total = 0;
  let pending = 0;
  let positional = '';
  for (const ch of numeral) {
    const unit = KANJI_UNITS[ch];
    if (unit === undefined) {
      const digit = KANJI_DIGITS[ch]!;
      pending = pending * 10 + digit;
      positional += String(digit);
    } else {
      total += (pending === 0 ? 1 : pending) * unit;
      pending = 0;
      positional = '';
    }
  }
  return total === 0 ? positional : String(total + pending);
}

/**
 * Builds the **match key** of an e-mail address: NFKC (full-width letters and ＠ → ASCII), zero-width
 * characters removed, trimmed, lower-case. For comparison only: never write a match key to an output
 * file (send mail to the address as entered).
 *
 * @example
 * ```ts
 * normalizeEmail(' Taro.Yamada＠Example.JP '); // 'taro.yamada@example.jp'
 * ```
 */
export function normalizeEmail(s: string): string {
  // NFKC leaves ASCII as it is and zero-width characters are not ASCII: most addresses skip both passes.
  // Zero-width characters go first: removed after NFKC, they would leave ヽ + ゙ uncomposed until a second call.
  const folded = isAscii(s) ? s : s.replace(ZERO_WIDTH, '').normalize('NFKC');
  return folded.trim().toLowerCase();
}
