import { type CsvColumn, type CsvOutputEncoding, type CsvWritten, type Result, writeCsv } from '@hakobu/core';
import {
  type Order,
  PaymentMethod,
  type TaxRatePercent,
  TemperatureZone,
  temperatureZoneLabels,
} from '@hakobu/orders';
import { defaultPaymentStatus, mapPaymentMethod, type PaymentTable } from '../mapping/payment';
import { readTimeSlot, type TimeSlotTable } from '../mapping/time-slot';
import type { CsvOrderFormat } from '../pipeline/csv-orders';
import type { DraftLine, DraftShipment, MallOrderDraft } from '../pipeline/draft';
import { readParty } from '../pipeline/party';

/**
 * The hakobu standard order CSV (hakobu標準受注CSV) for any cart hakobu has no reader for: one row per
 * order line, every canonical field under a Japanese header, CP932 or UTF-8 (detected). Order-level
 * columns are read from the first row of each 受注番号; 送付先番号 groups lines into destinations, and a
 * 明細番号 repeated on rows of another 送付先 is one line split over them.
 * Required: 受注番号, 注文日時, 注文者 name/postal code/prefecture/address/phone, 商品コード, 商品名,
 * 単価, 数量. The full column list with meanings is in the package README.
 */
export const standardOrderCsvColumns = [
  { key: 'orderNumber', header: '受注番号', required: true },
  { key: 'orderedAt', header: '注文日時', required: true },
  { key: 'status', header: 'ステータス' },
  { key: 'paymentMethod', header: '支払方法' },
  { key: 'paymentStatus', header: '入金状況' },
  { key: 'ordererName', header: '注文者氏名', required: true },
  { key: 'ordererKana', header: '注文者フリガナ' },
  { key: 'ordererPostalCode', header: '注文者郵便番号', required: true },
  { key: 'ordererPrefecture', header: '注文者都道府県', required: true },
  { key: 'ordererAddress1', header: '注文者住所1', required: true },
  { key: 'ordererAddress2', header: '注文者住所2' },
  { key: 'ordererPhone', header: '注文者電話番号', required: true },
  { key: 'ordererEmail', header: '注文者メールアドレス' },
  { key: 'destinationNumber', header: '送付先番号' },
  { key: 'destinationName', header: 'お届け先氏名' },
  { key: 'destinationKana', header: 'お届け先フリガナ' },
  { key: 'destinationCompany', header: 'お届け先会社名' },
  { key: 'destinationPostalCode', header: 'お届け先郵便番号' },
  { key: 'destinationPrefecture', header: 'お届け先都道府県' },
  { key: 'destinationAddress1', header: 'お届け先住所1' },
  { key: 'destinationAddress2', header: 'お届け先住所2' },
  { key: 'destinationPhone', header: 'お届け先電話番号' },
  { key: 'requestedDate', header: 'お届け希望日' },
  { key: 'timeSlot', header: 'お届け時間帯' },
  { key: 'lineNumber', header: '明細番号' },
  { key: 'itemCode', header: '商品コード', required: true },
  { key: 'sku', header: 'SKU' },
  { key: 'itemName', header: '商品名', required: true },
  { key: 'options', header: '項目選択肢' },
  { key: 'unitPrice', header: '単価(税込)', required: true },
  { key: 'quantity', header: '数量', required: true },
  { key: 'taxRate', header: '税率' },
  { key: 'temperature', header: '温度帯' },
  { key: 'wrapping', header: 'ラッピング' },
  { key: 'noshi', header: 'のし' },
  { key: 'shipping', header: '送料' },
  { key: 'codFee', header: '代引手数料' },
  { key: 'wrappingFee', header: 'ラッピング料' },
  { key: 'otherFees', header: 'その他手数料' },
  { key: 'couponDiscount', header: 'クーポン値引' },
  { key: 'pointsUsed', header: 'ポイント利用' },
  { key: 'billedTotal', header: '請求金額' },
  { key: 'note', header: '備考' },
] as const satisfies readonly CsvColumn[];

/** A key of {@link standardOrderCsvColumns}. */
export type StandardCsvKey = (typeof standardOrderCsvColumns)[number]['key'];

const PAYMENT_LABELS: Readonly<Record<PaymentMethod, string>> = {
  creditCard: 'クレジットカード',
  cod: '代金引換',
  bankTransfer: '銀行振込',
  deferred: '後払い',
  convenienceStore: 'コンビニ決済',
  rakutenPay: '楽天ペイ',
  payPay: 'PayPay',
  amazonPay: 'Amazon Pay',
  pointsOnly: 'ポイント全額',
  other: 'その他',
};

const SLOT_LABELS: Readonly<Record<string, string>> = {
  none: '',
  am: '午前中',
  '12-14': '12時～14時',
  '14-16': '14時～16時',
  '16-18': '16時～18時',
  '18-20': '18時～20時',
  '19-21': '19時～21時',
};

