import { z } from 'zod';

/**
 * Tracking-page URL per carrier code (お問い合わせURL), with `{number}` where the tracking number goes.
 * The defaults are the public tracking pages the carriers link to today; they are **not** in the project's
 * reference notes (unconfirmed), so a host can replace or extend them through `trackingUrls`.
 */
export const DEFAULT_TRACKING_URLS: Readonly<Record<string, string>> = {
  yamato: 'https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id={number}',
  sagawa: 'https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo={number}',
  japanpost:
    'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={number}&searchKind=S002&locale=ja',
};

/** Japanese names of carrier codes (配送業者名), extendable through `carrierLabels`. */
export const DEFAULT_CARRIER_LABELS: Readonly<Record<string, string>> = {
  yamato: 'ヤマト運輸',
  sagawa: '佐川急便',
  japanpost: '日本郵便',
  seino: '西濃運輸',
  fukuyama: '福山通運',
};

/** A tracking-URL table: carrier code → URL with `{number}`. */
export const TrackingUrlTable = z.record(
  z.string().min(1),
  z.string().regex(/^https:\/\/.*\{number\}/, 'https の URL に {number} を含めてください'),
);
/** @see {@link TrackingUrlTable} */
export type TrackingUrlTable = z.infer<typeof TrackingUrlTable>;

/**
 * The tracking page of one parcel (追跡URL): the carrier's URL with the number put in (digits only, hyphens
 * removed), or `null` when the carrier has no URL in the table.
 *
 * @example
 * ```ts
 * trackingUrl('yamato', '4907-1495-5706'); // 'https://jizen.kuronekoyamato.co.jp/...?id=490714955706'
 * trackingUrl('unknown', '1'); // null
 * ```
 */
export function trackingUrl(
  carrier: string | null | undefined,
  number: string | null | undefined,
  table: Readonly<Record<string, string>> = DEFAULT_TRACKING_URLS,
): string | null {
  if (carrier === null || carrier === undefined || number === null || number === undefined) return null;
  const pattern = table[carrier];
  const cleaned = number.replace(/[\s-]/g, '');
  if (pattern === undefined || cleaned === '') return null;
  return pattern.replace('{number}', encodeURIComponent(cleaned));
}
