import { createIssue, fail, HakobuError, type Issue, ok } from '@hakobu/core';
import {
  checkOrderChanges,
  mallKeyString,
  Order,
  type OrderChange,
  type OrderRepository,
  queryOrders,
} from '@hakobu/orders';
import { jsonFile, serialQueue } from './json-file';

const FORMAT = 'hakobu-example/orders@1';

/**
 * An {@link OrderRepository} kept in one JSON file (JSONファイル受注リポジトリ): every order in a `Map` by id,
 * an index by mall key, the whole set written to disk on each save. Small enough to read in one sitting, and
 * it passes `orderRepositoryChecks` of `@hakobu/orders/testing`, which is how a host knows its own adapter
 * (SQL, a document store, a SaaS API) keeps the port's promises:
 *
 * - `save` is all-or-nothing: every change is checked (version read, new id, mall key) before anything is
 *   written, and the file is replaced in one rename;
 * - a stale version, an existing id and a reused mall key come back as issues, never as exceptions;
 * - stored and returned orders are copies, so callers cannot change the store by accident;
 * - checks and writes run one save at a time, so two saves cannot both pass the version check.
 *
 * Opening refuses a file that is not JSON, not this format, or holds an order that is not an `Order`.
 *
 * @example
 * ```ts
 * const repository = await openJsonFileOrderRepository('/var/lib/shop/orders.json');
 * await importOrders(repository, read.drafts, ctx); // @hakobu/malls
 * ```
 */
export async function openJsonFileOrderRepository(path: string): Promise<OrderRepository> {
  const file = jsonFile<Order[]>(path, FORMAT);
  const loaded = (await file.read()) ?? [];
  for (const [index, order] of loaded.entries()) {
    const checked = Order.safeParse(order);
    if (!checked.success) {
      throw new HakobuError('adapter.file_corrupt', `${path} の${index + 1}件目は受注として読めません`);
    }
  }
  let byId = new Map(loaded.map((order) => [order.id, order]));
  let byMallKey = new Map(loaded.map((order) => [mallKeyString(order), order.id]));
  const serial = serialQueue();

  // The same refusals, codes and messages as every other store: the port's own check over what this one holds.
  function refusals(changes: readonly OrderChange[]): Issue[] {
    return checkOrderChanges(changes, {
      versionOf: (id) => byId.get(id)?.version,
      ownerOfMallKey: (key) => byMallKey.get(key),
    });
  }

  return {
    async get(id) {
      const order = byId.get(id);
      return order === undefined ? undefined : structuredClone(order);
    },
    async findByMallKey(key) {
      const id = byMallKey.get(mallKeyString(key));
      return id === undefined ? undefined : structuredClone(byId.get(id));
    },
    save(changes) {
      return serial(async () => {
        const issues = refusals(changes);
        if (issues.length > 0) return fail(issues);
        const nextById = new Map(byId);
        const nextByMallKey = new Map(byMallKey);
        for (const { order } of changes) {
          const previous = nextById.get(order.id);
          if (previous !== undefined) nextByMallKey.delete(mallKeyString(previous));
          nextById.set(order.id, structuredClone(order));
          nextByMallKey.set(mallKeyString(order), order.id);
        }
        // Disk first: if the write fails, memory still matches the file and the save is refused as a whole.
        try {
          await file.write([...nextById.values()]);
        } catch (error) {
          return fail([
            createIssue('adapter.write_failed', `受注を ${path} に保存できませんでした: ${String(error)}`),
          ]);
        }
        byId = nextById;
        byMallKey = nextByMallKey;
        return ok(changes.map(({ order }) => structuredClone(order)));
      });
    },
    async query(query, page) {
      const result = queryOrders(byId.values(), query, page);
      return { items: result.items.map((order) => structuredClone(order)), total: result.total };
    },
  };
}
