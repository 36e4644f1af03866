import { createIssue, formatInstantJst, type Issue, isRealDate, parseInstant } from '@hakobu/core';

const DATE = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/;
const JAPAN_OFFSET = /^\+09:?00$/;

function pad(value: string): string {
  return value.padStart(2, '0');
}

/** True for a code unit that `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator). */
function isTrimmed(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `text.trim()` without making a string when there is nothing to trim, as for most fields. */
function trimmed(text: string): string {
  const last = text.length - 1;
  if (last < 0 || (!isTrimmed(text.charCodeAt(0)) && !isTrimmed(text.charCodeAt(last)))) return text;
  return text.trim();
}

/**
 * The value of a plain integer (`-?[0-9]+`, at most 15 digits so it is exact), or `undefined` for anything
 * else, which then takes the general path with its clean-up and checks. Most money and count fields are plain.
 */
function plainInteger(text: string): number | undefined {
  const start = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const count = text.length - start;
  if (count === 0 || count > 15) return undefined;
  const value = digitsAt(text, start, count);
  if (value === -1) return undefined;
  return start === 1 ? -value : value;
}

/** Where the date part of `YYYY-MM-DD HH:mm` or `…THH:mm` ends: the first space or `T`, or -1. */
function dateEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x54) return i;
  }
  return -1;
}

/** The number of the `count` ASCII digits at `from`, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DD HH:mm:ss` or `YYYY-MM-DDTHH:mm:ss`, optionally with `+09:00` or `+0900`, as a real Japan-time
 * instant: the ISO text with `+09:00`, or `undefined` when the text is anything else.
 */
function japanTime(text: string): string | undefined {
  const length = text.length;
  if (length !== 19 && length !== 24 && length !== 25) return undefined;
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    (separator !== 0x20 && separator !== 0x54) ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a
  )
    return undefined;
  if (length !== 19 && !JAPAN_OFFSET.test(text.slice(19))) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return undefined;
  if (!isRealDate(year, month, day)) return undefined;
  return `${text.slice(0, 10)}T${text.slice(11, 19)}+09:00`;
}

const YEN = { min: 0 } as const;
let lastYen: { readonly min: 0; readonly undecided: readonly number[] } | undefined;

/** The options of a yen field, made once per list of sentinels (a mall reads every amount with the same list). */
function yenOptions(undecided: readonly number[] | undefined): {
  min: number;
  undecided?: readonly number[];
} {
  if (undecided === undefined) return YEN;
  if (lastYen?.undecided !== undecided) lastYen = { min: 0, undecided };
  return lastYen;
}

/**
 * Reads typed fields of one mall record and collects an issue per bad field, naming the record (line or
 * JSON path, order number) and the field in Japanese. Used by every reader; the record is rejected when
 * any error was collected.
 */
export class FieldReader {
  constructor(
    private readonly get: (field: string) => unknown,
    private readonly where: {
      line?: number;
      path?: (field: string) => (string | number)[];
      /** The record's name in messages, or a function giving it (built only when an issue is reported). */
      record: string | (() => string);
    },
    private readonly label: (field: string) => string = (field) => field,
    /** Where the issues go; the readers of one record may share one list. */
    readonly issues: Issue[] = [],
  ) {}

  private fail(
    field: string,
    problem: string,
    value: unknown,
    severity: 'error' | 'warning' = 'error',
  ): void {
    const details: Parameters<typeof createIssue>[2] = {
      severity,
      data: { field: this.label(field), value: value === undefined ? null : value },
    };
    if (this.where.line !== undefined) details.line = this.where.line;
    if (this.where.path !== undefined) details.path = this.where.path(field);
    this.issues.push(
      createIssue(
        severity === 'error' ? 'malls.invalid_field' : 'malls.field_warning',
        `${typeof this.where.record === 'string' ? this.where.record : this.where.record()}の「${this.label(field)}」${problem}`,
        details,
      ),
    );
  }

  /** Adds a warning about a field. */
  warn(field: string, problem: string, value?: unknown): void {
    this.fail(field, problem, value, 'warning');
  }

