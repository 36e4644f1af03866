import { type CsvWritten, createIssue, fail, type Issue, ok, type Result, writeCsv } from '@hakobu/core';
import type { Order } from '@hakobu/orders';
import {
  carrierNames,
  rakutenCarrierCodes,
  shopifyTrackingCompanies,
  yahooCarrierCodes,
} from '../mapping/carrier';
import { escapeXml } from '../yahoo/xml';
import { collectShipmentResults, shipDateOf } from './results';

/** Options common to shipment write-back: the date used when a shipment has no 出荷日. */
export interface WriteBackOptions {
  /** `YYYY-MM-DD` for parcels without shippedOn / plannedShipDate (usually today in Japan time). */
  readonly today: string;
}

/** One 楽天 updateOrderShipping request body (発送情報登録), one per order. */
export interface RakutenUpdateOrderShippingBody {
  orderNumber: string;
  BasketidModelList: {
    basketId: number;
    ShippingModelList: { deliveryCompany: string; shippingNumber: string; shippingDate: string }[];
  }[];
}

/** At most 20 parcels per 送付先 in one updateOrderShipping call (reference/malls.md §1.6). */
export const RAKUTEN_MAX_PARCELS_PER_BASKET = 20;

/**
 * Builds 楽天 updateOrderShipping request bodies (発送完了報告) from shipped orders: one body per order, one
 * BasketidModel per 送付先 (basketId from the import), one parcel per tracking number with the 配送会社
 * code (1000 その他 when the carrier has no code). A 同梱 parcel is reported to every order it carries. An
 * order whose 送付先 would get more than 20 parcels, or whose basketId is unknown, is left out with an error.
 *
 * @example
 * ```ts
 * const { bodies, issues } = rakutenShippingBodies(shippedOrders, { today: '2026-11-28' });
 * for (const body of bodies) await transport.send(rakutenUpdateOrderShippingRequest(config, body));
 * ```
 */
export function rakutenShippingBodies(
  orders: readonly Order[],
  options: WriteBackOptions & {
    readonly channel?: string;
    readonly carrierCodes?: Readonly<Record<string, string>>;
  },
): { bodies: RakutenUpdateOrderShippingBody[]; issues: Issue[] } {
  const { results, issues } = collectShipmentResults(orders, options.channel ?? 'rakuten');
  const codes = options.carrierCodes ?? rakutenCarrierCodes;
  const bodies: RakutenUpdateOrderShippingBody[] = [];
  for (const { order, parcels } of results) {
    const baskets = new Map<string, RakutenUpdateOrderShippingBody['BasketidModelList'][number]>();
    let refused = false;
    for (const parcel of parcels) {
      if (parcel.mallShipmentId === undefined || !/^\d+$/.test(parcel.mallShipmentId)) {
        issues.push(
          createIssue(
            'malls.writeback.unknown_basket',
            `受注${order.mallOrderNumber}の送付先ID (basketId) が不明なため発送情報を作れません`,
            { data: { orderId: order.id } },
          ),
        );
        refused = true;
        break;
      }
      let basket = baskets.get(parcel.mallShipmentId);
      if (basket === undefined) {
        basket = { basketId: Number(parcel.mallShipmentId), ShippingModelList: [] };
        baskets.set(parcel.mallShipmentId, basket);
      }
      basket.ShippingModelList.push({
        deliveryCompany: codes[parcel.shipment.carrier ?? ''] ?? '1000',
        shippingNumber: parcel.trackingNumber,
        shippingDate: shipDateOf(parcel.shipment, options.today),
      });
    }
    for (const basket of baskets.values()) {
      if (basket.ShippingModelList.length > RAKUTEN_MAX_PARCELS_PER_BASKET) {
        issues.push(
          createIssue(
            'malls.writeback.too_many_parcels',
            `受注${order.mallOrderNumber}の送付先${basket.basketId}は${basket.ShippingModelList.length}個口で、楽天の上限20個を超えています`,
            {
              data: {
                orderId: order.id,
                basketId: basket.basketId,
                parcels: basket.ShippingModelList.length,
              },
            },
          ),
        );
        refused = true;
      }
    }
    if (!refused)
      bodies.push({ orderNumber: order.mallOrderNumber, BasketidModelList: [...baskets.values()] });
  }
  return { bodies, issues };
}

