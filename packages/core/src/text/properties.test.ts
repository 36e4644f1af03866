import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldKanjiVariants,
  normalizeAddressKey,
  normalizeEmail,
  normalizeName,
  toHiragana,
} from './match-keys';
import { normalizePhone } from './phone';
import { normalizePostalCode } from './postal-code';
import { foldSpaces, normalizeNumericDashes } from './spaces-dashes';
import { foldWidth, toHalfwidthKatakana } from './width';

/** Pieces of real Japanese back-office text, including every trap the normalisers handle. */
const JAPANESE_PIECES = [
  ...'あかがぱゃっゐゔゕゖアカガパャッヰヴヵヶヷヽヾーｰｱｶｳﾊﾜｦｯｬﾞﾟ゛゜\u3099\u309a',
  ...'山田髙高﨑崎嵜𠮷吉邊辺齋斎國櫻龍之ノの霞関丘井頭条線通北西町館室棟号番地丁目',
  ...'〇一二三四五六七八九十百千0123456789０１２３４５６７８９',
  ...'‐‑‒–—―−－─━﹣-〜～~①㈱№℡㍻￥¥\\＼@＠+＋#xX.()（）〒〶',
  ...'AaZzＡｚ 　\u00a0\u2003\t\n\u200b\u200c\u200d\ufeff\ufe00😀👨‍👩‍👧',
  '丁目',
  '番地',
  '内線',
  'ext',
  '+81',
  '号室',
  '\u{e0100}',
];
const japanese = fc.string({ unit: fc.constantFrom(...JAPANESE_PIECES), maxLength: 30 });
const anything = fc.string({ unit: 'binary', maxLength: 30 });
const postalLike = fc.string({ unit: fc.constantFrom(...'〒 0１2３4５6７8９-－ー'), maxLength: 10 });
const generators = [
  ['arbitrary strings', anything],
  ['Japanese-heavy strings', japanese],
] as const;

const idempotent: [string, (s: string) => string][] = [
  ['foldWidth', foldWidth],
  ['toHalfwidthKatakana', (s) => toHalfwidthKatakana(s).text],
  ['normalizeNumericDashes', normalizeNumericDashes],
  ['foldSpaces', foldSpaces],
  ['toHiragana', toHiragana],
  ['foldKanjiVariants', (s) => foldKanjiVariants(s)],
  ['normalizeName', normalizeName],
  ['normalizeAddressKey', normalizeAddressKey],
  ['normalizePhone', normalizePhone],
  ['normalizeEmail', normalizeEmail],
];

const codePoints = (s: string): number => Array.from(s).length;
const halfwidthMarks = (s: string): number => Array.from(s).filter((ch) => ch === 'ﾞ' || ch === 'ﾟ').length;

for (const [generatorName, generator] of generators) {
  describe(`over ${generatorName}`, () => {
    it.each(idempotent)('%s is idempotent', (_name, f) => {
      fc.assert(
        fc.property(generator, (s) => {
          const once = f(s);
          expect(f(once)).toBe(once);
        }),
        { numRuns: 300 },
      );
    });

    it('normalizePostalCode accepts its own output unchanged', () => {
      fc.assert(
        fc.property(fc.oneof(generator, postalLike), (s) => {
          const once = normalizePostalCode(s);
          if (once.ok) expect(normalizePostalCode(once.value)).toEqual(once);
        }),
        { numRuns: 300 },
      );
    });

    it('foldWidth shortens by no more than the half-width marks it combined, and never lengthens', () => {
      fc.assert(
        fc.property(generator, (s) => {
          const shortenedBy = codePoints(s) - codePoints(foldWidth(s));
          expect(shortenedBy).toBeGreaterThanOrEqual(0);
          expect(shortenedBy).toBeLessThanOrEqual(halfwidthMarks(s));
        }),
        { numRuns: 300 },
      );
    });

    it('toHalfwidthKatakana leaves only half-width text besides what it reports', () => {
      fc.assert(
        fc.property(generator, (s) => {
          const { text, unconverted } = toHalfwidthKatakana(s);
          const reported = new Set(unconverted.map((u) => u.char));
          for (const ch of text) expect(/[\x20-\x7e\uff61-\uff9f]/u.test(ch) || reported.has(ch)).toBe(true);
          for (const u of unconverted) expect(s.slice(u.index, u.index + u.char.length)).toBe(u.char);
        }),
        { numRuns: 300 },
      );
    });
  });
}

describe('keys agree across the ways a name is typed', () => {
  it('katakana, hiragana and half-width katakana give one name key', () => {
    const katakana = fc.string({
      unit: fc.constantFrom(...'アイウエオカガキギパピャュョッヴー'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(katakana, (s) => {
        expect(normalizeName(toHalfwidthKatakana(s).text)).toBe(normalizeName(s));
        expect(normalizeName(toHiragana(s))).toBe(normalizeName(s));
      }),
    );
  });
});

describe('the one-pass paths for plain text give the keys of the general path', () => {
  // A leading ZWSP is neither ASCII nor plain text, so it sends the text down the general path, which
  // removes it: both paths must give one key. Three alphabets: ASCII only (phone, e-mail, postal code
  // paths), plain (names and addresses: kana, unified kanji, ASCII, spaces) and mixed with other forms.
  const ascii = [...'0123456789-~#+xXeEtTaAzZ@.() ', 'ext', 'EXT', '+81'];
  const plainOnly = [...'あがゔゖアガヴヶヷヺー山田髙高邊國澤櫻一二十丁目番地号条線室館町ケガ之ノの　'];
  const unit = (pieces: string[]) => fc.string({ unit: fc.constantFrom(...pieces), maxLength: 30 });
  const text = fc.oneof(
    unit(ascii),
    unit([...ascii, ...plainOnly]),
    unit([...ascii, ...plainOnly, ...'ｰ〜－ｱ内線']),
  );
  const forced = (s: string): string => `\u200b${s}`;

  it.each([
    ['normalizeName', normalizeName],
    ['normalizeAddressKey', normalizeAddressKey],
    ['normalizePhone', normalizePhone],
    ['normalizeEmail', normalizeEmail],
  ] as const)('%s', (_name, f) => {
    fc.assert(
      fc.property(text, (s) => {
        expect(f(s)).toBe(f(forced(s)));
      }),
      { numRuns: 3000 },
    );
  });

  it('foldWidth', () => {
    // U+3000 also sends the text down the general path, where it becomes one leading ASCII space.
    fc.assert(
      fc.property(text, (s) => {
        expect(foldWidth(`\u3000${s}`)).toBe(` ${foldWidth(s)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalizePostalCode', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.stringMatching(/^\d{3}-?\d{4}$/u)), (s) => {
        const direct = normalizePostalCode(s);
        const general = normalizePostalCode(forced(s));
        expect(direct.ok).toBe(general.ok);
        if (direct.ok && general.ok) expect(direct.value).toBe(general.value);
      }),
      { numRuns: 3000 },
    );
  });
});
