import { diffDays, normalizePhone, toJapanDate } from '@hakobu/core';
import { z } from 'zod';
import { parseConfig } from '../model/checked';
import type { OrderState } from '../model/order';
import { CalendarDate } from '../model/primitives';

/** One rank (顧客ランク) with its thresholds; a customer reaches it when the thresholds are met. */
export const RankThreshold = z.object({
  id: z.string().min(1),
  /** e.g. ゴールド */
  label: z.string().min(1),
  /** 購入回数 at least */
  minCount: z.number().int().nonnegative().optional(),
  /** 購入金額 (yen) at least */
  minAmount: z.number().int().nonnegative().optional(),
});
/** @see {@link RankThreshold} */
export type RankThreshold = z.infer<typeof RankThreshold>;

/**
 * Rank rules (ランク設定): the period in days ending on the reference date, the ranks from highest to lowest,
 * whether both thresholds must be met (`and`) or either (`or`), and the rank of everyone else.
 */
export const RankConfig = z.object({
  periodDays: z.number().int().positive(),
  ranks: z.array(RankThreshold).min(1),
  combine: z.enum(['and', 'or']).default('and'),
  defaultRank: z.object({ id: z.string().min(1), label: z.string().min(1) }),
});
/** @see {@link RankConfig} */
export type RankConfig = z.infer<typeof RankConfig>;
/** Input form of {@link RankConfig}. */
export type RankConfigInput = z.input<typeof RankConfig>;

/** A customer's rank with the figures it came from, for mail templates. */
export interface CustomerRank {
  readonly id: string;
  readonly label: string;
  /** 期間内購入回数 */
  readonly count: number;
  /** 期間内購入金額 */
  readonly amount: number;
}

/** One purchase counted for ranks. */
export interface Purchase {
  /** ISO 8601 with offset. */
  readonly orderedAt: string;
  readonly amount: number;
}

/**
 * Ranks one customer (顧客ランク判定) from purchases whose Japan-time date falls in the `periodDays` days
 * ending on `asOf`: the first rank whose thresholds are met, else the default.
 *
 * @example
 * ```ts
 * customerRank(purchases, {
 *   periodDays: 365,
 *   ranks: [{ id: 'gold', label: 'ゴールド', minCount: 5, minAmount: 50_000 }, { id: 'silver', label: 'シルバー', minCount: 2 }],
 *   defaultRank: { id: 'regular', label: 'レギュラー' },
 * }, '2026-11-28');
 * // { id: 'silver', label: 'シルバー', count: 3, amount: 21_000 }
 * ```
 */
export function customerRank(
  purchases: readonly Purchase[],
  config: RankConfigInput,
  asOf: string,
): CustomerRank {
  const { periodDays, ranks, combine, defaultRank } = parseConfig(
    RankConfig,
    config,
    'orders.rank.invalid_config',
    'Invalid rank config',
  );
  const end = parseConfig(CalendarDate, asOf, 'orders.rank.invalid_date', 'asOf must be a YYYY-MM-DD date');
  let count = 0;
  let amount = 0;
  for (const purchase of purchases) {
    const daysBefore = diffDays(toJapanDate(purchase.orderedAt), end);
    if (daysBefore < 0 || daysBefore >= periodDays) continue;
    count += 1;
    amount += purchase.amount;
  }
  const reached = ranks.find((rank) => {
    const checks = [
      ...(rank.minCount === undefined ? [] : [count >= rank.minCount]),
      ...(rank.minAmount === undefined ? [] : [amount >= rank.minAmount]),
    ];
    if (checks.length === 0) return true;
    return combine === 'and' ? checks.every(Boolean) : checks.some(Boolean);
  });
  const chosen = reached ?? defaultRank;
  return { id: chosen.id, label: chosen.label, count, amount };
}

/**
 * Ranks every customer of a set of orders (顧客ランク一括判定), grouping orders by a customer key (default:
 * the orderer's normalised phone) and counting each order's billed total; cancelled orders are left out.
 *
 * @example
 * ```ts
 * const ranks = rankCustomers(orders, config, '2026-11-28');
 * ranks.get('09012345678')?.label; // 'ゴールド'
 * ```
 */
export function rankCustomers(
  orders: readonly OrderState[],
  config: RankConfigInput,
  asOf: string,
  customerKey: (order: OrderState) => string = (order) => normalizePhone(order.orderer.phone),
): Map<string, CustomerRank> {
  const purchases = new Map<string, Purchase[]>();
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    const key = customerKey(order);
    if (key === '') continue;
    const list = purchases.get(key) ?? [];
    list.push({ orderedAt: order.orderedAt, amount: order.amounts.billedTotal });
    purchases.set(key, list);
  }
  return new Map([...purchases].map(([key, list]) => [key, customerRank(list, config, asOf)]));
}
