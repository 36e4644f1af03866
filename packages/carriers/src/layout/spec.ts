import {
  createIssue,
  encodeCp932,
  type Issue,
  type IssuePath,
  prepareCp932,
  toHalfwidthKatakana,
} from '@hakobu/core';
import { cutTo, type LimitUnit, measure, widen } from './fit';

/**
 * What a column holds, which decides how a too-long value is treated (列の種類): `text` and `kana` (半角カナ) are
 * truncated with a warning; `digits`, `code`, `date`, `phone`, `postal`, `ascii` are never cut (a cut key or
 * number would be wrong), so a value over the limit is an error.
 */
export type ColumnKind = 'text' | 'kana' | 'digits' | 'code' | 'date' | 'phone' | 'postal' | 'ascii';

/**
 * One column of a label layout (列定義), declared as data: 1-based position, the header as published, the limit
 * and its unit, whether it is required, the codes it allows, and the formatter that takes the value from the
 * row's context.
 */
export interface ColumnSpec<C> {
  /** 1-based position (項番). */
  readonly no: number;
  /** Header text as the layout publishes it (項目名). */
  readonly header: string;
  /** Maximum length in `unit`. */
  readonly max: number;
  readonly unit: LimitUnit;
  readonly kind: ColumnKind;
  /** Required (必須): always, or depending on the row (e.g. コレクト代金 for コレクト only). */
  readonly required?: boolean | ((context: C) => boolean);
  /** Allowed values (コード値); blank is allowed unless the column is required. */
  readonly codes?: readonly string[];
  /** Formatter (値): blank when absent. */
  readonly value?: (context: C) => string | number | undefined;
}

/** Which shipment a rendered row belongs to: ids for issue messages and paths. */
export interface RowSubject {
  readonly index: number;
  readonly shipmentId: string;
  readonly slipNumber: string;
}

/** Options of {@link renderRow}. */
export interface RenderOptions {
  /** Refuse 機種依存文字 (①, ㈱, IBM extensions) as CP932 cannot-print characters. */
  readonly jisX0208Only: boolean;
}

/** A rendered row: the cell texts (CP932-safe and within limits) and the issues met. */
export interface RenderedRow {
  readonly cells: string[];
  readonly issues: Issue[];
}

function subjectLabel(subject: RowSubject, column: ColumnSpec<unknown>): string {
  return `伝票${subject.slipNumber}の「${column.header}」(${column.no}列目)`;
}

/**
 * Renders one row of a layout (1行の生成): every column's value through half-width kana conversion (kana
 * columns), widening (`fullwidth` columns), CP932 preparation (every substituted or unencodable character
 * reported by core's codec), the required and code checks, and the limit (truncation reported, or an error
 * for columns that must not be cut). Writers use it; a host can render its own {@link ColumnSpec} list too.
 *
 * @example
 * ```ts
 * const columns: ColumnSpec<{ name: string }>[] = [
 *   { no: 1, header: 'お届け先名', max: 8, unit: 'bytes', kind: 'text', required: true, value: (x) => x.name },
 * ];
 * renderRow(columns, { name: '山田 太郎様' }, { index: 0, shipmentId: 's1', slipNumber: '1001-1' }, { jisX0208Only: true });
 * // { cells: ['山田 太'], issues: [{ code: 'carrier.field_truncated', … }] }
 * ```
 */
export function renderRow<C>(
  columns: readonly ColumnSpec<C>[],
  context: C,
  subject: RowSubject,
  options: RenderOptions,
): RenderedRow {
  const issues: Issue[] = [];
  const cells: string[] = new Array(columns.length).fill('');
  for (const i of activeColumns(columns)) {
    const column = columns[i]!;
    const raw = column.value?.(context);
    const text = raw === undefined ? '' : String(raw);
    cells[i] =
      text === ''
        ? blankCell(column, context, subject, issues)
        : renderCell(column, text, subject, options, issues);
  }
  return { cells, issues };
}

const ACTIVE = new WeakMap<readonly ColumnSpec<never>[], number[]>();

/** Positions of the columns that can hold a value or must be checked; the others are always blank. */
function activeColumns<C>(columns: readonly ColumnSpec<C>[]): number[] {
  let active = ACTIVE.get(columns as readonly ColumnSpec<never>[]);
  if (active === undefined) {
    active = [];
    columns.forEach((column, i) => {
      if (column.value !== undefined || column.required !== undefined) active!.push(i);
    });
    ACTIVE.set(columns as readonly ColumnSpec<never>[], active);
  }
  return active;
}

