import { createIssue, type Issue } from '@hakobu/core';
import type { TimeSlot } from '@hakobu/orders';
import { z } from 'zod';
import {
  type BaseContext,
  formatDate,
  HANDLING_NAMES,
  hyphenatedPostal,
  type LabelOptions,
  refuseExtras,
  startRun,
  unavailable,
} from '../labels/common';
import { fitAddress, numberedFiles, writeRows } from '../labels/row';
import { assertNumbered, column, itemSlots } from '../layout/columns';
import { fitLines, widen } from '../layout/fit';
import type { ColumnSpec, LabelBatch } from '../layout/spec';
import type { HandlingMark, LabelShipment } from '../shipment/label-shipment';

/**
 * 佐川 配達指定時間帯 codes per contract scheme: `six` (6 区分: 午前中, 12–14, 14–16, 16–18, 18–20, 19–21) or
 * `five` (5 区分: … 16–18, 18–21 as `04`).
 */
export const SAGAWA_TIME_SLOTS = {
  six: { am: '01', '12-14': '12', '14-16': '14', '16-18': '16', '18-20': '18', '19-21': '19' },
  five: { am: '01', '12-14': '12', '14-16': '14', '16-18': '16', '18-20': '04', '19-21': '04' },
} as const satisfies Record<string, Record<Exclude<TimeSlot, 'none'>, string>>;

/** 佐川 クール (便種（商品） / クール便指定): `001` 指定なし, `002` 冷蔵, `003` 冷凍. */
export const SAGAWA_COOL_CODES = { ambient: '001', chilled: '002', frozen: '003' } as const;

/**
 * 佐川 指定シール codes (reference/carriers.md §2.4, third-party sources [P]): クール `001` 冷蔵 / `002` 冷凍,
 * `004` 営業所受取, `005` 指定日配達, `011` 取扱注意, `012` 貴重品, `013` 天地無用; 時間帯指定 — e飛伝Ⅱ `007`
 * (5 区分), `016` (5 区分の午前中), `019` (6 区分); e飛伝Ⅲ one seal per slot, keyed here by the 配達指定時間帯 code
 * (`020` 午前中, `022` 12–14, `023` 14–16, `024` 16–18, `021` 18–21, `025` 18–20, `026` 19–21).
 * The eコレクト seals (`008`–`010`) are the `codSeal` option.
 */
export const SAGAWA_SEALS = {
  cool: { chilled: '001', frozen: '002' },
  branch: '004',
  date: '005',
  handling: { fragile: '011', valuables: '012', thisSideUp: '013' },
  ehiden2TimeSlot: { five: '007', fiveMorning: '016', six: '019' },
  ehiden3TimeSlot: {
    '01': '020',
    '12': '022',
    '14': '023',
    '16': '024',
    '04': '021',
    '18': '025',
    '19': '026',
  },
} as const;

/**
 * The 指定シール kinds a writer adds (指定シールの種類): `cool`, `branch` (営業所受取), `timeSlot` (時間帯指定, or
 * `date` 指定日配達 when no slot is asked: only one of them may be printed), `handling` (取扱注意・貴重品・天地無用).
 */
export const SagawaSealKind = z.enum(['cool', 'branch', 'date', 'timeSlot', 'handling']);
/** @see {@link SagawaSealKind} */
export type SagawaSealKind = z.infer<typeof SagawaSealKind>;

/** Options of {@link writeEhiden2Labels} and {@link writeEhiden3Labels}. */
export interface SagawaOptions extends LabelOptions {
  /** お客様コード: the shop's 12-digit Sagawa customer code registered in e飛伝. */
  readonly customerCode?: string;
  /** The contract's time-slot scheme. Default `six`. */
  readonly timeSlotScheme?: 'six' | 'five';
  /**
   * 指定シール written for COD (eコレクト): `008` 現金, `009` デビット・クレジット, `010` なんでも. Default `'010'`.
   * That COD needs a seal is a third-party finding (reference/carriers.md §2.4 [P]).
   */
  readonly codSeal?: '008' | '009' | '010';
  /** 決済種別 for COD rows. Default blank (指定なし); the code for debit/credit differs between Ⅱ (5) and Ⅲ (3). */
  readonly codPaymentType?: string;
  /** Highest COD amount accepted. Default 300,000 円 (unconfirmed for Sagawa; set it from your contract). */
  readonly codLimit?: number;
  /** 荷姿 code. Default `'001'` 箱類. */
  readonly packing?: '001' | '002' | '003' | '004' | '005' | '006' | '007' | '008';
  /**
   * The 指定シール written besides the COD seal, in this order of priority (three columns; a seal that does not
   * fit is warned about). Default: all of {@link SagawaSealKind}. The seal codes are third-party findings [P].
   */
  readonly seals?: readonly SagawaSealKind[];
  /** Most parcels (出荷個数) on one slip. Default 99 (Sagawa's limit was not found [U]). */
  readonly maxParcels?: number;
}

