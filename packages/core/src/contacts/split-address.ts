import { createIssue, fail, type Issue, type IssuePath, ok, type Result } from '../result';
import { normalizePostalCode } from '../text/postal-code';
import { foldSpaces } from '../text/spaces-dashes';
import { PREFECTURE_NAMES, type PrefectureName } from './prefectures';

/** A one-line address split by {@link splitAddress}. Text is kept as entered (spaces folded). */
export interface SplitAddress {
  /** 郵便番号, 7 digits, when the line started with one (`〒105-0011 …`). */
  readonly postalCode?: string;
  /** 都道府県, when written or inferred from an unambiguous city. */
  readonly prefecture?: PrefectureName;
  /** 市区町村, with 郡 and 政令指定都市 ward (`横浜市中区`, `余市郡余市町`). */
  readonly city: string;
  /** Everything after the city: 町域・番地 and building, as written. */
  readonly rest: string;
}

/** The 20 政令指定都市, whose wards belong in the city field, with their prefectures. */
const DESIGNATED_CITIES: ReadonlyMap<string, PrefectureName> = new Map([
  ['札幌市', '北海道'],
  ['仙台市', '宮城県'],
  ['さいたま市', '埼玉県'],
  ['千葉市', '千葉県'],
  ['横浜市', '神奈川県'],
  ['川崎市', '神奈川県'],
  ['相模原市', '神奈川県'],
  ['新潟市', '新潟県'],
  ['静岡市', '静岡県'],
  ['浜松市', '静岡県'],
  ['名古屋市', '愛知県'],
  ['京都市', '京都府'],
  ['大阪市', '大阪府'],
  ['堺市', '大阪府'],
  ['神戸市', '兵庫県'],
  ['岡山市', '岡山県'],
  ['広島市', '広島県'],
  ['北九州市', '福岡県'],
  ['福岡市', '福岡県'],
  ['熊本市', '熊本県'],
]);

const TOKYO_WARDS =
  '千代田区 中央区 港区 新宿区 文京区 台東区 墨田区 江東区 品川区 目黒区 大田区 世田谷区 渋谷区 中野区 杉並区 豊島区 北区 荒川区 板橋区 練馬区 足立区 葛飾区 江戸川区'.split(
    ' ',
  );

/** Cities ending in 市市, which the shortest-match rule would cut one 市 early. */
const CITIES_ENDING_IN_SHI: ReadonlyMap<string, PrefectureName> = new Map([
  ['四日市市', '三重県'],
  ['廿日市市', '広島県'],
  ['野々市市', '石川県'],
]);
/** 郡 whose names contain 市. */
const DISTRICTS_WITH_SHI = ['余市郡', '高市郡'];
/** Towns whose names contain 市, or 町/村 before their last character. */
const TOWNS_WITH_TRAPS = ['市川三郷町', '余市町', '上市町', '下市町', '市貝町', '玉村町', '大町町'];

const GENERIC_DISTRICT = /^[^\s\d市区郡]{1,6}?郡/u;
const GENERIC_TOWN = /^[^\s\d市区郡][^\s\d市区郡]{0,5}?[町村]/u;
const GENERIC_CITY = /^[^\s\d][^\s\d]{0,6}?市/u;
const WARD = /^[^\s\d]{1,4}?区/u;
const LEADING_POSTAL_CODE = /^〒?\s*([0-9０-９]{3}[-－ー−‐]?[0-9０-９]{4})(?![0-9０-９])\s*/u;
const PREFECTURES_LONGEST_FIRST = [...PREFECTURE_NAMES].sort((a, b) => b.length - a.length);

interface CityMatch {
  city: string;
  /** The prefecture the city name alone implies, when it is unambiguous. */
  impliedPrefecture?: PrefectureName;
}

function startsWithAny(text: string, names: readonly string[]): string | undefined {
  return names.find((name) => text.startsWith(name));
}

function matchDesignatedCity(text: string): CityMatch | undefined {
  const city = startsWithAny(text, [...DESIGNATED_CITIES.keys()]);
  if (city === undefined) return undefined;
  const ward = WARD.exec(text.slice(city.length))?.[0] ?? '';
  return { city: city + ward, impliedPrefecture: DESIGNATED_CITIES.get(city)! };
}

function matchDistrictTown(text: string): CityMatch | undefined {
  const district = startsWithAny(text, DISTRICTS_WITH_SHI) ?? GENERIC_DISTRICT.exec(text)?.[0];
  if (district === undefined) return undefined;
  const town = matchTown(text.slice(district.length));
  return town === undefined ? undefined : { city: district + town };
}

function matchTown(text: string): string | undefined {
  return startsWithAny(text, TOWNS_WITH_TRAPS) ?? GENERIC_TOWN.exec(text)?.[0];
}

