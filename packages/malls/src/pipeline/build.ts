import { type Clock, createIssue, type IdGenerator, type Issue } from '@hakobu/core';
import {
  CHARGE_KINDS,
  type ChargeKind,
  commitOperation,
  computeAmounts,
  computeCodAmount,
  indexOrders,
  type Order,
  type OrderLine,
  type OrderState,
  type Shipment,
  type ShipmentCharge,
  type TemperatureZone,
  toJapanTimestamp,
} from '@hakobu/orders';
import type { SkuMapper } from '../mapping/sku';
import { type DraftShipment, exactArray, type MallOrderDraft } from './draft';

/** What building and updating orders from drafts needs: clock, ids, who acts, and the SKU mapping. */
export interface ImportContext {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Recorded on every event; default `system:malls.import`. */
  readonly actor?: string;
  /** Maps mall codes to master SKUs and 温度帯; without it lines keep only the mall codes. */
  readonly mapSku?: SkuMapper;
}

/** The comparable mall content of an order, recorded on every import event (モール側の内容). */
export type MallView = Omit<
  MallOrderDraft,
  'raw' | 'source' | 'channel' | 'shopId' | 'mallOrderNumber' | 'status'
>;

/** Event types the import writes into an order's history. */
export const IMPORT_EVENT_TYPES = ['mall.import', 'mall.update', 'mall.changed_after_shipment'] as const;

const COLDEST: readonly TemperatureZone[] = ['frozen', 'chilled', 'ambient'];
const UNDECIDED_HOLD = 'malls.amount_undecided';

/** The comparable mall content of a draft (everything but identity, status, raw record and source). */
export function mallViewOf(draft: MallOrderDraft): MallView {
  const {
    raw: _raw,
    source: _source,
    channel: _c,
    shopId: _s,
    mallOrderNumber: _m,
    status: _st,
    ...view
  } = draft;
  return view;
}

/** The id of an order line: the order id and the mall's line id, stable across re-imports. */
export function lineIdOf(orderId: string, mallLineId: string): string {
  return `${orderId}:${mallLineId}`;
}

function buildLines(
  draft: MallOrderDraft,
  orderId: string,
  ctx: ImportContext,
  issues: Issue[],
): OrderLine[] {
  return draft.lines.map((line, index) => {
    const sku = line.skuCandidates.find((candidate) => candidate !== '') ?? line.mallItemCode;
    const built: OrderLine = {
      id: lineIdOf(orderId, line.mallLineId),
      mallItemCode: line.mallItemCode,
      sku,
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      taxRate: line.taxRate,
      temperature: line.temperature ?? 'ambient',
    };
    const match = ctx.mapSku?.(draft.channel, draft.shopId, line.mallItemCode, line.skuCandidates);
    if (match !== undefined) {
      built.masterSku = match.masterSku;
      if (line.temperature === undefined && match.temperature !== undefined)
        built.temperature = match.temperature;
    } else if (ctx.mapSku !== undefined) {
      issues.push(
        createIssue(
          'malls.sku_unmapped',
          `受注${draft.mallOrderNumber}の明細「${line.name}」(商品コード ${line.mallItemCode} / SKU ${sku}) が商品マスタに対応付けられていません`,
          {
            severity: 'warning',
            path: ['lines', index],
            data: { mallOrderNumber: draft.mallOrderNumber, itemCode: line.mallItemCode, sku },
          },
        ),
      );
    }
    if (line.options !== undefined) built.options = line.options;
    if (line.requestedDate !== undefined) built.requestedDate = line.requestedDate;
    if (line.wrapping !== undefined) built.wrapping = line.wrapping;
    if (line.noshi !== undefined) built.noshi = line.noshi;
    return built;
  });
}

