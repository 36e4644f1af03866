import {
  createIssue,
  foldWidth,
  type Issue,
  normalizeName,
  normalizePhone,
  normalizePostalCode,
  readCsv,
} from '@hakobu/core';
import type { Shipment } from '@hakobu/orders';
import { type CheckDigitMode, cleanTrackingNumber, validateTrackingNumber } from './number';

/** The issued-slip exports hakobu reads tracking numbers from (発行済データ). */
export const TRACKING_SYSTEMS = [
  'yamato-b2',
  'sagawa-ehiden2',
  'sagawa-ehiden3',
  'japanpost-yupri',
  'japanpost-clickpost',
] as const;
/** @see {@link TRACKING_SYSTEMS} */
export type TrackingSystem = (typeof TRACKING_SYSTEMS)[number];

type Field = 'key' | 'tracking' | 'date' | 'phone' | 'postal' | 'name' | 'group';

/** Where each field is in an export: 0-based positions (headerless) or header names. */
interface TrackingFormat {
  readonly system: TrackingSystem;
  readonly label: string;
  readonly byHeader: boolean;
  readonly fields: Partial<Record<Field, number | readonly string[]>>;
  /** A row with fewer fields is not this system's export. */
  readonly minColumns: number;
  readonly checkDigit: CheckDigitMode;
  readonly fallback: 'phonePostal' | 'postalName' | 'none';
}

/**
 * The export layouts (reference/carriers.md): B2 発行済データ uses the 入出力 layout (col 1 お客様管理番号, col 4
 * 伝票番号, col 5 出荷予定日, col 9 電話, col 11 郵便番号, col 74 複数口くくりキー — after issue the parent
 * 伝票番号 of a 発払い（複数口） group, one row per parcel; ≥95 columns) or a 2-column file (管理番号, 送り状番号);
 * e飛伝Ⅱ col 1 お問合せ送り状No, col 2 出荷日時, col 13 お客様管理ナンバー; e飛伝Ⅲ col 1, col 3 出荷日付, col 19
 * お客様管理番号; ゆうプリR hakobu's own export filter (by header); クリックポスト by header, matched by postal code
 * and name (its download layout is unconfirmed).
 */
const FORMATS: Record<TrackingSystem, TrackingFormat> = {
  'yamato-b2': {
    system: 'yamato-b2',
    label: 'B2クラウド発行済データ',
    byHeader: false,
    fields: { key: 0, tracking: 3, date: 4, phone: 8, postal: 10, group: 73 },
    minColumns: 95,
    checkDigit: 'strict',
    fallback: 'phonePostal',
  },
  'sagawa-ehiden2': {
    system: 'sagawa-ehiden2',
    label: 'e飛伝Ⅱ出荷実績データ',
    byHeader: false,
    fields: { tracking: 0, date: 1, key: 12 },
    minColumns: 13,
    checkDigit: 'strict',
    fallback: 'none',
  },
  'sagawa-ehiden3': {
    system: 'sagawa-ehiden3',
    label: 'e飛伝Ⅲ出荷実績データ',
    byHeader: false,
    fields: { tracking: 0, date: 2, key: 18 },
    minColumns: 19,
    checkDigit: 'strict',
    fallback: 'none',
  },
  'japanpost-yupri': {
    system: 'japanpost-yupri',
    label: 'ゆうプリR出力データ',
    byHeader: true,
    fields: {
      key: ['お客様側管理番号'],
      tracking: ['お問い合わせ番号', 'お問合せ番号', '追跡番号', '問い合わせ番号'],
      date: ['発送日', '発送予定日'],
      phone: ['お届け先電話番号'],
      postal: ['お届け先郵便番号'],
    },
    minColumns: 2,
    checkDigit: 'strict',
    fallback: 'phonePostal',
  },
  'japanpost-clickpost': {
    system: 'japanpost-clickpost',
    label: 'クリックポスト申込データ',
    byHeader: true,
    fields: {
      tracking: ['追跡番号', 'お問い合わせ番号', '問い合わせ番号'],
      postal: ['お届け先郵便番号'],
      name: ['お届け先氏名', 'お届け先名'],
      date: ['発送日', '申込日'],
    },
    minColumns: 2,
    checkDigit: 'warn',
    fallback: 'postalName',
  },
};

