import { createIssue, type Issue, type IssuePath, normalizePostalCode } from '@hakobu/core';
import type { PostalDirectory, PostalEntry } from './directory';

/**
 * Renamed wards and cities (区の再編) that customers' saved addresses still use: old prefix → current prefix.
 * Default: 浜松市 reorganisation of 2024-01-01 (中・東・西・南区 → 中央区; 北区・浜北区 → 浜名区, though parts of
 * the old 北区 went to 中央区).
 */
export const DEFAULT_CITY_ALIASES: readonly (readonly [string, string])[] = [
  ['静岡県浜松市中区', '静岡県浜松市中央区'],
  ['静岡県浜松市東区', '静岡県浜松市中央区'],
  ['静岡県浜松市西区', '静岡県浜松市中央区'],
  ['静岡県浜松市南区', '静岡県浜松市中央区'],
  ['静岡県浜松市北区', '静岡県浜松市浜名区'],
  ['静岡県浜松市浜北区', '静岡県浜松市浜名区'],
];

const DIGITS: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function kanjiNumber(text: string): string {
  let total = 0;
  let current = 0;
  for (const char of text) {
    if (char === '十') {
      total += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else {
      current = current * 10 + (DIGITS[char] ?? 0);
    }
  }
  return String(total + current);
}

/**
 * The comparison key of an address (住所照合キー): NFKC, no spaces, ヶ/ヵ as ケ, dash variants as `-`, kanji
 * numerals as Arabic (北一条西 = 北1条西, 二十丁目 = 20丁目), 大字 dropped.
 *
 * @example
 * ```ts
 * addressKey('旭ヶ丘 二十一丁目１－２') === addressKey('旭ケ丘21丁目1-2'); // true
 * ```
 */
export function addressKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[ヶヵ]/g, 'ケ')
    .replace(/[‐‑‒–—―−－ｰ─━]/g, '-')
    .replace(/[〇一二三四五六七八九十]+/g, kanjiNumber)
    .replace(/大字/g, '');
}

function cityVariants(city: string): string[] {
  const variants = new Set([city]);
  const withoutCounty = city.replace(/^.+?郡/, '');
  if (withoutCounty !== city && withoutCounty.length >= 2) variants.add(withoutCounty);
  const withoutIsland = city.replace(/^.+?島(?=.+[町村]$)/, '');
  if (withoutIsland !== city && withoutIsland.length >= 2) variants.add(withoutIsland);
  return [...variants];
}

/** How far an address agrees with a postal code (一致の程度). */
export type PostalMatch = 'town' | 'city' | 'prefecture' | 'none';

/** The outcome of {@link checkPostalAddress}. */
export interface PostalCheck {
  /** The code read, 7 digits, or `''` when it cannot be read. */
  readonly postalCode: string;
  readonly exists: boolean;
  readonly match: PostalMatch;
  /** The code's own entries. */
  readonly entries: readonly PostalEntry[];
  /** Codes that fit the address better (or at all), best first, at most 10. */
  readonly suggestions: readonly PostalEntry[];
  readonly issues: Issue[];
}

/** Options of {@link checkPostalAddress}. */
export interface PostalCheckOptions {
  /** Old → new address prefixes tried when the address does not match as written. Default {@link DEFAULT_CITY_ALIASES}. */
  readonly cityAliases?: readonly (readonly [string, string])[];
  /** Where the issues point, e.g. `['shipments', 3, 'destination']`. */
  readonly path?: IssuePath;
  /** Who the address belongs to, for messages (e.g. `伝票1001-1のお届け先`). Default `住所`. */
  readonly subject?: string;
}

function matchLevel(address: string, entry: PostalEntry): PostalMatch {
  const prefecture = addressKey(entry.prefecture);
  if (!address.startsWith(prefecture)) return 'none';
  for (const city of cityVariants(entry.city)) {
    const cityKey = prefecture + addressKey(city);
    if (!address.startsWith(cityKey)) continue;
    if (entry.town === '' || address.startsWith(cityKey + addressKey(entry.town))) return 'town';
    return 'city';
  }
  return 'prefecture';
}

const RANK: Record<PostalMatch, number> = { town: 3, city: 2, prefecture: 1, none: 0 };

/** The entries whose place is the longest prefix of the address: the codes the address most likely has. */
function suggest(directory: PostalDirectory, prefecture: string, address: string): PostalEntry[] {
  const prefKey = addressKey(prefecture);
  if (!address.startsWith(prefKey)) return [];
  let bestCity: string | undefined;
  let bestCityLength = 0;
  for (const city of directory.cities(prefecture)) {
    for (const variant of cityVariants(city)) {
      const key = prefKey + addressKey(variant);
      if (address.startsWith(key) && key.length > bestCityLength) {
        bestCity = city;
        bestCityLength = key.length;
      }
    }
  }
  if (bestCity === undefined) return [];
  const rest = address.slice(bestCityLength);
  const entries = directory.entriesOfCity(prefecture, bestCity).filter((entry) => !entry.business);
  let best: PostalEntry[] = [];
  let bestLength = 0;
  for (const entry of entries) {
    if (entry.town === '') continue;
    const town = addressKey(entry.town);
    if (!rest.startsWith(town)) continue;
    if (town.length > bestLength) {
      best = [entry];
      bestLength = town.length;
    } else if (town.length === bestLength) {
      best.push(entry);
    }
  }
  if (best.length === 0) best = entries.filter((entry) => entry.town === '');
  const seen = new Set<string>();
  return best.filter((entry) => !seen.has(entry.postalCode) && seen.add(entry.postalCode)).slice(0, 10);
}

