import { HakobuError, writeCsv } from '@hakobu/core';
import { rakutenOrderCsvColumns } from '../rakuten/csv';
import { type FixtureOrder, type FixturePerson, fixtureTotals } from './fixture';

const TERMS: Readonly<Record<string, number>> = {
  '': 0,
  午前中: 1,
  '12時～14時': 1214,
  '14時～16時': 1416,
  '19時～21時': 1921,
};

/** The 楽天 order number of a fixture order: `<shop>-<yyyymmdd>-<10 digits>`. */
export function rakutenOrderNumber(order: FixtureOrder, shop = '360238'): string {
  return `${shop}-${order.orderedAt.slice(0, 10).replaceAll('-', '')}-${String(order.index).padStart(10, '0')}`;
}

function personModel(person: FixturePerson, orderer: boolean): Record<string, unknown> {
  const model: Record<string, unknown> = {
    zipCode1: person.zip1,
    zipCode2: person.zip2,
    prefecture: person.prefecture,
    city: person.city,
    subAddress: person.street,
    familyName: person.familyName,
    firstName: person.givenName,
    familyNameKana: person.familyNameKana,
    firstNameKana: person.givenNameKana,
    phoneNumber1: person.phone[0],
    phoneNumber2: person.phone[1],
    phoneNumber3: person.phone[2],
  };
  if (orderer)
    Object.assign(model, {
      emailAddress: person.email.replace('@example.jp', '@pc.fw.rakuten.ne.jp'),
      sex: '-',
      birthYear: 0,
      birthMonth: 0,
      birthDay: 0,
    });
  else model.isolatedIslandFlag = 0;
  return model;
}

const PAYMENT = { card: [1, 'クレジットカード'], cod: [2, '代金引換'], bank: [9, '銀行振込'] } as const;

/**
 * A 楽天 getOrder `OrderModel` (version 7) for a fixture order, with the field names of reference/malls.md
 * §1.3. `undecidedPostage` writes the shipping fee as `-9999` (未確定).
 *
 * @example
 * ```ts
 * const model = rakutenOrderModel(fixtureOrder(3));
 * model.PackageModelList.length; // 2 for an order with two 送付先
 * ```
 */
export function rakutenOrderModel(
  order: FixtureOrder,
  options: {
    undecidedPostage?: boolean;
    orderProgress?: number;
    shipped?: { number: string; date: string };
  } = {},
): Record<string, unknown> & { PackageModelList: Record<string, unknown>[] } {
  const totals = fixtureTotals(order);
  const [code, name] = PAYMENT[order.payment];
  const undecided = options.undecidedPostage === true;
  const packages = order.destinations.map((destination) => ({
    basketId: Number(destination.id),
    postagePrice: undecided ? -9999 : destination.shipping,
    postageTaxRate: 0.1,
    deliveryPrice: destination === order.destinations[0] ? order.codFee : 0,
    deliveryTaxRate: 0.1,
    goodsTax: 0,
    goodsPrice: destination.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0),
    totalPrice:
      destination.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0) + destination.shipping,
    noshi: order.noshi ?? null,
    packageDeleteFlag: 0,
    defaultDeliveryCompanyCode: '1001',
    SenderModel: personModel(destination.person, false),
    ItemModelList: destination.items.map((item) => ({
      itemDetailId: Number(item.lineId),
      itemName: item.name,
      itemId: 10000000 + item.name.length,
      itemNumber: item.itemCode,
      manageNumber: item.itemCode,
      price: item.unitPrice,
      units: item.quantity,
      includePostageFlag: 0,
      includeTaxFlag: 1,
      includeCashOnDeliveryPostageFlag: 0,
      selectedChoice: null,
      pointRate: 1,
      pointType: 0,
      inventoryType: 2,
      delvdateInfo: '3営業日以内に発送',
      restoreInventoryFlag: 0,
      dealFlag: 0,
      drugFlag: 0,
      deleteItemFlag: 0,
      taxRate: item.taxRate / 100,
      priceTaxIncl: item.unitPrice,
      isSingleItemShipping: 0,
      SkuModelList: [
        { variantId: `v-${item.sku.toLowerCase()}`, merchantDefinedSkuId: item.sku, skuInfo: null },
      ],
    })),
    ShippingModelList:
      options.shipped === undefined
        ? []
        : [
            {
              shippingDetailId: 139033338,
              shippingNumber: options.shipped.number,
              deliveryCompany: '1001',
              deliveryCompanyName: 'ヤマト運輸',
              shippingDate: options.shipped.date,
            },
          ],
    DeliveryCvsModel: null,
  }));
  const wrappingModel =
    order.wrapping > 0
      ? {
          title: 1,
          name: 'シンプル包装',
          price: order.wrapping,
          includeTaxFlag: 1,
          taxRate: 0.1,
          taxPrice: Math.floor((order.wrapping * 10) / 110),
        }
      : null;
  return {
    orderNumber: rakutenOrderNumber(order),
    orderProgress: options.orderProgress ?? 300,
    subStatusId: null,
    subStatusName: null,
    orderDatetime: order.orderedAt.replace('+09:00', '+0900'),
    shopOrderCfmDatetime: null,
    orderFixDatetime: null,
    shippingInstDatetime: null,
    shippingCmplRptDatetime: null,
    cancelDueDate: null,
    deliveryDate: order.requestedDate ?? null,
    shippingTerm: TERMS[order.timeSlot] ?? 0,
    remarks: order.remarks === '' ? null : order.remarks,
    giftCheckFlag: order.noshi === undefined ? 0 : 1,
    severalSenderFlag: order.destinations.length > 1 ? 1 : 0,
    equalSenderFlag: order.destinations.length > 1 ? 0 : 1,
    isolatedIslandFlag: 0,
    rakutenMemberFlag: 1,
    carrierCode: 11,
    emailCarrierCode: 0,
    orderType: 1,
    reserveNumber: null,
    reserveDeliveryCount: null,
    cautionDisplayType: 0,
    rakutenConfirmFlag: 0,
    goodsPrice: totals.items + order.wrapping,
    goodsTax: 0,
    postagePrice: undecided ? -9999 : totals.shipping,
    deliveryPrice: order.codFee,
    paymentCharge: 0,
    paymentChargeTaxRate: 0.1,
    totalPrice: undecided ? -9999 : totals.items + order.wrapping + totals.shipping,
    requestPrice: undecided ? -9999 : totals.billed,
    couponAllTotalPrice: order.coupon,
    couponShopPrice: order.coupon,
    couponOtherPrice: 0,
    additionalFeeOccurAmountToUser: 0,
    additionalFeeOccurAmountToShop: 0,
    asurakuFlag: 0,
    drugFlag: 0,
    dealFlag: 0,
    membershipType: 0,
    memo: null,
    operator: null,
    mailPlugSentence: null,
    modifyFlag: 0,
    isTaxRecalc: 1,
    OrdererModel: personModel(order.orderer, true),
    SettlementModel: {
      settlementMethodCode: code,
      settlementMethod: name,
      rpaySettlementFlag: 1,
      cardName: code === 1 ? 'VISA' : null,
      cardNumber: code === 1 ? 'XXXX-XXXX-XXXX-1234' : null,
    },
    DeliveryModel: { deliveryName: '宅配便', deliveryClass: 0 },
    PointModel: { usedPoint: order.points },
    WrappingModel1: wrappingModel,
    WrappingModel2: null,
    PackageModelList: packages,
    CouponModelList:
      order.coupon > 0
        ? [
            {
              couponCode: 'SHOP-300',
              itemId: 0,
              couponName: '300円OFFクーポン',
              couponCapital: 'ショップ',
              couponCapitalCode: 1,
              couponPrice: order.coupon,
              couponUnit: 1,
              couponTotalPrice: order.coupon,
            },
          ]
        : [],
    ChangeReasonModelList: [],
  };
}

