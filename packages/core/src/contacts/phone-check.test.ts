import { describe, expect, it } from 'vitest';
import { checkPhoneNumber } from './phone-check';

describe('checkPhoneNumber', () => {
  it.each([
    ['03-1234-5678'],
    ['０３（１２３４）５６７８'],
    ['0466-12-3456'],
    ['090-1234-5678'],
    ['080ー1234ー5678'],
    ['070-1234-5678'],
    ['050-1234-5678'],
    ['0120-123-456'],
    ['0570-000-123'],
    ['0800-123-4567'],
    ['+81 90-1234-5678'],
  ])('accepts %s', (phone) => {
    expect(checkPhoneNumber(phone)).toEqual([]);
  });

  it.each([
    [
      '03-1234-567',
      'contacts.phone_digit_count',
      '電話番号「03-1234-567」の桁数が正しくありません（9桁。この番号は10桁のはずです）',
    ],
    [
      '090-1234-56789',
      'contacts.phone_digit_count',
      '電話番号「090-1234-56789」の桁数が正しくありません（12桁。この番号は11桁のはずです）',
    ],
    [
      '090-1234-567',
      'contacts.phone_digit_count',
      '電話番号「090-1234-567」の桁数が正しくありません（10桁。この番号は11桁のはずです）',
    ],
    ['1234', 'contacts.phone_no_leading_zero', '電話番号「1234」は0で始まる国内の番号ではありません'],
    ['なし', 'contacts.phone_no_digits', '電話番号「なし」に数字がありません'],
  ])('rejects %s', (phone, code, message) => {
    expect(checkPhoneNumber(phone, { path: ['orderer', 'phone'] })).toEqual([
      {
        code,
        severity: 'error',
        message,
        path: ['orderer', 'phone'],
        data: { input: phone, key: expect.any(String) },
      },
    ]);
  });

  it('notes a restored leading zero and a dropped extension without rejecting', () => {
    expect(checkPhoneNumber('9012345678').map((i) => [i.code, i.severity, i.message])).toEqual([
      [
        'contacts.phone_leading_zero_restored',
        'info',
        '電話番号「9012345678」の先頭の0を補いました（09012345678）',
      ],
    ]);
    expect(checkPhoneNumber('03-1234-5678 内線123').map((i) => [i.code, i.severity, i.message])).toEqual([
      [
        'contacts.phone_extension',
        'warning',
        '電話番号「03-1234-5678 内線123」の内線「内線123」は送り状に載りません',
      ],
    ]);
  });

  it('warns about a foreign number', () => {
    expect(checkPhoneNumber('+1 415-555-0100').map((i) => [i.code, i.severity])).toEqual([
      ['contacts.phone_foreign', 'warning'],
    ]);
  });
});
