// The column tables of docs/guides/carrier-formats.md, generated from the writers' column specs (B2_COLUMNS,
// EHIDEN2_COLUMNS, EHIDEN3_COLUMNS, YUPRI_COLUMNS, CLICKPOST_COLUMNS) and the notes below, so the guide cannot
// drift from the code. Each table stands between `<!-- columns:<system> -->` and `<!-- /columns -->` in the guide;
// src/layout/format-tables.test.ts checks the guide against this, and rewrites it when run with `-u`:
//
//   npx vitest run packages/carriers/src/layout/format-tables.test.ts -u
import { CLICKPOST_COLUMNS } from '../src/japanpost/clickpost';
import { YUPRI_COLUMNS } from '../src/japanpost/yupri';
import type { ColumnSpec } from '../src/layout/spec';
import { EHIDEN2_COLUMNS, EHIDEN3_COLUMNS } from '../src/sagawa/ehiden';
import { B2_COLUMNS } from '../src/yamato/b2';

/** What a table adds to the specs: a note per column number, and the columns whose limit is unconfirmed [U]. */
interface TableNotes {
  readonly notes: Readonly<Record<number, string>>;
  readonly unconfirmedLimits?: readonly number[];
}

const KEY_NOTE = '`keyOf`, default the shipment id';
const AGENCY = 'required with 収納代行';

const B2_NOTES: TableNotes = {
  notes: {
    1: KEY_NOTE,
    2: 'see 送り状種類 below',
    3: 'blank for 常温',
    5: 'YYYY/MM/DD',
    6: 'YYYY/MM/DD',
    12: 'prefecture + city + street',
    13: 'building',
    14: 'company, continued in 15',
    18: '様 for ゆうメール only',
    27: 'line SKU (`itemCodes`, default on)',
    28: 'required except ゆうメール (3)',
    29: 'line SKU',
    31: '`handling` marks as text (`handlingTexts`)',
    33: '`labelNote`',
    34: 'required for コレクト (2, 9)',
    35: 'required for コレクト (2, 9)',
    36: '`holdAtBranch`',
    37: '`holdAtBranch`',
    38: '`parcels` on 発払い（複数口）',
    39: '3 on 発払い（複数口）',
    40: 'required unless 着払い (5) or ゆうメール (3)',
    41: '`billingClassCode`',
    42: 'required with 40; `freightNumber`, default `01`',
    48: '`notifyByEmail`',
    52: '`notifyOnDelivery`',
    55: '`paymentAgency`',
    57: AGENCY,
    58: AGENCY,
    59: AGENCY,
    60: AGENCY,
    64: AGENCY,
    65: AGENCY,
    66: `${AGENCY}; \`paymentAgencyContact\`, default the shipper`,
    67: AGENCY,
    68: AGENCY,
    70: AGENCY,
    74: 'required for 発払い（複数口） (6): the shipment id, last 20 bytes',
    75: '`searchKeys`',
    87: 'ネコポス; `notifyByEmail`',
    90: 'ネコポス; `notifyOnDelivery`',
    93: 'ネコポス; `notifyShipperOnPosting`',
  },
};

const EHIDEN2_NOTES: TableNotes = {
  notes: {
    3: 'NNN-NNNN',
    9: KEY_NOTE,
    10: '`customerCode`',
    19: '`packing`, default 001 箱類',
    25: '`parcels` (default 1; `maxParcels` 99)',
    26: 'always 000 飛脚宅配便',
    27: '001 指定なし, 002 冷蔵, 003 冷凍',
    28: 'YYYYMMDD',
    29: '`timeSlotScheme`',
    32: 'tax inside the COD amount',
    33: '`codPaymentType`, default blank',
    36: 'eコレクト (`codSeal`), then `seals` in priority',
    39: '`holdAtBranch`',
    41: '`holdAtBranch`',
    42: '1 元払, 2 着払',
  },
  unconfirmedLimits: [11, 12, 25, 31, 32, 41],
};

const EHIDEN3_NOTES: TableNotes = {
  notes: {
    4: 'NNN-NNNN',
    10: KEY_NOTE,
    11: '`customerCode`',
    24: '`packing`, default 001 箱類',
    42: '`parcels` (default 1; `maxParcels` 99)',
    43: 'always 000',
    44: '001 指定なし, 002 冷蔵, 003 冷凍',
    45: 'YYYYMMDD',
    46: '`timeSlotScheme`',
    49: 'tax inside the COD amount',
    50: '`codPaymentType`, default blank',
    52: 'eコレクト (`codSeal`), then `seals` in priority',
    55: '`holdAtBranch`',
    57: '`holdAtBranch`',
    58: '1 元払, 2 着払',
    61: 'YYYYMMDD, the ship date',
  },
};

