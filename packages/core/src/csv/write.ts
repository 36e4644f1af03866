import { type EncodeCp932Options, encodeCp932, prepareCp932 } from '../cp932';
import { createIssue, fail, HakobuError, type Issue, ok, type Result } from '../result';
import type { CsvDelimiter } from './types';

/** A value written to a cell: text as is, numbers in JavaScript notation, `null` and `undefined` as empty. */
export type CsvCell = string | number | null | undefined;

/** One output column of record rows (出力列): which key it takes and the header name written for it. */
export interface CsvWriteColumn<K extends string = string> {
  readonly key: K;
  readonly header: string;
}

/** The encoding of the written file (出力文字コード). `'utf-8-bom'` starts the bytes with EF BB BF for Excel. */
export type CsvOutputEncoding = 'cp932' | 'utf-8' | 'utf-8-bom';

/** The CP932 options {@link writeCsv} passes through to `prepareCp932`/`encodeCp932`. */
export type CsvCp932Options = Pick<
  EncodeCp932Options,
  'onUnencodable' | 'replacement' | 'substitutions' | 'useDefaultSubstitutions' | 'jisX0208Only'
>;

/** Options of {@link writeCsv}. */
export interface WriteCsvOptions {
  /**
   * Formula-injection guard (CSVインジェクション対策), required at every call site on purpose: `true` for files
   * people open in Excel (a cell starting with `=`, `+`, `-`, `@`, TAB or CR is written as `'` + the value, and
   * quoted), `false` for files read by machines (carrier and mall upload formats), where the `'` would corrupt
   * the value. Note that `-120` becomes `'-120` when guarded.
   */
  readonly formulaGuard: boolean;
  /** Field separator. Default `','`. */
  readonly delimiter?: CsvDelimiter;
  /** Line break after every row, the last one included. Default `'\r\n'`. */
  readonly newline?: '\r\n' | '\n';
  /**
   * `'minimal'` (default) quotes a cell only when it holds the delimiter, `"`, CR or LF, or starts or ends with a
   * space, tab or full-width space (which some importers trim); `'all'` quotes every cell.
   */
  readonly quoting?: 'minimal' | 'all';
  /** Output encoding. Default `'cp932'`. */
  readonly encoding?: CsvOutputEncoding;
  /** For CP932 output: what to do with characters CP932 cannot hold (default: substitute and warn). */
  readonly cp932?: CsvCp932Options;
}

/** Options of {@link writeCsv} for record rows: the columns, and whether to write the header row. */
export interface WriteCsvRecordsOptions<K extends string> extends WriteCsvOptions {
  readonly columns: readonly CsvWriteColumn<K>[];
  /** Write the columns' header names as the first line. Default `true`. */
  readonly header?: boolean;
}

/** A written file: its bytes, and the text they hold (after CP932 substitution, without the BOM). */
export interface CsvWritten {
  bytes: Uint8Array;
  text: string;
}

interface Format {
  readonly delimiter: string;
  readonly delimiterCode: number;
  readonly newline: string;
  readonly quoteAll: boolean;
  readonly guard: boolean;
}

/** The rows to write, as arrays of cells or as records read through a column list. */
interface Layout {
  readonly headerCells: readonly string[] | undefined;
  readonly arrays: readonly (readonly CsvCell[])[] | undefined;
  readonly records: readonly Readonly<Record<string, CsvCell>>[] | undefined;
  readonly keys: readonly string[];
  readonly labels: readonly string[];
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

function isFormulaStart(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === CR;
}

function isEdgeSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000;
}

function needsQuotes(text: string, delimiterCode: number): boolean {
  const length = text.length;
  if (length === 0) return false;
  if (isEdgeSpace(text.charCodeAt(0)) || isEdgeSpace(text.charCodeAt(length - 1))) return true;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === delimiterCode || code === QUOTE || code === CR || code === LF) return true;
  }
  return false;
}

