import { createIssue } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { commitOperation, type Order, type OrderState, orderContent, stateOf } from '../model';
import { createInMemoryOrderRepository, type OrderRepository } from '../repository';
import { defaultStatusFlow } from '../status';
import { generateOrders } from '../testing';
import { undoOperation } from '../undo';
import { automationTrail, recordedFirings } from './audit';
import { createInMemoryMailPort, createInMemoryWarehouse, type FailurePlan } from './doubles';
import type { SimulationReport } from './engine';
import { simulate } from './engine';
import type { MailRequest } from './ports';
import { presetTemplates, readyRuleSets } from './presets';
import { loadRuleSets, type RuleSet, type RuleSetInput } from './rules';
import { type AutomationRunOptions, type RunReport, runAutomation } from './run';

const NOW = new Date('2026-12-01T02:00:00Z'); // 11:00 JST
const flow = defaultStatusFlow;
const catalog = { flow, templates: [...presetTemplates] };

function load(input: readonly RuleSetInput[]): RuleSet[] {
  const loaded = loadRuleSets(input, catalog);
  if (!loaded.ok) throw new Error(loaded.issues.map((issue) => issue.message).join('\n'));
  return loaded.value;
}

const tagging: RuleSetInput = {
  id: 'tagging',
  name: 'タグ付けと配送設定',
  trigger: { kind: 'onImport' },
  match: 'all',
  rules: [
    { id: 'gift', name: 'ギフト', when: { kind: 'gift' }, actions: [{ kind: 'addTag', tag: 'ギフト' }] },
    {
      id: 'big-cod',
      name: '高額代引',
      when: {
        kind: 'all',
        of: [
          { kind: 'paymentMethod', in: ['cod'] },
          { kind: 'amount', field: 'billedTotal', min: 8000 },
        ],
      },
      actions: [{ kind: 'addTag', tag: '高額代引' }],
    },
    {
      id: 'mixed-split',
      name: '温度帯混在は分割',
      when: {
        kind: 'all',
        of: [
          { kind: 'status', in: ['new', 'awaitingShipment', 'awaitingPayment'] },
          { kind: 'temperature', in: ['chilled', 'frozen'] },
          { kind: 'temperature', in: ['ambient'] },
        ],
      },
      actions: [{ kind: 'split', by: 'temperature' }, { kind: 'markBundleCandidate' }],
    },
    {
      id: 'frozen-cool',
      name: '冷凍はクール便',
      when: { kind: 'temperature', in: ['frozen'] },
      actions: [{ kind: 'setShipping', carrier: 'yamato', service: 'cool' }],
    },
  ],
};

const ruleSets = load([...readyRuleSets, tagging]);

/** Generated orders put through the situations the ready rule sets and the tagging set care about. */
function scenario(count: number, seed = 3): Order[] {
  return generateOrders({ seed, count, from: '2026-11-01' }).map((order, index) => {
    switch (index % 7) {
      case 0:
        return { ...order, status: 'new' };
      case 1:
        return {
          ...order,
          status: 'new',
          alerts: [createIssue('orders.blacklist.hit', 'ブラックリスト一致')],
        };
      case 2:
        return {
          ...order,
          status: 'awaitingShipment',
          payment: { ...order.payment, status: 'paid' },
          shipments: order.shipments.map((shipment) => ({ ...shipment, plannedShipDate: '2026-12-01' })),
        };
      case 3:
        return {
          ...order,
          status: 'shipped',
          shipments: order.shipments.map((shipment) => ({
            ...shipment,
            state: 'shipped' as const,
            shippedOn: index % 2 === 0 ? '2026-11-20' : '2026-11-28',
            trackingNumbers: ['123456789012'],
          })),
        };
      case 4:
        // a non-blacklist error alert: the settled rule sends its mail, then the confirm guard refuses the move
        return {
          ...order,
          status: 'new',
          payment: { ...order.payment, status: 'paid' },
          notes: {},
          alerts: [createIssue('orders.manual.check', '在庫要確認')],
        };
      case 5:
        return { ...order, status: 'new', notes: { customer: '領収書をお願いします' } };
      default:
        return order;
    }
  });
}

