import { z } from 'zod';

/**
 * The carrier-neutral service of a shipment (配送サービス), mapped to each label system's codes:
 * `standard` 宅配便 (宅急便・飛脚宅配便・ゆうパック), `compact` 宅急便コンパクト, `nekopos` ネコポス,
 * `packet` ゆうパケット (クロネコゆうパケット on B2), `mail` ゆうメール (クロネコゆうメール on B2),
 * `time` タイムサービス, `eazy` EAZY (置き配), `clickpost` クリックポスト.
 */
export const ServiceKind = z.enum([
  'standard',
  'compact',
  'nekopos',
  'packet',
  'mail',
  'time',
  'eazy',
  'clickpost',
]);
/** @see {@link ServiceKind} */
export type ServiceKind = z.infer<typeof ServiceKind>;

/** Who pays the freight (運賃の支払): 元払い `sender`, 着払い `recipient`. */
export const FreightPayer = z.enum(['sender', 'recipient']);
/** @see {@link FreightPayer} */
export type FreightPayer = z.infer<typeof FreightPayer>;

/** A shipment's service as read from its `service` text: kind and freight payer. */
export interface ResolvedService {
  readonly kind: ServiceKind;
  readonly freight: FreightPayer;
}

/**
 * The `Shipment.service` texts understood by default (配送方法の別名), folded to lower case. A shop can add its
 * own through the `serviceAliases` option of the writers.
 */
export const DEFAULT_SERVICE_ALIASES: Readonly<Record<string, ResolvedService>> = {
  standard: { kind: 'standard', freight: 'sender' },
  takkyubin: { kind: 'standard', freight: 'sender' },
  宅急便: { kind: 'standard', freight: 'sender' },
  宅配便: { kind: 'standard', freight: 'sender' },
  hikyaku: { kind: 'standard', freight: 'sender' },
  飛脚宅配便: { kind: 'standard', freight: 'sender' },
  yupack: { kind: 'standard', freight: 'sender' },
  ゆうパック: { kind: 'standard', freight: 'sender' },
  chakubarai: { kind: 'standard', freight: 'recipient' },
  着払い: { kind: 'standard', freight: 'recipient' },
  compact: { kind: 'compact', freight: 'sender' },
  宅急便コンパクト: { kind: 'compact', freight: 'sender' },
  nekopos: { kind: 'nekopos', freight: 'sender' },
  ネコポス: { kind: 'nekopos', freight: 'sender' },
  packet: { kind: 'packet', freight: 'sender' },
  yupacket: { kind: 'packet', freight: 'sender' },
  ゆうパケット: { kind: 'packet', freight: 'sender' },
  クロネコゆうパケット: { kind: 'packet', freight: 'sender' },
  mail: { kind: 'mail', freight: 'sender' },
  yumail: { kind: 'mail', freight: 'sender' },
  ゆうメール: { kind: 'mail', freight: 'sender' },
  クロネコゆうメール: { kind: 'mail', freight: 'sender' },
  time: { kind: 'time', freight: 'sender' },
  タイム: { kind: 'time', freight: 'sender' },
  eazy: { kind: 'eazy', freight: 'sender' },
  clickpost: { kind: 'clickpost', freight: 'sender' },
  クリックポスト: { kind: 'clickpost', freight: 'sender' },
};

/**
 * Reads a shipment's `service` text as a {@link ResolvedService} (配送方法の解決): blank means the label system's
 * default service; unknown text gives `undefined`.
 *
 * @example
 * ```ts
 * resolveService('nekopos', 'standard'); // { kind: 'nekopos', freight: 'sender' }
 * resolveService(undefined, 'clickpost'); // { kind: 'clickpost', freight: 'sender' }
 * resolveService('飛行機便', 'standard'); // undefined
 * ```
 */
export function resolveService(
  service: string | undefined,
  fallback: ServiceKind,
  aliases: Readonly<Record<string, ResolvedService>> = {},
): ResolvedService | undefined {
  const text = (service ?? '').trim();
  if (text === '') return { kind: fallback, freight: 'sender' };
  const key = text.toLowerCase();
  return aliases[key] ?? aliases[text] ?? DEFAULT_SERVICE_ALIASES[key];
}
