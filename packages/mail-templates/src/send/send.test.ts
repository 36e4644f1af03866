import { ok } from '@hakobu/core';
import { fixedClock, registerConformance, sequenceIdGenerator } from '@hakobu/core/testing';
import {
  commitOperation,
  evaluateCondition,
  followUpDue,
  type Order,
  stateOf,
  undoOperation,
  withMailSent,
} from '@hakobu/orders';
import { generateOrders } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { createMailComposer } from '../compose/composer';
import type { MailMessage } from '../compose/definitions';
import { createMailEngine } from '../engine/engine';
import { mailTransportChecks, sendLogChecks } from '../testing/conformance';
import { exampleRoutes, exampleTemplates } from '../testing/examples';
import {
  applyMailSent,
  createInMemorySendLog,
  createInMemoryTransport,
  type MailTransport,
  type SendLog,
  sendBulk,
} from './send';

const clock = fixedClock('2026-11-28T01:00:00Z');
const created = createMailComposer({
  engine: createMailEngine(),
  templates: exampleTemplates(),
  routes: exampleRoutes(),
});
if (!created.ok) throw new Error(JSON.stringify(created.issues));
const composer = created.value;

const operation = () => ({ clock, ids: sequenceIdGenerator(), actor: 'system:mail' });

function orders(count: number): Order[] {
  return generateOrders({ count, seed: 3 });
}

describe('sendBulk', () => {
  it('sends each message once, goes on after bad ones, and never sends a key twice', async () => {
    const list = orders(12);
    const broken = { ...list[3]!, orderer: { ...list[3]!.orderer, email: '' } };
    const batch = [...list.slice(0, 3), broken, ...list.slice(4)];
    const composed = batch.map((order) =>
      composer.compose({ order, event: 'orderConfirmation', now: clock.now() }),
    );
    composed.push(composed[0]!);
    const transport = createInMemoryTransport({
      ids: sequenceIdGenerator(),
      refuse: (message) => (message.meta.orderId === list[5]!.id ? 'mailbox full' : undefined),
    });
    const log = createInMemorySendLog();
    const first = await sendBulk(composed, { transport, log, clock });
    expect(first.counts).toEqual({ sent: 10, skipped: 1, failed: 2 });
    expect(first.results[3]).toMatchObject({ status: 'failed', issues: [{ code: 'mail.no_recipient' }] });
    expect(first.results[5]).toMatchObject({
      status: 'failed',
      issues: [{ code: 'mail.transport_refused' }],
    });
    expect(first.results[12]).toMatchObject({
      status: 'skipped',
      messageId: first.results[0]?.status === 'sent' ? first.results[0].messageId : '',
    });
    expect(transport.sent).toHaveLength(10);
    expect(new Set(transport.sent.map((s) => s.message.idempotencyKey)).size).toBe(10);
    expect(await log.entries()).toHaveLength(10);

    const retry = createInMemoryTransport({ ids: sequenceIdGenerator() });
    const again = await sendBulk(composed, { transport: retry, log, clock });
    expect(again.counts).toEqual({ sent: 1, skipped: 11, failed: 1 });
    expect(retry.sent.map((s) => s.message.meta.orderId)).toEqual([list[5]!.id]);
  });

  it('turns a throwing transport into a failure of that message only', async () => {
    let calls = 0;
    const transport: MailTransport = {
      async send() {
        calls += 1;
        if (calls === 1) throw new Error('connection reset');
        return ok({ id: `m${calls}` });
      },
    };
    const composed = orders(3).map((order) =>
      composer.compose({ order, event: 'shipped', now: clock.now() }),
    );
    const outcome = await sendBulk(composed, { transport, log: createInMemorySendLog(), clock });
    expect(outcome.results.map((r) => r.status)).toEqual(['failed', 'sent', 'sent']);
    expect(outcome.results[0]).toMatchObject({ issues: [{ code: 'mail.transport_error' }] });
  });

  it('updates the mail-sent axis of the orders from the returned events', async () => {
    const list = orders(4);
    const transport = createInMemoryTransport({ ids: sequenceIdGenerator() });
    const composed = list.map((order) => composer.compose({ order, event: 'shipped', now: clock.now() }));
    const outcome = await sendBulk(composed, { transport, log: createInMemorySendLog(), clock });
    const updates = applyMailSent(list, outcome.events, {
      clock,
      ids: sequenceIdGenerator(),
      actor: 'system:mail',
    });
    expect(updates).toHaveLength(4);
    for (const [index, update] of updates.entries()) {
      const order = update.orders[0]!;
      const sent = outcome.events[index]!;
      expect(order.axes.mailsSent).toEqual([...list[index]!.axes.mailsSent, 'shipped']);
      expect(order.version).toBe(list[index]!.version + 1);
      expect(update.event.type).toBe('mail.sent');
      expect(update.event.before).toBeUndefined();
      expect(update.event.details).toEqual({
        mails: [{ event: 'shipped', templateId: sent.templateId, messageId: sent.messageId }],
      });
    }
    expect(new Set(outcome.events.map((event) => event.templateId)).size).toBeGreaterThan(1);
  });

  it('records a mail whose event is already on the axis as a record that keeps earlier undos', async () => {
    const [order] = orders(1);
    const tagged = commitOperation(
      [order!],
      [{ ...stateOf(order!), tags: ['要確認'] }],
      operation(),
      'tags.set',
      {},
    );
    expect(order!.axes.mailsSent).toEqual(['orderConfirmation']);
    const resend = composer.compose({
      order: tagged.orders[0]!,
      event: 'orderConfirmation',
      sequence: 2,
      now: clock.now(),
    });
    const outcome = await sendBulk([resend], {
      transport: createInMemoryTransport({ ids: sequenceIdGenerator() }),
      log: createInMemorySendLog(),
      clock,
    });
    const [update] = applyMailSent(tagged.orders, outcome.events, operation());
    expect(update!.event.recordOnly).toBe(true);
    expect(update!.orders[0]!.axes.mailsSent).toEqual(['orderConfirmation']);
    expect(update!.event.details).toMatchObject({ mails: [{ event: 'orderConfirmation' }] });
    const undone = undoOperation(tagged.event, update!.orders, operation());
    expect(undone.ok && undone.value.orders[0]!.tags).toEqual(order!.tags);
  });
});

