import { createIssue, hasErrors, type Issue } from '@hakobu/core';

const SHAPE = /^T(\d)(\d{12})$/;

/**
 * The check digit of a 13-digit 法人番号 (検査用数字): `9 − (Σ Pn × Qn mod 9)` over the 12-digit base
 * number, `Pn` the n-th digit counted from the right, `Qn` 1 for odd n and 2 for even n.
 */
function checkDigitOf(base: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/**
 * Checks an invoice registration number (適格請求書発行事業者登録番号): `T` followed by 13 half-width digits.
 * A number of the wrong shape is an error (`document.invoice_number_invalid`). A first digit that is not the
 * 法人番号 check digit of the other twelve is a warning (`document.invoice_number_check_digit`): it catches a
 * 法人's mistyped number, but the National Tax Agency gives sole proprietors (個人事業者) their own 13-digit
 * numbers and does not publish whether those carry the same check digit, so such a number still prints.
 * Returns `[]` for a number that passes both.
 *
 * @param where Names the setting in the message, e.g. 販路・ショップ「rakuten/my-shop」.
 * @example
 * ```ts
 * checkInvoiceNumber('T7010705000725'); // []
 * checkInvoiceNumber('T123')[0]?.code; // 'document.invoice_number_invalid' (error)
 * checkInvoiceNumber('T1010705000725')[0]?.severity; // 'warning' (check digit)
 * ```
 */
export function checkInvoiceNumber(value: string, where = '登録番号'): Issue[] {
  const match = SHAPE.exec(value);
  if (match === null) {
    return [
      createIssue(
        'document.invoice_number_invalid',
        `${where}の登録番号「${value}」は「T」+ 半角数字13桁ではありません（例: T7010705000725）`,
        { data: { invoiceNumber: value } },
      ),
    ];
  }
  const [, digit, base] = match as unknown as [string, string, string];
  const expected = checkDigitOf(base);
  if (Number(digit) !== expected) {
    return [
      createIssue(
        'document.invoice_number_check_digit',
        `${where}の登録番号「${value}」は法人番号の検査用数字（先頭の数字）が合いません。国税庁の公表サイトで番号を確かめてください`,
        { severity: 'warning', data: { invoiceNumber: value, expectedCheckDigit: expected } },
      ),
    ];
  }
  return [];
}

/** `true` when the number may be printed: its shape is right (a check-digit warning does not stop it). */
export function invoiceNumberPrintable(value: string): boolean {
  return !hasErrors(checkInvoiceNumber(value));
}
