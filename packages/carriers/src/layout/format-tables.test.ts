import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnTable, FORMAT_TABLES, regenerateGuide } from '../../scripts/format-tables';
import { CLICKPOST_COLUMNS } from '../japanpost/clickpost';

const GUIDE = fileURLToPath(new URL('../../../../docs/guides/carrier-formats.md', import.meta.url));

describe('docs/guides/carrier-formats.md', () => {
  it('holds every layout table exactly as the column specs give it (update with -u)', async () => {
    const { text, unknown, missing } = regenerateGuide(readFileSync(GUIDE, 'utf8'));
    expect({ unknown, missing }).toEqual({ unknown: [], missing: [] });
    await expect(text).toMatchFileSnapshot(GUIDE);
  });

  it('has a note only for columns that exist', () => {
    for (const [system, { columns, notes }] of Object.entries(FORMAT_TABLES)) {
      const numbers = new Set(columns.map((column) => column.no));
      const stray = [...Object.keys(notes.notes).map(Number), ...(notes.unconfirmedLimits ?? [])].filter(
        (no) => !numbers.has(no),
      );
      expect(stray, system).toEqual([]);
    }
  });
});

describe('columnTable', () => {
  it('writes limit and unit, kind, required, written, codes then the note, padded for wide characters', () => {
    const table = columnTable(CLICKPOST_COLUMNS.slice(0, 3), {
      notes: { 3: '御中 for companies' },
      unconfirmedLimits: [2],
    });
    expect(table.split('\n')).toEqual([
      '| No. | 項目             | Limit    | Kind   | Required | Written | Codes / notes               |',
      '| --- | ---------------- | -------- | ------ | -------- | ------- | --------------------------- |',
      '| 1   | お届け先郵便番号 | 7 B      | postal | ✔        | yes     |                             |',
      '| 2   | お届け先氏名     | 40 B [U] | text   | ✔        | yes     |                             |',
      '| 3   | お届け先敬称     | 4 B      | code   |          | yes     | 様 御中; 御中 for companies |',
    ]);
  });
});
