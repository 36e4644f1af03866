// What the steps of the day share: the stores, the catalog, the clock of each step, sequential ids, the
// alert log, and reading and saving orders through the repository port (never around it).
import { writeCsv } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { commitOperation, stateOf } from '@hakobu/orders';
import { SCHEDULE } from './shop.mjs';

/** Orders are read from the repository in pages of this size. */
const PAGE = 200;

/** Code-unit order of ids (`localeCompare` would depend on the host's locale). */
export function byId(a, b) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The shared state of one run.
 *
 * @param {{ stores: Awaited<ReturnType<import('./stores.mjs').openStores>>,
 *   catalog: import('@hakobu/inventory').Catalog, directory: import('@hakobu/carriers').PostalDirectory,
 *   islands: import('@hakobu/carriers').RemoteIslandList, output: ReturnType<import('./output.mjs').openOutput> }} deps
 */
export function createDay(deps) {
  const ids = sequenceIdGenerator(4);
  /** @type {{ step: string, subject: string, issue: import('@hakobu/core').Issue }[]} */
  const alerts = [];
  return {
    ...deps,
    ids,
    /** The operation context of a step: the step's fixed instant, the shared ids, who acts. */
    ctx(step, actor) {
      return { clock: fixedClock(SCHEDULE[step]), ids, actor };
    },
    /** The fixed instant of a step, as a `Date`. */
    at(step) {
      return new Date(SCHEDULE[step]);
    },
    /** Records issues for the alert list and the summary (`subject`: the order or file they are about). */
    alert(step, subject, issues) {
      for (const issue of issues) alerts.push({ step, subject, issue });
    },
    alerts: () => alerts,
    /** Every order in the repository, sorted by id. */
    async orders() {
      const all = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await deps.stores.orders.query({}, { offset, limit: PAGE });
        all.push(...page.items);
        if (all.length >= page.total || page.items.length === 0) break;
      }
      return all.sort(byId);
    },
  };
}

/**
 * Changes to orders made during one step, saved together (all or nothing) with the versions read at the
 * start of the step, however many operations touched an order in between.
 *
 * @param {import('@hakobu/orders').Order[]} orders as read at the start of the step
 */
export function changeSet(orders) {
  const read = new Map(orders.map((order) => [order.id, order.version]));
  const current = new Map(orders.map((order) => [order.id, order]));
  const touched = new Set();
  return {
    /** The order as changed so far in this step. */
    get: (id) => current.get(id),
    /** Records new versions of orders (the outcome of an operation). */
    put(...changed) {
      for (const order of changed) {
        current.set(order.id, order);
        touched.add(order.id);
      }
    },
    /** Every order, changed or not, sorted by id. */
    all: () => [...current.values()].sort(byId),
    count: () => touched.size,
    /** Saves every changed order in one call; throws with every issue when the store refuses. */
    async save(repository) {
      if (touched.size === 0) return;
      const changes = [...touched]
        .sort()
        .map((id) => ({ order: current.get(id), expectedVersion: read.get(id) ?? null }));
      const saved = await repository.save(changes);
      if (!saved.ok) {
        throw new Error(
          `受注を保存できませんでした:\n${saved.issues.map((issue) => issue.message).join('\n')}`,
        );
      }
    },
  };
}

/**
 * A host's own small operation on one order, recorded in its history like the library's: `change` maps
 * the state (without history) to the new state.
 *
 * @param {import('@hakobu/orders').Order} order
 * @param {(state: import('@hakobu/orders').OrderState) => import('@hakobu/orders').OrderState} change
 */
export function record(order, ctx, type, details, change) {
  return commitOperation([order], [change(stateOf(order))], ctx, type, details, { undoable: false })
    .orders[0];
}

/** Lines of every order by `orderId` + `lineId`, for shipments that carry lines of several orders (同梱). */
export function lineIndex(orders) {
  const lines = new Map();
  for (const order of orders) for (const line of order.lines) lines.set(`${order.id}\u0000${line.id}`, line);
  return (ref) => lines.get(`${ref.orderId}\u0000${ref.lineId}`);
}

/** Payment settled: paid, authorised, or collected at the door (代引). */
export function settled(order) {
  return ['paid', 'authorized', 'notRequired'].includes(order.payment.status);
}

/** A CSV for people (UTF-8 with BOM so Excel opens it, formula guard on) from rows and [key, header] pairs. */
export function csvBytes(rows, columns) {
  const written = writeCsv(rows, {
    columns: columns.map(([key, header]) => ({ key, header })),
    formulaGuard: true,
    encoding: 'utf-8-bom',
  });
  if (!written.ok) throw new Error(written.issues.map((issue) => issue.message).join('\n'));
  return written.value.bytes;
}

/** JSON with two-space indent and a final newline. */
export function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}
