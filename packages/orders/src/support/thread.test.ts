import { sequenceIdGenerator, steppingClock } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import {
  appendMessage,
  createThread,
  MESSAGE_MAX_LENGTH,
  MessageThread,
  markRead,
  unreadCounts,
} from './thread';

const ctx = () => ({ clock: steppingClock('2026-12-01T01:00:00Z', 60_000), ids: sequenceIdGenerator() });

function value<T>(result: { ok: boolean; value?: T; issues: unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as T;
}

function conversation() {
  const c = ctx();
  let thread = createThread('o0000001');
  thread = value(appendMessage(thread, { author: 'customer', body: ' 置き配を希望します ' }, c));
  thread = value(appendMessage(thread, { author: 'customer', body: '玄関前でお願いします' }, c));
  thread = value(appendMessage(thread, { author: 'shop', staffId: 'staff-1', body: '承知しました' }, c));
  return thread;
}

describe('message thread', () => {
  it('appends messages with ids and Japan-time instants, without changing the given thread', () => {
    const empty = createThread('o0000001');
    const thread = conversation();
    expect(empty.messages).toEqual([]);
    expect(thread.messages).toEqual([
      {
        id: 'message_0001',
        author: 'customer',
        body: '置き配を希望します',
        at: '2026-12-01T10:00:00.000+09:00',
      },
      {
        id: 'message_0002',
        author: 'customer',
        body: '玄関前でお願いします',
        at: '2026-12-01T10:01:00.000+09:00',
      },
      {
        id: 'message_0003',
        author: 'shop',
        staffId: 'staff-1',
        body: '承知しました',
        at: '2026-12-01T10:02:00.000+09:00',
      },
    ]);
    expect(MessageThread.parse(thread)).toEqual(thread);
  });

  it('counts unread messages per side; writing marks your side read', () => {
    const c = ctx();
    let thread = createThread('o1');
    expect(unreadCounts(thread)).toEqual({ customer: 0, shop: 0 });
    thread = value(appendMessage(thread, { author: 'customer', body: 'a' }, c));
    thread = value(appendMessage(thread, { author: 'customer', body: 'b' }, c));
    expect(unreadCounts(thread)).toEqual({ customer: 0, shop: 2 });
    thread = value(appendMessage(thread, { author: 'shop', body: 'c' }, c));
    expect(unreadCounts(thread)).toEqual({ customer: 1, shop: 0 });
  });

  it('marks read up to a message, never moving the mark back', () => {
    const thread = conversation();
    const customerRead = value(markRead(thread, 'customer'));
    expect(unreadCounts(customerRead)).toEqual({ customer: 0, shop: 0 });
    const shopBehind = { ...thread, readThrough: {} };
    expect(unreadCounts(shopBehind)).toEqual({ customer: 1, shop: 2 });
    const partly = value(markRead(shopBehind, 'shop', 'message_0001'));
    expect(unreadCounts(partly)).toEqual({ customer: 1, shop: 1 });
    expect(value(markRead(customerRead, 'customer', 'message_0001'))).toBe(customerRead);
    expect(markRead(thread, 'shop', 'message_9999').issues[0]?.code).toBe('orders.thread.unknown_message');
    expect(value(markRead(createThread('o1'), 'shop'))).toEqual(createThread('o1'));
  });

  it('refuses an empty or too long message and a redacted thread, in Japanese', () => {
    const thread = createThread('o1');
    const empty = appendMessage(thread, { author: 'customer', body: ' \n ' }, ctx());
    expect(empty.issues[0]).toMatchObject({
      code: 'orders.thread.empty_body',
      message: 'メッセージを入力してください',
    });
    expect(
      appendMessage(thread, { author: 'customer', body: '😀'.repeat(MESSAGE_MAX_LENGTH) }, ctx()).ok,
    ).toBe(true);
    const long = appendMessage(
      thread,
      { author: 'customer', body: 'あ'.repeat(MESSAGE_MAX_LENGTH + 1) },
      ctx(),
    );
    expect(long.issues[0]?.code).toBe('orders.thread.too_long');
    const closed = { ...thread, redactedAt: '2027-12-01T03:00:00.000+09:00' };
    expect(appendMessage(closed, { author: 'shop', body: 'x' }, ctx()).issues[0]?.code).toBe(
      'orders.thread.redacted',
    );
  });
});
