import { HakobuError, type Issue } from '../result';
import { CsvRowReader, PIECE_CHARS } from './engine';
import { readFailedIssue, StreamText } from './source';
import type { CsvBatch, CsvReadSummary, ReadCsvOptions } from './types';

/**
 * What {@link readCsvStream} reads: a Node `Readable` (e.g. `fs.createReadStream`), a web
 * `ReadableStream<Uint8Array>`, or any async iterable of bytes or text.
 */
export type CsvStreamSource = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/** The batches of a streamed read, then its summary (see {@link readCsvStream}). */
export interface CsvStreamReader<K extends string = string> extends AsyncIterable<CsvBatch<K>> {
  /**
   * The encoding, header, file-level issues and counts. Available once iteration has ended (or was stopped);
   * calling it before is a programmer error (`HakobuError` `csv.stream_not_finished`).
   */
  summary(): CsvReadSummary<K>;
  /** The header row's fields as soon as it is read, before the first batch; `null` before, and without a header. */
  header(): string[] | null;
}

/**
 * Reads a large CSV or TSV file as a stream (CSV分割取込): yields records and rejected rows in batches, one per
 * chunk of input, and never holds the whole file. Same rules and results as {@link readCsv} on the same bytes
 * (encoding detected once from the first 64 KiB, `line` numbers, rejections, issues), with the file-level part in
 * `summary()` once the loop has ended. A refused file yields no batch. Errors of the source (a failed disk read)
 * end the read with a `csv.read_failed` issue instead of throwing. Stopping the loop early stops reading the
 * source; the counts then cover the rows yielded.
 *
 * @example
 * ```ts
 * const reader = readCsvStream(createReadStream('orders.csv'), {
 *   columns: [{ key: 'orderNumber', header: ['注文番号', '受注番号'], required: true }],
 * });
 * for await (const batch of reader) {
 *   for (const record of batch.records) await save(record.values.orderNumber);
 * }
 * const { counts, issues } = reader.summary(); // counts.rows === counts.records + counts.rejected
 * ```
 */
export function readCsvStream<K extends string>(
  source: CsvStreamSource,
  options: ReadCsvOptions<K>,
): CsvStreamReader<K> {
  const reader = new CsvRowReader(options);
  let summary: CsvReadSummary<K> | undefined;
  let iterated = false;
  return {
    [Symbol.asyncIterator]() {
      if (iterated)
        throw new HakobuError('csv.stream_reused', 'A CSV stream reader can be iterated only once');
      iterated = true;
      return readBatches(source, reader, options, (result) => {
        summary = result;
      });
    },
    header: () => reader.headerFields(),
    summary() {
      if (summary === undefined) {
        throw new HakobuError(
          'csv.stream_not_finished',
          'summary() is available once the batches have been read',
        );
      }
      return summary;
    },
  };
}

async function* readBatches<K extends string>(
  source: CsvStreamSource,
  reader: CsvRowReader<K>,
  options: ReadCsvOptions<K>,
  finish: (summary: CsvReadSummary<K>) => void,
): AsyncGenerator<CsvBatch<K>, void, undefined> {
  const text = new StreamText(options.encoding ?? 'auto');
  const failures: Issue[] = [];
  try {
    for await (const chunk of chunksOf(source)) {
      yield* parsePieces(reader, text.write(chunk));
      if (reader.isRefused) break;
    }
    yield* parsePieces(reader, text.end());
    reader.end();
    const last = reader.take();
    if (last.records.length > 0 || last.rejected.length > 0) yield last;
  } catch (error) {
    failures.push(readFailedIssue(error));
  } finally {
    const summary = reader.summary(text.encoding, text.bom);
    finish({ ...summary, issues: [...text.issues, ...failures, ...summary.issues] });
  }
}

function* parsePieces<K extends string>(reader: CsvRowReader<K>, text: string): Generator<CsvBatch<K>> {
  for (let at = 0; at < text.length && !reader.isRefused; at += PIECE_CHARS) {
    reader.push(at === 0 && text.length <= PIECE_CHARS ? text : text.slice(at, at + PIECE_CHARS));
    const batch = reader.take();
    if (batch.records.length > 0 || batch.rejected.length > 0) yield batch;
  }
}

function isWebStream(source: CsvStreamSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === 'function';
}

async function* chunksOf(source: CsvStreamSource): AsyncGenerator<Uint8Array | string, void, undefined> {
  if (!isWebStream(source)) {
    yield* source;
    return;
  }
  const webReader = source.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await webReader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await webReader.cancel();
    webReader.releaseLock();
  }
}