/** Row context of the e飛伝 layouts. */
export interface SagawaContext extends BaseContext {
  readonly address: string[];
  readonly names: string[];
  readonly shipperAddress: string[];
  readonly shipperNames: string[];
  readonly itemNames: string[];
  readonly cool: string;
  readonly timeSlot: string;
  /** 指定シール１–３. */
  readonly seals: string[];
  /** 営業店コード when held at the branch (営業所受取), else `''`. */
  readonly branch: string;
  readonly freight: '1' | '2';
  readonly customerCode: string;
  readonly packing: string;
  readonly paymentType: string;
}

const c = column<SagawaContext>;
const fw = (no: number, header: string, value?: (x: SagawaContext) => string | undefined, required = false) =>
  c(no, header, 16, 'text', { unit: 'fullwidth', required, ...(value === undefined ? {} : { value }) });

const SLOT_CODES = ['01', '12', '14', '16', '18', '19', '04'];

/**
 * The e飛伝Ⅱ import layout (42 columns, header row), from reference/carriers.md §2.2. Text columns are 16
 * full-width characters (half-width text is widened first, as e飛伝 does).
 */
export const EHIDEN2_COLUMNS: readonly ColumnSpec<SagawaContext>[] = assertNumbered<SagawaContext>([
  c(1, '住所録コード', 12, 'ascii'),
  c(2, 'お届け先電話番号', 14, 'phone', { required: true, value: (x) => x.destination.phone }),
  c(3, 'お届け先郵便番号', 8, 'postal', { value: (x) => hyphenatedPostal(x.destination.postalCode) }),
  fw(4, 'お届け先住所１', (x) => x.address[0], true),
  fw(5, 'お届け先住所２', (x) => x.address[1]),
  fw(6, 'お届け先住所３', (x) => x.address[2]),
  fw(7, 'お届け先名称１', (x) => x.names[0], true),
  fw(8, 'お届け先名称２', (x) => x.names[1]),
  c(9, 'お客様管理ナンバー', 16, 'ascii', { value: (x) => x.key }),
  c(10, 'お客様コード', 12, 'digits', { value: (x) => x.customerCode }),
  fw(11, '部署・担当者'),
  c(12, '荷送人電話番号', 14, 'phone', { value: (x) => x.shipper?.phone }),
  c(13, 'ご依頼主電話番号', 14, 'phone', { value: (x) => x.shipper?.phone }),
  c(14, 'ご依頼主郵便番号', 8, 'postal', { value: (x) => hyphenatedPostal(x.shipper?.postalCode ?? '') }),
  fw(15, 'ご依頼主住所１', (x) => x.shipperAddress[0]),
  fw(16, 'ご依頼主住所２', (x) => x.shipperAddress[1]),
  fw(17, 'ご依頼主名称１', (x) => x.shipperNames[0]),
  fw(18, 'ご依頼主名称２', (x) => x.shipperNames[1]),
  c(19, '荷姿コード', 3, 'code', {
    codes: ['001', '002', '003', '004', '005', '006', '007', '008'],
    value: (x) => x.packing,
  }),
  fw(20, '品名１', (x) => x.itemNames[0]),
  fw(21, '品名２', (x) => x.itemNames[1]),
  fw(22, '品名３', (x) => x.itemNames[2]),
  fw(23, '品名４', (x) => x.itemNames[3]),
  fw(24, '品名５', (x) => x.itemNames[4]),
  c(25, '出荷個数', 3, 'digits', { value: (x) => x.parcels }),
  c(26, '便種（スピードで選択）', 3, 'code', {
    codes: ['000', '001', '002', '003', '004', '005'],
    value: () => '000',
  }),
  c(27, '便種（商品）', 3, 'code', { codes: Object.values(SAGAWA_COOL_CODES), value: (x) => x.cool }),
  c(28, '配達日', 8, 'date', { value: (x) => formatDate(x.shipment.requestedDate, '') }),
  c(29, '配達指定時間帯', 2, 'code', { codes: SLOT_CODES, value: (x) => x.timeSlot }),
  c(30, '配達指定時間（時分）', 4, 'digits'),
  c(31, '代引金額', 8, 'digits', { value: (x) => (x.codAmount > 0 ? x.codAmount : undefined) }),
  c(32, '消費税', 8, 'digits', { value: (x) => (x.codAmount > 0 ? x.codTax : undefined) }),
  c(33, '決済種別', 1, 'code', { codes: ['0', '1', '2', '5'], value: (x) => x.paymentType }),
  c(34, '保険金額', 8, 'digits'),
  c(35, '保険金額印字', 1, 'code'),
  c(36, '指定シール①', 3, 'code', { value: (x) => x.seals[0] }),
  c(37, '指定シール②', 3, 'code', { value: (x) => x.seals[1] }),
  c(38, '指定シール③', 3, 'code', { value: (x) => x.seals[2] }),
  c(39, '営業店止め', 1, 'code', { codes: ['0', '1'], value: (x) => (x.branch === '' ? '' : '1') }),
  c(40, 'ＳＲＣ区分', 1, 'code'),
  c(41, '営業店コード', 10, 'ascii', { value: (x) => x.branch }),
  c(42, '元着区分', 1, 'code', { codes: ['1', '2'], required: true, value: (x) => x.freight }),
]);

