import type { Order } from '@hakobu/orders';

/**
 * A fixed sample order (見本の受注) for previews: a 楽天 order of two lines at 8 % and 10 %, paid by credit
 * card, sent as a gift in one shipped parcel with a Yamato tracking number.
 *
 * @example
 * ```ts
 * const order = sampleOrder();
 * order.mallOrderNumber; // '123456-20261127-0000001'
 * ```
 */
export function sampleOrder(): Order {
  return {
    id: 'sample-order',
    channel: 'rakuten',
    shopId: 'hakobu-rakuten',
    mallOrderNumber: '123456-20261127-0000001',
    orderedAt: '2026-11-27T10:15:00+09:00',
    orderer: {
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      postalCode: '100-0005',
      prefecture: '東京都',
      address1: '千代田区丸の内1-1-1',
      address2: 'はこぶビル3F',
      phone: '09012345678',
      email: 'taro@example.jp',
    },
    payment: { method: 'creditCard', status: 'paid', paidAmount: 5_060 },
    amounts: {
      items: 4_400,
      shipping: 660,
      codFee: 0,
      wrapping: 0,
      otherFees: 0,
      couponDiscount: 0,
      pointsUsed: 0,
      tax: [
        { rate: 8, taxableAmount: 2_160, tax: 160 },
        { rate: 10, taxableAmount: 2_900, tax: 263 },
      ],
      billedTotal: 5_060,
    },
    lines: [
      {
        id: 'l1',
        mallItemCode: 'coffee-200',
        sku: 'COF-200',
        name: 'スペシャルティコーヒー豆 200g',
        options: '挽き方:中挽き',
        unitPrice: 1_080,
        quantity: 2,
        taxRate: 8,
        temperature: 'ambient',
        noshi: '御歳暮',
      },
      {
        id: 'l2',
        mallItemCode: 'mug',
        sku: 'MUG-01',
        name: '波佐見焼マグカップ',
        unitPrice: 2_240,
        quantity: 1,
        taxRate: 10,
        temperature: 'ambient',
      },
    ],
    shipments: [
      {
        id: 'sample-shipment',
        slipNumber: '123456-20261127-0000001-1',
        destination: {
          name: '佐藤 花子',
          nameKana: 'サトウ ハナコ',
          postalCode: '530-0001',
          prefecture: '大阪府',
          address1: '大阪市北区梅田1-2-3',
          phone: '0612345678',
        },
        lines: [
          { orderId: 'sample-order', lineId: 'l1', quantity: 2 },
          { orderId: 'sample-order', lineId: 'l2', quantity: 1 },
        ],
        temperature: 'ambient',
        carrier: 'yamato',
        service: 'takkyubin',
        requestedDate: '2026-11-30',
        timeSlot: '14-16',
        plannedShipDate: '2026-11-28',
        charges: [{ orderId: 'sample-order', kind: 'shipping', amount: 660 }],
        codAmount: 0,
        trackingNumbers: ['490714955706'],
        giftMode: 'auto',
        state: 'shipped',
        shippedOn: '2026-11-28',
      },
    ],
    status: 'shipped',
    axes: {
      allocation: 'allocated',
      holds: [],
      deliveryNotePrinted: true,
      labelExported: true,
      mailsSent: [],
      mallSync: 'synced',
    },
    alerts: [],
    tags: [],
    notes: { customer: '贈答用にお願いします' },
    version: 1,
    history: [],
  };
}
