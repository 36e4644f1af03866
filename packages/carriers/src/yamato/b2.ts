import { cp932ByteLength, createIssue, type Issue } from '@hakobu/core';
import type { Party } from '@hakobu/orders';
import {
  type BaseContext,
  formatDate,
  HANDLING_NAMES,
  hyphenatedPostal,
  type LabelOptions,
  type LabelParty,
  type LabelRun,
  labelParty,
  startRun,
  taxInside,
  unavailable,
} from '../labels/common';
import { fitAddress, numberedFiles, writeRows } from '../labels/row';
import { assertNumbered, column, itemSlots } from '../layout/columns';
import { cutTo, widen } from '../layout/fit';
import type { ColumnSpec, LabelBatch } from '../layout/spec';
import type { HandlingMark, LabelShipment } from '../shipment/label-shipment';

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

/**
 * Most parcels under one 複数口くくりキー (発払い（複数口）の発行枚数の上限): 99, as the layout allows 2–99 per key.
 */
export const B2_MAX_PARCELS = 99;

/** Ceiling of a クロネコ収納代行 amount (収納代行請求金額の上限, 税込): 300,000 円. */
export const B2_PAYMENT_AGENCY_LIMIT = 300_000;

/**
 * One B2 search key (検索キー, cols 75–82): a title (検索キータイトル, 20 bytes) and the key (検索キー, 20
 * half-width letters, digits and spaces — B2 rejects `-` and `_`).
 */
export interface B2SearchKey {
  readonly title: string;
  readonly key: string;
}

/** Messages of the e-mails B2 sends (eメールメッセージ); half-width text is widened, as B2 refuses 半角カナ and spaces. */
export interface B2EmailMessages {
  /** お届け予定eメール / 投函予定メール (cols 51, 89; 148 bytes). */
  readonly notice?: string;
  /** お届け完了eメール / 投函完了メール（お届け先宛） (cols 54, 92; 318 bytes). */
  readonly delivered?: string;
  /** 投函完了メール（ご依頼主宛） (col 95; 318 bytes). */
  readonly shipper?: string;
}

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
  /**
   * Ask B2 to mail the consignee a delivery notice when an email is known: お届け予定eメール (cols 48–50) on
   * 発払い, コレクト, 着払い and コンパクト, 投函予定メール (cols 87–88) on ネコポス.
   */
  readonly notifyByEmail?: boolean;
  /**
   * Ask B2 to mail the consignee when the parcel is delivered: お届け完了eメール (cols 52–53) on the same
   * services as `notifyByEmail`, 投函完了メール（お届け先宛） (cols 90–91) on ネコポス.
   */
  readonly notifyOnDelivery?: boolean;
  /** Ask B2 to mail the shipper (`shipper.email`) when a ネコポス is posted (投函完了メール（ご依頼主宛）, cols 93–94). */
  readonly notifyShipperOnPosting?: boolean;
  /** Messages of those e-mails. Default: none (B2's own wording). */
  readonly emailMessages?: B2EmailMessages;
  /** Write the lines' SKUs as 品名コード１・２ (cols 27, 29). Default `true`. */
  readonly itemCodes?: boolean;
  /** 荷扱い text per mark (cols 31–32). Default {@link HANDLING_NAMES} (ワレモノ注意, 貴重品, 天地無用, …). */
  readonly handlingTexts?: Partial<Readonly<Record<HandlingMark, string>>>;
  /** 収納代行問合せ先 (cols 66–70), printed on the 収納代行 slip. Default: the shipper. */
  readonly paymentAgencyContact?: Party;
  /** 検索キー１–４ (cols 75–82) of a shipment, at most four. Default: none. */
  readonly searchKeys?: (shipment: LabelShipment) => readonly B2SearchKey[];
}

