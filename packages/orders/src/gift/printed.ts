import { appendRecord, commitOperation, type OperationContext, stateOf } from '../model/operation';
import type { Order, OrderEvent } from '../model/order';

/** The event type {@link markDeliveryNotePrinted} appends. */
export const DELIVERY_NOTE_PRINTED_EVENT = 'deliveryNote.printed';

/** Options of {@link markDeliveryNotePrinted}. */
export interface DeliveryNotePrintOptions {
  /** The slips whose notes were printed, for the history; default every slip not cancelled. */
  readonly shipmentIds?: readonly string[];
}

/** The outcome of {@link markDeliveryNotePrinted}. */
export interface DeliveryNotePrintOutcome {
  readonly order: Order;
  readonly event: OrderEvent;
  /** True when the notes had been printed before (再印刷): only the history changed. */
  readonly reprint: boolean;
}

/**
 * 納品書印刷済みにする: records that an order's delivery notes were printed, setting
 * `axes.deliveryNotePrinted` with a `deliveryNote.printed` event (who, when, which slips). The first print is
 * an ordinary operation, undoable with `undoOperation` (印刷済みの取消, e.g. the print run jammed); a reprint
 * (after an edit asked for `deliveryNote.reprint`) changes nothing but the history, so it is recorded as a
 * record (`recordOnly`). Once printed, staff edits of the slips ask for a reprint.
 *
 * @example
 * ```ts
 * const printed = markDeliveryNotePrinted(order, ctx);
 * printed.order.axes.deliveryNotePrinted; // true
 * await repository.save(changesOf([printed.order]));
 * ```
 */
export function markDeliveryNotePrinted(
  order: Order,
  ctx: OperationContext,
  options: DeliveryNotePrintOptions = {},
): DeliveryNotePrintOutcome {
  const shipmentIds =
    options.shipmentIds ??
    order.shipments.filter((shipment) => shipment.state !== 'cancelled').map((shipment) => shipment.id);
  const reprint = order.axes.deliveryNotePrinted;
  const details = { shipmentIds: [...shipmentIds], reprint };
  const done = reprint
    ? appendRecord([order], ctx, DELIVERY_NOTE_PRINTED_EVENT, details)
    : commitOperation(
        [order],
        [{ ...stateOf(order), axes: { ...order.axes, deliveryNotePrinted: true } }],
        ctx,
        DELIVERY_NOTE_PRINTED_EVENT,
        details,
      );
  return { order: done.orders[0]!, event: done.event, reprint };
}
