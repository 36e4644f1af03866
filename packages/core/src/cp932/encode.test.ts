import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import {
  cp932ByteLength,
  cp932PreMap,
  decodeText,
  defaultCp932Substitutions,
  encodeCp932,
  prepareCp932,
} from './index';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const codes = (result: { issues: { code: string }[] }) => result.issues.map((issue) => issue.code);

function encoded(text: string, options?: Parameters<typeof encodeCp932>[1]) {
  const result = encodeCp932(text, options);
  if (!result.ok) throw new Error(`not ok: ${JSON.stringify(result.issues)}`);
  return result;
}

/** Every BMP code unit our encoder writes as is (no issue at all), found through the public API. */
const writable: string[] = [];
for (let unit = 0; unit < 0x10000; unit++) {
  const char = String.fromCharCode(unit);
  const result = prepareCp932(char, { useDefaultSubstitutions: false });
  if (result.ok && result.issues.length === 0) writable.push(char);
}
const writableJis = writable.filter((char) => prepareCp932(char, { jisX0208Only: true }).issues.length === 0);
const writableChar = fc.constantFrom(...writable);

describe('encodeCp932 golden cases', () => {
  it.each([
    ['①', '8740', '①'],
    ['㈱', '878a', '㈱'],
    ['髙', 'fbfc', '髙'],
    ['﨑', 'fab1', '﨑'],
    ['～', '8160', '～'],
    ['‐', '815d', '‐'],
    ['ー', '815b', 'ー'],
    ['―', '815c', '―'],
    ['ｶﾞ', 'b6de', 'ｶﾞ'],
    ['\\~', '5c7e', '\\~'],
  ])('writes %s as is', (text, bytes, written) => {
    const result = encoded(text);
    expect(hex(result.value.bytes)).toBe(bytes);
    expect(result.value.text).toBe(written);
    expect(result.issues).toEqual([]);
  });

  it.each([
    ['〜', '8160', '～', 'U+301C'],
    ['−', '817c', '－', 'U+2212'],
    ['¥', '818f', '￥', 'U+00A5'],
    ['‾', '8150', '￣', 'U+203E'],
    ['—', '815c', '―', 'U+2014'],
    ['‖', '8161', '∥', 'U+2016'],
    ['\u00A0', '20', ' ', 'U+00A0'],
  ])('pre-maps %s to its Windows look-alike and reports it as info', (text, bytes, written, codePoint) => {
    const result = encoded(text);
    expect(hex(result.value.bytes)).toBe(bytes);
    expect(result.value.text).toBe(written);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'cp932.premapped',
        severity: 'info',
        data: { index: 0, char: text, codePoint, to: written, count: 1 },
      }),
    ]);
  });

  it('aggregates pre-mapped characters per kind with a count', () => {
    const result = encoded('1−2−3〜4');
    expect(result.value.text).toBe('1－2－3～4');
    expect(result.issues.map((issue) => [issue.data?.char, issue.data?.count, issue.data?.index])).toEqual([
      ['−', 2, 1],
      ['〜', 1, 5],
    ]);
  });

  it('substitutes 𠮷 (a surrogate pair, one character) and reports a warning', () => {
    const result = encoded('𠮷野家');
    expect(result.value.text).toBe('吉野家');
    expect(hex(result.value.bytes)).toBe('8b6796ec89c6');
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'cp932.substituted',
        severity: 'warning',
        data: { index: 0, char: '𠮷', codePoint: 'U+20BB7', substitute: '吉' },
      }),
    ]);
    expect(result.issues[0]?.message).toContain('1文字目の「𠮷」');
  });

  it('replaces 😀 with 〓 and reports one warning with the UTF-16 index and the character position', () => {
    const result = encoded('😀山😀田');
    expect(result.value.text).toBe('〓山〓田');
    expect(hex(result.value.bytes)).toBe('81ac8e5281ac9363');
    expect(
      result.issues.map((issue) => [issue.code, issue.severity, issue.data?.index, issue.data?.codePoint]),
    ).toEqual([
      ['cp932.unencodable', 'warning', 0, 'U+1F600'],
      ['cp932.unencodable', 'warning', 3, 'U+1F600'],
    ]);
    expect(result.issues[1]?.message).toContain('3文字目の「😀」(U+1F600)');
  });

  it('writes ❤️ as one 〓: the variation selector is reported and dropped', () => {
    const result = encoded('❤\uFE0F');
    expect(result.value.text).toBe('〓');
    expect(
      result.issues.map((issue) => [issue.code, issue.data?.codePoint, issue.data?.replacement]),
    ).toEqual([
      ['cp932.unencodable', 'U+2764', '〓'],
      ['cp932.unencodable', 'U+FE0F', ''],
    ]);
  });

  it('composes combining dakuten (か+U+3099 → が) and reports it, without touching compatibility ideographs', () => {
    const result = encoded('か\u3099キ\u309A');
    expect(result.value.text).toBe('がキ〓');
    expect(hex(result.value.bytes)).toBe('82aa834c81ac');
    expect(codes(result)).toEqual(['cp932.premapped', 'cp932.unencodable']);
    expect(result.issues[0]?.data).toMatchObject({ char: 'か\u3099', to: 'が' });
    // 塚 U+FA10 (IBM extension) would become U+585A under NFC; the mark does not compose, so nothing is normalised.
    const compat = encoded('\uFA10\u3099\uFA11');
    expect(compat.value.text).toBe('\uFA10〓\uFA11');
  });

  it('reports é, Hangul, ㉑ without substitution, U+FFFD and ZWSP', () => {
    const result = encoded('é한\u{1F600}\uFFFD\u200B', { useDefaultSubstitutions: false });
    expect(result.value.text).toBe('〓〓〓〓');
    expect(result.issues.map((issue) => issue.data?.codePoint)).toEqual([
      'U+00E9',
      'U+D55C',
      'U+1F600',
      'U+FFFD',
      'U+200B',
    ]);
    expect(encoded('㉑').value.text).toBe('(21)');
  });

  it('never writes "?" for a character that is not "?"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const result = encoded(text);
        const questionMarks = (s: string) => s.split('?').length - 1;
        expect(questionMarks(decodeText(result.value.bytes, { encoding: 'cp932' }).text)).toBe(
          questionMarks(text),
        );
        expect(decodeText(result.value.bytes, { encoding: 'cp932' }).text).toBe(result.value.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('options', () => {
  it("fails under onUnencodable: 'fail' with an error per character, after applying substitutions", () => {
    const result = encodeCp932('𠮷😀é', {
      onUnencodable: 'fail',
      path: ['rows', 3, 'name'],
      label: 'お届け先名',
    });
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.code, issue.severity, issue.path])).toEqual([
      ['cp932.substituted', 'warning', ['rows', 3, 'name']],
      ['cp932.unencodable', 'error', ['rows', 3, 'name']],
      ['cp932.unencodable', 'error', ['rows', 3, 'name']],
    ]);
    expect(result.issues[1]?.message).toBe(
      '「お届け先名」の2文字目の「😀」(U+1F600) は CP932 (Shift_JIS) で書けないため、出力できません',
    );
    expect(encodeCp932('𠮷', { onUnencodable: 'fail' }).ok).toBe(true);
  });

  it('jisX0208Only rejects 機種依存文字 as not_jis_x_0208, or substitutes them from the table', () => {
    const rejected = encoded('①㈱髙﨑ⅰ￤', { jisX0208Only: true, useDefaultSubstitutions: false });
    expect(rejected.value.text).toBe('〓〓〓〓〓〓');
    expect(new Set(codes(rejected))).toEqual(new Set(['cp932.not_jis_x_0208']));
    expect(rejected.issues[0]?.message).toContain('機種依存文字');
    const substituted = encoded('①㈱髙﨑', { jisX0208Only: true });
    expect(substituted.value.text).toBe('(1)(株)高崎');
    expect(new Set(codes(substituted))).toEqual(new Set(['cp932.substituted']));
    // ¦ pre-maps to ￤ (IBM extension) only when 機種依存文字 are allowed.
    expect(encoded('¦').value.text).toBe('￤');
    expect(encoded('¦', { jisX0208Only: true, useDefaultSubstitutions: false }).value.text).toBe('〓');
    expect(
      encodeCp932('髙', { jisX0208Only: true, onUnencodable: 'fail', useDefaultSubstitutions: false }).ok,
    ).toBe(false);
  });

  it('takes extra and overriding substitutions and a replacement', () => {
    expect(encoded('鷗😀', { substitutions: { 鷗: '鴎', '😀': '(笑)' } }).value.text).toBe('鴎(笑)');
    expect(encoded('𩸽', { substitutions: { 𩸽: '〓' } }).value.text).toBe('〓');
    expect(encoded('a😀b', { replacement: '' }).value.text).toBe('ab');
    expect(encoded('a😀b', { replacement: '?' }).value.text).toBe('a?b');
    expect(encoded('𠮷', { useDefaultSubstitutions: false }).value.text).toBe('〓');
  });

  it('throws HakobuError for a replacement or substitution that cannot be written', () => {
    expect(() => encodeCp932('a', { replacement: '😀' })).toThrow(HakobuError);
    expect(() => encodeCp932('a', { replacement: '①', jisX0208Only: true })).toThrow(/not writable/);
    expect(() => encodeCp932('😀', { substitutions: { '😀': '☺' } })).toThrow(HakobuError);
  });
});

