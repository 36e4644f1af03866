import {
  type CsvCell,
  type CsvWritten,
  cp932ByteLength,
  createIssue,
  fail,
  type Issue,
  ok,
  type Result,
  writeCsv,
} from '@hakobu/core';

/** A column of a written mall item file: its header and the bytes a value may take (未指定 = no limit). */
export interface ItemFileColumn {
  readonly header: string;
  readonly maxBytes?: number;
}

/** One data row of a written mall item file, with its name in messages (`商品「tea」 SKU「100g」`). */
export interface ItemFileRow {
  readonly label: string;
  readonly cells: readonly CsvCell[];
}

/**
 * The longest prefix of whole characters of `text` that fits `maxBytes`, counted as the malls count a
 * byte limit (全角 2 bytes, 半角 1: CP932 bytes, after the substitutions the CP932 writer makes).
 *
 * @example
 * ```ts
 * fitBytes('静岡県産 煎茶', 9); // '静岡県産 '
 * ```
 */
export function fitBytes(text: string, maxBytes: number): string {
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (cp932ByteLength(chars.slice(0, middle).join('')) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  return chars.slice(0, low).join('');
}

function lineBreaks(cells: readonly CsvCell[]): number {
  let count = 0;
  for (const cell of cells) if (typeof cell === 'string') count += cell.split(/\r\n|\r|\n/).length - 1;
  return count;
}

/**
 * Writes a mall item file (the machinery every item writer shares): the header row and the data rows,
 * every value longer than its column's `maxBytes` cut to fit and reported (`malls.items.truncated`,
 * warning, naming the row, the column and the file line), every character CP932 cannot hold substituted
 * and reported by `writeCsv` of `@hakobu/core` (its message prefixed with the row and column names), no
 * formula guard (mall upload files are read by machines).
 * The writer's own `issues` come first in the result.
 */
export function writeItemFile(
  mall: string,
  columns: readonly ItemFileColumn[],
  rows: readonly ItemFileRow[],
  issues: readonly Issue[],
  encoding: 'cp932' | 'utf-8',
): Result<CsvWritten> {
  const truncations: Issue[] = [];
  let line = 1;
  const cells = rows.map((row) => {
    line += 1;
    const rowLine = line;
    const fitted = row.cells.map((cell, index) => {
      const maxBytes = columns[index]?.maxBytes;
      if (maxBytes === undefined || typeof cell !== 'string' || cp932ByteLength(cell) <= maxBytes)
        return cell;
      const cut = fitBytes(cell, maxBytes);
      const header = columns[index]?.header ?? '';
      truncations.push(
        createIssue(
          'malls.items.truncated',
          `${mall}の${row.label}の「${header}」は${maxBytes}バイトを超えるため「${cut}」に切り詰めました（元の値「${cell}」）`,
          { severity: 'warning', line: rowLine, data: { header, maxBytes, value: cell, written: cut } },
        ),
      );
      return cut;
    });
    line += lineBreaks(fitted);
    return fitted;
  });
  const written = writeCsv([columns.map((column) => column.header), ...cells], {
    formulaGuard: false,
    encoding,
  });
  const named = written.issues.map((issue) => nameCell(issue, mall, columns, rows));
  const all = [...issues, ...truncations, ...named];
  return written.ok ? ok(written.value, all) : fail(all);
}

/** Names the row and column of a `writeCsv` issue (its path `['rows', n, column]` counts the header as row 0). */
function nameCell(
  issue: Issue,
  mall: string,
  columns: readonly ItemFileColumn[],
  rows: readonly ItemFileRow[],
): Issue {
  const [where, rowIndex, columnIndex] = issue.path ?? [];
  if (where !== 'rows' || typeof rowIndex !== 'number' || typeof columnIndex !== 'number') return issue;
  const row = rows[rowIndex - 1];
  const header = columns[columnIndex]?.header;
  if (row === undefined || header === undefined) return issue;
  return {
    ...issue,
    message: `${mall}の${row.label}の「${header}」: ${issue.message}`,
    data: { ...issue.data, record: row.label, header },
  };
}
