import { createIssue, type Issue } from '@hakobu/core';
import type { Shipment } from '@hakobu/orders';
import {
  type BaseContext,
  baseContext,
  formatDate,
  hyphenatedPostal,
  type LabelOptions,
  startRun,
  unavailable,
} from '../labels/common';
import { assertNumbered, column, itemSlots } from '../layout/columns';
import { fitLines } from '../layout/fit';
import { type ColumnSpec, type LabelBatch, type PreparedRow, writeLayout } from '../layout/spec';

/**
 * B2クラウド 送り状種類 (col 2): `0` 発払い, `1` EAZY, `2` コレクト, `3` クロネコゆうメール, `4` タイム, `5` 着払い,
 * `6` 発払い（複数口）, `7` クロネコゆうパケット, `8` 宅急便コンパクト, `9` 宅急便コンパクトコレクト, `A` ネコポス.
 */
export const B2_SERVICE_TYPES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A'] as const;
/** @see {@link B2_SERVICE_TYPES} */
export type B2ServiceType = (typeof B2_SERVICE_TYPES)[number];

/** B2 クール区分 (col 3): `0` 通常, `1` 冷凍, `2` 冷蔵 (not the swapped order some public code uses). */
export const B2_COOL_CODES = { ambient: '0', frozen: '1', chilled: '2' } as const;

/** B2 配達時間帯 (col 7): the current codes; 1214 and 2021 were abolished and are never written. */
export const B2_TIME_SLOTS = {
  am: '0812',
  '14-16': '1416',
  '16-18': '1618',
  '18-20': '1820',
  '19-21': '1921',
} as const;

/** タイム service codes (col 7): 午前10時まで, 午後5時まで. */
export const B2_TIME_SERVICE_SLOTS = ['0010', '0017'] as const;

/** COD ceilings (代金引換額の上限, 税込): コレクト 300,000 円, 宅急便コンパクトコレクト 30,000 円. */
export const B2_COD_LIMITS = { '2': 300_000, '9': 30_000 } as const;

/** Options of {@link writeB2Labels}. */
export interface B2Options extends LabelOptions {
  /** ご請求先顧客コード (col 40): 10–12 digits, usually the contract phone number without hyphens. */
  readonly billingCustomerCode: string;
  /** ご請求先分類コード (col 41), up to 3 characters. */
  readonly billingClassCode?: string;
  /** 運賃管理番号 (col 42). Default `'01'`. */
  readonly freightNumber?: string;
  /**
   * The 送り状種類 code written for ネコポス. Default `'A'` (current layout); `'7'` for accounts on the 2025
   * layout, where 7 meant 「ネコポス・クロネコゆうパケット」. Unconfirmed which accounts still need 7.
   */
  readonly nekoposCode?: 'A' | '7';
  /** Ask B2 to mail the consignee a delivery notice (お届け予定eメール, cols 48–50) when an email is known. */
  readonly notifyByEmail?: boolean;
}

/** Row context of the B2 layout. */
export interface B2Context extends BaseContext {
  readonly type: B2ServiceType;
  readonly cool: string;
  readonly timeSlot: string;
  readonly address: string;
  readonly building: string;
  readonly itemNames: string[];
  readonly billing: { customer: string; classCode: string; freight: string } | undefined;
  readonly email: string;
}

const NO_BILLING: readonly B2ServiceType[] = ['3', '5'];
const COOL_TYPES: readonly B2ServiceType[] = ['0', '2', '5'];
const SLOT_TYPES: readonly B2ServiceType[] = ['0', '1', '2', '5', '6', '8', '9'];
const NO_DATE_TYPES: readonly B2ServiceType[] = ['3', '7', 'A'];
const MAIL_TYPES: readonly B2ServiceType[] = ['0', '2', '5', '8', '9'];

const c = column<B2Context>;
const blank = (
  no: number,
  header: string,
  max: number,
  kind: 'text' | 'digits' | 'ascii' | 'code' | 'kana' = 'text',
) => c(no, header, max, kind);

/**
 * The B2クラウド 送り状発行データ layout, 97 items by position (外部データ取込 基本レイアウト), from Yamato's PDF
 * 「B2クラウド 送り状発行データレイアウト 入出力用」 as summarised in reference/carriers.md §1.2. Limits are CP932
 * bytes (全角N文字 = 2N).
 */