/** Tries the traps first, then the general shapes: 政令市+区, 23区, 郡+町村, 市, 町村. */
function matchCity(text: string, prefecture: PrefectureName | undefined): CityMatch | undefined {
  const shiShi = startsWithAny(text, [...CITIES_ENDING_IN_SHI.keys()]);
  if (shiShi !== undefined) return { city: shiShi, impliedPrefecture: CITIES_ENDING_IN_SHI.get(shiShi)! };
  const designated = matchDesignatedCity(text);
  if (designated !== undefined) return designated;
  if (prefecture === undefined || prefecture === '東京都') {
    const ward = startsWithAny(text, TOKYO_WARDS);
    if (ward !== undefined) return { city: ward, impliedPrefecture: '東京都' };
  }
  const city =
    matchDistrictTown(text)?.city ?? startsWithAny(text, TOWNS_WITH_TRAPS) ?? GENERIC_CITY.exec(text)?.[0];
  if (city !== undefined) return { city };
  const town = GENERIC_TOWN.exec(text)?.[0];
  return town === undefined ? undefined : { city: town };
}

/**
 * Splits a one-line address (住所1行) into prefecture (都道府県), city (市区町村) and the rest (町域・番地・
 * 建物), keeping the text as written (spaces folded). Handles a leading `〒` postal code, 京都府 vs 東京都
 * (whole prefecture names, longest first), lines without the prefecture, 郡 (`北海道余市郡余市町…` → city
 * `余市郡余市町`), 政令指定都市 wards (`横浜市中区`), the 23 wards of Tokyo, and city names that contain
 * 市, 町, 村 or 郡 (`四日市市`, `廿日市市`, `市川市`, `野々市市`, `大和郡山市`, `十日町市`, `玉村町`).
 *
 * It works from the shape of names plus short exception lists, not from a municipality directory: a
 * town written without its 郡 whose 町域 contains 市 within a few characters can be misread. Check the
 * result against the postal code directory when one is available.
 *
 * Issues: `contacts.address_empty` and `contacts.address_city_not_found` (errors, the call fails);
 * `contacts.address_prefecture_missing` (warning), `contacts.address_prefecture_inferred` (info, from a
 * 政令指定都市, a 23-ward name or a `…市市` city), `contacts.address_prefecture_mismatch` (warning: the
 * city belongs to another prefecture) and `contacts.address_street_missing` (warning).
 *
 * @example
 * ```ts
 * splitAddress('神奈川県横浜市中区日本大通1');
 * // { ok: true, value: { prefecture: '神奈川県', city: '横浜市中区', rest: '日本大通1' }, issues: [] }
 * splitAddress('〒105-0011 港区芝公園4-2-8');
 * // { ok: true, value: { postalCode: '1050011', prefecture: '東京都', city: '港区', rest: '芝公園4-2-8' },
 * //   issues: [{ code: 'contacts.address_prefecture_inferred', severity: 'info', … }] }
 * ```
 */
export function splitAddress(oneLine: string, details: { path?: IssuePath } = {}): Result<SplitAddress> {
  const issue = (code: string, message: string, severity: Issue['severity'] = 'error') =>
    createIssue(code, message, { ...details, severity, data: { input: oneLine } });
  let text = foldSpaces(oneLine);
  if (text === '') return fail([issue('contacts.address_empty', '住所が空です')]);

  const postal = LEADING_POSTAL_CODE.exec(text);
  const postalCode = postal === null ? undefined : normalizePostalCode(postal[1]!);
  if (postal !== null && postalCode?.ok === true) text = text.slice(postal[0].length);

  const written = PREFECTURES_LONGEST_FIRST.find((name) => text.startsWith(name));
  if (written !== undefined) text = text.slice(written.length).trimStart();

  const match = matchCity(text, written);
  if (match === undefined) {
    return fail([issue('contacts.address_city_not_found', `住所「${oneLine}」から市区町村を読み取れません`)]);
  }
  const issues: Issue[] = [];
  const implied = match.impliedPrefecture;
  if (written === undefined && implied !== undefined) {
    issues.push(
      issue(
        'contacts.address_prefecture_inferred',
        `住所「${oneLine}」の都道府県を「${implied}」と補いました`,
        'info',
      ),
    );
  } else if (written === undefined) {
    issues.push(
      issue('contacts.address_prefecture_missing', `住所「${oneLine}」に都道府県がありません`, 'warning'),
    );
  } else if (implied !== undefined && implied !== written) {
    issues.push(
      issue(
        'contacts.address_prefecture_mismatch',
        `住所「${oneLine}」の「${match.city}」は${implied}の市区町村で、「${written}」と合いません`,
        'warning',
      ),
    );
  }
  const rest = text.slice(match.city.length).trimStart();
  if (rest === '') {
    issues.push(
      issue('contacts.address_street_missing', `住所「${oneLine}」に町域・番地がありません`, 'warning'),
    );
  }
  const prefecture = written ?? implied;
  return ok(
    {
      ...(postalCode?.ok === true ? { postalCode: postalCode.value } : {}),
      ...(prefecture === undefined ? {} : { prefecture }),
      city: match.city,
      rest,
    },
    issues,
  );
}
