import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvRows } from './read';
import type { CsvRow } from './types';
import { writeCsv } from './write';

/** Cells that CP932 holds as they are: kanji, kana (both widths), ASCII with CSV's special characters. */
const cell = fc
  .array(
    fc.constantFrom(
      '山',
      '田',
      '髙',
      'ア',
      'ｶ',
      'ﾞ',
      'あ',
      '①',
      'a',
      'Z',
      '1',
      ' ',
      ',',
      '"',
      '\r\n',
      '\n',
      '=',
      '-',
    ),
    {
      maxLength: 8,
    },
  )
  .map((chars) => chars.join(''));

function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** A line that is not a good data row: too few fields, too many, or a quote closed early. */
const badRow = (width: number) =>
  fc.oneof(
    fc.constant(
      Array.from({ length: Math.max(1, width - 1) }, () => 'x').join(',') + (width === 1 ? ',y' : ''),
    ),
    fc.constant(Array.from({ length: width + 1 }, () => 'x').join(',')),
    fc.constant(`"x"y${',x'.repeat(width - 1)}`),
  );

/** `readCsvRows` reads what `readCsv` reads: the same rows, lines, rejections, counts and issues. */
function expectSameAsRows(text: string, columns: { key: string; header: string }[]): void {
  const records = readCsv(text, { columns });
  const { rows, columnIndexes, ...summary } = readCsvRows(text, { columns });
  const { records: _records, ...recordsSummary } = records;
  expect(summary).toEqual(recordsSummary);
  const values = rows.map((row) =>
    Object.fromEntries(
      columns.map(({ key }) => {
        const index = columnIndexes[key];
        return [key, index === undefined ? '' : row.fields[index]];
      }),
    ),
  );
  expect(values).toEqual(records.records.map((record) => record.values));
  expect(rows.map((row) => [row.line, row.fields])).toEqual(
    records.records.map((record) => [record.line, record.raw]),
  );
  expectRowTexts(text, columns, rows);
}

/**
 * Rows handed over in batches with their text are the rows read at once; the texts stand in the file in row
 * order; and, in a file without broken quoting (after which rows are what Papa Parse's recovery makes of them),
 * each text read on its own below the header is that row again.
 */
function expectRowTexts(
  text: string,
  columns: { key: string; header: string }[],
  rows: readonly CsvRow[],
): void {
  const batches: CsvRow[][] = [];
  const withText = readCsvRows(text, {
    columns,
    rowText: true,
    onRows: (batch) => batches.push(batch.rows),
  });
  expect(withText.rows).toEqual([]);
  const handed = batches.flat();
  expect(handed.map((row) => [row.line, row.fields])).toEqual(rows.map((row) => [row.line, row.fields]));
  let at = 0;
  for (const row of handed) {
    const found = text.indexOf(row.text as string, at);
    expect(found).toBeGreaterThanOrEqual(at);
    at = found + (row.text as string).length;
  }
  if (withText.rejected.some((row) => row.issues.some((issue) => issue.code.endsWith('_quote')))) return;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const header = columns.filter((column) => column.key !== 'absent').map((column) => column.header);
  for (const row of handed) {
    const alone = readCsvRows(`${header.join(',')}${newline}${row.text}`, { columns, newline });
    expect(alone.rows.map((again) => again.fields)).toEqual([row.fields]);
  }
}

describe('CSV properties', () => {
  it('always counts rows in = records + rejected, each rejection with a line (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(
            fc.constant(width),
            fc.array(
              fc.oneof(
                fc.array(cell, { minLength: width, maxLength: width }),
                badRow(width),
                fc.constant(''),
              ),
              {
                maxLength: 30,
              },
            ),
            fc.boolean(),
          ),
        ),
        ([width, rows, finalBreak]) => {
          const header = Array.from({ length: width }, (_, i) => `h${i}`);
          const lines = rows.map((row) => (typeof row === 'string' ? row : row.map(quoted).join(',')));
          const text = [header.join(','), ...lines].join('\r\n') + (finalBreak ? '\r\n' : '');
          const result = readCsv(text, { columns: header.map((h) => ({ key: h, header: h })) });
          expect(result.counts.rows).toBe(result.counts.records + result.counts.rejected);
          expect(result.records).toHaveLength(result.counts.records);
          expect(result.rejected).toHaveLength(result.counts.rejected);
          for (const row of result.rejected) {
            expect(row.line).toBeGreaterThan(1);
            expect(row.issues.length).toBeGreaterThan(0);
          }
          // After broken quoting, rows are what Papa Parse's recovery makes of the rest: not bounded by the good ones.
          const brokenQuoting = result.rejected.some((row) =>
            row.issues.some((i) => i.code.endsWith('_quote')),
          );
          const goodRows = rows.filter((row) => Array.isArray(row)).length;
          if (!brokenQuoting) expect(result.counts.records).toBeLessThanOrEqual(goodRows);
          expectSameAsRows(text, [
            ...header.map((h) => ({ key: h, header: h })),
            { key: 'absent', header: 'zz' },
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back what it writes, values and lines, for encodable data (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 20 }),
          ),
        fc.constantFrom('cp932', 'utf-8', 'utf-8-bom'),
        fc.constantFrom('\r\n', '\n'),
        fc.constantFrom('minimal', 'all'),
        (generated, encoding, newline, quoting) => {
          // A row of one empty cell is an empty line, which any reader takes for a blank line.
          const rows = generated.map((row) => (row.length === 1 && row[0] === '' ? ['x'] : row));
          const width = rows[0]?.length ?? 1;
          const columns = Array.from({ length: width }, (_, i) => ({ key: `k${i}`, header: `列${i}` }));
          const records = rows.map((row) => Object.fromEntries(row.map((value, i) => [`k${i}`, value])));
          const out = writeCsv(records, { columns, formulaGuard: false, encoding, newline, quoting });
          expect(out.ok && out.issues).toEqual([]);
          if (!out.ok) return;
          const back = readCsv(out.value.bytes, {
            columns,
            encoding: encoding === 'cp932' ? 'cp932' : 'utf-8',
          });
          expect(back.issues).toEqual([]);
          expect(back.records.map((record) => record.values)).toEqual(records);
          let line = 2;
          for (const [i, record] of back.records.entries()) {
            expect(record.line).toBe(line);
            line += rows[i]!.join('').split('\n').length;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
