import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { readCsv, readCsvRows } from './read';
import type { CsvColumn } from './types';

const orderColumns: CsvColumn<'orderNumber' | 'name' | 'amount' | 'note'>[] = [
  { key: 'orderNumber', header: ['注文番号', '受注番号'], required: true },
  { key: 'name', header: 'お届け先名' },
  { key: 'amount', header: ['合計金額', '請求金額'] },
];

const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);

describe('readCsv: columns', () => {
  it('maps columns by header name and alias, keeping unknown columns in raw', () => {
    const result = readCsv('受注番号,ショップ,お届け先名,請求金額\r\n1001,本店,山田 太郎,1980\r\n', {
      columns: orderColumns,
    });
    expect(result.records).toEqual([
      {
        line: 2,
        values: { orderNumber: '1001', name: '山田 太郎', amount: '1980' },
        raw: ['1001', '本店', '山田 太郎', '1980'],
      },
    ]);
    expect(result.header).toEqual(['受注番号', 'ショップ', 'お届け先名', '請求金額']);
    expect(result.counts).toEqual({ rows: 1, records: 1, rejected: 0, blankLines: 0 });
    expect(result.issues).toEqual([]);
    expect(result.refused).toBe(false);
  });

  it('compares header names after trimming, width folding and BOM removal', () => {
    const result = readCsv('\uFEFF 注文番号　,ｵｰﾀﾞｰ番号,ＳＫＵ\n1,2,3\n', {
      columns: [
        { key: 'orderNumber', header: '注文番号', required: true },
        { key: 'order', header: 'オーダー番号' },
        { key: 'sku', header: 'SKU' },
      ],
    });
    expect(result.bom).toBe(true);
    expect(result.records[0]?.values).toEqual({ orderNumber: '1', order: '2', sku: '3' });
  });

  it('prefers the first alias when the file has several', () => {
    const result = readCsv('受注番号,注文番号\n1,2\n', { columns: orderColumns });
    expect(result.records[0]?.values.orderNumber).toBe('2');
  });

  it('reads an optional missing column as empty and lists it', () => {
    const result = readCsv('注文番号\n1\n', { columns: orderColumns });
    expect(result.records[0]?.values).toEqual({ orderNumber: '1', name: '', amount: '' });
    expect(result.missingColumns).toEqual(['name', 'amount']);
  });

  it('refuses a file without a required column: one file-level error, no rows read', () => {
    const result = readCsv('お届け先名,合計金額\n山田,1\n佐藤,2\n', { columns: orderColumns });
    expect(result.refused).toBe(true);
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.counts).toEqual({ rows: 0, records: 0, rejected: 0, blankLines: 0 });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'csv.missing_column', severity: 'error', line: 1 });
    expect(result.issues[0]?.message).toContain('「注文番号」または「受注番号」');
  });

  it('reports duplicate header names and reads the first', () => {
    const result = readCsv('注文番号,お届け先名,注文番号\n1,山田,2\n', { columns: orderColumns });
    expect(result.records[0]?.values.orderNumber).toBe('1');
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'csv.duplicate_header',
        severity: 'warning',
        data: { header: '注文番号', columns: [1, 3] },
      }),
    ]);
  });

  it('maps by position for headerless files', () => {
    const result = readCsv('1001-1,ヤマト,123456789012\n1001-2,佐川,\n', {
      header: false,
      columns: [
        { key: 'slip', index: 0, required: true },
        { key: 'tracking', index: 2 },
        { key: 'missing', index: 5 },
      ],
    });
    expect(result.header).toBeNull();
    expect(result.records.map((record) => [record.line, record.values])).toEqual([
      [1, { slip: '1001-1', tracking: '123456789012', missing: '' }],
      [2, { slip: '1001-2', tracking: '', missing: '' }],
    ]);
    expect(result.missingColumns).toEqual(['missing']);
  });

  it('leaves out raw when keepRaw is false', () => {
    const result = readCsv('注文番号\n1\n', { columns: orderColumns, keepRaw: false });
    expect(result.records[0]).toEqual({ line: 2, values: { orderNumber: '1', name: '', amount: '' } });
  });

  it('reads TSV', () => {
    const result = readCsv('注文番号\tお届け先名\n1\t山田, 太郎\n', {
      columns: orderColumns,
      delimiter: '\t',
    });
    expect(result.records[0]?.values.name).toBe('山田, 太郎');
  });

  it('reads a file that never quotes with quoted: false: a " is part of its value', () => {
    const tsv = '注文番号\tお届け先名\r\n1\t"特選" セット\r\n\r\n2\t15" モニター\r\n3\t""\r\n';
    const result = readCsv(tsv, { columns: orderColumns, delimiter: '\t', quoted: false });
    expect(result.records.map((r) => [r.line, r.values.name])).toEqual([
      [2, '"特選" セット'],
      [4, '15" モニター'],
      [5, '""'],
    ]);
    expect(result.counts).toEqual({ rows: 3, records: 3, rejected: 0, blankLines: 1 });
    const quoted = readCsv(tsv, { columns: orderColumns, delimiter: '\t' });
    expect(quoted.records.map((r) => r.values.name)).not.toContain('15" モニター');
  });

  it('throws HakobuError for malformed column specs', () => {
    expect(() => readCsv('a', { columns: [] })).toThrow(HakobuError);
    expect(() =>
      readCsv('a', {
        columns: [
          { key: 'a', header: 'x' },
          { key: 'a', header: 'y' },
        ],
      }),
    ).toThrow(/used twice/);
    expect(() => readCsv('a', { header: false, columns: [{ key: 'a', header: 'x' }] })).toThrow(
      /needs an index/,
    );
  });
});

