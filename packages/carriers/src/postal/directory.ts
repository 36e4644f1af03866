import { HakobuError } from '@hakobu/core';

/** One row of the postal directory (郵便番号簿): a 7-digit code and the place it covers. */
export interface PostalEntry {
  readonly postalCode: string;
  readonly prefecture: string;
  /** 市区町村, with 郡 or 政令指定都市 ward as Japan Post writes it (`余市郡余市町`, `浜松市中央区`). */
  readonly city: string;
  /** 町域 as an address starts with it (notes in （…） cut); `''` for a code covering the rest of the city. */
  readonly town: string;
  /** A 大口事業所 (large business office) individual code. */
  readonly business: boolean;
}

/**
 * The postal directory port (郵便番号簿): lookups a postal-code check needs. {@link loadJapanPostDirectory} gives
 * the bundled Japan Post data; {@link createPostalDirectory} builds one from any entries; a host may plug in its
 * own (a database table, a newer file) and test it with `postalDirectoryChecks` from `@hakobu/carriers/testing`.
 */
export interface PostalDirectory {
  /** Data date of the source (データ日付), `YYYY-MM-DD`. */
  readonly dataDate: string;
  /** Every entry of a 7-digit code; empty when the code does not exist. */
  lookup(postalCode: string): readonly PostalEntry[];
  /** 市区町村 names of a prefecture. */
  cities(prefecture: string): readonly string[];
  /** Every entry of one municipality. */
  entriesOfCity(prefecture: string, city: string): readonly PostalEntry[];
}

/**
 * Builds an in-memory {@link PostalDirectory} from entries (郵便番号簿の作成).
 *
 * @example
 * ```ts
 * const directory = createPostalDirectory(
 *   [{ postalCode: '1000005', prefecture: '東京都', city: '千代田区', town: '丸の内', business: false }],
 *   '2026-05-26',
 * );
 * directory.lookup('1000005')[0]?.town; // '丸の内'
 * ```
 */
export function createPostalDirectory(entries: Iterable<PostalEntry>, dataDate: string): PostalDirectory {
  const byCode = new Map<string, PostalEntry[]>();
  const byCity = new Map<string, PostalEntry[]>();
  const citiesOf = new Map<string, string[]>();
  let lastPrefecture = '';
  let lastCity = '';
  let lastList: PostalEntry[] | undefined;
  for (const entry of entries) {
    if (!/^\d{7}$/.test(entry.postalCode)) {
      throw new HakobuError(
        'carrier.postal.invalid_entry',
        `postal entry ${entry.postalCode} is not 7 digits`,
      );
    }
    const list = byCode.get(entry.postalCode);
    if (list === undefined) byCode.set(entry.postalCode, [entry]);
    else list.push(entry);
    if (entry.prefecture === lastPrefecture && entry.city === lastCity && lastList !== undefined) {
      lastList.push(entry);
      continue;
    }
    const cityKey = `${entry.prefecture}\u0000${entry.city}`;
    const cityList = byCity.get(cityKey);
    lastPrefecture = entry.prefecture;
    lastCity = entry.city;
    lastList = cityList;
    if (cityList === undefined) {
      lastList = [entry];
      byCity.set(cityKey, lastList);
      const names = citiesOf.get(entry.prefecture) ?? [];
      names.push(entry.city);
      citiesOf.set(entry.prefecture, names);
    } else {
      cityList.push(entry);
    }
  }
  return {
    dataDate,
    lookup: (postalCode) => byCode.get(postalCode) ?? [],
    cities: (prefecture) => citiesOf.get(prefecture) ?? [],
    entriesOfCity: (prefecture, city) => byCity.get(`${prefecture}\u0000${city}`) ?? [],
  };
}

/**
 * Reads the compact text table written by `scripts/build-postal-data.mjs` (郵便番号簿データの読込): a header line,
 * `C` lines for municipalities, then `code<TAB>city index<TAB>town[<TAB>B]` rows.
 *
 * @example
 * ```ts
 * const directory = parsePostalTable('hakobu-postal\t1\t2026-05-22\t2026-05-26\nC\t13101\t東京都\t千代田区\n1000005\t0\t丸の内');
 * directory.lookup('1000005').length; // 1
 * ```
 */
export function parsePostalTable(text: string): PostalDirectory {
  const lines = text.split('\n');
  const head = (lines[0] ?? '').split('\t');
  if (head[0] !== 'hakobu-postal' || head[1] !== '1') {
    throw new HakobuError('carrier.postal.bad_table', 'not a hakobu postal table (version 1)');
  }
  const cities: { prefecture: string; city: string }[] = [];
  const entries: PostalEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]!.split('\t');
    if (fields[0] === 'C') {
      cities.push({ prefecture: fields[2] ?? '', city: fields[3] ?? '' });
      continue;
    }
    const city = cities[Number(fields[1])];
    if (city === undefined) continue;
    entries.push({
      postalCode: fields[0] ?? '',
      prefecture: city.prefecture,
      city: city.city,
      town: fields[2] ?? '',
      business: fields[3] === 'B',
    });
  }
  return createPostalDirectory(entries, head[2] ?? '');
}

let bundled: Promise<PostalDirectory> | undefined;

async function gunzip(base64: string): Promise<string> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/**
 * Loads the postal directory bundled with the package (同梱の郵便番号簿): Japan Post's KEN_ALL (residential codes)
 * and JIGYOSYO (大口事業所) as of their data dates (`JAPANPOST_KEN_ALL_DATE`), about 146,000 rows, ≈1 MB gzip
 * inside the package, loaded on first call (a separate chunk) and shared afterwards. Works in Node ≥ 20 and
 * browsers (uses `DecompressionStream`).
 *
 * @example
 * ```ts
 * const directory = await loadJapanPostDirectory();
 * directory.lookup('4300929')[0]; // { prefecture: '静岡県', city: '浜松市中央区', town: '中央', … }
 * ```
 */
export function loadJapanPostDirectory(): Promise<PostalDirectory> {
  bundled ??= import('./japanpost-data.generated').then(async (data) =>
    parsePostalTable(await gunzip(data.JAPANPOST_DATA_GZIP_BASE64)),
  );
  return bundled;
}
