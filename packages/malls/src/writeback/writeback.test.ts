import { decodeText } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { keepOnOriginalPolicy, moveLines, type Order } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { readAmazonOrders } from '../amazon/json';
import { planImport } from '../pipeline/reconcile';
import { readRakutenGetOrder } from '../rakuten/json';
import { amazonOrder, amazonOrderItems, yahooOrderInfo } from '../testing/amazon-yahoo';
import { fixtureOrder } from '../testing/fixture';
import { rakutenGetOrderResponse, rakutenOrderModel } from '../testing/rakuten';
import { readYahooOrderInfo } from '../yahoo/read';
import {
  amazonConfirmShipmentBodies,
  amazonShipConfirmFile,
  eccubeShippingCsv,
  rakutenShippingBodies,
  shopifyFulfillmentInputs,
  yahooShipStatusBodies,
} from './shipments';
import { amazonInventoryFile, rakutenInventoryBodies, yahooQuantityCsv } from './stock';

const ctx = () => ({ clock: fixedClock('2026-11-28T10:00:00+09:00'), ids: sequenceIdGenerator() });

function ship(order: Order, tracking: string[][], carrier = 'yamato'): Order {
  return {
    ...order,
    shipments: order.shipments.map((shipment, i) => ({
      ...shipment,
      state: 'shipped' as const,
      carrier,
      shippedOn: '2026-11-29',
      trackingNumbers: tracking[i] ?? [],
    })),
  };
}

function rakutenOrders(indexes: number[]): Order[] {
  const read = readRakutenGetOrder(
    rakutenGetOrderResponse(indexes.map((i) => rakutenOrderModel(fixtureOrder(i)))),
    { shopId: 'shop' },
  );
  return planImport(read.drafts, () => undefined, ctx()).decisions.map((d) => d.order);
}

describe('楽天 updateOrderShipping bodies', () => {
  it('match the documented shape field by field, one basket per 送付先', () => {
    const [order] = rakutenOrders([3]);
    const shipped = ship(order!, [['123456789012'], ['223456789012', '323456789012']]);
    const { bodies, issues } = rakutenShippingBodies([shipped], { today: '2026-11-28' });
    expect(issues).toEqual([]);
    const fixture = fixtureOrder(3);
    expect(bodies).toEqual([
      {
        orderNumber: order!.mallOrderNumber,
        BasketidModelList: [
          {
            basketId: Number(fixture.destinations[0]!.id),
            ShippingModelList: [
              { deliveryCompany: '1001', shippingNumber: '123456789012', shippingDate: '2026-11-29' },
            ],
          },
          {
            basketId: Number(fixture.destinations[1]!.id),
            ShippingModelList: [
              { deliveryCompany: '1001', shippingNumber: '223456789012', shippingDate: '2026-11-29' },
              { deliveryCompany: '1001', shippingNumber: '323456789012', shippingDate: '2026-11-29' },
            ],
          },
        ],
      },
    ]);
  });

  it('reports a 同梱 parcel to every mall order it carries', () => {
    const [parent, child] = rakutenOrders([0, 2]);
    const carried: Order = {
      ...parent!,
      bundle: { role: 'parent', childOrderIds: [child!.id] },
      shipments: [
        { ...parent!.shipments[0]!, lines: [...parent!.shipments[0]!.lines, ...child!.shipments[0]!.lines] },
      ],
    };
    const childOrder: Order = {
      ...child!,
      bundle: { role: 'child', parentOrderId: parent!.id },
      shipments: [],
    };
    const { bodies } = rakutenShippingBodies([ship(carried, [['999900001111']], 'sagawa'), childOrder], {
      today: '2026-11-28',
    });
    expect(bodies.map((b) => b.orderNumber)).toEqual([parent!.mallOrderNumber, child!.mallOrderNumber]);
    expect(bodies.map((b) => b.BasketidModelList[0]!.ShippingModelList[0])).toEqual([
      { deliveryCompany: '1002', shippingNumber: '999900001111', shippingDate: '2026-11-29' },
      { deliveryCompany: '1002', shippingNumber: '999900001111', shippingDate: '2026-11-29' },
    ]);
  });

  it('reports every slip of an order split by staff (伝票分割) under its 送付先', () => {
    const imported = rakutenOrders([0, 1, 2, 3, 4, 5]);
    const index = imported.findIndex(
      (candidate) =>
        candidate.shipments.length === 1 &&
        candidate.shipments[0]!.lines.reduce((sum, line) => sum + line.quantity, 0) >= 2,
    );
    const order = imported[index]!;
    const slip = order.shipments[0]!;
    const split = moveLines(
      order,
      [{ fromShipmentId: slip.id, lineId: slip.lines[0]!.lineId, quantity: 1 }],
      { newShipment: true },
      keepOnOriginalPolicy,
      { ...ctx(), actor: 'staff-1' },
    );
    if (!split.ok) throw new Error(JSON.stringify(split.issues));
    expect(split.value.order.shipments).toHaveLength(2);
    const shipped = ship(split.value.order, [['111122223333'], ['444455556666']]);
    const { bodies, issues } = rakutenShippingBodies([shipped], { today: '2026-11-28' });
    expect(issues).toEqual([]);
    expect(bodies).toEqual([
      {
        orderNumber: order.mallOrderNumber,
        BasketidModelList: [
          {
            basketId: Number(fixtureOrder(index).destinations[0]!.id),
            ShippingModelList: [
              { deliveryCompany: '1001', shippingNumber: '111122223333', shippingDate: '2026-11-29' },
              { deliveryCompany: '1001', shippingNumber: '444455556666', shippingDate: '2026-11-29' },
            ],
          },
        ],
      },
    ]);
  });

  it('refuses more than 20 parcels in a basket', () => {
    const [order] = rakutenOrders([0]);
    const numbers = Array.from({ length: 21 }, (_, i) => `4000000000${String(i).padStart(2, '0')}`);
    const { bodies, issues } = rakutenShippingBodies([ship(order!, [numbers])], { today: '2026-11-28' });
    expect(bodies).toEqual([]);
    expect(issues[0]?.code).toBe('malls.writeback.too_many_parcels');
  });
});

