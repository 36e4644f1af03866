import { describe, expect, it } from 'vitest';
import { KANJI_VARIANTS } from './kanji-variant-table';
import {
  foldKanjiVariants,
  normalizeAddressKey,
  normalizeEmail,
  normalizeName,
  toHiragana,
} from './match-keys';

describe('toHiragana', () => {
  it.each([
    ['ヤマダ タロウ', 'やまだ たろう'],
    ['ヴィーナス', 'ゔぃーなす'],
    ['ヵヶヽヾ', 'ゕゖゝゞ'],
    ['ｶﾀｶﾅ', 'ｶﾀｶﾅ'],
    ['ヷ山田ABC', 'ヷ山田ABC'],
  ])('%s → %s', (input, expected) => {
    expect(toHiragana(input)).toBe(expected);
  });
});

describe('foldKanjiVariants', () => {
  it('folds old and variant forms, surrogate pairs included', () => {
    expect(foldKanjiVariants('髙橋 山﨑 𠮷田 渡邊 齋藤 濱田 德川 冨田 嶋 澤')).toBe(
      '高橋 山崎 吉田 渡辺 斎藤 浜田 徳川 富田 島 沢',
    );
  });

  it('takes a host table built on the default one', () => {
    expect(foldKanjiVariants('舘野 髙', { ...KANJI_VARIANTS, 舘: '館' })).toBe('館野 高');
    expect(foldKanjiVariants('髙', {})).toBe('髙');
  });
});

describe('normalizeName', () => {
  it.each([
    ['髙橋　ﾀﾛｳ', '高橋たろう'],
    ['高橋 タロウ', '高橋たろう'],
    ['高橋\u200bたろう', '高橋たろう'],
    ['山﨑 花子', '山崎花子'],
    ['𠮷田', '吉田'],
    ['ＹＡＭＡＤＡ Taro', 'yamadataro'],
    ['㈱ヤマダ商店', '(株)やまだ商店'],
    ['①', '1'],
    ['ガーデン', 'がーでん'],
    ['ｶﾞｰﾃﾞﾝ', 'がーでん'],
    ['か\u3099', 'が'],
    ['か ゛', 'が'],
    ['ヤマダ−タロウ', 'やまだ-たろう'],
    ['〜～', '~~'],
    ['￥¥', '¥¥'],
    ['田中😀', '田中😀'],
    ['葛\u{e0100}城', '葛城'],
    ['\u00a0山田\u3000花子\u00a0', '山田花子'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('normalizeAddressKey', () => {
  it('gives one key for the usual ways of writing one address', () => {
    const forms = [
      '東京都港区芝公園四丁目2番8号',
      '東京都港区芝公園４－２－８',
      '東京都 港区芝公園4の2の8',
      '東京都港区芝公園4丁目2-8',
      '東京都港区芝公園4ー2ー8',
      '東京都港区芝公園4−2−8',
      '東京都港区芝公園4‐2‐8',
      '東京都港区芝公園 四丁目 二番 八号',
    ];
    for (const form of forms) expect(normalizeAddressKey(form)).toBe('東京都港区芝公園4-2-8');
  });

  it.each([
    ['千代田区霞ケ関１－１', '千代田区霞が関1-1'],
    ['千代田区霞ヶ関1ー1', '千代田区霞が関1-1'],
    ['千代田区霞が関一丁目1番', '千代田区霞が関1-1'],
    ['世田谷区自由ヶ丘', '世田谷区自由が丘'],
    ['武蔵野市井之頭二丁目3番地の4', '武蔵野市井の頭2-3-4'],
    ['一ノ関', '一の関'],
    ['札幌市中央区北一条西二丁目', '札幌市中央区北1条西2'],
    ['札幌市中央区北1条西2丁目', '札幌市中央区北1条西2'],
    ['旭川市十条通二十三丁目', '旭川市10条通23'],
    ['第二〇号', '第20'],
    ['百五番地', '105'],
    ['千代田区一番町5番地 ABCビル101号室', '千代田区1番町5abcビル101号室'],
    ['1号棟 2番館', '1号棟2番館'],
    ['髙松市濵ノ町1-2', '高松市浜の町1-2'],
    ['ケーキハウス 1-2', 'ケーキハウス1-2'],
    ['コーポ1ー2', 'コーポ1-2'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAddressKey(input)).toBe(expected);
  });
});

describe('normalizeEmail', () => {
  it.each([
    [' Taro.Yamada＠Example.JP ', 'taro.yamada@example.jp'],
    ['ｔａｒｏ@example.jp\u200b', 'taro@example.jp'],
    ['　taro..@docomo.ne.jp　', 'taro..@docomo.ne.jp'],
    // A zero-width non-joiner between ヽ and a half-width ﾞ: removed before NFKC, so ヾ composes in one call.
    ['ヽ\u200cﾞ@example.jp', 'ヾ@example.jp'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});
