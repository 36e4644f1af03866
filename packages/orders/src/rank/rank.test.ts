import { describe, expect, it } from 'vitest';
import { generateOrders } from '../testing/generator';
import { customerRank, type RankConfigInput, rankCustomers } from './rank';

const config: RankConfigInput = {
  periodDays: 365,
  ranks: [
    { id: 'gold', label: 'ゴールド', minCount: 5, minAmount: 50_000 },
    { id: 'silver', label: 'シルバー', minCount: 2 },
  ],
  defaultRank: { id: 'regular', label: 'レギュラー' },
};

describe('customerRank', () => {
  it('counts purchases in the Japan-time period and picks the first rank reached', () => {
    const purchases = [
      { orderedAt: '2026-11-28T23:30:00+09:00', amount: 10_000 },
      { orderedAt: '2025-11-28T23:59:59+09:00', amount: 99_000 },
      { orderedAt: '2025-11-29T00:00:00+09:00', amount: 11_000 },
      { orderedAt: '2026-11-28T15:00:00Z', amount: 5_000 },
    ];
    expect(customerRank(purchases, config, '2026-11-28')).toEqual({
      id: 'silver',
      label: 'シルバー',
      count: 2,
      amount: 21_000,
    });
    expect(customerRank([], config, '2026-11-28').id).toBe('regular');
  });

  it('supports either-threshold ranks', () => {
    const purchases = [{ orderedAt: '2026-11-01T10:00:00+09:00', amount: 60_000 }];
    expect(customerRank(purchases, config, '2026-11-28').id).toBe('regular');
    expect(customerRank(purchases, { ...config, combine: 'or' }, '2026-11-28').id).toBe('gold');
  });
});

describe('rankCustomers', () => {
  it('groups by normalised orderer phone and skips cancelled orders', () => {
    const orders = generateOrders({ seed: 4, count: 500, customers: 100 });
    const ranks = rankCustomers(orders, config, '2026-12-31');
    expect(ranks.size).toBeLessThanOrEqual(100);
    const total = [...ranks.values()].reduce((sum, rank) => sum + rank.count, 0);
    expect(total).toBe(500);
    const cancelled = rankCustomers(
      orders.map((o) => ({ ...o, status: 'cancelled' })),
      config,
      '2026-12-31',
    );
    expect(cancelled.size).toBe(0);
  });
});