/**
 * The e飛伝Ⅲ import layout (74 columns, template 「標準_飛脚宅配便_CSV_ヘッダ有」), from reference/carriers.md §2.3.
 * Lengths other than the 16-character text lines are what working code enforces (unconfirmed by Sagawa).
 */
export const EHIDEN3_COLUMNS: readonly ColumnSpec<SagawaContext>[] = assertNumbered<SagawaContext>([
  c(1, 'お届け先コード取得区分', 1, 'code'),
  c(2, 'お届け先コード', 12, 'ascii'),
  c(3, 'お届け先電話番号', 14, 'phone', { required: true, value: (x) => x.destination.phone }),
  c(4, 'お届け先郵便番号', 8, 'postal', { value: (x) => hyphenatedPostal(x.destination.postalCode) }),
  fw(5, 'お届け先住所１', (x) => x.address[0], true),
  fw(6, 'お届け先住所２', (x) => x.address[1]),
  fw(7, 'お届け先住所３', (x) => x.address[2]),
  fw(8, 'お届け先名称１', (x) => x.names[0], true),
  fw(9, 'お届け先名称２', (x) => x.names[1]),
  c(10, 'お客様管理番号', 16, 'ascii', { value: (x) => x.key }),
  c(11, 'お客様コード', 12, 'digits', { value: (x) => x.customerCode }),
  c(12, '部署ご担当者コード取得区分', 1, 'code'),
  c(13, '部署ご担当者コード', 12, 'ascii'),
  fw(14, '部署ご担当者名称'),
  c(15, '荷送人電話番号', 14, 'phone', { value: (x) => x.shipper?.phone }),
  c(16, 'ご依頼主コード取得区分', 1, 'code'),
  c(17, 'ご依頼主コード', 12, 'ascii'),
  c(18, 'ご依頼主電話番号', 14, 'phone', { value: (x) => x.shipper?.phone }),
  c(19, 'ご依頼主郵便番号', 8, 'postal', { value: (x) => hyphenatedPostal(x.shipper?.postalCode ?? '') }),
  fw(20, 'ご依頼主住所１', (x) => x.shipperAddress[0]),
  fw(21, 'ご依頼主住所２', (x) => x.shipperAddress[1]),
  fw(22, 'ご依頼主名称１', (x) => x.shipperNames[0]),
  fw(23, 'ご依頼主名称２', (x) => x.shipperNames[1]),
  c(24, '荷姿', 3, 'code', {
    codes: ['001', '002', '003', '004', '005', '006', '007', '008'],
    value: (x) => x.packing,
  }),
  fw(25, '品名１', (x) => x.itemNames[0]),
  fw(26, '品名２', (x) => x.itemNames[1]),
  fw(27, '品名３', (x) => x.itemNames[2]),
  fw(28, '品名４', (x) => x.itemNames[3]),
  fw(29, '品名５', (x) => x.itemNames[4]),
  c(30, '荷札荷姿', 3, 'code'),
  ...Array.from({ length: 11 }, (_, i) => fw(31 + i, `荷札品名${widen(String(i + 1))}`)),
  c(42, '出荷個数', 3, 'digits', { value: (x) => x.parcels }),
  c(43, 'スピード指定', 3, 'code', { value: () => '000' }),
  c(44, 'クール便指定', 3, 'code', { codes: Object.values(SAGAWA_COOL_CODES), value: (x) => x.cool }),
  c(45, '配達日', 8, 'date', { value: (x) => formatDate(x.shipment.requestedDate, '') }),
  c(46, '配達指定時間帯', 2, 'code', { codes: SLOT_CODES, value: (x) => x.timeSlot }),
  c(47, '配達指定時間（時分）', 4, 'digits'),
  c(48, '代引金額', 8, 'digits', { value: (x) => (x.codAmount > 0 ? x.codAmount : undefined) }),
  c(49, '消費税', 8, 'digits', { value: (x) => (x.codAmount > 0 ? x.codTax : undefined) }),
  c(50, '決済種別', 1, 'code', { codes: ['0', '1', '2', '3'], value: (x) => x.paymentType }),
  c(51, '保険金額', 8, 'digits'),
  c(52, '指定シール１', 3, 'code', { value: (x) => x.seals[0] }),
  c(53, '指定シール２', 3, 'code', { value: (x) => x.seals[1] }),
  c(54, '指定シール３', 3, 'code', { value: (x) => x.seals[2] }),
  c(55, '営業所受取', 1, 'code', { codes: ['0', '1'], value: (x) => (x.branch === '' ? '' : '1') }),
  c(56, 'SRC区分', 1, 'code'),
  c(57, '営業所受取営業所コード', 10, 'ascii', { value: (x) => x.branch }),
  c(58, '元着区分', 1, 'code', { codes: ['1', '2'], required: true, value: (x) => x.freight }),
  c(59, 'メールアドレス', 100, 'ascii'),
  c(60, 'ご不在時連絡先', 14, 'phone'),
  c(61, '出荷日', 8, 'date', { value: (x) => formatDate(x.shipDate, '') }),
  c(62, 'お問い合せ送り状No.', 12, 'digits'),
  c(63, '出荷場印字区分', 1, 'code'),
  c(64, '集約解除指定', 1, 'code'),
  ...Array.from({ length: 10 }, (_, i) => fw(65 + i, `編集${widen(String(i + 1).padStart(2, '0'))}`)),
]);