/** Row context of the B2 layout. */
export interface B2Context extends BaseContext {
  readonly type: B2ServiceType;
  readonly cool: string;
  readonly timeSlot: string;
  readonly address: string;
  readonly building: string;
  readonly itemNames: string[];
  /** 品名コード１・２, beside `itemNames` (blank beside 他N点). */
  readonly itemCodeSlots: string[];
  readonly billing: { customer: string; classCode: string; freight: string } | undefined;
  /** お届け予定eメール address (col 49), `''` when none is sent. */
  readonly email: string;
  /** お届け完了eメール address (col 53). */
  readonly deliveredEmail: string;
  /** ネコポス 投函予定メール address (col 88). */
  readonly postingEmail: string;
  /** ネコポス 投函完了メール（お届け先宛） address (col 91). */
  readonly postedEmail: string;
  /** ネコポス 投函完了メール（ご依頼主宛） address (col 94). */
  readonly shipperPostedEmail: string;
  readonly messages: { notice: string; delivered: string; shipper: string };
  /** お届け先会社・部門名１・２: the company, continued on the second column when longer than 50 bytes. */
  readonly company: string[];
  /** 荷扱い１・２. */
  readonly handling: string[];
  /** 営業所コード when held at the branch (営業所止置き), else `''`. */
  readonly branch: string;
  /** 複数口くくりキー (発払い（複数口）): the shipment id, its last 20 bytes when longer. */
  readonly groupKey: string;
  /** クロネコ収納代行 (cols 55–73), when asked. */
  readonly agency:
    | {
        amount: number;
        tax: number;
        billTo: LabelParty;
        billToAddress: string[];
        billToCompany: string[];
        contact: LabelParty;
        contactAddress: string[];
        reference: string;
        itemName: string;
        note: string;
      }
    | undefined;
  /** 検索キー１–４. */
  readonly searchKeys: readonly B2SearchKey[];
}

const NO_BILLING: readonly B2ServiceType[] = ['3', '5'];
const COOL_TYPES: readonly B2ServiceType[] = ['0', '2', '5'];
const SLOT_TYPES: readonly B2ServiceType[] = ['0', '1', '2', '5', '6', '8', '9'];
const NO_DATE_TYPES: readonly B2ServiceType[] = ['3', '7', 'A'];
const MAIL_TYPES: readonly B2ServiceType[] = ['0', '2', '5', '8', '9'];
/** B2's address columns, as an overflow issue names them. */
const B2_ADDRESS_ROOM = '住所欄（64バイト）と建物欄（32バイト）';

