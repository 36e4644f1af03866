import { createIssue, type Issue } from '@hakobu/core';
import { z } from 'zod';
import { Channel, type Listing } from '../model/listing';

/**
 * The adjustable parts of a channel policy (在庫連携設定). Each is optional; a more specific policy
 * overrides a less specific one field by field (listing over shop over channel), and an unset field takes
 * its default: ratio 100, reserve 0, no cap, floor-to-zero 0. In a `split` channel (the default of
 * `planSync`) the channel's share still bounds all its listings together, so a shop or listing policy
 * narrows its listings but never lifts them above the channel's share.
 *
 * - `ratio` 在庫割当率, percent 0–100 of the stock left after `reserve`, rounded down.
 * - `reserve` 予備在庫数, master units held back from this channel.
 * - `cap` 上限在庫数, the most ever advertised, in sold units.
 * - `floorToZero` 下限在庫数, advertise 0 when the result is below it, in sold units.
 */
export const PolicyRule = z.object({
  ratio: z.number().int().min(0).max(100).optional(),
  reserve: z.number().int().nonnegative().optional(),
  cap: z.number().int().nonnegative().optional(),
  floorToZero: z.number().int().nonnegative().optional(),
});
/** @see {@link PolicyRule} */
export type PolicyRule = z.infer<typeof PolicyRule>;

/**
 * A channel policy with its scope: a whole channel (`channel`), one shop (`channel` + `shopId`), or one
 * listing (`listingId` alone).
 */
export const ChannelPolicy = PolicyRule.extend({
  channel: Channel.optional(),
  shopId: z.string().min(1).optional(),
  listingId: z.string().min(1).optional(),
}).refine(
  (policy) =>
    policy.listingId !== undefined
      ? policy.channel === undefined && policy.shopId === undefined
      : policy.channel !== undefined,
  { message: 'listingId だけ、または channel（と shopId）を指定してください', path: ['channel'] },
);
/** @see {@link ChannelPolicy} */
export type ChannelPolicy = z.infer<typeof ChannelPolicy>;

/** A policy with every field decided, as applied to one listing. */
export interface EffectivePolicy {
  /** 在庫割当率 in percent. */
  readonly ratio: number;
  /** 予備在庫数 in master units. */
  readonly reserve: number;
  /** 上限在庫数 in sold units, or undefined for no cap. */
  readonly cap: number | undefined;
  /** 下限在庫数 in sold units. */
  readonly floorToZero: number;
}

/** The default policy: advertise all free stock. */
export const unrestrictedPolicy: EffectivePolicy = { ratio: 100, reserve: 0, cap: undefined, floorToZero: 0 };

/**
 * The quantity a listing advertises (連携在庫数), from the sellable stock of its SKU in master units. The
 * order is fixed and documented:
 *
 * 1. reserve (予備在庫): `max(0, free − reserve)`
 * 2. ratio (割当率): `floor(x × ratio / 100)`
 * 3. pack size (入数): `floor(x / multiplier)`, from master units to sold units
 * 4. cap (上限): `min(x, cap)`
 * 5. floor-to-zero (下限): `x < floorToZero ? 0 : x`
 *
 * Every step rounds down, so no listing ever advertises more than the stock behind it. This is one
 * listing on its own: `planSync` then splits each channel's share among the channel's listings that use
 * the same stock (see {@link shareOf}).
 *
 * @example
 * ```ts
 * advertisedQuantity(10, { ratio: 50, reserve: 1, cap: undefined, floorToZero: 0 }, 1); // floor(9 × 0.5) = 4
 * advertisedQuantity(10, { ratio: 100, reserve: 0, cap: 2, floorToZero: 0 }, 3); // floor(10 / 3) = 3, capped to 2
 * ```
 */
export function advertisedQuantity(free: number, policy: EffectivePolicy, multiplier: number): number {
  const packs = Math.floor(shareOf(free, policy) / multiplier);
  const capped = policy.cap === undefined ? packs : Math.min(packs, policy.cap);
  return capped < policy.floorToZero ? 0 : capped;
}

/**
 * The share of a scope (割当枠): the master units of one SKU that a channel or a shop may advertise,
 * all its listings together — steps 1 and 2 of {@link advertisedQuantity}, `floor(max(0, free − reserve)
 * × ratio / 100)`. With `split` (the default of `planSync`), the listings of a channel never advertise more
 * of a SKU together than the channel's share, nor the listings of a shop more than the shop's share.
 *
 * @example
 * ```ts
 * shareOf(14, { ratio: 60, reserve: 0, cap: undefined, floorToZero: 0 }); // 8
 * shareOf(14, { ratio: 50, reserve: 4, cap: undefined, floorToZero: 0 }); // floor(10 × 0.5) = 5
 * ```
 */