type SagawaSystem = 'sagawa-ehiden2' | 'sagawa-ehiden3';

const ALL_SEALS = SagawaSealKind.options;

/** The 時間帯指定 seal of a slot code: e飛伝Ⅱ has one per scheme (and 午前中 in 5 区分), e飛伝Ⅲ one per slot. */
function timeSlotSeal(system: SagawaSystem, scheme: 'six' | 'five', slotCode: string): string {
  if (system === 'sagawa-ehiden3')
    return SAGAWA_SEALS.ehiden3TimeSlot[slotCode as keyof typeof SAGAWA_SEALS.ehiden3TimeSlot];
  const seals = SAGAWA_SEALS.ehiden2TimeSlot;
  if (scheme === 'six') return seals.six;
  return slotCode === '01' ? seals.fiveMorning : seals.five;
}

/**
 * The 指定シール of a row in priority order — eコレクト, クール, 営業所受取, 時間帯指定 (else 指定日配達), 荷扱い —
 * the first three written, the rest warned about.
 */
function sealsOf(
  x: BaseContext,
  index: number,
  system: SagawaSystem,
  slotCode: string,
  options: SagawaOptions,
  issues: Issue[],
): string[] {
  const s = x.shipment;
  const kinds = options.seals ?? ALL_SEALS;
  const wanted: { code: string; name: string }[] = [];
  if (x.codAmount > 0) wanted.push({ code: options.codSeal ?? '010', name: 'eコレクト' });
  if (kinds.includes('cool') && s.temperature !== 'ambient') {
    wanted.push({
      code: SAGAWA_SEALS.cool[s.temperature],
      name: s.temperature === 'frozen' ? 'クール冷凍' : 'クール冷蔵',
    });
  }
  if (kinds.includes('branch') && s.holdAtBranch !== undefined) {
    wanted.push({ code: SAGAWA_SEALS.branch, name: '営業所受取' });
  }
  if (kinds.includes('timeSlot') && slotCode !== '') {
    wanted.push({
      code: timeSlotSeal(system, options.timeSlotScheme ?? 'six', slotCode),
      name: '時間帯指定',
    });
  } else if (kinds.includes('date') && s.requestedDate !== undefined) {
    wanted.push({ code: SAGAWA_SEALS.date, name: '指定日配達' });
  }
  if (kinds.includes('handling')) {
    for (const mark of s.handling ?? []) {
      if (mark in SAGAWA_SEALS.handling) {
        const code = SAGAWA_SEALS.handling[mark as keyof typeof SAGAWA_SEALS.handling];
        wanted.push({ code, name: HANDLING_NAMES[mark] });
      }
    }
  }
  const codes = [...new Set(wanted.map((seal) => seal.code))];
  if (codes.length > 3) {
    const left = wanted.filter((seal) => codes.slice(3).includes(seal.code)).map((seal) => seal.name);
    issues.push(
      createIssue(
        'carrier.sagawa.seal_overflow',
        `伝票${s.slipNumber}: 指定シールは3枚までのため「${left.join('・')}」を出力していません`,
        {
          severity: 'warning',
          path: ['shipments', index],
          data: { shipmentId: s.id, seals: codes, dropped: codes.slice(3) },
        },
      ),
    );
  }
  return codes.slice(0, 3);
}