/**
 * Builds Yahoo!ショッピング orderShipStatusChange request bodies (出荷ステータス変更, XML): ShipStatus 3
 * (出荷済み), ShipCompanyCode (1000 その他 when the carrier has no code; only 1001/1002 are confirmed, pass
 * your table), the first two tracking numbers as ShipInvoiceNumber1/2 (more are reported as a warning),
 * ShipDate `YYYYMMDD`, IsPointFix.
 *
 * @example
 * ```ts
 * const { bodies } = yahooShipStatusBodies(shipped, { sellerId: 'mystore', today: '2026-11-28' });
 * bodies[0].xml; // '<Req><Target><OrderId>mystore-10000001</OrderId>…'
 * ```
 */
export function yahooShipStatusBodies(
  orders: readonly Order[],
  options: WriteBackOptions & {
    readonly sellerId: string;
    readonly channel?: string;
    readonly carrierCodes?: Readonly<Record<string, string>>;
    readonly isPointFix?: boolean;
  },
): { bodies: { orderId: string; xml: string }[]; issues: Issue[] } {
  const { results, issues } = collectShipmentResults(orders, options.channel ?? 'yahoo');
  const codes = options.carrierCodes ?? yahooCarrierCodes;
  const bodies = results.map(({ order, parcels }) => {
    if (parcels.length > 2) {
      issues.push(
        createIssue(
          'malls.writeback.extra_tracking_numbers',
          `受注${order.mallOrderNumber}のお問い合わせ番号は${parcels.length}件ありますが、Yahoo!には2件まで送れます`,
          {
            severity: 'warning',
            data: { orderId: order.id, trackingNumbers: parcels.map((p) => p.trackingNumber) },
          },
        ),
      );
    }
    const first = parcels[0]!;
    const date = shipDateOf(first.shipment, options.today).replaceAll('-', '');
    const xml =
      `<Req><Target><OrderId>${escapeXml(order.mallOrderNumber)}</OrderId><IsPointFix>${options.isPointFix ?? true}</IsPointFix></Target>` +
      `<Order><Ship><ShipStatus>3</ShipStatus><ShipCompanyCode>${codes[first.shipment.carrier ?? ''] ?? '1000'}</ShipCompanyCode>` +
      `<ShipInvoiceNumber1>${escapeXml(first.trackingNumber)}</ShipInvoiceNumber1>` +
      `<ShipInvoiceNumber2>${escapeXml(parcels[1]?.trackingNumber ?? '')}</ShipInvoiceNumber2>` +
      `<ShipDate>${date}</ShipDate></Ship></Order><SellerId>${escapeXml(options.sellerId)}</SellerId></Req>`;
    return { orderId: order.mallOrderNumber, xml };
  });
  return { bodies, issues };
}

/** An SP-API confirmShipment request body (出荷通知). */
export interface AmazonConfirmShipmentBody {
  marketplaceId: string;
  codCollectionMethod?: 'DirectPayment';
  packageDetail: {
    packageReferenceId: string;
    carrierCode: string;
    carrierName?: string;
    shippingMethod?: string;
    trackingNumber: string;
    shipDate: string;
    orderItems: { orderItemId: string; quantity: number }[];
  };
}

/**
 * Builds Amazon SP-API confirmShipment bodies, one per parcel: carrierCode from `carrierCodes` or `Other`
 * with the Japanese carrier name (the JP code list is unconfirmed), the order items and quantities in the
 * parcel, shipDate at 09:00 Japan time of the ship date, `DirectPayment` for 代金引換.
 *
 * @example
 * ```ts
 * const { bodies } = amazonConfirmShipmentBodies(shipped, { marketplaceId: 'A1VC38T7YXB528', today: '2026-11-28' });
 * // POST /orders/v0/orders/{bodies[0].orderId}/shipmentConfirmation with bodies[0].body
 * ```
 */