function describe(entries: readonly PostalEntry[]): string {
  return entries
    .slice(0, 3)
    .map((e) => `${e.postalCode.slice(0, 3)}-${e.postalCode.slice(3)}（${e.prefecture}${e.city}${e.town}）`)
    .join('、');
}

/**
 * Checks a postal code against an address (郵便番号と住所の照合): whether the code exists, how far the address
 * agrees with it (prefecture, city, town), and which codes fit the address. Handles 郡 and 島 left out of the
 * city (`余市町` for `余市郡余市町`), kanji vs Arabic numerals, ヶ/ケ, and renamed wards (浜松市中区 → 中央区).
 * Issues: `carrier.postal.invalid_code`, `carrier.postal.unknown_code` (errors), `carrier.postal.address_mismatch`
 * (warning, with suggestions), `carrier.postal.town_mismatch` (warning: city agrees, the town has its own code).
 *
 * @example
 * ```ts
 * const check = checkPostalAddress(directory, '100-0001', '東京都', '千代田区丸の内1-9-1');
 * check.match; // 'city'
 * check.suggestions[0]?.postalCode; // '1000005'
 * ```
 */
export function checkPostalAddress(
  directory: PostalDirectory,
  postalCode: string,
  prefecture: string,
  address: string,
  options: PostalCheckOptions = {},
): PostalCheck {
  const subject = options.subject ?? '住所';
  const path = options.path ?? [];
  const read = normalizePostalCode(postalCode, { path: [...path, 'postalCode'] });
  if (!read.ok) {
    return {
      postalCode: '',
      exists: false,
      match: 'none',
      entries: [],
      suggestions: [],
      issues: read.issues.map((issue) => ({
        ...issue,
        code: 'carrier.postal.invalid_code',
        message: `${subject}: ${issue.message}`,
      })),
    };
  }
  const code = read.value;
  let key = addressKey(`${prefecture}${address}`);
  const entries = directory.lookup(code);
  const levelOf = (text: string) =>
    entries.reduce<PostalMatch>((best, entry) => {
      const level = matchLevel(text, entry);
      return RANK[level] > RANK[best] ? level : best;
    }, 'none');
  let match = levelOf(key);
  if (match !== 'town') {
    for (const [from, to] of options.cityAliases ?? DEFAULT_CITY_ALIASES) {
      const fromKey = addressKey(from);
      if (!key.startsWith(fromKey)) continue;
      const aliased = addressKey(to) + key.slice(fromKey.length);
      const level = levelOf(aliased);
      if (RANK[level] >= RANK[match]) {
        key = aliased;
        match = level;
      }
      break;
    }
  }
  const issues: Issue[] = [];
  const data = { postalCode: code, prefecture, address };
  const suggestions =
    match === 'town' ? [] : suggest(directory, prefecture, key).filter((e) => e.postalCode !== code);
  const hint = suggestions.length > 0 ? `（候補: ${describe(suggestions)}）` : '';
  const where = `${code.slice(0, 3)}-${code.slice(3)}`;
  if (entries.length === 0) {
    issues.push(
      createIssue('carrier.postal.unknown_code', `${subject}の郵便番号${where}は存在しません${hint}`, {
        path: [...path, 'postalCode'],
        data: { ...data, suggestions: suggestions.map((e) => e.postalCode), dataDate: directory.dataDate },
      }),
    );
  } else if (match === 'none' || match === 'prefecture') {
    issues.push(
      createIssue(
        'carrier.postal.address_mismatch',
        `${subject}の郵便番号${where}（${describe(entries)}）と住所が一致しません${hint}`,
        {
          severity: 'warning',
          path: [...path, 'postalCode'],
          data: { ...data, match, suggestions: suggestions.map((e) => e.postalCode) },
        },
      ),
    );
  } else if (match === 'city' && suggestions.length > 0) {
    issues.push(
      createIssue(
        'carrier.postal.town_mismatch',
        `${subject}の郵便番号${where}は市区町村まで一致しますが、町域の郵便番号は別です${hint}`,
        {
          severity: 'warning',
          path: [...path, 'postalCode'],
          data: { ...data, match, suggestions: suggestions.map((e) => e.postalCode) },
        },
      ),
    );
  }
  return { postalCode: code, exists: entries.length > 0, match, entries, suggestions, issues };
}