function options(
  repository: OrderRepository,
  mail = createInMemoryMailPort(),
  warehouse = createInMemoryWarehouse(),
): AutomationRunOptions & { mail: typeof mail; warehouse: typeof warehouse } {
  return {
    flow,
    repository,
    mail,
    warehouse,
    clock: fixedClock(NOW),
    ids: sequenceIdGenerator(),
    trigger: { kind: 'all' },
  };
}

function simulatedShape(report: SimulationReport) {
  return report.orders.map((order) => ({
    orderId: order.orderId,
    firings: order.firings.map((firing) => ({
      key: firing.key,
      matched: firing.matched,
      results: firing.results.map((result) => [result.index, result.expected, result.effects]),
    })),
    issues: order.issues.map((issue) => issue.code),
  }));
}

function executedShape(report: RunReport) {
  return report.orders.map((order) => ({
    orderId: order.orderId,
    firings: order.firings.map((firing) => ({
      key: firing.key,
      matched: firing.matched,
      results: firing.results.map((result) => [
        result.index,
        result.outcome === 'succeeded' ? (result.noop ? 'noop' : 'apply') : result.outcome,
        result.effects,
      ]),
    })),
    issues: order.issues.map((issue) => issue.code),
  }));
}

/** What automation changes on an order, without ids, versions and history. */
function visible(order: OrderState) {
  return {
    status: order.status,
    tags: order.tags,
    holds: order.axes.holds,
    mailsSent: order.axes.mailsSent,
    shipments: order.shipments.map((shipment) => ({
      slipNumber: shipment.slipNumber,
      temperature: shipment.temperature,
      lines: shipment.lines,
      carrier: shipment.carrier,
      service: shipment.service,
      codAmount: shipment.codAmount,
      charges: shipment.charges,
    })),
  };
}