describe('tables', () => {
  it('the pre-map sources are unwritable and the targets writable', () => {
    for (const [from, to] of Object.entries(cp932PreMap)) {
      expect(writable).not.toContain(from);
      expect(writable).toContain(to);
    }
  });

  it('every default substitution is for one character that JIS X 0208 lacks, and is JIS X 0208 text', () => {
    const jis = new Set(writableJis);
    for (const [from, to] of Object.entries(defaultCp932Substitutions)) {
      expect([...from]).toHaveLength(1);
      expect(jis.has(from)).toBe(false);
      expect([...to].every((char) => jis.has(char))).toBe(true);
    }
    expect(Object.keys(defaultCp932Substitutions)).toEqual(
      expect.arrayContaining(['𠮷', '鷗', '剝', '𠮟', '㋿', '𩸽']),
    );
    expect(defaultCp932Substitutions['㋿']).toBe('令和');
  });

  it('writes exactly what iconv-lite writes, for every writable BMP character', () => {
    const all = writable.join('');
    expect(writable).toHaveLength(7517);
    expect(writableJis.length).toBeLessThan(writable.length);
    expect(hex(encoded(all).value.bytes)).toBe(iconv.encode(all, 'cp932').toString('hex'));
  });

  it('finds no other BMP character that iconv-lite round-trips', () => {
    const isWritable = new Set(writable);
    const missed: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const char = String.fromCharCode(unit);
      if (isWritable.has(char) || (unit >= 0xd800 && unit <= 0xdfff) || unit === 0x80) continue;
      if (iconv.decode(iconv.encode(char, 'cp932'), 'cp932') === char) missed.push(char);
    }
    expect(missed).toEqual([]);
  });
});

