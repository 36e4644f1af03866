// The end of the day: mails and printed documents, shipment results to each mall, the stock sync, and
// the order lists staff open in Excel.
import { planSync } from '@hakobu/inventory';
import {
  applyMailSent,
  createInMemorySendLog,
  createInMemoryTransport,
  createMailComposer,
  createMailEngine,
  renderDeliveryNotes,
  renderPickingList,
  renderShippingInstructions,
  sendBulk,
} from '@hakobu/mail-templates';
import {
  amazonInventoryFile,
  amazonShipConfirmFile,
  carrierNames,
  collectShipmentResults,
  rakutenInventoryBodies,
  rakutenShippingBodies,
  yahooQuantityCsv,
  yahooShipStatusBodies,
} from '@hakobu/malls';
import { exportCsv, isGift } from '@hakobu/orders';
import { changeSet, csvBytes, record } from './day.mjs';
import {
  documentBranding,
  mailRoutes,
  mailTemplates,
  PRODUCTS,
  SHOPS,
  STOCK_POLICIES,
  TODAY,
} from './shop.mjs';

/**
 * The mail side of the shop: a composer checked at start (every template error with line and column), an
 * in-memory transport standing in for SMTP, and a send log that never sends one idempotency key twice.
 */
export function createMailer(ids) {
  const composer = createMailComposer({
    engine: createMailEngine(),
    templates: mailTemplates(),
    routes: mailRoutes(),
  });
  if (!composer.ok) throw new Error(composer.issues.map((issue) => issue.message).join('\n'));
  return {
    composer: composer.value,
    transport: createInMemoryTransport({ ids }),
    log: createInMemorySendLog(),
  };
}

/**
 * Composes and sends mails for `requests` (built from `orders` as read at the start of the step), then
 * records them on each order's mail-sent axis.
 */
export async function sendMails(day, mailer, step, orders, requests) {
  const ctx = day.ctx(step, 'system:メール');
  const composed = requests.map((request) => mailer.composer.compose({ ...request, now: day.at(step) }));
  const outcome = await sendBulk(composed, {
    transport: mailer.transport,
    log: mailer.log,
    clock: ctx.clock,
  });
  for (const result of outcome.results) {
    if (result.status === 'failed')
      day.alert('メール', requests[result.index].order.mallOrderNumber, result.issues);
  }
  const changes = changeSet(orders);
  for (const update of applyMailSent(changes.all(), outcome.events, ctx)) changes.put(...update.orders);
  await changes.save(day.stores.orders);
  return outcome.counts;
}

/** Every parcel that went out today with the orders whose lines it carries, the holder first. */
function parcelsOf(orders) {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const parcels = [];
  for (const order of orders) {
    for (const shipment of order.shipments) {
      if (shipment.state !== 'shipped' || shipment.shippedOn !== TODAY) continue;
      const others = [...new Set(shipment.lines.map((ref) => ref.orderId))]
        .filter((id) => id !== order.id)
        .sort()
        .map((id) => byId.get(id));
      parcels.push({ shipment, orders: [order, ...others] });
    }
  }
  return parcels;
}

/**
 * 発送完了メール and 納品書: one mail per parcel (a 同梱 parcel's mail lists every order's lines; 代引 gets
 * its own template), then the delivery notes (お届け明細書 without prices for gifts), the picking list and
 * the shipping instructions as printable HTML.
 */
export async function mailsStep(day, mailer, output) {
  const orders = await day.orders();
  const parcels = parcelsOf(orders);
  const requests = parcels.map(({ shipment, orders: [holder, ...related] }) => ({
    order: holder,
    event: 'shipped',
    shipmentId: shipment.id,
    relatedOrders: related,
  }));
  const counts = await sendMails(day, mailer, 'mails', orders, requests);
  const options = { branding: documentBranding(), issuedOn: TODAY };
  const documents = [
    ['documents/delivery-notes.html', renderDeliveryNotes(parcels, options)],
    ['documents/picking-list.html', renderPickingList(parcels, options)],
    ['documents/shipping-instructions.html', renderShippingInstructions(parcels, options)],
  ];
  for (const [path, document] of documents) {
    output.write(path, document.html);
    day.alert('帳票', path, document.issues);
  }
  writeMailbox(mailer, output);
  const gifts = parcels.filter(({ shipment, orders: [holder] }) => isGift(holder, shipment)).length;
  return { ...counts, parcels: parcels.length, notePages: documents[0][1].pages, gifts };
}

