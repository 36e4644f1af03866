import { describe, expect, it } from 'vitest';
import { blacklistStoreChecks, orderRepositoryChecks, registerConformance } from '../testing';
import { generateOrders } from '../testing/generator';
import { createInMemoryBlacklistStore, createInMemoryOrderRepository } from './ports';
import { matchesQuery, queryOrders } from './query';

registerConformance('in-memory OrderRepository', orderRepositoryChecks(createInMemoryOrderRepository), {
  describe,
  it,
});
registerConformance('in-memory BlacklistStore', blacklistStoreChecks(createInMemoryBlacklistStore), {
  describe,
  it,
});

describe('conformance checks', () => {
  it('catch an adapter that ignores versions', async () => {
    const sloppy = () => {
      const inner = createInMemoryOrderRepository();
      return {
        ...inner,
        save: (changes: Parameters<typeof inner.save>[0]) =>
          inner.save(changes.map((change) => ({ ...change, expectedVersion: null }))),
      };
    };
    const check = orderRepositoryChecks(sloppy).find((c) => c.name.startsWith('refuses a stale'))!;
    await expect(check.run()).rejects.toThrowError(/orders\.conformance|stale|current version/);
  });

  it('catch an adapter whose hasAlerts counts acknowledged alerts', async () => {
    const counting = () => {
      const inner = createInMemoryOrderRepository();
      return {
        ...inner,
        query: async (query: Parameters<typeof inner.query>[0], page: Parameters<typeof inner.query>[1]) => {
          const { hasAlerts, ...rest } = query;
          const all = await inner.query(rest, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
          const items = all.items.filter(
            (order) => hasAlerts === undefined || order.alerts.length > 0 === hasAlerts,
          );
          return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
        },
      };
    };
    const check = orderRepositoryChecks(counting).find((c) => c.name.startsWith('counts only open alerts'))!;
    await expect(check.run()).rejects.toThrowError(/hasAlerts: true must find the orders with an open alert/);
  });
});

describe('matchesQuery', () => {
  const orders = generateOrders({ seed: 12, count: 200 });
  it('filters by text in names, addresses and phones after normalisation', () => {
    const target = orders[7]!;
    const wide = target.orderer.phone.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(matchesQuery(target, { text: wide })).toBe(true);
    expect(matchesQuery(target, { text: target.orderer.name.replace(' ', '') })).toBe(true);
    expect(matchesQuery(target, { text: '存在しない名前' })).toBe(false);
  });

  it('matches readings across kana forms, addresses across block notations, and phones only for phone-like text', () => {
    const base = orders[3]!;
    const orderer = {
      ...base.orderer,
      name: '髙橋 花子',
      nameKana: 'タカハシ ハナコ',
      prefecture: '東京都',
      address1: '港区芝公園四丁目2番8号',
      phone: '03-1234-5678',
    };
    const order = {
      ...base,
      orderer,
      shipments: base.shipments.map((s) => ({ ...s, destination: orderer })),
    };
    expect(matchesQuery(order, { text: 'ﾀｶﾊｼ' })).toBe(true);
    expect(matchesQuery(order, { text: 'たかはし' })).toBe(true);
    expect(matchesQuery(order, { text: '高橋' })).toBe(true);
    expect(matchesQuery(order, { text: '芝公園4-2' })).toBe(true);
    expect(matchesQuery(order, { text: '(03)1234' })).toBe(true);
    expect(matchesQuery(order, { text: '5678' })).toBe(true);
    expect(matchesQuery(order, { text: '芝公園9' })).toBe(false);
    expect(matchesQuery(order, { text: '1234号室' })).toBe(false);
  });

  it('filters by dates, amounts, payment, alerts and tracking, and pages', () => {
    const result = queryOrders(
      orders,
      { orderedFrom: '2026-11-10', orderedTo: '2026-11-12', minTotal: 3000 },
      { offset: 0, limit: 5 },
    );
    expect(result.items.length).toBeLessThanOrEqual(5);
    expect(result.items.every((o) => o.amounts.billedTotal >= 3000)).toBe(true);
    expect(queryOrders(orders, { hasTracking: true }, { offset: 0, limit: 10 }).total).toBe(0);
    expect(queryOrders(orders, { hasAlerts: false }, { offset: 0, limit: 10 }).total).toBe(200);
    const cod = queryOrders(orders, { paymentMethod: ['cod'] }, { offset: 0, limit: 1000 });
    expect(cod.total).toBe(orders.filter((o) => o.payment.method === 'cod').length);
  });
});

describe('createInMemoryOrderRepository history events', () => {
  const event = (id: string, note: string) => ({
    id,
    type: 'tag',
    at: '2026-11-28T10:00:00.000+09:00',
    actor: 'staff-1',
    orderIds: ['h1'],
    details: { note },
  });

  it('keeps events frozen and shared, so a save copies only new ones; a rewritten event is stored', async () => {
    const [generated] = generateOrders({ seed: 5, count: 1, idPrefix: 'h' });
    const order = { ...generated!, history: [event('e1', 'first')] };
    const repository = createInMemoryOrderRepository();
    await repository.save([{ order, expectedVersion: null }]);
    const read = (await repository.get(order.id))!;
    expect(Object.isFrozen(read.history[0])).toBe(true);
    expect(() => {
      (read.history[0]!.details as { note: string }).note = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(order.history[0])).toBe(false);

    const appended = {
      ...read,
      version: read.version + 1,
      history: [...read.history, event('e2', 'second')],
    };
    await repository.save([{ order: appended, expectedVersion: read.version }]);
    const again = (await repository.get(order.id))!;
    expect(again.history[0]).toBe(read.history[0]);
    expect(again.history.map((e) => e.details)).toEqual([{ note: 'first' }, { note: 'second' }]);

    // Redaction rewrites earlier events: a different object at a stored position replaces the stored event.
    const rewritten = {
      ...again,
      version: again.version + 1,
      history: [event('e1', '（削除済み）'), again.history[1]!],
    };
    await repository.save([{ order: rewritten, expectedVersion: again.version }]);
    expect((await repository.get(order.id))!.history.map((e) => e.details)).toEqual([
      { note: '（削除済み）' },
      { note: 'second' },
    ]);
    // A returned order's own fields are copies: changing them changes nothing stored.
    again.tags.push('mutated');
    expect((await repository.get(order.id))!.tags).not.toContain('mutated');
  });
});
