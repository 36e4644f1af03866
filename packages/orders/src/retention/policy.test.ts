import { HakobuError } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import type { Order } from '../model/order';
import { defaultStatusFlow } from '../status/default-flow';
import { applyTransition } from '../status/flow';
import { applyChangeRequest, createChangeRequest, decideChangeRequest } from '../support/change-request';
import { appendMessage, createThread } from '../support/thread';
import { generateOrders } from '../testing/generator';
import {
  changeRequestRetentionRecord,
  orderRetentionRecord,
  planRetention,
  type RetentionPolicy,
  type RetentionRecord,
  retentionDueAt,
  threadRetentionRecord,
} from './policy';
import { PERSONAL_INDEX_KINDS, redactOrder } from './redact';

const policy: RetentionPolicy = {
  rules: [
    { kind: 'order', action: 'redact', keepDays: 30 },
    { kind: 'order', action: 'delete', keepDays: 365 },
    { kind: 'messageThread', action: 'redact', keepDays: 30 },
    { kind: 'blacklistEntry', action: 'delete', keepDays: 0 },
  ],
};

function value<T>(result: { ok: boolean; value?: T; issues: unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as T;
}

describe('retentionDueAt', () => {
  it('counts Japan-time days from the closing day and falls due at 00:00 JST after the last kept day', () => {
    expect(retentionDueAt('2026-01-10T23:30:00+09:00', 30).toISOString()).toBe('2026-02-09T15:00:00.000Z');
    expect(retentionDueAt('2026-01-10T00:00:00+09:00', 30).toISOString()).toBe('2026-02-09T15:00:00.000Z');
    // 15:30 UTC on the 10th is already the 11th in Japan.
    expect(retentionDueAt('2026-01-10T15:30:00Z', 30).toISOString()).toBe('2026-02-10T15:00:00.000Z');
    expect(retentionDueAt(new Date('2026-01-10T05:00:00Z'), 0).toISOString()).toBe(
      '2026-01-10T15:00:00.000Z',
    );
  });
});

describe('planRetention', () => {
  const closed: RetentionRecord = { kind: 'order', id: 'o1', closedAt: '2026-01-10T23:30:00+09:00' };

  it('plans nothing one millisecond before the deadline and the step at the deadline, in Japan time', () => {
    expect(planRetention([closed], policy, new Date('2026-02-09T23:59:59.999+09:00')).steps).toEqual([]);
    const plan = planRetention([closed], policy, new Date('2026-02-10T00:00:00+09:00'));
    expect(plan.steps).toEqual([
      {
        kind: 'order',
        id: 'o1',
        action: 'redact',
        keepDays: 30,
        closedAt: '2026-01-10T23:30:00+09:00',
        dueAt: '2026-02-10T00:00:00.000+09:00',
        clearBlindIndexes: PERSONAL_INDEX_KINDS,
      },
    ]);
    expect(plan.counts).toEqual({ redact: 1, delete: 0 });
  });

  it('lets a due delete win, skips redacting twice, and never plans open records', () => {
    const late = new Date('2027-03-01T03:00:00+09:00');
    const records: RetentionRecord[] = [
      closed,
      { ...closed, id: 'o2', closedAt: '2027-01-10T10:00:00+09:00' },
      { ...closed, id: 'o3', closedAt: '2027-01-10T10:00:00+09:00', redactedAt: '2027-02-10T03:00:00+09:00' },
      { kind: 'order', id: 'o4' },
      { kind: 'changeRequest', id: 'c1', closedAt: '2020-01-01T00:00:00Z' },
      { kind: 'blacklistEntry', id: 'b1', closedAt: '2027-02-28T23:59:59+09:00' },
    ];
    const plan = planRetention(records, policy, late);
    expect(plan.steps.map((step) => [step.id, step.action, step.clearBlindIndexes.length])).toEqual([
      ['o1', 'delete', 0],
      ['o2', 'redact', PERSONAL_INDEX_KINDS.length],
      ['b1', 'delete', 0],
    ]);
    expect(plan.counts).toEqual({ redact: 1, delete: 2 });
  });

  it('reports unreadable records as issues and leaves them alone', () => {
    const plan = planRetention(
      [
        { kind: 'order', id: 'o1', closedAt: '2026-01-10 10:00' },
        { kind: 'invoice', id: 'x' } as never,
        closed,
      ],
      policy,
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(plan.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['orders.retention.invalid_record', [0]],
      ['orders.retention.invalid_record', [1]],
    ]);
    expect(plan.steps.map((step) => step.id)).toEqual(['o1']);
  });

  it('throws for a policy with duplicate rules or a blacklist redaction', () => {
    for (const rules of [
      [policy.rules[0]!, { ...policy.rules[0]!, keepDays: 10 }],
      [{ kind: 'blacklistEntry', action: 'redact', keepDays: 1 }],
      [{ kind: 'order', action: 'redact', keepDays: -1 }],
    ] as RetentionPolicy['rules'][]) {
      try {
        planRetention([], { rules }, new Date(0));
        expect.unreachable();
      } catch (error) {
        expect(HakobuError.isInstance(error) && error.code).toBe('orders.retention.invalid_policy');
      }
    }
  });
});

describe('retention records', () => {
  const ctx = {
    clock: fixedClock('2026-12-03T10:00:00+09:00'),
    ids: sequenceIdGenerator(),
    actor: 'staff-1',
  };
  const open = structuredClone(generateOrders({ seed: 3, count: 1 })[0]!);

  it('closes an order at its transition into 完了 or キャンセル, and notes its redaction', () => {
    expect(orderRetentionRecord(open)).toEqual({ kind: 'order', id: open.id });
    const cancelled = value(
      applyTransition(defaultStatusFlow, open, 'cancel', ctx, { reason: '重複注文' }),
    ).order;
    expect(orderRetentionRecord(cancelled)).toEqual({
      kind: 'order',
      id: open.id,
      closedAt: '2026-12-03T10:00:00.000+09:00',
    });
    const redacted = redactOrder(cancelled, { ...ctx, clock: fixedClock('2027-12-04T03:00:00+09:00') }).order;
    expect(orderRetentionRecord(redacted)).toEqual({
      kind: 'order',
      id: open.id,
      closedAt: '2026-12-03T10:00:00.000+09:00',
      redactedAt: '2027-12-04T03:00:00.000+09:00',
    });
  });

  it('falls back to the last event for an order imported closed, and to no date without history', () => {
    const imported: Order = { ...open, status: 'completed' };
    expect(orderRetentionRecord(imported).closedAt).toBeUndefined();
    const screened: Order = {
      ...imported,
      history: [
        {
          id: 'e1',
          type: 'blacklist.screen',
          at: '2026-12-05T09:00:00+09:00',
          actor: 's',
          orderIds: [open.id],
          details: {},
        },
      ],
    };
    expect(orderRetentionRecord(screened).closedAt).toBe('2026-12-05T09:00:00+09:00');
    expect(
      orderRetentionRecord({ ...screened, status: 'shipped' }, { closedStatuses: ['shipped'] }).closedAt,
    ).toBe('2026-12-05T09:00:00+09:00');
  });

  it('closes a thread with its order, or at a later message', () => {
    const thread = value(
      appendMessage(
        createThread('o1'),
        { author: 'customer', body: 'ありがとうございました' },
        {
          clock: fixedClock('2026-12-10T12:00:00+09:00'),
          ids: sequenceIdGenerator(),
        },
      ),
    );
    expect(threadRetentionRecord(thread, undefined)).toEqual({ kind: 'messageThread', id: 'o1' });
    expect(threadRetentionRecord(thread, '2026-12-03T10:00:00+09:00').closedAt).toBe(
      '2026-12-10T12:00:00.000+09:00',
    );
    expect(threadRetentionRecord(thread, '2026-12-20T10:00:00+09:00').closedAt).toBe(
      '2026-12-20T10:00:00+09:00',
    );
  });

  it('closes a change request when declined or applied', () => {
    const requested = value(
      createChangeRequest(
        { orderId: open.id, orderVersion: 1, changes: [{ kind: 'delivery', timeSlot: 'am' }] },
        ctx,
      ),
    );
    expect(changeRequestRetentionRecord(requested).closedAt).toBeUndefined();
    const declined = value(decideChangeRequest(requested, { approve: false, reason: '在庫切れ' }, ctx));
    expect(changeRequestRetentionRecord(declined).closedAt).toBe('2026-12-03T10:00:00.000+09:00');
    const approved = value(decideChangeRequest(requested, { approve: true }, ctx));
    expect(changeRequestRetentionRecord(approved).closedAt).toBeUndefined();
    const applied = value(
      applyChangeRequest(open, approved, { ...ctx, clock: fixedClock('2026-12-04T10:00:00+09:00') }),
    );
    expect(changeRequestRetentionRecord(applied.request).closedAt).toBe('2026-12-04T10:00:00.000+09:00');
  });
});