describe('Yahoo, Amazon, Shopify and EC-CUBE shipment results', () => {
  it('builds the Yahoo orderShipStatusChange XML', () => {
    const read = readYahooOrderInfo([yahooOrderInfo(fixtureOrder(0))], { shopId: 'teststore' });
    const order = planImport(read.drafts, () => undefined, ctx()).decisions[0]!.order;
    const { bodies } = yahooShipStatusBodies([ship(order, [['555566667777']])], {
      sellerId: 'teststore',
      today: '2026-11-28',
    });
    expect(bodies[0]?.xml).toBe(
      `<Req><Target><OrderId>${order.mallOrderNumber}</OrderId><IsPointFix>true</IsPointFix></Target><Order><Ship><ShipStatus>3</ShipStatus><ShipCompanyCode>1001</ShipCompanyCode><ShipInvoiceNumber1>555566667777</ShipInvoiceNumber1><ShipInvoiceNumber2></ShipInvoiceNumber2><ShipDate>20261129</ShipDate></Ship></Order><SellerId>teststore</SellerId></Req>`,
    );
  });

  it('builds Amazon confirmShipment bodies and the flat file', () => {
    const fixture = fixtureOrder(1);
    const read = readAmazonOrders([amazonOrder(fixture)], [amazonOrderItems(fixture)], {
      shopId: 'amazon-jp',
    });
    const order = planImport(read.drafts, () => undefined, ctx()).decisions[0]!.order;
    const shipped = ship(order, [['777788889999']], 'japanpost');
    const { bodies } = amazonConfirmShipmentBodies([shipped], {
      marketplaceId: 'A1VC38T7YXB528',
      today: '2026-11-28',
    });
    expect(bodies[0]?.body).toEqual({
      marketplaceId: 'A1VC38T7YXB528',
      codCollectionMethod: 'DirectPayment',
      packageDetail: {
        packageReferenceId: `${order.shipments[0]!.slipNumber}-1`,
        carrierCode: 'Other',
        carrierName: '日本郵便',
        trackingNumber: '777788889999',
        shipDate: '2026-11-29T09:00:00+09:00',
        orderItems: order.lines.map((line) => ({
          orderItemId: line.id.split(':')[1],
          quantity: line.quantity,
        })),
      },
    });
    const file = amazonShipConfirmFile([shipped], { today: '2026-11-28' });
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const lines = file.value.text.split('\r\n');
    expect(lines[0]).toBe(
      'TemplateType=OrderFulfillment\tVersion=2011.1102\tこの行はAmazonが使用しますので変更や削除しないでください。',
    );
    expect(lines[2]).toBe(
      'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method\tcod-collection-method',
    );
    expect(lines[3]?.split('\t')).toEqual([
      order.mallOrderNumber,
      order.lines[0]!.id.split(':')[1],
      String(order.lines[0]!.quantity),
      '2026-11-29',
      'Other',
      '日本郵便',
      '777788889999',
      '',
      'DirectPayment',
    ]);
  });

  it('builds Shopify fulfillment inputs and the EC-CUBE 出荷CSV', () => {
    const [order] = rakutenOrders([0]);
    const asShopify: Order = { ...ship(order!, [['1111', '2222']]), channel: 'shopify' };
    const { inputs } = shopifyFulfillmentInputs([asShopify], {
      fulfillmentOrderIds: () => ['gid://shopify/FulfillmentOrder/1'],
    });
    expect(inputs[0]?.input).toEqual({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1' }],
      notifyCustomer: false,
      trackingInfo: { company: 'Yamato (JA)', numbers: ['1111', '2222'] },
    });
    const asEccube: Order = { ...ship(order!, [['3333']]), channel: 'eccube' };
    const csv = eccubeShippingCsv([asEccube], { today: '2026-11-28' });
    expect(csv.ok && decodeText(csv.value.bytes, { encoding: 'cp932' }).text).toBe(
      `出荷ID,お問い合わせ番号,出荷日\r\n${fixtureOrder(0).destinations[0]!.id},3333,2026-11-29\r\n`,
    );
  });
});

