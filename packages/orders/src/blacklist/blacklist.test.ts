import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { acknowledgeAlerts } from '../alert/acknowledge';
import type { Order } from '../model/order';
import { generateBlacklist, generateOrders } from '../testing/generator';
import { BlacklistEntry, buildBlacklistIndex, rescreenOrders, screenOrder } from './blacklist';

const ctx = () => ({
  clock: fixedClock('2026-11-28T01:00:00Z'),
  ids: sequenceIdGenerator(),
  actor: 'system:screen',
});

function order(): Order {
  const base = generateOrders({ seed: 31, count: 1, giftRate: 0 })[0]!;
  const orderer = {
    ...base.orderer,
    name: '山田 太郎',
    phone: '090-1111-2222',
    email: 'Taro@Example.jp',
    prefecture: '東京都',
    address1: '千代田区丸の内1丁目2番3号',
  };
  delete orderer.address2;
  const shipments = base.shipments.map((s) => ({
    ...s,
    destination: { ...orderer, name: '山田 花子', phone: '03-5555-6666' },
  }));
  return { ...base, orderer, shipments };
}

describe('BlacklistEntry', () => {
  it('needs at least one matching field', () => {
    expect(BlacklistEntry.safeParse({ id: 'b1', reason: '受取拒否' }).success).toBe(false);
    expect(BlacklistEntry.safeParse({ id: 'b1', reason: '受取拒否', phone: '0311112222' }).success).toBe(
      true,
    );
  });
});

describe('screenOrder', () => {
  it('finds a hit on any field after normalisation and names entry, field and value', () => {
    const index = buildBlacklistIndex([
      { id: 'b1', reason: '受取拒否', phone: '０９０ー１１１１ー２２２２' },
      { id: 'b2', reason: 'いたずら', address: '東京都千代田区丸の内1-2-3' },
      { id: 'b3', reason: '転売', name: 'ヤマダ タロウ' },
    ]);
    const alerts = screenOrder(order(), index);
    expect(
      alerts.map((alert) => [alert.code, alert.data?.entryId, alert.data?.field, alert.data?.party]),
    ).toEqual([
      ['orders.blacklist.hit', 'b1', 'phone', 'orderer'],
      ['orders.blacklist.hit', 'b2', 'address', 'orderer'],
    ]);
    expect(alerts[0]?.message).toBe(
      'ブラックリストb1（受取拒否）に注文者の電話番号「090-1111-2222」が一致しました',
    );
    expect(alerts[0]?.severity).toBe('error');
  });

  it('checks every destination too', () => {
    const index = buildBlacklistIndex([
      { id: 'b9', reason: '受取拒否', phone: '0355556666', email: 'taro@example.jp' },
    ]);
    const alerts = screenOrder(order(), index);
    expect(alerts.map((alert) => [alert.data?.field, alert.data?.party])).toEqual([
      ['email', 'orderer'],
      ['phone', order().shipments[0]!.id],
    ]);
  });

  it('in k-of-n mode needs k fields of one entry for one person', () => {
    const index = buildBlacklistIndex([
      { id: 'b1', reason: '代引未払い', phone: '09011112222', name: '別人 次郎' },
      { id: 'b2', reason: '代引未払い', phone: '09011112222', email: 'TARO@example.jp' },
    ]);
    const alerts = screenOrder(order(), index, { mode: { kind: 'kOfN', k: 2 } });
    expect(alerts.map((alert) => [alert.code, alert.data?.entryId, alert.data?.fields])).toEqual([
      ['orders.blacklist.multi_hit', 'b2', ['email', 'phone']],
    ]);
  });

  it('finds the generated hits among 5,000 orders and 2,000 entries', () => {
    const orders = generateOrders({ seed: 2, count: 5000 });
    const entries = generateBlacklist({ seed: 2, count: 2000, from: orders });
    const index = buildBlacklistIndex(entries);
    const alerts = orders.flatMap((o) => screenOrder(o, index));
    // Entries copied from orders (phone in full width with ー, e-mail upper-cased, address with －) must each
    // find their order; the unrelated entries (050 numbers, 要注意 names) must find none.
    const copied = entries.filter((entry) => entry.name === undefined).map((entry) => entry.id);
    expect(copied.length).toBeGreaterThan(50);
    expect(new Set(alerts.map((alert) => alert.data?.entryId))).toEqual(new Set(copied));
  });
});

describe('rescreenOrders', () => {
  it('replaces blacklist alerts, returns only changed orders, and clears removed entries', () => {
    const c = ctx();
    const first = rescreenOrders(
      [order()],
      buildBlacklistIndex([{ id: 'b1', reason: '受取拒否', phone: '09011112222' }]),
      c,
    );
    expect(first.changed).toHaveLength(1);
    expect(first.flagged).toBe(1);
    const flagged = first.changed[0]!;
    expect(flagged.history.at(-1)?.type).toBe('blacklist.screen');
    expect(
      rescreenOrders(
        [flagged],
        buildBlacklistIndex([{ id: 'b1', reason: '受取拒否', phone: '09011112222' }]),
        c,
      ).changed,
    ).toEqual([]);
    const cleared = rescreenOrders([flagged], buildBlacklistIndex([]), c);
    expect(cleared.changed[0]?.alerts).toEqual([]);
    expect(rescreenOrders([{ ...flagged, status: 'shipped' }], buildBlacklistIndex([]), c).changed).toEqual(
      [],
    );
  });

  it('does not re-raise a hit staff acknowledged unless its evidence changed', () => {
    const c = ctx();
    const list = [{ id: 'b1', reason: '受取拒否', phone: '09011112222' }];
    const flagged = rescreenOrders([order()], buildBlacklistIndex(list), c).changed[0]!;
    const acknowledged = acknowledgeAlerts(flagged, {}, { ...c, actor: 'staff-1', reason: '本人確認済み' });
    if (!acknowledged.ok) throw new Error(JSON.stringify(acknowledged.issues));
    const checked = acknowledged.value.order;
    expect(checked.alerts[0]?.acknowledged).toEqual({
      by: 'staff-1',
      at: '2026-11-28T10:00:00.000+09:00',
      note: '本人確認済み',
    });

    // The same list again, and a list with an unrelated new entry: the acknowledged hit stays as it is.
    expect(rescreenOrders([checked], buildBlacklistIndex(list), c).changed).toEqual([]);
    const grown = rescreenOrders(
      [checked],
      buildBlacklistIndex([...list, { id: 'b2', reason: '未払い', email: 'someone@else.jp' }]),
      c,
    );
    expect(grown.changed).toEqual([]);

    // The entry now has another reason: new evidence, raised again as an open alert.
    const changed = rescreenOrders(
      [checked],
      buildBlacklistIndex([{ id: 'b1', reason: '詐欺', phone: '09011112222' }]),
      c,
    ).changed[0]!;
    expect(changed.alerts).toHaveLength(1);
    expect(changed.alerts[0]?.acknowledged).toBeUndefined();
    expect(changed.alerts[0]?.message).toContain('詐欺');

    // Another field of the same entry matching is new evidence too; the acknowledged phone hit is kept.
    const both = rescreenOrders(
      [checked],
      buildBlacklistIndex([{ ...list[0]!, email: 'taro@example.jp' }]),
      c,
    ).changed[0]!;
    expect(both.alerts.map((alert) => [alert.data?.field, alert.acknowledged !== undefined])).toEqual([
      ['email', false],
      ['phone', true],
    ]);
  });
});