export function amazonConfirmShipmentBodies(
  orders: readonly Order[],
  options: WriteBackOptions & {
    readonly marketplaceId: string;
    readonly channel?: string;
    readonly carrierCodes?: Readonly<Record<string, string>>;
  },
): { bodies: { orderId: string; body: AmazonConfirmShipmentBody }[]; issues: Issue[] } {
  const { results, issues } = collectShipmentResults(orders, options.channel ?? 'amazon');
  const bodies = results.flatMap(({ order, parcels }) =>
    parcels.map((parcel, index) => {
      const carrier = parcel.shipment.carrier ?? '';
      const code = options.carrierCodes?.[carrier];
      const body: AmazonConfirmShipmentBody = {
        marketplaceId: options.marketplaceId,
        packageDetail: {
          packageReferenceId: `${parcel.shipment.slipNumber}-${index + 1}`,
          carrierCode: code ?? 'Other',
          trackingNumber: parcel.trackingNumber,
          shipDate: `${shipDateOf(parcel.shipment, options.today)}T09:00:00+09:00`,
          orderItems: parcel.lines.map((line) => ({ orderItemId: line.mallLineId, quantity: line.quantity })),
        },
      };
      if (code === undefined) body.packageDetail.carrierName = carrierNames[carrier] ?? (carrier || 'その他');
      if (parcel.shipment.service !== undefined) body.packageDetail.shippingMethod = parcel.shipment.service;
      if (order.payment.method === 'cod') body.codCollectionMethod = 'DirectPayment';
      return { orderId: order.mallOrderNumber, body };
    }),
  );
  return { bodies, issues };
}

/**
 * Writes the Amazon shipping-confirmation flat file (出荷通知ファイル, TemplateType=OrderFulfillment, TSV with
 * the three header rows of the JP template): one row per parcel and order item, carrier-code `Other` +
 * carrier-name unless `carrierCodes` names a code, 代金引換 rows with `DirectPayment`. UTF-8 unless
 * `encoding` says otherwise.
 *
 * @example
 * ```ts
 * const file = amazonShipConfirmFile(shipped, { today: '2026-11-28' });
 * if (file.ok) await upload(file.value.bytes);
 * ```
 */
export function amazonShipConfirmFile(
  orders: readonly Order[],
  options: WriteBackOptions & {
    readonly channel?: string;
    readonly carrierCodes?: Readonly<Record<string, string>>;
    readonly encoding?: 'utf-8' | 'cp932';
  },
): Result<CsvWritten> {
  const { bodies, issues } = amazonConfirmShipmentBodies(orders, { ...options, marketplaceId: '' });
  const rows: string[][] = [
    [
      'TemplateType=OrderFulfillment',
      'Version=2011.1102',
      'この行はAmazonが使用しますので変更や削除しないでください。',
    ],
    [
      '注文番号',
      '注文商品番号',
      '出荷数',
      '出荷日',
      '配送業者コード',
      '配送業者名',
      'お問い合わせ伝票番号',
      '配送方法',
      '代金引換',
    ],
    [
      'order-id',
      'order-item-id',
      'quantity',
      'ship-date',
      'carrier-code',
      'carrier-name',
      'tracking-number',
      'ship-method',
      'cod-collection-method',
    ],
  ];
  for (const { orderId, body } of bodies) {
    const p = body.packageDetail;
    for (const item of p.orderItems) {
      rows.push([
        orderId,
        item.orderItemId,
        String(item.quantity),
        p.shipDate.slice(0, 10),
        p.carrierCode,
        p.carrierName ?? '',
        p.trackingNumber,
        p.shippingMethod ?? '',
        body.codCollectionMethod ?? '',
      ]);
    }
  }
  const written = writeCsv(rows, {
    formulaGuard: false,
    delimiter: '\t',
    encoding: options.encoding ?? 'utf-8',
  });
  return withIssues(written, issues);
}

/** A Shopify `FulfillmentInput` for the GraphQL `fulfillmentCreate` mutation (発送登録). */
export interface ShopifyFulfillmentInput {
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[];
  notifyCustomer: boolean;
  trackingInfo: { company: string; numbers: string[] };
}

