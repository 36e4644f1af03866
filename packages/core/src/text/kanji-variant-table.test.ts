import { describe, expect, it } from 'vitest';
import { KANJI_VARIANTS } from './kanji-variant-table';

describe('KANJI_VARIANTS', () => {
  const entries = Object.entries(KANJI_VARIANTS);

  it('holds at least 150 variants', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
  });

  it('maps one code point to a different one', () => {
    for (const [variant, standard] of entries) {
      expect([Array.from(variant).length, Array.from(standard).length, variant === standard]).toEqual([
        1,
        1,
        false,
      ]);
    }
  });

  it('never maps to another variant, so one pass is enough', () => {
    expect(entries.filter(([, standard]) => Object.hasOwn(KANJI_VARIANTS, standard))).toEqual([]);
  });

  it('maps to NFKC-stable characters, and agrees with NFKC where NFKC folds the variant', () => {
    for (const [variant, standard] of entries) {
      expect(standard.normalize('NFKC')).toBe(standard);
      const nfkc = variant.normalize('NFKC');
      if (nfkc !== variant) expect(nfkc).toBe(standard);
    }
  });

  it('covers the name variants shops meet most', () => {
    const pairs =
      '髙高 﨑崎 嵜崎 碕崎 邊辺 邉辺 齋斎 齊斎 濵浜 濱浜 德徳 冨富 嶋島 嶌島 澤沢 國国 櫻桜 廣広 眞真 藏蔵 龍竜 榮栄 惠恵 實実 壽寿 淺浅 會会 學学 萬万 鐵鉄 晉晋';
    for (const pair of pairs.split(' ')) {
      const [variant, standard] = Array.from(pair);
      expect(KANJI_VARIANTS[variant!]).toBe(standard);
    }
    expect(KANJI_VARIANTS).toMatchObject({ 𠮷: '吉', '\uF9DC': '隆' });
  });
});