/** Options of the standard CSV reader. */
export interface StandardReadOptions {
  readonly shopId: string;
  /** Channel of the orders; default `own` (自社サイト). */
  readonly channel?: string;
  readonly paymentMethods?: PaymentTable;
  readonly timeSlots?: TimeSlotTable;
}

function temperatureOf(text: string): TemperatureZone | undefined {
  if (text === '') return undefined;
  const parsed = TemperatureZone.safeParse(text);
  if (parsed.success) return parsed.data;
  return (
    (Object.entries(temperatureZoneLabels).find(([, label]) => label === text)?.[0] as
      | TemperatureZone
      | undefined) ?? undefined
  );
}

/**
 * The hakobu standard order CSV as a {@link CsvOrderFormat} (標準受注CSV取込).
 *
 * @example
 * ```ts
 * const read = readOrderCsv(bytes, standardOrderCsvFormat({ shopId: 'my-cart' }));
 * ```
 */
export function standardOrderCsvFormat(options: StandardReadOptions): CsvOrderFormat<StandardCsvKey> {
  return {
    name: 'hakobu.standard-csv',
    columns: standardOrderCsvColumns,
    orderKey: 'orderNumber',
    toDraft(group) {
      const order = group.reader(0);
      const mallOrderNumber = order.required('orderNumber');
      const orderedAt = order.instant('orderedAt');
      const orderer = readParty(
        order,
        {
          name: 'ordererName',
          nameKana: 'ordererKana',
          postalCode: 'ordererPostalCode',
          prefecture: 'ordererPrefecture',
          address1: ['ordererAddress1'],
          address2: ['ordererAddress2'],
          phone: ['ordererPhone'],
          email: 'ordererEmail',
        },
        '注文者',
      );
      const paymentText = order.text('paymentMethod');
      const parsedMethod = PaymentMethod.safeParse(paymentText);
      let paymentMethod = parsedMethod.success
        ? parsedMethod.data
        : mapPaymentMethod(paymentText, {}, options.paymentMethods);
      if (paymentMethod === undefined) {
        if (paymentText !== '')
          order.warn(
            'paymentMethod',
            `の支払方法「${paymentText}」を判別できないため「その他」としました`,
            paymentText,
          );
        paymentMethod = 'other';
      }
      const lines: DraftLine[] = [];
      const byLineId = new Map<string, DraftLine>();
      const shipments = new Map<string, DraftShipment>();
      for (const index of group.lines.keys()) {
        const reader = index === 0 ? order : group.reader(index);
        const mallLineId = reader.text('lineNumber') || String(index + 1);
        const rateText = reader.text('taxRate').replace('%', '');
        const rate = rateText === '' ? 10 : Number(rateText);
        if (rate !== 10 && rate !== 8 && rate !== 0)
          reader.error('taxRate', `が税率ではありません: "${rateText}"`, rateText);
        const line: DraftLine = {
          mallLineId,
          mallItemCode: reader.required('itemCode'),
          skuCandidates: [reader.text('sku')].filter((s) => s !== ''),
          name: reader.required('itemName'),
          unitPrice: reader.int('unitPrice', { min: 0 }) ?? 0,
          quantity: reader.int('quantity', { min: 1 }) ?? 1,
          taxRate: (rate === 8 || rate === 0 ? rate : 10) as TaxRatePercent,
        };
        const temperature = temperatureOf(reader.text('temperature'));
        if (temperature !== undefined) line.temperature = temperature;
        else if (reader.text('temperature') !== '')
          reader.error('temperature', `が温度帯ではありません: "${reader.text('temperature')}"`);
        for (const [field, key] of [
          ['options', 'options'],
          ['wrapping', 'wrapping'],
          ['noshi', 'noshi'],
        ] as const) {
          const value = reader.optional(field);
          if (value !== undefined) line[key] = value;
        }
        // A line the shop split over destinations comes back as one row per destination, same 明細番号.
        const known = byLineId.get(mallLineId);
        if (known === undefined) {
          lines.push(line);
          byLineId.set(mallLineId, line);
        } else if (known.mallItemCode !== line.mallItemCode || known.unitPrice !== line.unitPrice) {
          reader.error(
            'lineNumber',
            `(${mallLineId}) が同じ注文の別の商品の明細番号と重複しています`,
            mallLineId,
          );
        } else {
          known.quantity += line.quantity;
        }
        const destinationKey = reader.text('destinationNumber') || '1';
        let shipment = shipments.get(destinationKey);
        if (shipment === undefined) {
          const hasDestination = reader.text('destinationName') !== '';
          const destination = hasDestination
            ? readParty(
                reader,
                {
                  name: 'destinationName',
                  nameKana: 'destinationKana',
                  company: 'destinationCompany',
                  postalCode: 'destinationPostalCode',
                  prefecture: 'destinationPrefecture',
                  address1: ['destinationAddress1'],
                  address2: ['destinationAddress2'],
                  phone: ['destinationPhone'],
                },
                'お届け先',
                orderer,
              )
            : orderer;
          const slotText = reader.text('timeSlot');
          const slot = readTimeSlot(slotText, options.timeSlots);
          if (!slot.recognized)
            reader.warn(
              'timeSlot',
              `の時間帯「${slotText}」は指定できる時間帯にないため「指定なし」としました`,
              slotText,
            );
          shipment = { destination, lines: [], timeSlot: slot.slot, trackingNumbers: [] };
          const date = reader.date('requestedDate');
          if (date !== undefined) shipment.requestedDate = date;
          shipments.set(destinationKey, shipment);
        }
        const ref = shipment.lines.find((candidate) => candidate.mallLineId === mallLineId);
        if (ref === undefined) shipment.lines.push({ mallLineId, quantity: line.quantity });
        else ref.quantity += line.quantity;
      }
      const billedText = order.text('billedTotal');
      if (orderedAt === undefined) return undefined;
      const draft: MallOrderDraft = {
        channel: options.channel ?? 'own',
        shopId: options.shopId,
        mallOrderNumber,
        orderedAt,
        orderer,
        paymentMethod,
        paymentStatus: defaultPaymentStatus(paymentMethod),
        mallStatus: order.text('status'),
        status: order.text('status') || 'new',
        amounts: {
          shipping: order.yen('shipping') ?? 0,
          codFee: order.yen('codFee') ?? 0,
          wrapping: order.yen('wrappingFee') ?? 0,
          otherFees: order.yen('otherFees') ?? 0,
          couponDiscount: order.yen('couponDiscount') ?? 0,
          pointsUsed: order.yen('pointsUsed') ?? 0,
          billedTotal: billedText === '' ? null : order.int('billedTotal'),
        },
        lines,
        shipments: [...shipments.values()],
        undecided: [],
        raw: group.raw(),
        source: { lines: [...group.lines] },
      };
      const note = order.optional('note');
      if (note !== undefined) draft.customerNote = note;
      return draft;
    },
  };
}

