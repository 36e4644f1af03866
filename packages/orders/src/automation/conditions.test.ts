import { createIssue } from '@hakobu/core';
import { describe, expect, it } from 'vitest';
import type { Order, OrderState } from '../model';
import { generateOrders } from '../testing';
import {
  Condition,
  type ConditionInput,
  conditionHolds,
  evaluateCondition,
  possibleStatuses,
} from './conditions';

const base = generateOrders({ seed: 7, count: 1 })[0]!;
const today = '2026-11-28';

function order(patch: Partial<Order> = {}): Order {
  return { ...structuredClone(base), ...patch };
}

function check(input: ConditionInput, target: Order, extra: { rankOf?: () => string } = {}) {
  return evaluateCondition(Condition.parse(input), target, { today, ...extra });
}

describe('leaf conditions', () => {
  it('reads channel, shop, status and payment, naming the value', () => {
    const target = order({ channel: 'rakuten', shopId: 'shop-a', status: 'new' });
    expect(check({ kind: 'channel', in: ['rakuten', 'yahoo'] }, target)).toEqual({
      matched: true,
      values: [{ condition: 'channel', field: 'channel', value: 'rakuten' }],
    });
    expect(check({ kind: 'shop', in: ['shop-b'] }, target).matched).toBe(false);
    expect(check({ kind: 'status', in: ['new'] }, target).matched).toBe(true);
    const cod = order({ payment: { method: 'cod', status: 'notRequired', paidAmount: 0 } });
    expect(check({ kind: 'paymentMethod', in: ['cod'] }, cod).values).toEqual([
      { condition: 'paymentMethod', field: 'payment.method', value: 'cod' },
    ]);
    expect(check({ kind: 'paymentStatus', in: ['paid'] }, cod).matched).toBe(false);
  });

  it('compares amounts, COD and item counts inclusively', () => {
    const target = order();
    const total = target.amounts.billedTotal;
    expect(check({ kind: 'amount', field: 'billedTotal', min: total, max: total }, target).matched).toBe(
      true,
    );
    expect(check({ kind: 'amount', field: 'billedTotal', min: total + 1 }, target).matched).toBe(false);
    const count = target.lines.reduce((sum, line) => sum + line.quantity, 0);
    expect(check({ kind: 'amount', field: 'itemCount', min: count }, target).values[0]?.value).toBe(count);
    const cod = order({
      shipments: target.shipments.map((shipment) => ({ ...shipment, codAmount: 12_000 })),
    });
    expect(check({ kind: 'amount', field: 'cod', min: 10_000 }, cod).matched).toBe(true);
  });

  it('matches SKUs exactly, by prefix or substring, and reports the hits', () => {
    const target = order();
    const sku = target.lines[0]!.sku;
    expect(check({ kind: 'sku', values: [sku] }, target).values[0]?.value).toEqual([sku]);
    expect(check({ kind: 'sku', values: [sku.slice(0, 3)], match: 'prefix' }, target).matched).toBe(true);
    expect(check({ kind: 'sku', values: ['zzz-not-there'], match: 'contains' }, target).matched).toBe(false);
    expect(check({ kind: 'not', condition: { kind: 'sku', values: ['zzz'] } }, target).matched).toBe(true);
  });

  it('reads requested dates: present, absent, and ranges relative to today', () => {
    const shipments = base.shipments.map((shipment) => ({ ...shipment, requestedDate: '2026-12-01' }));
    const lines = base.lines.map(({ requestedDate: _drop, ...line }) => line);
    const dated = order({ shipments, lines });
    const undated = order({ shipments: base.shipments.map(({ requestedDate: _d, ...s }) => s), lines });
    expect(check({ kind: 'requestedDate', present: true }, dated).matched).toBe(true);
    expect(check({ kind: 'requestedDate', present: false }, undated).matched).toBe(true);
    expect(check({ kind: 'requestedDate', present: true }, undated).matched).toBe(false);
    expect(
      check({ kind: 'requestedDate', from: { daysFromToday: 2 }, to: { daysFromToday: 5 } }, dated).values[0]
        ?.value,
    ).toEqual(['2026-12-01']);
    expect(check({ kind: 'requestedDate', to: '2026-11-30' }, dated).matched).toBe(false);
  });

  it('finds planned ship dates due today on open slips only', () => {
    const due = order({ shipments: base.shipments.map((s) => ({ ...s, plannedShipDate: today })) });
    expect(check({ kind: 'plannedShipDate', to: { daysFromToday: 0 } }, due).matched).toBe(true);
    const shipped = order({
      shipments: base.shipments.map((s) => ({ ...s, plannedShipDate: today, state: 'shipped' as const })),
    });
    expect(check({ kind: 'plannedShipDate', to: { daysFromToday: 0 } }, shipped).matched).toBe(false);
  });

  it('detects gifts, ranks, tags and temperatures', () => {
    const gift = order({
      shipments: base.shipments.map((s) => ({ ...s, destination: { ...s.destination, name: '別人 次郎' } })),
    });
    expect(check({ kind: 'gift' }, gift).matched).toBe(true);
    expect(check({ kind: 'gift', value: false }, order()).matched).toBe(
      !check({ kind: 'gift' }, order()).matched,
    );
    expect(check({ kind: 'customerRank', in: ['gold'] }, order(), { rankOf: () => 'gold' }).values).toEqual([
      { condition: 'customerRank', field: 'customerRank', value: 'gold' },
    ]);
    expect(check({ kind: 'customerRank', in: ['gold'] }, order()).matched).toBe(false);
    expect(
      check({ kind: 'tag', anyOf: ['要確認', 'VIP'] }, order({ tags: ['VIP'] })).values[0]?.value,
    ).toEqual(['VIP']);
    const zones = [...new Set(base.lines.map((line) => line.temperature))];
    expect(check({ kind: 'temperature', in: zones }, order()).matched).toBe(true);
  });

  it('reads alerts: blacklist, codes with prefixes, and address alerts with lead days', () => {
    const alerts = [
      createIssue('orders.blacklist.hit', 'ブラックリスト一致'),
      createIssue('carrier.remote_island', '離島', { severity: 'warning' }),
      createIssue('carrier.lead_time.long', '2日', { severity: 'info', data: { days: 2 } }),
    ];
    const target = order({ alerts });
    expect(check({ kind: 'blacklisted' }, target).values[0]?.value).toEqual(['orders.blacklist.hit']);
    expect(check({ kind: 'blacklisted' }, order()).matched).toBe(false);
    expect(check({ kind: 'alert' }, target).matched).toBe(true);
    expect(check({ kind: 'alert', codes: ['carrier.*'] }, target).values[0]?.value).toEqual([
      'carrier.remote_island',
      'carrier.lead_time.long',
    ]);
    expect(check({ kind: 'addressAlert', kinds: ['remoteIsland'] }, target).matched).toBe(true);
    expect(check({ kind: 'addressAlert', kinds: ['postalMismatch'] }, target).matched).toBe(false);
    expect(check({ kind: 'addressAlert', kinds: ['longLeadTime'] }, target).matched).toBe(true);
    expect(check({ kind: 'addressAlert', kinds: ['longLeadTime'], minDays: 3 }, target).matched).toBe(false);

    // Acknowledged (確認済み) alerts no longer match, in the fast path as in the evaluation.
    const acknowledged = { by: 'staff-1', at: '2026-11-28T10:00:00.000+09:00' };
    const checked = order({ alerts: alerts.map((alert) => ({ ...alert, acknowledged })) });
    for (const input of [
      { kind: 'blacklisted' },
      { kind: 'alert' },
      { kind: 'addressAlert', kinds: ['remoteIsland', 'longLeadTime'] },
    ] satisfies ConditionInput[]) {
      expect(check(input, checked).matched).toBe(false);
      expect(conditionHolds(Condition.parse(input), checked, { today })).toBe(false);
    }
  });

  it('reads remarks width-folded, present or containing any / all words', () => {
    const target = order({ notes: { customer: 'ＡＢＣ　領収書希望、急ぎ', internal: '電話済' } });
    expect(check({ kind: 'remarks', present: true }, target).matched).toBe(true);
    expect(check({ kind: 'remarks', present: false }, order({ notes: {} })).matched).toBe(true);
    expect(check({ kind: 'remarks', contains: ['ABC', '至急'] }, target).values[0]?.value).toEqual(['ABC']);
    expect(check({ kind: 'remarks', contains: ['ABC', '至急'], match: 'all' }, target).matched).toBe(false);
    expect(check({ kind: 'remarks', field: 'either', contains: ['電話'] }, target).matched).toBe(true);
    expect(check({ kind: 'remarks', field: 'customer', contains: ['電話'] }, target).matched).toBe(false);
  });

  it('counts days since the last shipment in Japan time', () => {
    const shipped = order({
      shipments: base.shipments.map((s) => ({ ...s, state: 'shipped' as const, shippedOn: '2026-11-21' })),
    });
    expect(check({ kind: 'shippedDaysAgo', atLeast: 7 }, shipped)).toEqual({
      matched: true,
      values: [{ condition: 'shippedDaysAgo', field: 'shipments.shippedOn', value: '2026-11-21' }],
    });
    expect(check({ kind: 'shippedDaysAgo', atLeast: 8 }, shipped).matched).toBe(false);
    expect(check({ kind: 'shippedDaysAgo', atLeast: 0 }, order()).matched).toBe(false);
    expect(check({ kind: 'mailSent', template: 'orderConfirmation' }, order()).matched).toBe(true);
  });
});

