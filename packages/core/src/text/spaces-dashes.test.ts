import { describe, expect, it } from 'vitest';
import { foldSpaces, normalizeNumericDashes } from './spaces-dashes';
import { foldWidth } from './width';

describe('normalizeNumericDashes', () => {
  it.each([
    ['1ー2ー3', '1-2-3'],
    ['コーヒー', 'コーヒー'],
    ['東京都港区芝公園４－２－８', '東京都港区芝公園４-２-８'],
    ['1‐2‑3‒4–5—6―7−8－9ｰ0─1━2﹣3-4', '1-2-3-4-5-6-7-8-9-0-1-2-3-4'],
    ['090−1234−5678', '090-1234-5678'],
    ['メゾン・ド・ルー101', 'メゾン・ド・ルー101'],
    ['ルー1', 'ルー1'],
    ['A−1', 'A−1'],
    ['1〜2', '1〜2'],
    ['1ーー2', '1ーー2'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeNumericDashes(input)).toBe(expected);
  });

  it('folds digits too when combined with foldWidth', () => {
    expect(foldWidth(normalizeNumericDashes('芝公園４－２－８'))).toBe('芝公園4-2-8');
    expect(normalizeNumericDashes(foldWidth('芝公園４ｰ２ｰ８'))).toBe('芝公園4-2-8');
  });
});

describe('foldSpaces', () => {
  it.each([
    ['　山田\u200b　 太郎 ', '山田 太郎'],
    ['\u00a0山田\u2003\u2009太郎\u00a0', '山田 太郎'],
    ['\ufeff山田\u200c\u200d太郎', '山田太郎'],
    ['東京都\t港区\r\n芝公園', '東京都 港区 芝公園'],
    ['a \u200b b', 'a b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldSpaces(input)).toBe(expected);
  });
});
