import { PaymentMethod } from '@hakobu/orders';
import { z } from 'zod';

/**
 * The standard mail events (メール種別) are defined once, in `@hakobu/orders` (`STANDARD_MAIL_EVENTS`:
 * 注文確認/サンクス `orderConfirmation`, 入金確認 `paymentConfirmed`, 入金催促 `paymentReminder`, 発送完了
 * `shipped`, フォロー `followUp`), and re-exported here so templates, automation rules, the status flow's mail
 * effects and `axes.mailsSent` share one vocabulary. Hosts may use their own keys too (custom mail).
 */
export { STANDARD_MAIL_EVENTS } from '@hakobu/orders';

/** A mail event key: one of `STANDARD_MAIL_EVENTS` (of `@hakobu/orders`) or a custom key. */
export const MailEvent = z.string().regex(/^[A-Za-z][\w.-]*$/);
/** @see {@link MailEvent} */
export type MailEvent = z.infer<typeof MailEvent>;

/**
 * One mail template (メールテンプレート) for an event, optionally only for a payment method, channel or shop.
 * The most specific matching template wins: payment method first, then shop, then channel
 * (支払方法別テンプレートは既定より優先). `mobileText` is the 携帯 variant; without it the PC text is wrapped.
 */
export const MailTemplateDefinition = z.object({
  id: z.string().min(1),
  event: MailEvent,
  paymentMethod: PaymentMethod.optional(),
  channel: z.string().min(1).optional(),
  shopId: z.string().min(1).optional(),
  /** 件名 (text template) */
  subject: z.string().min(1),
  /** 本文 (text template) */
  text: z.string().min(1),
  /** HTML本文 (html template, escaped output) */
  html: z.string().min(1).optional(),
  /** 携帯向け本文 (text template) */
  mobileText: z.string().min(1).optional(),
});
/** @see {@link MailTemplateDefinition} */
export type MailTemplateDefinition = z.infer<typeof MailTemplateDefinition>;

/**
 * A block inserted by customer rank (ランク別差込ブロック) as `blocks.rank` / `[ランク別メッセージ]`:
 * for a rank id, optionally only for one event.
 */
export const RankBlock = z.object({
  rank: z.string().min(1),
  event: MailEvent.optional(),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
});
/** @see {@link RankBlock} */
export type RankBlock = z.infer<typeof RankBlock>;

const MailAddress = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'メールアドレスの形式ではありません');

/**
 * A sending route (送信ルート): one channel + shop with its sender, shop information (shown to templates as
 * `shop.*`), signature (署名) and extra headers. Documents take their branding separately
 * (`DocumentBranding`), since a warehouse may print for routes it does not send mail for.
 */
export const MailRoute = z.object({
  channel: z.string().min(1),
  shopId: z.string().min(1),
  shop: z.object({
    name: z.string().min(1),
    email: z.string().optional(),
    phone: z.string().optional(),
    url: z.string().optional(),
    /** 適格請求書発行事業者登録番号 */
    invoiceNumber: z.string().optional(),
    logoUrl: z.string().optional(),
  }),
  from: MailAddress,
  replyTo: MailAddress.optional(),
  cc: z.array(MailAddress).default([]),
  bcc: z.array(MailAddress).default([]),
  /** 署名 per route: a text template and an optional HTML one. */
  signature: z.object({ text: z.string().min(1), html: z.string().min(1).optional() }).optional(),
  /** Extra headers; names are RFC 5322 field names and values have no line breaks (header injection). */
  headers: z
    .record(
      z.string().regex(/^[!-9;-~]+$/, 'ヘッダー名に使えない文字があります'),
      z.string().regex(/^[^\r\n]*$/, 'ヘッダーに改行は使えません'),
    )
    .default({}),
});
/** @see {@link MailRoute} */
export type MailRoute = z.infer<typeof MailRoute>;
/** Input form of {@link MailRoute}. */
export type MailRouteInput = z.input<typeof MailRoute>;

/** An outgoing message (送信メール), ready for a {@link MailTransport}. */
export const MailMessage = z.object({
  to: z.array(z.string()).min(1),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  from: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  /** Same key → sent once (order id, event, shipment, sequence). */
  idempotencyKey: z.string().min(1),
  /** What the message is about, for the send log and the order's mail-sent axis. */
  meta: z.object({
    orderId: z.string(),
    event: z.string(),
    templateId: z.string(),
    device: z.enum(['pc', 'mobile']),
  }),
});
/** @see {@link MailMessage} */
export type MailMessage = z.infer<typeof MailMessage>;

/**
 * Route key `channel/shopId` (ルートキー).
 *
 * @example
 * ```ts
 * routeKey({ channel: 'rakuten', shopId: 'hakobu-do' }); // 'rakuten/hakobu-do'
 * ```
 */
export function routeKey(route: { readonly channel: string; readonly shopId: string }): string {
  return `${route.channel}/${route.shopId}`;
}
