import { appendRecord, commitOperation, type OperationContext, stateOf } from '../model/operation';
import type { Order, OrderAxes, OrderEvent } from '../model/order';

/** The event type {@link markDeliveryNotePrinted} appends. */
export const DELIVERY_NOTE_PRINTED_EVENT = 'deliveryNote.printed';

/** The event type {@link markLabelExported} appends. */
export const LABEL_EXPORTED_EVENT = 'label.exported';

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

/** Options of {@link markLabelExported}. */
export interface LabelExportOptions {
  /** The slips written to the label file, for the history; default every slip not cancelled. */
  readonly shipmentIds?: readonly string[];
  /** The label system the file was written for (送り状システム, e.g. `yamato-b2`), for the history. */
  readonly system?: string;
}

/** The outcome of {@link markLabelExported}. */
export interface LabelExportOutcome {
  readonly order: Order;
  readonly event: OrderEvent;
  /** True when the labels had been exported before (再出力): only the history changed. */
  readonly reexport: boolean;
}

/** What one output mark sets: the axis flag, the event type and the detail naming a repeat. */
interface OutputMark {
  readonly flag: keyof Pick<OrderAxes, 'deliveryNotePrinted' | 'labelExported'>;
  readonly event: string;
  readonly repeat: 'reprint' | 'reexport';
}

const DELIVERY_NOTE: OutputMark = {
  flag: 'deliveryNotePrinted',
  event: DELIVERY_NOTE_PRINTED_EVENT,
  repeat: 'reprint',
};
const LABEL: OutputMark = { flag: 'labelExported', event: LABEL_EXPORTED_EVENT, repeat: 'reexport' };

/**
 * Sets an output flag with its event. The first mark changes the order, so it is an ordinary undoable
 * operation; a repeat changes only the history, so it is a record that never blocks undoing the first.
 */
function markOutput(
  order: Order,
  ctx: OperationContext,
  mark: OutputMark,
  shipmentIds: readonly string[] | undefined,
  extra: Record<string, unknown>,
): { readonly order: Order; readonly event: OrderEvent; readonly repeat: boolean } {
  const slips =
    shipmentIds ??
    order.shipments.filter((shipment) => shipment.state !== 'cancelled').map((shipment) => shipment.id);
  const repeat = order.axes[mark.flag];
  const details = { shipmentIds: [...slips], [mark.repeat]: repeat, ...extra };
  const done = repeat
    ? appendRecord([order], ctx, mark.event, details)
    : commitOperation(
        [order],
        [{ ...stateOf(order), axes: { ...order.axes, [mark.flag]: true } }],
        ctx,
        mark.event,
        details,
      );
  return { order: done.orders[0]!, event: done.event, repeat };
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
  const done = markOutput(order, ctx, DELIVERY_NOTE, options.shipmentIds, {});
  return { order: done.order, event: done.event, reprint: done.repeat };
}

/**
 * 送り状出力済みにする: records that an order's slips were written to a label file (送り状データ, e.g. a B2
 * import CSV), setting `axes.labelExported` with a `label.exported` event (who, when, which slips, which
 * label system). The first export is an ordinary operation, undoable with `undoOperation` (出力済みの取消,
 * e.g. the file was never imported); a re-export (after an edit asked for `label.reissue`) changes nothing
 * but the history, so it is recorded as a record (`recordOnly`). Once exported, staff edits of the slips ask
 * for a reissue.
 *
 * @example
 * ```ts
 * const exported = markLabelExported(order, ctx, { system: 'yamato-b2' });
 * exported.order.axes.labelExported; // true
 * await repository.save(changesOf([exported.order]));
 * ```
 */
export function markLabelExported(
  order: Order,
  ctx: OperationContext,
  options: LabelExportOptions = {},
): LabelExportOutcome {
  const extra = options.system === undefined ? {} : { system: options.system };
  const done = markOutput(order, ctx, LABEL, options.shipmentIds, extra);
  return { order: done.order, event: done.event, reexport: done.repeat };
}