describe('readCsv: quoting and line numbers', () => {
  it('reads quoted fields holding commas, quotes and CRLF, and counts the lines they span', () => {
    const text =
      '注文番号,お届け先名,備考\r\n' +
      '1,"山田, 太郎","1行目\r\n2行目\r\n3行目"\r\n' +
      '2,"佐藤 ""花子""",\r\n' +
      '3,鈴木,"改行\n"\r\n' +
      '4,高橋,x\r\n';
    const result = readCsv(text, { columns: [...orderColumns, { key: 'note', header: '備考' }] });
    expect(result.records.map((record) => [record.line, record.values.name, record.values.note])).toEqual([
      [2, '山田, 太郎', '1行目\r\n2行目\r\n3行目'],
      [5, '佐藤 "花子"', ''],
      [6, '鈴木', '改行\n'],
      [8, '高橋', 'x'],
    ]);
  });

  it('rejects ragged rows with the expected and found field counts', () => {
    const result = readCsv('注文番号,お届け先名\n1,山田\n2\n3,佐藤,余分\n4,高橋', { columns: orderColumns });
    expect(result.records.map((record) => record.line)).toEqual([2, 5]);
    expect(result.rejected).toEqual([
      {
        line: 3,
        raw: ['2'],
        issues: [
          expect.objectContaining({ code: 'csv.field_count', line: 3, data: { expected: 2, found: 1 } }),
        ],
      },
      {
        line: 4,
        raw: ['3', '佐藤', '余分'],
        issues: [expect.objectContaining({ code: 'csv.field_count', data: { expected: 2, found: 3 } })],
      },
    ]);
    expect(result.counts).toEqual({ rows: 4, records: 2, rejected: 2, blankLines: 0 });
  });

  it('rejects the row of an unterminated quote, naming the line the quote opens', () => {
    const result = readCsv('注文番号,お届け先名\n1,山田\n2,"佐藤\n3,鈴木\n', { columns: orderColumns });
    expect(result.records.map((record) => record.line)).toEqual([2]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ line: 3, raw: ['2', '佐藤\n3,鈴木\n'] });
    expect(result.rejected[0]?.issues).toEqual([
      expect.objectContaining({ code: 'csv.unterminated_quote', line: 3 }),
    ]);
    expect(result.counts).toEqual({ rows: 2, records: 1, rejected: 1, blankLines: 0 });
  });

  it('rejects a row whose closing quote is followed by text', () => {
    const result = readCsv('注文番号,お届け先名\n1,"山田"様,\n2,"佐藤"\n', { columns: orderColumns });
    expect(result.counts.rows).toBe(result.counts.records + result.counts.rejected);
    expect(result.rejected[0]?.issues[0]?.code).toBe('csv.invalid_quote');
  });

  it('skips blank lines, counts them and reports them once', () => {
    const result = readCsv('\n注文番号\n1\n\n\n2\n\n', { columns: orderColumns });
    expect(result.records.map((record) => record.line)).toEqual([3, 6]);
    expect(result.counts).toEqual({ rows: 2, records: 2, rejected: 0, blankLines: 4 });
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'csv.blank_lines',
        severity: 'info',
        data: { count: 4, lines: [1, 4, 5, 7] },
      }),
    ]);
  });

  it('reads CR-only line breaks and a last line without a break', () => {
    const result = readCsv('注文番号\r1\r2', { columns: orderColumns });
    expect(result.records.map((record) => [record.line, record.values.orderNumber])).toEqual([
      [2, '1'],
      [3, '2'],
    ]);
  });
});

