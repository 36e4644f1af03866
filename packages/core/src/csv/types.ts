import { z } from 'zod';
import type { TextEncoding } from '../cp932';
import { Issue } from '../result';

/**
 * One column the reader extracts (読み込み列): by header name, with aliases that malls have used for the same
 * column over the years (`{ key: 'orderNumber', header: ['注文番号', '受注番号'], required: true }`), or by
 * 0-based position for headerless files (`{ key: 'trackingNumber', index: 3 }`).
 *
 * Header names are compared after removing a BOM, folding widths (`foldWidth`: ｵｰﾀﾞｰ → オーダー, ＳＫＵ → SKU)
 * and trimming, on both sides. A `required` column missing from the file refuses the file; an optional one
 * reads as `''` and is listed in {@link CsvReadSummary.missingColumns}.
 */
export const CsvColumn = z.union([
  z.object({
    key: z.string().min(1),
    header: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    required: z.boolean().optional(),
  }),
  z.object({
    key: z.string().min(1),
    index: z.number().int().nonnegative(),
    required: z.boolean().optional(),
  }),
]);
/** @see {@link CsvColumn} */
export type CsvColumn<K extends string = string> =
  | { readonly key: K; readonly header: string | readonly string[]; readonly required?: boolean }
  | { readonly key: K; readonly index: number; readonly required?: boolean };

/** The field separator (区切り文字): comma for CSV, tab for TSV. */
export const CsvDelimiter = z.enum([',', '\t']);
/** @see {@link CsvDelimiter} */
export type CsvDelimiter = z.infer<typeof CsvDelimiter>;

/** A line break: CRLF (Windows, most mall files), LF or CR. */
export type CsvNewline = '\r\n' | '\n' | '\r';

/** Options of {@link readCsv} and {@link readCsvStream}. */
export interface ReadCsvOptions<K extends string> {
  /** The columns to extract, each under its `key` in `values` of {@link CsvRecord}. */
  readonly columns: readonly CsvColumn<K>[];
  /**
   * Whether the first non-blank line is a header row (見出し行). Default `true`. Without a header, every
   * column must be given by `index`.
   */
  readonly header?: boolean;
  /** Field separator. Default `','`. */
  readonly delimiter?: CsvDelimiter;
  /**
   * `false` for files that never quote (Amazon's tab-separated reports): a `"` is then an ordinary character
   * of its value and every line is one row. Default `true` (RFC 4180 quoting).
   */
  readonly quoted?: boolean;
  /**
   * The encoding of byte input: `'auto'` (default) detects it once from the first 64 KiB with `detectEncoding`;
   * `'cp932'` or `'utf-8'` forces it. Ignored for string input.
   */
  readonly encoding?: TextEncoding | 'auto';
  /** Keep every row's fields as read in `raw` of {@link CsvRecord}, unknown extra columns included. Default `true`. */
  readonly keepRaw?: boolean;
  /**
   * Give every data row its text as it stands in the file, without its line break (`text` of {@link CsvRecord}
   * and {@link CsvRow}): one string per row, where `raw` is one per field. Default `false`.
   */
  readonly rowText?: boolean;
  /**
   * The line break (改行コード), when the caller knows it. Default: the first CR, LF or CRLF outside quotes; a
   * file of one row without a break reads as LF.
   */
  readonly newline?: CsvNewline;
  /**
   * For headerless files: the number of fields a row must have. Default: the number of fields of the first
   * row. (With a header, a row must have as many fields as the header.)
   */
  readonly fieldCount?: number;
}

/** One data row read and mapped (取込レコード). */
export const CsvRecord = z.object({
  /** 1-based physical line where the row starts; a quoted field holding line breaks moves later rows down. */
  line: z.number().int().positive(),
  /** The value of every requested column, by key; `''` for an optional column the file does not have. */
  values: z.record(z.string(), z.string()),
  /** All fields of the row as read, unknown extra columns included (unless `keepRaw: false`). */
  raw: z.array(z.string()).optional(),
  /** The row's text as in the file, without its line break (with `rowText: true`). */
  text: z.string().optional(),
});
/** @see {@link CsvRecord} */
export type CsvRecord<K extends string = string> = Omit<z.infer<typeof CsvRecord>, 'values'> & {
  values: Record<K, string>;
};

/**
 * One data row as its fields (取込行), for readers that look fields up by position with
 * {@link CsvRowsResult.columnIndexes} instead of holding an object of values per row.
 */
