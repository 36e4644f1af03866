import {
  type CsvColumn,
  type CsvNewline,
  type CsvRecord,
  type CsvRejectedRow,
  type CsvRow,
  type CsvStreamSource,
  createIssue,
  type Issue,
  readCsvRows,
  readCsvStream,
  type TextEncoding,
} from '@hakobu/core';
import type { MallOrderDraft } from './draft';
import { FieldReader } from './fields';
import type { MallReadCounts, MallReadResult, RejectedRecord } from './result';

/**
 * The raw record of an order read from a file (取込元データ): the format's name, the file's header fields and the
 * order's rows as their text in the file (without line breaks; a quoted field keeps its own), in file order.
 */
export interface CsvOrderRaw {
  readonly format: string;
  readonly header: string[] | null;
  readonly rows: string[];
}

/**
 * The rows of one order and how to read their fields (受注行グループ), by row position: no object is made per
 * row, so a file of 100,000 rows reads without one.
 */
export interface OrderRows<K extends string> {
  /** The 1-based line of each row, in file order; its length is the number of rows. */
  readonly lines: readonly number[];
  /** The value of column `key` in row `index`; `''` for a column the file does not have. */
  value(index: number, key: K): string;
  /** A field reader for row `index`, naming line, order and the header of each key. */
  reader(index: number): FieldReader;
  /** The order's raw record: format, header and the rows' text. */
  raw(): CsvOrderRaw;
}

/**
 * A mall order file layout (受注CSVレイアウト) as data: the columns by header name, the key column that
 * groups rows into orders, and the function that turns one order's rows into a draft. Issues go to the
 * readers; a draft is rejected when any error was collected.
 */
export interface CsvOrderFormat<K extends string> {
  readonly name: string;
  readonly columns: readonly CsvColumn<K>[];
  readonly delimiter?: ',' | '\t';
  /** `false` for reports that never quote (Amazon): a `"` is part of its value. Default `true`. */
  readonly quoted?: boolean;
  readonly encoding?: TextEncoding | 'auto';
  readonly orderKey: K;
  /** Reads one order's rows; problems go on the group's readers or into `issues`. */
  toDraft(group: OrderRows<K>, issues: Issue[]): MallOrderDraft | undefined;
}

function labelsOf<K extends string>(columns: readonly CsvColumn<K>[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const column of columns) {
    if ('header' in column) {
      labels.set(
        column.key,
        typeof column.header === 'string' ? column.header : (column.header[0] as string),
      );
    } else {
      labels.set(column.key, `${column.index + 1}列目`);
    }
  }
  return labels;
}

function csvOptions<K extends string>(format: CsvOrderFormat<K>) {
  return {
    columns: format.columns,
    delimiter: format.delimiter ?? ',',
    quoted: format.quoted ?? true,
    encoding: format.encoding ?? 'auto',
    rowText: true,
  } as const;
}

/** What one order's rows made: its draft, or the rejection of every row; with the rows' lines and text. */
interface OrderOutcome {
  readonly lines: number[];
  readonly texts: string[];
  readonly draft: MallOrderDraft | undefined;
  readonly issues: Issue[];
  readonly rejected: RejectedRecord[];
}

class Collector<K extends string> {
  readonly drafts: MallOrderDraft[] = [];
  readonly rejected: RejectedRecord[] = [];
  readonly issues: Issue[] = [];
  readonly counts: MallReadCounts = { records: 0, accepted: 0, rejected: 0, orders: 0 };
  private readonly labels: Map<string, string>;
  header: string[] | null = null;

  constructor(private readonly format: CsvOrderFormat<K>) {
    this.labels = labelsOf(format.columns);
  }

  rejectRows(rows: readonly CsvRejectedRow[]): void {
    for (const row of rows) {
      this.counts.records += 1;
      this.counts.rejected += 1;
      this.rejected.push({ line: row.line, issues: row.issues });
    }
  }

  /** Reads one order from its rows, kept as records (a streamed read). */
  readRecords(rows: readonly CsvRecord<K>[]): OrderOutcome {
    return this.read(
      rows.map((row) => row.line),
      rows.map((row) => row.text ?? ''),
      (index, key) => (rows[index] as CsvRecord<K>).values[key],
    );
  }

  /** Reads one order from its rows' fields, found by the file's column positions (a whole-file read). */
  readFields(
    lines: number[],
    texts: string[],
    rows: readonly CsvRow[],
    positions: ReadonlyMap<K, number>,
  ): OrderOutcome {
    return this.read(lines, texts, (index, key) => {
      const at = positions.get(key);
      return at === undefined ? '' : ((rows[index] as CsvRow).fields[at] as string);
    });
  }

  /** Counts an order's outcome and adds its draft or rejected rows to the result. */
  add(outcome: OrderOutcome): void {
    const rows = outcome.lines.length;
    this.counts.records += rows;
    this.issues.push(...outcome.issues);
    if (outcome.draft === undefined) {
      this.counts.rejected += rows;
      this.rejected.push(...outcome.rejected);
      return;
    }
    this.counts.accepted += rows;
    this.counts.orders += 1;
    this.drafts.push(outcome.draft);
  }

