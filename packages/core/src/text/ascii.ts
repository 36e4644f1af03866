/**
 * True when every UTF-16 code unit of the text is ASCII (U+0000–U+007F). NFKC leaves such text as it is,
 * so the match keys skip normalisation for it. Internal to `@hakobu/core`.
 *
 * @example
 * ```ts
 * isAscii('090-1234-5678'); // true
 * isAscii('０９０'); // false
 * ```
 */
export function isAscii(s: string): boolean {
  for (let at = 0; at < s.length; at += 1) if (s.charCodeAt(at) > 0x7f) return false;
  return true;
}
