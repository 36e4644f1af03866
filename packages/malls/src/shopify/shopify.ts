import { type CsvColumn, findPrefecture } from '@hakobu/core';
import type { TaxRatePercent } from '@hakobu/orders';
import { defaultPaymentStatus, mapPaymentMethod, type PaymentTable } from '../mapping/payment';
import type { CsvOrderFormat } from '../pipeline/csv-orders';
import type { DraftLine, MallOrderDraft } from '../pipeline/draft';
import type { FieldReader } from '../pipeline/fields';
import { asList, asRecord, jsonReader, pathText } from '../pipeline/json-fields';
import { readParty } from '../pipeline/party';
import type { MallReadResult, RejectedRecord } from '../pipeline/result';
import { parseJsonInput } from '../rakuten/json';

/** Options of the Shopify readers. */
export interface ShopifyReadOptions {
  readonly shopId: string;
  /** Channel name; default `shopify`. */
  readonly channel?: string;
  /** Gateway / payment method names → method; `Shopify Payments` is a card by default. */
  readonly paymentMethods?: PaymentTable;
  /** Rate by SKU; Shopify exports carry no per-line rate in the CSV. Default 10. */
  readonly taxRateBySku?: Readonly<Record<string, TaxRatePercent>>;
  readonly defaultTaxRate?: TaxRatePercent;
}

const SHOPIFY_PAYMENTS: PaymentTable = {
  'Shopify Payments': 'creditCard',
  shopify_payments: 'creditCard',
  'Cash on Delivery (COD)': 'cod',
  'Bank Deposit': 'bankTransfer',
  'Amazon Pay': 'amazonPay',
  PayPay: 'payPay',
};

/** Shopify financial_status → payment status; fulfillment and cancel → canonical status. */
function statusOf(
  financial: string,
  fulfillment: string,
  cancelled: boolean,
): { status: string; paid: boolean } {
  if (cancelled) return { status: 'cancelled', paid: false };
  const paid = financial === 'paid' || financial === 'partially_refunded';
  if (fulfillment === 'fulfilled') return { status: 'shipped', paid };
  return { status: financial === 'pending' ? 'awaitingPayment' : 'awaitingShipment', paid };
}

function prefectureOf(reader: FieldReader, nameField: string, codeField: string): string {
  const name = reader.text(nameField);
  if (name !== '') return findPrefecture(name)?.name ?? name;
  const code = reader.text(codeField).replace(/^JP-/, '');
  return code === '' ? '' : (findPrefecture(code)?.name ?? code);
}

/**
 * Maps one Shopify order to a draft (Shopify受注の変換). Field names are given per source (CSV header
 * keys or Admin API JSON names).
 */
function shopifyDraft(
  order: FieldReader,
  lines: readonly {
    reader: FieldReader;
    id: string;
    sku: string;
    name: string;
    variant?: string;
    quantity: string;
    price: string;
  }[],
  f: Record<
    | 'number'
    | 'created'
    | 'financial'
    | 'fulfillment'
    | 'cancelled'
    | 'payment'
    | 'shipping'
    | 'discount'
    | 'total'
    | 'note'
    | 'email',
    string
  >,
  party: (prefix: 'billing' | 'shipping') => { reader: FieldReader; fields: Parameters<typeof readParty>[1] },
  options: ShopifyReadOptions,
  raw: unknown,
  source: MallOrderDraft['source'],
): MallOrderDraft | undefined {
  const mallOrderNumber = order.required(f.number);
  const created = order.text(f.created).replace(/ ([+-]\d{2}:?\d{2})$/, '$1');
  const orderedAt = order.instant(f.created, { text: created });
  const billing = party('billing');
  const shipping = party('shipping');
  const orderer = readParty(billing.reader, billing.fields, '請求先');
  const email = order.text(f.email);
  if (email !== '') orderer.email = email;
  const destination =
    shipping.reader.text(shipping.fields.name ?? '') === ''
      ? orderer
      : readParty(shipping.reader, shipping.fields, 'お届け先', orderer);
  const paymentText = order.text(f.payment);
  const paymentMethod =
    mapPaymentMethod(paymentText.split(/[,+]/)[0]?.trim() ?? '', SHOPIFY_PAYMENTS, options.paymentMethods) ??
    'other';
  const { status, paid } = statusOf(
    order.text(f.financial),
    order.text(f.fulfillment),
    order.text(f.cancelled) !== '',
  );
  const draftLines: DraftLine[] = lines.map((line, index) => {
    const sku = line.reader.text(line.sku);
    const draftLine: DraftLine = {
      mallLineId: line.reader.text(line.id) || String(index + 1),
      mallItemCode: sku || line.reader.required(line.name),
      skuCandidates: sku === '' ? [] : [sku],
      name: line.reader.required(line.name),
      unitPrice: line.reader.yen(line.price) ?? 0,
      quantity: line.reader.int(line.quantity, { min: 1 }) ?? 1,
      taxRate: options.taxRateBySku?.[sku] ?? options.defaultTaxRate ?? 10,
    };
    const variant = line.variant === undefined ? '' : line.reader.text(line.variant);
    if (variant !== '') draftLine.options = variant;
    return draftLine;
  });
  if (orderedAt === undefined || draftLines.length === 0) return undefined;
  const draft: MallOrderDraft = {
    channel: options.channel ?? 'shopify',
    shopId: options.shopId,
    mallOrderNumber,
    orderedAt,
    orderer,
    paymentMethod,
    paymentStatus: paid ? 'paid' : defaultPaymentStatus(paymentMethod),
    mallStatus: `${order.text(f.financial)}/${order.text(f.fulfillment)}`,
    status,
    amounts: {
      shipping: order.yen(f.shipping) ?? 0,
      codFee: 0,
      wrapping: 0,
      otherFees: 0,
      couponDiscount: order.yen(f.discount) ?? 0,
      pointsUsed: 0,
      billedTotal: order.text(f.total) === '' ? null : order.yen(f.total),
    },
    lines: draftLines,
    shipments: [
      {
        destination,
        lines: draftLines.map((line) => ({ mallLineId: line.mallLineId, quantity: line.quantity })),
        timeSlot: 'none',
        trackingNumbers: [],
      },
    ],
    undecided: [],
    raw,
    source,
  };
  const note = order.optional(f.note);
  if (note !== undefined) draft.customerNote = note;
  return draft;
}

