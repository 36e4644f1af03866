import type { PaymentMethod, PaymentStatus } from '@hakobu/orders';

/** A mall's payment codes or names mapped to the canonical `PaymentMethod` of `@hakobu/orders` (支払方法対応表). */
export type PaymentTable = Readonly<Record<string, PaymentMethod>>;

/** 楽天 settlementMethodCode → canonical method (RMS 支払方法コード). */
export const rakutenPaymentCodes: PaymentTable = {
  '1': 'creditCard',
  '2': 'cod',
  '3': 'deferred',
  '4': 'other',
  '5': 'other',
  '6': 'other',
  '7': 'other',
  '8': 'pointsOnly',
  '9': 'bankTransfer',
  '12': 'creditCard',
  '13': 'convenienceStore',
  '14': 'convenienceStore',
  '16': 'other',
  '17': 'other',
  '21': 'deferred',
  '27': 'other',
};

/** Yahoo!ショッピング PayMethod → canonical method. */
export const yahooPayMethods: PaymentTable = {
  payment_a1: 'creditCard',
  payment_a6: 'convenienceStore',
  payment_a7: 'convenienceStore',
  payment_a8: 'other',
  payment_a9: 'other',
  payment_a10: 'other',
  payment_a11: 'other',
  payment_a15: 'other',
  payment_a16: 'other',
  payment_a17: 'payPay',
  payment_a19: 'payPay',
  payment_b1: 'bankTransfer',
  payment_b2: 'bankTransfer',
  payment_b3: 'bankTransfer',
  payment_b4: 'bankTransfer',
  payment_b5: 'bankTransfer',
  payment_b6: 'bankTransfer',
  payment_c1: 'bankTransfer',
  payment_c2: 'bankTransfer',
  payment_c3: 'other',
  payment_d1: 'cod',
  payment_z1: 'pointsOnly',
};

/** Amazon PaymentMethod (SP-API) / payment-method (report) → canonical method. */
export const amazonPaymentMethods: PaymentTable = {
  COD: 'cod',
  CVS: 'convenienceStore',
  Other: 'other',
};

/** Payment wording found in Japanese files (支払方法名), matched as a substring in this order. */
const NAME_KEYWORDS: readonly (readonly [string, PaymentMethod])[] = [
  ['代金引換', 'cod'],
  ['代引', 'cod'],
  ['楽天ペイ', 'rakutenPay'],
  ['PayPay', 'payPay'],
  ['Amazon Pay', 'amazonPay'],
  ['Amazonペイ', 'amazonPay'],
  ['後払', 'deferred'],
  ['あと払', 'deferred'],
  ['クレジット', 'creditCard'],
  ['Apple Pay', 'creditCard'],
  ['カード', 'creditCard'],
  ['コンビニ', 'convenienceStore'],
  ['セブン', 'convenienceStore'],
  ['銀行振込', 'bankTransfer'],
  ['振込', 'bankTransfer'],
  ['郵便振替', 'bankTransfer'],
  ['ゆうちょ', 'bankTransfer'],
  ['ポイント', 'pointsOnly'],
];

/**
 * The canonical method of a mall payment code or name (支払方法の変換): `overrides` first (a shop's own
 * wording), then the mall `table`, then Japanese keywords (代金引換, クレジット, 銀行振込 …). `undefined`
 * when nothing matches, so that the reader can warn and use `other`.
 *
 * @example
 * ```ts
 * mapPaymentMethod('2', rakutenPaymentCodes); // 'cod'
 * mapPaymentMethod('クレジットカード決済', {}); // 'creditCard'
 * mapPaymentMethod('店頭払い', {}, { 店頭払い: 'other' }); // 'other'
 * ```
 */
export function mapPaymentMethod(
  value: string,
  table: PaymentTable,
  overrides: PaymentTable = {},
): PaymentMethod | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const direct = overrides[text] ?? table[text];
  if (direct !== undefined) return direct;
  if (KEYWORD_CACHE.has(text)) return KEYWORD_CACHE.get(text);
  const folded = text.normalize('NFKC');
  const found = NAME_KEYWORDS.find(([keyword]) => folded.includes(keyword))?.[1];
  // Files repeat the same few names on every row: remember them (bounded, so odd input cannot grow it).
  if (KEYWORD_CACHE.size < 1000) KEYWORD_CACHE.set(text, found);
  return found;
}

const KEYWORD_CACHE = new Map<string, PaymentMethod | undefined>();

/**
 * The payment status an order starts in for a method (初期入金状況): 代金引換 and 後払い need no payment to
 * the shop before shipping (`notRequired`), card-like methods are `authorized` (オーソリ済), 銀行振込 and
 * コンビニ前払い are `unpaid`, ポイント全額 is `notRequired`.
 *
 * @example
 * ```ts
 * defaultPaymentStatus('cod'); // 'notRequired'
 * defaultPaymentStatus('bankTransfer'); // 'unpaid'
 * ```
 */
export function defaultPaymentStatus(method: PaymentMethod): PaymentStatus {
  switch (method) {
    case 'cod':
    case 'deferred':
    case 'pointsOnly':
      return 'notRequired';
    case 'bankTransfer':
    case 'convenienceStore':
      return 'unpaid';
    case 'other':
      return 'unpaid';
    default:
      return 'authorized';
  }
}