async function stored(repository: OrderRepository, ids: readonly string[]): Promise<Order[]> {
  const orders = await Promise.all(ids.map((id) => repository.get(id)));
  return orders.filter((order): order is Order => order !== undefined);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('simulate', () => {
  it('has no side effects on frozen orders and is deterministic', () => {
    const orders = deepFreeze(scenario(70));
    const copy = structuredClone(orders);
    const first = simulate(orders, ruleSets, NOW, { flow });
    expect(orders).toEqual(copy);
    expect(simulate(orders, ruleSets, NOW, { flow })).toEqual(first);
    expect(first.actionCounts.sendMail).toBeGreaterThan(0);
    expect(first.actionCounts.requestShipment).toBeGreaterThan(0);
    expect(first.actionCounts.split).toBeGreaterThan(0);
  });

  it('names the rule and the values that matched', () => {
    const [order] = scenario(2).slice(1);
    const report = simulate([order!], ruleSets, NOW, { flow });
    const firing = report.orders[0]?.firings.find((candidate) => candidate.ruleSetId === 'order-intake');
    expect(firing).toMatchObject({
      ruleId: 'hold-alerts',
      key: `order-intake/hold-alerts/${order!.id}/v1`,
      matched: [
        { condition: 'status', field: 'status', value: 'new' },
        { condition: 'blacklisted', field: 'alerts', value: ['orders.blacklist.hit'] },
      ],
    });
    expect(firing?.results.map((result) => result.expected)).toEqual(['apply', 'apply']);
    expect(report.orders[0]?.after.axes.holds[0]?.reason).toContain('ブラックリスト');
  });
});

describe('runAutomation', () => {
  it('executes exactly what simulate predicted, on generated orders', async () => {
    const orders = scenario(140);
    const predicted = simulate(orders, ruleSets, NOW, { flow });
    const repository = createInMemoryOrderRepository(orders);
    const run = options(repository);
    const report = await runAutomation(
      orders.map((order) => order.id),
      ruleSets,
      run,
    );
    expect(executedShape(report)).toEqual(simulatedShape(predicted));
    const after = new Map(
      (
        await stored(
          repository,
          orders.map((order) => order.id),
        )
      ).map((order) => [order.id, order]),
    );
    for (const order of predicted.orders)
      expect(visible(after.get(order.orderId)!)).toEqual(visible(order.after));
    expect(run.mail.delivered).toHaveLength(predicted.actionCounts.sendMail ?? 0);
    expect(run.warehouse.delivered).toHaveLength(predicted.actionCounts.requestShipment ?? 0);
    expect(report.counts.refused).toBeGreaterThan(0);
    expect(report.counts.failed).toBe(0);
  });

  it('sends nothing twice and changes nothing when run again', async () => {
    const orders = scenario(70);
    const repository = createInMemoryOrderRepository(orders);
    const run = options(repository);
    const ids = orders.map((order) => order.id);
    await runAutomation(ids, ruleSets, run);
    const before = await stored(repository, ids);
    const sent = run.mail.calls.length;
    const second = await runAutomation(ids, ruleSets, run);
    expect(second.orders).toEqual([]);
    expect(run.mail.calls).toHaveLength(sent);
    expect(await stored(repository, ids)).toEqual(before);
    expect(simulate(before, ruleSets, NOW, { flow }).orders).toEqual([]);
  });

  it('loses nothing and duplicates nothing when the transport fails half-way', async () => {
    const orders = scenario(70);
    const ids = orders.map((order) => order.id);
    const clean = createInMemoryOrderRepository(orders);
    const cleanRun = options(clean);
    await runAutomation(ids, ruleSets, cleanRun);

    const failing: FailurePlan<MailRequest> = (_, call) =>
      call === 4 ? 'throw' : call === 9 || call === 10 ? 'fail' : 'ok';
    const repository = createInMemoryOrderRepository(orders);
    const run = options(repository, createInMemoryMailPort(failing));
    const first = await runAutomation(ids, ruleSets, run);
    expect(first.counts.failed).toBe(3);
    const failedOrder = first.orders.find((order) =>
      order.firings.some((f) => f.results.some((r) => r.outcome === 'failed')),
    );
    expect(failedOrder?.issues).toEqual([]);
    const second = await runAutomation(ids, ruleSets, run);
    expect(second.counts.failed).toBe(0);
    expect(second.orders.every((order) => order.firings.every((firing) => firing.retry))).toBe(true);
    expect(await runAutomation(ids, ruleSets, run)).toEqual({
      orders: [],
      counts: { succeeded: 0, failed: 0, refused: 0, skipped: 0 },
    });

    const keys = run.mail.delivered.map((request) => request.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(cleanRun.mail.delivered.map((request) => request.idempotencyKey).sort());
    const expected = await stored(clean, ids);
    const actual = await stored(repository, ids);
    expect(actual.map(visible)).toEqual(expected.map(visible));
  });

  it('sends nothing twice after a crash between sending and recording', async () => {
    const orders = scenario(35);
    const ids = orders.map((order) => order.id);
    const inner = createInMemoryOrderRepository(orders);
    let justSent = false;
    let crashed = 0;
    const mail = createInMemoryMailPort(() => {
      justSent = true;
      return 'ok';
    });
    const repository: OrderRepository = {
      ...inner,
      get: (id) => inner.get(id),
      findByMallKey: (key) => inner.findByMallKey(key),
      query: (query, page) => inner.query(query, page),
      save: async (changes) => {
        if (justSent && crashed < 2) {
          justSent = false;
          crashed += 1;
          throw new Error('database connection lost');
        }
        justSent = false;
        return inner.save(changes);
      },
    };
    const run = options(repository, mail);
    const first = await runAutomation(ids, ruleSets, run);
    expect(first.orders.flatMap((order) => order.issues).map((issue) => issue.code)).toEqual([
      'orders.automation.save_failed',
      'orders.automation.save_failed',
    ]);
    await runAutomation(ids, ruleSets, run);
    const keys = mail.calls.map((request) => request.idempotencyKey);
    expect(keys.length - new Set(keys).size).toBe(2); // the two retried calls reach the port again …
    const delivered = mail.delivered.map((request) => request.idempotencyKey);
    expect(new Set(delivered).size).toBe(delivered.length); // … which delivers each mail once
    expect(delivered).toHaveLength(new Set(keys).size);

    const clean = createInMemoryOrderRepository(orders);
    await runAutomation(ids, ruleSets, options(clean));
    expect((await stored(repository, ids)).map(visible)).toEqual((await stored(clean, ids)).map(visible));
  });

  it('records every firing and action in the audit trail with rule id and matched values', async () => {
    const order = scenario(1)[0]!;
    const repository = createInMemoryOrderRepository([order]);
    await runAutomation([order.id], ruleSets, options(repository));
    const saved = (await repository.get(order.id))!;
    const trail = automationTrail(saved);
    expect(trail.map((record) => [record.ruleId, record.action.kind, record.outcome])).toContainEqual([
      expect.any(String),
      'sendMail',
      'succeeded',
    ]);
    for (const record of trail) {
      expect(record.matched.length).toBeGreaterThan(0);
      expect(record.key.startsWith(`${record.ruleSetId}/${record.ruleId}/${order.id}/v1`)).toBe(true);
    }
    const fired = saved.history.filter((event) => event.type === 'automation.fired');
    expect(fired.length).toBe(recordedFirings(saved).size);
    expect(saved.history.every((event) => event.actor.startsWith('system:automation/'))).toBe(true);
    expect(saved.history[0]?.type).toBe('automation.fired');
  });

  it('refuses by the flow guards, skips the rest of the firing and does not retry it', async () => {
    const base = scenario(5)[4]!;
    const strict = load([
      {
        id: 'strict',
        name: '厳格',
        trigger: { kind: 'onImport' },
        match: 'first',
        rules: [
          {
            id: 'go',
            name: '発送待ちへ',
            when: { kind: 'status', in: ['new'] },
            actions: [
              { kind: 'moveStatus', to: 'awaitingShipment' },
              { kind: 'sendMail', template: 'orderConfirmation' },
            ],
          },
        ],
      },
    ]);
    const repository = createInMemoryOrderRepository([base]);
    const run = options(repository);
    const report = await runAutomation([base.id], strict, run);
    const results = report.orders[0]?.firings[0]?.results;
    expect(results?.map((result) => result.outcome)).toEqual(['refused', 'skipped']);
    expect(results?.[0]?.issues.map((issue) => issue.code)).toEqual(['orders.status.unresolved_alert']);
    expect(run.mail.delivered).toEqual([]);
    expect((await runAutomation([base.id], strict, run)).orders).toEqual([]);
  });

  it('fires the first matching rule or every matching rule, as the set says', async () => {
    const order = { ...scenario(1)[0]!, tags: [] };
    const rules: RuleSetInput['rules'] = [
      { id: 'a', name: 'A', when: { kind: 'status', in: ['new'] }, actions: [{ kind: 'addTag', tag: 'A' }] },
      { id: 'b', name: 'B', when: { kind: 'status', in: ['new'] }, actions: [{ kind: 'addTag', tag: 'B' }] },
    ];
    for (const [match, tags] of [
      ['first', ['A']],
      ['all', ['A', 'B']],
    ] as const) {
      const sets = load([{ id: 'm', name: 'M', trigger: { kind: 'onImport' }, match, rules }]);
      const repository = createInMemoryOrderRepository([order]);
      await runAutomation([order.id], sets, options(repository));
      expect((await repository.get(order.id))?.tags).toEqual(tags);
    }
  });

  it('re-arms a rule after a staff edit when refire is onChange, never when it is never', async () => {
    const order = { ...scenario(1)[0]!, tags: [] };
    for (const [refire, expected] of [
      ['onChange', ['確認済']],
      ['never', []],
    ] as const) {
      const sets = load([
        {
          id: 'r',
          name: 'R',
          trigger: { kind: 'onImport' },
          match: 'first',
          refire,
          rules: [
            {
              id: 'tag',
              name: 'タグ',
              when: { kind: 'status', in: ['new'] },
              actions: [{ kind: 'addTag', tag: '確認済' }],
            },
          ],
        },
      ]);
      const repository = createInMemoryOrderRepository([order]);
      const run = options(repository);
      await runAutomation([order.id], sets, run);
      const tagged = (await repository.get(order.id))!;
      expect(tagged.tags).toEqual(['確認済']);
      const staff = commitOperation(
        [tagged],
        [{ ...stateOf(tagged), tags: [] }],
        { ...run, actor: 'staff-1' },
        'tags.set',
        {},
      );
      await repository.save([{ order: staff.orders[0]!, expectedVersion: tagged.version }]);
      await runAutomation([order.id], sets, run);
      expect((await repository.get(order.id))?.tags).toEqual(expected);
    }
  });

  it('holds back a firing that conflicts with an earlier one in the same run, with a warning', async () => {
    const order = { ...scenario(1)[0]!, tags: ['VIP'] };
    const sets = load([
      {
        id: 'one',
        name: '1',
        trigger: { kind: 'onImport' },
        match: 'first',
        rules: [
          {
            id: 'add',
            name: '付与',
            when: { kind: 'gift', value: false },
            actions: [{ kind: 'addTag', tag: 'X' }],
          },
        ],
      },
      {
        id: 'two',
        name: '2',
        trigger: { kind: 'onImport' },
        match: 'first',
        rules: [
          {
            id: 'remove',
            name: '削除',
            when: { kind: 'tag', anyOf: ['VIP'] },
            actions: [{ kind: 'removeTag', tag: 'X' }],
          },
        ],
      },
    ]);
    const simulated = simulate([order], sets, NOW, { flow });
    expect(simulated.orders[0]?.issues).toMatchObject([
      {
        code: 'orders.automation.conflict_at_run',
        severity: 'warning',
        data: { ruleId: 'remove', otherRuleId: 'add' },
      },
    ]);
    expect(simulated.orders[0]?.firings.map((firing) => firing.ruleId)).toEqual(['add']);
  });

  it('reports an unknown order and goes on with the rest', async () => {
    const order = scenario(1)[0]!;
    const repository = createInMemoryOrderRepository([order]);
    const report = await runAutomation(['missing', order.id], ruleSets, options(repository));
    expect(report.orders[0]?.issues.map((issue) => issue.code)).toEqual(['orders.automation.unknown_order']);
    expect(report.orders[1]?.firings.length).toBeGreaterThan(0);
  });
});

describe('ready rule sets', () => {
  it('hold an order with remarks once; after staff release it, send the mail and move it on', async () => {
    const order: Order = {
      ...scenario(1)[0]!,
      payment: { method: 'creditCard', status: 'authorized', paidAmount: 0 },
      notes: { customer: '領収書をお願いします' },
    };
    const repository = createInMemoryOrderRepository([order]);
    const run = options(repository);
    const onImport = { ...run, trigger: { kind: 'import' as const } };
    await runAutomation([order.id], ruleSets, onImport);
    const held = (await repository.get(order.id))!;
    expect(held.axes.holds.map((hold) => [hold.code, hold.reason])).toEqual([
      ['automation:hold-remarks', 'お客様備考があります。内容を確認してください'],
    ]);
    expect(held.status).toBe('new');
    expect(run.mail.delivered).toEqual([]);
    const updated = { ...run, trigger: { kind: 'event' as const, event: 'order.updated' } };
    expect((await runAutomation([order.id], ruleSets, updated)).orders).toEqual([]);

    const released = commitOperation(
      [held],
      [{ ...stateOf(held), axes: { ...held.axes, holds: [] } }],
      { ...run, actor: 'staff-1' },
      'hold.release',
      {},
    ).orders[0]!;
    await repository.save([{ order: released, expectedVersion: held.version }]);
    const report = await runAutomation([order.id], ruleSets, updated);
    const firing = report.orders[0]?.firings[0];
    expect(firing?.ruleId).toBe('settled');
    expect(firing?.results.map((result) => [result.action.kind, result.outcome])).toEqual([
      ['sendMail', 'succeeded'],
      ['moveStatus', 'succeeded'],
    ]);
    expect(firing?.results[1]?.effects).toEqual([{ type: 'inventory.allocate' }]);
    expect((await repository.get(order.id))?.status).toBe('awaitingShipment');
    expect(run.mail.delivered.map((request) => request.template)).toEqual(['orderConfirmation']);
  });

  it('run only on their trigger: intake on import, the warehouse at 10:00, follow-up at 11:00', async () => {
    const orders = scenario(21);
    const ids = orders.map((order) => order.id);
    const fired = async (trigger: AutomationRunOptions['trigger'], now: Date) => {
      const repository = createInMemoryOrderRepository(orders);
      const report = await runAutomation(ids, ruleSets.slice(0, 3), {
        ...options(repository),
        trigger,
        clock: fixedClock(now),
      });
      return [
        ...new Set(report.orders.flatMap((order) => order.firings.map((firing) => firing.ruleSetId))),
      ].sort();
    };
    expect(await fired({ kind: 'import' }, NOW)).toEqual(['order-intake']);
    // Tuesday 2026-12-01 11:05 JST, last tick 10:30: only the 11:00 follow-up is due
    expect(
      await fired({ kind: 'schedule', since: '2026-12-01T10:30:00+09:00' }, new Date('2026-12-01T02:05:00Z')),
    ).toEqual(['follow-up']);
    // last tick 09:55: both schedules passed since
    expect(
      await fired({ kind: 'schedule', since: '2026-12-01T09:55:00+09:00' }, new Date('2026-12-01T02:05:00Z')),
    ).toEqual(['follow-up', 'shipment-request']);
  });

  it('sends the follow-up mail 7 days after shipping, once', async () => {
    const order = scenario(4)[3]!; // shipped on 2026-11-28 (index 3 is odd)
    const repository = createInMemoryOrderRepository([order]);
    const run = { ...options(repository), trigger: { kind: 'schedule' as const } };
    await runAutomation([order.id], ruleSets, { ...run, clock: fixedClock('2026-12-04T03:00:00Z') });
    expect(run.mail.delivered).toEqual([]);
    await runAutomation([order.id], ruleSets, { ...run, clock: fixedClock('2026-12-05T03:00:00Z') });
    await runAutomation([order.id], ruleSets, { ...run, clock: fixedClock('2026-12-06T03:00:00Z') });
    expect(run.mail.delivered.map((request) => request.template)).toEqual(['followUp']);
    expect((await repository.get(order.id))?.axes.mailsSent).toContain('followUp');
  });
});

describe('undoing what automation did', () => {
  const splitting: RuleSetInput = {
    id: 'cold-chain',
    name: '温度帯分割',
    trigger: { kind: 'onImport' },
    match: 'first',
    rules: [
      {
        id: 'split-zones',
        name: '温度帯混在は分割',
        when: {
          kind: 'all',
          of: [
            { kind: 'temperature', in: ['chilled', 'frozen'] },
            { kind: 'temperature', in: ['ambient'] },
          ],
        },
        actions: [{ kind: 'split', by: 'temperature' }],
      },
    ],
  };

  it('undoes an automation split exactly, its own records notwithstanding', async () => {
    const mixed = generateOrders({ seed: 5, count: 200, from: '2026-11-01' }).find(
      (order) =>
        order.shipments.length === 1 && new Set(order.lines.map((line) => line.temperature)).size > 1,
    )!;
    const before = JSON.stringify(orderContent(mixed));
    const repository = createInMemoryOrderRepository([mixed]);
    const run = options(repository);
    const report = await runAutomation([mixed.id], load([splitting]), run);
    expect(report.counts.succeeded).toBe(1);

    const after = (await repository.get(mixed.id))!;
    expect(after.shipments.length).toBeGreaterThan(1);
    const split = after.history.find((event) => event.type === 'split.temperature')!;
    // the split is followed by its own automation record, which changed nothing but the history
    expect(after.history.at(-1)).toMatchObject({ type: 'automation.action', recordOnly: true });
    expect(after.history.at(-1)?.before).toBeUndefined();

    const undone = undoOperation(split, [after], { ...run, actor: 'staff-1' });
    if (!undone.ok) throw new Error(JSON.stringify(undone.issues));
    expect(JSON.stringify(orderContent(undone.value.orders[0]!))).toBe(before);
  });

  it('still refuses the undo once something else changed the order after the split', async () => {
    const mixed = generateOrders({ seed: 5, count: 200, from: '2026-11-01' }).find(
      (order) =>
        order.shipments.length === 1 && new Set(order.lines.map((line) => line.temperature)).size > 1,
    )!;
    const repository = createInMemoryOrderRepository([mixed]);
    const run = options(repository);
    const tagged: RuleSetInput = {
      ...splitting,
      rules: [
        {
          ...splitting.rules[0]!,
          actions: [
            { kind: 'split', by: 'temperature' },
            { kind: 'addTag', tag: '分割済' },
          ],
        },
      ],
    };
    await runAutomation([mixed.id], load([tagged]), run);
    const after = (await repository.get(mixed.id))!;
    const split = after.history.find((event) => event.type === 'split.temperature')!;
    const undone = undoOperation(split, [after], { ...run, actor: 'staff-1' });
    expect(undone.issues.map((issue) => issue.code)).toEqual(['orders.undo.conflict']);
  });
});