const c = column<B2Context>;
const blank = (
  no: number,
  header: string,
  max: number,
  kind: 'text' | 'digits' | 'ascii' | 'code' | 'kana' = 'text',
) => c(no, header, max, kind);
const mailFlag = (address: (x: B2Context) => string) => (x: B2Context) => (address(x) === '' ? '' : '1');
const agencyRequired = (x: B2Context) => x.agency !== undefined;

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
  c(14, 'お届け先会社・部門名１', 50, 'text', { value: (x) => x.company[0] }),
  c(15, 'お届け先会社・部門名２', 50, 'text', { value: (x) => x.company[1] }),
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
  c(27, '品名コード１', 30, 'ascii', { value: (x) => x.itemCodeSlots[0] }),
  c(28, '品名１', 50, 'text', { required: (x) => x.type !== '3', value: (x) => x.itemNames[0] }),
  c(29, '品名コード２', 30, 'ascii', { value: (x) => x.itemCodeSlots[1] }),
  c(30, '品名２', 50, 'text', { value: (x) => x.itemNames[1] }),
  c(31, '荷扱い１', 20, 'text', { value: (x) => x.handling[0] }),
  c(32, '荷扱い２', 20, 'text', { value: (x) => x.handling[1] }),
  c(33, '記事', 44, 'text', { value: (x) => x.shipment.labelNote }),
  c(34, 'コレクト代金引換額（税込）', 7, 'digits', {
    required: (x) => x.type === '2' || x.type === '9',
    value: (x) => (x.codAmount > 0 ? x.codAmount : undefined),
  }),
  c(35, 'コレクト内消費税額等', 7, 'digits', {
    required: (x) => x.type === '2' || x.type === '9',
    value: (x) => (x.codAmount > 0 ? x.codTax : undefined),
  }),
  c(36, '営業所止置き', 1, 'code', { codes: ['0', '1'], value: (x) => (x.branch === '' ? '' : '1') }),
  c(37, '営業所コード', 6, 'digits', { value: (x) => x.branch }),
  c(38, '発行枚数', 2, 'digits', { value: (x) => (x.type === '6' ? x.parcels : undefined) }),
  c(39, '個数口枠の印字', 1, 'code', { codes: ['1', '2', '3'], value: (x) => (x.type === '6' ? '3' : '') }),
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
  c(48, 'お届け予定ｅメール利用区分', 1, 'code', { codes: ['0', '1'], value: mailFlag((x) => x.email) }),
  c(49, 'お届け予定ｅメールe-mailアドレス', 60, 'ascii', { value: (x) => x.email }),
  c(50, '入力機種', 1, 'code', { codes: ['1', '2'], value: mailFlag((x) => x.email) }),
  c(51, 'お届け予定ｅメールメッセージ', 148, 'text', {
    value: (x) => (x.email === '' ? '' : x.messages.notice),
  }),
  c(52, 'お届け完了ｅメール利用区分', 1, 'code', {
    codes: ['0', '1'],
    value: mailFlag((x) => x.deliveredEmail),
  }),
  c(53, 'お届け完了ｅメールe-mailアドレス', 60, 'ascii', { value: (x) => x.deliveredEmail }),
  c(54, 'お届け完了ｅメールメッセージ', 318, 'text', {
    value: (x) => (x.deliveredEmail === '' ? '' : x.messages.delivered),
  }),
  c(55, 'クロネコ収納代行利用区分', 1, 'code', {
    codes: ['0', '1'],
    value: (x) => (x.agency === undefined ? '' : '1'),
  }),
  blank(56, '予備', 1),
  c(57, '収納代行請求金額(税込)', 7, 'digits', { required: agencyRequired, value: (x) => x.agency?.amount }),
  c(58, '収納代行内消費税額等', 7, 'digits', { required: agencyRequired, value: (x) => x.agency?.tax }),
  c(59, '収納代行請求先郵便番号', 8, 'postal', {
    required: agencyRequired,
    value: (x) => hyphenatedPostal(x.agency?.billTo.postalCode ?? ''),
  }),
  c(60, '収納代行請求先住所', 64, 'text', {
    required: agencyRequired,
    value: (x) => x.agency?.billToAddress[0],
  }),
  c(61, '収納代行請求先住所（アパートマンション名）', 32, 'text', {
    value: (x) => x.agency?.billToAddress[1],
  }),
  c(62, '収納代行請求先会社・部門名１', 50, 'text', { value: (x) => x.agency?.billToCompany[0] }),
  c(63, '収納代行請求先会社・部門名２', 50, 'text', { value: (x) => x.agency?.billToCompany[1] }),
  c(64, '収納代行請求先名(漢字)', 32, 'text', {
    required: agencyRequired,
    value: (x) => x.agency?.billTo.name,
  }),
  c(65, '収納代行請求先名(カナ)', 50, 'kana', {
    required: agencyRequired,
    value: (x) => x.agency?.billTo.nameKana,
  }),
  c(66, '収納代行問合せ先名(漢字)', 32, 'text', {
    required: agencyRequired,
    value: (x) => x.agency?.contact.name,
  }),
  c(67, '収納代行問合せ先郵便番号', 8, 'postal', {
    required: agencyRequired,
    value: (x) => hyphenatedPostal(x.agency?.contact.postalCode ?? ''),
  }),
  c(68, '収納代行問合せ先住所', 64, 'text', {
    required: agencyRequired,
    value: (x) => x.agency?.contactAddress[0],
  }),
  c(69, '収納代行問合せ先住所（アパートマンション名）', 32, 'text', {
    value: (x) => x.agency?.contactAddress[1],
  }),
  c(70, '収納代行問合せ先電話番号', 15, 'phone', {
    required: agencyRequired,
    value: (x) => x.agency?.contact.phone,
  }),
  c(71, '収納代行管理番号', 20, 'ascii', { value: (x) => x.agency?.reference }),
  c(72, '収納代行品名', 50, 'text', { value: (x) => x.agency?.itemName }),
  c(73, '収納代行備考', 28, 'text', { value: (x) => x.agency?.note }),
  c(74, '複数口くくりキー', 20, 'text', { required: (x) => x.type === '6', value: (x) => x.groupKey }),
  ...[1, 2, 3, 4].flatMap((n, i) => [
    c(73 + n * 2, `検索キータイトル${n}`, 20, 'text', { value: (x: B2Context) => x.searchKeys[i]?.title }),
    c(74 + n * 2, `検索キー${n}`, 20, 'ascii', { value: (x: B2Context) => x.searchKeys[i]?.key }),
  ]),
  blank(83, '検索キータイトル5', 20),
  blank(84, '検索キー5', 20, 'ascii'),
  blank(85, '予備', 12),
  blank(86, '予備', 3),
  c(87, '投函予定メール利用区分', 1, 'code', {
    codes: ['0', '1', '2'],
    value: mailFlag((x) => x.postingEmail),
  }),
  c(88, '投函予定メールe-mailアドレス', 60, 'ascii', { value: (x) => x.postingEmail }),
  c(89, '投函予定メールメッセージ', 148, 'text', {
    value: (x) => (x.postingEmail === '' ? '' : x.messages.notice),
  }),
  c(90, '投函完了メール（お届け先宛）利用区分', 1, 'code', {
    codes: ['0', '1', '2'],
    value: mailFlag((x) => x.postedEmail),
  }),
  c(91, '投函完了メール（お届け先宛）e-mailアドレス', 60, 'ascii', { value: (x) => x.postedEmail }),
  c(92, '投函完了メール（お届け先宛）メールメッセージ', 318, 'text', {
    value: (x) => (x.postedEmail === '' ? '' : x.messages.delivered),
  }),
  c(93, '投函完了メール（ご依頼主宛）利用区分', 1, 'code', {
    codes: ['0', '1', '2'],
    value: mailFlag((x) => x.shipperPostedEmail),
  }),
  c(94, '投函完了メール（ご依頼主宛）e-mailアドレス', 60, 'ascii', { value: (x) => x.shipperPostedEmail }),
  c(95, '投函完了メール（ご依頼主宛）メールメッセージ', 318, 'text', {
    value: (x) => (x.shipperPostedEmail === '' ? '' : x.messages.shipper),
  }),
  blank(96, '連携管理番号', 70, 'ascii'),
  blank(97, '通知メールアドレス', 60, 'ascii'),
]);