function sagawaCodes(
  x: BaseContext,
  index: number,
  system: SagawaSystem,
  options: SagawaOptions,
): { cool: string; timeSlot: string; seals: string[]; issues: Issue[] } {
  const s = x.shipment;
  const issues: Issue[] = [];
  const maxParcels = options.maxParcels ?? 99;
  if (x.parcels > maxParcels) {
    issues.push(
      unavailable(s, index, 'parcels', `出荷個数${x.parcels}個は上限${maxParcels}個を超えています`, {
        parcels: x.parcels,
        limit: maxParcels,
      }),
    );
  }
  const sealKinds = options.seals ?? ALL_SEALS;
  issues.push(
    ...refuseExtras(x, index, '佐川急便（e飛伝）', {
      parcels: true,
      holdAtBranch: true,
      paymentAgency: false,
      handling: sealKinds.includes('handling') ? (Object.keys(SAGAWA_SEALS.handling) as HandlingMark[]) : [],
    }),
  );
  if (x.service.kind !== 'standard') {
    issues.push(
      unavailable(
        s,
        index,
        'service',
        `配送方法「${x.service.kind}」は佐川急便（e飛伝）では出力できません（飛脚宅配便のみ）`,
      ),
    );
  }
  if (x.codAmount > 0 && x.service.freight === 'recipient') {
    issues.push(unavailable(s, index, 'codAmount', '着払いに代金引換は指定できません'));
  }
  const limit = options.codLimit ?? 300_000;
  if (x.codAmount > limit) {
    issues.push(
      unavailable(s, index, 'codAmount', `代金引換額${x.codAmount}円は上限${limit}円を超えています`, {
        codAmount: x.codAmount,
        limit,
      }),
    );
  }
  let timeSlot = '';
  if (s.timeSlot !== 'none') {
    const scheme = options.timeSlotScheme ?? 'six';
    timeSlot = SAGAWA_TIME_SLOTS[scheme][s.timeSlot];
    if (scheme === 'five' && (s.timeSlot === '18-20' || s.timeSlot === '19-21')) {
      issues.push(
        createIssue(
          'carrier.time_slot_widened',
          `伝票${s.slipNumber}: 時間帯${s.timeSlot}は5区分契約のため18-21時（04）で出力しました`,
          {
            severity: 'warning',
            path: ['shipments', index, 'timeSlot'],
            data: { shipmentId: s.id, timeSlot: s.timeSlot, code: '04' },
          },
        ),
      );
    }
  }
  const seals = sealsOf(x, index, system, timeSlot, options, issues);
  return { cool: SAGAWA_COOL_CODES[s.temperature], timeSlot, seals, issues };
}

