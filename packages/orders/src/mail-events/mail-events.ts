/**
 * The standard mail events (メール種別), one vocabulary for every package: 注文確認/サンクス
 * `orderConfirmation`, 入金確認 `paymentConfirmed`, 入金催促 `paymentReminder`, 発送完了 `shipped`, フォロー
 * `followUp`. `defaultStatusFlow` names them in its `mail.send` effects and the ready automation rule sets in
 * their `sendMail` actions; a mail composer (such as `@hakobu/mail-templates`) keys its templates by them.
 * Shops may add their own keys beside these.
 *
 * @example
 * ```ts
 * Object.keys(STANDARD_MAIL_EVENTS); // ['orderConfirmation', 'paymentConfirmed', 'paymentReminder', 'shipped', 'followUp']
 * STANDARD_MAIL_EVENTS.shipped; // '発送完了'
 * ```
 */
export const STANDARD_MAIL_EVENTS = {
  orderConfirmation: '注文確認',
  paymentConfirmed: '入金確認',
  paymentReminder: '入金催促',
  shipped: '発送完了',
  followUp: 'フォロー',
} as const;

/** A key of {@link STANDARD_MAIL_EVENTS}. */
export type StandardMailEvent = keyof typeof STANDARD_MAIL_EVENTS;

/**
 * True when a mail key is one of {@link STANDARD_MAIL_EVENTS} (標準のメール種別).
 *
 * @example
 * ```ts
 * isStandardMailEvent('paymentConfirmed'); // true
 * isStandardMailEvent('payment-confirmation'); // false
 * ```
 */
export function isStandardMailEvent(key: string): key is StandardMailEvent {
  return Object.hasOwn(STANDARD_MAIL_EVENTS, key);
}
