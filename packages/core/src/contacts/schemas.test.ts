import { describe, expect, it } from 'vitest';
import { Contact, EmailAddress, JapaneseAddress, PersonName, PhoneNumber, PostalCode } from './schemas';

const address = { postalCode: '1050011', prefecture: '東京都', city: '港区', street: '芝公園4-2-8' };

describe('contact schemas', () => {
  it('accept a full contact and keep the text as entered', () => {
    const contact = {
      name: { name: '山田 太郎', nameKana: 'ヤマダ タロウ', familyName: '山田', givenName: '太郎' },
      address: { ...address, building: 'ABCビル 101号室' },
      phone: '０３－１２３４－５６７８',
      email: 'taro..yamada.@docomo.ne.jp',
      company: '山田商店',
    };
    expect(Contact.parse(contact)).toEqual(contact);
    expect(Contact.parse({ name: { name: '山田 花子' }, address, phone: '090-1234-5678' })).toBeTruthy();
  });

  it('take postal codes as 7 digits without hyphen', () => {
    expect(PostalCode.safeParse('1050011').success).toBe(true);
    for (const bad of ['105-0011', '１０５００１１', '105001', ''])
      expect(PostalCode.safeParse(bad).success).toBe(false);
    expect(PostalCode.safeParse('105-0011').error?.issues[0]?.message).toBe(
      '郵便番号は7桁の数字（ハイフンなし）で指定してください',
    );
  });

  it('take a prefecture by its full name only', () => {
    expect(JapaneseAddress.safeParse(address).success).toBe(true);
    expect(JapaneseAddress.safeParse({ ...address, prefecture: '東京' }).success).toBe(false);
    expect(JapaneseAddress.safeParse({ ...address, city: '' }).success).toBe(false);
  });

  it('accept Japanese mobile e-mail addresses that break RFC 5322, and reject what cannot be one', () => {
    for (const good of ['taro@example.jp', 'taro..yamada.@docomo.ne.jp', 'a.b+c@sub.example.co.jp']) {
      expect(EmailAddress.safeParse(good).success).toBe(true);
    }
    for (const bad of [
      'taro',
      'taro@',
      '@example.jp',
      'taro@example',
      'ta ro@example.jp',
      'a@b@example.jp',
    ]) {
      expect(EmailAddress.safeParse(bad).success).toBe(false);
    }
  });

  it('need a name and a phone number', () => {
    expect(PersonName.safeParse({ name: '' }).success).toBe(false);
    expect(PhoneNumber.safeParse('').success).toBe(false);
  });
});
