import { createIssue, type Issue } from '@hakobu/core';

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
 * Checks an invoice registration number (適格請求書発行事業者登録番号): `T` followed by 13 half-width digits,
 * whose first digit is the check digit of the other twelve, computed as for the 法人番号 (the number
 * space that the National Tax Agency assigns to sole proprietors too). Returns every problem as an issue
 * — `document.invoice_number_invalid` for the shape, `document.invoice_number_check_digit` for a digit
 * typed wrong — and `[]` for a valid number.
 *
 * @param where Names the setting in the message, e.g. 販路・ショップ「rakuten/my-shop」.
 * @example
 * ```ts
 * checkInvoiceNumber('T7010705000725'); // []
 * checkInvoiceNumber('T123')[0]?.code; // 'document.invoice_number_invalid'
 * checkInvoiceNumber('T1010705000725')[0]?.code; // 'document.invoice_number_check_digit'
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
        `${where}の登録番号「${value}」は検査用数字（先頭の数字）が合いません。番号を確かめてください`,
        { data: { invoiceNumber: value, expectedCheckDigit: expected } },
      ),
    ];
  }
  return [];
}
