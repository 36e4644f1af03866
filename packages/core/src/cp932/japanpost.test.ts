import { describe, expect, it } from 'vitest';
import { readJapanpostFile } from '../../test-support/japanpost';
import { decodeText, detectEncoding, encodeCp932 } from './index';

// The measured relationship of ../shared/data/japanpost/README.md, checked row for row.
const kenAllBytes = readJapanpostFile('ken_all.zip');
const utfKenAllBytes = readJapanpostFile('utf_ken_all.zip');

/** Lines of a file (CRLF), without the final empty one. */
function lines(text: string): string[] {
  const all = text.split('\r\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

/** Byte lines of a CP932 file: 0x0D 0x0A never occurs inside a CP932 character (trail bytes are ≥ 0x40). */
function byteLines(bytes: Buffer): Buffer[] {
  const result: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      result.push(bytes.subarray(start, i));
      start = i + 2;
      i++;
    }
  }
  return result;
}

/** Fields of a byte line: 0x2C never occurs inside a CP932 character either. */
function byteFields(line: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === 0x2c) {
      fields.push(line.subarray(start, i));
      start = i + 1;
    }
  }
  return fields;
}

const postalCode = (line: string) => line.split(',')[2] ?? '';

/** Codes with exactly one row in the file, mapped to their line index. */
function singleRowCodes(rows: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(postalCode(row), (counts.get(postalCode(row)) ?? 0) + 1);
  const single = new Map<string, number>();
  rows.forEach((row, index) => {
    if (counts.get(postalCode(row)) === 1) single.set(postalCode(row), index);
  });
  return single;
}

/** Half-width kana field → Japan Post's UTF-8 form: NFKC for the katakana, printable ASCII to full width, `-` → U+2212. */
function foldKana(field: string): string {
  return field
    .normalize('NFKC')
    .replace(/[\x21-\x7e]/g, (char) =>
      char === '-' ? '\u2212' : String.fromCharCode(char.charCodeAt(0) + 0xfee0),
    );
}

/** Windows mapping → JIS mapping in the kanji fields: ～ → 〜, － → −. */
function toJisMapping(field: string): string {
  return field.replaceAll('\uFF5E', '\u301C').replaceAll('\uFF0D', '\u2212');
}

const unquote = (field: string) =>
  field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1) : field;

describe('Japan Post corpus (KEN_ALL.CSV, CP932 / utf_ken_all.csv, UTF-8)', () => {
  const kenAll = decodeText(kenAllBytes);
  const utfKenAll = decodeText(utfKenAllBytes);
  const kenRows = lines(kenAll.text);
  const utfRows = lines(utfKenAll.text);
  const kenSingle = singleRowCodes(kenRows);
  const utfSingle = singleRowCodes(utfRows);
  const shared = [...kenSingle.keys()].filter((code) => utfSingle.has(code));

  it('detects each file’s encoding and decodes both without an issue', () => {
    expect(detectEncoding(kenAllBytes)).toEqual({ encoding: 'cp932', bom: false, ambiguous: false });
    expect(detectEncoding(utfKenAllBytes)).toEqual({ encoding: 'utf-8', bom: false, ambiguous: false });
    // A 4 KiB head cut anywhere still detects right.
    expect(detectEncoding(kenAllBytes.subarray(0, 4097)).encoding).toBe('cp932');
    expect(detectEncoding(utfKenAllBytes.subarray(0, 4097)).encoding).toBe('utf-8');
    expect(kenAll).toMatchObject({ encoding: 'cp932', bom: false, issues: [] });
    expect(utfKenAll).toMatchObject({ encoding: 'utf-8', bom: false, issues: [] });
    expect(kenRows.length).toBe(utfRows.length + 314);
  });

  it('decoded KEN_ALL.CSV rows, folded, equal utf_ken_all.csv rows for the 119,132 single-row codes', () => {
    expect(shared).toHaveLength(119_132);
    const mismatches: string[] = [];
    for (const code of shared) {
      const fields = (kenRows[kenSingle.get(code) ?? -1] ?? '').split(',');
      if (fields.length !== 15) mismatches.push(`${code}: ${fields.length} fields`);
      const folded = fields.map((field, column) =>
        column >= 3 && column <= 5
          ? `"${foldKana(unquote(field))}"`
          : column >= 6 && column <= 8
            ? toJisMapping(field)
            : field,
      );
      const expected = utfRows[utfSingle.get(code) ?? -1];
      if (folded.join(',') !== expected) mismatches.push(`${folded.join(',')} ≠ ${expected}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('encoding utf_ken_all.csv’s kanji fields gives KEN_ALL.CSV’s bytes (〜 and − pre-mapped)', () => {
    const kenByteRows = byteLines(kenAllBytes);
    expect(kenByteRows).toHaveLength(kenRows.length);
    const mismatches: string[] = [];
    let premapped = 0;
    for (const code of shared) {
      const utfFields = (utfRows[utfSingle.get(code) ?? -1] ?? '').split(',');
      const kenFields = byteFields(kenByteRows[kenSingle.get(code) ?? -1] ?? Buffer.alloc(0));
      for (let column = 6; column <= 8; column++) {
        const result = encodeCp932(unquote(utfFields[column] ?? ''));
        if (!result.ok || result.issues.some((issue) => issue.code !== 'cp932.premapped')) {
          mismatches.push(`${code} column ${column}: ${JSON.stringify(result.issues)}`);
          continue;
        }
        premapped += result.issues.length;
        const expected = kenFields[column]?.subarray(1, -1) ?? Buffer.alloc(0); // without the quotes
        if (!Buffer.from(result.value.bytes).equals(expected)) mismatches.push(`${code} column ${column}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(premapped).toBeGreaterThan(0);
  });
});
