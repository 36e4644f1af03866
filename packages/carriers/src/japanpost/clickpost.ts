import type { Issue } from '@hakobu/core';
import {
  type BaseContext,
  type LabelOptions,
  NO_EXTRAS,
  refuseExtras,
  startRun,
  unavailable,
} from '../labels/common';
import { fitAddress, writeRows } from '../labels/row';
import { assertNumbered, column } from '../layout/columns';
import type { ColumnSpec, LabelBatch } from '../layout/spec';
import type { LabelShipment } from '../shipment/label-shipment';

/** At most this many rows in one クリックポスト まとめ申込 file (reference/carriers.md §3.2 [P]). */
export const CLICKPOST_MAX_ROWS = 40;

/** Options of {@link writeClickPostLabels}. */
export interface ClickPostOptions extends Omit<LabelOptions, 'header'> {
  /** 敬称. Default `'様'`; `'御中'` for companies is chosen per shipment when a company name is set. */
  readonly honorific?: '様' | '御中';
  /** Rows per file. Default {@link CLICKPOST_MAX_ROWS}. */
  readonly maxRowsPerFile?: number;
}

/** Row context of the クリックポスト layout. */
export interface ClickPostContext extends BaseContext {
  readonly address: string[];
  readonly honorific: string;
  readonly content: string;
}

const c = column<ClickPostContext>;

/**
 * The クリックポスト まとめ申込 CSV layout (8 columns, header row), from reference/carriers.md §3.2: postal code as
 * 7 digits, name 20 full-width characters, 4 address lines of 20, 内容品 15.
 */
export const CLICKPOST_COLUMNS: readonly ColumnSpec<ClickPostContext>[] = assertNumbered<ClickPostContext>([
  c(1, 'お届け先郵便番号', 7, 'postal', { required: true, value: (x) => x.destination.postalCode }),
  c(2, 'お届け先氏名', 40, 'text', { required: true, value: (x) => x.destination.name }),
  c(3, 'お届け先敬称', 4, 'code', { codes: ['様', '御中'], value: (x) => x.honorific }),
  c(4, 'お届け先住所1行目', 40, 'text', { required: true, value: (x) => x.address[0] }),
  c(5, 'お届け先住所2行目', 40, 'text', { value: (x) => x.address[1] }),
  c(6, 'お届け先住所3行目', 40, 'text', { value: (x) => x.address[2] }),
  c(7, 'お届け先住所4行目', 40, 'text', { value: (x) => x.address[3] }),
  c(8, '内容品', 30, 'text', { required: true, value: (x) => x.content }),
]);

function clickPostChecks(x: BaseContext, index: number): Issue[] {
  const s = x.shipment;
  const issues: Issue[] = [];
  if (x.service.kind !== 'clickpost') {
    issues.push(
      unavailable(
        s,
        index,
        'service',
        `配送方法「${x.service.kind}」はクリックポストのファイルに出力できません`,
      ),
    );
  }
  if (x.service.freight === 'recipient')
    issues.push(unavailable(s, index, 'service', 'クリックポストに着払いはありません'));
  if (s.temperature !== 'ambient')
    issues.push(unavailable(s, index, 'temperature', 'クリックポストではクール便を指定できません'));
  if (s.timeSlot !== 'none')
    issues.push(unavailable(s, index, 'timeSlot', 'クリックポストでは配達時間帯を指定できません'));
  if (s.requestedDate !== undefined)
    issues.push(unavailable(s, index, 'requestedDate', 'クリックポストではお届け日を指定できません'));
  if (x.codAmount > 0)
    issues.push(unavailable(s, index, 'codAmount', 'クリックポストでは代金引換を指定できません'));
  return issues;
}

/**
 * Writes shipments as クリックポスト まとめ申込 CSV files (日本郵便, CP932, CRLF, header row), at most 40 rows a
 * file: the batch holds as many files as needed, each with its rows. The format has no key column, so tracking
 * comes back by postal code and name ({@link readTracking}); cool, time slot, delivery date and COD do
 * not exist for クリックポスト and are errors.
 *
 * @example
 * ```ts
 * const batch = writeClickPostLabels(shipments, { orders });
 * batch.files.map((file) => file.name); // ['clickpost-1.csv', 'clickpost-2.csv', 'clickpost-3.csv']
 * ```
 */
export function writeClickPostLabels(
  shipments: readonly LabelShipment[],
  options: ClickPostOptions = {},
): LabelBatch {
  return writeRows<ClickPostContext>(shipments, startRun(options), {
    carrier: 'japanpost',
    defaultService: 'clickpost',
    needsShipper: false,
    layout: {
      system: 'japanpost-clickpost',
      columns: CLICKPOST_COLUMNS,
      header: true,
      maxRowsPerFile: options.maxRowsPerFile ?? CLICKPOST_MAX_ROWS,
      quoting: 'minimal',
      fileName: (index) => `clickpost-${index + 1}.csv`,
    },
    extend: (base, index, issues) => {
      issues.push(...clickPostChecks(base, index));
      issues.push(...refuseExtras(base, index, 'クリックポスト', NO_EXTRAS));
      return {
        address: fitAddress(
          [base.destination.address, base.destination.building, base.destination.company],
          [40, 40, 40, 40],
          'bytes',
          { shipment: base.shipment, index, who: 'お届け先', room: '4行（各20文字）', field: 'destination' },
          issues,
        ),
        honorific: options.honorific ?? (base.destination.company === '' ? '様' : '御中'),
        content:
          base.items.length > 1 ? `${base.items[0]} 他${base.items.length - 1}点` : (base.items[0] ?? ''),
      };
    },
  });
}
