import type { Issue } from '@hakobu/core';
import type { TimeSlot } from '@hakobu/orders';
import {
  type BaseContext,
  formatDate,
  hyphenatedPostal,
  type LabelOptions,
  NO_EXTRAS,
  refuseExtras,
  startRun,
  unavailable,
} from '../labels/common';
import { fitAddress, numberedFiles, writeRows } from '../labels/row';
import { assertNumbered, column, itemSlots } from '../layout/columns';
import { fitLines } from '../layout/fit';
import type { ColumnSpec, LabelBatch } from '../layout/spec';
import type { LabelShipment } from '../shipment/label-shipment';

/**
 * ゆうプリR 配達時間帯区分 as seen in one exporter (reference/carriers.md §3.1, unconfirmed): 51 午前中, 52 12–14,
 * 53 14–16, 54 16–18, 55 18–20, 57 19–21. Override with the `timeSlotCodes` option to match your filter.
 */
export const YUPRI_TIME_SLOTS: Readonly<Record<Exclude<TimeSlot, 'none'>, string>> = {
  am: '51',
  '12-14': '52',
  '14-16': '53',
  '16-18': '54',
  '18-20': '55',
  '19-21': '57',
};

/** ゆうプリR 郵便種別: `0` ゆうパック, `1` ゆうメール, `9` ゆうパケット. */
export const YUPRI_MAIL_TYPES = { standard: '0', mail: '1', packet: '9' } as const;

/** ゆうプリR 保冷種別: `0` なし, `1` チルド, `2` 冷凍. */
export const YUPRI_COOL_CODES = { ambient: '0', chilled: '1', frozen: '2' } as const;

/** Options of {@link writeYupriLabels}. */
export interface YupriOptions extends LabelOptions {
  /** 配達時間帯区分 codes of your ゆうプリR filter. Default {@link YUPRI_TIME_SLOTS} (unconfirmed). */
  readonly timeSlotCodes?: Readonly<Record<Exclude<TimeSlot, 'none'>, string>>;
  /** 送り状種別: the label stock code registered in ゆうプリR, written to every row when given. */
  readonly labelStockCode?: string;
  /** Highest ゆうパック COD amount accepted. Default 500,000 円 (unconfirmed; set it from your contract). */
  readonly codLimit?: number;
}

/** Row context of the hakobu ゆうプリR layout. */
export interface YupriContext extends BaseContext {
  readonly mailType: string;
  readonly cool: string;
  readonly payment: string;
  readonly timeSlot: string;
  readonly address: string[];
  readonly names: string[];
  readonly shipperAddress: string[];
  readonly shipperNames: string[];
  readonly itemNames: string[];
  readonly labelStockCode: string;
}

const c = column<YupriContext>;

/**
 * hakobu's ゆうプリR import layout (ゆうプリR 取込レイアウト, 24 columns, header row). ゆうプリR maps CSV columns
 * through a user-registered 取込フィルタ, so this layout is ours: register a filter with these columns in this
 * order (see the package README). Item names and byte lengths follow the vendor sheet in reference/carriers.md §3.1.
 */
export const YUPRI_COLUMNS: readonly ColumnSpec<YupriContext>[] = assertNumbered<YupriContext>([
  c(1, 'お客様側管理番号', 15, 'ascii', { required: true, value: (x) => x.key }),
  c(2, '発送予定日', 8, 'date', { required: true, value: (x) => formatDate(x.shipDate, '') }),
  c(3, '郵便種別', 1, 'code', {
    required: true,
    codes: Object.values(YUPRI_MAIL_TYPES),
    value: (x) => x.mailType,
  }),
  c(4, '保冷種別', 1, 'code', { codes: Object.values(YUPRI_COOL_CODES), value: (x) => x.cool }),
  c(5, '元／着払／代引', 1, 'code', { codes: ['0', '1', '2'], value: (x) => x.payment }),
  c(6, '送り状種別', 20, 'ascii', { value: (x) => x.labelStockCode }),
  c(7, 'お届け先郵便番号', 8, 'postal', {
    required: true,
    value: (x) => hyphenatedPostal(x.destination.postalCode),
  }),
  c(8, 'お届け先住所1', 50, 'text', { required: true, value: (x) => x.address[0] }),
  c(9, 'お届け先住所2', 50, 'text', { value: (x) => x.address[1] }),
  c(10, 'お届け先住所3', 50, 'text', { value: (x) => x.address[2] }),
  c(11, 'お届け先名称1', 50, 'text', { required: true, value: (x) => x.names[0] }),
  c(12, 'お届け先名称2', 50, 'text', { value: (x) => x.names[1] }),
  c(13, 'お届け先電話番号', 20, 'phone', { required: true, value: (x) => x.destination.phone }),
  c(14, 'ご依頼主郵便番号', 8, 'postal', {
    required: true,
    value: (x) => hyphenatedPostal(x.shipper?.postalCode ?? ''),
  }),
  c(15, 'ご依頼主住所1', 50, 'text', { required: true, value: (x) => x.shipperAddress[0] }),
  c(16, 'ご依頼主住所2', 50, 'text', { value: (x) => x.shipperAddress[1] }),
  c(17, 'ご依頼主名称1', 50, 'text', { required: true, value: (x) => x.shipperNames[0] }),
  c(18, 'ご依頼主名称2', 50, 'text', { value: (x) => x.shipperNames[1] }),
  c(19, 'ご依頼主電話番号', 20, 'phone', { required: true, value: (x) => x.shipper?.phone }),
  c(20, '記事名1', 50, 'text', { value: (x) => x.itemNames[0] }),
  c(21, '記事名2', 50, 'text', { value: (x) => x.itemNames[1] }),
  c(22, '配達指定日', 8, 'date', { value: (x) => formatDate(x.shipment.requestedDate, '') }),
  c(23, '配達時間帯区分', 2, 'code', { value: (x) => x.timeSlot }),
  c(24, '代引金額', 7, 'digits', { value: (x) => (x.codAmount > 0 ? x.codAmount : undefined) }),
]);

