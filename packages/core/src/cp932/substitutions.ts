/**
 * The default substitution table (代替文字表): characters a carrier or mall file cannot hold, each with the
 * CP932 text written in its place and reported as `cp932.substituted` (severity `warning`).
 *
 * Two groups:
 * - characters CP932 lacks: JIS X 0213 / 2004 forms of names and foods (𠮷→吉, 鷗→鴎, 剝→剥, 𠮟→叱, 醬→醤 …),
 *   the Reiwa square ㋿→令和, circled numbers above 20 (㉑→(21)), dashes (– → －);
 * - 機種依存文字 that CP932 holds but JIS X 0208 does not, used only with `jisX0208Only`: circled numbers
 *   (①→(1)), Roman numerals (Ⅲ→III), ㈱→(株), era squares (㍻→平成), unit squares (㌔→キロ) and common IBM
 *   extension kanji (髙→高, 﨑→崎 …).
 *
 * Every value is JIS X 0208 text, so it is writable in both modes. 𩸽 (hokke) has no close kanji: it becomes
 * its reading ほっけ, which keeps a product name readable (at 6 bytes instead of 2; a byte limit sees that).
 * Multi-character values are ASCII where a label would print ASCII (`(21)`, `No.`, `TEL`).
 *
 * @example
 * ```ts
 * defaultCp932Substitutions['\u{20BB7}']; // '吉'
 * encodeCp932('𠮷野家', { substitutions: { '𠮷': '吉' } }); // same result, explicit
 * ```
 */
export const defaultCp932Substitutions: Readonly<Record<string, string>> = Object.freeze({
  // JIS X 0213 / Unicode-only forms → the JIS X 0208 form
  '\u{20BB7}': '吉', // 𠮷 tsuchi-yoshi
  '\u{20B9F}': '叱', // 𠮟
  '\u{29E3D}': 'ほっけ', // 𩸽
  '\u9DD7': '鴎', // 鷗
  '\u525D': '剥', // 剝
  '\u9830': '頬', // 頰
  '\u5861': '填', // 塡
  '\u8523': '蒋', // 蔣
  '\u91AC': '醤', // 醬 (醬油)
  '\u7E6B': '繋', // 繫
  '\u4FF1': '倶', // 俱
  '\u7626': '痩', // 瘦
  '\u32FF': '令和', // ㋿
  // dashes without a CP932 code
  '\u2013': '\uFF0D', // – EN DASH → －
  '\u2011': '\u2010', // NON-BREAKING HYPHEN → ‐
  ...circled(0x3251, 21, 35), // ㉑–㉟
  ...circled(0x32b1, 36, 50), // ㊱–㊿
  // 機種依存文字 (reached only with jisX0208Only)
  ...circled(0x2460, 1, 20), // ①–⑳
  ...sequence(0x2160, ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']), // Ⅰ–Ⅹ
  ...sequence(0x2170, ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x']), // ⅰ–ⅹ
  '\u3231': '(株)', // ㈱
  '\u3232': '(有)', // ㈲
  '\u3239': '(代)', // ㈹
  '\u337B': '平成', // ㍻
  '\u337C': '昭和', // ㍼
  '\u337D': '大正', // ㍽
  '\u337E': '明治', // ㍾
  '\u2116': 'No.', // №
  '\u2121': 'TEL', // ℡
  '\u3314': 'キロ', // ㌔
  '\u3318': 'グラム', // ㌘
  '\u3349': 'ミリ', // ㍉
  '\u3322': 'センチ', // ㌢
  '\u334D': 'メートル', // ㍍
  '\u3327': 'トン', // ㌧
  '\u3351': 'リットル', // ㍑
  '\u339C': 'mm', // ㎜
  '\u339D': 'cm', // ㎝
  '\u339E': 'km', // ㎞
  '\u338E': 'mg', // ㎎
  '\u338F': 'kg', // ㎏
  '\u33C4': 'cc', // ㏄
  '\u33A1': 'm2', // ㎡
  '\u9AD9': '高', // 髙 hashigo-daka
  '\uFA11': '崎', // 﨑 tatsu-saki
  '\u5FB7': '徳', // 德
  '\u6FF5': '濱', // 濵
  '\uFFE4': '|', // ￤
});

function circled(first: number, from: number, to: number): Record<string, string> {
  const entries: Record<string, string> = {};
  for (let n = from; n <= to; n++) entries[String.fromCharCode(first + n - from)] = `(${n})`;
  return entries;
}

function sequence(first: number, values: readonly string[]): Record<string, string> {
  const entries: Record<string, string> = {};
  values.forEach((value, index) => {
    entries[String.fromCharCode(first + index)] = value;
  });
  return entries;
}