  private read(lines: number[], texts: string[], value: OrderRows<K>['value']): OrderOutcome {
    const firstLine = lines[0] as number;
    const orderNumber = value(0, this.format.orderKey);
    const labels = this.labels;
    const format = this.format;
    const header = this.header;
    const readers: FieldReader[] = [];
    const group: OrderRows<K> = {
      lines,
      value,
      reader(index) {
        const line = lines[index] as number;
        const reader = new FieldReader(
          (field) => value(index, field as K),
          { line, record: () => `${line}行目 (注文番号 ${orderNumber || '空'})` },
          (field) => labels.get(field) ?? field,
        );
        readers.push(reader);
        return reader;
      },
      raw: () => ({ format: format.name, header, rows: texts }),
    };
    const issues: Issue[] = [];
    let draft: MallOrderDraft | undefined;
    if (orderNumber === '' || orderNumber === undefined) {
      issues.push(
        createIssue(
          'malls.missing_order_number',
          `${firstLine}行目: 「${labels.get(format.orderKey)}」が空です`,
          {
            line: firstLine,
          },
        ),
      );
    } else {
      try {
        draft = this.format.toDraft(group, issues);
      } catch (error) {
        issues.push(
          createIssue(
            'malls.read_failed',
            `${firstLine}行目 (注文番号 ${orderNumber}) を読めませんでした: ${String(error)}`,
            { line: firstLine },
          ),
        );
        draft = undefined;
      }
    }
    for (const reader of readers) issues.push(...reader.issues);
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (draft !== undefined && errors.length === 0) return { lines, texts, draft, issues, rejected: [] };
    const rejected = lines.map((line): RejectedRecord => {
      const own = errors.filter((issue) => issue.line === line);
      const reasons =
        own.length > 0
          ? own
          : [
              createIssue(
                'malls.order_rejected',
                `${line}行目: 同じ注文 (${orderNumber}) の他の行に誤りがあるため、この注文は取り込みませんでした`,
                { line, data: { lines: errors.map((issue) => issue.line) } },
              ),
              ...(errors.length > 0 && errors.every((issue) => issue.line === undefined) ? errors : []),
            ];
      return { line, mallOrderNumber: orderNumber, issues: reasons };
    });
    return { lines, texts, draft: undefined, issues: [], rejected };
  }
}

/**
 * Reads a whole mall order file with a {@link CsvOrderFormat} (受注CSV取込): columns by header name, rows
 * grouped into orders by the key column (rows of one order need not be adjacent), each order read into a
 * draft. Rows in = accepted + rejected; a bad field rejects every row of its order, each with its line.
 *
 * The rows are read a batch at a time and each order as soon as its rows are complete, so only the rows' text
 * stays in memory, in the raw records. An order whose rows turn up apart is read again from that text with all
 * its rows once the file is read.
 *
 * @example
 * ```ts
 * const result = readOrderCsv(bytes, rakutenOrderCsvFormat({ shopId: 'myshop' }));
 * result.counts; // { records: 120, accepted: 119, rejected: 1, orders: 80 }
 * ```
 */
export function readOrderCsv<K extends string>(
  input: string | Uint8Array,
  format: CsvOrderFormat<K>,
): MallReadResult {
  const collector = new Collector(format);
  const outcomes: OrderOutcome[] = [];
  const outcomeOf = new Map<string, number>();
  /** Rows met apart from the earlier rows of their order, by the index of that order's outcome. */
  const apart = new Map<number, { lines: number[]; texts: string[] }>();
  let positions: ReadonlyMap<K, number> | undefined;
  let newline: CsvNewline = '\r\n';
  let run: CsvRow[] = [];
  let runKey = '';
  const finishRun = (): void => {
    if (run.length === 0 || positions === undefined) return;
    const lines = run.map((row) => row.line);
    const texts = run.map((row) => row.text as string);
    const earlier = outcomeOf.get(runKey);
    if (earlier === undefined) {
      outcomeOf.set(runKey, outcomes.length);
      outcomes.push(collector.readFields(lines, texts, run, positions));
    } else {
      const more = apart.get(earlier);
      if (more === undefined) apart.set(earlier, { lines, texts });
      else {
        more.lines.push(...lines);
        more.texts.push(...texts);
      }
    }
    run = [];
  };
  const read = readCsvRows(input, {
    ...csvOptions(format),
    onRows(batch) {
      if (positions === undefined) {
        positions = new Map(Object.entries(batch.columnIndexes) as [K, number][]);
        newline = batch.newline;
        collector.header = batch.header;
      }
      const keyAt = positions.get(format.orderKey);
      for (const row of batch.rows) {
        const key = keyAt === undefined ? '' : (row.fields[keyAt] as string);
        // Malls write an order's rows together: an order is read once the key changes.
        if (key !== runKey) {
          finishRun();
          runKey = key;
        }
        run.push(row);
      }
    },
  });
  finishRun();
  for (const [index, more] of apart) {
    const earlier = outcomes[index] as OrderOutcome;
    outcomes[index] = readAgain(
      collector,
      format,
      [...earlier.lines, ...more.lines],
      [...earlier.texts, ...more.texts],
      positions as ReadonlyMap<K, number>,
      newline,
    );
  }
  collector.issues.push(...read.issues);
  collector.rejectRows(read.rejected);
  for (const outcome of outcomes) collector.add(outcome);
  return {
    drafts: collector.drafts,
    rejected: collector.rejected,
    issues: collector.issues,
    counts: collector.counts,
  };
}