function b2Type(x: BaseContext, options: B2Options): B2ServiceType | undefined {
  const cod = x.codAmount > 0;
  switch (x.service.kind) {
    case 'standard':
      if (x.service.freight === 'recipient') return '5';
      if (cod) return '2';
      return x.parcels > 1 ? '6' : '0';
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
  if (x.parcels > 1 && type !== '6') {
    issues.push(
      unavailable(
        s,
        index,
        'parcels',
        `${name}では複数口（${x.parcels}個）を指定できません（複数口は発払いのみ。1個ずつの伝票に分けてください）`,
        { type, parcels: x.parcels },
      ),
    );
  }
  if (type === '6' && x.parcels > B2_MAX_PARCELS) {
    issues.push(
      unavailable(
        s,
        index,
        'parcels',
        `発払い（複数口）の個数${x.parcels}個は上限${B2_MAX_PARCELS}個を超えています`,
        { parcels: x.parcels, limit: B2_MAX_PARCELS },
      ),
    );
  }
  const agency = s.paymentAgency;
  if (agency !== undefined && x.codAmount > 0) {
    issues.push(unavailable(s, index, 'paymentAgency', '代金引換と収納代行は同時に指定できません'));
  }
  if (agency !== undefined && agency.amount > B2_PAYMENT_AGENCY_LIMIT) {
    issues.push(
      unavailable(
        s,
        index,
        'paymentAgency',
        `収納代行請求金額${agency.amount}円は上限${B2_PAYMENT_AGENCY_LIMIT}円を超えています`,
        { amount: agency.amount, limit: B2_PAYMENT_AGENCY_LIMIT },
      ),
    );
  }
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

/** The last `max` CP932 bytes of a text: ids usually differ at their end (sequence numbers), not their start. */
function lastBytes(text: string, max: number): string {
  if (cp932ByteLength(text) <= max) return text;
  const chars = Array.from(text);
  let used = 0;
  let start = chars.length;
  while (start > 0) {
    const size = cp932ByteLength(chars[start - 1]!);
    if (used + size > max) break;
    used += size;
    start--;
  }
  return chars.slice(start).join('');
}

/**
 * The 複数口くくりキー of a 発払い（複数口） row: the shipment id, its last 20 bytes when longer; an error when
 * another shipment of the batch already has it, since B2 would merge both into one parcel group.
 */
function groupKeyOf(
  shipment: LabelShipment,
  index: number,
  holders: Map<string, string>,
  issues: Issue[],
): string {
  const groupKey = lastBytes(shipment.id, 20);
  const holder = holders.get(groupKey);
  if (holder === undefined) holders.set(groupKey, shipment.id);
  else {
    issues.push(
      createIssue(
        'carrier.b2.group_key_collision',
        `伝票${shipment.slipNumber}: 複数口くくりキー「${groupKey}」が伝票「${holder}」と同じになるため、別のファイルに出力してください`,
        {
          path: ['shipments', index, 'id'],
          data: { shipmentId: shipment.id, groupKey, other: holder },
        },
      ),
    );
  }
  return groupKey;
}

const SEARCH_KEY = /^[A-Za-z0-9 ]*$/;

/** A shipment's 検索キー from the host's function, with an error for more than four or a key B2 refuses. */
function searchKeysOf(
  shipment: LabelShipment,
  index: number,
  options: B2Options,
  issues: Issue[],
): readonly B2SearchKey[] {
  const keys = options.searchKeys?.(shipment) ?? [];
  const where = { path: ['shipments', index, 'searchKeys'], data: { shipmentId: shipment.id } };
  if (keys.length > 4) {
    issues.push(
      createIssue(
        'carrier.b2.search_key',
        `伝票${shipment.slipNumber}: 検索キーは4つまでです（${keys.length}個指定されています）`,
        where,
      ),
    );
  }
  for (const { key } of keys) {
    if (!SEARCH_KEY.test(key)) {
      issues.push(
        createIssue(
          'carrier.b2.search_key',
          `伝票${shipment.slipNumber}: 検索キー「${key}」に使えるのは半角英数字とスペースだけです`,
          { ...where, data: { ...where.data, key } },
        ),
      );
    }
  }
  return keys.slice(0, 4);
}

/** The 収納代行 part of a row: who is billed (default the destination), the contact (default the shipper), the tax. */
function agencyOf(
  run: LabelRun,
  base: BaseContext,
  index: number,
  contact: LabelParty | undefined,
  issues: Issue[],
): B2Context['agency'] {
  const s = base.shipment;
  const agency = s.paymentAgency;
  if (agency === undefined) return undefined;
  const where = `伝票${s.slipNumber}`;
  const billTo =
    agency.billTo === undefined
      ? { party: base.destination, issues: [] }
      : labelParty(
          agency.billTo,
          () => ['shipments', index, 'paymentAgency', 'billTo'],
          () => `${where}の収納代行請求先`,
        );
  issues.push(...billTo.issues);
  // Without a contact there is no shipper either, and the row is already rejected (carrier.shipper_missing).
  const contactParty = contact ?? billTo.party;
  const billToAddress = fitAddress(
    [billTo.party.address, billTo.party.building],
    [64, 32],
    'bytes',
    { shipment: s, index, who: '収納代行請求先', room: B2_ADDRESS_ROOM, field: 'paymentAgency' },
    issues,
  );
  const contactAddress = fitAddress(
    [contactParty.address, contactParty.building],
    [64, 32],
    'bytes',
    { shipment: s, index, who: '収納代行問合せ先', room: B2_ADDRESS_ROOM, field: 'paymentAgency' },
    issues,
  );
  const company = cutTo(billTo.party.company, 50, 'bytes');
  return {
    amount: agency.amount,
    tax: agency.tax ?? taxInside(agency.amount, s, run.lines),
    billTo: billTo.party,
    billToAddress,
    billToCompany: [company.head, company.tail],
    contact: contactParty,
    contactAddress,
    reference: agency.reference ?? '',
    itemName: agency.itemName ?? base.items[0] ?? '',
    note: agency.note ?? '',
  };
}

const PRINTABLE_CODE = /^[\x21-\x7e]{1,30}$/;

/** 品名コード１・２ beside the item-name slots; a SKU B2 cannot hold is left out with a warning. */
function itemCodeSlotsOf(base: BaseContext, index: number, issues: Issue[]): string[] {
  const codes = base.items.length <= 2 ? base.itemCodes.slice(0, 2) : [base.itemCodes[0] ?? '', ''];
  return codes.map((code) => {
    if (code === '' || PRINTABLE_CODE.test(code)) return code;
    const s = base.shipment;
    issues.push(
      createIssue(
        'carrier.b2.item_code_skipped',
        `伝票${s.slipNumber}: 品名コード「${code}」は半角英数字30文字以内でないため空欄にしました`,
        { severity: 'warning', path: ['shipments', index, 'lines'], data: { shipmentId: s.id, code } },
      ),
    );
    return '';
  });
}

/**
 * Writes shipments as a B2クラウド 送り状発行データ CSV (ヤマト運輸 B2クラウド 外部データ取込, 97 items, CP932,
 * CRLF, no header row by default — choose 「ヘッダなし」 on import, or pass `header: true` and start at row 2).
 * Service, cool and time slot map to B2 codes; a combination B2 does not offer (cool on コンパクト, a time slot
 * on ネコポス, COD on ネコポス or over its ceiling, the abolished 12–14 slot, more than one parcel on anything but
 * 発払い) rejects that shipment with an error; every truncation and every character CP932 cannot hold is
 * reported. お客様管理番号 carries the key (`keyOf`, default the shipment id) that {@link readTracking} reads back.
 *
 * A 発払い shipment with `parcels` of 2–99 is written as 発払い（複数口） (送り状種類 6): 発行枚数 = the parcels,
 * 個数口枠の印字 3, and the shipment id (its last 20 bytes when longer) as 複数口くくりキー — two shipments of one
 * batch whose keys would coincide are an error rather than one merged parcel group. The rest of the row comes
 * from the shipment and the options: 品名コード (the lines' SKUs), 荷扱い, 営業所止置き, 収納代行, the e-mails
 * B2 sends and 検索キー.
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
export function writeB2Labels(shipments: readonly LabelShipment[], options: B2Options): LabelBatch {
  const run = startRun(options);
  const billingValid = /^\d{10,12}$/.test(options.billingCustomerCode);
  const contact =
    options.paymentAgencyContact === undefined
      ? run.shipper
      : labelParty(
          options.paymentAgencyContact,
          () => ['paymentAgencyContact'],
          () => '収納代行問合せ先',
        );
  const handlingTexts = { ...HANDLING_NAMES, ...options.handlingTexts };
  const messages = {
    notice: widen(options.emailMessages?.notice ?? ''),
    delivered: widen(options.emailMessages?.delivered ?? ''),
    shipper: widen(options.emailMessages?.shipper ?? ''),
  };
  const shipperEmail = options.shipper?.email?.trim() ?? '';
  const groupKeys = new Map<string, string>();
  // The shipper's issues come with the first shipment (baseContext); a separate contact's with its first use.
  let contactIssues = options.paymentAgencyContact === undefined ? [] : (contact?.issues ?? []);
  return writeRows<B2Context>(shipments, run, {
    carrier: 'yamato',
    defaultService: 'standard',
    needsShipper: true,
    layout: {
      system: 'yamato-b2',
      columns: B2_COLUMNS,
      header: options.header ?? false,
      quoting: 'minimal',
      fileName: numberedFiles('b2-labels'),
    },
    check: (shipment, _index, issues) => {
      if (billingValid) return;
      issues.push(
        createIssue(
          'carrier.b2.billing_code',
          `伝票${shipment.slipNumber}: ご請求先顧客コード「${options.billingCustomerCode}」は10〜12桁の数字で指定してください`,
          { path: ['billingCustomerCode'], data: { shipmentId: shipment.id } },
        ),
      );
    },
    extend: (base, index, issues) => {
      const shipment = base.shipment;
      const codes = b2Codes(base, index, options);
      issues.push(...codes.issues);
      if (codes.type === undefined) return undefined;
      const [address = '', building = ''] = fitAddress(
        [base.destination.address, base.destination.building],
        [64, 32],
        'bytes',
        { shipment, index, who: 'お届け先', room: B2_ADDRESS_ROOM, field: 'destination' },
        issues,
      );
      const type = codes.type;
      const groupKey = type === '6' ? groupKeyOf(shipment, index, groupKeys, issues) : '';
      if (shipment.paymentAgency !== undefined && contactIssues.length > 0) {
        issues.push(...contactIssues);
        contactIssues = [];
      }
      const nekopos = base.service.kind === 'nekopos';
      const consigneeEmail = (shipment.destination.email ?? '').trim();
      const mailable = MAIL_TYPES.includes(type);
      const handling = (shipment.handling ?? []).map((mark) => handlingTexts[mark]);
      const company = cutTo(base.destination.company, 50, 'bytes');
      return {
        type,
        cool: codes.cool,
        timeSlot: codes.timeSlot,
        address,
        building,
        itemNames: itemSlots(base.items, 2),
        itemCodeSlots: options.itemCodes === false ? [] : itemCodeSlotsOf(base, index, issues),
        billing: NO_BILLING.includes(type)
          ? undefined
          : {
              customer: options.billingCustomerCode,
              classCode: options.billingClassCode ?? '',
              freight: options.freightNumber ?? '01',
            },
        email: options.notifyByEmail === true && mailable ? consigneeEmail : '',
        deliveredEmail: options.notifyOnDelivery === true && mailable ? consigneeEmail : '',
        postingEmail: options.notifyByEmail === true && nekopos ? consigneeEmail : '',
        postedEmail: options.notifyOnDelivery === true && nekopos ? consigneeEmail : '',
        shipperPostedEmail: options.notifyShipperOnPosting === true && nekopos ? shipperEmail : '',
        messages,
        company: [company.head, company.tail],
        handling: handling.length <= 2 ? handling : [handling[0]!, handling.slice(1).join('・')],
        branch: shipment.holdAtBranch?.trim() ?? '',
        groupKey,
        agency: agencyOf(run, base, index, contact?.party, issues),
        searchKeys: searchKeysOf(shipment, index, options, issues),
      };
    },
  });
}
