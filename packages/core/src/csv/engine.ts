import Papa from 'papaparse';
import type { TextEncoding } from '../cp932';
import { createIssue, type Issue } from '../result';
import { type ColumnPlan, checkColumns, planColumns } from './columns';
import type {
  CsvBatch,
  CsvCounts,
  CsvDelimiter,
  CsvNewline,
  CsvReadSummary,
  CsvRecord,
  CsvRejectedRow,
  CsvRow,
  ReadCsvOptions,
} from './types';

interface PapaError {
  code: string;
  row?: number;
  index?: number;
}

interface PapaChunk {
  data: string[][];
  errors: PapaError[];
  meta: { cursor: number };
}

const BLANK_LINES_LISTED = 20;

/** Text handed to the parser at a time, so that one huge chunk still gives batches of bounded size. */
export const PIECE_CHARS = 64 * 1024;

/**
 * The line break of the file: the first CR, LF or CRLF outside quotes. `undefined` while the text seen so far
 * has none (or ends in a CR that may be followed by LF), unless it is all the text there is.
 */
function detectNewline(text: string, final: boolean, quoting: boolean): CsvNewline | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 && quoting) quoted = !quoted;
    else if (!quoted && code === 0x0a) return '\n';
    else if (!quoted && code === 0x0d) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r';
      return final ? '\r' : undefined;
    }
  }
  return final ? '\n' : undefined;
}

/** Rows of a file that never quotes: every line is a row, split at each delimiter; the last unended line waits. */
function splitUnquoted(input: string, delimiter: string, newline: CsvNewline, final: boolean): PapaChunk {
  const last = input.lastIndexOf(newline);
  const cursor = final ? input.length : last === -1 ? 0 : last + newline.length;
  const lines = cursor === 0 ? [] : input.slice(0, cursor).split(newline);
  // Before the end, the piece after the last break is not a row yet (as Papa's ignoreLastRow).
  if (!final) lines.pop();
  return { data: lines.map((line) => line.split(delimiter)), errors: [], meta: { cursor } };
}