/**
 * Reads an order again from the text of all its rows, when some came apart from the others in the file: the
 * rows are parsed as they were (same columns, line break and quoting) and keep their lines.
 */
function readAgain<K extends string>(
  collector: Collector<K>,
  format: CsvOrderFormat<K>,
  lines: number[],
  texts: string[],
  positions: ReadonlyMap<K, number>,
  newline: CsvNewline,
): OrderOutcome {
  const again = readCsvRows(texts.join(newline), {
    ...csvOptions(format),
    columns: [...positions].map(([key, index]) => ({ key, index })),
    header: false,
    newline,
  });
  return collector.readFields(lines, texts, again.rows, positions);
}

/** One batch of a streamed order file: the drafts and rejected rows completed so far. */
export interface OrderCsvBatch {
  readonly drafts: MallOrderDraft[];
  readonly rejected: RejectedRecord[];
  readonly issues: Issue[];
}

/** A streamed order file read: batches, then `summary()` with counts and file issues. */
export interface OrderCsvStream extends AsyncIterable<OrderCsvBatch> {
  summary(): { counts: MallReadCounts; issues: Issue[]; header: string[] | null };
}

/**
 * Streams a large mall order file (受注CSV分割取込) with a {@link CsvOrderFormat}: holds only the rows of the
 * current order, yields drafts as orders complete. Rows of one order must be adjacent, as malls write
 * them; rows of an order met again later are rejected with `malls.order_rows_apart`.
 *
 * @example
 * ```ts
 * const stream = readOrderCsvStream(createReadStream('rakuten.csv'), rakutenOrderCsvFormat({ shopId: 'myshop' }));
 * for await (const batch of stream) await importOrders(repository, batch.drafts, ctx);
 * stream.summary().counts; // records === accepted + rejected
 * ```
 */
export function readOrderCsvStream<K extends string>(
  source: CsvStreamSource,
  format: CsvOrderFormat<K>,
): OrderCsvStream {
  const reader = readCsvStream(source, csvOptions(format));
  const collector = new Collector(format);
  let finished = false;
  async function* batches(): AsyncGenerator<OrderCsvBatch> {
    const seen = new Set<string>();
    let current: CsvRecord<K>[] = [];
    let currentKey: string | undefined;
    const take = (): OrderCsvBatch => {
      const batch = {
        drafts: collector.drafts.splice(0),
        rejected: collector.rejected.splice(0),
        issues: collector.issues.splice(0),
      };
      return batch;
    };
    for await (const batch of reader) {
      collector.header ??= reader.header();
      collector.rejectRows(batch.rejected);
      for (const record of batch.records) {
        const key = record.values[format.orderKey];
        if (key === currentKey) {
          current.push(record);
          continue;
        }
        if (current.length > 0) collector.add(collector.readRecords(current));
        if (key !== '' && seen.has(key)) {
          collector.counts.records += 1;
          collector.counts.rejected += 1;
          collector.rejected.push({
            line: record.line,
            mallOrderNumber: key,
            issues: [
              createIssue(
                'malls.order_rows_apart',
                `${record.line}行目: 注文番号 ${key} の行が離れた位置にあります。同じ注文の行は続けて並べてください`,
                { line: record.line },
              ),
            ],
          });
          current = [];
          currentKey = undefined;
          continue;
        }
        seen.add(detach(key));
        current = [record];
        currentKey = key;
      }
      yield take();
    }
    if (current.length > 0) collector.add(collector.readRecords(current));
    const summary = reader.summary();
    collector.header = summary.header;
    collector.issues.push(...summary.issues);
    finished = true;
    yield take();
  }
  let summaryIssues: Issue[] = [];
  return {
    [Symbol.asyncIterator]: () => batches(),
    summary() {
      if (!finished) return { counts: { ...collector.counts }, issues: summaryIssues, header: null };
      summaryIssues = reader.summary().issues;
      return { counts: { ...collector.counts }, issues: summaryIssues, header: reader.summary().header };
    },
  };
}

/**
 * A copy of a short string that does not share memory with the text it was cut from: V8 keeps a whole
 * parsed chunk alive for as long as any slice of it is referenced, and the order numbers seen are kept for
 * the whole file.
 */
function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
