import type { CsvColumn } from '@hakobu/core';
import type { CsvOrderFormat } from '../pipeline/csv-orders';
import type { AmazonReadOptions } from './order';
import { amazonDraft } from './order';

/**
 * Columns of the Amazon Unshipped Orders report and the order report (注文レポート, TSV) by header name
 * (reference/malls.md §3.3). The column set depends on the report settings, so only order-id,
 * order-item-id, purchase-date and sku are required. The Unshipped Orders report carries no prices: its
 * orders are imported with the item amounts 未確定 (a hold) unless `item-price` is present.
 */
export const amazonOrderReportColumns = [
  { key: 'orderId', header: 'order-id', required: true },
  { key: 'orderItemId', header: 'order-item-id', required: true },
  { key: 'purchaseDate', header: 'purchase-date', required: true },
  { key: 'buyerEmail', header: 'buyer-email' },
  { key: 'buyerName', header: 'buyer-name' },
  { key: 'buyerPhone', header: 'buyer-phone-number' },
  { key: 'sku', header: 'sku', required: true },
  { key: 'productName', header: 'product-name' },
  { key: 'quantity', header: ['quantity-purchased', 'quantity-to-ship'] },
  { key: 'itemPrice', header: 'item-price' },
  { key: 'shippingPrice', header: 'shipping-price' },
  { key: 'itemPromotionDiscount', header: 'item-promotion-discount' },
  { key: 'shipPromotionDiscount', header: 'ship-promotion-discount' },
  { key: 'recipientName', header: 'recipient-name' },
  { key: 'address1', header: 'ship-address-1' },
  { key: 'address2', header: 'ship-address-2' },
  { key: 'address3', header: 'ship-address-3' },
  { key: 'city', header: 'ship-city' },
  { key: 'prefecture', header: 'ship-state' },
  { key: 'postalCode', header: 'ship-postal-code' },
  { key: 'phone', header: 'ship-phone-number' },
  { key: 'paymentMethod', header: 'payment-method' },
  { key: 'codCollectible', header: 'cod-collectible-amount' },
  { key: 'alreadyPaid', header: 'already-paid' },
  { key: 'paymentMethodFee', header: 'payment-method-fee' },
  { key: 'scheduledStart', header: 'scheduled-delivery-start-date' },
  { key: 'scheduledEnd', header: 'scheduled-delivery-end-date' },
] as const satisfies readonly CsvColumn[];

/** A key of {@link amazonOrderReportColumns}. */
export type AmazonReportKey = (typeof amazonOrderReportColumns)[number]['key'];

/**
 * The Amazon order report / Unshipped Orders report (TSV) as a {@link CsvOrderFormat}: one row per
 * order item, dates in GMT converted to Japan time, the billed total from cod-collectible-amount +
 * already-paid when present.
 *
 * @example
 * ```ts
 * const read = readOrderCsv(tsvBytes, amazonOrderReportFormat({ shopId: 'amazon-jp' }));
 * ```
 */
export function amazonOrderReportFormat(options: AmazonReadOptions): CsvOrderFormat<AmazonReportKey> {
  return {
    name: 'amazon.order-report',
    columns: amazonOrderReportColumns,
    delimiter: '\t',
    // Amazon's reports are tab-separated and never quoted: a 商品名 may start with `"`.
    quoted: false,
    orderKey: 'orderId',
    toDraft(group, issues) {
      const order = group.reader(0);
      // Read through the reader, so that a corrupted amount rejects the order with its line.
      const total =
        group.value(0, 'codCollectible') === '' && group.value(0, 'alreadyPaid') === ''
          ? undefined
          : (order.yen('codCollectible') ?? 0) + (order.yen('alreadyPaid') ?? 0);
      const hasPrices = group.value(0, 'itemPrice') !== '';
      const draft = amazonDraft(
        {
          order,
          orderFields: { id: 'orderId', purchaseDate: 'purchaseDate', paymentMethod: 'paymentMethod' },
          destination: order,
          destinationFields: {
            name: 'recipientName',
            postalCode: 'postalCode',
            prefecture: 'prefecture',
            address1: ['city', 'address1'],
            address2: ['address2', 'address3'],
            phone: ['phone'],
          },
          buyerName: 'buyerName',
          buyerEmail: 'buyerEmail',
          buyerPhone: 'buyerPhone',
          lines: group.lines.map((_, index) => ({
            reader: index === 0 ? order : group.reader(index),
            fields: {
              id: 'orderItemId',
              sku: 'sku',
              title: 'productName',
              quantity: 'quantity',
              itemPrice: 'itemPrice',
              shippingPrice: 'shippingPrice',
              promotionDiscount: 'itemPromotionDiscount',
              shippingDiscount: 'shipPromotionDiscount',
              // 代引手数料 is per order in the report: read it once.
              codFee: index === 0 ? 'paymentMethodFee' : 'none',
              scheduledStart: 'scheduledStart',
              scheduledEnd: 'scheduledEnd',
            },
          })),
        },
        options,
        group.raw(),
        { lines: [...group.lines] },
        issues,
      );
      if (draft !== undefined && total !== undefined && hasPrices) draft.amounts.billedTotal = total;
      return draft;
    },
  };
}