function chargesFor(
  orderId: string,
  draft: MallOrderDraft,
  index: number,
  shipment: DraftShipment,
): ShipmentCharge[] {
  const perShipment = (kind: 'shipping' | 'codFee'): number => {
    const explicit = shipment[kind];
    if (explicit !== undefined) {
      const othersExplicit = draft.shipments.reduce(
        (sum, s, i) => (i === index ? sum : sum + (s[kind] ?? 0)),
        0,
      );
      // The first shipment also takes what the mall did not place on any destination.
      return index === 0 ? Math.max(0, draft.amounts[kind] - othersExplicit) : explicit;
    }
    if (index !== 0) return 0;
    const placed = draft.shipments.reduce((sum, s) => sum + (s[kind] ?? 0), 0);
    return Math.max(0, draft.amounts[kind] - placed);
  };
  const amounts: Record<ChargeKind, number> = {
    shipping: perShipment('shipping'),
    codFee: perShipment('codFee'),
    wrapping: index === 0 ? draft.amounts.wrapping : 0,
    otherFees: index === 0 ? draft.amounts.otherFees : 0,
    couponDiscount: index === 0 ? draft.amounts.couponDiscount : 0,
    pointsUsed: index === 0 ? draft.amounts.pointsUsed : 0,
  };
  const charges: ShipmentCharge[] = [];
  for (const kind of CHARGE_KINDS) {
    const amount = amounts[kind];
    if (amount > 0) charges.push({ orderId, kind, amount });
  }
  return exactArray(charges);
}

/** The coldest zone (冷凍 over 冷蔵 over 常温) of the lines a shipment carries. */
function coldestOf(lines: readonly OrderLine[], refs: readonly { lineId: string }[]): TemperatureZone {
  let coldest = COLDEST.length - 1;
  for (const line of lines) {
    const rank = COLDEST.indexOf(line.temperature);
    if (rank < coldest && rank !== -1 && refs.some((ref) => ref.lineId === line.id)) coldest = rank;
  }
  return COLDEST[coldest] as TemperatureZone;
}

function buildShipments(
  draft: MallOrderDraft,
  orderId: string,
  lines: readonly OrderLine[],
  ids: IdGenerator,
  previous: readonly Shipment[],
): Shipment[] {
  // Line ids are made once, by buildLines (line i of the order is line i of the draft); a shipment refers to the
  // same strings. Shipments list their lines in draft order, so the search starts after the last line found.
  let next = 0;
  const lineIdOfRef = (mallLineId: string): string => {
    const index =
      draft.lines[next]?.mallLineId === mallLineId
        ? next
        : draft.lines.findIndex((line) => line.mallLineId === mallLineId);
    if (index === -1) return lineIdOf(orderId, mallLineId);
    next = index + 1;
    return (lines[index] as OrderLine).id;
  };
  return draft.shipments.map((draftShipment, index) => {
    const lineRefs = draftShipment.lines.map((ref) => ({
      orderId,
      lineId: lineIdOfRef(ref.mallLineId),
      quantity: ref.quantity,
    }));
    const prior = previous[index];
    const shipment: Shipment = {
      id: prior?.id ?? ids.newId('shipment'),
      slipNumber: prior?.slipNumber ?? `${draft.mallOrderNumber}-${index + 1}`,
      destination: draftShipment.destination,
      lines: lineRefs,
      temperature: coldestOf(lines, lineRefs),
      timeSlot: draftShipment.timeSlot,
      charges: chargesFor(orderId, draft, index, draftShipment),
      codAmount: 0,
      trackingNumbers: draftShipment.trackingNumbers,
      giftMode: prior?.giftMode ?? 'auto',
      state: draftShipment.shippedOn !== undefined || draft.status === 'shipped' ? 'shipped' : 'open',
    };
    const carrier = draftShipment.carrier ?? prior?.carrier;
    if (carrier !== undefined) shipment.carrier = carrier;
    if (prior?.service !== undefined) shipment.service = prior.service;
    if (prior?.plannedShipDate !== undefined) shipment.plannedShipDate = prior.plannedShipDate;
    if (prior?.labelNote !== undefined) shipment.labelNote = prior.labelNote;
    if (prior?.deliveryNoteText !== undefined) shipment.deliveryNoteText = prior.deliveryNoteText;
    if (draft.status === 'cancelled') shipment.state = 'cancelled';
    if (draftShipment.requestedDate !== undefined) shipment.requestedDate = draftShipment.requestedDate;
    if (draftShipment.shippedOn !== undefined) shipment.shippedOn = draftShipment.shippedOn;
    return shipment;
  });
}

