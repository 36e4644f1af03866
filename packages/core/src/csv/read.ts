import { decodeText, type TextEncoding } from '../cp932';
import type { Issue } from '../result';
import { CsvRowReader, PIECE_CHARS } from './engine';
import { chooseEncoding, readFailedIssue } from './source';
import type {
  CsvNewline,
  CsvReadResult,
  CsvReadSummary,
  CsvRowsResult,
  ReadCsvOptions,
  ReadCsvRowsOptions,
} from './types';

/**
 * Reads a whole CSV or TSV file (CSV取込) from a string or its bytes, mapping columns by header name (with
 * aliases) or position. Bytes are decoded as UTF-8 or CP932, detected once from the first 64 KiB unless
 * `options.encoding` forces one; every invalid byte is a `text.invalid_bytes` issue and a U+FFFD in the value.
 *
 * Nothing is lost silently: `counts.rows === counts.records + counts.rejected` (data rows; the header and blank
 * lines are not rows), every rejected row carries its 1-based `line` and why, and file-level problems are in
 * `issues`. A missing required column or an empty file refuses the file (`refused: true`, no row read). Only a
 * malformed column spec throws (`HakobuError` `csv.invalid_columns`); anything unexpected while reading becomes a
 * `csv.read_failed` issue. For large files use {@link readCsvStream}.
 *
 * @example
 * ```ts
 * const result = readCsv('注文番号,お届け先名\r\n1001,山田 太郎\r\n', {
 *   columns: [
 *     { key: 'orderNumber', header: ['注文番号', '受注番号'], required: true },
 *     { key: 'name', header: 'お届け先名' },
 *   ],
 * });
 * result.records; // [{ line: 2, values: { orderNumber: '1001', name: '山田 太郎' }, raw: ['1001', '山田 太郎'] }]
 * result.counts; // { rows: 1, records: 1, rejected: 0, blankLines: 0 }
 * ```
 */
export function readCsv<K extends string>(
  input: string | Uint8Array,
  options: ReadCsvOptions<K>,
): CsvReadResult<K> {
  const reader = new CsvRowReader(options);
  const summary = readWhole(input, options, reader);
  const { records, rejected } = reader.take();
  return { ...summary, records, rejected };
}

/**
 * Reads a whole CSV or TSV file as {@link readCsv} does, with the same checks, counts and issues, but gives each
 * data row as its fields (`{ line, fields }`) and `columnIndexes` saying where each column is, instead of an
 * object of values per row. For readers that look up many fields of very many rows (the order importers of
 * `@hakobu/malls`): no object is made per row, so a large file reads faster and holds less memory.
 * `counts.rows === counts.records + counts.rejected`, with `records` counting the rows given.
 *
 * @example
 * ```ts
 * const result = readCsvRows('注文番号,お届け先名\r\n1001,山田 太郎\r\n', {
 *   columns: [
 *     { key: 'orderNumber', header: '注文番号', required: true },
 *     { key: 'name', header: 'お届け先名' },
 *   ],
 * });
 * result.columnIndexes; // { orderNumber: 0, name: 1 }
 * result.rows; // [{ line: 2, fields: ['1001', '山田 太郎'] }]
 *
 * // A large file, a batch at a time, each row with its text as in the file:
 * readCsvRows(bytes, {
 *   columns,
 *   rowText: true,
 *   onRows: ({ rows, columnIndexes }) => save(rows.map((row) => toRecord(row, columnIndexes))),
 * });
 * ```
 */
export function readCsvRows<K extends string>(
  input: string | Uint8Array,
  options: ReadCsvRowsOptions<K>,
): CsvRowsResult<K> {
  const reader = new CsvRowReader(options, true);
  const { onRows } = options;
  const summary = readWhole(
    input,
    options,
    reader,
    onRows === undefined
      ? undefined
      : () => {
          const rows = reader.takeRows();
          if (rows.length === 0) return;
          onRows({
            rows,
            header: reader.headerFields(),
            columnIndexes: reader.columnIndexes(),
            newline: reader.lineBreak() as CsvNewline,
          });
        },
  );
  const { rejected } = reader.take();
  return { ...summary, columnIndexes: reader.columnIndexes(), rows: reader.takeRows(), rejected };
}

/**
 * Where the piece of `text` from `at` ends: after the last line feed within {@link PIECE_CHARS}, so that the
 * piece usually ends with a whole row and the next is parsed without joining the rest of this one to it.
 */
function pieceEnd(text: string, at: number): number {
  const limit = at + PIECE_CHARS;
  if (limit >= text.length) return text.length;
  const lineFeed = text.lastIndexOf('\n', limit - 1);
  return lineFeed > at ? lineFeed + 1 : limit;
}

/**
 * Decodes and reads all of `input` into `reader`; the summary with the decoding issues first. With `afterPiece`,
 * the text goes in piece by piece and `afterPiece` runs after each, the end included.
 */
function readWhole<K extends string>(
  input: string | Uint8Array,
  options: ReadCsvOptions<K>,
  reader: CsvRowReader<K>,
  afterPiece?: () => void,
): CsvReadSummary<K> {
  let encoding: TextEncoding | null = null;
  let bom = false;
  const sourceIssues: Issue[] = [];
  try {
    let text: string;
    if (typeof input === 'string') {
      text = input;
    } else {
      const chosen = chooseEncoding(input, options.encoding ?? 'auto');
      const decoded = decodeText(input, { encoding: chosen.encoding });
      ({ encoding, bom } = chosen);
      sourceIssues.push(...chosen.issues, ...decoded.issues);
      text = decoded.text;
    }
    if (afterPiece === undefined) {
      reader.push(text);
    } else {
      for (let at = 0; at < text.length && !reader.isRefused; ) {
        const end = pieceEnd(text, at);
        reader.push(text.slice(at, end));
        afterPiece();
        at = end;
      }
    }
    reader.end();
    afterPiece?.();
  } catch (error) {
    sourceIssues.push(readFailedIssue(error));
  }
  const summary = reader.summary(encoding, bom);
  return { ...summary, issues: [...sourceIssues, ...summary.issues] };
}
