import type { CsvColumn } from '@hakobu/core';
import type { TaxRatePercent } from '@hakobu/orders';
import { defaultPaymentStatus, mapPaymentMethod, type PaymentTable } from '../mapping/payment';
import { readTimeSlot, type TimeSlotTable } from '../mapping/time-slot';
import type { CsvOrderFormat } from '../pipeline/csv-orders';
import type { DraftLine, DraftShipment, MallOrderDraft } from '../pipeline/draft';
import { readParty } from '../pipeline/party';

/** EC-CUBE 4 対応状況 (mtb_order_status) → canonical status; 7 決済処理中 and 8 購入処理中 are not orders yet. */
export const eccubeStatusMap: Readonly<Record<string, string>> = {
  '1': 'new',
  '3': 'cancelled',
  '4': 'awaitingShipment',
  '5': 'shipped',
  '6': 'new',
  '9': 'cancelled',
};

/** Options of the EC-CUBE reader. */
export interface EccubeReadOptions {
  readonly shopId: string;
  /** Channel name; default `eccube`. */
  readonly channel?: string;
  readonly paymentMethods?: PaymentTable;
  readonly timeSlots?: TimeSlotTable;
  readonly statuses?: Readonly<Record<string, string>>;
  /**
   * How 価格 (tax excluded in EC-CUBE) becomes the tax-included unit price: the tax rule's rounding
   * (default `round`, EC-CUBE's 四捨五入), or `included` when the shop exports tax-included prices.
   */
  readonly priceTax?: 'round' | 'floor' | 'ceil' | 'included';
  /** 明細区分(ID) values: 商品 (default 1) and 手数料 (default 3); other rows (送料, 税, 割引, ポイント) are totals already in the order columns. */
  readonly itemTypes?: { readonly product: string; readonly charge: string };
}

/**
 * Columns of the EC-CUBE 4 受注CSV / 配送CSV (csv_type 3/4) by header label (dtb_csv). The shop can turn
 * columns off and reorder them, so they are read by name; 注文番号 and 明細区分(ID) are required.
 */
export const eccubeOrderCsvColumns = [
  { key: 'orderNo', header: '注文番号', required: true },
  { key: 'familyName', header: 'お名前(姓)' },
  { key: 'givenName', header: 'お名前(名)' },
  { key: 'familyKana', header: 'お名前(セイ)' },
  { key: 'givenKana', header: 'お名前(メイ)' },
  { key: 'company', header: '会社名' },
  { key: 'postalCode', header: '郵便番号' },
  { key: 'prefecture', header: '都道府県(名称)' },
  { key: 'address1', header: '住所1' },
  { key: 'address2', header: '住所2' },
  { key: 'email', header: 'メールアドレス' },
  { key: 'phone', header: 'TEL' },
  { key: 'discount', header: '値引き' },
  { key: 'deliveryFeeTotal', header: '送料' },
  { key: 'total', header: '合計' },
  { key: 'paymentTotal', header: '支払合計' },
  { key: 'status', header: '対応状況(ID)' },
  { key: 'paymentName', header: '支払方法(名称)' },
  { key: 'orderDate', header: '受注日' },
  { key: 'paymentDate', header: '入金日' },
  { key: 'orderItemId', header: '注文詳細ID' },
  { key: 'productName', header: '商品名' },
  { key: 'productCode', header: '商品コード' },
  { key: 'classCategory1', header: '規格分類名1' },
  { key: 'classCategory2', header: '規格分類名2' },
  { key: 'price', header: '価格' },
  { key: 'quantity', header: '個数' },
  { key: 'taxRate', header: '税率' },
  { key: 'itemType', header: '明細区分(ID)', required: true },
  { key: 'shippingId', header: '出荷ID' },
  { key: 'shipFamilyName', header: '配送先_お名前(姓)' },
  { key: 'shipGivenName', header: '配送先_お名前(名)' },
  { key: 'shipFamilyKana', header: '配送先_お名前(セイ)' },
  { key: 'shipGivenKana', header: '配送先_お名前(メイ)' },
  { key: 'shipCompany', header: '配送先_会社名' },
  { key: 'shipPostalCode', header: '配送先_郵便番号' },
  { key: 'shipPrefecture', header: '配送先_都道府県(名称)' },
  { key: 'shipAddress1', header: '配送先_住所1' },
  { key: 'shipAddress2', header: '配送先_住所2' },
  { key: 'shipPhone', header: '配送先_TEL' },
  { key: 'deliveryTime', header: 'お届け時間(名称)' },
  { key: 'deliveryDate', header: 'お届け希望日' },
  { key: 'shippingDate', header: '発送日' },
  { key: 'trackingNumber', header: '出荷伝票番号' },
] as const satisfies readonly CsvColumn[];