describe('one mail vocabulary with @hakobu/orders', () => {
  const shippedOn = '2026-11-20';
  function shipped(order: Order): Order {
    return {
      ...order,
      status: 'shipped',
      shipments: order.shipments.map((shipment) => ({ ...shipment, state: 'shipped', shippedOn })),
    };
  }

  it('makes a mail sent through sendBulk + applyMailSent count as the automation-recorded one', async () => {
    const list = orders(3).map(shipped);
    const composed = list.map((order) => composer.compose({ order, event: 'followUp', now: clock.now() }));
    const outcome = await sendBulk(composed, {
      transport: createInMemoryTransport({ ids: sequenceIdGenerator() }),
      log: createInMemorySendLog(),
      clock,
    });
    expect(outcome.counts.sent).toBe(3);
    // The templates differ from the event (payment-method variants such as `followUp-card`): the axis must
    // still say `followUp`.
    expect(outcome.events.filter((event) => event.templateId !== 'followUp')).not.toEqual([]);
    const viaTemplates = applyMailSent(list, outcome.events, operation()).map((update) => update.orders[0]!);
    const viaAutomation = list.map((order) => withMailSent(order, 'followUp'));

    const followUp = { kind: 'mailSent', template: 'followUp' } as const;
    const today = { today: '2026-11-28' };
    for (const [index, order] of viaTemplates.entries()) {
      expect(order.axes.mailsSent).toEqual(viaAutomation[index]!.axes.mailsSent);
      expect(evaluateCondition(followUp, order, today).matched).toBe(true);
      expect(evaluateCondition(followUp, list[index]!, today).matched).toBe(false);
    }
    const due = { daysAfterShipped: 7, template: 'followUp' };
    expect(followUpDue(list, due, clock).map((entry) => entry.orderId)).toEqual(
      list.map((order) => order.id),
    );
    expect(followUpDue(viaTemplates, due, clock)).toEqual([]);
    expect(followUpDue(viaAutomation, due, clock)).toEqual([]);
  });
});

registerConformance(
  'createInMemoryTransport conforms to MailTransport',
  mailTransportChecks(
    () =>
      createInMemoryTransport({
        ids: sequenceIdGenerator(),
        refuse: (message: MailMessage) =>
          message.to[0]?.endsWith('@invalid.example') ? 'unknown domain' : undefined,
      }),
    { refusedAddress: 'x@invalid.example' },
  ),
  { describe, it },
);

registerConformance('createInMemorySendLog conforms to SendLog', sendLogChecks(createInMemorySendLog), {
  describe,
  it,
});

describe('sendLogChecks catches a broken log', () => {
  it('fails a log whose reserve is check-then-insert across an await', async () => {
    const racy = (): SendLog => {
      const claimed = new Set<string>();
      return {
        ...createInMemorySendLog(),
        reserve: async (key) => {
          const taken = claimed.has(key);
          await Promise.resolve();
          claimed.add(key);
          return !taken;
        },
      };
    };
    const race = sendLogChecks(racy).find((check) => check.name.includes('concurrent'));
    await expect(race?.run()).rejects.toThrow(/reservers claimed the same key/);
  });
});

describe('concurrent bulk sends', () => {
  it('never send a key twice when two runs share the log', async () => {
    const list = orders(20);
    const composed = list.map((order) =>
      composer.compose({ order, event: 'orderConfirmation', now: clock.now() }),
    );
    const ids = sequenceIdGenerator();
    const sent: string[] = [];
    const slow: MailTransport = {
      async send(message) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        sent.push(message.idempotencyKey);
        return ok({ id: ids.newId('mail') });
      },
    };
    const log = createInMemorySendLog();
    const [a, b] = await Promise.all([
      sendBulk(composed, { transport: slow, log, clock }),
      sendBulk([...composed].reverse(), { transport: slow, log, clock }),
    ]);
    const expected = composed.filter((c) => c.ok).length;
    expect(sent).toHaveLength(expected);
    expect(new Set(sent).size).toBe(expected);
    expect(a.counts.sent + b.counts.sent).toBe(expected);
    expect(a.counts.skipped + b.counts.skipped).toBe(expected);
  });

  it('releases a refused key so a later run can retry it', async () => {
    const log = createInMemorySendLog();
    const [message] = orders(1).map((order) =>
      composer.compose({ order, event: 'shipped', now: clock.now() }),
    );
    const refusing = createInMemoryTransport({ ids: sequenceIdGenerator(), refuse: () => 'busy' });
    expect((await sendBulk([message!], { transport: refusing, log, clock })).counts.failed).toBe(1);
    const accepting = createInMemoryTransport({ ids: sequenceIdGenerator() });
    expect((await sendBulk([message!], { transport: accepting, log, clock })).counts.sent).toBe(1);
    expect(await log.reserve(message!.ok ? message!.value.idempotencyKey : '')).toBe(false);
  });
});
