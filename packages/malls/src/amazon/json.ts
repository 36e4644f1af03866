import type { Issue } from '@hakobu/core';
import type { MallOrderDraft } from '../pipeline/draft';
import { asList, asRecord, jsonReader, pathText } from '../pipeline/json-fields';
import type { MallReadResult, RejectedRecord } from '../pipeline/result';
import { parseJsonInput } from '../rakuten/json';
import { type AmazonReadOptions, amazonDraft } from './order';

function ordersOf(value: unknown): { orders: unknown[]; base: (string | number)[] } {
  if (Array.isArray(value)) return { orders: value, base: [] };
  const payload = asRecord(asRecord(value).payload);
  if (Array.isArray(payload.Orders)) return { orders: payload.Orders, base: ['payload', 'Orders'] };
  if (payload.AmazonOrderId !== undefined) return { orders: [payload], base: ['payload'] };
  return { orders: [], base: [] };
}

function itemsByOrder(value: unknown): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  const add = (response: unknown, key?: string): void => {
    if (Array.isArray(response)) {
      if (key !== undefined) map.set(key, response);
      return;
    }
    const payload = asRecord(asRecord(response).payload);
    const id = typeof payload.AmazonOrderId === 'string' ? payload.AmazonOrderId : key;
    if (id !== undefined) map.set(id, [...(map.get(id) ?? []), ...asList(payload.OrderItems)]);
  };
  if (Array.isArray(value)) for (const response of value) add(response);
  else for (const [key, response] of Object.entries(asRecord(value))) add(response, key);
  return map;
}

/**
 * Reads Amazon SP-API Orders v0 responses (getOrders / getOrder and getOrderItems, JSON) into drafts.
 * `orders` is a getOrders or getOrder response or an array of `Order`; `items` holds the getOrderItems
 * responses (an array, or an object keyed by AmazonOrderId). Amounts are line totals (price × qty) and
 * are divided back into unit prices; instants are UTC and become Japan time. An order without items is
 * rejected.
 *
 * @example
 * ```ts
 * const read = readAmazonOrders(getOrdersResponse, [itemsOf1, itemsOf2], { shopId: 'amazon-jp' });
 * ```
 */
export function readAmazonOrders(
  orders: unknown,
  items: unknown,
  options: AmazonReadOptions,
): MallReadResult {
  const parsed = parseJsonInput(orders, 'malls.amazon.invalid_json');
  const parsedItems = parseJsonInput(items, 'malls.amazon.invalid_json');
  const issues: Issue[] = [...parsed.issues, ...parsedItems.issues];
  const { orders: list, base } = ordersOf(parsed.value);
  const byOrder = itemsByOrder(parsedItems.value);
  const drafts: MallOrderDraft[] = [];
  const rejected: RejectedRecord[] = [];
  for (const [index, model] of list.entries()) {
    const path = [...base, index];
    const record = asRecord(model);
    const id = String(record.AmazonOrderId ?? '');
    const label = `注文番号 ${id || '空'}`;
    const order = jsonReader(record, path, label);
    const destination = jsonReader(
      {
        name: asRecord(record.ShippingAddress).Name,
        postalCode: asRecord(record.ShippingAddress).PostalCode,
        prefecture: asRecord(record.ShippingAddress).StateOrRegion,
        city: asRecord(record.ShippingAddress).City,
        address1: asRecord(record.ShippingAddress).AddressLine1,
        address2: asRecord(record.ShippingAddress).AddressLine2,
        address3: asRecord(record.ShippingAddress).AddressLine3,
        phone: asRecord(record.ShippingAddress).Phone,
      },
      [...path, 'ShippingAddress'],
      label,
    );
    const lineModels = byOrder.get(id) ?? [];
    const lines = lineModels.map((item, i) => ({
      reader: jsonReader(item, ['OrderItems', id, i], label),
      fields: {
        id: 'OrderItemId',
        sku: 'SellerSKU',
        asin: 'ASIN',
        title: 'Title',
        quantity: 'QuantityOrdered',
        itemPrice: 'ItemPrice.Amount',
        shippingPrice: 'ShippingPrice.Amount',
        shippingDiscount: 'ShippingDiscount.Amount',
        promotionDiscount: 'PromotionDiscount.Amount',
        codFee: 'CODFee.Amount',
        codFeeDiscount: 'CODFeeDiscount.Amount',
        scheduledStart: 'ScheduledDeliveryStartDate',
        scheduledEnd: 'ScheduledDeliveryEndDate',
      },
    }));
    if (lines.length === 0) order.error('AmazonOrderId', 'の注文明細 (getOrderItems) がありません', id);
    const recordIssues: Issue[] = [];
    let draft: MallOrderDraft | undefined;
    try {
      draft = amazonDraft(
        {
          order,
          orderFields: {
            id: 'AmazonOrderId',
            purchaseDate: 'PurchaseDate',
            status: 'OrderStatus',
            paymentMethod: 'PaymentMethod',
            paymentDetails: 'PaymentMethodDetails',
            total: 'OrderTotal.Amount',
          },
          destination,
          buyerName: 'BuyerInfo.BuyerName',
          buyerEmail: 'BuyerInfo.BuyerEmail',
          lines,
        },
        options,
        { order: model, items: lineModels },
        { path: pathText(path) },
        recordIssues,
      );
    } catch (error) {
      order.error('AmazonOrderId', `を読めませんでした: ${String(error)}`);
    }
    recordIssues.push(...order.issues, ...destination.issues, ...lines.flatMap((line) => line.reader.issues));
    if (draft === undefined || recordIssues.some((issue) => issue.severity === 'error')) {
      rejected.push(
        id === ''
          ? { path: pathText(path), issues: recordIssues }
          : { path: pathText(path), mallOrderNumber: id, issues: recordIssues },
      );
      continue;
    }
    issues.push(...recordIssues);
    drafts.push(draft);
  }
  return {
    drafts,
    rejected,
    issues,
    counts: {
      records: list.length,
      accepted: drafts.length,
      rejected: rejected.length,
      orders: drafts.length,
    },
  };
}