export interface CsvRow {
  /** 1-based physical line where the row starts. */
  readonly line: number;
  /** Every field as read, unknown extra columns included. */
  readonly fields: string[];
  /** The row's text as in the file, without its line break (with `rowText: true`). */
  readonly text?: string;
}

/** A data row that could not be read as a record (取込不可の行), with every reason. */
export const CsvRejectedRow = z.object({
  /** 1-based physical line where the row starts. */
  line: z.number().int().positive(),
  /** The fields as parsed. */
  raw: z.array(z.string()),
  /** Why: `csv.field_count`, `csv.unterminated_quote`, `csv.invalid_quote`. */
  issues: z.array(Issue),
});
/** @see {@link CsvRejectedRow} */
export type CsvRejectedRow = z.infer<typeof CsvRejectedRow>;

/**
 * What was read (件数). Always `rows === records + rejected`: `rows` counts data rows, that is rows other than the
 * header row and blank lines. Blank lines are skipped, counted in `blankLines` and reported once
 * (`csv.blank_lines`, info). A refused file (a required column missing, or an empty file) reads no row:
 * every count but `blankLines` is 0.
 */
export const CsvCounts = z.object({
  rows: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  blankLines: z.number().int().nonnegative(),
});
/** @see {@link CsvCounts} */
export type CsvCounts = z.infer<typeof CsvCounts>;

/** Everything about a read except the rows themselves (読み込み結果の概要). */
export interface CsvReadSummary<K extends string = string> {
  /** The encoding the bytes were read as; `null` for string input. */
  encoding: TextEncoding | null;
  /** True when the input started with a BOM (not part of any value). */
  bom: boolean;
  /** The header row's fields as read (BOM removed), or `null` for headerless files and empty files. */
  header: string[] | null;
  /** Optional columns the file does not have (their values read as `''`). */
  missingColumns: K[];
  /**
   * True when the file was not read at all: a required column is missing (`csv.missing_column`) or the file
   * holds no line (`csv.empty`). Then no row is read or counted.
   */
  refused: boolean;
  /**
   * File-level issues (ファイル全体の問題): decoding (`text.invalid_bytes`), encoding guess
   * (`csv.encoding_ambiguous`), header (`csv.missing_column`, `csv.duplicate_header`), `csv.empty`,
   * `csv.blank_lines`, `csv.read_failed`. Row problems are on the rejected rows instead.
   */
  issues: Issue[];
  /** Row counts; `rows === records + rejected`. */
  counts: CsvCounts;
}

/** The result of {@link readCsv}: every record and rejected row, plus the summary. */
export interface CsvReadResult<K extends string = string> extends CsvReadSummary<K> {
  records: CsvRecord<K>[];
  rejected: CsvRejectedRow[];
}

/** Rows that {@link readCsvRows} hands over as it reads, with what is needed to read their fields. */
export interface CsvRowsBatch<K extends string = string> {
  rows: CsvRow[];
  /** The header row's fields as read, or `null` for a headerless file. */
  header: string[] | null;
  /** The 0-based field position of each requested column by key; a column the file does not have is absent. */
  columnIndexes: Partial<Record<K, number>>;
  /** The file's line break. */
  newline: CsvNewline;
}

/** Options of {@link readCsvRows}: those of {@link readCsv}, and where rows go as they are read. */
export interface ReadCsvRowsOptions<K extends string> extends ReadCsvOptions<K> {
  /**
   * Takes the data rows in batches as they are read (a few hundred at a time), in file order; `rows` of the
   * result is then empty. A caller that turns each batch into its own records and lets the fields go holds the fields
   * of one batch at a time instead of the whole file's.
   */
  readonly onRows?: (batch: CsvRowsBatch<K>) => void;
}

/** The result of {@link readCsvRows}: every row as fields, where each column is, the rejected rows and the summary. */
export interface CsvRowsResult<K extends string = string> extends CsvReadSummary<K> {
  /** The 0-based field position of each requested column by key; a column the file does not have is absent. */
  columnIndexes: Partial<Record<K, number>>;
  rows: CsvRow[];
  rejected: CsvRejectedRow[];
}

/** The rows {@link readCsvStream} yields at a time (one batch per chunk of input). */
export interface CsvBatch<K extends string = string> {
  records: CsvRecord<K>[];
  rejected: CsvRejectedRow[];
}
