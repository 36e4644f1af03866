/**
 * The Windows look-alike pre-map (置換前処理): Unicode characters that Mac, iOS and JIS-mapping software write
 * where Windows (and the CP932 table) has a look-alike. Each is written as its CP932 counterpart before the
 * encodability check and reported as `cp932.premapped` (severity `info`): the shop sees the same glyph, only the
 * code point changes. 〜 (U+301C WAVE DASH) is the classic case (波ダッシュ問題).
 *
 * @example
 * ```ts
 * cp932PreMap['\u301C']; // '～' (U+FF5E FULLWIDTH TILDE, CP932 0x8160)
 * ```
 */
export const cp932PreMap: Readonly<Record<string, string>> = Object.freeze({
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～ (0x8160)
  '\u2212': '\uFF0D', // − MINUS SIGN → － (0x817C)
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ (0x8161)
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR (0x815C)
  '\u00A2': '\uFFE0', // ¢ → ￠ (0x8191)
  '\u00A3': '\uFFE1', // £ → ￡ (0x8192)
  '\u00AC': '\uFFE2', // ¬ → ￢ (0x81CA)
  '\u00A6': '\uFFE4', // ¦ → ￤ (0xFA55, IBM extension)
  '\u00A5': '\uFFE5', // ¥ → ￥ (0x818F); iconv-lite alone would write 0x5C, a backslash
  '\u203E': '\uFFE3', // ‾ OVERLINE → ￣ (0x8150); iconv-lite alone would write 0x7E, a tilde
  '\u00A0': ' ', // NO-BREAK SPACE → space
});
