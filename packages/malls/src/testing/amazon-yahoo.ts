import { HakobuError, writeCsv } from '@hakobu/core';
import { amazonOrderReportColumns } from '../amazon/tsv';
import { YAHOO_ITEM_FIELDS, YAHOO_ORDER_FIELDS } from '../yahoo/read';
import { type FixtureOrder, type FixturePerson, fixtureTotals } from './fixture';

/** The Amazon order id (3-7-7) of a fixture order. */
export function amazonOrderId(order: FixtureOrder): string {
  return `503-${String(1000000 + order.index).slice(-7)}-${String(7654321 + order.index * 13).slice(-7)}`;
}

const yen = (amount: number) => ({ CurrencyCode: 'JPY', Amount: String(amount) });

/** Amazon has one destination per order: every fixture item goes to the first destination. */
function amazonItems(order: FixtureOrder) {
  return order.destinations.flatMap((destination) => destination.items);
}

/**
 * The amounts an Amazon fixture order bills (no wrapping, no points used; promotions as the coupon).
 *
 * @example
 * ```ts
 * amazonFixtureBilled(fixtureOrder(0)); // items + shipping + 代引手数料 − promotion
 * ```
 */
export function amazonFixtureBilled(order: FixtureOrder): number {
  const totals = fixtureTotals(order);
  return totals.items + totals.shipping + order.codFee - order.coupon;
}

/**
 * An SP-API Orders v0 `Order` for a fixture order (UTC instants, as Amazon sends them).
 *
 * @example
 * ```ts
 * const getOrders = { payload: { Orders: orders.map(amazonOrder) } };
 * ```
 */
export function amazonOrder(order: FixtureOrder): Record<string, unknown> {
  const purchase = new Date(order.orderedAt).toISOString().replace('.000Z', 'Z');
  const person = order.destinations[0]!.person;
  return {
    AmazonOrderId: amazonOrderId(order),
    PurchaseDate: purchase,
    LastUpdateDate: purchase,
    OrderStatus: 'Unshipped',
    FulfillmentChannel: 'MFN',
    SalesChannel: 'Amazon.co.jp',
    ShipServiceLevel: 'Std JP Kanto8',
    OrderTotal: yen(amazonFixtureBilled(order)),
    NumberOfItemsShipped: 0,
    NumberOfItemsUnshipped: amazonItems(order).reduce((sum, item) => sum + item.quantity, 0),
    PaymentMethod: order.payment === 'cod' ? 'COD' : order.payment === 'bank' ? 'CVS' : 'Other',
    PaymentMethodDetails:
      order.payment === 'cod' ? ['COD'] : order.payment === 'bank' ? ['CVS'] : ['CreditCard'],
    MarketplaceId: 'A1VC38T7YXB528',
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: purchase,
    LatestShipDate: purchase,
    IsBusinessOrder: false,
    IsPrime: false,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    ShippingAddress: {
      Name: `${person.familyName} ${person.givenName}`,
      AddressLine1: person.street,
      City: person.city,
      StateOrRegion: person.prefecture,
      PostalCode: `${person.zip1}-${person.zip2}`,
      CountryCode: 'JP',
      Phone: person.phone.join(''),
      AddressType: 'Residential',
    },
    BuyerInfo: {
      BuyerEmail: `${amazonOrderId(order)}@marketplace.amazon.co.jp`,
      BuyerName: `${order.orderer.familyName} ${order.orderer.givenName}`,
    },
  };
}

/**
 * The getOrderItems response of a fixture order: line totals (price × quantity), shipping, promotion and
 * 代引手数料 on the first item, scheduled delivery in UTC when the fixture has a requested date and slot.
 *
 * @example
 * ```ts
 * const items = orders.map(amazonOrderItems);
 * ```
 */