/** A tracking number matched to its shipment, ready for `applyTracking` of `@hakobu/orders`. */
export interface TrackingMatch {
  readonly line: number;
  readonly shipmentId: string;
  readonly slipNumber: string;
  readonly trackingNumber: string;
  /** 出荷日, `YYYY-MM-DD`. */
  readonly shippedOn: string;
  /**
   * How it was matched: by the key written to the label (on this row, or on another parcel row of the same B2
   * 複数口 group), or by the fallback.
   */
  readonly matchedBy: 'key' | 'phonePostal' | 'postalName';
}

/**
 * Every tracking number a file gives one shipment (伝票ごとのお問い合わせ番号): one for most, one per parcel for a
 * B2 発払い（複数口） shipment, whose export has a row per parcel.
 */
export interface ShipmentTracking {
  readonly shipmentId: string;
  readonly slipNumber: string;
  /** Without repeats, in file order, but the parent number (親伝票番号) of a 複数口 group first. */
  readonly trackingNumbers: string[];
  /** 出荷日 of its first row, `YYYY-MM-DD`. */
  readonly shippedOn: string;
  /** The rows it was read from. */
  readonly lines: number[];
}

/** A valid row that no shipment matches. */
export interface UnmatchedTracking {
  readonly line: number;
  readonly key: string;
  readonly trackingNumber: string;
  readonly issues: Issue[];
}

/** A row that cannot be used (bad number, no date, wrong shape), with why. */
export interface InvalidTracking {
  readonly line: number;
  readonly raw: string[];
  readonly issues: Issue[];
}

/**
 * The outcome of {@link readTracking} (送り状番号取込結果). Always `counts.rows === counts.applied +
 * counts.unmatched + counts.invalid`.
 */
export interface TrackingImport {
  readonly system: TrackingSystem;
  /** One match per row: a shipment with several parcels has several, all with its slip number. */
  readonly applied: TrackingMatch[];
  /** The applied rows by shipment, in order of first appearance: what each shipment gets from this file. */
  readonly shipments: ShipmentTracking[];
  readonly unmatched: UnmatchedTracking[];
  readonly invalid: InvalidTracking[];
  /** Every issue: file-level ones and those of each row. */
  readonly issues: Issue[];
  readonly counts: { rows: number; applied: number; unmatched: number; invalid: number };
}

/** Options of {@link readTracking}. */
export interface ReadTrackingOptions {
  /** The key written to the label (same function as the writer's `keyOf`). Default: the shipment id. */
  readonly keyOf?: (shipment: Shipment) => string;
  /** 出荷日 for rows whose export carries none, `YYYY-MM-DD`. */
  readonly shippedOn?: string;
  /** Override the check-digit strictness (default `strict`, `warn` for クリックポスト). */
  readonly checkDigit?: CheckDigitMode;
}

