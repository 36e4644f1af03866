import {
  type Clock,
  createIssue,
  formatInstantJst,
  type IdGenerator,
  type Issue,
  type Result,
} from '@hakobu/core';
import {
  appendRecord,
  commitOperation,
  type OperationContext,
  type OperationOutcome,
  type Order,
  stateOf,
  withMailSent,
} from '@hakobu/orders';
import type { MailMessage } from '../compose/definitions';

/**
 * The mail transport port (メール送信ポート), version 1: sends one message and returns the transport's
 * message id, or a failure with issues (never throws for a refused message). Adapters wrap SMTP, SES,
 * SendGrid, a mall's mail relay …
 */
export interface MailTransport {
  send(message: MailMessage): Promise<Result<{ readonly id: string }>>;
}

/** One line of the send log (送信履歴). */
export interface SendLogEntry {
  readonly idempotencyKey: string;
  readonly messageId: string;
  readonly orderId: string;
  readonly event: string;
  readonly templateId: string;
  readonly to: readonly string[];
  readonly subject: string;
  /** ISO instant in Japan time. */
  readonly at: string;
}

/**
 * The send-log port (送信履歴), keyed by idempotency key. `reserve` must be atomic (a unique insert in SQL): it is
 * what keeps two concurrent bulk sends from sending the same key twice. A reserved key is either `complete`d
 * with its entry after the transport accepted the message, or `release`d when the transport refused it, so a
 * later run can retry.
 */
export interface SendLog {
  /** Claims a key; false when it is already sent or being sent. */
  reserve(idempotencyKey: string): Promise<boolean>;
  /** Records a sent message under its reserved key. */
  complete(entry: SendLogEntry): Promise<void>;
  /** Gives a reserved key back after a failed send. */
  release(idempotencyKey: string): Promise<void>;
  /** The entry of a sent key; undefined when unknown or still being sent. */
  find(idempotencyKey: string): Promise<SendLogEntry | undefined>;
  entries(): Promise<readonly SendLogEntry[]>;
}

/**
 * An in-memory {@link SendLog} for tests and single-process hosts.
 *
 * @example
 * ```ts
 * const log = createInMemorySendLog();
 * await log.reserve('o1:shipped'); // true
 * await log.reserve('o1:shipped'); // false
 * ```
 */
export function createInMemorySendLog(): SendLog {
  const byKey = new Map<string, SendLogEntry | 'pending'>();
  return {
    reserve: async (key) => {
      if (byKey.has(key)) return false;
      byKey.set(key, 'pending');
      return true;
    },
    complete: async (entry) => {
      byKey.set(entry.idempotencyKey, entry);
    },
    release: async (key) => {
      if (byKey.get(key) === 'pending') byKey.delete(key);
    },
    find: async (key) => {
      const entry = byKey.get(key);
      return entry === 'pending' ? undefined : entry;
    },
    entries: async () => [...byKey.values()].filter((entry): entry is SendLogEntry => entry !== 'pending'),
  };
}

/** An in-memory {@link MailTransport}: keeps every sent message in `sent`. */
export interface InMemoryTransport extends MailTransport {
  readonly sent: ReadonlyArray<{ readonly id: string; readonly message: MailMessage }>;
}

/**
 * An in-memory {@link MailTransport} (送信せず記録する): ids from the given generator; `refuse` lets a test make
 * chosen messages fail, as a real transport refuses an address.
 *
 * @example
 * ```ts
 * const transport = createInMemoryTransport({ ids: sequenceIdGenerator() });
 * await transport.send(message); // { ok: true, value: { id: 'mail-0001' } }
 * ```
 */
export function createInMemoryTransport(options: {
  readonly ids: IdGenerator;
  readonly refuse?: (message: MailMessage) => string | undefined;
}): InMemoryTransport {
  const sent: Array<{ id: string; message: MailMessage }> = [];
  return {
    sent,
    async send(message) {
      const reason = options.refuse?.(message);
      if (reason !== undefined) {
        return {
          ok: false,
          issues: [
            createIssue('mail.transport_refused', `送信できませんでした: ${reason}`, {
              data: { to: message.to },
            }),
          ],
        };
      }
      const id = options.ids.newId('mail');
      sent.push({ id, message });
      return { ok: true, value: { id }, issues: [] };
    },
  };
}

/**
 * A message was sent (メール送信済): the data that updates the order's mail-sent axis. `event` (the mail
 * event key, e.g. `shipped`) is what goes on `axes.mailsSent`; `templateId` (the template that rendered it,
 * e.g. `shipped-cod`) stays in the send log and the order's history.
 */
export interface MailSentEvent {
  readonly orderId: string;
  /** The mail event key (メール種別), e.g. a key of `STANDARD_MAIL_EVENTS`. */
  readonly event: string;
  /** The template that rendered the message. */
  readonly templateId: string;
  readonly messageId: string;
  readonly idempotencyKey: string;
  readonly at: string;
}

/** The outcome of one message of a bulk send (送信結果). */
export type BulkSendResult =
  | {
      readonly status: 'sent';
      readonly index: number;
      readonly idempotencyKey: string;
      readonly messageId: string;
    }
  | {
      readonly status: 'skipped';
      readonly index: number;
      readonly idempotencyKey: string;
      /** The earlier message's id; absent while another run is still sending it. */
      readonly messageId?: string;
    }
  | {
      readonly status: 'failed';
      readonly index: number;
      readonly idempotencyKey?: string;
      readonly issues: Issue[];
    };

