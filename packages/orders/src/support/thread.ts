import { type Clock, createIssue, fail, type IdGenerator, ok, type Result } from '@hakobu/core';
import { z } from 'zod';
import { toJapanTimestamp } from '../model/operation';
import { Timestamp } from '../model/primitives';

/** The longest message accepted, in characters. */
export const MESSAGE_MAX_LENGTH = 4000;

/** Who wrote a message (送信者): the customer (お客様) or the shop (ショップ). */
export const MessageAuthor = z.enum(['customer', 'shop']);
/** @see {@link MessageAuthor} */
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** One message of an order's thread (メッセージ). */
export const ThreadMessage = z.object({
  id: z.string().min(1),
  author: MessageAuthor,
  /** The staff member who wrote a shop message (担当者), for the shop's own records. */
  staffId: z.string().min(1).optional(),
  /** 本文, as written (trimmed). */
  body: z.string().min(1),
  at: Timestamp,
});
/** @see {@link ThreadMessage} */
export type ThreadMessage = z.infer<typeof ThreadMessage>;

/**
 * The message thread between the customer and the shop about one order (お問い合わせスレッド), as plain
 * data: the messages in the order they were added, and for each side the last message it has read
 * (`readThrough`, a message id). A side has read everything up to its own latest message.
 */
export const MessageThread = z.object({
  orderId: z.string().min(1),
  messages: z.array(ThreadMessage),
  readThrough: z.object({ customer: z.string().optional(), shop: z.string().optional() }),
  /** Set once the bodies were removed under a retention policy (個人情報削除日時); nothing more is added. */
  redactedAt: Timestamp.optional(),
});
/** @see {@link MessageThread} */
export type MessageThread = z.infer<typeof MessageThread>;

/** Input of {@link appendMessage}. */
export interface NewMessage {
  readonly author: MessageAuthor;
  readonly body: string;
  readonly staffId?: string;
}

/**
 * An empty thread for an order (スレッド作成).
 *
 * @example
 * ```ts
 * const thread = createThread(order.id); // { orderId, messages: [], readThrough: {} }
 * ```
 */
export function createThread(orderId: string): MessageThread {
  return { orderId, messages: [], readThrough: {} };
}

/**
 * Adds a message to the thread (メッセージ送信), with an id from `ctx.ids` and the time from `ctx.clock`;
 * the author's side has then read the whole thread. Refused (`orders.thread.empty_body`,
 * `orders.thread.too_long`, `orders.thread.redacted`) with a Japanese message; the thread is never changed
 * in place.
 *
 * @example
 * ```ts
 * const sent = appendMessage(thread, { author: 'customer', body: '置き配を希望します' }, { clock, ids });
 * if (sent.ok) unreadCounts(sent.value); // { customer: 0, shop: 1 }
 * ```
 */
export function appendMessage(
  thread: MessageThread,
  message: NewMessage,
  ctx: { readonly clock: Clock; readonly ids: IdGenerator },
): Result<MessageThread> {
  const data = { orderId: thread.orderId, author: message.author };
  if (thread.redactedAt !== undefined) {
    return fail([
      createIssue(
        'orders.thread.redacted',
        'このお問い合わせは保存期間を過ぎたため、これ以上送信できません',
        {
          data,
        },
      ),
    ]);
  }
  const body = message.body.trim();
  if (body === '') {
    return fail([createIssue('orders.thread.empty_body', 'メッセージを入力してください', { data })]);
  }
  const length = [...body].length;
  if (length > MESSAGE_MAX_LENGTH) {
    return fail([
      createIssue(
        'orders.thread.too_long',
        `メッセージは${MESSAGE_MAX_LENGTH}文字以内で入力してください（${length}文字）`,
        { data: { ...data, length, max: MESSAGE_MAX_LENGTH } },
      ),
    ]);
  }
  const added: ThreadMessage = {
    id: ctx.ids.newId('message'),
    author: message.author,
    ...(message.staffId === undefined ? {} : { staffId: message.staffId }),
    body,
    at: toJapanTimestamp(ctx.clock.now()),
  };
  return ok({
    ...thread,
    messages: [...thread.messages, added],
    readThrough: { ...thread.readThrough, [message.author]: added.id },
  });
}

function positionOf(thread: MessageThread, messageId: string | undefined): number {
  return messageId === undefined ? -1 : thread.messages.findIndex((message) => message.id === messageId);
}

/**
 * Marks the thread read by one side (既読) up to a message (default the latest). A mark never moves
 * back: marking an older message keeps the later mark. An unknown message id is refused
 * (`orders.thread.unknown_message`).
 *
 * @example
 * ```ts
 * const read = markRead(thread, 'shop'); // the shop has read everything
 * ```
 */
export function markRead(
  thread: MessageThread,
  side: MessageAuthor,
  throughMessageId?: string,
): Result<MessageThread> {
  const target = throughMessageId ?? thread.messages.at(-1)?.id;
  if (target === undefined) return ok(thread);
  const at = positionOf(thread, target);
  if (at < 0) {
    return fail([
      createIssue('orders.thread.unknown_message', `メッセージ(${target})がありません`, {
        data: { orderId: thread.orderId, messageId: target },
      }),
    ]);
  }
  if (at <= positionOf(thread, thread.readThrough[side])) return ok(thread);
  return ok({ ...thread, readThrough: { ...thread.readThrough, [side]: target } });
}

/**
 * Unread messages per side (未読件数): for the customer, the shop's messages after the customer's read
 * mark; for the shop, the customer's messages after the shop's.
 *
 * @example
 * ```ts
 * unreadCounts(thread); // { customer: 0, shop: 2 } — two customer messages the shop has not opened
 * ```
 */
export function unreadCounts(thread: MessageThread): Readonly<Record<MessageAuthor, number>> {
  const unreadBy = (side: MessageAuthor): number =>
    thread.messages
      .slice(positionOf(thread, thread.readThrough[side]) + 1)
      .filter((message) => message.author !== side).length;
  return { customer: unreadBy('customer'), shop: unreadBy('shop') };
}
