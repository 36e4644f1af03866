import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import type { Listing } from '../model/listing';
import type { SetComponent } from '../model/product';
import { advertisedQuantity, type EffectivePolicy, type PolicyIndex, shareOf } from '../policy/policy';
import { setQuantity } from './availability';

/**
 * How a channel's share of a SKU is divided among the channel's listings that use it (出品間の在庫按分):
 * the single item and the 3-pack of one SKU, two shops of one mall, a set and its components.
 *
 * - `split` (default): the listings of a channel together never advertise more master units of a SKU
 *   (quantity × 入数, sets expanded to their components) than the channel's share, and the listings of a
 *   shop never more than the shop's share. So channels whose ratios add up to at most 100% never advertise
 *   more than the sellable stock, whatever their listings.
 * - `shared`: every listing may show the whole share on its own. Several listings of one SKU on one
 *   channel then advertise more than the share together and can oversell; only the store's 引当 stops an
 *   order beyond the stock. For a channel that is synced right after every order and prefers showing
 *   every listing full.
 */
export const ShareMode = z.enum(['split', 'shared']);
/** @see {@link ShareMode} */
export type ShareMode = z.infer<typeof ShareMode>;

/** The master units of one stocked SKU left to a channel or a shop during one split. */
interface Account {
  readonly budget: number;
  remaining: number;
  /** Growing listings drawing on this account in the current round. */
  users: number;
  /** This round's equal part of `remaining`. */
  part: number;
  /** The first claim drawing on this account, to link the claims sharing it; -1 before any. */
  firstUser: number;
}

/** What one sold unit of a listing uses of one account. */
interface Draw {
  readonly account: Account;
  readonly units: number;
}

/** A listing of a `split` channel competing for its channel's share. */
interface Claim {
  /** Position of the listing in the planned list. */
  readonly position: number;
  /** What the listing would show on its own (reserve, ratio, 入数, cap, floor-to-zero), in sold units. */
  readonly limit: number;
  readonly floorToZero: number;
  readonly draws: readonly Draw[];
}

/** The share of a channel, or of a shop with a ratio or reserve of its own. */
interface Scope {
  /** Position of this scope's account in {@link SkuStock.accounts}. */
  readonly id: number;
  readonly policy: EffectivePolicy;
}

/** The shares of one channel; a shop is `null` when its share is the channel's (same ratio and reserve). */
interface ChannelScopes extends Scope {
  readonly shops: Map<string, Scope | null>;
}

/**
 * One SKU of the plan, looked up once: the quantity its listings start from (sellable stock, or a set's
 * quantity) and the stocked SKUs one unit uses (a set's components, or itself); for a stocked SKU, how many
 * listings of each channel draw on it (by channel scope id) and, once two do, its account in each scope.
 */
interface SkuStock {
  readonly stock: number;
  needs: readonly Need[] | undefined;
  readonly drawers: number[];
  readonly accounts: (Account | undefined)[];
}

/** Master units of one stocked SKU in one unit of a SKU. */
interface Need {
  readonly sku: SkuStock;
  readonly quantity: number;
}

/**
 * The quantity every planned listing advertises, in the order given (listing id order): each listing's own
 * quantity ({@link advertisedQuantity}), then, in `split` channels, the channel's and shops' shares divided
 * among the listings that use them (see {@link divideShares}).
 */
