import { describe, expect, it } from 'vitest';
import { findPrefecture, PREFECTURE_NAMES, PREFECTURES, Prefecture } from './prefectures';

describe('PREFECTURES', () => {
  it('lists the 47 prefectures in JIS X 0401 order, each valid against the schema', () => {
    expect(PREFECTURES).toHaveLength(47);
    PREFECTURES.forEach((prefecture, i) => {
      expect(Prefecture.parse(prefecture)).toEqual(prefecture);
      expect(prefecture.code).toBe(String(i + 1).padStart(2, '0'));
      expect(prefecture.name).toBe(PREFECTURE_NAMES[i]);
    });
    expect(PREFECTURES.map((p) => `${p.code}${p.name}`)).toEqual(
      expect.arrayContaining(['01北海道', '13東京都', '26京都府', '27大阪府', '47沖縄県']),
    );
  });

  it('has a distinct name, short name, kana and romaji for each', () => {
    for (const field of ['name', 'shortName', 'kana', 'romaji'] as const) {
      expect(new Set(PREFECTURES.map((p) => p[field])).size).toBe(47);
    }
    expect(PREFECTURES[12]).toEqual({
      code: '13',
      name: '東京都',
      shortName: '東京',
      kana: 'トウキョウト',
      romaji: 'Tokyo',
    });
    expect(PREFECTURES[0]).toMatchObject({ shortName: '北海道', kana: 'ホッカイドウ' });
  });
});

describe('findPrefecture', () => {
  it.each([
    ['東京都', '13'],
    ['東京', '13'],
    ['京都', '26'],
    ['京都府', '26'],
    ['13', '13'],
    ['１３', '13'],
    ['1', '01'],
    ['01', '01'],
    ['北海道', '01'],
    ['トウキョウト', '13'],
    ['とうきょうと', '13'],
    ['Tokyo', '13'],
    ['TOKYO', '13'],
    ['Tōkyō-to', '13'],
    ['Kyōto-fu', '26'],
    ['Hyogo Prefecture', '28'],
    [' 沖縄県 ', '47'],
  ])('%j → %s', (input, code) => {
    expect(findPrefecture(input)?.code).toBe(code);
  });

  it('takes codes as numbers', () => {
    expect(findPrefecture(13)?.name).toBe('東京都');
    expect(findPrefecture(47)?.name).toBe('沖縄県');
  });

  it.each([[0], [48], [1.5], ['48'], ['00'], ['東'], ['都'], ['Tokio'], ['']])(
    'finds nothing for %j',
    (input) => {
      expect(findPrefecture(input)).toBeUndefined();
    },
  );
});
