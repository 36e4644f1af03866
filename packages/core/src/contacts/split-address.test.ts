import { describe, expect, it } from 'vitest';
import { splitAddress } from './split-address';

describe('splitAddress', () => {
  it.each([
    ['東京都港区芝公園4-2-8', '東京都', '港区', '芝公園4-2-8'],
    ['東京都千代田区千代田1-1', '東京都', '千代田区', '千代田1-1'],
    [
      '京都府京都市中京区寺町通御池上る上本能寺前町488',
      '京都府',
      '京都市中京区',
      '寺町通御池上る上本能寺前町488',
    ],
    ['神奈川県横浜市中区日本大通1', '神奈川県', '横浜市中区', '日本大通1'],
    ['北海道札幌市中央区北1条西2丁目', '北海道', '札幌市中央区', '北1条西2丁目'],
    ['静岡県浜松市中央区元城町103-2', '静岡県', '浜松市中央区', '元城町103-2'],
    ['大阪府堺市堺区南瓦町3-1', '大阪府', '堺市堺区', '南瓦町3-1'],
    ['埼玉県さいたま市浦和区常盤6-4-4', '埼玉県', 'さいたま市浦和区', '常盤6-4-4'],
    ['福岡県北九州市八幡西区黒崎3-15-3', '福岡県', '北九州市八幡西区', '黒崎3-15-3'],
    ['北海道余市郡余市町黒川町1-1', '北海道', '余市郡余市町', '黒川町1-1'],
    ['奈良県高市郡明日香村岡55', '奈良県', '高市郡明日香村', '岡55'],
    ['長野県北佐久郡軽井沢町軽井沢1323', '長野県', '北佐久郡軽井沢町', '軽井沢1323'],
    ['山形県西村山郡河北町谷地戊81', '山形県', '西村山郡河北町', '谷地戊81'],
    ['宮城県柴田郡村田町村田字迫6', '宮城県', '柴田郡村田町', '村田字迫6'],
    ['群馬県佐波郡玉村町下新田201', '群馬県', '佐波郡玉村町', '下新田201'],
    ['富山県中新川郡上市町法音寺1', '富山県', '中新川郡上市町', '法音寺1'],
    ['沖縄県島尻郡渡嘉敷村渡嘉敷183', '沖縄県', '島尻郡渡嘉敷村', '渡嘉敷183'],
    ['東京都西多摩郡檜原村467-1', '東京都', '西多摩郡檜原村', '467-1'],
    ['三重県四日市市諏訪町1-5', '三重県', '四日市市', '諏訪町1-5'],
    ['広島県廿日市市下平良1丁目11-1', '広島県', '廿日市市', '下平良1丁目11-1'],
    ['石川県野々市市三納1-1', '石川県', '野々市市', '三納1-1'],
    ['千葉県市川市八幡1-1-1', '千葉県', '市川市', '八幡1-1-1'],
    ['千葉県市川市市川1-1', '千葉県', '市川市', '市川1-1'],
    ['千葉県市原市国分寺台中央1-1-1', '千葉県', '市原市', '国分寺台中央1-1-1'],
    ['奈良県大和郡山市北郡山町248-4', '奈良県', '大和郡山市', '北郡山町248-4'],
    ['福島県郡山市朝日1-23-7', '福島県', '郡山市', '朝日1-23-7'],
    ['福岡県小郡市小郡255-1', '福岡県', '小郡市', '小郡255-1'],
    ['東京都町田市森野2-2-22', '東京都', '町田市', '森野2-2-22'],
    ['新潟県十日町市千歳町3-3', '新潟県', '十日町市', '千歳町3-3'],
    ['東京都東村山市本町1-2-3', '東京都', '東村山市', '本町1-2-3'],
    ['東京都武蔵村山市本町1-1-1', '東京都', '武蔵村山市', '本町1-1-1'],
    ['長崎県大村市玖島1-25', '長崎県', '大村市', '玖島1-25'],
    ['鹿児島県いちき串木野市昭和通133-1', '鹿児島県', 'いちき串木野市', '昭和通133-1'],
    ['東京都大島町元町1-1-14', '東京都', '大島町', '元町1-1-14'],
    ['東京都　港区　芝公園４－２－８　ABCビル 101号室', '東京都', '港区', '芝公園４－２－８ ABCビル 101号室'],
  ])('%s', (line, prefecture, city, rest) => {
    expect(splitAddress(line)).toEqual({ ok: true, value: { prefecture, city, rest }, issues: [] });
  });

  it('takes a leading postal code off the line', () => {
    expect(splitAddress('〒105-0011 東京都港区芝公園4-2-8')).toEqual({
      ok: true,
      value: { postalCode: '1050011', prefecture: '東京都', city: '港区', rest: '芝公園4-2-8' },
      issues: [],
    });
    for (const line of [
      '１０５－００１１　東京都港区芝公園',
      '1050011東京都港区芝公園',
      '〒105ー0011東京都港区芝公園',
    ]) {
      const result = splitAddress(line);
      expect(result.ok && result.value).toEqual({
        postalCode: '1050011',
        prefecture: '東京都',
        city: '港区',
        rest: '芝公園',
      });
    }
    const notPostal = splitAddress('12345678 東京都港区芝公園');
    expect(notPostal.ok).toBe(false);
  });

  it('infers the prefecture from a 23-ward name or a 政令指定都市, and says so', () => {
    const tokyo = splitAddress('港区芝公園4-2-8', { path: ['destination', 'address'] });
    expect(tokyo.ok && tokyo.value).toEqual({ prefecture: '東京都', city: '港区', rest: '芝公園4-2-8' });
    expect(tokyo.issues).toEqual([
      {
        code: 'contacts.address_prefecture_inferred',
        severity: 'info',
        message: '住所「港区芝公園4-2-8」の都道府県を「東京都」と補いました',
        path: ['destination', 'address'],
        data: { input: '港区芝公園4-2-8' },
      },
    ]);
    const yokohama = splitAddress('横浜市中区山下町1');
    expect(yokohama.ok && yokohama.value).toEqual({
      prefecture: '神奈川県',
      city: '横浜市中区',
      rest: '山下町1',
    });
    const yokkaichi = splitAddress('四日市市諏訪町1-5');
    expect(yokkaichi.ok && yokkaichi.value).toMatchObject({ prefecture: '三重県', city: '四日市市' });
  });

  it('splits a line without prefecture and warns when the prefecture cannot be known', () => {
    const result = splitAddress('市川市八幡1-1-1');
    expect(result.ok && result.value).toEqual({ city: '市川市', rest: '八幡1-1-1' });
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ['contacts.address_prefecture_missing', 'warning'],
    ]);
  });

  it('warns when the city belongs to another prefecture than the one written', () => {
    const result = splitAddress('東京都横浜市中区日本大通1');
    expect(result.ok && result.value).toMatchObject({ prefecture: '東京都', city: '横浜市中区' });
    expect(result.issues.map((i) => i.code)).toEqual(['contacts.address_prefecture_mismatch']);
    expect(result.issues[0]?.message).toBe(
      '住所「東京都横浜市中区日本大通1」の「横浜市中区」は神奈川県の市区町村で、「東京都」と合いません',
    );
  });

  it('warns when nothing follows the city', () => {
    const result = splitAddress('京都府京都市東山区');
    expect(result.ok && result.value).toEqual({ prefecture: '京都府', city: '京都市東山区', rest: '' });
    expect(result.issues.map((i) => i.code)).toEqual(['contacts.address_street_missing']);
  });

  it.each([
    ['', 'contacts.address_empty', '住所が空です'],
    ['　 ', 'contacts.address_empty', '住所が空です'],
    ['芝公園4-2-8', 'contacts.address_city_not_found', '住所「芝公園4-2-8」から市区町村を読み取れません'],
    ['東京都', 'contacts.address_city_not_found', '住所「東京都」から市区町村を読み取れません'],
    [
      '大阪府北区梅田1-1',
      'contacts.address_city_not_found',
      '住所「大阪府北区梅田1-1」から市区町村を読み取れません',
    ],
  ])('fails on %j', (line, code, message) => {
    expect(splitAddress(line)).toEqual({
      ok: false,
      issues: [{ code, severity: 'error', message, data: { input: line } }],
    });
  });
});