export const B2_COLUMNS: readonly ColumnSpec<B2Context>[] = assertNumbered<B2Context>([
  c(1, 'お客様管理番号', 50, 'ascii', { value: (x) => x.key }),
  c(2, '送り状種類', 1, 'code', { required: true, codes: B2_SERVICE_TYPES, value: (x) => x.type }),
  c(3, 'クール区分', 1, 'code', { codes: ['0', '1', '2'], value: (x) => x.cool }),
  blank(4, '伝票番号', 12, 'digits'),
  c(5, '出荷予定日', 10, 'date', { required: true, value: (x) => formatDate(x.shipDate, '/') }),
  c(6, 'お届け予定（指定）日', 10, 'date', { value: (x) => formatDate(x.shipment.requestedDate, '/') }),
  c(7, '配達時間帯', 4, 'code', {
    codes: [...Object.values(B2_TIME_SLOTS), ...B2_TIME_SERVICE_SLOTS],
    value: (x) => x.timeSlot,
  }),
  blank(8, 'お届け先コード', 20, 'ascii'),
  c(9, 'お届け先電話番号', 15, 'phone', { required: true, value: (x) => x.destination.phone }),
  blank(10, 'お届け先電話番号枝番', 2, 'digits'),
  c(11, 'お届け先郵便番号', 8, 'postal', {
    required: true,
    value: (x) => hyphenatedPostal(x.destination.postalCode),
  }),
  c(12, 'お届け先住所', 64, 'text', { required: true, value: (x) => x.address }),
  c(13, 'お届け先住所（アパートマンション名）', 32, 'text', { value: (x) => x.building }),
  c(14, 'お届け先会社・部門名１', 50, 'text', { value: (x) => x.destination.company }),
  blank(15, 'お届け先会社・部門名２', 50),
  c(16, 'お届け先名', 32, 'text', { required: true, value: (x) => x.destination.name }),
  c(17, 'お届け先名略称カナ', 50, 'kana', { value: (x) => x.destination.nameKana }),
  c(18, '敬称', 4, 'text', { value: (x) => (x.type === '3' ? '様' : '') }),
  blank(19, 'ご依頼主コード', 20, 'ascii'),
  c(20, 'ご依頼主電話番号', 15, 'phone', { required: true, value: (x) => x.shipper?.phone }),
  blank(21, 'ご依頼主電話番号枝番', 2, 'digits'),
  c(22, 'ご依頼主郵便番号', 8, 'postal', {
    required: true,
    value: (x) => hyphenatedPostal(x.shipper?.postalCode ?? ''),
  }),
  c(23, 'ご依頼主住所', 64, 'text', { required: true, value: (x) => x.shipper?.address }),
  c(24, 'ご依頼主住所（アパートマンション名）', 32, 'text', { value: (x) => x.shipper?.building }),
  c(25, 'ご依頼主名', 32, 'text', { required: true, value: (x) => x.shipper?.name }),
  c(26, 'ご依頼主略称カナ', 50, 'kana', { value: (x) => x.shipper?.nameKana }),
  blank(27, '品名コード１', 30, 'ascii'),
  c(28, '品名１', 50, 'text', { required: (x) => x.type !== '3', value: (x) => x.itemNames[0] }),
  blank(29, '品名コード２', 30, 'ascii'),
  c(30, '品名２', 50, 'text', { value: (x) => x.itemNames[1] }),
  blank(31, '荷扱い１', 20),
  blank(32, '荷扱い２', 20),
  c(33, '記事', 44, 'text', { value: (x) => x.shipment.labelNote }),
  c(34, 'コレクト代金引換額（税込）', 7, 'digits', {
    required: (x) => x.type === '2' || x.type === '9',
    value: (x) => (x.codAmount > 0 ? x.codAmount : undefined),
  }),
  c(35, 'コレクト内消費税額等', 7, 'digits', {
    required: (x) => x.type === '2' || x.type === '9',
    value: (x) => (x.codAmount > 0 ? x.codTax : undefined),
  }),
  blank(36, '営業所止置き', 1, 'code'),
  blank(37, '営業所コード', 6, 'digits'),
  blank(38, '発行枚数', 2, 'digits'),
  blank(39, '個数口枠の印字', 1, 'code'),
  c(40, 'ご請求先顧客コード', 12, 'digits', {
    required: (x) => x.billing !== undefined,
    value: (x) => x.billing?.customer,
  }),
  c(41, 'ご請求先分類コード', 3, 'ascii', { value: (x) => x.billing?.classCode }),
  c(42, '運賃管理番号', 2, 'ascii', {
    required: (x) => x.billing !== undefined,
    value: (x) => x.billing?.freight,
  }),
  blank(43, 'クロネコwebコレクトデータ登録', 1, 'code'),
  blank(44, 'クロネコwebコレクト加盟店番号', 9, 'ascii'),
  blank(45, 'クロネコwebコレクト申込受付番号１', 23, 'ascii'),
  blank(46, 'クロネコwebコレクト申込受付番号２', 23, 'ascii'),
  blank(47, 'クロネコwebコレクト申込受付番号３', 23, 'ascii'),
  c(48, 'お届け予定ｅメール利用区分', 1, 'code', {
    codes: ['0', '1'],
    value: (x) => (x.email === '' ? '' : '1'),
  }),
  c(49, 'お届け予定ｅメールe-mailアドレス', 60, 'ascii', { value: (x) => x.email }),
  c(50, '入力機種', 1, 'code', { codes: ['1', '2'], value: (x) => (x.email === '' ? '' : '1') }),
  blank(51, 'お届け予定ｅメールメッセージ', 148),
  blank(52, 'お届け完了ｅメール利用区分', 1, 'code'),
  blank(53, 'お届け完了ｅメールe-mailアドレス', 60, 'ascii'),
  blank(54, 'お届け完了ｅメールメッセージ', 318),
  blank(55, 'クロネコ収納代行利用区分', 1, 'code'),
  blank(56, '予備', 1),
  blank(57, '収納代行請求金額(税込)', 7, 'digits'),
  blank(58, '収納代行内消費税額等', 7, 'digits'),
  blank(59, '収納代行請求先郵便番号', 8, 'ascii'),
  blank(60, '収納代行請求先住所', 64),
  blank(61, '収納代行請求先住所（アパートマンション名）', 32),
  blank(62, '収納代行請求先会社・部門名１', 50),
  blank(63, '収納代行請求先会社・部門名２', 50),
  blank(64, '収納代行請求先名(漢字)', 32),
  blank(65, '収納代行請求先名(カナ)', 50, 'kana'),
  blank(66, '収納代行問合せ先名(漢字)', 32),
  blank(67, '収納代行問合せ先郵便番号', 8, 'ascii'),
  blank(68, '収納代行問合せ先住所', 64),
  blank(69, '収納代行問合せ先住所（アパートマンション名）', 32),
  blank(70, '収納代行問合せ先電話番号', 15, 'ascii'),
  blank(71, '収納代行管理番号', 20, 'ascii'),
  blank(72, '収納代行品名', 50),
  blank(73, '収納代行備考', 28),
  blank(74, '複数口くくりキー', 20),
  blank(75, '検索キータイトル1', 20),
  blank(76, '検索キー1', 20, 'ascii'),
  blank(77, '検索キータイトル2', 20),
  blank(78, '検索キー2', 20, 'ascii'),
  blank(79, '検索キータイトル3', 20),
  blank(80, '検索キー3', 20, 'ascii'),
  blank(81, '検索キータイトル4', 20),
  blank(82, '検索キー4', 20, 'ascii'),
  blank(83, '検索キータイトル5', 20),
  blank(84, '検索キー5', 20, 'ascii'),
  blank(85, '予備', 12),
  blank(86, '予備', 3),
  blank(87, '投函予定メール利用区分', 1, 'code'),
  blank(88, '投函予定メールe-mailアドレス', 60, 'ascii'),
  blank(89, '投函予定メールメッセージ', 148),
  blank(90, '投函完了メール（お届け先宛）利用区分', 1, 'code'),
  blank(91, '投函完了メール（お届け先宛）e-mailアドレス', 60, 'ascii'),
  blank(92, '投函完了メール（お届け先宛）メールメッセージ', 318),
  blank(93, '投函完了メール（ご依頼主宛）利用区分', 1, 'code'),
  blank(94, '投函完了メール（ご依頼主宛）e-mailアドレス', 60, 'ascii'),
  blank(95, '投函完了メール（ご依頼主宛）メールメッセージ', 318),
  blank(96, '連携管理番号', 70, 'ascii'),
  blank(97, '通知メールアドレス', 60, 'ascii'),
]);

