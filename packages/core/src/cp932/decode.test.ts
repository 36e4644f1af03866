import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { createStreamDecoder, decodeText, detectEncoding, type TextEncoding } from './index';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cp932 = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const replacementCount = (text: string) => text.split('\uFFFD').length - 1;

function streamDecode(encoding: TextEncoding, bytes: Uint8Array, cuts: number[], bom?: 'strip' | 'keep') {
  const decoder = createStreamDecoder(encoding, bom === undefined ? undefined : { bom });
  let text = '';
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    text += decoder.write(bytes.subarray(from, cut));
    from = cut;
  }
  text += decoder.write(bytes.subarray(from));
  text += decoder.end();
  return { text, issues: decoder.issues };
}

describe('detectEncoding', () => {
  it('follows BOM, then strict UTF-8, then CP932', () => {
    expect(detectEncoding(concat(BOM, cp932('山田')))).toEqual({
      encoding: 'utf-8',
      bom: true,
      ambiguous: false,
    });
    expect(detectEncoding(utf8('注文番号,購入者名\r\n'))).toEqual({
      encoding: 'utf-8',
      bom: false,
      ambiguous: false,
    });
    expect(detectEncoding(cp932('注文番号,購入者名\r\n'))).toEqual({
      encoding: 'cp932',
      bom: false,
      ambiguous: false,
    });
    expect(detectEncoding(utf8('order,SKU-1,3\r\n'))).toEqual({
      encoding: 'utf-8',
      bom: false,
      ambiguous: false,
    });
    expect(detectEncoding(new Uint8Array())).toEqual({ encoding: 'utf-8', bom: false, ambiguous: false });
  });

  it('reads half-width kana that are also valid UTF-8 as CP932, flagged ambiguous (§2.2)', () => {
    expect(detectEncoding(cp932('ﾃｽ'))).toEqual({ encoding: 'cp932', bom: false, ambiguous: true });
    expect(detectEncoding(cp932('ﾃｽ,ﾃｽ\r\n'))).toEqual({ encoding: 'cp932', bom: false, ambiguous: true });
    expect(detectEncoding(cp932('ｻﾄｳ,ﾀﾛｳ\r\n'))).toEqual({ encoding: 'cp932', bom: false, ambiguous: false });
    // é in UTF-8 (C3 A9) is also ﾃｩ in CP932: ambiguous, read as CP932; with a kanji it is plainly UTF-8.
    expect(detectEncoding(utf8('Café'))).toEqual({ encoding: 'cp932', bom: false, ambiguous: true });
    expect(detectEncoding(utf8('Café 東京'))).toEqual({ encoding: 'utf-8', bom: false, ambiguous: false });
    expect(detectEncoding(utf8('Über'))).toEqual({ encoding: 'utf-8', bom: false, ambiguous: true });
  });

  it('does not count a character cut at the end of a sample against UTF-8', () => {
    const bytes = utf8('山田太郎');
    for (let end = 1; end < bytes.length; end++)
      expect(detectEncoding(bytes.subarray(0, end)).encoding).toBe('utf-8');
  });
});