function countOf(text: string, char: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf(char, from); at !== -1 && at < to; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function breaksInFields(fields: readonly string[], char: string): number {
  let count = 0;
  for (const field of fields) if (field.indexOf(char) !== -1) count += countOf(field, char, 0, field.length);
  return count;
}

/**
 * The text of each row of a parsed piece, asked for row after row with the number of line breaks inside the row's
 * fields: a row runs to the line break after those. Papa Parse's recovery from broken quoting does not follow line
 * breaks, so a piece with quote errors is parsed again row by row for where each row ends (`rowEndsOf`).
 */
function rowTexts(
  input: string,
  newline: CsvNewline,
  rowEndsOf: (() => number[]) | undefined,
): (innerBreaks: number) => string {
  let offset = 0;
  const cut = (next: number, end: number): string => {
    const text = input.slice(offset, end);
    offset = next;
    return text;
  };
  if (rowEndsOf !== undefined) {
    const ends = rowEndsOf();
    let row = 0;
    return () => {
      const next = ends[row++] ?? input.length;
      const broken = next - newline.length >= offset && input.endsWith(newline, next);
      return cut(next, broken ? next - newline.length : next);
    };
  }
  const lineChar = newline === '\r' ? '\r' : '\n';
  return (innerBreaks) => {
    let at = offset - 1;
    for (let k = 0; k <= innerBreaks; k++) {
      at = input.indexOf(lineChar, at + 1);
      if (at === -1) return cut(input.length, input.length);
    }
    return cut(at + 1, at + 1 - newline.length);
  };
}

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * The incremental CSV reader behind {@link readCsv} and {@link readCsvStream}: text goes in with `push` in pieces
 * of any size, complete rows come out as records and rejected rows, and `end` reads what is left. Papa Parse
 * parses the text; this keeps line numbers, maps columns and sorts rows.
 *
 * Line numbers without a per-row callback: when a parsed piece holds exactly one line break per row, every row is
 * one line; only pieces with line breaks inside quoted fields count the breaks field by field.
 */
export class CsvRowReader<K extends string> {
  records: CsvRecord<K>[] = [];
  /** The data rows as fields, instead of `records`, when the reader was made `asRows`. */
  rows: CsvRow[] = [];
  rejected: CsvRejectedRow[] = [];
  readonly issues: Issue[] = [];
  private readonly counts: CsvCounts = { rows: 0, records: 0, rejected: 0, blankLines: 0 };
  private readonly blankLines: number[] = [];
  private readonly hasHeader: boolean;
  private readonly delimiter: CsvDelimiter;
  private readonly keepRaw: boolean;
  private readonly rowText: boolean;
  private readonly quoted: boolean;
  private pending = '';
  /** Parse again only once `pending` is this long: a quote left open must not make reading quadratic. */
  private retryAt = 0;
  private newline: CsvNewline | undefined;
  /** Physical line where `pending` starts. */
  private line = 1;
  private started = false;
  private ended = false;
  private header: string[] | null = null;
  private plan: ColumnPlan<K> | undefined;
  private refused = false;

  constructor(
    private readonly options: ReadCsvOptions<K>,
    private readonly asRows = false,
  ) {
    this.hasHeader = options.header ?? true;
    this.delimiter = options.delimiter ?? ',';
    this.keepRaw = options.keepRaw ?? true;
    this.rowText = options.rowText ?? false;
    this.quoted = options.quoted ?? true;
    this.newline = options.newline;
    checkColumns(options.columns, this.hasHeader);
  }

  /** True once the file is refused: the caller may stop reading its source. */
  get isRefused(): boolean {
    return this.refused;
  }

  /** Reads the next piece of text. A BOM at the very start is dropped and reported by `hadBom`. */
  push(text: string): void {
    if (this.refused || text === '') return;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        this.hadBom = true;
        text = text.slice(1);
      }
    }
    this.pending = this.pending === '' ? text : this.pending + text;
    if (this.pending.length >= this.retryAt) this.parse(false);
  }

  /** True when the text started with U+FEFF. */
  hadBom = false;

  /** Reads the rest of the text as the end of the file and adds the file-level closing issues. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.refused && this.pending !== '') this.parse(true);
    this.pending = '';
    if (!this.refused && this.header === null && this.plan === undefined) {
      this.refused = true;
      this.issues.push(createIssue('csv.empty', 'ファイルが空です（読み込める行がありません）'));
    }
    if (this.counts.blankLines > 0) this.issues.push(this.blankLinesIssue());
  }

  /** The rows read since the last call. */
  take(): CsvBatch<K> {
    const batch = { records: this.records, rejected: this.rejected };
    this.records = [];
    this.rejected = [];
    return batch;
  }

  /** The rows read as fields since the last call (a reader made `asRows`). */
  takeRows(): CsvRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** The header row's fields, once read; `null` without a header. */
  headerFields(): string[] | null {
    return this.header;
  }

  /** The line break of the file, once found. */
  lineBreak(): CsvNewline | undefined {
    return this.newline;
  }

  /** Where each column present in the file is: its 0-based field position by key. */
  columnIndexes(): Partial<Record<K, number>> {
    const indexes: Partial<Record<K, number>> = {};
    const { keys = [], indexes: positions = [] } = this.plan ?? {};
    for (let k = 0; k < keys.length; k++) indexes[keys[k] as K] = positions[k];
    return indexes;
  }

  summary(encoding: TextEncoding | null, bom: boolean): CsvReadSummary<K> {
    return {
      encoding,
      bom: bom || this.hadBom,
      header: this.header,
      missingColumns: this.plan?.missing ?? [],
      refused: this.refused,
      issues: this.issues,
      counts: { ...this.counts },
    };
  }

  private parse(final: boolean): void {
    const input = this.pending;
    this.newline ??= detectNewline(input, final, this.quoted);
    if (this.newline === undefined) {
      this.retryAt = input.length * 2;
      return;
    }
    const parsed = this.quoted
      ? (new Papa.Parser({ delimiter: this.delimiter, newline: this.newline, quoteChar: '"' }).parse(
          input,
          0,
          !final,
        ) as PapaChunk)
      : splitUnquoted(input, this.delimiter, this.newline, final);
    const rows = parsed.data;
    const endsWithBreak = input.endsWith(this.newline);
    if (final && endsWithBreak && rows.length > 0 && isBlank(rows[rows.length - 1]!)) rows.pop();
    const consumed = final ? input.length : parsed.meta.cursor;
    this.pending = final ? '' : input.slice(consumed);
    this.retryAt = consumed === 0 ? input.length * 2 : 0;
    const lineChar = this.newline === '\r' ? '\r' : '\n';
    const breaks = countOf(input, lineChar, 0, consumed);
    const terminated = final && !endsWithBreak ? rows.length - 1 : rows.length;
    const firstLine = this.line;
    this.line += breaks;
    const texts = !this.rowText
      ? undefined
      : rowTexts(
          input,
          this.newline,
          parsed.errors.length === 0 ? undefined : () => this.rowEnds(input, final),
        );
    this.readRows(input, rows, parsed.errors, firstLine, lineChar, breaks - terminated, texts);
  }

  /** Where each row of `input` ends (after its line break), as Papa Parse reads it row by row. */
  private rowEnds(input: string, final: boolean): number[] {
    const ends: number[] = [];
    new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline,
      quoteChar: '"',
      step: (row: PapaChunk) => ends.push(row.meta.cursor),
    }).parse(input, 0, !final);
    return ends;
  }

  /**
   * `innerBreaks` is the number of line breaks inside fields: while some are not found yet, rows are checked for
   * them one by one; after the last, every row is one line.
   */
  private readRows(
    input: string,
    rows: readonly string[][],
    errors: readonly PapaError[],
    firstLine: number,
    lineChar: string,
    innerBreaks: number,
    texts: ((innerBreaks: number) => string) | undefined,
  ): void {
    const errorsByRow = errors.length === 0 ? undefined : groupErrors(errors, rows.length);
    let unfound = innerBreaks;
    let line = firstLine;
    for (let i = 0; i < rows.length && !this.refused; i++) {
      const fields = rows[i]!;
      const inner = unfound > 0 ? breaksInFields(fields, lineChar) : 0;
      const text = texts?.(inner);
      const rowErrors = errorsByRow?.get(i);
      const quote = rowErrors === undefined ? undefined : this.quoteIssue(rowErrors, line, input, firstLine);
      if (quote === undefined && isBlank(fields)) this.noteBlank(line);
      else if (this.plan === undefined) this.startFile(fields, line, quote, text);
      else if (quote !== undefined) this.reject(fields, line, quote);
      else if (fields.length !== this.plan.fieldCount)
        this.rejectFieldCount(fields, line, this.plan.fieldCount);
      else this.addRecord(fields, line, this.plan, text);
      unfound -= inner;
      line += 1 + inner;
    }
  }

  /** The first non-blank row: the header, or the first data row of a headerless file. */
  private startFile(
    fields: string[],
    line: number,
    quote: Issue | undefined,
    text: string | undefined,
  ): void {
    if (this.hasHeader) {
      fields[0] = fields[0]!.replace(/^\uFEFF/u, '');
      this.header = fields;
      if (quote !== undefined) this.issues.push(quote);
    }
    const fieldCount = this.hasHeader ? fields.length : (this.options.fieldCount ?? fields.length);
    const plan = planColumns(this.options.columns, this.header, fieldCount, line);
    this.plan = plan;
    this.issues.push(...plan.issues);
    if (plan.refused) {
      this.refused = true;
      this.pending = '';
      return;
    }
    if (this.hasHeader) return;
    if (quote !== undefined) this.reject(fields, line, quote);
    else if (fields.length !== fieldCount) this.rejectFieldCount(fields, line, fieldCount);
    else this.addRecord(fields, line, plan, text);
  }

  private addRecord(fields: string[], line: number, plan: ColumnPlan<K>, text: string | undefined): void {
    this.counts.rows++;
    this.counts.records++;
    if (this.asRows) {
      this.rows.push(text === undefined ? { line, fields } : { line, fields, text });
      return;
    }
    const values = { ...plan.template } as Record<K, string>;
    const { keys, indexes } = plan;
    for (let k = 0; k < keys.length; k++) values[keys[k]!] = fields[indexes[k]!]!;
    const record: CsvRecord<K> = this.keepRaw ? { line, values, raw: fields } : { line, values };
    if (text !== undefined) record.text = text;
    this.records.push(record);
  }

  private reject(fields: string[], line: number, issue: Issue): void {
    this.rejected.push({ line, raw: fields, issues: [issue] });
    this.counts.rows++;
    this.counts.rejected++;
  }

  private rejectFieldCount(fields: string[], line: number, expected: number): void {
    this.reject(
      fields,
      line,
      createIssue(
        'csv.field_count',
        `${line}行目の列の数が${fields.length}列です（${expected}列のはずです）。この行は読み込みませんでした`,
        { line, data: { expected, found: fields.length } },
      ),
    );
  }

  private quoteIssue(errors: readonly PapaError[], line: number, input: string, firstLine: number): Issue {
    const unterminated = errors.find((error) => error.code === 'MissingQuotes');
    if (unterminated === undefined) {
      return createIssue(
        'csv.invalid_quote',
        `${line}行目に「"」の囲みの閉じ方が正しくない項目があります（閉じる「"」の後に文字があります）。この行は読み込みませんでした`,
        { line },
      );
    }
    const lineChar = this.newline === '\r' ? '\r' : '\n';
    const quoteLine = firstLine + countOf(input, lineChar, 0, unterminated.index ?? 0);
    return createIssue(
      'csv.unterminated_quote',
      `${quoteLine}行目で始まる「"」の囲みがファイルの終わりまで閉じていません。${line}行目からファイルの終わりまでを1行として扱い、読み込みませんでした`,
      { line: quoteLine, data: { rowLine: line } },
    );
  }

  private noteBlank(line: number): void {
    this.counts.blankLines++;
    if (this.blankLines.length < BLANK_LINES_LISTED) this.blankLines.push(line);
  }

  private blankLinesIssue(): Issue {
    const more = this.counts.blankLines > this.blankLines.length ? ' ほか' : '';
    return createIssue(
      'csv.blank_lines',
      `空行を${this.counts.blankLines}行読み飛ばしました（${this.blankLines.join('・')}行目${more}）`,
      { severity: 'info', data: { count: this.counts.blankLines, lines: this.blankLines } },
    );
  }
}

/** Papa Parse errors by row; an error on the unfinished last row of a piece is dropped (it is parsed again). */
function groupErrors(errors: readonly PapaError[], rowCount: number): Map<number, PapaError[]> {
  const byRow = new Map<number, PapaError[]>();
  for (const error of errors) {
    if (error.row === undefined || error.row >= rowCount) continue;
    const list = byRow.get(error.row);
    if (list === undefined) byRow.set(error.row, [error]);
    else list.push(error);
  }
  return byRow;
}