/** The transport's mailbox: one JSON line per message (what a host hands to SMTP) and a readable text. */
function writeMailbox(mailer, output) {
  const sent = mailer.transport.sent;
  output.write(
    'mail/sent.jsonl',
    sent.map(({ id, message }) => `${JSON.stringify({ id, ...message })}\n`).join(''),
  );
  const text = sent
    .map(
      ({ id, message }) =>
        `━━━━ ${id} (${message.meta.event} / ${message.meta.templateId})\nFrom: ${message.from}\nTo: ${message.to.join(', ')}\nSubject: ${message.subject}\n\n${message.text}\n`,
    )
    .join('\n');
  output.write('mail/sent.txt', text);
}

function fileBytes(result, day, subject) {
  day.alert('モール連携', subject, result.issues);
  if (!result.ok) return undefined;
  return result.value.bytes;
}

/**
 * 発送実績のモール連携: 楽天 updateOrderShipping bodies, Yahoo! orderShipStatusChange XML, the Amazon
 * shipping-confirmation file and the own site's CSV. A 同梱 parcel is reported to every mall order it
 * carries, a split order reports every tracking number.
 */
export async function uploadsStep(day, output) {
  const ctx = day.ctx('uploads', 'system:モール連携');
  const orders = await day.orders();
  const shippedToday = orders.filter((order) => order.status === 'shipped');
  const rakuten = rakutenShippingBodies(shippedToday, { today: TODAY });
  day.alert('モール連携', '楽天', rakuten.issues);
  output.write('uploads/rakuten-update-order-shipping.json', `${JSON.stringify(rakuten.bodies, null, 2)}\n`);
  const yahoo = yahooShipStatusBodies(shippedToday, { sellerId: SHOPS.yahoo.shopId, today: TODAY });
  day.alert('モール連携', 'Yahoo!', yahoo.issues);
  output.write('uploads/yahoo-order-ship-status.xml', yahoo.bodies.map((body) => `${body.xml}\n`).join(''));
  const amazon = fileBytes(amazonShipConfirmFile(shippedToday, { today: TODAY }), day, 'Amazon');
  if (amazon !== undefined) output.write('uploads/amazon-ship-confirmation.txt', amazon);
  const own = collectShipmentResults(shippedToday, SHOPS.own.channel);
  day.alert('モール連携', '自社サイト', own.issues);
  const ownRows = own.results.flatMap(({ order, parcels }) =>
    parcels.map((parcel) => ({
      mallOrderNumber: order.mallOrderNumber,
      slipNumber: parcel.shipment.slipNumber,
      carrier: carrierNames[parcel.shipment.carrier ?? ''] ?? parcel.shipment.carrier ?? '',
      trackingNumber: parcel.trackingNumber,
      shippedOn: parcel.shipment.shippedOn ?? TODAY,
    })),
  );
  output.write(
    'uploads/own-site-shipments.csv',
    csvBytes(ownRows, [
      ['mallOrderNumber', '受注番号'],
      ['slipNumber', '伝票番号'],
      ['carrier', '配送業者'],
      ['trackingNumber', 'お問い合わせ番号'],
      ['shippedOn', '出荷日'],
    ]),
  );
  const reported = new Set([
    ...rakuten.bodies.map((body) => `rakuten\u0000${body.orderNumber}`),
    ...yahoo.bodies.map((body) => `yahoo\u0000${body.orderId}`),
    ...collectShipmentResults(shippedToday, 'amazon').results.map(
      ({ order }) => `amazon\u0000${order.mallOrderNumber}`,
    ),
    ...own.results.map(({ order }) => `own\u0000${order.mallOrderNumber}`),
  ]);
  const changes = changeSet(orders);
  for (const order of shippedToday) {
    if (!reported.has(`${order.channel}\u0000${order.mallOrderNumber}`)) continue;
    changes.put(
      record(order, ctx, 'mall.sync', { what: 'shipment' }, (state) => ({
        ...state,
        axes: { ...state.axes, mallSync: 'synced' },
      })),
    );
  }
  await changes.save(day.stores.orders);
  return {
    rakuten: rakuten.bodies.length,
    yahoo: yahoo.bodies.length,
    amazon: collectShipmentResults(shippedToday, 'amazon').results.length,
    own: own.results.length,
  };
}

