// The morning: import the mall files, screen the orders (blacklist, addresses), 同梱, 伝票分割 and 引当.
import { checkShipments } from '@hakobu/carriers';
import { createIssue } from '@hakobu/core';
import { allocate } from '@hakobu/inventory';
import {
  amazonOrderReportFormat,
  importOrders,
  rakutenOrderCsvFormat,
  readOrderCsv,
  standardOrderCsvFormat,
  yahooOrderCsvFormat,
} from '@hakobu/malls';
import {
  applyTransition,
  buildBlacklistIndex,
  bundle,
  defaultStatusFlow,
  findBundleCandidates,
  rescreenOrders,
  splitByTemperature,
} from '@hakobu/orders';
import { changeSet, csvBytes, lineIndex, record, settled } from './day.mjs';
import {
  BUNDLE_POLICY,
  BUNDLE_SPEC,
  HOLD_CODES,
  mallCodes,
  SHIP_FROM,
  SHOPS,
  SPLIT_POLICY,
  sellableItems,
  TODAY,
} from './shop.mjs';

/** The reader of each mall file (Amazon sends no tax rate per line: the product master has it). */
function formats() {
  const taxRateBySku = {};
  for (const item of sellableItems()) taxRateBySku[mallCodes(item).amazon.itemCode] = item.tax;
  return {
    rakuten: { label: '楽天', format: rakutenOrderCsvFormat({ shopId: SHOPS.rakuten.shopId }) },
    amazon: {
      label: 'Amazon',
      format: amazonOrderReportFormat({ shopId: SHOPS.amazon.shopId, taxRateBySku }),
    },
    yahoo: { label: 'Yahoo!', format: yahooOrderCsvFormat({ shopId: SHOPS.yahoo.shopId }) },
    own: {
      label: '自社サイト',
      format: standardOrderCsvFormat({ shopId: SHOPS.own.shopId, channel: SHOPS.own.channel }),
    },
  };
}

/**
 * 取込: each mall file through its reader into drafts, then into the repository. Every rejected record is
 * reported with its line; the 楽天 file is imported a second time to show that a re-import changes nothing.
 */
export async function importStep(day, files, mapSku, progress) {
  const readers = formats();
  const ctx = { ...day.ctx('import', 'system:取込'), mapSku };
  const perFile = [];
  let done = 0;
  for (const file of files) {
    const { label, format } = readers[file.format];
    const read = readOrderCsv(file.bytes, format);
    day.alert('取込', file.name, read.issues);
    for (const rejected of read.rejected)
      day.alert('取込', `${file.name} ${rejected.line}行目`, rejected.issues);
    const imported = await importOrders(day.stores.orders, read.drafts, ctx);
    if (!imported.ok) throw new Error(imported.issues.map((issue) => issue.message).join('\n'));
    day.alert('取込', file.name, imported.value.issues);
    perFile.push({ file: file.name, mall: label, ...read.counts, created: imported.value.counts.created });
    done += 1;
    progress.tick(done, files.length, file.name);
  }
  const again = files.find((file) => file.format === 'rakuten');
  const reread = readOrderCsv(again.bytes, readers.rakuten.format);
  const reimport = await importOrders(day.stores.orders, reread.drafts, ctx);
  if (!reimport.ok) throw new Error(reimport.issues.map((issue) => issue.message).join('\n'));
  return { files: perFile, reimport: reimport.value.counts };
}

function openShipments(order) {
  return order.shipments.filter((shipment) => shipment.state === 'open');
}

/**
 * 受注審査: the blacklist (normalised name, phone, email, address of the orderer and every destination)
 * and the address checks of `@hakobu/carriers` (postal code ↔ address, phone, 離島, lead time). Orders
 * with a blacklist hit or an address that cannot be delivered as written go on hold (保留); own-site orders
 * move on by payment (発送待ち or 入金待ち).
 */