export function amazonOrderItems(order: FixtureOrder): Record<string, unknown> {
  const totals = fixtureTotals(order);
  const items = amazonItems(order);
  const slot = /(\d+)時～(\d+)時/.exec(order.timeSlot);
  return {
    payload: {
      AmazonOrderId: amazonOrderId(order),
      OrderItems: items.map((item, index) => {
        const model: Record<string, unknown> = {
          ASIN: `B0${String(item.sku.length * 1000 + index).padStart(8, '0')}`,
          SellerSKU: item.sku,
          OrderItemId: `${item.lineId}0000`,
          Title: item.name,
          QuantityOrdered: item.quantity,
          QuantityShipped: 0,
          ItemPrice: yen(item.unitPrice * item.quantity),
          ItemTax: yen(0),
          ShippingPrice: yen(index === 0 ? totals.shipping : 0),
          PromotionDiscount: yen(index === 0 ? order.coupon : 0),
          IsGift: 'false',
          ConditionId: 'New',
        };
        if (index === 0 && order.codFee > 0) {
          model.CODFee = yen(order.codFee);
          model.CODFeeDiscount = yen(0);
        }
        if (order.requestedDate !== undefined && slot !== null) {
          const start = new Date(`${order.requestedDate}T${slot[1]!.padStart(2, '0')}:00:00+09:00`);
          const end = new Date(`${order.requestedDate}T${slot[2]!.padStart(2, '0')}:00:00+09:00`);
          model.ScheduledDeliveryStartDate = start.toISOString().replace('.000Z', 'Z');
          model.ScheduledDeliveryEndDate = end.toISOString().replace('.000Z', 'Z');
        }
        return model;
      }),
    },
  };
}

/**
 * The Amazon order report TSV of fixture orders (UTF-8, dates in GMT). `withPrices: false` leaves out the
 * price columns, as the Unshipped Orders report does.
 *
 * @example
 * ```ts
 * const tsv = amazonOrderReportTsv(orders, { withPrices: true });
 * ```
 */
export function amazonOrderReportTsv(
  orders: readonly FixtureOrder[],
  options: { withPrices?: boolean } = {},
): string {
  const withPrices = options.withPrices ?? true;
  const priceKeys = new Set([
    'itemPrice',
    'shippingPrice',
    'itemPromotionDiscount',
    'shipPromotionDiscount',
    'codCollectible',
    'alreadyPaid',
  ]);
  const columns = amazonOrderReportColumns.filter((column) => withPrices || !priceKeys.has(column.key));
  const rows: string[][] = [
    columns.map((column) => (typeof column.header === 'string' ? column.header : column.header[0])),
  ];
  for (const order of orders) {
    const model = amazonOrder(order);
    const itemsResponse = amazonOrderItems(order).payload as { OrderItems: Record<string, unknown>[] };
    const address = model.ShippingAddress as Record<string, string>;
    const billed = amazonFixtureBilled(order);
    for (const item of itemsResponse.OrderItems) {
      const amount = (field: string) =>
        String((item[field] as { Amount: string } | undefined)?.Amount ?? '0');
      const values: Record<string, string> = {
        orderId: String(model.AmazonOrderId),
        orderItemId: String(item.OrderItemId),
        purchaseDate: String(model.PurchaseDate).replace('Z', '+00:00'),
        buyerEmail: String((model.BuyerInfo as Record<string, string>).BuyerEmail),
        buyerName: String((model.BuyerInfo as Record<string, string>).BuyerName),
        buyerPhone: address.Phone ?? '',
        sku: String(item.SellerSKU),
        productName: String(item.Title),
        quantity: String(item.QuantityOrdered),
        itemPrice: amount('ItemPrice'),
        shippingPrice: amount('ShippingPrice'),
        itemPromotionDiscount: amount('PromotionDiscount'),
        shipPromotionDiscount: '0',
        recipientName: address.Name ?? '',
        address1: address.AddressLine1 ?? '',
        address2: '',
        address3: '',
        city: address.City ?? '',
        prefecture: address.StateOrRegion ?? '',
        postalCode: address.PostalCode ?? '',
        phone: address.Phone ?? '',
        paymentMethod: String(model.PaymentMethod),
        codCollectible: order.payment === 'cod' ? String(billed) : '0',
        alreadyPaid: order.payment === 'cod' ? '0' : String(billed),
        paymentMethodFee: item === itemsResponse.OrderItems[0] ? String(order.codFee) : '0',
        scheduledStart: String(item.ScheduledDeliveryStartDate ?? ''),
        scheduledEnd: String(item.ScheduledDeliveryEndDate ?? ''),
      };
      rows.push(columns.map((column) => values[column.key] ?? ''));
    }
  }
  return `${rows.map((row) => row.join('\t')).join('\r\n')}\r\n`;
}

const YAHOO_PAY = {
  card: ['payment_a1', 'クレジットカード決済'],
  cod: ['payment_d1', '商品代引'],
  bank: ['payment_b1', '銀行振込'],
} as const;

/** The Yahoo! order id of a fixture order: `<store>-<number>`. */
export function yahooOrderId(order: FixtureOrder): string {
  return `teststore-${10000001 + order.index}`;
}

