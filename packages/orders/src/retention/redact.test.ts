import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { buildBlacklistIndex, rescreenOrders } from '../blacklist/blacklist';
import { changeDestination } from '../edit/edit';
import type { OperationContext } from '../model/operation';
import { Order } from '../model/order';
import type { Party } from '../model/party';
import {
  applyChangeRequest,
  ChangeRequest,
  createChangeRequest,
  decideChangeRequest,
} from '../support/change-request';
import { appendMessage, createThread } from '../support/thread';
import { generateOrders } from '../testing/generator';
import { undoOperation } from '../undo/undo';
import {
  isRedactedOrder,
  orderRedactedAt,
  PERSONAL_INDEX_KINDS,
  REDACTED_POSTAL_CODE,
  REDACTED_TEXT,
  redactChangeRequest,
  redactOrder,
  redactThread,
} from './redact';

const ctx = (): OperationContext => ({
  clock: fixedClock('2027-12-01T03:00:00+09:00'),
  ids: sequenceIdGenerator(),
  actor: 'system:retention',
});

function value<T>(result: { ok: boolean; value?: T; issues: unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as T;
}

const newAddress: Party = {
  name: '鈴木 ハナ',
  nameKana: 'スズキ ハナ',
  company: '鈴木商店',
  postalCode: '604-8005',
  prefecture: '京都府',
  address1: '京都市中京区恵比須町1-2-3',
  address2: 'コーポ緑303',
  phone: '075-123-4567',
  email: 'hana@example.jp',
};

/** An order carrying personal data everywhere it can: parties, notes, gift texts, alerts, holds, history. */
function personalOrder() {
  const base = structuredClone(
    generateOrders({ seed: 5, count: 50 }).find((order) => order.lines.length >= 2)!,
  );
  const name = base.orderer.name;
  base.notes = { customer: `${name}宛、不在時は隣家へ`, internal: `${name}様は常連` };
  base.lines[0]!.noshi = `内のし 御祝 ${name}`;
  base.shipments[0]!.labelNote = '置き配希望';
  base.shipments[0]!.deliveryNoteText = 'お誕生日おめでとう';
  base.axes.holds = [{ code: 'manual', reason: `${base.orderer.phone}に電話確認`, at: base.orderedAt }];
  base.tags = ['要確認', name];
  const moved = value(changeDestination(base, newAddress, ctx())).order;
  const index = buildBlacklistIndex([{ id: 'b1', phone: moved.orderer.phone, reason: '受取拒否' }]);
  const screened = rescreenOrders([moved], index, ctx()).changed[0]!;
  const personal = [base.orderer, base.shipments[0]!.destination, newAddress].flatMap((party) => [
    party.name,
    party.nameKana,
    party.company,
    party.postalCode,
    party.address1,
    party.address2,
    party.phone,
    party.email,
  ]);
  personal.push(
    base.notes.customer,
    base.notes.internal,
    base.lines[0]!.noshi,
    '置き配希望',
    'お誕生日おめでとう',
  );
  return { order: screened, personal: personal.filter((text): text is string => text !== undefined) };
}

describe('redactOrder', () => {
  it('removes every personal text, from the order, its alerts, holds, tags and history', () => {
    const { order, personal } = personalOrder();
    const before = JSON.stringify(order);
    expect(personal.every((text) => before.includes(text))).toBe(true);
    const { order: redacted } = redactOrder(order, ctx());
    const after = JSON.stringify(redacted);
    expect(personal.filter((text) => after.includes(text))).toEqual([]);
    expect(redacted.orderer).toEqual({
      name: REDACTED_TEXT,
      postalCode: REDACTED_POSTAL_CODE,
      prefecture: order.orderer.prefecture,
      address1: REDACTED_TEXT,
      phone: REDACTED_TEXT,
    });
    expect(redacted.alerts[0]).toMatchObject({
      code: 'orders.blacklist.hit',
      data: { value: REDACTED_TEXT },
    });
    expect(redacted.notes).toEqual({});
    expect(redacted.tags).toEqual(['要確認', REDACTED_TEXT]);
    expect(Order.safeParse(redacted).success).toBe(true);
  });

  it('keeps every number and amount the books need', () => {
    const { order } = personalOrder();
    const { order: redacted } = redactOrder(order, ctx());
    for (const key of [
      'id',
      'channel',
      'shopId',
      'mallOrderNumber',
      'orderedAt',
      'payment',
      'amounts',
      'status',
    ] as const) {
      expect(redacted[key]).toEqual(order[key]);
    }
    expect(redacted.lines).toEqual(order.lines.map(({ noshi: _noshi, ...line }) => line));
    expect(redacted.shipments.map(({ destination: _d, ...rest }) => rest)).toEqual(
      order.shipments.map(({ destination: _d, deliveryNoteText: _n, labelNote: _l, ...rest }) => rest),
    );
    expect(redacted.history.slice(0, -1).map(({ id, type, at, actor }) => ({ id, type, at, actor }))).toEqual(
      order.history.map(({ id, type, at, actor }) => ({ id, type, at, actor })),
    );
  });

  it('appends a retention.redact event that cannot be undone and makes earlier events stale', () => {
    const { order } = personalOrder();
    const done = redactOrder(order, ctx());
    expect(done.order.version).toBe(order.version + 1);
    expect(done.event).toMatchObject({ type: 'retention.redact', actor: 'system:retention' });
    expect(done.event.before).toBeUndefined();
    expect(done.clearBlindIndexes).toEqual(PERSONAL_INDEX_KINDS);
    expect(isRedactedOrder(done.order)).toBe(true);
    expect(isRedactedOrder(order)).toBe(false);
    expect(orderRedactedAt(done.order)).toBe('2027-12-01T03:00:00.000+09:00');
    const edit = done.order.history.find((event) => event.type === 'edit.destination')!;
    expect(undoOperation(edit, [done.order], ctx()).issues[0]?.code).toBe('orders.undo.conflict');
  });

  it('replaces a prefecture that is not a real prefecture name', () => {
    const { order } = personalOrder();
    const odd = { ...order, orderer: { ...order.orderer, prefecture: '東京都千代田区丸の内1-1-1' } };
    expect(redactOrder(odd, ctx()).order.orderer.prefecture).toBe(REDACTED_TEXT);
  });
});

describe('redactThread and redactChangeRequest', () => {
  it('removes message bodies and keeps who wrote and when', () => {
    const c = { clock: fixedClock('2026-12-01T10:00:00+09:00'), ids: sequenceIdGenerator() };
    const thread = value(
      appendMessage(createThread('o1'), { author: 'customer', body: '090-1111-2222に電話を' }, c),
    );
    const redacted = redactThread(thread, ctx());
    expect(redacted.messages).toEqual([{ ...thread.messages[0], body: REDACTED_TEXT }]);
    expect(redacted.redactedAt).toBe('2027-12-01T03:00:00.000+09:00');
  });

  it('removes a requested address, gift message and comment, and those texts in the decision', () => {
    const { order } = personalOrder();
    const c = { clock: fixedClock('2026-12-01T10:00:00+09:00'), ids: sequenceIdGenerator() };
    const requested = value(
      createChangeRequest(
        {
          orderId: order.id,
          orderVersion: order.version,
          comment: '父の家に送ってください',
          changes: [
            { kind: 'destination', destination: { ...newAddress, address1: '京都市北区1-1' } },
            { kind: 'giftMessage', message: '父の日のプレゼント' },
            { kind: 'delivery', timeSlot: '18-20' },
          ],
        },
        c,
      ),
    );
    const declined = value(
      decideChangeRequest(
        requested,
        { approve: false, reason: '京都市北区1-1は配送できません' },
        { ...c, actor: 's' },
      ),
    );
    const redacted = redactChangeRequest(declined, ctx());
    const text = JSON.stringify(redacted);
    for (const personal of ['父の家', '京都市北区1-1', '鈴木 ハナ', '075-123-4567', '父の日']) {
      expect(text).not.toContain(personal);
    }
    expect(redacted).toMatchObject({
      status: 'declined',
      decision: { reason: `${REDACTED_TEXT}は配送できません` },
      redactedAt: '2027-12-01T03:00:00.000+09:00',
    });
    expect(redacted.changes[2]).toEqual({ kind: 'delivery', timeSlot: '18-20' });
    expect(ChangeRequest.parse(redacted)).toEqual(redacted);
    const approved = value(decideChangeRequest(requested, { approve: true }, { ...c, actor: 's' }));
    const applied = value(applyChangeRequest(order, approved, { ...ctx(), clock: c.clock }));
    expect(redactChangeRequest(applied.request, ctx()).status).toBe('applied');
  });
});