function toDate(text: string): string | undefined {
  const digits = foldWidth(text).match(/(\d{4})[/-]?(\d{1,2})[/-]?(\d{1,2})/);
  if (digits === null) return undefined;
  const [, y, m, d] = digits;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

function postalKey(text: string): string {
  const postal = normalizePostalCode(text);
  return postal.ok ? postal.value : '';
}

function fallbackKey(kind: 'phonePostal' | 'postalName', a: string, b: string): string {
  return kind === 'phonePostal'
    ? `${normalizePhone(a)}\u0000${postalKey(b)}`
    : `${postalKey(a)}\u0000${normalizeName(b)}`;
}

/** One row of an export, checked: its number (`undefined` when the row cannot be used) and date. */
interface CheckedRow {
  readonly line: number;
  readonly raw: string[];
  readonly values: Partial<Record<Field, string>>;
  readonly number: string | undefined;
  readonly shippedOn: string | undefined;
  /** B2 複数口くくりキー (the parent 伝票番号 once issued), `''` outside a 複数口 group. */
  readonly group: string;
  readonly rowIssues: Issue[];
}

function checkRow(
  record: { line: number; raw?: string[]; values: Partial<Record<Field, string>> },
  mode: CheckDigitMode,
  shippedOnDefault: string | undefined,
): CheckedRow {
  const line = record.line;
  const values = record.values;
  const rowIssues: Issue[] = [];
  const checked = validateTrackingNumber(values.tracking ?? '', mode, { line });
  rowIssues.push(...checked.issues);
  const shippedOn = toDate(values.date ?? '') ?? shippedOnDefault;
  if (shippedOn === undefined) {
    rowIssues.push(
      createIssue(
        'carrier.tracking.no_date',
        `${line}行目: 出荷日が読み取れません（shippedOn を指定してください）`,
        { line },
      ),
    );
  }
  const usable = !rowIssues.some((issue) => issue.severity === 'error');
  return {
    line,
    raw: record.raw ?? [],
    values,
    number: usable ? checked.number : undefined,
    shippedOn,
    group: foldWidth(values.group ?? '').trim(),
    rowIssues,
  };
}

/**
 * The shipment of each B2 複数口 group whose rows name exactly one shipment by key, so that a parcel row whose
 * key was lost (cleared, or not copied by B2) still goes to that shipment, not to a guess by address.
 */
function parcelGroups(rows: readonly CheckedRow[], byKey: Map<string, Shipment>): Map<string, Shipment> {
  const named = new Map<string, Set<Shipment>>();
  for (const row of rows) {
    const key = (row.values.key ?? '').trim();
    const shipment = key === '' ? undefined : byKey.get(key);
    if (row.group === '' || row.number === undefined || shipment === undefined) continue;
    named.set(row.group, (named.get(row.group) ?? new Set()).add(shipment));
  }
  const groups = new Map<string, Shipment>();
  for (const [group, shipments] of named) {
    if (shipments.size === 1) groups.set(group, [...shipments][0]!);
  }
  return groups;
}

/** The applied rows by shipment: numbers without repeats, a 複数口 group's parent number first. */
function byShipment(applied: readonly TrackingMatch[], rows: readonly CheckedRow[]): ShipmentTracking[] {
  const groupOf = new Map(rows.map((row) => [row.line, row.group]));
  const found = new Map<string, ShipmentTracking & { parents: Set<string> }>();
  for (const match of applied) {
    let entry = found.get(match.shipmentId);
    if (entry === undefined) {
      entry = {
        shipmentId: match.shipmentId,
        slipNumber: match.slipNumber,
        trackingNumbers: [],
        shippedOn: match.shippedOn,
        lines: [],
        parents: new Set(),
      };
      found.set(match.shipmentId, entry);
    }
    entry.lines.push(match.line);
    if (!entry.trackingNumbers.includes(match.trackingNumber))
      entry.trackingNumbers.push(match.trackingNumber);
    const group = groupOf.get(match.line) ?? '';
    if (group !== '') entry.parents.add(cleanTrackingNumber(group));
  }
  return [...found.values()].map(({ parents, ...entry }) => {
    const first = entry.trackingNumbers.filter((number) => parents.has(number));
    const rest = entry.trackingNumbers.filter((number) => !parents.has(number));
    return { ...entry, trackingNumbers: [...first, ...rest] };
  });
}

/**
 * Reads a label system's export of issued slips (発行済データ・出荷実績) and matches each tracking number to its
 * shipment (送り状番号の取込): by the key the writer put in お客様管理番号, falling back to phone + postal code (B2,
 * ゆうプリR) or postal code + name (クリックポスト) when the key is missing or unknown and exactly one shipment fits.
 * Numbers are checked (12 digits, mod-7 check digit; hyphens stripped). Nothing is dropped: every row is applied,
 * unmatched or invalid, with its line. A file from another system (too few columns, no usable number) is reported.
 *
 * A B2 発払い（複数口） shipment comes back as one row per parcel, each with its own 伝票番号 and the group's
 * 複数口くくりキー (col 74): every parcel goes to that one shipment — a row whose key was lost through the group's
 * other rows (`carrier.tracking.matched_by_group`, info) rather than by address — and `shipments` lists each
 * shipment once with all its numbers. Feed `applied` to `applyTracking` of `@hakobu/orders` (slipNumber,
 * trackingNumber, shippedOn); a slip with several parcels needs its `append` policy to keep every number.
 *
 * @example
 * ```ts
 * const result = readTracking('yamato-b2', bytes, shipments);
 * result.applied; // [{ line: 1, shipmentId: 'o0000001-S1', trackingNumber: '389711074012', shippedOn: '2026-12-01', matchedBy: 'key', … }]
 * result.counts; // { rows: 3, applied: 2, unmatched: 1, invalid: 0 }
 * result.shipments; // [{ shipmentId: 'o0000001-S1', trackingNumbers: ['389711074012'], lines: [1], … }, …]
 * ```
 */
export function readTracking(
  system: TrackingSystem,
  input: string | Uint8Array,
  shipments: readonly Shipment[],
  options: ReadTrackingOptions = {},
): TrackingImport {
  const format = FORMATS[system] as TrackingFormat | undefined;
  if (format === undefined) {
    const issue = createIssue(
      'carrier.tracking.unknown_system',
      `取込形式「${String(system)}」には対応していません`,
      {
        data: { system, known: TRACKING_SYSTEMS },
      },
    );
    return {
      system,
      applied: [],
      shipments: [],
      unmatched: [],
      invalid: [],
      issues: [issue],
      counts: { rows: 0, applied: 0, unmatched: 0, invalid: 0 },
    };
  }
  const fields = Object.entries(format.fields) as [Field, number | readonly string[]][];
  const read = readCsv<Field>(input, {
    header: format.byHeader,
    columns: fields.map(([key, where]) =>
      typeof where === 'number'
        ? { key, index: where }
        : { key, header: where, required: key === 'tracking' },
    ),
  });
  const issues: Issue[] = [...read.issues];
  const applied: TrackingMatch[] = [];
  const unmatched: UnmatchedTracking[] = [];
  const invalid: InvalidTracking[] = [
    ...read.rejected.map((row) => ({ line: row.line, raw: row.raw, issues: row.issues })),
  ];
  for (const row of read.rejected) issues.push(...row.issues);

  const keyOf = options.keyOf ?? ((shipment: Shipment) => shipment.id);
  const byKey = new Map<string, Shipment>();
  const byFallback = new Map<string, Shipment[]>();
  for (const shipment of shipments) {
    byKey.set(keyOf(shipment), shipment);
    if (format.fallback !== 'none') {
      const d = shipment.destination;
      const key =
        format.fallback === 'phonePostal'
          ? fallbackKey('phonePostal', d.phone, d.postalCode)
          : fallbackKey('postalName', d.postalCode, d.name);
      byFallback.set(key, [...(byFallback.get(key) ?? []), shipment]);
    }
  }

  let records = read.records;
  const first = records[0];
  if (!format.byHeader && first !== undefined) {
    const twoColumn = system === 'yamato-b2' && (first.raw?.length ?? 0) === 2;
    if (twoColumn) {
      records = records.map((record) => ({
        ...record,
        values: { ...record.values, key: record.raw?.[0] ?? '', tracking: record.raw?.[1] ?? '', date: '' },
      }));
    } else if ((first.raw?.length ?? 0) < format.minColumns) {
      const issue = createIssue(
        'carrier.tracking.wrong_format',
        `${format.label}は${format.minColumns}列以上のはずですが、このファイルは${first.raw?.length ?? 0}列です（別のシステムのファイルではありませんか）`,
        { line: first.line, data: { system, columns: first.raw?.length ?? 0 } },
      );
      issues.push(issue);
      for (const record of records)
        invalid.push({ line: record.line, raw: record.raw ?? [], issues: [issue] });
      records = [];
    }
    const head = records[0];
    if (head !== undefined && !/\d/.test(head.values.tracking) && head.line === 1) records = records.slice(1);
  }
  const mode = options.checkDigit ?? format.checkDigit;
  const rows = records.map((record) => checkRow(record, mode, options.shippedOn));
  const groupShipment = parcelGroups(rows, byKey);
  for (const row of rows) {
    const { line, values, rowIssues } = row;
    if (row.number === undefined) {
      issues.push(...rowIssues);
      invalid.push({ line, raw: row.raw, issues: rowIssues });
      continue;
    }
    const number = row.number;
    const key = (values.key ?? '').trim();
    let shipment = key === '' ? undefined : byKey.get(key);
    let matchedBy: TrackingMatch['matchedBy'] = 'key';
    if (shipment === undefined && row.group !== '') {
      shipment = groupShipment.get(row.group);
      if (shipment !== undefined) {
        rowIssues.push(
          createIssue(
            'carrier.tracking.matched_by_group',
            `${line}行目: お問い合わせ番号${number}を同じ複数口（${row.group}）の行の管理番号で伝票${shipment.slipNumber}に対応付けました`,
            { severity: 'info', line, data: { shipmentId: shipment.id, group: row.group } },
          ),
        );
      }
    }
    if (shipment === undefined && format.fallback !== 'none') {
      const candidates =
        byFallback.get(
          format.fallback === 'phonePostal'
            ? fallbackKey('phonePostal', values.phone ?? '', values.postal ?? '')
            : fallbackKey('postalName', values.postal ?? '', values.name ?? ''),
        ) ?? [];
      if (candidates.length === 1) {
        shipment = candidates[0];
        matchedBy = format.fallback;
        rowIssues.push(
          createIssue(
            'carrier.tracking.matched_by_fallback',
            `${line}行目: お問い合わせ番号${number}を${format.fallback === 'phonePostal' ? '電話番号と郵便番号' : '郵便番号と氏名'}で伝票${candidates[0]!.slipNumber}に対応付けました`,
            { severity: 'info', line, data: { shipmentId: candidates[0]!.id } },
          ),
        );
      } else if (candidates.length > 1) {
        rowIssues.push(
          createIssue(
            'carrier.tracking.ambiguous',
            `${line}行目: お問い合わせ番号${number}に当てはまる伝票が${candidates.length}件あり、決められません`,
            {
              line,
              data: { shipmentIds: candidates.map((s) => s.id) },
            },
          ),
        );
      }
    }
    if (shipment === undefined) {
      if (!rowIssues.some((issue) => issue.code === 'carrier.tracking.ambiguous')) {
        rowIssues.push(
          createIssue(
            'carrier.tracking.unmatched',
            `${line}行目: 管理番号「${key}」（お問い合わせ番号${number}）に当たる伝票がありません`,
            {
              line,
              data: { key, trackingNumber: number },
            },
          ),
        );
      }
      issues.push(...rowIssues);
      unmatched.push({ line, key, trackingNumber: number, issues: rowIssues });
      continue;
    }
    issues.push(...rowIssues);
    applied.push({
      line,
      shipmentId: shipment.id,
      slipNumber: shipment.slipNumber,
      trackingNumber: number,
      shippedOn: row.shippedOn!,
      matchedBy,
    });
  }
  if (applied.length === 0 && unmatched.length === 0 && invalid.length > 0) {
    issues.push(
      createIssue(
        'carrier.tracking.no_valid_rows',
        `${format.label}として読める行がありません（ファイルの種類を確認してください）`,
        {
          data: { system },
        },
      ),
    );
  }
  return {
    system,
    applied,
    shipments: byShipment(applied, rows),
    unmatched,
    invalid,
    issues,
    counts: {
      rows: applied.length + unmatched.length + invalid.length,
      applied: applied.length,
      unmatched: unmatched.length,
      invalid: invalid.length,
    },
  };
}