describe('all / any / not', () => {
  const target = order({ status: 'new', tags: ['VIP'] });
  const yes: ConditionInput = { kind: 'status', in: ['new'] };
  const no: ConditionInput = { kind: 'tag', anyOf: ['要確認'] };

  it('nests to any depth and mixes AND with OR', () => {
    const nested: ConditionInput = {
      kind: 'all',
      of: [yes, { kind: 'any', of: [no, { kind: 'not', condition: no }] }],
    };
    const result = check(nested, target);
    expect(result.matched).toBe(true);
    expect(result.values.map((value) => value.condition)).toEqual(['status', 'tag']);
  });

  it('all fails on the first failing child and reports its value', () => {
    expect(check({ kind: 'all', of: [yes, no] }, target)).toEqual({
      matched: false,
      values: [{ condition: 'tag', field: 'tags', value: [] }],
    });
  });

  it('any reports only the children that matched', () => {
    const result = check({ kind: 'any', of: [no, yes] }, target);
    expect(result).toEqual({
      matched: true,
      values: [{ condition: 'status', field: 'status', value: 'new' }],
    });
    expect(check({ kind: 'any', of: [no, no] }, target).matched).toBe(false);
  });

  it('refuses empty combinators and unknown kinds when parsing', () => {
    expect(Condition.safeParse({ kind: 'all', of: [] }).success).toBe(false);
    expect(Condition.safeParse({ kind: 'colour', in: ['red'] }).success).toBe(false);
  });
});

