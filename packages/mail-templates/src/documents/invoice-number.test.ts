import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvoiceNumber, invoiceNumberPrintable } from './invoice-number';

describe('checkInvoiceNumber (登録番号)', () => {
  it('accepts published numbers whose first digit is the check digit of the other twelve', () => {
    // 日本税理士会連合会 and the National Tax Agency's worked example of the 法人番号 check digit.
    expect(checkInvoiceNumber('T7010705000725')).toEqual([]);
    expect(checkInvoiceNumber('T7123456789012')).toEqual([]);
  });

  it('refuses a number of the wrong shape, saying what the shape is', () => {
    for (const value of [
      'T123',
      '7010705000725',
      't7010705000725',
      'T７０１０７０５０００７２５',
      'T70107050007250',
    ]) {
      const issues = checkInvoiceNumber(value, '販路・ショップ「rakuten/a」');
      expect(issues.map((issue) => issue.code)).toEqual(['document.invoice_number_invalid']);
      expect(issues[0]?.message).toContain('販路・ショップ「rakuten/a」の登録番号');
      expect(issues[0]?.message).toContain('半角数字13桁');
    }
  });

  it('catches every single mistyped digit except 0 ↔ 9, which the check digit cannot see', () => {
    const valid = 'T7010705000725';
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 9 }), (position, digit) => {
        const original = Number(valid[position]);
        fc.pre(digit !== original && !(original + digit === 9 && (original === 0 || original === 9)));
        const typed = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
        expect(checkInvoiceNumber(typed).map((issue) => [issue.code, issue.severity])).toEqual([
          ['document.invoice_number_check_digit', 'warning'],
        ]);
        expect(invoiceNumberPrintable(typed)).toBe(true);
      }),
    );
  });
});
