import { foldWidth, formatYen, HakobuError, normalizeNumericDashes, YenStyle } from '@hakobu/core';
import { z } from 'zod';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/**
 * How {@link formatJapanDate} writes a date (日付書式): `long` 2026年11月28日(土), `md` 11月28日(土),
 * `short` 11/28, `slash` 2026/11/28, `datetime` 2026年11月28日(土) 10:00, `time` 10:00, `weekday` 土.
 */
export const JapanDateStyle = z.enum(['long', 'md', 'short', 'slash', 'datetime', 'time', 'weekday']);
/** @see {@link JapanDateStyle} */
export type JapanDateStyle = z.infer<typeof JapanDateStyle>;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: string;
  readonly time?: string;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

// Filters run once per value per message, so dates are read with Date.UTC arithmetic here rather than
// through zod schemas: the same rules (real dates only, Japan time = UTC+9 without DST) at a fraction of the cost.
function partsOf(value: string): DateParts {
  const plain = PLAIN_DATE.exec(value);
  if (plain !== null) {
    const [year, month, day] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return { year, month, day, weekday: WEEKDAYS[date.getUTCDay()] ?? '' };
    }
  } else if (INSTANT.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) {
      const japan = new Date(ms + JST_OFFSET_MS);
      const time = `${String(japan.getUTCHours()).padStart(2, '0')}:${String(japan.getUTCMinutes()).padStart(2, '0')}`;
      return {
        year: japan.getUTCFullYear(),
        month: japan.getUTCMonth() + 1,
        day: japan.getUTCDate(),
        weekday: WEEKDAYS[japan.getUTCDay()] ?? '',
        time,
      };
    }
  }
  throw new HakobuError('mail.date_invalid', `「${value}」は日付として読めません`);
}

/**
 * Writes a date or an instant in Japan time (日本時間の日付表記). A `YYYY-MM-DD` date is taken as is; an
 * ISO instant is converted to Japan time first, whatever zone the host runs in. Empty input gives `''`
 * so that `| default: '指定なし'` works on absent dates.
 *
 * @throws `HakobuError` `mail.date_invalid` for text that is neither.
 * @example
 * ```ts
 * formatJapanDate('2026-11-28'); // '2026年11月28日(土)'
 * formatJapanDate('2026-11-28T01:00:00Z', 'datetime'); // '2026年11月28日(土) 10:00'
 * formatJapanDate('2026-11-28', 'short'); // '11/28'
 * ```
 */