describe('possibleStatuses', () => {
  const all = ['new', 'awaitingShipment', 'shipped'];
  it('intersects under all, unites under any, complements under not', () => {
    const parse = (input: ConditionInput) => Condition.parse(input);
    expect([...possibleStatuses(parse({ kind: 'status', in: ['new'] }), all)]).toEqual(['new']);
    expect([
      ...possibleStatuses(
        parse({
          kind: 'all',
          of: [
            { kind: 'status', in: ['new', 'shipped'] },
            { kind: 'status', in: ['new'] },
          ],
        }),
        all,
      ),
    ]).toEqual(['new']);
    expect(
      possibleStatuses(
        parse({
          kind: 'any',
          of: [
            { kind: 'status', in: ['new'] },
            { kind: 'status', in: ['shipped'] },
          ],
        }),
        all,
      ).size,
    ).toBe(2);
    expect([
      ...possibleStatuses(parse({ kind: 'not', condition: { kind: 'status', in: ['new'] } }), all),
    ]).toEqual(['awaitingShipment', 'shipped']);
    expect(possibleStatuses(parse({ kind: 'gift' }), all).size).toBe(3);
  });
});

describe('conditionHolds', () => {
  // Planning tests conditions with conditionHolds and collects values only for the rules that hold, so the
  // two must agree on every kind of condition.
  const leaves: ConditionInput[] = [
    { kind: 'channel', in: ['rakuten'] },
    { kind: 'shop', in: ['hakobu-yahoo'] },
    { kind: 'status', in: ['new', 'awaitingShipment'] },
    { kind: 'paymentMethod', in: ['cod'] },
    { kind: 'paymentStatus', in: ['paid'] },
    { kind: 'amount', field: 'billedTotal', min: 8000 },
    { kind: 'amount', field: 'cod', max: 5000 },
    { kind: 'amount', field: 'itemCount', min: 3 },
    { kind: 'sku', values: ['rice'], match: 'prefix' },
    { kind: 'sku', values: ['gift'], match: 'contains' },
    { kind: 'requestedDate', present: true, from: { daysFromToday: -20 }, to: '2026-12-31' },
    { kind: 'requestedDate', present: false },
    { kind: 'plannedShipDate', to: { daysFromToday: 0 } },
    { kind: 'gift' },
    { kind: 'customerRank', in: ['gold'] },
    { kind: 'blacklisted' },
    { kind: 'alert', codes: ['orders.*'] },
    { kind: 'addressAlert', kinds: ['remoteIsland', 'longLeadTime'] },
    { kind: 'held' },
    { kind: 'tag', anyOf: ['要確認'] },
    { kind: 'remarks', field: 'either', contains: ['領収書', '至急'] },
    { kind: 'temperature', in: ['frozen'] },
    { kind: 'mailSent', template: 'orderConfirmation' },
    { kind: 'shippedDaysAgo', atLeast: 3 },
  ];
  const conditions = [
    ...leaves,
    ...leaves.map((leaf): ConditionInput => ({ kind: 'not', condition: leaf })),
    ...leaves.map(
      (leaf, at): ConditionInput => ({ kind: 'all', of: [leaf, leaves[(at + 5) % leaves.length]!] }),
    ),
    ...leaves.map(
      (leaf, at): ConditionInput => ({ kind: 'any', of: [leaf, leaves[(at + 7) % leaves.length]!] }),
    ),
  ].map((input) => Condition.parse(input));
  const orders = generateOrders({ seed: 11, count: 300, from: '2026-11-01' }).map((generated, at) =>
    at % 4 === 0
      ? {
          ...generated,
          tags: ['要確認'],
          notes: { customer: '領収書希望' },
          alerts: [
            createIssue('orders.blacklist.hit', 'x'),
            createIssue('carrier.lead_time.long', 'y', { data: { days: at % 5 } }),
          ],
        }
      : generated,
  );

  it('gives the verdict of evaluateCondition on generated orders', () => {
    const ctx = {
      today,
      rankOf: (target: OrderState) => (target.amounts.billedTotal > 10000 ? 'gold' : undefined),
    };
    let held = 0;
    for (const condition of conditions) {
      for (const target of orders) {
        const holds = conditionHolds(condition, target, ctx);
        expect(holds).toBe(evaluateCondition(condition, target, ctx).matched);
        if (holds) held += 1;
      }
    }
    // Both verdicts occur, so the comparison covers matches and misses.
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(conditions.length * orders.length);
  });
});