/** The outcome of {@link sendBulk}: one result per input, the events for the orders, counts. */
export interface BulkSendOutcome {
  readonly results: BulkSendResult[];
  readonly events: MailSentEvent[];
  readonly counts: { readonly sent: number; readonly skipped: number; readonly failed: number };
}

/**
 * Sends many messages (一括送信) through a {@link MailTransport}, one by one in input order: composition
 * failures are reported and skipped, a key already reserved in the {@link SendLog} (sent before, earlier in
 * the batch, or by a concurrent run) is never sent again, a refusal or a throwing transport fails only that message. Each success is logged and
 * yields a {@link MailSentEvent} for {@link applyMailSent}.
 *
 * @example
 * ```ts
 * const composed = requests.map((request) => composer.compose(request));
 * const outcome = await sendBulk(composed, { transport, log, clock });
 * outcome.counts; // { sent: 98, skipped: 0, failed: 2 }
 * ```
 */
export async function sendBulk(
  items: ReadonlyArray<Result<MailMessage>>,
  deps: { readonly transport: MailTransport; readonly log: SendLog; readonly clock: Clock },
): Promise<BulkSendOutcome> {
  const results: BulkSendResult[] = [];
  const events: MailSentEvent[] = [];
  for (const [index, item] of items.entries()) {
    if (!item.ok) {
      results.push({ status: 'failed', index, issues: item.issues });
      continue;
    }
    const message = item.value;
    const key = message.idempotencyKey;
    if (!(await deps.log.reserve(key))) {
      const previous = await deps.log.find(key);
      results.push({
        status: 'skipped',
        index,
        idempotencyKey: key,
        ...(previous === undefined ? {} : { messageId: previous.messageId }),
      });
      continue;
    }
    let sent: Result<{ readonly id: string }>;
    try {
      sent = await deps.transport.send(message);
    } catch (error) {
      sent = {
        ok: false,
        issues: [
          createIssue(
            'mail.transport_error',
            `送信中にエラーが発生しました: ${error instanceof Error ? error.message : String(error)}`,
            {
              data: { idempotencyKey: key },
            },
          ),
        ],
      };
    }
    if (!sent.ok) {
      await deps.log.release(key);
      results.push({ status: 'failed', index, idempotencyKey: key, issues: sent.issues });
      continue;
    }
    const at = formatInstantJst(deps.clock.now());
    await deps.log.complete({
      idempotencyKey: key,
      messageId: sent.value.id,
      orderId: message.meta.orderId,
      event: message.meta.event,
      templateId: message.meta.templateId,
      to: message.to,
      subject: message.subject,
      at,
    });
    events.push({
      orderId: message.meta.orderId,
      event: message.meta.event,
      templateId: message.meta.templateId,
      messageId: sent.value.id,
      idempotencyKey: key,
      at,
    });
    results.push({ status: 'sent', index, idempotencyKey: key, messageId: sent.value.id });
  }
  const count = (status: BulkSendResult['status']) => results.filter((r) => r.status === status).length;
  return {
    results,
    events,
    counts: { sent: count('sent'), skipped: count('skipped'), failed: count('failed') },
  };
}

/**
 * Updates the mail-sent axis (送信済メール) of the orders named by sent events: each mail event key (e.g.
 * `shipped`, not the template id) is added once to `axes.mailsSent`, the vocabulary the `mailSent` automation
 * condition, `followUpDue` and the automation's own sends of `@hakobu/orders` use, so a mail sent here counts
 * as sent there. The template and message ids go in the `mail.sent` history event (not undoable: a sent mail
 * cannot be unsent; a record when every event was already on the axis). Orders without events are not
 * returned.
 *
 * @example
 * ```ts
 * const updates = applyMailSent(orders, outcome.events, { clock, ids, actor: 'system:mail' });
 * updates[0].orders[0].axes.mailsSent; // ['orderConfirmation', 'shipped']
 * updates[0].event.details; // { mails: [{ event: 'shipped', templateId: 'shipped-card', messageId: 'mail-0001' }] }
 * ```
 */
export function applyMailSent(
  orders: readonly Order[],
  events: readonly MailSentEvent[],
  ctx: OperationContext,
): OperationOutcome[] {
  const outcomes: OperationOutcome[] = [];
  for (const order of orders) {
    const mine = events.filter((event) => event.orderId === order.id);
    if (mine.length === 0) continue;
    const before = stateOf(order);
    const marked = mine.reduce((state, { event }) => withMailSent(state, event), before);
    const details = {
      mails: mine.map(({ event, templateId, messageId }) => ({ event, templateId, messageId })),
    };
    // A mail whose event is already on the axis (the 発送完了 of a second parcel) changes only the history,
    // so it is a record and never blocks undoing an earlier operation.
    outcomes.push(
      marked === before
        ? appendRecord([order], ctx, 'mail.sent', details)
        : commitOperation([order], [marked], ctx, 'mail.sent', details, { undoable: false }),
    );
  }
  return outcomes;
}
