import { createIssue, foldWidth, type Issue, normalizeNumericDashes } from '@hakobu/core';

/**
 * Reads a tracking number (お問い合わせ番号・伝票番号) as printed: widths folded, hyphens and spaces removed.
 *
 * @example
 * ```ts
 * cleanTrackingNumber('４０５５-４８４２-４８８６'); // '405548424886'
 * ```
 */
export function cleanTrackingNumber(text: string): string {
  return normalizeNumericDashes(foldWidth(text)).replace(/[\s-]/g, '');
}

/**
 * True when a 12-digit tracking number carries the check digit Yamato, Sagawa and Japan Post use (7DR): the last
 * digit is the first eleven, read as one number, modulo 7.
 *
 * @example
 * ```ts
 * hasValidCheckDigit('389711074012'); // true
 * hasValidCheckDigit('389711074013'); // false
 * ```
 */
export function hasValidCheckDigit(number: string): boolean {
  if (!/^\d{12}$/.test(number)) return false;
  return Number(number.slice(0, 11)) % 7 === Number(number[11]);
}

/** How strictly a tracking number is checked: 12 digits and check digit (`strict`), 12 digits with a warning on a bad check digit (`warn`). */
export type CheckDigitMode = 'strict' | 'warn';

/**
 * Validates a tracking number (お問い合わせ番号の検査): after {@link cleanTrackingNumber}, 12 digits, and the mod-7
 * check digit (an error under `strict`, a warning under `warn`).
 *
 * @example
 * ```ts
 * validateTrackingNumber('3897-1107-4012').number; // '389711074012'
 * validateTrackingNumber('12345').issues[0]?.code; // 'carrier.tracking.invalid_number'
 * ```
 */
export function validateTrackingNumber(
  text: string,
  mode: CheckDigitMode = 'strict',
  details: { line?: number } = {},
): { number: string; issues: Issue[] } {
  const number = cleanTrackingNumber(text);
  const issues: Issue[] = [];
  if (!/^\d{12}$/.test(number)) {
    issues.push(
      createIssue(
        'carrier.tracking.invalid_number',
        `お問い合わせ番号「${text}」は12桁の数字ではありません`,
        {
          ...details,
          data: { input: text },
        },
      ),
    );
  } else if (!hasValidCheckDigit(number)) {
    issues.push(
      createIssue(
        'carrier.tracking.check_digit',
        `お問い合わせ番号「${text}」のチェックデジットが一致しません（読み取り・入力の誤りの可能性）`,
        { ...details, severity: mode === 'strict' ? 'error' : 'warning', data: { input: text } },
      ),
    );
  }
  return { number, issues };
}
