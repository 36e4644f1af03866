import { checkPhoneNumber, type Issue } from '@hakobu/core';
import type { Shipment } from '@hakobu/orders';
import type { RemoteIslandList } from '../islands/islands';
import { checkDelivery, type DeliveryCheckOptions, type LeadTimeTable } from '../leadtime/lead-time';
import { checkPostalAddress } from '../postal/check';
import type { PostalDirectory } from '../postal/directory';

/** Options of {@link checkShipments}. */
export interface ShipmentCheckOptions {
  readonly directory: PostalDirectory;
  /** 出荷元の都道府県, for lead times. */
  readonly from: string;
  readonly islands?: RemoteIslandList;
  readonly leadTimes?: LeadTimeTable;
  /** Ship date for shipments without `plannedShipDate`, `YYYY-MM-DD`. */
  readonly shipDate?: string;
  readonly cityAliases?: readonly (readonly [string, string])[];
  /** Business calendar, clock and cut-off for shipments with no ship date (see `checkDelivery`). */
  readonly shipping?: DeliveryCheckOptions['shipping'];
}

/** The alerts of one shipment (伝票ごとのアラート). */
export interface ShipmentAlerts {
  readonly shipmentId: string;
  readonly slipNumber: string;
  readonly issues: Issue[];
}

/**
 * Address and delivery alerts for shipments before labels are printed (出荷前チェック): postal code ↔ address
 * against the directory, the destination phone, 離島, lead time and requested dates too early. Each shipment is
 * checked on its own; a problem in one never stops the others. Issue paths start `['shipments', index]`.
 *
 * @example
 * ```ts
 * const directory = await loadJapanPostDirectory();
 * const alerts = checkShipments(shipments, { directory, from: '東京都', islands: defaultRemoteIslands() });
 * alerts.filter((a) => a.issues.length > 0);
 * ```
 */
export function checkShipments(
  shipments: readonly Shipment[],
  options: ShipmentCheckOptions,
): ShipmentAlerts[] {
  return shipments.map((shipment, index) => {
    const path = ['shipments', index];
    const subject = `伝票${shipment.slipNumber}のお届け先`;
    const d = shipment.destination;
    const postal = checkPostalAddress(options.directory, d.postalCode, d.prefecture, d.address1, {
      path: [...path, 'destination'],
      subject,
      ...(options.cityAliases === undefined ? {} : { cityAliases: options.cityAliases }),
    });
    const phone = checkPhoneNumber(d.phone, { path: [...path, 'destination', 'phone'] }).map((issue) => ({
      ...issue,
      message: `${subject}: ${issue.message}`,
    }));
    const delivery = checkDelivery(shipment, {
      from: options.from,
      ...(options.islands === undefined ? {} : { islands: options.islands }),
      ...(options.leadTimes === undefined ? {} : { leadTimes: options.leadTimes }),
      ...(options.shipDate === undefined ? {} : { shipDate: options.shipDate }),
      ...(options.shipping === undefined ? {} : { shipping: options.shipping }),
    }).issues.map((issue) => ({ ...issue, path: [...path, ...(issue.path ?? [])] }));
    return {
      shipmentId: shipment.id,
      slipNumber: shipment.slipNumber,
      issues: [...postal.issues, ...phone, ...delivery],
    };
  });
}