/** Where an issue of a cell points, built only when there is an issue (most cells have none). */
function cellWhere<C>(column: ColumnSpec<C>, subject: RowSubject) {
  return {
    path: ['shipments', subject.index, column.header] as IssuePath,
    label: subjectLabel(subject, column as ColumnSpec<unknown>),
    data: { shipmentId: subject.shipmentId, column: column.no, header: column.header },
  };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** CP932 preparation of a cell; issues are labelled with the shipment and column only when there are any. */
function prepareCell<C>(
  column: ColumnSpec<C>,
  text: string,
  subject: RowSubject,
  options: RenderOptions,
  issues: Issue[],
): string {
  let prepared = prepareCp932(text, { jisX0208Only: options.jisX0208Only });
  if (prepared.issues.length > 0) {
    const { path, label, data } = cellWhere(column, subject);
    prepared = prepareCp932(text, { path, label, jisX0208Only: options.jisX0208Only });
    issues.push(...prepared.issues.map((issue) => ({ ...issue, data: { ...data, ...issue.data } })));
  }
  return prepared.ok ? prepared.value.text : text;
}

function isRequired<C>(column: ColumnSpec<C>, context: C): boolean {
  return typeof column.required === 'function' ? column.required(context) : column.required === true;
}

function blankCell<C>(column: ColumnSpec<C>, context: C, subject: RowSubject, issues: Issue[]): string {
  if (isRequired(column, context)) {
    const { path, label, data } = cellWhere(column, subject);
    issues.push(createIssue('carrier.field_required', `${label}は必須です`, { path, data }));
  }
  return '';
}

function renderCell<C>(
  column: ColumnSpec<C>,
  input: string,
  subject: RowSubject,
  options: RenderOptions,
  issues: Issue[],
): string {
  let text = input;
  if (column.kind === 'kana') {
    const converted = toHalfwidthKatakana(text);
    text = converted.text;
    if (converted.unconverted.length > 0) {
      const { path, label, data } = cellWhere(column, subject);
      const chars = converted.unconverted.map((entry) => entry.char).join('');
      issues.push(
        createIssue('carrier.kana_unconverted', `${label}: 半角カナにできない文字「${chars}」を除きました`, {
          severity: 'warning',
          path,
          data: { ...data, chars },
        }),
      );
      const dropped = new Set(converted.unconverted.map((entry) => entry.char));
      text = Array.from(text)
        .filter((char) => !dropped.has(char))
        .join('');
    }
  }
  if (column.unit === 'fullwidth' && column.kind === 'text') text = widen(text);
  if (!PRINTABLE_ASCII.test(text)) text = prepareCell(column, text, subject, options, issues);
  if (column.codes !== undefined && !column.codes.includes(text)) {
    const { path, label, data } = cellWhere(column, subject);
    issues.push(
      createIssue('carrier.invalid_code', `${label}に「${text}」は使えません（${column.codes.join('、')}）`, {
        path,
        data: { ...data, value: text, allowed: column.codes },
      }),
    );
  }
  if (column.kind === 'digits' && !/^\d*$/.test(text)) {
    const { path, label, data } = cellWhere(column, subject);
    issues.push(
      createIssue('carrier.not_digits', `${label}は半角数字のみです（「${text}」）`, {
        path,
        data: { ...data, value: text },
      }),
    );
  }
  const length =
    column.unit === 'bytes' && PRINTABLE_ASCII.test(text) ? text.length : measure(text, column.unit);
  if (length <= column.max) return text;
  const { path, label, data } = cellWhere(column, subject);
  const unit = column.unit === 'bytes' ? 'バイト' : '文字';
  if (column.kind === 'text' || column.kind === 'kana') {
    const written = cutTo(text, column.max, column.unit).head;
    issues.push(
      createIssue(
        'carrier.field_truncated',
        `${label}が${column.max}${unit}を超えるため「${text.slice(written.length)}」を切り捨てました`,
        {
          severity: 'warning',
          path,
          data: { ...data, max: column.max, unit: column.unit, original: text, written },
        },
      ),
    );
    return written;
  }
  issues.push(
    createIssue('carrier.field_too_long', `${label}「${text}」が${column.max}${unit}を超えています`, {
      path,
      data: { ...data, max: column.max, unit: column.unit, value: text },
    }),
  );
  return text;
}

/** Which shipment is on which line of a label file (行と伝票の対応). */
export interface LabelRow {
  /** 1-based line in the file (the header, when written, is line 1). */
  readonly line: number;
  readonly shipmentId: string;
  readonly slipNumber: string;
  /** The key written to the customer-management-number column (お客様管理番号), used to match tracking. */
  readonly key: string;
}

/** One written label file (送り状データファイル): CP932 bytes with CRLF, the text they hold, and its rows. */
export interface LabelFile {
  /** Suggested file name. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly rows: LabelRow[];
}

/** A shipment left out of the files because of an error, with every issue found on it. */
export interface RejectedShipment {
  readonly shipmentId: string;
  readonly slipNumber: string;
  readonly issues: Issue[];
}

/**
 * The outcome of a label writer (送り状データ出力結果). Always `counts.shipments === counts.written +
 * counts.rejected`; `issues` holds every issue (warnings of written shipments included).
 */
export interface LabelBatch {
  readonly system: string;
  readonly files: LabelFile[];
  readonly rejected: RejectedShipment[];
  readonly issues: Issue[];
  readonly counts: { readonly shipments: number; readonly written: number; readonly rejected: number };
}

/** A row ready to render: its subject, key, context and the issues found while building the context. */
export interface PreparedRow<C> {
  readonly subject: RowSubject;
  readonly key: string;
  readonly context: C | undefined;
  readonly issues: Issue[];
}

/** A whole layout: columns, header row, file split and file naming. */
export interface LabelLayout<C> {
  readonly system: string;
  readonly columns: readonly ColumnSpec<C>[];
  readonly header: boolean;
  /** At most this many data rows per file (e.g. 40 for クリックポスト). */
  readonly maxRowsPerFile?: number;
  readonly quoting: 'minimal' | 'all';
  readonly fileName: (index: number, count: number) => string;
}

/**
 * Prepares, renders and writes shipments one at a time through a layout (CP932, CRLF): rows with an error are
 * left out and listed as rejected; the others are written in order, split by `maxRowsPerFile`.
 */
export function writeLayout<C, S>(
  layout: LabelLayout<C>,
  shipments: readonly S[],
  prepare: (shipment: S, index: number) => PreparedRow<C>,
  options: RenderOptions,
): LabelBatch {
  const issues: Issue[] = [];
  const rejected: RejectedShipment[] = [];
  const headerLine = layout.header
    ? csvLine(
        layout.columns.map((column) => column.header),
        layout.quoting === 'all',
      )
    : '';
  const perFile = layout.maxRowsPerFile ?? Number.POSITIVE_INFINITY;
  const drafts: { lines: string[]; rows: LabelRow[] }[] = [];
  let current: { lines: string[]; rows: LabelRow[] } | undefined;
  let written = 0;
  for (let index = 0; index < shipments.length; index++) {
    const row = prepare(shipments[index]!, index);
    const rendered =
      row.context === undefined ? undefined : renderRow(layout.columns, row.context, row.subject, options);
    const rowIssues =
      rendered === undefined || rendered.issues.length === 0
        ? row.issues
        : [...row.issues, ...rendered.issues];
    for (const issue of rowIssues) issues.push(issue);
    if (rendered === undefined || rowIssues.some((issue) => issue.severity === 'error')) {
      rejected.push({
        shipmentId: row.subject.shipmentId,
        slipNumber: row.subject.slipNumber,
        issues: rowIssues,
      });
      continue;
    }
    if (current === undefined || current.rows.length >= perFile) {
      current = { lines: headerLine === '' ? [] : [headerLine], rows: [] };
      drafts.push(current);
    }
    current.lines.push(csvLine(rendered.cells, layout.quoting === 'all'));
    current.rows.push({
      line: current.rows.length + (layout.header ? 2 : 1),
      shipmentId: row.subject.shipmentId,
      slipNumber: row.subject.slipNumber,
      key: row.key,
    });
    written++;
  }
  const files = drafts.map((draft, index) => {
    // Cells were prepared (and restricted to JIS X 0208 when asked) one by one; the header is the carrier's own
    // wording (e飛伝Ⅱ writes 指定シール①), so the file is encoded as plain CP932.
    const encoded = encodeCp932(draft.lines.join(''));
    issues.push(...encoded.issues);
    return {
      name: layout.fileName(index, drafts.length),
      bytes: encoded.ok ? encoded.value.bytes : new Uint8Array(),
      text: encoded.ok ? encoded.value.text : '',
      rows: draft.rows,
    };
  });
  return {
    system: layout.system,
    files,
    rejected,
    issues,
    counts: { shipments: shipments.length, written, rejected: rejected.length },
  };
}

const NEEDS_QUOTES = /[",\r\n]|^[ \t\u3000]|[ \t\u3000]$/;

/**
 * One CSV line with CRLF, quoting (and doubling `"`) a cell that holds a comma, a quote or a line break or starts
 * or ends with a space — or every cell under `quoteAll`. No formula guard: label systems read values as they are.
 */
function csvLine(cells: readonly string[], quoteAll: boolean): string {
  if (quoteAll) return `"${cells.map((cell) => cell.replace(/"/g, '""')).join('","')}"\r\n`;
  let plain = true;
  for (const cell of cells) {
    if (cell !== '' && NEEDS_QUOTES.test(cell)) {
      plain = false;
      break;
    }
  }
  const line = plain
    ? cells.join(',')
    : cells
        .map((cell) => (cell !== '' && NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
        .join(',');
  return `${line}\r\n`;
}
