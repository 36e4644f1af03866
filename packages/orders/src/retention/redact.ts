import { BlindIndexKind, type Clock, PrefectureName } from '@hakobu/core';
import { commitOperation, type OperationContext, toJapanTimestamp } from '../model/operation';
import type { Order, OrderEvent, OrderState } from '../model/order';
import { fullAddress, type Party } from '../model/party';
import type { ChangeRequest, RequestedChange } from '../support/change-request';
import type { MessageThread } from '../support/thread';

/** What replaces a removed required text (削除済みの表示): a name, an address line, a phone, a message. */
export const REDACTED_TEXT = '（削除済み）';

/** What replaces a removed postal code: seven zeros, which no address has, so it still fits the schema. */
export const REDACTED_POSTAL_CODE = '0000000';

/** The type of the history event {@link redactOrder} appends. */
export const REDACTION_EVENT = 'retention.redact';

/**
 * The blind-index kinds (`BlindIndexKind` of `@hakobu/core`) a store must empty when it redacts an order or
 * a change request: the search columns computed from names, e-mail, phones, addresses and postal codes
 * (`name_keys`, `address_keys`, `phone_keys` of `@hakobu/postgres`). Recomputing them from the redacted
 * record would index the placeholder {@link REDACTED_TEXT} instead.
 */
export const PERSONAL_INDEX_KINDS: readonly BlindIndexKind[] = BlindIndexKind.options;

/** The outcome of {@link redactOrder}. */
export interface RedactedOrder {
  /** The order without personal data, version + 1, with the redaction event last in its history. */
  readonly order: Order;
  readonly event: OrderEvent;
  /** The blind-index kinds whose stored search keys the host must empty for this order. */
  readonly clearBlindIndexes: readonly BlindIndexKind[];
}

/** Texts shorter than this are not searched for in free text: one character identifies no one. */
const MIN_SCRUBBED_LENGTH = 2;

function redactParty(party: Party): Party {
  return {
    name: REDACTED_TEXT,
    postalCode: REDACTED_POSTAL_CODE,
    // A real prefecture name alone identifies no one and keeps sales by region; anything else may be a
    // whole address a mall put in the wrong field.
    prefecture: PrefectureName.safeParse(party.prefecture).success ? party.prefecture : REDACTED_TEXT,
    address1: REDACTED_TEXT,
    phone: REDACTED_TEXT,
  };
}

function partyTexts(party: Party): (string | undefined)[] {
  return [
    party.name,
    party.nameKana,
    party.company,
    party.postalCode,
    party.address1,
    party.address2,
    fullAddress(party),
    party.phone,
    party.email,
  ];
}

function stateTexts(state: OrderState): (string | undefined)[] {
  return [
    ...partyTexts(state.orderer),
    ...state.shipments.flatMap((shipment) => [
      ...partyTexts(shipment.destination),
      shipment.deliveryNoteText,
      shipment.labelNote,
    ]),
    ...state.lines.map((line) => line.noshi),
    state.notes.customer,
    state.notes.internal,
  ];
}

/**
 * Replaces every known personal text inside free text (alerts, hold reasons, event details): a blacklist
 * alert quotes the phone it matched, an automation record the remarks it read.
 */
function scrubber(texts: readonly (string | undefined)[]): (text: string) => string {
  const known = [
    ...new Set(texts.filter((text): text is string => (text?.length ?? 0) >= MIN_SCRUBBED_LENGTH)),
  ].sort((a, b) => b.length - a.length);
  return (text) => known.reduce((result, value) => result.replaceAll(value, REDACTED_TEXT), text);
}

function scrubDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, scrub)])) as T;
  }
  return value;
}

function redactState<T extends OrderState>(state: T, scrub: (text: string) => string): T {
  return {
    ...state,
    orderer: redactParty(state.orderer),
    lines: state.lines.map(({ noshi: _noshi, ...line }) => line),
    shipments: state.shipments.map(({ deliveryNoteText: _note, labelNote: _label, ...shipment }) => ({
      ...shipment,
      destination: redactParty(shipment.destination),
    })),
    notes: {},
    alerts: scrubDeep(state.alerts, scrub),
    axes: {
      ...state.axes,
      holds: state.axes.holds.map((hold) => ({ ...hold, reason: scrub(hold.reason) })),
    },
    tags: state.tags.map(scrub),
  };
}

function redactEvent(event: OrderEvent, scrub: (text: string) => string): OrderEvent {
  const redacted: OrderEvent = { ...event, details: scrubDeep(event.details, scrub) };
  if (event.reason !== undefined) redacted.reason = scrub(event.reason);
  if (event.before !== undefined) redacted.before = event.before.map((state) => redactState(state, scrub));
  return redacted;
}