/**
 * 在庫連携: the sellable stock after today's shipments, through each channel's policy, compared with what
 * was pushed last night; only the listings whose quantity changed are uploaded, in each mall's format.
 */
export async function stockStep(day, output) {
  const levels = await day.stores.stock.readLevels();
  const pushed = await day.stores.syncState.read();
  const plan = planSync({ catalog: day.catalog, levels, policies: STOCK_POLICIES, pushed });
  day.alert('在庫連携', '計画', plan.issues);
  const items = {};
  for (const upload of plan.uploads) {
    items[upload.channel] = (items[upload.channel] ?? 0) + upload.items.length;
    if (upload.channel === 'rakuten') {
      const { bodies, issues } = rakutenInventoryBodies(upload);
      day.alert('在庫連携', '楽天', issues);
      output.write('uploads/rakuten-inventory-bulk-upsert.json', `${JSON.stringify(bodies, null, 2)}\n`);
    } else if (upload.channel === 'yahoo') {
      const bytes = fileBytes(yahooQuantityCsv(upload), day, 'Yahoo!');
      if (bytes !== undefined) output.write('uploads/yahoo-quantity.csv', bytes);
    } else if (upload.channel === 'amazon') {
      const bytes = fileBytes(amazonInventoryFile(upload), day, 'Amazon');
      if (bytes !== undefined) output.write('uploads/amazon-inventory.txt', bytes);
    } else {
      output.write(
        'uploads/own-site-stock.csv',
        csvBytes(
          upload.items.map((item) => ({
            itemCode: item.itemCode,
            skuCode: item.skuCode ?? '',
            quantity: String(item.quantity),
          })),
          [
            ['itemCode', '商品コード'],
            ['skuCode', 'SKU'],
            ['quantity', '在庫数'],
          ],
        ),
      );
    }
  }
  await day.stores.syncState.replace(plan.pushed);
  const names = new Map(PRODUCTS.map((product) => [product.sku, product.name]));
  output.write(
    'stock/levels.csv',
    csvBytes(
      [...levels]
        .sort((a, b) => (a.sku < b.sku ? -1 : 1))
        .map((level) => ({
          sku: level.sku,
          name: names.get(level.sku) ?? '',
          onHand: String(level.onHand),
          reserved: String(level.reserved),
          free: String(level.onHand - level.reserved),
        })),
      [
        ['sku', 'SKU'],
        ['name', '商品名'],
        ['onHand', '在庫数'],
        ['reserved', '引当数'],
        ['free', 'フリー在庫'],
      ],
    ),
  );
  return { items };
}

/**
 * The order lists staff open in Excel (CP932, formula guard on): one row per order and one per slip, and
 * every alert of the day with the step it came from.
 */
export async function reportStep(day, output) {
  const orders = await day.orders();
  const perOrder = exportCsv(orders, {
    name: '受注一覧',
    rowPer: 'order',
    columns: [
      { field: 'mallOrderNumber' },
      { field: 'channel' },
      { field: 'orderedAt' },
      { field: 'status' },
      { field: 'ordererName' },
      { field: 'paymentMethod' },
      { field: 'billedTotal' },
      { field: 'tags' },
      { field: 'alerts' },
    ],
  });
  const perSlip = exportCsv(orders, {
    name: '伝票一覧',
    rowPer: 'shipment',
    columns: [
      { field: 'slipNumber' },
      { field: 'mallOrderNumber' },
      { field: 'destinationName' },
      { field: 'destinationPostalCode' },
      { field: 'destinationAddress' },
      { field: 'temperature' },
      { field: 'requestedDate' },
      { field: 'timeSlot' },
      { field: 'codAmount' },
      { field: 'trackingNumbers' },
      { field: 'shippedOn' },
    ],
  });
  for (const [path, file] of [
    ['orders/orders.csv', perOrder],
    ['orders/slips.csv', perSlip],
  ]) {
    day.alert('CSV出力', path, file.issues);
    if (file.ok) output.write(path, file.value.bytes);
  }
  const alertRows = day.alerts().map(({ step, subject, issue }) => ({
    step,
    subject,
    severity: issue.severity,
    code: issue.code,
    message: issue.message,
  }));
  output.write(
    'alerts.csv',
    csvBytes(alertRows, [
      ['step', '工程'],
      ['subject', '対象'],
      ['severity', '重要度'],
      ['code', 'コード'],
      ['message', '内容'],
    ]),
  );
  return orders;
}