export function listingQuantities(
  catalog: Catalog,
  listings: readonly Listing[],
  sellable: ReadonlyMap<string, number>,
  index: PolicyIndex,
  shares: Readonly<Record<string, ShareMode>> | undefined,
): number[] {
  const skus = stockBySku(catalog, sellable);
  const scopes = createScopes(index);
  // First pass: each listing's own quantity, and how many listings draw on each stocked SKU per channel.
  // Per listing position: what it draws on (undefined when it divides nothing), its scopes and its floor.
  const needsAt: (readonly Need[] | undefined)[] = [];
  const channelAt: (Scope | undefined)[] = [];
  const shopAt: (Scope | null)[] = [];
  const floors: number[] = [];
  const quantities = listings.map((listing) => {
    let sku = skus.get(listing.sku);
    if (sku === undefined) {
      sku = { stock: 0, needs: undefined, drawers: [], accounts: [] };
      skus.set(listing.sku, sku);
    }
    const policy = index.resolve(listing);
    const limit = advertisedQuantity(sku.stock, policy, listing.multiplier);
    floors.push(policy.floorToZero);
    if (limit === 0 || shares?.[listing.channel] === 'shared') {
      needsAt.push(undefined);
      channelAt.push(undefined);
      shopAt.push(null);
      return limit;
    }
    sku.needs ??= [{ sku, quantity: 1 }];
    const { channel, shop } = scopes(listing);
    for (const { sku: stocked } of sku.needs)
      stocked.drawers[channel.id] = (stocked.drawers[channel.id] ?? 0) + 1;
    needsAt.push(sku.needs);
    channelAt.push(channel);
    shopAt.push(shop);
    return limit;
  });
  // Second pass: a listing alone on all its stock takes what its shares allow; the others divide them.
  const claims: Claim[] = [];
  needsAt.forEach((needs, position) => {
    const channel = channelAt[position];
    if (needs === undefined || channel === undefined) return;
    const shop = shopAt[position] ?? null;
    const multiplier = listings[position]!.multiplier;
    const floorToZero = floors[position]!;
    // A shop's listings are among its channel's: alone on the channel is alone in the shop too.
    if (needs.every(({ sku }) => sku.drawers[channel.id] === 1)) {
      let quantity = quantities[position]!;
      for (const { sku, quantity: each } of needs) {
        const units = each * multiplier;
        quantity = Math.min(quantity, Math.floor(shareOf(sku.stock, channel.policy) / units));
        if (shop !== null) quantity = Math.min(quantity, Math.floor(shareOf(sku.stock, shop.policy) / units));
      }
      quantities[position] = quantity < floorToZero ? 0 : quantity;
      return;
    }
    const draws: Draw[] = [];
    for (const { sku, quantity: each } of needs) {
      const units = each * multiplier;
      draws.push({ account: accountOf(sku, channel), units });
      if (shop !== null) draws.push({ account: accountOf(sku, shop), units });
    }
    claims.push({ position, limit: quantities[position]!, floorToZero, draws });
  });
  const divided = divideShares(claims);
  claims.forEach((claim, i) => {
    quantities[claim.position] = divided[i] ?? 0;
  });
  return quantities;
}

/**
 * Every stocked SKU with levels and every set of the catalog, entered in bulk so that each listing then
 * looks its SKU up once. Sets have no stock of their own: their quantity is written over any level filed
 * under a set SKU.
 */
function stockBySku(catalog: Catalog, sellable: ReadonlyMap<string, number>): Map<string, SkuStock> {
  const skus = new Map<string, SkuStock>();
  for (const [sku, stock] of sellable) skus.set(sku, { stock, needs: undefined, drawers: [], accounts: [] });
  const stockedSku = (sku: string): SkuStock => {
    let found = skus.get(sku);
    if (found === undefined) {
      found = { stock: 0, needs: undefined, drawers: [], accounts: [] };
      skus.set(sku, found);
    }
    return found;
  };
  for (const [sku, components] of catalog.setStock) {
    const needs = components.map((c) => ({ sku: stockedSku(c.sku), quantity: c.quantity }));
    skus.set(sku, { stock: setQuantity(components, sellable), needs, drawers: [], accounts: [] });
  }
  return skus;
}

/** The stocked SKUs behind a SKU with the master units of each in one: a set's expanded components, or itself. */
export function stockedComponents(catalog: Catalog, sku: string): readonly SetComponent[] {
  return catalog.setStock.get(sku) ?? [{ sku, quantity: 1 }];
}

/** The channel scope and, when it has a share of its own, the shop scope of a listing. */
function createScopes(
  index: PolicyIndex,
): (listing: Listing) => { channel: ChannelScopes; shop: Scope | null } {
  const channels = new Map<string, ChannelScopes>();
  let count = 0;
  // Listings come in id order, which usually keeps one shop's listings together.
  let last:
    | { channel: string; shopId: string; scopes: { channel: ChannelScopes; shop: Scope | null } }
    | undefined;
  return (listing) => {
    if (last !== undefined && last.channel === listing.channel && last.shopId === listing.shopId)
      return last.scopes;
    let channel = channels.get(listing.channel);
    if (channel === undefined) {
      channel = { id: count++, policy: index.resolveScope(listing.channel), shops: new Map() };
      channels.set(listing.channel, channel);
    }
    let shop = channel.shops.get(listing.shopId);
    if (shop === undefined) {
      const policy = index.resolveScope(listing.channel, listing.shopId);
      // A shop whose share equals the channel's can never be the tighter bound: it needs no account.
      shop =
        policy.ratio === channel.policy.ratio && policy.reserve === channel.policy.reserve
          ? null
          : { id: count++, policy };
      channel.shops.set(listing.shopId, shop);
    }
    last = { channel: listing.channel, shopId: listing.shopId, scopes: { channel, shop } };
    return last.scopes;
  };
}

