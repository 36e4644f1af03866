import { createIssue, type Issue, type IssuePath } from '../result';
import { analyzePhone } from '../text/phone';

/** Prefixes of 11-digit numbers: mobile (070/080/090), IP phone (050), M2M (020) and 0800 free dial. */
const ELEVEN_DIGIT_PREFIX = /^(0[5789]0|020|0800)/u;

/**
 * Checks that a phone number (電話番号) as entered is plausible for a Japanese carrier label, and says
 * what would change when it is keyed. Returns every finding, empty when the number looks right:
 *
 * - `contacts.phone_no_digits` (error) — no digits at all;
 * - `contacts.phone_foreign` (warning) — a `+` country code other than 81; carriers may refuse it;
 * - `contacts.phone_no_leading_zero` (error) — a domestic number must start with 0;
 * - `contacts.phone_digit_count` (error) — 11 digits for 070/080/090/050/020/0800, 10 for fixed lines,
 *   0120 and 0570;
 * - `contacts.phone_leading_zero_restored` (info) — a 9–10 digit number lost its 0 in a spreadsheet;
 * - `contacts.phone_extension` (warning) — an extension (内線) that no label field carries.
 *
 * This is a plausibility check by prefix and length, not a lookup of allocated numbers.
 *
 * @example
 * ```ts
 * checkPhoneNumber('03-1234-5678'); // []
 * checkPhoneNumber('090-1234-567')[0]?.code; // 'contacts.phone_digit_count'
 * ```
 */
export function checkPhoneNumber(phone: string, details: { path?: IssuePath } = {}): Issue[] {
  const { key, extension, foreign, restoredZero } = analyzePhone(phone);
  const issues: Issue[] = [];
  const data = { input: phone, key };
  const add = (code: string, message: string, severity: Issue['severity'] = 'error') =>
    issues.push(createIssue(code, message, { ...details, severity, data }));
  if (key === '') {
    add('contacts.phone_no_digits', `電話番号「${phone}」に数字がありません`);
    return issues;
  }
  if (extension !== undefined) {
    add(
      'contacts.phone_extension',
      `電話番号「${phone}」の内線「${extension}」は送り状に載りません`,
      'warning',
    );
  }
  if (foreign) {
    add(
      'contacts.phone_foreign',
      `電話番号「${phone}」は海外の番号です。配送業者によっては受け付けられません`,
      'warning',
    );
    return issues;
  }
  if (restoredZero) {
    add(
      'contacts.phone_leading_zero_restored',
      `電話番号「${phone}」の先頭の0を補いました（${key}）`,
      'info',
    );
  }
  if (!key.startsWith('0')) {
    add('contacts.phone_no_leading_zero', `電話番号「${phone}」は0で始まる国内の番号ではありません`);
    return issues;
  }
  const expected = ELEVEN_DIGIT_PREFIX.test(key) ? 11 : 10;
  if (key.length !== expected) {
    add(
      'contacts.phone_digit_count',
      `電話番号「${phone}」の桁数が正しくありません（${key.length}桁。この番号は${expected}桁のはずです）`,
    );
  }
  return issues;
}