export async function screenStep(day, progress) {
  const ctx = day.ctx('screen', 'system:受注審査');
  const orders = await day.orders();
  const changes = changeSet(orders);
  const index = buildBlacklistIndex(await day.stores.blacklist.list());
  const screened = rescreenOrders(orders, index, ctx);
  changes.put(...screened.changed);

  let checked = 0;
  for (const order of changes.all()) {
    checked += 1;
    progress.tick(checked, orders.length);
    const open = openShipments(order);
    if (open.length === 0) continue;
    const found = checkShipments(open, {
      directory: day.directory,
      from: SHIP_FROM,
      islands: day.islands,
      shipDate: TODAY,
    }).flatMap((alerts) => alerts.issues);
    if (found.length === 0) continue;
    changes.put(
      record(order, ctx, 'address.check', { codes: found.map((issue) => issue.code) }, (state) => ({
        ...state,
        alerts: [...state.alerts, ...found],
      })),
    );
  }

  let held = 0;
  for (const order of changes.all()) {
    const reasons = order.alerts.filter((alert) => HOLD_CODES.includes(alert.code));
    if (reasons.length > 0) {
      const reason = [...new Set(reasons.map((alert) => alert.message))].join(' / ');
      const moved = applyTransition(defaultStatusFlow, order, 'hold', ctx, { reason });
      if (moved.ok) {
        changes.put(moved.value.order);
        held += 1;
      } else day.alert('受注審査', order.mallOrderNumber, moved.issues);
      continue;
    }
    if (order.status === 'new') {
      const moved = applyTransition(
        defaultStatusFlow,
        order,
        settled(order) ? 'confirm' : 'awaitPayment',
        ctx,
      );
      if (moved.ok) changes.put(moved.value.order);
      else day.alert('受注審査', order.mallOrderNumber, moved.issues);
    }
  }
  for (const order of changes.all()) day.alert('受注審査', order.mallOrderNumber, order.alerts);
  await changes.save(day.stores.orders);
  return { orders: orders.length, blacklisted: screened.flagged, held };
}

/** Ready to ship today: 発送待ち, paid (or 代引), not on hold. */
export function readyToShip(order) {
  return order.status === 'awaitingShipment' && settled(order) && order.axes.holds.length === 0;
}

/**
 * 同梱: orders ready to ship that go to the same phone and address become one parcel (the oldest order is
 * the parent). Candidates that fail a precondition (代引 with card, 冷凍 with 常温 …) are listed, not
 * bundled.
 */
export async function bundleStep(day, output) {
  const ctx = day.ctx('bundle', 'system:同梱');
  const orders = await day.orders();
  const changes = changeSet(orders);
  const candidates = findBundleCandidates(orders.filter(readyToShip), BUNDLE_SPEC);
  const rows = [];
  let bundled = 0;
  let refused = 0;
  candidates.forEach((candidate, group) => {
    const members = candidate.orderIds.map((id) => changes.get(id));
    const [parent, ...children] = members;
    const result =
      candidate.failedPreconditions.length === 0
        ? bundle(parent, children, BUNDLE_POLICY, ctx)
        : { ok: false, issues: candidate.failedPreconditions };
    if (result.ok) {
      changes.put(result.value.parent, ...result.value.children);
      bundled += 1;
    } else {
      refused += 1;
      day.alert(
        '同梱',
        members.map((order) => order.mallOrderNumber).join(' + '),
        result.issues.map((issue) => ({ ...issue, severity: 'info' })),
      );
    }
    members.forEach((order, position) => {
      rows.push({
        group: String(group + 1),
        mallOrderNumber: order.mallOrderNumber,
        channel: order.channel,
        role: position === 0 ? '親' : '子',
        result: result.ok ? '同梱' : '同梱不可',
        reason: result.ok ? '' : result.issues.map((issue) => issue.message).join(' / '),
      });
    });
  });
  await changes.save(day.stores.orders);
  output.write(
    'orders/bundles.csv',
    csvBytes(rows, [
      ['group', '候補'],
      ['mallOrderNumber', '受注番号'],
      ['channel', '販路'],
      ['role', '親子'],
      ['result', '結果'],
      ['reason', '理由'],
    ]),
  );
  return {
    candidates: candidates.length,
    bundled,
    refused,
    children: changes.all().filter((o) => o.bundle?.role === 'child').length,
  };
}