/**
 * Removes the personal data of an order (個人情報の削除・匿名化) and keeps what the books need: ids, mall
 * order number, dates, status and axes, payment, amounts and tax rows, every line's SKU, name, options,
 * quantity, price and rate, every slip's lines, charges, 代引金額, carrier, dates and tracking numbers.
 *
 * Removed, in the order and in every before-state of its history: the orderer's and every destination's
 * name, reading, company, postal code, address lines, phone and e-mail (required ones become
 * {@link REDACTED_TEXT} / {@link REDACTED_POSTAL_CODE}; the prefecture stays when it is a real prefecture
 * name), customer and internal notes, 納品書備考 and 送り状備考 (gift messages), のし texts. Wherever
 * those texts appear inside alerts, hold reasons, tags, event reasons and event details (a blacklist hit
 * quotes the phone it matched), they are replaced by {@link REDACTED_TEXT}.
 *
 * The result is a valid `Order` with an `retention.redact` event (not undoable; earlier events can no
 * longer be undone either). The host saves it as any operation's outcome and empties the blind-index
 * search keys listed in `clearBlindIndexes` rather than recomputing them.
 *
 * @example
 * ```ts
 * const { order: redacted } = redactOrder(order, { clock, ids, actor: 'system:retention' });
 * redacted.orderer.name; // '（削除済み）'
 * redacted.amounts; // unchanged
 * await repository.save(changesOf([redacted]));
 * ```
 */
export function redactOrder(order: Order, ctx: OperationContext): RedactedOrder {
  const scrub = scrubber(
    [order, ...order.history.flatMap((event) => event.before ?? [])].flatMap(stateTexts),
  );
  const history = order.history.map((event) => redactEvent(event, scrub));
  const { history: _history, ...state } = order;
  const outcome = commitOperation(
    [{ ...order, history }],
    [redactState(state, scrub)],
    ctx,
    REDACTION_EVENT,
    { clearBlindIndexes: PERSONAL_INDEX_KINDS },
    { undoable: false },
  );
  return { order: outcome.orders[0]!, event: outcome.event, clearBlindIndexes: PERSONAL_INDEX_KINDS };
}

/**
 * True once {@link redactOrder} ran on the order: its history holds a `retention.redact` event. A store
 * that computes search keys checks this and stores none.
 *
 * @example
 * ```ts
 * isRedactedOrder(redacted); // true
 * ```
 */
export function isRedactedOrder(order: Pick<Order, 'history'>): boolean {
  return order.history.some((event) => event.type === REDACTION_EVENT);
}

/** The `at` of the redaction event of an order, or `undefined` when it was never redacted. */
export function orderRedactedAt(order: Pick<Order, 'history'>): string | undefined {
  return order.history.findLast((event) => event.type === REDACTION_EVENT)?.at;
}

/**
 * Removes the message bodies of a thread (メッセージ本文の削除): each becomes {@link REDACTED_TEXT}; who
 * wrote, when, and read marks stay. The thread takes no more messages afterwards.
 *
 * @example
 * ```ts
 * const redacted = redactThread(thread, { clock });
 * redacted.messages[0]?.body; // '（削除済み）'
 * ```
 */
export function redactThread(thread: MessageThread, ctx: { readonly clock: Clock }): MessageThread {
  return {
    ...thread,
    messages: thread.messages.map((message) => ({ ...message, body: REDACTED_TEXT })),
    redactedAt: toJapanTimestamp(ctx.clock.now()),
  };
}

function redactChange(change: RequestedChange): RequestedChange {
  if (change.kind === 'destination') return { ...change, destination: redactParty(change.destination) };
  if (change.kind === 'giftMessage') return { ...change, message: REDACTED_TEXT };
  return change;
}

/**
 * Removes the personal data of a change request (変更依頼の個人情報削除): a requested destination (as for
 * orders, the prefecture stays), a gift message, the customer's comment, and those texts inside the
 * decision's reason. Status, dates, lines and quantities, dates and slots asked for stay. The host empties
 * the request's blind-index keys ({@link PERSONAL_INDEX_KINDS}) if it keeps any.
 *
 * @example
 * ```ts
 * const redacted = redactChangeRequest(request, { clock });
 * ```
 */
export function redactChangeRequest(request: ChangeRequest, ctx: { readonly clock: Clock }): ChangeRequest {
  const scrub = scrubber([
    request.comment,
    ...request.changes.flatMap((change) =>
      change.kind === 'destination'
        ? partyTexts(change.destination)
        : change.kind === 'giftMessage'
          ? [change.message]
          : [],
    ),
  ]);
  const { comment: _comment, ...rest } = request;
  const redacted = {
    ...rest,
    changes: request.changes.map(redactChange),
    redactedAt: toJapanTimestamp(ctx.clock.now()),
  };
  if (redacted.status === 'requested' || redacted.decision.reason === undefined) return redacted;
  return { ...redacted, decision: { ...redacted.decision, reason: scrub(redacted.decision.reason) } };
}
