import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { readCsv } from './read';
import { type CsvStreamSource, readCsvStream } from './stream';
import type { CsvColumn, CsvReadResult, CsvRecord, CsvRejectedRow, ReadCsvOptions } from './types';

const columns: CsvColumn[] = [
  { key: 'orderNumber', header: ['注文番号', '受注番号'], required: true },
  { key: 'name', header: 'お届け先名' },
  { key: 'note', header: '備考' },
];

async function readAll<K extends string>(
  source: CsvStreamSource,
  options: ReadCsvOptions<K>,
): Promise<CsvReadResult<K> & { batches: number }> {
  const reader = readCsvStream(source, options);
  const records: CsvRecord<K>[] = [];
  const rejected: CsvRejectedRow[] = [];
  let batches = 0;
  const headers: (string[] | null)[] = [];
  for await (const batch of reader) {
    batches++;
    records.push(...batch.records);
    rejected.push(...batch.rejected);
    if (batch.records.length > 0) headers.push(reader.header());
  }
  const summary = reader.summary();
  // The header is known from the first batch on, as the summary gives it at the end.
  for (const header of headers) expect(header).toEqual(summary.header);
  return { ...summary, records, rejected, batches };
}

async function* chunks(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

const text =
  '受注番号,お届け先名,備考\r\n' +
  '1001,髙橋 ｶﾞｰﾃﾞﾝ,"複数行の\r\n備考, カンマ ""引用"""\r\n' +
  '\r\n' +
  '1002,山田①\r\n' +
  '1003,"佐藤",～\r\n';
const sjis = new Uint8Array(iconv.encode(text, 'cp932'));

describe('readCsvStream', () => {
  it('gives the same result as the whole-bytes read for a cut at every byte', async () => {
    const whole = readCsv(sjis, { columns });
    expect(whole.counts).toEqual({ rows: 3, records: 2, rejected: 1, blankLines: 1 });
    for (let cut = 0; cut <= sjis.length; cut++) {
      const { batches: _, ...streamed } = await readAll(chunks(sjis, [cut]), { columns });
      expect(streamed).toEqual(whole);
    }
  });

  it('reads a file that never quotes the same for any chunking (property)', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', '"', ' ', 'あ', '｢', '1') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, newline, cuts) => {
          const tsv =
            ['受注番号\tお届け先名', ...rows.map(([a, b]) => `${a}1\t${b}`)].join(newline) + newline;
          const bytes = new TextEncoder().encode(tsv);
          const options = { columns, delimiter: '\t', quoted: false } as const;
          const whole = readCsv(bytes, options);
          expect(whole.records.map((r) => [r.values.orderNumber, r.values.name])).toEqual(
            rows.map(([a, b]) => [`${a}1`, b]),
          );
          const { batches: _, ...streamed } = await readAll(
            chunks(
              bytes,
              cuts.map((cut) => cut % (bytes.length + 1)),
            ),
            options,
          );
          expect(streamed).toEqual(whole);
        },
      ),
    );
  });

  it('gives the same result for any chunking, in CP932 and UTF-8 (property)', async () => {
    const utf8 = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(sjis, utf8),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (bytes, raw, rowText) => {
          const cuts = raw.map((n) => n % (bytes.length + 1));
          const { batches: _, ...streamed } = await readAll(chunks(bytes, cuts), { columns, rowText });
          expect(streamed).toEqual(readCsv(bytes, { columns, rowText }));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a Node Readable, a web ReadableStream and text chunks', async () => {
    const expected = readCsv(sjis, { columns });
    const { batches: _a, ...fromNode } = await readAll(Readable.from([Buffer.from(sjis)]), { columns });
    expect(fromNode).toEqual(expected);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(sjis.subarray(0, 7));
        controller.enqueue(sjis.subarray(7));
        controller.close();
      },
    });
    const { batches: _b, ...fromWeb } = await readAll(web, { columns });
    expect(fromWeb).toEqual(expected);
    async function* strings() {
      yield text.slice(0, 30);
      yield text.slice(30);
    }
    const fromText = await readAll(strings(), { columns });
    expect(fromText.encoding).toBeNull();
    expect(fromText.records).toEqual(expected.records);
  });

  it('yields bounded batches for a large input given as one chunk', async () => {
    const big = `注文番号\n${Array.from({ length: 50_000 }, (_, i) => `${i}`).join('\n')}\n`;
    const result = await readAll(
      (async function* () {
        yield big;
      })(),
      { columns },
    );
    expect(result.counts.records).toBe(50_000);
    expect(result.records[49_999]).toMatchObject({ line: 50_001, values: { orderNumber: '49999' } });
    expect(result.batches).toBeGreaterThan(1);
  });

  it('stops reading a refused file and yields nothing', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i === 0 ? 'お届け先名\n' : '山田\n';
      }
    }
    const result = await readAll(source(), { columns });
    expect(result.refused).toBe(true);
    expect(result.batches).toBe(0);
    expect(pulled).toBe(1);
    expect(result.issues.map((issue) => issue.code)).toEqual(['csv.missing_column']);
  });

  it('reports a failing source as csv.read_failed, keeping the rows read', async () => {
    async function* source() {
      yield '注文番号\n1\n2\n';
      throw new Error('EIO: disk read failed');
    }
    const result = await readAll(source(), { columns });
    expect(result.records.map((record) => record.values.orderNumber)).toEqual(['1', '2']);
    expect(result.counts).toEqual({ rows: 2, records: 2, rejected: 0, blankLines: 0 });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'csv.read_failed' })]);
  });

  it('counts only the rows yielded when the loop stops early', async () => {
    const reader = readCsvStream(
      (async function* () {
        yield '注文番号\n1\n';
        yield '2\n';
      })(),
      { columns },
    );
    for await (const batch of reader) {
      expect(batch.records).toHaveLength(1);
      break;
    }
    expect(reader.summary().counts).toEqual({ rows: 1, records: 1, rejected: 0, blankLines: 0 });
  });

  it('throws HakobuError for summary() before the end and for a second iteration', async () => {
    const reader = readCsvStream(Readable.from(['注文番号\n1\n']), { columns });
    expect(() => reader.summary()).toThrow(HakobuError);
    for await (const _ of reader) {
      // drain
    }
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