const SERVICE_NAMES = { standard: 'ゆうパック', mail: 'ゆうメール', packet: 'ゆうパケット' } as const;

function yupriCodes(x: BaseContext, index: number, options: YupriOptions) {
  const s = x.shipment;
  const issues: Issue[] = [];
  const kind = x.service.kind;
  if (kind !== 'standard' && kind !== 'mail' && kind !== 'packet') {
    issues.push(
      unavailable(s, index, 'service', `配送方法「${kind}」は日本郵便（ゆうプリR）では出力できません`),
    );
    return { mailType: '', cool: '', payment: '', timeSlot: '', issues };
  }
  const name = SERVICE_NAMES[kind];
  const parcel = kind === 'standard';
  if (s.temperature !== 'ambient' && !parcel) {
    issues.push(unavailable(s, index, 'temperature', `${name}では保冷（チルド・冷凍）を指定できません`));
  }
  if (s.timeSlot !== 'none' && !parcel) {
    issues.push(unavailable(s, index, 'timeSlot', `${name}では配達時間帯を指定できません`));
  }
  if (s.requestedDate !== undefined && !parcel) {
    issues.push(unavailable(s, index, 'requestedDate', `${name}ではお届け日を指定できません`));
  }
  if (x.codAmount > 0 && !parcel) {
    issues.push(unavailable(s, index, 'codAmount', `${name}では代金引換を指定できません`));
  }
  if (x.codAmount > 0 && x.service.freight === 'recipient') {
    issues.push(unavailable(s, index, 'codAmount', '着払いに代金引換は指定できません'));
  }
  const limit = options.codLimit ?? 500_000;
  if (x.codAmount > limit) {
    issues.push(
      unavailable(s, index, 'codAmount', `代金引換額${x.codAmount}円は上限${limit}円を超えています`, {
        limit,
      }),
    );
  }
  const slots = options.timeSlotCodes ?? YUPRI_TIME_SLOTS;
  return {
    mailType: YUPRI_MAIL_TYPES[kind],
    cool: YUPRI_COOL_CODES[s.temperature],
    payment: x.codAmount > 0 ? '2' : x.service.freight === 'recipient' ? '1' : '0',
    timeSlot: s.timeSlot === 'none' ? '' : slots[s.timeSlot],
    issues,
  };
}

/**
 * Writes shipments in hakobu's ゆうプリR layout (ゆうパックプリントR 取込データ, CP932, CRLF, header row) for
 * ゆうパック, ゆうパケット and ゆうメール: address on three 50-byte lines, 保冷 for ゆうパック only, COD with 代引.
 * Register {@link YUPRI_COLUMNS} as the 取込フィルタ once (the README lists it).
 *
 * @example
 * ```ts
 * const batch = writeYupriLabels(shipments, { shipper: shop, orders, shipDate: '2026-12-01' });
 * batch.files[0]?.rows; // [{ line: 2, shipmentId: 'o0000001-S1', … }]
 * ```
 */
export function writeYupriLabels(shipments: readonly LabelShipment[], options: YupriOptions): LabelBatch {
  return writeRows<YupriContext>(shipments, startRun(options), {
    carrier: 'japanpost',
    defaultService: 'standard',
    needsShipper: true,
    layout: {
      system: 'japanpost-yupri',
      columns: YUPRI_COLUMNS,
      header: options.header ?? true,
      quoting: 'minimal',
      fileName: numberedFiles('yupri-labels'),
    },
    extend: (base, index, issues) => {
      const codes = yupriCodes(base, index, options);
      issues.push(...codes.issues);
      issues.push(...refuseExtras(base, index, 'ゆうプリR', NO_EXTRAS));
      const address = fitAddress(
        [base.destination.address, base.destination.building],
        [50, 50, 50],
        'bytes',
        { shipment: base.shipment, index, who: 'お届け先', room: '3行（各50バイト）', field: 'destination' },
        issues,
      );
      const names = fitLines([base.destination.company, base.destination.name], [50, 50], 'bytes');
      return {
        mailType: codes.mailType,
        cool: codes.cool,
        payment: codes.payment,
        timeSlot: codes.timeSlot,
        address,
        names: names.overflow === '' ? names.lines : [base.destination.company, base.destination.name],
        shipperAddress: fitLines(
          [base.shipper?.address ?? '', base.shipper?.building ?? ''],
          [50, 50],
          'bytes',
        ).lines,
        shipperNames: fitLines([base.shipper?.company ?? '', base.shipper?.name ?? ''], [50, 50], 'bytes')
          .lines,
        itemNames: itemSlots(base.items, 2),
        labelStockCode: options.labelStockCode ?? '',
      };
    },
  });
}