/**
 * 伝票分割: an order whose open slip holds several 温度帯 gets one slip per zone; fees go to the 常温
 * slip, coupons and points are apportioned by item amount, so every slip's 代引金額 is exact.
 */
export async function splitStep(day) {
  const ctx = day.ctx('split', 'system:伝票分割');
  const orders = await day.orders();
  const changes = changeSet(orders);
  const lineOf = lineIndex(orders);
  let split = 0;
  let slips = 0;
  for (const order of orders.filter(readyToShip)) {
    const zones = (shipment) => new Set(shipment.lines.map((ref) => lineOf(ref)?.temperature));
    const mixed = openShipments(order).some((shipment) => zones(shipment).size > 1);
    if (!mixed) continue;
    const result = splitByTemperature(order, SPLIT_POLICY, ctx);
    if (!result.ok) {
      day.alert('伝票分割', order.mallOrderNumber, result.issues);
      continue;
    }
    changes.put(result.value.order);
    split += 1;
    slips += result.value.order.shipments.length - order.shipments.length;
  }
  await changes.save(day.stores.orders);
  return { split, newSlips: slips };
}

/** The listing an order line was sold under, to allocate by mall code (packs count their 入数). */
function listingOf(catalog, order, line) {
  for (const listing of catalog.listingsBySku.get(line.masterSku ?? '') ?? []) {
    if (
      listing.channel === order.channel &&
      listing.shopId === order.shopId &&
      listing.itemCode === line.mallItemCode
    )
      return listing;
  }
  return undefined;
}

/**
 * 引当: stock is reserved order by order, oldest first, all lines of an order or none. An order that
 * cannot be served gets the shortfall as an alert and waits (欠品); sets reserve their components.
 */
export async function allocateStep(day, progress) {
  const ctx = day.ctx('allocate', 'system:引当');
  const orders = await day.orders();
  const changes = changeSet(orders);
  const queue = orders
    .filter(readyToShip)
    .sort((a, b) => (a.orderedAt < b.orderedAt ? -1 : a.orderedAt > b.orderedAt ? 1 : a.id < b.id ? -1 : 1));
  let allocated = 0;
  let short = 0;
  for (const [position, order] of queue.entries()) {
    progress.tick(position + 1, queue.length, order.mallOrderNumber);
    const lines = [];
    const unmapped = [];
    for (const line of order.lines) {
      const listing = listingOf(day.catalog, order, line);
      if (listing === undefined) unmapped.push(line);
      else
        lines.push({
          orderLineId: line.id,
          mallCode: {
            channel: listing.channel,
            shopId: listing.shopId,
            itemCode: listing.itemCode,
            ...(listing.skuCode === undefined ? {} : { skuCode: listing.skuCode }),
          },
          quantity: line.quantity,
        });
    }
    const result =
      unmapped.length > 0
        ? {
            ok: false,
            issues: unmapped.map((line) =>
              createIssue('inventory.unknown_mall_code', `明細「${line.name}」が商品対応表にありません`),
            ),
          }
        : await allocate(
            { store: day.stores.stock, catalog: day.catalog, clock: ctx.clock },
            { key: `allocate:${order.id}`, actor: ctx.actor, lines },
          );
    if (result.ok) {
      allocated += 1;
      changes.put(
        record(order, ctx, 'inventory.allocate', { key: `allocate:${order.id}` }, (state) => ({
          ...state,
          axes: { ...state.axes, allocation: 'allocated' },
        })),
      );
      continue;
    }
    short += 1;
    day.alert('引当', order.mallOrderNumber, result.issues);
    changes.put(
      record(order, ctx, 'inventory.shortfall', { codes: result.issues.map((i) => i.code) }, (state) => ({
        ...state,
        alerts: [...state.alerts, ...result.issues],
        tags: [...new Set([...state.tags, '欠品'])],
      })),
    );
  }
  await changes.save(day.stores.orders);
  return { allocated, short };
}
