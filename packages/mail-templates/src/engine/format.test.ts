import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  formatJapanDate,
  formatMailYen,
  formatPhone,
  formatPostalCode,
  formatWareki,
  toFullwidth,
  toHalfwidth,
  wrapText,
} from './format';
import { trackingUrl } from './tracking';

describe('yen', () => {
  it('writes symbol, suffix and plain styles', () => {
    expect(formatMailYen(1234)).toBe('¥1,234');
    expect(formatMailYen(1234, 'suffix')).toBe('1,234円');
    expect(formatMailYen(1234567, 'plain')).toBe('1,234,567');
    expect(formatMailYen(-500, 'suffix')).toBe('-500円');
    expect(formatMailYen(null)).toBe('');
  });
});

describe('dates in Japan time', () => {
  it('writes a calendar date with the weekday', () => {
    expect(formatJapanDate('2026-11-28')).toBe('2026年11月28日(土)');
    expect(formatJapanDate('2026-11-28', 'short')).toBe('11/28');
    expect(formatJapanDate('2026-11-28', 'md')).toBe('11月28日(土)');
    expect(formatJapanDate('2026-11-29', 'weekday')).toBe('日');
    expect(formatJapanDate('2026-01-05', 'slash')).toBe('2026/01/05');
  });

  it('converts an instant to the Japan date, across midnight UTC', () => {
    expect(formatJapanDate('2026-11-27T15:00:00Z')).toBe('2026年11月28日(土)');
    expect(formatJapanDate('2026-11-27T14:59:59Z')).toBe('2026年11月27日(金)');
    expect(formatJapanDate('2026-11-28T01:05:00Z', 'datetime')).toBe('2026年11月28日(土) 10:05');
    expect(formatJapanDate('2026-11-28T10:05:00+09:00', 'time')).toBe('10:05');
  });

  it('gives empty text for an absent date and refuses garbage', () => {
    expect(formatJapanDate(null)).toBe('');
    expect(formatJapanDate('')).toBe('');
    expect(() => formatJapanDate('来週')).toThrow(/日付として読めません/);
    expect(() => formatJapanDate('2026-02-30')).toThrow();
  });
});

describe('wareki (和暦)', () => {
  it('writes era dates with 元年 and era boundaries', () => {
    expect(formatWareki('2026-11-28')).toBe('令和8年11月28日');
    expect(formatWareki('2026-11-28', 'year')).toBe('令和8年');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWareki('2026-11-27T15:30:00Z')).toBe('令和8年11月28日');
  });
});

describe('width', () => {
  it('converts to full and half width', () => {
    expect(toFullwidth('ABC-123 ｶﾞ')).toBe('ＡＢＣ－１２３　ガ');
    expect(toHalfwidth('ＡＢＣ１２３　ｶﾞ')).toBe('ABC123 ガ');
  });

  it('round-trips printable ASCII', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e]*$/), (text) => {
        expect(toHalfwidth(toFullwidth(text))).toBe(text);
      }),
    );
  });
});

describe('phone and postal code', () => {
  it('hyphenates unambiguous numbers and keeps the rest as entered', () => {
    expect(formatPhone('09012345678')).toBe('090-1234-5678');
    expect(formatPhone('０９０１２３４５６７８')).toBe('090-1234-5678');
    expect(formatPhone('0312345678')).toBe('03-1234-5678');
    expect(formatPhone('0120123456')).toBe('0120-123-456');
    expect(formatPhone('08001234567')).toBe('0800-123-4567');
    expect(formatPhone('045－123－4567')).toBe('045-123-4567');
    expect(formatPhone('0451234567')).toBe('0451234567');
    expect(formatPhone('内線なし')).toBe('内線なし');
  });

  it('writes postal codes with the mark', () => {
    expect(formatPostalCode('1000005')).toBe('〒100-0005');
    expect(formatPostalCode('100-0005', false)).toBe('100-0005');
    expect(formatPostalCode('12345')).toBe('12345');
  });
});

describe('tracking URL per carrier', () => {
  it('puts the number without hyphens into the carrier page', () => {
    expect(trackingUrl('yamato', '4907-1495-5706')).toBe(
      'https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id=490714955706',
    );
    expect(trackingUrl('sagawa', '123456789012')).toContain('okurijoNo=123456789012');
    expect(trackingUrl('japanpost', '123456789012')).toContain('reqCodeNo1=123456789012');
    expect(trackingUrl('unknown', '1')).toBeNull();
    expect(trackingUrl('mine', '1&x=2', { mine: 'https://t.example/{number}' })).toBe(
      'https://t.example/1%26x%3D2',
    );
  });
});

describe('mobile wrapping', () => {
  it('wraps to short lines with 行頭禁則', () => {
    expect(wrapText('ご注文ありがとうございました。', 10)).toBe('ご注文あり\nがとうござ\nいました。');
    expect(wrapText('ありがとうございます。', 10)).toBe('ありがとう\nございます。');
    expect(wrapText('URL https://example.jp/very/long/path/name', 12)).toBe(
      'URL\nhttps://example.jp/very/long/path/name',
    );
  });

  it('keeps every character and bounds line width', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('あ', 'い', 'A', '1', '。', 'ー', 'ッ') }),
        fc.integer({ min: 4, max: 40 }),
        (text, width) => {
          const wrapped = wrapText(text, width);
          expect(wrapped.replace(/\n/g, '')).toBe(text);
          for (const line of wrapped.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width + 2);
        },
      ),
    );
  });
});