/**
 * Columns of the Shopify order export CSV (◐: from third-party code; the official column page was not
 * read). One row per line item; order-level columns are filled on the first row of each order only.
 */
export const shopifyOrderCsvColumns = [
  { key: 'name', header: 'Name', required: true },
  { key: 'email', header: 'Email' },
  { key: 'financialStatus', header: 'Financial Status' },
  { key: 'fulfillmentStatus', header: 'Fulfillment Status' },
  { key: 'createdAt', header: 'Created at' },
  { key: 'shipping', header: 'Shipping' },
  { key: 'total', header: 'Total' },
  { key: 'discountAmount', header: 'Discount Amount' },
  { key: 'lineQuantity', header: 'Lineitem quantity', required: true },
  { key: 'lineName', header: 'Lineitem name', required: true },
  { key: 'linePrice', header: 'Lineitem price', required: true },
  { key: 'lineSku', header: 'Lineitem sku' },
  { key: 'billingName', header: 'Billing Name' },
  { key: 'billingAddress1', header: 'Billing Address1' },
  { key: 'billingAddress2', header: 'Billing Address2' },
  { key: 'billingCompany', header: 'Billing Company' },
  { key: 'billingCity', header: 'Billing City' },
  { key: 'billingZip', header: 'Billing Zip' },
  { key: 'billingProvince', header: 'Billing Province' },
  { key: 'billingProvinceName', header: 'Billing Province Name' },
  { key: 'billingPhone', header: 'Billing Phone' },
  { key: 'shippingName', header: 'Shipping Name' },
  { key: 'shippingAddress1', header: 'Shipping Address1' },
  { key: 'shippingAddress2', header: 'Shipping Address2' },
  { key: 'shippingCompany', header: 'Shipping Company' },
  { key: 'shippingCity', header: 'Shipping City' },
  { key: 'shippingZip', header: 'Shipping Zip' },
  { key: 'shippingProvince', header: 'Shipping Province' },
  { key: 'shippingProvinceName', header: 'Shipping Province Name' },
  { key: 'shippingPhone', header: 'Shipping Phone' },
  { key: 'notes', header: 'Notes' },
  { key: 'cancelledAt', header: 'Cancelled at' },
  { key: 'paymentMethod', header: 'Payment Method' },
  { key: 'id', header: 'Id' },
] as const satisfies readonly CsvColumn[];

/** A key of {@link shopifyOrderCsvColumns}. */
export type ShopifyCsvKey = (typeof shopifyOrderCsvColumns)[number]['key'];

function csvParty(
  reader: FieldReader,
  prefix: 'billing' | 'shipping',
): { reader: FieldReader; fields: Parameters<typeof readParty>[1] } {
  const prefecture = prefectureOf(reader, `${prefix}ProvinceName`, `${prefix}Province`);
  const withPrefecture: FieldReader = Object.create(reader, {
    text: { value: (field: string) => (field === 'prefecture' ? prefecture : reader.text(field)) },
  });
  return {
    reader: withPrefecture,
    fields: {
      name: `${prefix}Name`,
      company: `${prefix}Company`,
      postalCode: `${prefix}Zip`,
      prefecture: 'prefecture',
      address1: [`${prefix}City`, `${prefix}Address1`],
      address2: [`${prefix}Address2`],
      phone: [`${prefix}Phone`],
    },
  };
}

/**
 * The Shopify order export CSV as a {@link CsvOrderFormat}: grouped by `Name` (#1001), order fields from
 * the first row, prefecture from `… Province Name` or the `JP-13` code (unconfirmed which one JP exports
 * fill), unit prices as exported (tax included for Japanese shops).
 *
 * @example
 * ```ts
 * const read = readOrderCsv(text, shopifyOrderCsvFormat({ shopId: 'my-shopify' }));
 * ```
 */