export function shareOf(free: number, policy: EffectivePolicy): number {
  return Math.floor((Math.max(0, free - policy.reserve) * policy.ratio) / 100);
}

/** Channel policies indexed by scope, from {@link indexPolicies}. */
export interface PolicyIndex {
  /** The effective policy of one listing. */
  resolve(listing: Listing): EffectivePolicy;
  /**
   * The effective policy of a whole channel (`shopId` absent) or of one shop, without listing policies:
   * the policy whose {@link shareOf} bounds every listing of that scope together.
   */
  resolveScope(channel: string, shopId?: string): EffectivePolicy;
}

function scopeKey(policy: ChannelPolicy): string {
  return policy.listingId !== undefined
    ? JSON.stringify(['listing', policy.listingId])
    : JSON.stringify(['channel', policy.channel, policy.shopId ?? null]);
}

function describeScope(policy: ChannelPolicy): string {
  if (policy.listingId !== undefined) return `商品対応表「${policy.listingId}」`;
  return policy.shopId === undefined
    ? `チャネル「${policy.channel}」`
    : `チャネル「${policy.channel}」店舗「${policy.shopId}」`;
}

/**
 * Checks channel policies and indexes them by scope. Two policies on the same scope are an error
 * (`inventory.duplicate_policy`), as is a schema problem (`inventory.invalid_policy`); the issues come
 * back beside an index of the valid, first-seen policies.
 *
 * @example
 * ```ts
 * const { index, issues } = indexPolicies([
 *   { channel: 'rakuten', ratio: 60 },
 *   { channel: 'rakuten', shopId: 'outlet', cap: 5 },
 * ]);
 * index.resolve(outletListing); // { ratio: 60, reserve: 0, cap: 5, floorToZero: 0 }
 * ```
 */
export function indexPolicies(policies: readonly ChannelPolicy[]): { index: PolicyIndex; issues: Issue[] } {
  const issues: Issue[] = [];
  const byScope = new Map<string, ChannelPolicy>();
  policies.forEach((input, position) => {
    const parsed = ChannelPolicy.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push(
          createIssue(
            'inventory.invalid_policy',
            `在庫連携設定 ${position + 1} 件目の項目「${issue.path.join('.')}」が不正です: ${issue.message}`,
            {
              path: [
                'policies',
                position,
                ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
              ],
            },
          ),
        );
      }
      return;
    }
    const key = scopeKey(parsed.data);
    if (byScope.has(key)) {
      issues.push(
        createIssue(
          'inventory.duplicate_policy',
          `${describeScope(parsed.data)}の在庫連携設定が重複しています`,
          {
            path: ['policies', position],
          },
        ),
      );
      return;
    }
    byScope.set(key, parsed.data);
  });
  const channelLevel = new Map<string, Map<string, EffectivePolicy>>();
  let last: { channel: string; shopId: string; policy: EffectivePolicy } | undefined;
  const forShop = (channel: string, shopId: string): EffectivePolicy => {
    if (last !== undefined && last.channel === channel && last.shopId === shopId) return last.policy;
    let shops = channelLevel.get(channel);
    if (shops === undefined) {
      shops = new Map();
      channelLevel.set(channel, shops);
    }
    let found = shops.get(shopId);
    if (found === undefined) {
      found = merge(
        merge(unrestrictedPolicy, byScope.get(JSON.stringify(['channel', channel, null]))),
        byScope.get(JSON.stringify(['channel', channel, shopId])),
      );
      shops.set(shopId, found);
    }
    last = { channel, shopId, policy: found };
    return found;
  };
  const byListing = new Map<string, ChannelPolicy>();
  for (const policy of byScope.values())
    if (policy.listingId !== undefined) byListing.set(policy.listingId, policy);
  return {
    index: {
      resolve: (listing) => {
        const base = forShop(listing.channel, listing.shopId);
        return byListing.size === 0 ? base : merge(base, byListing.get(listing.id));
      },
      resolveScope: (channel, shopId) =>
        shopId === undefined
          ? merge(unrestrictedPolicy, byScope.get(JSON.stringify(['channel', channel, null])))
          : forShop(channel, shopId),
    },
    issues,
  };
}

function merge(base: EffectivePolicy, rule: PolicyRule | undefined): EffectivePolicy {
  if (rule === undefined) return base;
  return {
    ratio: rule.ratio ?? base.ratio,
    reserve: rule.reserve ?? base.reserve,
    cap: rule.cap ?? base.cap,
    floorToZero: rule.floorToZero ?? base.floorToZero,
  };
}
