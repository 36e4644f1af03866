import { z } from 'zod';
import { toHiragana } from '../text/match-keys';

/** The 47 prefecture names (都道府県名) in JIS X 0401 order, as written in addresses. */
export const PREFECTURE_NAMES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const;

/** A prefecture name (都道府県名) exactly as in {@link PREFECTURE_NAMES}: `東京都`, `京都府`, `北海道`. */
export const PrefectureName = z.enum(PREFECTURE_NAMES);
/** @see {@link PrefectureName} */
export type PrefectureName = z.infer<typeof PrefectureName>;

/** One prefecture (都道府県) with its JIS X 0401 code. */
export const Prefecture = z.object({
  /** JIS X 0401 code, two digits: `'01'` 北海道 … `'13'` 東京都 … `'47'` 沖縄県. */
  code: z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/),
  /** Full name as written in addresses: `東京都`. */
  name: PrefectureName,
  /** Name without 都/府/県 (北海道 keeps its name): `東京`. */
  shortName: z.string().min(1),
  /** Reading in katakana (フリガナ): `トウキョウト`. */
  kana: z.string().min(1),
  /** Hepburn romanisation without macrons: `Tokyo`. */
  romaji: z.string().min(1),
});
/** @see {@link Prefecture} */
export type Prefecture = z.infer<typeof Prefecture>;

const KANA =
  'ホッカイドウ アオモリケン イワテケン ミヤギケン アキタケン ヤマガタケン フクシマケン イバラキケン トチギケン グンマケン サイタマケン チバケン トウキョウト カナガワケン ニイガタケン トヤマケン イシカワケン フクイケン ヤマナシケン ナガノケン ギフケン シズオカケン アイチケン ミエケン シガケン キョウトフ オオサカフ ヒョウゴケン ナラケン ワカヤマケン トットリケン シマネケン オカヤマケン ヒロシマケン ヤマグチケン トクシマケン カガワケン エヒメケン コウチケン フクオカケン サガケン ナガサキケン クマモトケン オオイタケン ミヤザキケン カゴシマケン オキナワケン'.split(
    ' ',
  );
const ROMAJI =
  'Hokkaido Aomori Iwate Miyagi Akita Yamagata Fukushima Ibaraki Tochigi Gunma Saitama Chiba Tokyo Kanagawa Niigata Toyama Ishikawa Fukui Yamanashi Nagano Gifu Shizuoka Aichi Mie Shiga Kyoto Osaka Hyogo Nara Wakayama Tottori Shimane Okayama Hiroshima Yamaguchi Tokushima Kagawa Ehime Kochi Fukuoka Saga Nagasaki Kumamoto Oita Miyazaki Kagoshima Okinawa'.split(
    ' ',
  );

/** The 47 prefectures (都道府県) in JIS X 0401 order, with codes, kana and romaji. */
export const PREFECTURES: readonly Prefecture[] = PREFECTURE_NAMES.map((name, i) => ({
  code: String(i + 1).padStart(2, '0'),
  name,
  shortName: name === '北海道' ? name : name.slice(0, -1),
  kana: KANA[i]!,
  romaji: ROMAJI[i]!,
}));

const byKey = new Map<string, Prefecture>();
for (const prefecture of PREFECTURES) {
  for (const key of [
    prefecture.code,
    prefecture.name,
    prefecture.shortName,
    prefecture.kana,
    toHiragana(prefecture.kana),
    prefecture.romaji.toLowerCase(),
  ]) {
    byKey.set(key, prefecture);
  }
}

/** `Tōkyō-to`, `TOKYO Prefecture`, `osaka-fu` → `tokyo`, `osaka`; ō/ou spellings are not guessed. */
function romajiKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/\s*prefecture$/u, '')
    .replace(/-(to|fu|ken)$/u, '');
}

/**
 * Finds a prefecture (都道府県) by any of the ways it is usually given: the full name (`東京都`), the name
 * without 都/府/県 (`東京`; `京都` is 京都府), the JIS X 0401 code as text or number (`'13'`, `'1'`, `13`),
 * the reading in katakana or hiragana (`トウキョウト`), or romaji, case-insensitive, with or without
 * macrons, `-to/-fu/-ken` or `Prefecture` (`Tokyo`, `Kyōto-fu`). Full-width input and surrounding spaces
 * are accepted. Returns `undefined` when nothing matches; it never guesses from a partial name.
 *
 * @example
 * ```ts
 * findPrefecture('東京')?.code; // '13'
 * findPrefecture(26)?.name; // '京都府'
 * findPrefecture('Hokkaido')?.name; // '北海道'
 * ```
 */
export function findPrefecture(nameOrCode: string | number): Prefecture | undefined {
  if (typeof nameOrCode === 'number') {
    return Number.isInteger(nameOrCode) ? PREFECTURES[nameOrCode - 1] : undefined;
  }
  const key = nameOrCode.normalize('NFKC').trim();
  const code = /^\d{1,2}$/u.test(key) ? key.padStart(2, '0') : key;
  return byKey.get(code) ?? byKey.get(romajiKey(key));
}
