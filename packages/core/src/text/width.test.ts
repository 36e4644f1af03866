import { describe, expect, it } from 'vitest';
import { foldWidth, toHalfwidthKatakana } from './width';

describe('foldWidth', () => {
  it.each([
    ['ＡＢＣ１２３＠ｅｘａｍｐｌｅ．ｊｐ', 'ABC123@example.jp'],
    ['ｶﾞｰﾃﾞﾝ ﾊﾟﾝ', 'ガーデン パン'],
    ['ｳﾞｨｰﾅｽ', 'ヴィーナス'],
    ['ｷｬｯﾁ｡｢ﾃｽﾄ｣､ﾔﾏﾀﾞ･ﾀﾛｳ', 'キャッチ。「テスト」、ヤマダ・タロウ'],
    ['ﾜﾞ ｱﾟ ﾞ', 'ワ゛ ア゜ ゛'],
    ['山田\u3000太郎\u00a0様', '山田 太郎 様'],
    ['～', '~'],
    ['〜', '〜'],
    ['①㈱№℡㍻', '①㈱№℡㍻'],
    ['￥1,000 ¥500', '￥1,000 ¥500'],
    ['−‐ー', '−‐ー'],
    ['髙﨑𠮷😀', '髙﨑𠮷😀'],
    ['か\u3099', 'か\u3099'],
  ])('%s → %s', (input, expected) => {
    expect(foldWidth(input)).toBe(expected);
  });
});

describe('toHalfwidthKatakana', () => {
  it.each([
    ['ヤマダ　タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['やまだ たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['ヴィーナス', 'ｳﾞｨｰﾅｽ'],
    ['ヰヱヮヵヶ', 'ｲｴﾜｶｹ'],
    ['ゐゑゎゕゖゔ', 'ｲｴﾜｶｹｳﾞ'],
    ['ヷヸヹヺ', 'ﾜﾞｲﾞｴﾞｦﾞ'],
    ['ァィゥェォャュョッ', 'ｧｨｩｪｫｬｭｮｯ'],
    ['パピプペポ', 'ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ'],
    ['カ\u3099ハ\u309a', 'ｶﾞﾊﾟ'],
    ['か\u3099', 'ｶﾞ'],
    ['ｶﾞ', 'ｶﾞ'],
    ['ガーデン・パーク（カブ）', 'ｶﾞｰﾃﾞﾝ･ﾊﾟｰｸ(ｶﾌﾞ)'],
    ['「ヤマト」、。', '｢ﾔﾏﾄ｣､｡'],
    ['ＡＢＣ－１２３', 'ABC-123'],
    ['03−1234‐5678', '03-1234-5678'],
    ['\u00a0', ' '],
  ])('%s → %s', (input, expected) => {
    expect(toHalfwidthKatakana(input)).toEqual({ text: expected, unconverted: [] });
  });

  it('keeps and reports what has no half-width form, at its UTF-16 offset', () => {
    expect(toHalfwidthKatakana('𠮷田タロウ①￥〜😀')).toEqual({
      text: '𠮷田ﾀﾛｳ①￥〜😀',
      unconverted: [
        { index: 0, char: '𠮷' },
        { index: 2, char: '田' },
        { index: 6, char: '①' },
        { index: 7, char: '￥' },
        { index: 8, char: '〜' },
        { index: 9, char: '😀' },
      ],
    });
  });

  it('reports control characters, which a label field cannot take', () => {
    expect(toHalfwidthKatakana('ｱ\nｲ').unconverted).toEqual([{ index: 1, char: '\n' }]);
  });
});
