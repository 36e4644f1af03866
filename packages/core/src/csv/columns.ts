import { z } from 'zod';
import { createIssue, HakobuError, type Issue } from '../result';
import { foldWidth } from '../text';
import { CsvColumn } from './types';

/** How the columns of one file map to record keys, decided once from its header or first row. */
export interface ColumnPlan<K extends string> {
  /** Keys of the columns present in the file, parallel to `indexes`. */
  readonly keys: readonly K[];
  /** 0-based field position of each key in `keys`. */
  readonly indexes: readonly number[];
  /** Every requested key set to `''`; each record starts as a copy of it. */
  readonly template: Readonly<Record<K, string>>;
  /** The number of fields every data row must have. */
  readonly fieldCount: number;
  readonly missing: K[];
  readonly issues: Issue[];
  readonly refused: boolean;
}

/**
 * Throws for column specs that are a programmer's mistake: a malformed column, a key used twice, or a header
 * column in a file read without a header.
 */
export function checkColumns(columns: readonly CsvColumn[], hasHeader: boolean): void {
  const parsed = z.array(CsvColumn).min(1).safeParse(columns);
  if (!parsed.success) {
    throw new HakobuError('csv.invalid_columns', `Invalid CSV column specs: ${parsed.error.message}`);
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.key) || column.key === '__proto__') {
      throw new HakobuError('csv.invalid_columns', `Column key "${column.key}" is used twice or reserved`);
    }
    seen.add(column.key);
    if (!hasHeader && !('index' in column)) {
      throw new HakobuError(
        'csv.invalid_columns',
        `Column "${column.key}" needs an index: the file has no header`,
      );
    }
  }
}

/** A header name as compared: BOM removed, widths folded (ｵｰﾀﾞｰ → オーダー, ＳＫＵ → SKU), trimmed. */
export function normalizeHeaderName(name: string): string {
  return foldWidth(name.replace(/^\uFEFF/u, '')).trim();
}

function aliasesOf(column: { header: string | readonly string[] }): readonly string[] {
  return typeof column.header === 'string' ? [column.header] : column.header;
}

function duplicateHeaderIssues(names: readonly string[], line: number): Issue[] {
  const positions = new Map<string, number[]>();
  names.forEach((name, index) => {
    if (name === '') return;
    const list = positions.get(name);
    if (list === undefined) positions.set(name, [index + 1]);
    else list.push(index + 1);
  });
  return [...positions]
    .filter(([, list]) => list.length > 1)
    .map(([name, list]) =>
      createIssue(
        'csv.duplicate_header',
        `見出し行（${line}行目）に「${name}」が${list.length}回あります（${list.join('・')}列目）。最初の列を読みます`,
        { severity: 'warning', line, data: { header: name, columns: list } },
      ),
    );
}

function describeColumn(column: CsvColumn): string {
  return 'index' in column
    ? `${column.index + 1}列目（${column.key}）`
    : `「${aliasesOf(column).join('」または「')}」`;
}

/**
 * Decides where each column is: by header name for header columns (the first alias found wins, then the first
 * of duplicate names), by position for index columns. A required column that is absent refuses the file with
 * one `csv.missing_column` error naming every absent column.
 */
export function planColumns<K extends string>(
  columns: readonly CsvColumn<K>[],
  header: readonly string[] | null,
  fieldCount: number,
  line: number,
): ColumnPlan<K> {
  const names = header?.map(normalizeHeaderName) ?? [];
  const firstIndex = new Map<string, number>();
  names.forEach((name, index) => {
    if (!firstIndex.has(name)) firstIndex.set(name, index);
  });
  const keys: K[] = [];
  const indexes: number[] = [];
  const missing: K[] = [];
  const missingRequired: CsvColumn<K>[] = [];
  for (const column of columns) {
    const index =
      'index' in column
        ? column.index < fieldCount
          ? column.index
          : undefined
        : aliasesOf(column)
            .map((alias) => firstIndex.get(normalizeHeaderName(alias)))
            .find((found) => found !== undefined);
    if (index !== undefined) {
      keys.push(column.key);
      indexes.push(index);
    } else if (column.required === true) {
      missingRequired.push(column);
    } else {
      missing.push(column.key);
    }
  }
  const issues = duplicateHeaderIssues(names, line);
  if (missingRequired.length > 0) {
    const where = header === null ? `${line}行目の列数（${fieldCount}列）では` : `見出し行（${line}行目）に`;
    issues.push(
      createIssue(
        'csv.missing_column',
        `${where}必須の列 ${missingRequired.map(describeColumn).join('、')} がありません。ファイルを読み込みませんでした`,
        { line, data: { columns: missingRequired.map((column) => column.key) } },
      ),
    );
  }
  return {
    keys,
    indexes,
    template: recordTemplate(columns.map((column) => column.key)),
    fieldCount,
    missing,
    issues,
    refused: missingRequired.length > 0,
  };
}

/**
 * An object with every key set to `''`, with fast (in-object) properties: JSON.parse builds it that way, and
 * spreading it gives every record the same hidden class. Adding twenty keys one by one instead turns each record
 * into a slow dictionary object (measured about 5× slower for 100,000 rows).
 */
function recordTemplate<K extends string>(keys: readonly K[]): Readonly<Record<K, string>> {
  return JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key) => [key, ''])))) as Record<K, string>;
}