export function formatJapanDate(value: string | null | undefined, style: JapanDateStyle = 'long'): string {
  if (value === null || value === undefined || value === '') return '';
  const { year, month, day, weekday, time } = partsOf(value);
  switch (style) {
    case 'long':
      return `${year}年${month}月${day}日(${weekday})`;
    case 'md':
      return `${month}月${day}日(${weekday})`;
    case 'short':
      return `${month}/${day}`;
    case 'slash':
      return `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
    case 'datetime':
      return `${year}年${month}月${day}日(${weekday})${time === undefined ? '' : ` ${time}`}`;
    case 'time':
      return time ?? '';
    case 'weekday':
      return weekday;
  }
}

const ERAS = [
  { name: '令和', start: '2019-05-01', firstYear: 2019 },
  { name: '平成', start: '1989-01-08', firstYear: 1989 },
  { name: '昭和', start: '1926-12-25', firstYear: 1926 },
  { name: '大正', start: '1912-07-30', firstYear: 1912 },
  { name: '明治', start: '1873-01-01', firstYear: 1868 },
] as const;

/**
 * Writes a date in the Japanese era calendar (和暦): `令和8年11月28日`, or only the year (`令和8年`) with
 * `year`. The first year of an era reads 元年 (令和元年). Dates before 1873 (the solar calendar) are refused.
 *
 * @throws `HakobuError` `mail.date_invalid` for unreadable text or a date before 1873.
 * @example
 * ```ts
 * formatWareki('2026-11-28'); // '令和8年11月28日'
 * formatWareki('2019-05-01', 'year'); // '令和元年'
 * ```
 */
export function formatWareki(value: string | null | undefined, style: 'date' | 'year' = 'date'): string {
  if (value === null || value === undefined || value === '') return '';
  const { year, month, day } = partsOf(value);
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const era = ERAS.find((candidate) => iso >= candidate.start);
  if (era === undefined) {
    throw new HakobuError('mail.date_invalid', `「${value}」は和暦で表せない日付です`);
  }
  const eraYear = year - era.firstYear + 1;
  const yearText = `${era.name}${eraYear === 1 ? '元' : eraYear}年`;
  return style === 'year' ? yearText : `${yearText}${month}月${day}日`;
}

/**
 * Writes integer yen (金額) as `¥1,234` (default) or `1,234円` (`suffix`) or `1,234` (`plain`):
 * `formatYen` of `@hakobu/core`, with empty output for an absent amount.
 *
 * @example
 * ```ts
 * formatMailYen(1234); // '¥1,234'
 * formatMailYen(1234, 'suffix'); // '1,234円'
 * ```
 */
export function formatMailYen(amount: number | null | undefined, style: YenStyle = 'symbol'): string {
  if (amount === null || amount === undefined) return '';
  if (!YEN_STYLES.has(style))
    throw new HakobuError('mail.yen_style', `金額の書式「${String(style)}」はありません`);
  return formatYen(amount, { style });
}

const YEN_STYLES: ReadonlySet<string> = new Set(YenStyle.options);

/**
 * Converts to full width (全角) for printed documents: ASCII letters, digits and symbols to U+FF01–U+FF5E,
 * space to the ideographic space, half-width katakana to full width.
 *
 * @example
 * ```ts
 * toFullwidth('ABC-123 ｶﾞ'); // 'ＡＢＣ－１２３　ガ'
 * ```
 */
export function toFullwidth(value: string): string {
  let out = '';
  for (const ch of foldWidth(value)) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x20) out += '\u3000';
    else if (code > 0x20 && code < 0x7f) out += String.fromCodePoint(code + 0xfee0);
    else out += ch;
  }
  return out;
}

/**
 * Converts to half width (半角) the way staff expect: full-width ASCII to ASCII, half-width katakana to
 * full width (so kana never breaks in mail clients): `foldWidth` of `@hakobu/core`.
 *
 * @example
 * ```ts
 * toHalfwidth('ＡＢＣ１２３'); // 'ABC123'
 * ```
 */
export function toHalfwidth(value: string): string {
  return foldWidth(value);
}

const MOBILE_PREFIX = /^0[5-9]0/;

/**
 * Writes a Japanese phone number with hyphens (電話番号の表記). Numbers entered with hyphens keep their
 * grouping (dashes unified to `-`). Without hyphens, the groupings that are unambiguous are applied:
 * mobile and IP (090/080/070/060/050, 3-4-4), 0120/0570 (4-3-3), 0800 (4-3-4) and Tokyo/Osaka (03/06,
 * 2-4-4). Other fixed lines are returned as entered, because the area-code length (2–5 digits) needs the
 * full numbering-plan table, which is not bundled.
 *
 * @example
 * ```ts
 * formatPhone('09012345678'); // '090-1234-5678'
 * formatPhone('0312345678'); // '03-1234-5678'
 * formatPhone('０４５－１２３－４５６７'); // '045-123-4567'
 * ```
 */
export function formatPhone(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const folded = normalizeNumericDashes(foldWidth(value)).trim();
  if (/^[\d-]+$/.test(folded) && folded.includes('-')) return folded.replace(/-+/g, '-');
  const digits = folded.replace(/[\s()]/g, '');
  if (!/^\d+$/.test(digits)) return value;
  const group = (...sizes: number[]): string => {
    const parts: string[] = [];
    let at = 0;
    for (const size of sizes) {
      parts.push(digits.slice(at, at + size));
      at += size;
    }
    return parts.join('-');
  };
  if (digits.length === 11 && digits.startsWith('0800')) return group(4, 3, 4);
  if (digits.length === 11 && MOBILE_PREFIX.test(digits)) return group(3, 4, 4);
  if (digits.length === 10 && /^0(120|570)/.test(digits)) return group(4, 3, 3);
  if (digits.length === 10 && /^0[36]/.test(digits)) return group(2, 4, 4);
  return value;
}

/**
 * Writes a postal code as `〒123-4567` (郵便番号), or `123-4567` with `mark` false. Text that is not seven
 * digits is returned as entered.
 *
 * @example
 * ```ts
 * formatPostalCode('1000005'); // '〒100-0005'
 * ```
 */
export function formatPostalCode(value: string | null | undefined, mark = true): string {
  if (value === null || value === undefined) return '';
  const digits = foldWidth(value).replace(/[^\d]/g, '');
  if (digits.length !== 7) return value;
  return `${mark ? '〒' : ''}${digits.slice(0, 3)}-${digits.slice(3)}`;
}

/**
 * Display width of text in columns (表示幅): full-width characters count 2, ASCII and half-width katakana
 * count 1. Used to wrap mobile mail.
 *
 * @example
 * ```ts
 * displayWidth('ABCあ'); // 5
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x1100) return 1;
  if (code >= 0xff61 && code <= 0xff9f) return 1;
  return 2;
}

const NO_LINE_START = new Set([
  ...'、。，．・：；？！ー）」』】〕〉》’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ,.)!?',
]);

/**
 * Wraps text to short lines for mobile mail (携帯向け折り返し): each line at most `maxWidth` columns
 * ({@link displayWidth}); closing punctuation or a small kana that would start a line hangs on the line
 * before instead (行頭禁則, ぶら下げ, up to 2 columns over). URLs are never broken; an ASCII word is
 * broken only when it is longer than a line.
 *
 * @example
 * ```ts
 * wrapText('ご注文ありがとうございました。', 10); // 'ご注文あり\nがとうござ\nいました。'
 * ```
 */
export function wrapText(text: string, maxWidth: number): string {
  if (!Number.isInteger(maxWidth) || maxWidth < 4) {
    throw new HakobuError(
      'mail.wrap_width',
      `wrapText needs an integer width of at least 4, got ${maxWidth}`,
    );
  }
  return text
    .split('\n')
    .map((line) => wrapLine(line, maxWidth))
    .join('\n');
}

function wrapLine(line: string, maxWidth: number): string {
  if (displayWidth(line) <= maxWidth) return line;
  const units = line.match(/https?:\/\/\S+|[\x21-\x7e]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let current = '';
  let width = 0;
  const push = (): void => {
    lines.push(current.trimEnd());
    current = '';
    width = 0;
  };
  for (const unit of units) {
    const unitWidth = displayWidth(unit);
    if (unitWidth > maxWidth && !/^https?:/.test(unit)) {
      for (const ch of unit) {
        if (width + 1 > maxWidth) push();
        current += ch;
        width += 1;
      }
      continue;
    }
    if (width + unitWidth > maxWidth && current !== '') {
      if (NO_LINE_START.has(unit) && width + unitWidth <= maxWidth + 2) {
        current += unit;
        push();
        continue;
      }
      push();
      if (unit === ' ') continue;
    }
    current += unit;
    width += unitWidth;
  }
  if (current !== '') lines.push(current.trimEnd());
  return lines.join('\n');
}