describe('round trip and oracle', () => {
  it('decode(encode(s)) === s for every string of writable characters, with no issue', () => {
    fc.assert(
      fc.property(fc.array(writableChar, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const result = encoded(text);
        expect(result.issues).toEqual([]);
        expect(decodeText(result.value.bytes, { encoding: 'cp932' }).text).toBe(text);
        expect(cp932ByteLength(text)).toBe(result.value.bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  // Node's WHATWG decoder swaps three control bytes (an ICU table quirk, research §1.2).
  const whatwgQuirk: Record<string, string> = { '\x1A': '\x1C', '\x1C': '\x7F', '\x7F': '\x1A' };
  const throughWhatwg = (text: string) =>
    text.replace(/[\x1A\x1C\x7F]/g, (char) => whatwgQuirk[char] ?? char);
  const whatwg = new TextDecoder('shift_jis');

  it("Node's TextDecoder('shift_jis') reads our bytes of every writable BMP character as the same text", () => {
    const all = writable.join('');
    expect(whatwg.decode(encoded(all).value.bytes)).toBe(throughWhatwg(all));
  });

  it("Node's TextDecoder('shift_jis') reads our bytes of random text as the text we say we wrote", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(writableChar, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
        }),
        (text) => {
          const result = encoded(text);
          expect(whatwg.decode(result.value.bytes)).toBe(throughWhatwg(result.value.text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cp932ByteLength equals the encoded length for any text and options', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.boolean(), (text, jisX0208Only) => {
        expect(cp932ByteLength(text, { jisX0208Only })).toBe(
          encoded(text, { jisX0208Only }).value.bytes.length,
        );
      }),
      { numRuns: 300 },
    );
    expect(cp932ByteLength('ﾔﾏﾀﾞ 太郎')).toBe(9);
    expect(cp932ByteLength('〜😀')).toBe(4);
  });
});

describe('prepareCp932', () => {
  it('returns writable text itself, with no issue', () => {
    const text = '東京都港区芝公園4-2-8 髙橋様 ①';
    const result = prepareCp932(text);
    expect(result).toEqual({ ok: true, value: { text }, issues: [] });
  });

  it('gives the same text and issues as encodeCp932', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        const prepared = prepareCp932(text);
        const full = encodeCp932(text);
        expect(prepared.ok && full.ok && prepared.value.text === full.value.text).toBe(true);
        expect(prepared.issues).toEqual(full.issues);
      }),
      { numRuns: 200 },
    );
  });
});