function quote(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

function cellText(value: CsvCell): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

function formatCell(text: string, format: Format): string {
  if (format.guard && text.length > 0 && isFormulaStart(text.charCodeAt(0))) return quote(`'${text}`);
  return format.quoteAll || needsQuotes(text, format.delimiterCode) ? quote(text) : text;
}

function formatRow(cells: readonly CsvCell[], format: Format): string {
  let line = '';
  for (let c = 0; c < cells.length; c++) {
    if (c > 0) line += format.delimiter;
    line += formatCell(cellText(cells[c]), format);
  }
  return line + format.newline;
}

function formatRecord(
  record: Readonly<Record<string, CsvCell>>,
  keys: readonly string[],
  format: Format,
): string {
  let line = '';
  for (let c = 0; c < keys.length; c++) {
    if (c > 0) line += format.delimiter;
    line += formatCell(cellText(record[keys[c]!]), format);
  }
  return line + format.newline;
}

function rowCount(layout: Layout): number {
  return layout.arrays?.length ?? layout.records?.length ?? 0;
}

/** The cells of one row (the slow path only: this allocates). */
function cellsOf(layout: Layout, row: number): readonly CsvCell[] {
  if (layout.arrays !== undefined) return layout.arrays[row]!;
  const record = layout.records![row]!;
  return layout.keys.map((key) => record[key]);
}

function buildText(layout: Layout, format: Format): string {
  let text = layout.headerCells === undefined ? '' : formatRow(layout.headerCells, format);
  const { arrays, records, keys } = layout;
  if (arrays !== undefined) for (const cells of arrays) text += formatRow(cells, format);
  if (records !== undefined) for (const record of records) text += formatRecord(record, keys, format);
  return text;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** Checks one cell; returns its text to write (after substitution) and adds its issues. */
type CellCheck = (
  text: string,
  path: (string | number)[],
  label: string,
  issues: Issue[],
) => string | undefined;

function cp932Check(options: CsvCp932Options): CellCheck {
  return (text, path, label, issues) => {
    const prepared = prepareCp932(text, { ...options, path, label });
    issues.push(...prepared.issues);
    return prepared.ok ? prepared.value.text : undefined;
  };
}

const utf8Check: CellCheck = (text, path, label, issues) => {
  if (!loneSurrogate.test(text)) return text;
  issues.push(
    createIssue(
      'csv.unencodable',
      `「${label}」に対になっていないサロゲート文字があり、UTF-8 で書けないため「\uFFFD」に置き換えました`,
      { severity: 'warning', path },
    ),
  );
  return text.replace(new RegExp(loneSurrogate.source, 'gu'), '\uFFFD');
};

/**
 * The slow path, taken only when the whole text had something to report: checks every cell of the rows that hold
 * a reported character, so each issue gets its cell's path and output line, and rebuilds the text from the
 * checked cells.
 */
function checkCells(
  layout: Layout,
  format: Format,
  suspects: readonly string[],
  check: CellCheck,
): { text: string; issues: Issue[]; failed: boolean } {
  const issues: Issue[] = [];
  let failed = false;
  let line = 1;
  const checkRow = (cells: readonly CsvCell[], row: number | undefined): string => {
    const plain = formatRow(cells, format);
    if (!suspects.some((suspect) => plain.includes(suspect))) return plain;
    const checked = cells.map((cell, column) => {
      const name = layout.arrays === undefined ? layout.keys[column]! : column;
      const path = row === undefined ? ['header', name] : ['rows', row, name];
      const cellIssues: Issue[] = [];
      const written = check(
        cellText(cell),
        path,
        `${line}行目 ${layout.labels[column] ?? `${column + 1}列目`}`,
        cellIssues,
      );
      if (written === undefined) failed = true;
      for (const issue of cellIssues) issues.push({ ...issue, line });
      return written ?? '';
    });
    return formatRow(checked, format);
  };
  let text = '';
  if (layout.headerCells !== undefined) {
    text += checkRow(layout.headerCells, undefined);
    line = 1 + countLineBreaks(text);
  }
  for (let r = 0; r < rowCount(layout); r++) {
    const rowText = checkRow(cellsOf(layout, r), r);
    text += rowText;
    line += countLineBreaks(rowText);
  }
  return { text, issues, failed };
}

function suspectsOf(issues: readonly Issue[]): string[] {
  return [...new Set(issues.map((issue) => issue.data?.char).filter((char) => typeof char === 'string'))];
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set(UTF8_BOM);
  bytes.set(body, 3);
  return bytes;
}

function writeUtf8(layout: Layout, format: Format, text: string, bom: boolean): Result<CsvWritten> {
  if (!loneSurrogate.test(text)) return ok({ bytes: encodeUtf8(text, bom), text });
  const checked = checkCells(
    layout,
    format,
    [...text.matchAll(new RegExp(loneSurrogate.source, 'gu'))].map(String),
    utf8Check,
  );
  return ok({ bytes: encodeUtf8(checked.text, bom), text: checked.text }, checked.issues);
}

function writeCp932(
  layout: Layout,
  format: Format,
  text: string,
  options: CsvCp932Options,
): Result<CsvWritten> {
  const whole = encodeCp932(text, options);
  if (whole.ok && whole.issues.length === 0) return ok(whole.value);
  const checked = checkCells(layout, format, suspectsOf(whole.issues), cp932Check(options));
  if (checked.failed) return fail(checked.issues);
  const encoded = encodeCp932(checked.text, options);
  if (!encoded.ok) return fail([...checked.issues, ...encoded.issues]);
  return ok(encoded.value, [...checked.issues, ...encoded.issues]);
}

function formatOf(options: WriteCsvOptions): Format {
  if (typeof options.formulaGuard !== 'boolean') {
    throw new HakobuError(
      'csv.formula_guard_required',
      'writeCsv needs formulaGuard: true (Excel) or false (machines)',
    );
  }
  const delimiter = options.delimiter ?? ',';
  return {
    delimiter,
    delimiterCode: delimiter.charCodeAt(0),
    newline: options.newline ?? '\r\n',
    quoteAll: options.quoting === 'all',
    guard: options.formulaGuard,
  };
}

function layoutOf<K extends string>(
  rows: readonly (readonly CsvCell[])[] | readonly Readonly<Partial<Record<K, CsvCell>>>[],
  options: WriteCsvOptions | WriteCsvRecordsOptions<K>,
): Layout {
  if (!('columns' in options)) {
    return {
      headerCells: undefined,
      arrays: rows as readonly (readonly CsvCell[])[],
      records: undefined,
      keys: [],
      labels: [],
    };
  }
  const labels = options.columns.map((column) => column.header);
  return {
    headerCells: options.header === false ? undefined : labels,
    arrays: undefined,
    records: rows as readonly Readonly<Record<string, CsvCell>>[],
    keys: options.columns.map((column) => column.key),
    labels,
  };
}

/**
 * Writes a CSV or TSV file (CSV出力) from rows of cells, or from records with a column list, and encodes it
 * once: CP932 by default (every substituted or unencodable character reported, never lost silently), or UTF-8
 * with or without BOM. Each issue has `path: ['rows', rowIndex, columnKeyOrIndex]` (`['header', key]` for the
 * header row) and the 1-based output `line`. Under `cp932.onUnencodable: 'fail'`, any unencodable character fails
 * the call with every such issue. Byte limits per field belong to the carrier and mall layouts, not here.
 *
 * @example
 * ```ts
 * const result = writeCsv(
 *   [{ slip: '1001-1', name: '髙橋 花子', note: '=SUM(A1)' }],
 *   {
 *     columns: [
 *       { key: 'slip', header: '伝票番号' },
 *       { key: 'name', header: 'お届け先名' },
 *       { key: 'note', header: '備考' },
 *     ],
 *     formulaGuard: true,
 *   },
 * );
 * // result.ok === true; result.value.text === '伝票番号,お届け先名,備考\r\n1001-1,髙橋 花子,"\'=SUM(A1)"\r\n'
 * // result.value.bytes: the same text in CP932
 * ```
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: WriteCsvOptions): Result<CsvWritten>;
export function writeCsv<K extends string>(
  records: readonly Readonly<Partial<Record<K, CsvCell>>>[],
  options: WriteCsvRecordsOptions<K>,
): Result<CsvWritten>;
export function writeCsv<K extends string>(
  rows: readonly (readonly CsvCell[])[] | readonly Readonly<Partial<Record<K, CsvCell>>>[],
  options: WriteCsvOptions | WriteCsvRecordsOptions<K>,
): Result<CsvWritten> {
  const format = formatOf(options);
  const layout = layoutOf(rows, options);
  const text = buildText(layout, format);
  const encoding = options.encoding ?? 'cp932';
  if (encoding === 'cp932') return writeCp932(layout, format, text, options.cp932 ?? {});
  return writeUtf8(layout, format, text, encoding === 'utf-8-bom');
}