function b2Type(x: BaseContext, options: B2Options): B2ServiceType | undefined {
  const cod = x.codAmount > 0;
  switch (x.service.kind) {
    case 'standard':
      if (x.service.freight === 'recipient') return '5';
      return cod ? '2' : '0';
    case 'compact':
      return cod ? '9' : '8';
    case 'nekopos':
      return options.nekoposCode ?? 'A';
    case 'packet':
      return '7';
    case 'mail':
      return '3';
    case 'time':
      return '4';
    case 'eazy':
      return '1';
    default:
      return undefined;
  }
}

const SERVICE_NAMES: Record<B2ServiceType, string> = {
  '0': '発払い',
  '1': 'EAZY',
  '2': 'コレクト',
  '3': 'クロネコゆうメール',
  '4': 'タイム',
  '5': '着払い',
  '6': '発払い（複数口）',
  '7': 'クロネコゆうパケット',
  '8': '宅急便コンパクト',
  '9': '宅急便コンパクトコレクト',
  A: 'ネコポス',
};

/** Maps the canonical service, cool type, time slot and COD to B2 codes, with an error for each combination B2 does not offer. */
function b2Codes(
  x: BaseContext,
  index: number,
  options: B2Options,
): { type: B2ServiceType | undefined; cool: string; timeSlot: string; issues: Issue[] } {
  const s = x.shipment;
  const issues: Issue[] = [];
  const type = b2Type(x, options);
  if (type === undefined) {
    issues.push(
      unavailable(s, index, 'service', `配送方法「${x.service.kind}」はヤマト運輸（B2クラウド）にありません`),
    );
    return { type, cool: '', timeSlot: '', issues };
  }
  const name = SERVICE_NAMES[type];
  if (x.service.freight === 'recipient' && x.codAmount > 0) {
    issues.push(unavailable(s, index, 'codAmount', '着払いに代金引換は指定できません'));
  }
  if (x.codAmount > 0 && type !== '2' && type !== '9') {
    issues.push(unavailable(s, index, 'codAmount', `${name}では代金引換を指定できません`, { type }));
  }
  if (type === '2' || type === '9') {
    const limit = B2_COD_LIMITS[type];
    if (x.codAmount > limit) {
      issues.push(
        unavailable(
          s,
          index,
          'codAmount',
          `${name}の代金引換額${x.codAmount}円は上限${limit}円を超えています`,
          {
            codAmount: x.codAmount,
            limit,
          },
        ),
      );
    }
  }
  let cool = '';
  if (s.temperature !== 'ambient') {
    if (COOL_TYPES.includes(type)) cool = B2_COOL_CODES[s.temperature];
    else
      issues.push(
        unavailable(
          s,
          index,
          'temperature',
          `${name}ではクール便（${s.temperature === 'frozen' ? '冷凍' : '冷蔵'}）を指定できません`,
          { type },
        ),
      );
  }
  let timeSlot = '';
  if (type === '4') {
    if (s.timeSlot === 'none') timeSlot = '0017';
    else if (s.timeSlot === 'am') timeSlot = '0010';
    else
      issues.push(
        unavailable(
          s,
          index,
          'timeSlot',
          `タイムでは時間帯「${s.timeSlot}」を指定できません（午前10時まで・午後5時まで）`,
        ),
      );
  } else if (s.timeSlot !== 'none') {
    if (!SLOT_TYPES.includes(type)) {
      issues.push(unavailable(s, index, 'timeSlot', `${name}では配達時間帯を指定できません`, { type }));
    } else if (s.timeSlot === '12-14') {
      issues.push(
        unavailable(
          s,
          index,
          'timeSlot',
          'ヤマト運輸の12-14時指定は廃止されています（午前中か14-16時を選んでください）',
        ),
      );
    } else {
      timeSlot = B2_TIME_SLOTS[s.timeSlot];
    }
  }
  if (s.requestedDate !== undefined && NO_DATE_TYPES.includes(type)) {
    issues.push(unavailable(s, index, 'requestedDate', `${name}ではお届け日を指定できません`, { type }));
  }
  return { type, cool, timeSlot, issues };
}