describe('stock write-back from sync plans', () => {
  const upload = (mode: 'absolute' | 'delta') => ({
    channel: 'x',
    shopId: 's',
    mode,
    items: [
      { listingId: 'a', itemCode: 'Tea-Set', skuCode: 'v1', quantity: 5, previous: 8, delta: -3 },
      { listingId: 'b', itemCode: 'mug', skuCode: 'v2', quantity: 12, previous: 10, delta: 2 },
      { listingId: 'c', itemCode: 'no sku', quantity: 1 },
    ],
  });

  it('builds 楽天 inventory bulk bodies, lower-cases 商品管理番号 and refuses bad listings', () => {
    const abs = rakutenInventoryBodies(upload('absolute'), { batchSize: 1 });
    expect(abs.bodies).toEqual([
      { inventories: [{ manageNumber: 'tea-set', variantId: 'v1', mode: 'ABSOLUTE', quantity: 5 }] },
      { inventories: [{ manageNumber: 'mug', variantId: 'v2', mode: 'ABSOLUTE', quantity: 12 }] },
    ]);
    expect(abs.issues.map((issue) => issue.data?.listingId)).toEqual(['c']);
    const rel = rakutenInventoryBodies(upload('delta'));
    expect(rel.bodies[0]?.inventories.map((e) => [e.mode, e.quantity])).toEqual([
      ['RELATIVE', -3],
      ['RELATIVE', 2],
    ]);
  });

  it('writes Yahoo quantity.csv and the Amazon inventory file', () => {
    const y = yahooQuantityCsv(upload('delta'), { encoding: 'utf-8' });
    expect(y.ok && y.value.text).toBe('code,sub-code,quantity,mode\r\nTea-Set,v1,3,-\r\nmug,v2,2,+\r\n');
    expect(y.issues.map((issue) => issue.code)).toEqual(['malls.stock.invalid_listing']);
    const a = amazonInventoryFile(upload('delta'));
    expect(a.ok && a.value.text).toBe(
      'TemplateType=PriceInventory\tVersion=2018.0924\r\nsku\tquantity\r\nTea-Set\t5\r\nmug\t12\r\nno sku\t1\r\n',
    );
    const loader = amazonInventoryFile(upload('absolute'), { template: 'inventoryLoader', handlingTime: 2 });
    expect(loader.ok && loader.value.text.split('\r\n')[1]).toBe('Tea-Set\t5\t2');
  });
});
