import { createIssue, formatInstantJst, type Issue, parseInstant } from '@hakobu/core';

/** Japan-time text that needs no conversion: `YYYY-MM-DD[T ]HH:mm:ss` with `+09:00`, `+0900` or no offset. */
const JAPAN_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\+09:?00)?$/;
const DATE = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/;

function pad(value: string): string {
  return value.padStart(2, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= (days[month - 1] ?? 0);
}

/**
 * Reads typed fields of one mall record and collects an issue per bad field, naming the record (line or
 * JSON path, order number) and the field in Japanese. Used by every reader; the record is rejected when
 * any error was collected.
 */
export class FieldReader {
  readonly issues: Issue[] = [];

  constructor(
    private readonly get: (field: string) => unknown,
    private readonly where: {
      line?: number;
      path?: (field: string) => (string | number)[];
      /** The record's name in messages, or a function giving it (built only when an issue is reported). */
      record: string | (() => string);
    },
    private readonly label: (field: string) => string = (field) => field,
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
    return (typeof value === 'string' ? value : String(value)).trim();
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
    const number = Number.parseInt(text, 10);
    if (options.undecided?.includes(number)) return null;
    if (options.min !== undefined && number < options.min) {
      this.fail(field, `が${options.min}未満です: ${number}`, value);
      return options.empty ?? 0;
    }
    return number;
  }

  /** A yen amount that must be given and be ≥ 0 (`undecided` sentinels read as `null`). */
  yen(field: string, undecided?: readonly number[]): number | null {
    return this.int(field, undecided === undefined ? { min: 0 } : { min: 0, undecided });
  }

  /** A calendar date `YYYY-MM-DD` from `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`; `undefined` when empty. */
  date(field: string): string | undefined {
    const text = this.text(field).split(/[ T]/)[0] ?? '';
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
    const japan = JAPAN_TIME.exec(text);
    if (japan !== null && (japan[3] !== undefined || options.assumeUtc !== true)) {
      const [, date = '', time = ''] = japan;
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      if (
        isRealDate(year, month, day) &&
        Number(time.slice(0, 2)) < 24 &&
        Number(time.slice(3, 5)) < 60 &&
        Number(time.slice(6, 8)) < 60
      ) {
        return `${date}T${time}+09:00`;
      }
    }
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