/**
 * Writes shipments as a B2クラウド 送り状発行データ CSV (ヤマト運輸 B2クラウド 外部データ取込, 97 items, CP932,
 * CRLF, no header row by default — choose 「ヘッダなし」 on import, or pass `header: true` and start at row 2).
 * Service, cool and time slot map to B2 codes; a combination B2 does not offer (cool on コンパクト, a time slot
 * on ネコポス, COD on ネコポス or over its ceiling, the abolished 12–14 slot) rejects that shipment with an
 * error; every truncation and every character CP932 cannot hold is reported. お客様管理番号 carries the key
 * (`keyOf`, default the shipment id) that {@link readTracking} reads back.
 *
 * @example
 * ```ts
 * const batch = writeB2Labels(shipments, {
 *   shipper: shop, orders, billingCustomerCode: '0312345678', shipDate: '2026-12-01',
 * });
 * batch.files[0]?.bytes; // CP932 bytes to upload
 * batch.rejected; // shipments left out, each with its issues
 * ```
 */
export function writeB2Labels(shipments: readonly Shipment[], options: B2Options): LabelBatch {
  const run = startRun(options);
  const billingValid = /^\d{10,12}$/.test(options.billingCustomerCode);
  const prepare = (shipment: Shipment, index: number): PreparedRow<B2Context> => {
    const prepared = baseContext(run, shipment, index, {
      carrier: 'yamato',
      defaultService: 'standard',
      needsShipper: true,
    });
    const issues = prepared.issues;
    if (!billingValid) {
      issues.push(
        createIssue(
          'carrier.b2.billing_code',
          `伝票${shipment.slipNumber}: ご請求先顧客コード「${options.billingCustomerCode}」は10〜12桁の数字で指定してください`,
          { path: ['billingCustomerCode'], data: { shipmentId: shipment.id } },
        ),
      );
    }
    const base = prepared.base;
    if (base === undefined)
      return { subject: prepared.subject, key: prepared.key, context: undefined, issues };
    const codes = b2Codes(base, index, options);
    issues.push(...codes.issues);
    if (codes.type === undefined)
      return { subject: prepared.subject, key: prepared.key, context: undefined, issues };
    const fitted = fitLines([base.destination.address, base.destination.building], [64, 32], 'bytes');
    if (fitted.overflow !== '') {
      issues.push(
        createIssue(
          'carrier.address_overflow',
          `伝票${shipment.slipNumber}のお届け先住所が住所欄（64バイト）と建物欄（32バイト）に入りきりません（「${fitted.overflow}」が残ります）`,
          {
            path: ['shipments', index, 'destination'],
            data: { shipmentId: shipment.id, overflow: fitted.overflow },
          },
        ),
      );
    }
    const type = codes.type;
    const context: B2Context = {
      // Listed, not spread: a spread context object is many times slower to build.
      shipment: base.shipment,
      key: base.key,
      service: base.service,
      destination: base.destination,
      shipper: base.shipper,
      items: base.items,
      codAmount: base.codAmount,
      codTax: base.codTax,
      shipDate: base.shipDate,
      type,
      cool: codes.cool,
      timeSlot: codes.timeSlot,
      address: fitted.lines[0] ?? '',
      building: fitted.lines[1] ?? '',
      itemNames: itemSlots(base.items, 2),
      billing: NO_BILLING.includes(type)
        ? undefined
        : {
            customer: options.billingCustomerCode,
            classCode: options.billingClassCode ?? '',
            freight: options.freightNumber ?? '01',
          },
      email:
        options.notifyByEmail === true && MAIL_TYPES.includes(type)
          ? (shipment.destination.email ?? '').trim()
          : '',
    };
    return { subject: prepared.subject, key: prepared.key, context, issues };
  };
  return writeLayout(
    {
      system: 'yamato-b2',
      columns: B2_COLUMNS,
      header: options.header ?? false,
      quoting: 'minimal',
      fileName: (index, count) => (count === 1 ? 'b2-labels.csv' : `b2-labels-${index + 1}.csv`),
    },
    shipments,
    prepare,
    { jisX0208Only: options.jisX0208Only ?? true },
  );
}