function writeSagawa(
  system: SagawaSystem,
  columns: readonly ColumnSpec<SagawaContext>[],
  shipments: readonly LabelShipment[],
  options: SagawaOptions,
): LabelBatch {
  const customerCode = options.customerCode ?? '';
  return writeRows<SagawaContext>(shipments, startRun(options), {
    carrier: 'sagawa',
    defaultService: 'standard',
    needsShipper: true,
    layout: {
      system,
      columns,
      header: options.header ?? true,
      quoting: 'all',
      fileName: numberedFiles(system === 'sagawa-ehiden2' ? 'ehiden2-labels' : 'ehiden3-labels'),
    },
    extend: (base, index, issues) => {
      const shipment = base.shipment;
      const codes = sagawaCodes(base, index, system, options);
      issues.push(...codes.issues);
      const address = fitAddress(
        [widen(base.destination.address), widen(base.destination.building)],
        [16, 16, 16],
        'fullwidth',
        { shipment, index, who: 'お届け先', room: '3行（各16文字）', field: 'destination' },
        issues,
      );
      const names = fitLines(
        [widen(base.destination.company), widen(base.destination.name)],
        [16, 16],
        'fullwidth',
      );
      if (names.overflow !== '') {
        issues.push(
          createIssue(
            'carrier.field_truncated',
            `伝票${shipment.slipNumber}のお届け先名称が2行（各16文字）に入りきらず「${names.overflow}」を切り捨てました`,
            {
              severity: 'warning',
              path: ['shipments', index, 'destination', 'name'],
              data: { shipmentId: shipment.id, overflow: names.overflow },
            },
          ),
        );
      }
      const shipperAddress = fitLines(
        [widen(base.shipper?.address ?? ''), widen(base.shipper?.building ?? '')],
        [16, 16],
        'fullwidth',
      );
      const shipperNames = fitLines(
        [widen(base.shipper?.company ?? ''), widen(base.shipper?.name ?? '')],
        [16, 16],
        'fullwidth',
      );
      if (index === 0 && (shipperAddress.overflow !== '' || shipperNames.overflow !== '')) {
        issues.push(
          createIssue(
            'carrier.field_truncated',
            `ご依頼主の住所・名称が各2行（16文字）に入りきらず「${shipperAddress.overflow}${shipperNames.overflow}」を切り捨てました`,
            {
              severity: 'warning',
              path: ['shipper'],
            },
          ),
        );
      }
      return {
        address,
        names: names.lines,
        shipperAddress: shipperAddress.lines,
        shipperNames: shipperNames.lines,
        itemNames: itemSlots(base.items, 5),
        cool: codes.cool,
        timeSlot: codes.timeSlot,
        seals: codes.seals,
        branch: shipment.holdAtBranch?.trim() ?? '',
        freight: base.service.freight === 'recipient' ? '2' : '1',
        customerCode,
        packing: options.packing ?? '001',
        paymentType: base.codAmount > 0 ? (options.codPaymentType ?? '') : '',
      };
    },
  });
}

/**
 * Writes shipments as an e飛伝Ⅱ 出荷データ CSV (佐川急便, 42 columns, header row, CP932, CRLF, all fields
 * quoted). Address and names go on 16-character lines; only 飛脚宅配便 (元払い or 着払い) is offered, so ネコポス,
 * コンパクト and the like are errors for that shipment. Cool maps to 便種（商品）, the slot to the contract's scheme;
 * `parcels` is the 出荷個数, `holdAtBranch` the 営業店止め, and the 指定シール carry eコレクト, クール, 営業所受取,
 * 時間帯指定 (else 指定日配達) and the handling marks, three at most ({@link SAGAWA_SEALS}).
 *
 * @example
 * ```ts
 * const batch = writeEhiden2Labels(shipments, { shipper: shop, orders, customerCode: '123456789012' });
 * batch.files[0]?.text.split('\r\n')[0]; // '"住所録コード","お届け先電話番号",…'
 * ```
 */
export function writeEhiden2Labels(shipments: readonly LabelShipment[], options: SagawaOptions): LabelBatch {
  return writeSagawa('sagawa-ehiden2', EHIDEN2_COLUMNS, shipments, options);
}

/**
 * Writes shipments as an e飛伝Ⅲ 出荷データ CSV (佐川急便, 74 columns, 「標準_飛脚宅配便_CSV_ヘッダ有」, CP932,
 * CRLF, all fields quoted). Same mapping as {@link writeEhiden2Labels}; 出荷日 is written as `YYYYMMDD`.
 *
 * @example
 * ```ts
 * const batch = writeEhiden3Labels(shipments, { shipper: shop, orders, customerCode: '123456789012' });
 * batch.counts; // { shipments: 120, written: 118, rejected: 2 }
 * ```
 */
export function writeEhiden3Labels(shipments: readonly LabelShipment[], options: SagawaOptions): LabelBatch {
  return writeSagawa('sagawa-ehiden3', EHIDEN3_COLUMNS, shipments, options);
}
