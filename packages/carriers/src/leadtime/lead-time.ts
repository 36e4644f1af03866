import {
  addDays,
  type BusinessCalendarConfigInput,
  type Clock,
  createIssue,
  findPrefecture,
  type Issue,
  nextShipDate,
  type PlainDate,
  type ShipDateOptions,
} from '@hakobu/core';
import type { Shipment } from '@hakobu/orders';
import type { RemoteIslandList } from '../islands/islands';

/**
 * The lead-time port (お届け日数表): days from ship date to the earliest delivery between two prefectures
 * (1 = 翌日). Replace {@link approximateLeadTimes} per carrier with the carrier's own table.
 */
export interface LeadTimeTable {
  readonly name: string;
  days(from: string, to: string): number | undefined;
}

// Regions: 0 北海道, 1 東北, 2 関東, 3 信越, 4 北陸, 5 中部, 6 近畿, 7 中国, 8 四国, 9 九州, 10 沖縄.
const REGION_OF_PREFECTURE = [
  0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 4, 4, 4, 2, 3, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 8,
  8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 10,
];
const REGION_DAYS = [
  [1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3],
  [2, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3],
  [2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3],
  [2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3],
  [2, 2, 1, 1, 1, 1, 1, 1, 2, 2, 3],
  [2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3],
  [2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 3],
  [3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 3],
  [3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 3],
  [3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 2],
  [3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 1],
];

/**
 * An approximate prefecture-to-prefecture table (概算お届け日数), by region (北海道, 東北, 関東, 信越, 北陸, 中部,
 * 近畿, 中国, 四国, 九州, 沖縄): 1 within and between neighbouring regions, 2–3 for distant ones. No carrier publishes
 * a static table (reference/carriers.md §5.2); this is a default for alerts, not a promise.
 *
 * @example
 * ```ts
 * approximateLeadTimes.days('東京都', '福岡県'); // 2
 * ```
 */
export const approximateLeadTimes: LeadTimeTable = {
  name: 'approximate-by-region',
  days(from, to) {
    const a = findPrefecture(from);
    const b = findPrefecture(to);
    if (a === undefined || b === undefined) return undefined;
    return REGION_DAYS[REGION_OF_PREFECTURE[Number(a.code) - 1]!]![REGION_OF_PREFECTURE[Number(b.code) - 1]!];
  },
};

/** Options of {@link checkDelivery}. */
export interface DeliveryCheckOptions {
  /** The shipping warehouse's prefecture (出荷元). */
  readonly from: string;
  readonly leadTimes?: LeadTimeTable;
  readonly islands?: RemoteIslandList;
  /** Extra days for a 離島. Default 1. */
  readonly islandExtraDays?: number;
  /** Ship date when the shipment has no `plannedShipDate`. */
  readonly shipDate?: PlainDate;
  /**
   * When neither is known: the shop's business calendar (営業日カレンダー), the clock and the cut-off, to take the
   * next ship date from now with core's `nextShipDate`.
   */
  readonly shipping?: {
    readonly calendar: BusinessCalendarConfigInput;
    readonly clock: Clock;
    readonly options: ShipDateOptions;
  };
  /** Carrier id for carrier-specific island entries. */
  readonly carrier?: string;
}

function nextShipDateOf(shipping: DeliveryCheckOptions['shipping']): PlainDate | undefined {
  if (shipping === undefined) return undefined;
  const date = nextShipDate(shipping.calendar, shipping.clock.now(), shipping.options);
  return date.ok ? date.value : undefined;
}

/** The outcome of {@link checkDelivery}: days, the earliest date, and the alerts. */
export interface DeliveryCheck {
  readonly days: number | undefined;
  readonly remoteIsland: boolean;
  readonly earliestDate: PlainDate | undefined;
  readonly issues: Issue[];
}

/**
 * Delivery alerts for a shipment (配送日数アラート): a 離島 destination (`carrier.remote_island`), a destination two
 * or more days away (`carrier.lead_time.long`, info), and a requested date earlier than the earliest possible
 * from the planned ship date (`carrier.lead_time.too_early`, warning). The ship date is the shipment's
 * `plannedShipDate`, else `shipDate`, else the next ship date on the shop's business calendar (`shipping`).
 * Carriers deliver every day, so the lead time itself is counted in calendar days.
 *
 * @example
 * ```ts
 * checkDelivery(shipment, { from: '東京都', islands: defaultRemoteIslands() }).issues.map((i) => i.code);
 * // ['carrier.remote_island', 'carrier.lead_time.long', 'carrier.lead_time.too_early']
 * ```
 */
export function checkDelivery(shipment: Shipment, options: DeliveryCheckOptions): DeliveryCheck {
  const table = options.leadTimes ?? approximateLeadTimes;
  const issues: Issue[] = [];
  const where = `伝票${shipment.slipNumber}`;
  const data = { shipmentId: shipment.id };
  const postal = shipment.destination.postalCode.replace(/-/g, '');
  const island = options.islands?.find(postal, options.carrier ?? shipment.carrier);
  if (island !== undefined) {
    issues.push(
      createIssue(
        'carrier.remote_island',
        `${where}のお届け先は離島（${island.place}）です。日数・追加料金を確認してください`,
        {
          severity: 'warning',
          path: ['destination', 'postalCode'],
          data: { ...data, place: island.place, source: island.source },
        },
      ),
    );
  }
  const base = table.days(options.from, shipment.destination.prefecture);
  const days =
    base === undefined ? undefined : base + (island === undefined ? 0 : (options.islandExtraDays ?? 1));
  if (days !== undefined && days >= 2) {
    issues.push(
      createIssue('carrier.lead_time.long', `${where}のお届けには${days}日程度かかります（${table.name}）`, {
        severity: 'info',
        path: ['destination', 'prefecture'],
        data: { ...data, days },
      }),
    );
  }
  const shipDate = shipment.plannedShipDate ?? options.shipDate ?? nextShipDateOf(options.shipping);
  const earliestDate = shipDate !== undefined && days !== undefined ? addDays(shipDate, days) : undefined;
  if (
    earliestDate !== undefined &&
    shipment.requestedDate !== undefined &&
    shipment.requestedDate < earliestDate
  ) {
    issues.push(
      createIssue(
        'carrier.lead_time.too_early',
        `${where}のお届け希望日${shipment.requestedDate}には間に合いません（出荷${shipDate}、最短${earliestDate}）`,
        {
          severity: 'warning',
          path: ['requestedDate'],
          data: { ...data, requestedDate: shipment.requestedDate, earliestDate },
        },
      ),
    );
  }
  return { days, remoteIsland: island !== undefined, earliestDate, issues };
}