/**
 * Writes orders as the hakobu standard order CSV (標準受注CSV出力), one row per line, in CP932 (default,
 * every unencodable character reported) or UTF-8. Reading the file back with
 * {@link standardOrderCsvFormat} gives the same lines, destinations and amounts.
 *
 * @example
 * ```ts
 * const written = writeStandardOrderCsv(orders, { encoding: 'utf-8-bom' });
 * if (written.ok) await writeFile('orders.csv', written.value.bytes);
 * ```
 */
export function writeStandardOrderCsv(
  orders: readonly Order[],
  options: { readonly encoding?: CsvOutputEncoding } = {},
): Result<CsvWritten> {
  const records: Partial<Record<StandardCsvKey, string | number>>[] = [];
  for (const order of orders) {
    order.shipments.forEach((shipment, s) => {
      for (const ref of shipment.lines) {
        const line = order.lines.find((candidate) => candidate.id === ref.lineId);
        if (line === undefined || ref.orderId !== order.id) continue;
        const d = shipment.destination;
        records.push({
          orderNumber: order.mallOrderNumber,
          orderedAt: order.orderedAt,
          status: order.status,
          paymentMethod: PAYMENT_LABELS[order.payment.method],
          paymentStatus: order.payment.status,
          ordererName: order.orderer.name,
          ordererKana: order.orderer.nameKana,
          ordererPostalCode: order.orderer.postalCode,
          ordererPrefecture: order.orderer.prefecture,
          ordererAddress1: order.orderer.address1,
          ordererAddress2: order.orderer.address2,
          ordererPhone: order.orderer.phone,
          ordererEmail: order.orderer.email,
          destinationNumber: s + 1,
          destinationName: d.name,
          destinationKana: d.nameKana,
          destinationCompany: d.company,
          destinationPostalCode: d.postalCode,
          destinationPrefecture: d.prefecture,
          destinationAddress1: d.address1,
          destinationAddress2: d.address2,
          destinationPhone: d.phone,
          requestedDate: shipment.requestedDate,
          timeSlot: SLOT_LABELS[shipment.timeSlot],
          lineNumber: line.id.slice(order.id.length + 1) || line.id,
          itemCode: line.mallItemCode,
          sku: line.sku,
          itemName: line.name,
          options: line.options,
          unitPrice: line.unitPrice,
          quantity: ref.quantity,
          taxRate: line.taxRate,
          temperature: temperatureZoneLabels[line.temperature],
          wrapping: line.wrapping,
          noshi: line.noshi,
          shipping: order.amounts.shipping,
          codFee: order.amounts.codFee,
          wrappingFee: order.amounts.wrapping,
          otherFees: order.amounts.otherFees,
          couponDiscount: order.amounts.couponDiscount,
          pointsUsed: order.amounts.pointsUsed,
          billedTotal: order.amounts.billedTotal,
          note: order.notes.customer,
        });
      }
    });
  }
  return writeCsv(records, {
    columns: standardOrderCsvColumns.map((column) => ({ key: column.key, header: column.header })),
    formulaGuard: false,
    encoding: options.encoding ?? 'cp932',
  });
}