function billFields(person: FixturePerson, prefix: 'Bill' | 'Ship'): Record<string, string> {
  const fields: Record<string, string> = {
    [`${prefix}LastName`]: person.familyName,
    [`${prefix}FirstName`]: person.givenName,
    [`${prefix}LastNameKana`]: person.familyNameKana,
    [`${prefix}FirstNameKana`]: person.givenNameKana,
    [`${prefix}ZipCode`]: `${person.zip1}${person.zip2}`,
    [`${prefix}Prefecture`]: person.prefecture,
    [`${prefix}City`]: person.city,
    [`${prefix}Address1`]: person.street,
    [`${prefix}Address2`]: '',
    [`${prefix}PhoneNumber`]: person.phone.join(''),
  };
  if (prefix === 'Bill') fields.BillMailAddress = person.email;
  return fields;
}

/**
 * A Yahoo! orderInfo `OrderInfo` (as an XML parser returns it: every value a string) for a fixture order;
 * one destination, the fixture's items. `singleItemAsObject` reproduces the XML quirk of a single `Item`
 * element converted to an object instead of a list.
 *
 * @example
 * ```ts
 * const parsed = { ResultSet: { Result: { OrderInfo: yahooOrderInfo(fixtureOrder(2)) } } };
 * ```
 */
export function yahooOrderInfo(
  order: FixtureOrder,
  options: { singleItemAsObject?: boolean } = {},
): Record<string, unknown> {
  const totals = fixtureTotals(order);
  const items = order.destinations.flatMap((destination) => destination.items);
  const [method, name] = YAHOO_PAY[order.payment];
  const itemList = items.map((item, index) => ({
    LineId: String(index + 1),
    ItemId: item.itemCode,
    Title: item.name,
    SubCode: item.sku,
    SubCodeOption: '',
    ItemOption: '',
    UnitPrice: String(item.unitPrice),
    Quantity: String(item.quantity),
    ItemTaxRatio: String(item.taxRate),
  }));
  return {
    OrderId: yahooOrderId(order),
    OrderTime: order.orderedAt,
    OrderStatus: '2',
    BuyerComments: order.remarks,
    Pay: { PayStatus: '0', PayMethod: method, PayMethodName: name, ...billFields(order.orderer, 'Bill') },
    Ship: {
      ShipStatus: '1',
      ShipRequestDate: order.requestedDate?.replaceAll('-', '') ?? '',
      ShipRequestTime: order.timeSlot,
      ShipCompanyCode: '',
      ShipInvoiceNumber1: '',
      ShipInvoiceNumber2: '',
      GiftWrapName: order.wrapping > 0 ? 'ギフト包装' : '',
      ...billFields(order.destinations[0]!.person, 'Ship'),
    },
    Detail: {
      PayCharge: String(order.codFee),
      ShipCharge: String(totals.shipping),
      GiftWrapCharge: String(order.wrapping),
      Discount: String(order.coupon),
      UsePoint: String(order.points),
      TotalPrice: String(totals.billed),
    },
    Item: options.singleItemAsObject === true && itemList.length === 1 ? itemList[0] : itemList,
  };
}

/**
 * The Yahoo! order CSV of fixture orders, one row per item, headers = orderInfo field names, CP932.
 *
 * @example
 * ```ts
 * const bytes = yahooOrderCsv([fixtureOrder(0), fixtureOrder(1)]);
 * ```
 */
export function yahooOrderCsv(orders: readonly FixtureOrder[]): Uint8Array {
  const header = [...YAHOO_ORDER_FIELDS, ...YAHOO_ITEM_FIELDS];
  const rows: string[][] = [header];
  for (const order of orders) {
    const info = yahooOrderInfo(order);
    const flat: Record<string, unknown> = {
      ...info,
      ...(info.Pay as object),
      ...(info.Ship as object),
      ...(info.Detail as object),
    };
    for (const item of info.Item as Record<string, string>[]) {
      const values: Record<string, unknown> = { ...flat, ...item };
      rows.push(header.map((field) => String(values[field] ?? '')));
    }
  }
  const written = writeCsv(rows, { formulaGuard: false, encoding: 'cp932' });
  if (!written.ok)
    throw new HakobuError(
      'malls.fixture_unencodable',
      written.issues.map((issue) => issue.message).join('\n'),
    );
  return written.value.bytes;
}