describe('readCsv: empty files and encodings', () => {
  it.each([
    ['an empty string', ''],
    ['empty bytes', new Uint8Array()],
    ['a BOM only', withBom(new Uint8Array())],
    ['blank lines only', '\r\n\r\n'],
  ])('refuses %s with csv.empty', (_, input) => {
    const result = readCsv(input, { columns: orderColumns });
    expect(result.refused).toBe(true);
    expect(result.issues.map((issue) => issue.code)).toContain('csv.empty');
    expect(result.counts.rows).toBe(0);
  });

  it('reads a header-only file as zero rows without refusing it', () => {
    const result = readCsv('注文番号,お届け先名\r\n', { columns: orderColumns });
    expect(result.refused).toBe(false);
    expect(result.counts).toEqual({ rows: 0, records: 0, rejected: 0, blankLines: 0 });
  });

  const text = '注文番号,お届け先名\r\n1,髙橋 ｶﾞｰﾃﾞﾝ①\r\n';
  it.each([
    ['CP932', sjis(text), 'cp932', false],
    ['UTF-8', utf8(text), 'utf-8', false],
    ['UTF-8 with BOM', withBom(utf8(text)), 'utf-8', true],
  ] as const)('detects and reads %s', (_, bytes, encoding, bom) => {
    const result = readCsv(bytes, { columns: orderColumns });
    expect(result.encoding).toBe(encoding);
    expect(result.bom).toBe(bom);
    expect(result.header).toEqual(['注文番号', 'お届け先名']);
    expect(result.records[0]?.values.name).toBe('髙橋 ｶﾞｰﾃﾞﾝ①');
  });

  it('reads with a forced encoding', () => {
    const result = readCsv(sjis(text), { columns: orderColumns, encoding: 'cp932' });
    expect(result.encoding).toBe('cp932');
    expect(result.records[0]?.values.name).toBe('髙橋 ｶﾞｰﾃﾞﾝ①');
  });

  it('carries decoding issues of garbage bytes and still reads the rows', () => {
    const bytes = new Uint8Array([...sjis('注文番号,お届け先名\r\n1,山田'), 0x82, ...sjis('\r\n2,佐藤\r\n')]);
    const result = readCsv(bytes, { columns: orderColumns, encoding: 'cp932' });
    expect(result.issues.map((issue) => issue.code)).toContain('text.invalid_bytes');
    expect(result.records.map((record) => record.values.orderNumber)).toEqual(['1', '2']);
  });
});

describe('readCsvRows: row text and batches', () => {
  const columns = [
    { key: 'id', header: '番号', required: true },
    { key: 'note', header: '備考' },
  ] as const;

  it('hands a large file over in batches, each row with its text as in the file', () => {
    // Notes with quoted line breaks and quotes, so that rows cross the pieces the text is read in.
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 0
        ? `${i},"一行目\r\n二行目 ""引用"" ${'あ'.repeat(i % 50)}"`
        : `${i},備考${'い'.repeat(i % 40)}`,
    );
    const text = `番号,備考\r\n${lines.join('\r\n')}\r\n`;
    const batches: number[] = [];
    const handed: { line: number; fields: string[]; text?: string }[] = [];
    const result = readCsvRows(text, {
      columns,
      rowText: true,
      onRows: ({ rows, header, columnIndexes, newline }) => {
        expect({ header, columnIndexes, newline }).toEqual({
          header: ['番号', '備考'],
          columnIndexes: { id: 0, note: 1 },
          newline: '\r\n',
        });
        batches.push(rows.length);
        handed.push(...rows);
      },
    });
    expect(batches.length).toBeGreaterThan(3);
    expect(result.rows).toEqual([]);
    expect(result.counts).toEqual({ rows: 10_000, records: 10_000, rejected: 0, blankLines: 0 });
    expect(handed.map((row) => row.text)).toEqual(lines);
    const atOnce = readCsvRows(text, { columns });
    expect(handed.map(({ line, fields }) => ({ line, fields }))).toEqual(atOnce.rows);
    expect(handed[7]).toMatchObject({ line: 10, fields: ['7', '一行目\r\n二行目 "引用" あああああああ'] });
  });

  it('gives the text of a last row without a line break, in LF and CR files', () => {
    for (const newline of ['\n', '\r']) {
      const read = readCsvRows(`番号,備考${newline}1,a${newline}2,"b${newline}c"`, {
        columns,
        rowText: true,
      });
      expect(read.rows.map((row) => row.text)).toEqual(['1,a', `2,"b${newline}c"`]);
    }
  });

  it('reads with the line break it is given instead of the first one found', () => {
    // A lone LF inside an unquoted field of a CRLF file is part of the value when the break is given as CRLF.
    const text = '番号,備考\r\n1,a\nb\r\n2,c\r\n';
    expect(readCsvRows(text, { columns, newline: '\r\n' }).rows.map((row) => row.fields)).toEqual([
      ['1', 'a\nb'],
      ['2', 'c'],
    ]);
  });
});