  /** Adds an error about a field. */
  error(field: string, problem: string, value?: unknown): void {
    this.fail(field, problem, value, 'error');
  }

  /** The raw value. */
  raw(field: string): unknown {
    return this.get(field);
  }

  /** Text, trimmed; `''` when absent or null. */
  text(field: string): string {
    const value = this.get(field);
    if (value === undefined || value === null) return '';
    return trimmed(typeof value === 'string' ? value : String(value));
  }

  /** Text that may be absent. */
  optional(field: string): string | undefined {
    const value = this.text(field);
    return value === '' ? undefined : value;
  }

  /** Non-empty text, or an error. */
  required(field: string): string {
    const value = this.text(field);
    if (value === '') this.fail(field, 'が空です', value);
    return value;
  }

  /**
   * An integer (yen, count). Empty reads as `empty` (default 0). Commas and a leading ￥/¥ are allowed.
   * `undecided` values (楽天 -9999) read as `null`.
   */
  int(
    field: string,
    options: { empty?: number; min?: number; undecided?: readonly number[] } = {},
  ): number | null {
    const value = this.get(field);
    if (value === undefined || value === null || value === '') return options.empty ?? 0;
    const plain = typeof value === 'string' ? plainInteger(value) : undefined;
    if (plain !== undefined) return this.checkedInt(field, plain, value, options);
    const text =
      typeof value === 'number'
        ? String(value)
        : String(value)
            .trim()
            .replace(/^[¥￥]/, '')
            .replaceAll(',', '');
    if (text === '') return options.empty ?? 0;
    if (!/^-?\d+(\.0+)?$/.test(text)) {
      this.fail(field, `が整数ではありません: "${String(value)}"`, value);
      return options.empty ?? 0;
    }
    return this.checkedInt(field, Number.parseInt(text, 10), value, options);
  }

  private checkedInt(
    field: string,
    number: number,
    value: unknown,
    options: { empty?: number; min?: number; undecided?: readonly number[] },
  ): number | null {
    if (options.undecided?.includes(number)) return null;
    if (options.min !== undefined && number < options.min) {
      this.fail(field, `が${options.min}未満です: ${number}`, value);
      return options.empty ?? 0;
    }
    return number;
  }

  /** A yen amount that must be given and be ≥ 0 (`undecided` sentinels read as `null`). */
  yen(field: string, undecided?: readonly number[]): number | null {
    return this.int(field, yenOptions(undecided));
  }

  /** A calendar date `YYYY-MM-DD` from `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`; `undefined` when empty. */
  date(field: string): string | undefined {
    const full = this.text(field);
    const cut = dateEnd(full);
    const text = cut === -1 ? full : full.slice(0, cut);
    if (text === '') return undefined;
    const match = DATE.exec(text);
    if (match === null || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      this.fail(field, `が日付ではありません: "${text}"`, text);
      return undefined;
    }
    return `${match[1]}-${pad(match[2] as string)}-${pad(match[3] as string)}`;
  }

  /**
   * An instant as ISO 8601 in Japan time (`+09:00`). Text without an offset is Japan time unless
   * `assumeUtc` (Amazon reports are GMT). `text` replaces the field's value (after clean-up by the caller).
   */
  instant(field: string, options: { assumeUtc?: boolean; text?: string } = {}): string | undefined {
    let text = options.text ?? this.text(field);
    if (text === '') {
      this.fail(field, 'が空です', text);
      return undefined;
    }
    // Text without an offset is Japan time only when not `assumeUtc`; japanTime checks any offset is +09:00.
    const japan = japanTime(text);
    if (japan !== undefined && (options.assumeUtc !== true || text.length !== 19)) return japan;
    if (options.assumeUtc === true && !/(Z|[+-]\d{2}:?\d{2})$/.test(text))
      text = `${text.replace(' ', 'T')}Z`;
    const parsed = parseInstant(text, { field: this.label(field) });
    if (!parsed.ok) {
      this.fail(field, `が日時ではありません: "${text}"`, text);
      return undefined;
    }
    return formatInstantJst(parsed.value);
  }

  /** True when there is an error so far. */
  get failed(): boolean {
    return this.issues.some((issue) => issue.severity === 'error');
  }
}
