import { decodeText, type TextEncoding } from '../cp932';
import type { Issue } from '../result';
import { CsvRowReader } from './engine';
import { chooseEncoding, readFailedIssue } from './source';
import type { CsvReadResult, ReadCsvOptions } from './types';

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
    reader.push(text);
    reader.end();
  } catch (error) {
    sourceIssues.push(readFailedIssue(error));
  }
  const summary = reader.summary(encoding, bom);
  const { records, rejected } = reader.take();
  return { ...summary, issues: [...sourceIssues, ...summary.issues], records, rejected };
}
