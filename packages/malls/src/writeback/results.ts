import { createIssue, type Issue } from '@hakobu/core';
import type { Order, Party, Shipment } from '@hakobu/orders';
import { lastMallView } from '../pipeline/reconcile';

/** One parcel to report for one mall order (発送実績): its shipment, tracking number and the lines of that order. */
export interface ParcelResult {
  readonly shipment: Shipment;
  readonly trackingNumber: string;
  /** The mall's destination id (楽天 basketId, EC-CUBE 出荷ID) this parcel goes to, when known. */
  readonly mallShipmentId: string | undefined;
  /** The lines of this mall order in the parcel: the mall line id and quantity. */
  readonly lines: { mallLineId: string; quantity: number }[];
}

/** The shipment results of one mall order: every parcel that carries any of its lines. */
export interface OrderShipmentResults {
  readonly order: Order;
  readonly parcels: ParcelResult[];
}

function sameDestination(a: Party, b: Party): boolean {
  return (
    a.name === b.name &&
    a.postalCode.replace('-', '') === b.postalCode.replace('-', '') &&
    a.address1 === b.address1
  );
}

/**
 * Collects what to report to a mall (発送実績の収集): for every order of `channel`, every shipped shipment
 * (in any order of the set, so a 同梱 parent's parcel is reported to each child order it carries) with a
 * tracking number, one parcel per tracking number (a split order reports every number). Shipments without
 * a tracking number are listed as `malls.writeback.no_tracking` warnings.
 *
 * @example
 * ```ts
 * const results = collectShipmentResults([parent, child], 'rakuten');
 * results.results.map((r) => r.parcels.length); // [1, 1]: the parent's parcel, reported to both
 * ```
 */
export function collectShipmentResults(
  orders: readonly Order[],
  channel: string,
): { results: OrderShipmentResults[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const results: OrderShipmentResults[] = [];
  for (const order of orders) {
    if (order.channel !== channel) continue;
    const view = lastMallView(order);
    const parcels: ParcelResult[] = [];
    for (const holder of orders) {
      for (const shipment of holder.shipments) {
        if (shipment.state === 'cancelled') continue;
        const refs = shipment.lines.filter((ref) => ref.orderId === order.id);
        if (refs.length === 0) continue;
        if (shipment.trackingNumbers.length === 0) {
          if (shipment.state === 'shipped') {
            issues.push(
              createIssue(
                'malls.writeback.no_tracking',
                `伝票${shipment.slipNumber}にお問い合わせ番号がないため、受注${order.mallOrderNumber}に発送実績を送れません`,
                {
                  severity: 'warning',
                  data: { orderId: order.id, shipmentId: shipment.id },
                },
              ),
            );
          }
          continue;
        }
        const mallShipmentId =
          view?.shipments.find((s) => sameDestination(s.destination, shipment.destination))?.mallShipmentId ??
          view?.shipments[0]?.mallShipmentId;
        const lines = refs.map((ref) => ({
          mallLineId: ref.lineId.slice(order.id.length + 1),
          quantity: ref.quantity,
        }));
        for (const trackingNumber of shipment.trackingNumbers) {
          parcels.push({ shipment, trackingNumber, mallShipmentId, lines });
        }
      }
    }
    if (parcels.length > 0) results.push({ order, parcels });
  }
  return { results, issues };
}

/** The ship date of a parcel: the shipment's 出荷日, else its planned date, else `fallback`. */
export function shipDateOf(shipment: Shipment, fallback: string): string {
  return shipment.shippedOn ?? shipment.plannedShipDate ?? fallback;
}