const YUPRI_NOTES: TableNotes = {
  notes: {
    1: KEY_NOTE,
    2: 'yyyymmdd',
    3: '0 ゆうパック, 1 ゆうメール, 9 ゆうパケット',
    4: '0 なし, 1 チルド, 2 冷凍',
    5: '0 元払, 1 着払, 2 代引',
    6: '`labelStockCode`',
    7: 'NNN-NNNN',
    8: 'address on three 50-byte lines',
    11: 'company, then name',
    22: 'yyyymmdd',
    23: '`timeSlotCodes` [U]',
    24: 'COD only',
  },
  unconfirmedLimits: [20, 21, 22, 23, 24],
};

const CLICKPOST_NOTES: TableNotes = {
  notes: {
    1: '7 digits',
    2: 'the name',
    3: '御中 when a company name is set (`honorific`)',
    4: 'address, building, company over four lines',
    8: 'first item, `他N点` when more',
  },
};

/** The tables of the guide, by the system id in their marker. */
export const FORMAT_TABLES: Readonly<
  Record<string, { columns: readonly ColumnSpec<never>[]; notes: TableNotes }>
> = {
  'yamato-b2': { columns: B2_COLUMNS, notes: B2_NOTES },
  'sagawa-ehiden2': { columns: EHIDEN2_COLUMNS, notes: EHIDEN2_NOTES },
  'sagawa-ehiden3': { columns: EHIDEN3_COLUMNS, notes: EHIDEN3_NOTES },
  'japanpost-yupri': { columns: YUPRI_COLUMNS, notes: YUPRI_NOTES },
  'japanpost-clickpost': { columns: CLICKPOST_COLUMNS, notes: CLICKPOST_NOTES },
};

/** Columns a character takes in a monospaced table: 2 for East Asian wide and full-width ones, as Prettier counts. */
function charWidth(codePoint: number): number {
  const wide =
    codePoint >= 0x1100 &&
    (codePoint <= 0x115f ||
      codePoint === 0x2329 ||
      codePoint === 0x232a ||
      (codePoint >= 0x2e80 && codePoint <= 0x3247 && codePoint !== 0x303f) ||
      (codePoint >= 0x3250 && codePoint <= 0x4dbf) ||
      (codePoint >= 0x4e00 && codePoint <= 0xa4c6) ||
      (codePoint >= 0xa960 && codePoint <= 0xa97c) ||
      (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
      (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
      (codePoint >= 0xfe10 && codePoint <= 0xfe19) ||
      (codePoint >= 0xfe30 && codePoint <= 0xfe6b) ||
      (codePoint >= 0xff01 && codePoint <= 0xff60) ||
      (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
      (codePoint >= 0x1b000 && codePoint <= 0x1b001) ||
      (codePoint >= 0x1f200 && codePoint <= 0x1f251) ||
      (codePoint >= 0x20000 && codePoint <= 0x3fffd));
  return wide ? 2 : 1;
}

function width(text: string): number {
  let total = 0;
  for (const char of text) total += charWidth(char.codePointAt(0)!);
  return total;
}

/** A Markdown table with its columns padded to the widest cell, the layout Prettier gives it. */
function markdownTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((row) => width(row[i]!))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell))).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

/** One layout's column table: position, header, limit and unit, kind, required, written, codes and notes. */
export function columnTable(columns: readonly ColumnSpec<never>[], notes: TableNotes): string {
  const header = ['No.', '項目', 'Limit', 'Kind', 'Required', 'Written', 'Codes / notes'];
  const rows = columns.map((column) => {
    const unit = column.unit === 'bytes' ? 'B' : '全角';
    const unconfirmed = notes.unconfirmedLimits?.includes(column.no) === true ? ' [U]' : '';
    const required = typeof column.required === 'function' ? 'cond.' : column.required === true ? '✔' : '';
    const codes = column.codes?.join(' ') ?? '';
    const note = notes.notes[column.no] ?? '';
    return [
      String(column.no),
      column.header,
      `${column.max} ${unit}${unconfirmed}`,
      column.kind,
      required,
      column.value === undefined ? 'blank' : 'yes',
      codes !== '' && note !== '' ? `${codes}; ${note}` : codes + note,
    ];
  });
  return markdownTable([header, ...rows]);
}

const MARKED = /(<!-- columns:([\w-]+) -->\n\n)[\s\S]*?(\n\n<!-- \/columns -->)/g;

/**
 * The guide with every marked table regenerated; a marker naming no known table is kept and listed in `unknown`,
 * and `missing` lists the tables that have no marker.
 */
export function regenerateGuide(guide: string): { text: string; unknown: string[]; missing: string[] } {
  const unknown: string[] = [];
  const seen = new Set<string>();
  const text = guide.replace(MARKED, (whole, open: string, system: string, close: string) => {
    const table = FORMAT_TABLES[system];
    if (table === undefined) {
      unknown.push(system);
      return whole;
    }
    seen.add(system);
    return `${open}${columnTable(table.columns, table.notes)}${close}`;
  });
  const missing = Object.keys(FORMAT_TABLES).filter((system) => !seen.has(system));
  return { text, unknown, missing };
}
