import { z } from 'zod';
import { createIssue, fail, HakobuError, type IssueDetails, ok, type Result } from '../result';

/**
 * An amount of money in whole yen (円), as a safe integer. Negative amounts are allowed: discounts
 * (値引き), refunds (返金) and point use are written as negative lines.
 */
export const Yen = z.int().describe('金額（円・整数）');
/** @see {@link Yen} */
export type Yen = z.infer<typeof Yen>;

/**
 * Checks that a number is a whole, safe-integer yen amount and returns it (with `-0` folded to `0`).
 * A fraction or an unsafe integer here is a programmer error, so it throws; text from a file or a form
 * goes through {@link parseYen} instead.
 *
 * @throws {@link HakobuError} `money.not_integer` for a fraction, `NaN` or an infinity;
 *   `money.unsafe_integer` beyond `Number.MAX_SAFE_INTEGER`.
 * @example
 * ```ts
 * yen(1200); // 1200
 * yen(12.5); // throws HakobuError 'money.not_integer'
 * ```
 */
export function yen(amount: number): Yen {
  if (!Number.isInteger(amount)) {
    throw new HakobuError('money.not_integer', `Amount must be a whole number of yen, got ${amount}`, {
      data: { amount },
    });
  }
  if (!Number.isSafeInteger(amount)) {
    throw new HakobuError('money.unsafe_integer', `Amount ${amount} is beyond the safe integer range`, {
      data: { amount },
    });
  }
  return amount === 0 ? 0 : amount;
}

/** Options of {@link parseYen}: the field's label for the messages, and where the text came from. */
export interface ParseYenOptions extends Pick<IssueDetails, 'path' | 'line' | 'column'> {
  /** The field's name as shop staff know it (e.g. `商品代金`), used in messages. Defaults to `金額`. */
  label?: string;
}

/**
 * Characters folded before parsing: full-width digits and punctuation, the yen sign variants (including
 * the backslash that CP932 byte 0x5C decodes to), minus-sign look-alikes, and ▲/△, which Japanese
 * accounting writes for a negative amount.
 */
const FOLD: Readonly<Record<string, string>> = {
  '，': ',',
  '．': '.',
  '￥': '¥',
  '\\': '¥',
  '－': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '﹣': '-',
  '▲': '-',
  '△': '-',
};

function fold(text: string): string {
  return text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[，．￥\\－−‐‑‒–﹣▲△]/g, (char) => FOLD[char] ?? char);
}

const AMOUNT_PATTERN =
  /^(?<leadingSign>-)?\s*¥?\s*(?<innerSign>-)?\s*(?<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<fraction>\d+))?\s*円?$/;

/**
 * Reads an amount typed by staff or found in a mall file (金額の読み取り): `1,234`, `¥1,234`, `１２３４円`,
 * `-500`, `▲500`, surrounding spaces (full-width too). A fraction part of zeros (`1234.00`) is accepted
 * because the amount is still whole yen; any other fraction is rejected, as are misplaced commas, empty
 * text and amounts beyond the safe integer range.
 *
 * Issues: `money.empty`, `money.invalid_format`, `money.fraction`, `money.unsafe_integer`, each with the
 * input in `data.input`.
 *
 * @example
 * ```ts
 * parseYen('¥1,234'); // { ok: true, value: 1234, issues: [] }
 * parseYen('１２３４円'); // { ok: true, value: 1234, issues: [] }
 * parseYen('12.5', { label: '送料' }); // fails with 'money.fraction'
 * ```
 */
export function parseYen(text: string, options: ParseYenOptions = {}): Result<Yen> {
  const { label = '金額', ...location } = options;
  const details = { ...location, data: { input: text } };
  const trimmed = fold(text).trim();
  if (trimmed === '') {
    return fail([createIssue('money.empty', `「${label}」が空です。金額を入力してください`, details)]);
  }
  const match = AMOUNT_PATTERN.exec(trimmed);
  const groups = match?.groups;
  if (groups === undefined || (groups.leadingSign !== undefined && groups.innerSign !== undefined)) {
    return fail([
      createIssue(
        'money.invalid_format',
        `「${label}」の「${text}」は金額として読めません（例: 1,234 / ¥1,234 / 1234円）`,
        details,
      ),
    ]);
  }
  if (groups.fraction !== undefined && /[1-9]/.test(groups.fraction)) {
    return fail([
      createIssue(
        'money.fraction',
        `「${label}」の「${text}」に1円未満の端数があります。円単位の整数で入力してください`,
        details,
      ),
    ]);
  }
  const negative = groups.leadingSign !== undefined || groups.innerSign !== undefined;
  const magnitude = BigInt(groups.digits!.replaceAll(',', ''));
  const value = negative ? -magnitude : magnitude;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    return fail([
      createIssue('money.unsafe_integer', `「${label}」の「${text}」は金額として大きすぎます`, details),
    ]);
  }
  return ok(yen(Number(value)));
}

/** How {@link formatYen} marks the currency. */
export const YenStyle = z.enum(['symbol', 'suffix', 'plain']);
/** @see {@link YenStyle} */
export type YenStyle = z.infer<typeof YenStyle>;

/** Options of {@link formatYen}. */
export interface FormatYenOptions {
  /** `symbol` → `¥1,234` (the default), `suffix` → `1,234円`, `plain` → `1,234`. */
  style?: YenStyle;
}

/**
 * Writes an amount with thousands separators (金額の表示), independent of the host's locale, in a form
 * that {@link parseYen} reads back. A negative amount leads with `-` (`-¥500`, `-500円`).
 *
 * @throws {@link HakobuError} as {@link yen} for a fraction or an unsafe integer.
 * @example
 * ```ts
 * formatYen(1234); // '¥1,234'
 * formatYen(-500, { style: 'suffix' }); // '-500円'
 * ```
 */
export function formatYen(amount: number, options: FormatYenOptions = {}): string {
  const value = yen(amount);
  const grouped = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = value < 0 ? '-' : '';
  switch (options.style ?? 'symbol') {
    case 'symbol':
      return `${sign}¥${grouped}`;
    case 'suffix':
      return `${sign}${grouped}円`;
    case 'plain':
      return `${sign}${grouped}`;
  }
}