function accountOf(sku: SkuStock, scope: Scope): Account {
  let account = sku.accounts[scope.id];
  if (account === undefined) {
    const budget = shareOf(sku.stock, scope.policy);
    account = { budget, remaining: budget, users: 0, part: 0, firstUser: -1 };
    sku.accounts[scope.id] = account;
  }
  return account;
}

/**
 * Divides the shares among the claims (in listing id order) and returns each claim's quantity. Claims that
 * share no account are independent, so the division runs per group of claims linked by shared accounts.
 */
function divideShares(claims: readonly Claim[]): number[] {
  const parent = claims.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    for (let j = i; j !== r; ) {
      const up = parent[j]!;
      parent[j] = r;
      j = up;
    }
    return r;
  };
  claims.forEach((claim, i) => {
    for (const { account } of claim.draws) {
      if (account.firstUser < 0) account.firstUser = i;
      else parent[root(i)] = root(account.firstUser);
    }
  });
  const groups = new Map<number, number[]>();
  claims.forEach((_, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group === undefined) groups.set(r, [i]);
    else group.push(i);
  });
  const quantities = claims.map(() => 0);
  for (const group of groups.values()) {
    const divided = divideGroup(group.map((i) => claims[i]!));
    group.forEach((i, position) => {
      quantities[i] = divided[position] ?? 0;
    });
  }
  return quantities;
}

/**
 * One group of linked claims: divide, then drop every claim that ends below its floor-to-zero (下限在庫数)
 * and divide again without it, so the units it would have shown go to the others.
 */
function divideGroup(claims: readonly Claim[]): number[] {
  const dropped = new Set<Claim>();
  for (;;) {
    const quantities = fill(claims, dropped);
    let again = false;
    claims.forEach((claim, i) => {
      const quantity = quantities[i] ?? 0;
      if (quantity > 0 && quantity < claim.floorToZero) {
        dropped.add(claim);
        quantities[i] = 0;
        again = true;
      }
    });
    if (!again) return quantities;
  }
}

/**
 * The division itself. In rounds, each account's remaining units are divided equally among the growing
 * claims that draw on it, and each claim takes the most whole sold units all its parts and its own limit
 * allow; a claim that cannot take one whole unit stops growing. Then the units left go to the claims in
 * listing id order, each taking as many whole sold units as still fit.
 */
function fill(claims: readonly Claim[], dropped: ReadonlySet<Claim>): number[] {
  const quantities = claims.map(() => 0);
  for (const claim of claims) for (const { account } of claim.draws) account.remaining = account.budget;
  let growing: number[] = [];
  claims.forEach((claim, i) => {
    if (!dropped.has(claim)) growing.push(i);
  });
  while (growing.length > 0) {
    for (const i of growing) for (const { account } of claims[i]!.draws) account.users += 1;
    for (const i of growing) {
      for (const { account } of claims[i]!.draws) {
        if (account.users === 0) continue;
        account.part = Math.floor(account.remaining / account.users);
        account.users = 0;
      }
    }
    const next: number[] = [];
    for (const i of growing) {
      const claim = claims[i]!;
      let take = claim.limit - quantities[i]!;
      for (const { account, units } of claim.draws) take = Math.min(take, Math.floor(account.part / units));
      if (take <= 0) continue;
      quantities[i]! += take;
      for (const { account, units } of claim.draws) account.remaining -= take * units;
      if (quantities[i]! < claim.limit) next.push(i);
    }
    growing = next;
  }
  claims.forEach((claim, i) => {
    if (dropped.has(claim)) return;
    let take = claim.limit - quantities[i]!;
    for (const { account, units } of claim.draws)
      take = Math.min(take, Math.floor(account.remaining / units));
    if (take <= 0) return;
    quantities[i]! += take;
    for (const { account, units } of claim.draws) account.remaining -= take * units;
  });
  return quantities;
}