/**
 * Builds Shopify `fulfillmentCreate` inputs, one per shipment: the whole fulfillment order(s) of the mall
 * order (ids from `fulfillmentOrderIds`, which the host reads from Shopify), the tracking company
 * (`Yamato (JA)` …, the carrier's Japanese name otherwise) and every tracking number of the shipment.
 *
 * @example
 * ```ts
 * const { inputs } = shopifyFulfillmentInputs(shipped, { fulfillmentOrderIds: (order) => ids.get(order.mallOrderNumber) ?? [] });
 * ```
 */
export function shopifyFulfillmentInputs(
  orders: readonly Order[],
  options: {
    readonly fulfillmentOrderIds: (order: Order) => readonly string[];
    readonly channel?: string;
    readonly notifyCustomer?: boolean;
  },
): { inputs: { orderNumber: string; input: ShopifyFulfillmentInput }[]; issues: Issue[] } {
  const { results, issues } = collectShipmentResults(orders, options.channel ?? 'shopify');
  const inputs: { orderNumber: string; input: ShopifyFulfillmentInput }[] = [];
  for (const { order, parcels } of results) {
    const ids = options.fulfillmentOrderIds(order);
    if (ids.length === 0) {
      issues.push(
        createIssue(
          'malls.writeback.no_fulfillment_order',
          `受注${order.mallOrderNumber}のShopify fulfillment order IDがありません`,
          { data: { orderId: order.id } },
        ),
      );
      continue;
    }
    const byShipment = new Map<string, string[]>();
    const carriers = new Map<string, string>();
    for (const parcel of parcels) {
      byShipment.set(parcel.shipment.id, [
        ...(byShipment.get(parcel.shipment.id) ?? []),
        parcel.trackingNumber,
      ]);
      carriers.set(parcel.shipment.id, parcel.shipment.carrier ?? '');
    }
    for (const [shipmentId, numbers] of byShipment) {
      const carrier = carriers.get(shipmentId) ?? '';
      inputs.push({
        orderNumber: order.mallOrderNumber,
        input: {
          lineItemsByFulfillmentOrder: ids.map((fulfillmentOrderId) => ({ fulfillmentOrderId })),
          notifyCustomer: options.notifyCustomer ?? false,
          trackingInfo: {
            company: shopifyTrackingCompanies[carrier] ?? carrierNames[carrier] ?? carrier,
            numbers,
          },
        },
      });
    }
  }
  return { inputs, issues };
}

/**
 * Writes the EC-CUBE 4 出荷CSV upload (出荷ID, お問い合わせ番号, 出荷日) from shipped orders; 出荷ID is the
 * one read from the 受注CSV. CP932 by default.
 *
 * @example
 * ```ts
 * const file = eccubeShippingCsv(shipped, { today: '2026-11-28' });
 * ```
 */
export function eccubeShippingCsv(
  orders: readonly Order[],
  options: WriteBackOptions & { readonly channel?: string; readonly encoding?: 'cp932' | 'utf-8' },
): Result<CsvWritten> {
  const { results, issues } = collectShipmentResults(orders, options.channel ?? 'eccube');
  const rows: string[][] = [['出荷ID', 'お問い合わせ番号', '出荷日']];
  for (const { order, parcels } of results) {
    for (const parcel of parcels) {
      if (parcel.mallShipmentId === undefined) {
        issues.push(
          createIssue(
            'malls.writeback.unknown_shipping_id',
            `受注${order.mallOrderNumber}の出荷IDが不明です`,
            { data: { orderId: order.id } },
          ),
        );
        continue;
      }
      rows.push([parcel.mallShipmentId, parcel.trackingNumber, shipDateOf(parcel.shipment, options.today)]);
    }
  }
  const written = writeCsv(rows, { formulaGuard: false, encoding: options.encoding ?? 'cp932' });
  return withIssues(written, issues);
}

function withIssues(written: Result<CsvWritten>, issues: readonly Issue[]): Result<CsvWritten> {
  const all = [...issues, ...written.issues];
  return written.ok ? ok(written.value, all) : fail(all);
}