export function shopifyOrderCsvFormat(options: ShopifyReadOptions): CsvOrderFormat<ShopifyCsvKey> {
  return {
    name: 'shopify.order-csv',
    columns: shopifyOrderCsvColumns,
    orderKey: 'name',
    toDraft(group) {
      const order = group.reader(0);
      return shopifyDraft(
        order,
        group.lines.map((_, i) => ({
          reader: i === 0 ? order : group.reader(i),
          id: 'none',
          sku: 'lineSku',
          name: 'lineName',
          quantity: 'lineQuantity',
          price: 'linePrice',
        })),
        {
          number: 'name',
          created: 'createdAt',
          financial: 'financialStatus',
          fulfillment: 'fulfillmentStatus',
          cancelled: 'cancelledAt',
          payment: 'paymentMethod',
          shipping: 'shipping',
          discount: 'discountAmount',
          total: 'total',
          note: 'notes',
          email: 'email',
        },
        (prefix) => csvParty(order, prefix),
        options,
        group.raw(),
        { lines: [...group.lines] },
      );
    },
  };
}

/**
 * Reads Shopify Admin API orders (REST `orders.json` / `order.json`, or a list of order objects) into
 * drafts: `name` as the order number, line items with `sku`, `price` (string yen) and `quantity`,
 * `total_discounts`, shipping from `shipping_lines`, addresses by `province` name or `province_code`.
 *
 * @example
 * ```ts
 * const read = readShopifyOrders(await response.json(), { shopId: 'my-shopify' });
 * ```
 */
export function readShopifyOrders(input: unknown, options: ShopifyReadOptions): MallReadResult {
  const parsed = parseJsonInput(input, 'malls.shopify.invalid_json');
  const root = asRecord(parsed.value);
  const list = Array.isArray(parsed.value)
    ? parsed.value
    : root.orders !== undefined
      ? asList(root.orders)
      : root.order !== undefined
        ? [root.order]
        : [];
  const base: (string | number)[] = Array.isArray(parsed.value)
    ? []
    : root.orders !== undefined
      ? ['orders']
      : ['order'];
  const drafts: MallOrderDraft[] = [];
  const rejected: RejectedRecord[] = [];
  const issues = [...parsed.issues];
  for (const [index, model] of list.entries()) {
    const record = asRecord(model);
    const path = root.order !== undefined && !Array.isArray(parsed.value) ? base : [...base, index];
    const label = `注文 ${String(record.name ?? '空')}`;
    // Each shipping line is read where it is, so that a bad price names its own path.
    const shippingReaders = asList(record.shipping_lines).map((line, i) =>
      jsonReader(line, [...path, 'shipping_lines', i], label),
    );
    const shippingTotal = shippingReaders.reduce((sum, line) => sum + (line.yen('price') ?? 0), 0);
    const order = jsonReader({ ...record, shipping_total: shippingTotal }, path, label);
    const lineReaders = asList(record.line_items).map((line, i) => ({
      reader: jsonReader(line, [...path, 'line_items', i], label),
      id: 'id',
      sku: 'sku',
      name: 'name',
      variant: 'variant_title',
      quantity: 'quantity',
      price: 'price',
    }));
    const partyOf = (prefix: 'billing' | 'shipping') => {
      const address = asRecord(record[`${prefix}_address`]);
      const name = String(
        address.name ?? `${String(address.last_name ?? '')} ${String(address.first_name ?? '')}`.trim(),
      );
      const province =
        findPrefecture(
          String(address.province ?? '').trim() || String(address.province_code ?? '').replace(/^JP-/, ''),
        )?.name ?? String(address.province ?? '');
      const reader = jsonReader({ ...address, name, province }, [...path, `${prefix}_address`], label);
      return {
        reader,
        fields: {
          name: 'name',
          company: 'company',
          postalCode: 'zip',
          prefecture: 'province',
          address1: ['city', 'address1'],
          address2: ['address2'],
          phone: ['phone'],
        },
      };
    };
    let draft: MallOrderDraft | undefined;
    try {
      draft = shopifyDraft(
        order,
        lineReaders,
        {
          number: 'name',
          created: 'created_at',
          financial: 'financial_status',
          fulfillment: 'fulfillment_status',
          cancelled: 'cancelled_at',
          payment: 'gateway',
          shipping: 'shipping_total',
          discount: 'total_discounts',
          total: 'total_price',
          note: 'note',
          email: 'email',
        },
        partyOf,
        options,
        model,
        { path: pathText(path) },
      );
    } catch (error) {
      order.error('name', `を読めませんでした: ${String(error)}`);
    }
    const recordIssues = [
      ...order.issues,
      ...shippingReaders.flatMap((line) => line.issues),
      ...lineReaders.flatMap((l) => l.reader.issues),
    ];
    if (draft === undefined || recordIssues.some((issue) => issue.severity === 'error')) {
      const number = typeof record.name === 'string' ? record.name : '';
      rejected.push(
        number === ''
          ? { path: pathText(path), issues: recordIssues }
          : { path: pathText(path), mallOrderNumber: number, issues: recordIssues },
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