/**
 * The mall-side content of an order (金額・明細・送付先), built from a draft onto an order id: lines,
 * amounts, shipments with charges and 代引金額, and the alerts and holds that the mall data calls for.
 */
export function contentFromDraft(
  draft: MallOrderDraft,
  orderId: string,
  ctx: ImportContext,
  previousShipments: readonly Shipment[],
): Pick<OrderState, 'orderedAt' | 'orderer' | 'payment' | 'amounts' | 'lines' | 'shipments'> & {
  alerts: Issue[];
  holdReasons: string[];
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const lines = buildLines(draft, orderId, ctx, issues);
  // The mall's amounts hold the fees by charge kind; computeAmounts reads only those.
  const amounts = computeAmounts(lines, draft.amounts);
  const billedTotal = draft.amounts.billedTotal;
  const alerts: Issue[] = [];
  if (billedTotal !== null && billedTotal !== amounts.billedTotal) {
    alerts.push(
      createIssue(
        'malls.amount_mismatch',
        `受注${draft.mallOrderNumber}の請求金額${billedTotal}円が、商品${amounts.items}円+送料等−値引・ポイントの${amounts.billedTotal}円と一致しません`,
        {
          severity: 'warning',
          data: {
            mallOrderNumber: draft.mallOrderNumber,
            mallBilled: billedTotal,
            computed: amounts.billedTotal,
          },
        },
      ),
    );
  }
  const holdReasons =
    draft.undecided.length > 0 ? [`モール側で金額が未確定です (${draft.undecided.join(', ')})`] : [];
  const payment = { method: draft.paymentMethod, status: draft.paymentStatus, paidAmount: 0 };
  const shipments = buildShipments(draft, orderId, lines, ctx.ids, previousShipments);
  if (payment.method === 'cod') {
    const byId = indexOrders([{ id: orderId, lines, payment }]);
    for (const shipment of shipments) shipment.codAmount = computeCodAmount(shipment, byId);
  }
  return {
    orderedAt: draft.orderedAt,
    orderer: draft.orderer,
    payment,
    amounts,
    lines,
    shipments,
    alerts,
    holdReasons,
    issues,
  };
}

/**
 * Builds a new canonical order from a mall draft (受注作成), with a `mall.import` event that keeps the
 * mall's raw record and the comparable mall content for later re-imports.
 *
 * @example
 * ```ts
 * const { order, issues } = createOrderFromDraft(draft, { clock: systemClock, ids: randomIdGenerator });
 * order.history[0].details.raw; // the mall record as read
 * ```
 */
export function createOrderFromDraft(
  draft: MallOrderDraft,
  ctx: ImportContext,
): { order: Order; issues: Issue[] } {
  const orderId = ctx.ids.newId('order');
  const content = contentFromDraft(draft, orderId, ctx, []);
  const state: OrderState = {
    id: orderId,
    channel: draft.channel,
    shopId: draft.shopId,
    mallOrderNumber: draft.mallOrderNumber,
    orderedAt: content.orderedAt,
    orderer: content.orderer,
    payment: content.payment,
    amounts: content.amounts,
    lines: content.lines,
    shipments: content.shipments,
    status: draft.status,
    axes: {
      allocation: 'unallocated',
      holds: content.holdReasons.map((reason) => ({
        code: UNDECIDED_HOLD,
        reason,
        at: toJapanTimestamp(ctx.clock.now()),
      })),
      deliveryNotePrinted: false,
      labelExported: false,
      mailsSent: [],
      mallSync: draft.status === 'shipped' || draft.status === 'completed' ? 'synced' : 'notSynced',
    },
    alerts: content.alerts,
    tags: [],
    notes: draft.customerNote === undefined ? {} : { customer: draft.customerNote },
    version: 0,
  };
  const outcome = commitOperation(
    [],
    [state],
    { clock: ctx.clock, ids: ctx.ids, actor: ctx.actor ?? 'system:malls.import' },
    'mall.import',
    { channel: draft.channel, source: draft.source, raw: draft.raw, mallView: mallViewOf(draft) },
    { undoable: false },
  );
  return { order: outcome.orders[0] as Order, issues: content.issues };
}

export { UNDECIDED_HOLD };
