import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAscii } from './ascii';

describe('isAscii', () => {
  it.each([
    ['', true],
    ['090-1234-5678 ext.12', true],
    ['\u0000\u007f', true],
    ['\u0080', false],
    ['０９０', false],
    ['taro@example.jp\u200b', false],
  ])('%j → %s', (input, expected) => {
    expect(isAscii(input)).toBe(expected);
  });

  it('agrees with NFKC leaving ASCII text unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        if (isAscii(s)) expect(s.normalize('NFKC')).toBe(s);
        expect(isAscii(s)).toBe(/^[\u0000-\u007f]*$/u.test(s));
      }),
    );
  });
});