/**
 * A whole getOrder response for fixture orders, with the success message.
 *
 * @example
 * ```ts
 * const body = rakutenGetOrderResponse([fixtureOrder(0), fixtureOrder(1)]);
 * ```
 */
export function rakutenGetOrderResponse(models: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    MessageModelList: [
      {
        messageType: 'INFO',
        messageCode: 'ORDER_EXT_API_GET_ORDER_INFO_101',
        message: '受注情報取得に成功しました。',
      },
    ],
    OrderModelList: models,
    version: 7,
  };
}

/**
 * The 楽天 order CSV (受注CSV) of fixture orders, one row per item, with the headers of
 * {@link rakutenOrderCsvColumns} (unless `header: false`, for writing a large file in pieces), in CP932
 * (default) or UTF-8.
 *
 * @example
 * ```ts
 * const bytes = rakutenOrderCsv([fixtureOrder(0), fixtureOrder(1)]);
 * ```
 */
export function rakutenOrderCsv(
  orders: readonly FixtureOrder[],
  options: { encoding?: 'cp932' | 'utf-8'; undecidedPostage?: boolean; header?: boolean } = {},
): Uint8Array {
  const header = rakutenOrderCsvColumns.map((column) => column.header[0]);
  const keys = rakutenOrderCsvColumns.map((column) => column.key);
  const rows: (string | number)[][] = options.header === false ? [] : [header];
  const split = keys.map((key) => key.split('.') as [string, string]);
  for (const order of orders) {
    const model = rakutenOrderModel(order, { undecidedPostage: options.undecidedPostage === true });
    const datetime = order.orderedAt.slice(0, 19).replace('T', ' ');
    for (const pkg of model.PackageModelList) {
      for (const item of pkg.ItemModelList as Record<string, unknown>[]) {
        const sources: Record<string, unknown> = {
          order: model,
          orderer: model.OrdererModel,
          settlement: model.SettlementModel,
          point: model.PointModel,
          wrapping1: model.WrappingModel1,
          wrapping2: model.WrappingModel2,
          pkg,
          sender: pkg.SenderModel,
          item,
          sku: (item.SkuModelList as unknown[])[0],
        };
        rows.push(
          split.map(([prefix, field]) => {
            if (prefix === 'order' && field === 'orderDatetime') return datetime;
            const value = ((sources[prefix] ?? {}) as Record<string, unknown>)[field];
            return value === null || value === undefined ? '' : (value as string | number);
          }),
        );
      }
    }
  }
  const written = writeCsv(rows, { formulaGuard: false, encoding: options.encoding ?? 'cp932' });
  if (!written.ok)
    throw new HakobuError(
      'malls.fixture_unencodable',
      written.issues.map((issue) => issue.message).join('\n'),
    );
  return written.value.bytes;
}