describe('decodeText', () => {
  it('decodes empty and BOM-only input to empty text without an issue', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', bom: false, issues: [] });
    expect(decodeText(BOM)).toEqual({ text: '', encoding: 'utf-8', bom: true, issues: [] });
  });

  it('strips the BOM and decodes UTF-8 and CP932', () => {
    expect(decodeText(concat(BOM, utf8('髙橋,〜\r\n')))).toEqual({
      text: '髙橋,〜\r\n',
      encoding: 'utf-8',
      bom: true,
      issues: [],
    });
    expect(decodeText(cp932('髙橋,～,①\r\n'))).toEqual({
      text: '髙橋,～,①\r\n',
      encoding: 'cp932',
      bom: false,
      issues: [],
    });
  });

  it('reports every invalid sequence of garbage bytes with its offset and line; the text holds U+FFFD there', () => {
    const bytes = new Uint8Array([0x41, 0xa0, 0x0a, 0x85, 0x40, 0xfd, 0xff, 0x82]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('cp932');
    expect(decoded.text).toBe('A\uFFFD\n\uFFFD@\uFFFD\uFFFD\uFFFD');
    expect(
      decoded.issues.map((issue) => [
        issue.code,
        issue.severity,
        issue.line,
        issue.data?.offset,
        issue.data?.truncated,
      ]),
    ).toEqual([
      ['text.invalid_bytes', 'error', 1, 1, false],
      ['text.invalid_bytes', 'error', 2, 3, false],
      ['text.invalid_bytes', 'error', 2, 5, false],
      ['text.invalid_bytes', 'error', 2, 6, false],
      ['text.invalid_bytes', 'error', 2, 7, true],
    ]);
    expect(decoded.issues[0]?.message).toBe(
      '1行目（2バイト目）のバイト列 (A0) は CP932 (Shift_JIS) として読めません。この箇所は「\uFFFD」(U+FFFD) に置き換えて読みました',
    );
  });

  it('reads a UTF-8 file with one CP932 line as UTF-8 and reports the line', () => {
    const bytes = concat(
      utf8('注文番号,購入者名,住所\r\n10001,山田 太郎,東京都千代田区千代田1-1\r\n'),
      cp932('10002,佐藤 花子,大阪府大阪市北区梅田\r\n'),
      utf8('10003,鈴木 一郎,北海道札幌市中央区北1条西2丁目\r\n'),
    );
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('10003,鈴木 一郎,北海道札幌市中央区北1条西2丁目\r\n');
    expect(decoded.issues[0]).toMatchObject({
      code: 'text.encoding_ambiguous',
      severity: 'warning',
      data: { reason: 'mixed' },
    });
    const invalid = decoded.issues.slice(1);
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((issue) => issue.code === 'text.invalid_bytes' && issue.line === 3)).toBe(true);
    expect(invalid.length).toBe(replacementCount(decoded.text));
  });

  it('honours an explicit encoding, still reporting invalid bytes', () => {
    const decoded = decodeText(cp932('山田'), { encoding: 'utf-8' });
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.issues.length).toBe(replacementCount(decoded.text));
    expect(decoded.issues.length).toBeGreaterThan(0);
    expect(decodeText(cp932('ﾃｽ'), { encoding: 'utf-8' })).toEqual({
      text: 'ý',
      encoding: 'utf-8',
      bom: false,
      issues: [],
    });
    expect(decodeText(utf8('ý'), { encoding: 'cp932' }).text).toBe('ﾃｽ');
  });

  it('reports a UTF-8 sequence cut at the end of the file', () => {
    const decoded = decodeText(utf8('山田').subarray(0, 5));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe('山\uFFFD');
    expect(decoded.issues).toEqual([
      expect.objectContaining({
        code: 'text.invalid_bytes',
        data: { offset: 3, bytes: 'E7 94', encoding: 'utf-8', truncated: true },
      }),
    ]);
  });

  it('reports exactly one issue per U+FFFD for any bytes, in either encoding', () => {
    // 0xBD is left out so that random bytes cannot spell a real U+FFFD (EF BF BD) in UTF-8.
    const bytes = fc
      .uint8Array({ maxLength: 60 })
      .map((array) => array.map((byte) => (byte === 0xbd ? 0xbc : byte)));
    fc.assert(
      fc.property(bytes, fc.constantFrom<TextEncoding>('utf-8', 'cp932'), (input, encoding) => {
        const decoded = decodeText(input, { encoding });
        const invalid = decoded.issues.filter((issue) => issue.code === 'text.invalid_bytes');
        expect(invalid.length).toBe(replacementCount(decoded.text));
        const offsets = invalid.map((issue) => issue.data?.offset as number);
        expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('createStreamDecoder', () => {
  const sample = 'ｱｲｳ,髙橋①〜😀,山田\r\n';

  it('decodes a multi-byte sequence cut at every possible chunk boundary', () => {
    for (const encoding of ['utf-8', 'cp932'] as const) {
      const text = encoding === 'cp932' ? 'ｱｲｳ,髙橋①～,山田\r\n' : sample;
      const bytes = encoding === 'cp932' ? cp932(text) : utf8(text);
      for (let cut = 0; cut <= bytes.length; cut++) {
        expect(streamDecode(encoding, bytes, [cut])).toEqual({ text, issues: [] });
      }
    }
  });

  it('gives the same text and issues as decodeText for any bytes cut anywhere', () => {
    const chunked = fc
      .uint8Array({ maxLength: 50 })
      .chain((bytes) =>
        fc.tuple(fc.constant(bytes), fc.array(fc.nat({ max: bytes.length }), { maxLength: 6 })),
      );
    fc.assert(
      fc.property(chunked, fc.constantFrom<TextEncoding>('utf-8', 'cp932'), ([bytes, cuts], encoding) => {
        const whole = decodeText(bytes, { encoding });
        const streamed = streamDecode(encoding, bytes, cuts, 'keep');
        const expectedText = whole.bom ? `\uFEFF${whole.text}` : whole.text;
        expect(streamed.text).toBe(expectedText);
        expect(streamed.issues).toEqual(whole.issues);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes encoded Japanese text split into random chunks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'あ髙①ｱ〜A😀\r\n,') }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (text, raw) => {
          const bytes = utf8(text);
          expect(
            streamDecode(
              'utf-8',
              bytes,
              raw.map((n) => n % (bytes.length + 1)),
            ),
          ).toEqual({ text, issues: [] });
          const sjisText = text.replaceAll('😀', '').replaceAll('〜', '～');
          const sjis = cp932(sjisText);
          expect(
            streamDecode(
              'cp932',
              sjis,
              raw.map((n) => n % (sjis.length + 1)),
            ),
          ).toEqual({ text: sjisText, issues: [] });
        },
      ),
    );
  });

  it('reports invalid bytes with their absolute offset, and a truncated sequence at end()', () => {
    const decoder = createStreamDecoder('cp932');
    expect(decoder.write(new Uint8Array([0x41, 0x0a]))).toBe('A\n');
    expect(decoder.write(new Uint8Array([0xa0, 0x82]))).toBe('\uFFFD');
    expect(decoder.issues.map((issue) => [issue.line, issue.data?.offset])).toEqual([[2, 2]]);
    expect(decoder.end()).toBe('\uFFFD');
    expect(decoder.issues.map((issue) => [issue.line, issue.data?.offset, issue.data?.truncated])).toEqual([
      [2, 2, false],
      [2, 3, true],
    ]);
    expect(() => decoder.write(new Uint8Array([0x41]))).toThrow(HakobuError);

    const utf = createStreamDecoder('utf-8');
    expect(utf.write(utf8('山').subarray(0, 2))).toBe('');
    expect(utf.end()).toBe('\uFFFD');
    expect(utf.issues).toEqual([
      expect.objectContaining({
        code: 'text.invalid_bytes',
        data: expect.objectContaining({ offset: 0, truncated: true }),
      }),
    ]);
  });

  it('strips a UTF-8 BOM split over chunks, or keeps it', () => {
    const bytes = concat(BOM, utf8('A'));
    expect(streamDecode('utf-8', bytes, [1, 2])).toEqual({ text: 'A', issues: [] });
    expect(streamDecode('utf-8', bytes, [1], 'keep')).toEqual({ text: '\uFEFFA', issues: [] });
    expect(streamDecode('utf-8', BOM, [1])).toEqual({ text: '', issues: [] });
    expect(streamDecode('utf-8', new Uint8Array(), [])).toEqual({ text: '', issues: [] });
  });
});