/** A key of {@link eccubeOrderCsvColumns}. */
export type EccubeCsvKey = (typeof eccubeOrderCsvColumns)[number]['key'];

function withTax(price: number, rate: number, mode: EccubeReadOptions['priceTax']): number {
  if (mode === 'included') return price;
  const tax = (price * rate) / 100;
  return price + (mode === 'floor' ? Math.floor(tax) : mode === 'ceil' ? Math.ceil(tax) : Math.round(tax));
}

/**
 * The EC-CUBE 4 受注CSV as a {@link CsvOrderFormat}: one row per 明細, grouped by 注文番号 and, inside an
 * order, by 出荷ID (one shipment each). 商品 rows become lines with the tax-included unit price; 手数料
 * rows become 代引手数料 (代金引換) or other fees; 送料 and 値引き come from the order columns, points used
 * from 合計 − 支払合計 and the mall's total from 支払合計 (an export without those columns reads no points and
 * has no total to check against). 決済処理中 / 購入処理中 orders (incomplete checkout) are rejected.
 *
 * @example
 * ```ts
 * const read = readOrderCsv(bytes, eccubeOrderCsvFormat({ shopId: 'my-eccube' }));
 * ```
 */
export function eccubeOrderCsvFormat(options: EccubeReadOptions): CsvOrderFormat<EccubeCsvKey> {
  const types = options.itemTypes ?? { product: '1', charge: '3' };
  return {
    name: 'eccube.order-csv',
    columns: eccubeOrderCsvColumns,
    orderKey: 'orderNo',
    toDraft(group) {
      const order = group.reader(0);
      const mallOrderNumber = order.required('orderNo');
      const orderedAt = order.instant('orderDate');
      const statusId = order.text('status');
      const status = (options.statuses ?? eccubeStatusMap)[statusId];
      if (status === undefined)
        order.error(
          'status',
          `(${statusId}) は取り込める対応状況ではありません (決済処理中・購入処理中は受注前です)`,
          statusId,
        );
      const orderer = readParty(
        order,
        {
          familyName: 'familyName',
          givenName: 'givenName',
          familyNameKana: 'familyKana',
          givenNameKana: 'givenKana',
          company: 'company',
          postalCode: 'postalCode',
          prefecture: 'prefecture',
          address1: ['address1'],
          address2: ['address2'],
          phone: ['phone'],
          email: 'email',
        },
        '注文者',
      );
      const paymentName = order.text('paymentName');
      let paymentMethod = mapPaymentMethod(paymentName, {}, options.paymentMethods);
      if (paymentMethod === undefined) {
        order.warn(
          'paymentName',
          `の支払方法「${paymentName}」を判別できないため「その他」としました`,
          paymentName,
        );
        paymentMethod = 'other';
      }
      const lines: DraftLine[] = [];
      const shipments = new Map<string, DraftShipment>();
      let charges = 0;
      for (const index of group.lines.keys()) {
        const reader = index === 0 ? order : group.reader(index);
        const type = reader.text('itemType');
        // 送料, 割引, 税 and ポイント rows repeat what the order columns already say.
        if (type !== types.product && type !== types.charge) continue;
        const price = reader.yen('price') ?? 0;
        const quantity = reader.int('quantity', { min: 1 }) ?? 1;
        const rateText = reader.text('taxRate');
        let rate = rateText === '' ? 10 : Number(rateText);
        if (rate !== 10 && rate !== 8 && rate !== 0) {
          reader.error('taxRate', `が税率ではありません: "${rateText}"`, rateText);
          rate = 10;
        }
        if (type === types.charge) {
          charges += withTax(price, rate, options.priceTax) * quantity;
          continue;
        }
        const mallLineId = reader.text('orderItemId') || String(index + 1);
        const line: DraftLine = {
          mallLineId,
          mallItemCode: reader.required('productCode'),
          skuCandidates: [reader.text('productCode')].filter((c) => c !== ''),
          name: reader.required('productName'),
          unitPrice: withTax(price, rate, options.priceTax),
          quantity,
          taxRate: rate as TaxRatePercent,
        };
        const variant = [reader.text('classCategory1'), reader.text('classCategory2')]
          .filter((c) => c !== '')
          .join(' / ');
        if (variant !== '') line.options = variant;
        lines.push(line);
        const shippingId = reader.text('shippingId') || '1';
        let shipment = shipments.get(shippingId);
        if (shipment === undefined) {
          const slotText = reader.text('deliveryTime');
          const slot = readTimeSlot(slotText, options.timeSlots);
          if (!slot.recognized)
            reader.warn(
              'deliveryTime',
              `の時間帯「${slotText}」は指定できる時間帯にないため「指定なし」としました`,
              slotText,
            );
          const destination =
            reader.text('shipFamilyName') === ''
              ? orderer
              : readParty(
                  reader,
                  {
                    familyName: 'shipFamilyName',
                    givenName: 'shipGivenName',
                    familyNameKana: 'shipFamilyKana',
                    givenNameKana: 'shipGivenKana',
                    company: 'shipCompany',
                    postalCode: 'shipPostalCode',
                    prefecture: 'shipPrefecture',
                    address1: ['shipAddress1'],
                    address2: ['shipAddress2'],
                    phone: ['shipPhone'],
                  },
                  'お届け先',
                  orderer,
                );
          shipment = {
            destination,
            lines: [],
            timeSlot: slot.slot,
            trackingNumbers: [reader.text('trackingNumber')].filter((t) => t !== ''),
          };
          if (reader.text('shippingId') !== '') shipment.mallShipmentId = reader.text('shippingId');
          const date = reader.date('deliveryDate');
          if (date !== undefined) shipment.requestedDate = date;
          const shipped = reader.date('shippingDate');
          if (shipped !== undefined) shipment.shippedOn = shipped;
          shipments.set(shippingId, shipment);
        }
        shipment.lines.push({ mallLineId, quantity });
      }
      if (lines.length === 0) order.error('itemType', 'に商品の明細がありません', '');
      // A shop can switch 合計 or 支払合計 off: then the points are unknown (0) and so is the mall's total.
      const total = order.text('total') === '' ? undefined : (order.yen('total') ?? 0);
      const paymentTotal = order.text('paymentTotal') === '' ? null : (order.yen('paymentTotal') ?? 0);
      if (orderedAt === undefined || status === undefined || lines.length === 0) return undefined;
      const draft: MallOrderDraft = {
        channel: options.channel ?? 'eccube',
        shopId: options.shopId,
        mallOrderNumber,
        orderedAt,
        orderer,
        paymentMethod,
        paymentStatus: order.text('paymentDate') !== '' ? 'paid' : defaultPaymentStatus(paymentMethod),
        mallStatus: statusId,
        status,
        amounts: {
          shipping: order.yen('deliveryFeeTotal') ?? 0,
          codFee: paymentMethod === 'cod' ? charges : 0,
          wrapping: 0,
          otherFees: paymentMethod === 'cod' ? 0 : charges,
          couponDiscount: order.yen('discount') ?? 0,
          pointsUsed: total === undefined || paymentTotal === null ? 0 : Math.max(0, total - paymentTotal),
          billedTotal: paymentTotal,
        },
        lines,
        shipments: [...shipments.values()],
        undecided: [],
        raw: group.raw(),
        source: { lines: [...group.lines] },
      };
      return draft;
    },
  };
}
