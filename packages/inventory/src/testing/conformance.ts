import { HakobuError, type Result } from '@hakobu/core';
import type { ConformanceCheck } from '@hakobu/core/testing';
import type { StockBatch, StockBatchOutcome, StockOperation } from '../store/batch';
import type { StockStore } from '../store/port';

/** Options of {@link stockStoreChecks}. */
export interface StockStoreCheckOptions {
  /** How many concurrent reservers compete for the last units (default 200). */
  readonly concurrentReservers?: number;
}

const at = '2026-11-28T10:00:00+09:00';

function batch(key: string, ...operations: StockOperation[]): StockBatch {
  return { key, actor: 'conformance', at, operations };
}

function receipt(sku: string, quantity: number, location?: string): StockOperation {
  return location === undefined
    ? { op: 'adjust', kind: 'receipt', sku, quantity }
    : { op: 'adjust', kind: 'receipt', sku, location, quantity };
}

function reserve(orderLineId: string, sku: string, quantity: number): StockOperation {
  return { op: 'reserve', orderLineId, sku, quantity };
}

function check(condition: boolean, message: string, data?: Record<string, unknown>): asserts condition {
  if (!condition)
    throw new HakobuError('inventory.conformance_failed', message, data === undefined ? {} : { data });
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

async function applied(store: StockStore, input: StockBatch): Promise<StockBatchOutcome> {
  const result = await store.apply(input);
  check(result.ok, `batch ${input.key} was refused: ${JSON.stringify(result.issues)}`);
  return result.value;
}

function codes(result: Result<unknown>): string[] {
  return result.issues.map((issue) => issue.code);
}

async function level(store: StockStore, sku: string) {
  const [found] = await store.readLevels({ skus: [sku] });
  return found === undefined ? undefined : { onHand: found.onHand, reserved: found.reserved };
}

/**
 * The conformance suite of the {@link StockStore} port (在庫ストアの適合テスト), runnable against any
 * implementation. It is framework-agnostic: it returns a list of named async checks, each on a fresh store
 * from `createStore`, and a check fails by rejecting, so any runner (vitest, jest, `node:test`) can register
 * them as tests, as in the example.
 *
 * It covers the whole port contract: all-or-nothing batches, every shortfall listed, demand summed per SKU,
 * release, commit, re-allocation without double counting, refusals below zero and below reserved, sorted
 * reads and issues, idempotency (replay and conflict), and concurrency: many concurrent reservers on the
 * last units, concurrent retries of one key, and concurrent conflicting uses of one key.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { stockStoreChecks } from '@hakobu/inventory/testing';
 *
 * describe('PostgresStockStore', () => {
 *   for (const { name, run } of stockStoreChecks(() => createPostgresStockStore(freshSchema()))) {
 *     it(name, run);
 *   }
 * });
 * ```
 */
export function stockStoreChecks(
  createStore: () => StockStore | Promise<StockStore>,
  options: StockStoreCheckOptions = {},
): ConformanceCheck[] {
  const reservers = options.concurrentReservers ?? 200;
  const cases: Array<[string, (store: StockStore) => Promise<void>]> = [
    [
      'declares specification v1 and starts empty',
      async (store) => {
        check(store.specificationVersion === 'v1', 'specificationVersion must be v1');
        same(await store.readLevels(), [], 'levels of a new store');
        same(await store.readReservations(), [], 'reservations of a new store');
        same(await store.readMovements(), [], 'movements of a new store');
      },
    ],
    [
      'a receipt raises onHand and writes a ledger entry with a stable id',
      async (store) => {
        const outcome = await applied(store, batch('r1', receipt('A', 5), receipt('A', 2, 'east')));
        same(outcome.replayed, false, 'replayed');
        same(await level(store, 'A'), { onHand: 5, reserved: 0 }, 'level A');
        const movements = await store.readMovements({ sku: 'A' });
        same(
          movements.map((m) => [m.id, m.kind, m.quantity, m.location ?? null, m.actor, m.batchKey]),
          [
            ['r1#1', 'receipt', 5, null, 'conformance', 'r1'],
            ['r1#2', 'receipt', 2, 'east', 'conformance', 'r1'],
          ],
          'ledger',
        );
        same(
          (await store.readLevels()).map((l) => l.location ?? null),
          [null, 'east'],
          'levels sorted by location',
        );
      },
    ],
    [
      'reserve within free stock holds it for the order line',
      async (store) => {
        await applied(store, batch('r', receipt('A', 5)));
        const outcome = await applied(store, batch('o1', reserve('L1', 'A', 3)));
        same(
          outcome.reservations,
          [{ orderLineId: 'L1', sku: 'A', before: 0, after: 3 }],
          'reservation change',
        );
        same(await level(store, 'A'), { onHand: 5, reserved: 3 }, 'level A');
        same(
          await store.readReservations({ orderLineIds: ['L1'] }),
          [{ orderLineId: 'L1', sku: 'A', quantity: 3 }],
          'reservations',
        );
      },
    ],
    [
      'a batch with shortfalls applies nothing and lists every shortfall in sorted order',
      async (store) => {
        await applied(store, batch('r', receipt('A', 1), receipt('B', 1), receipt('C', 9)));
        const result = await store.apply(
          batch('o1', reserve('L1', 'C', 1), reserve('L2', 'B', 2), reserve('L3', 'A', 3)),
        );
        check(!result.ok, 'the batch must be refused');
        same(codes(result), ['inventory.shortfall', 'inventory.shortfall'], 'issue codes');
        same(
          result.issues.map((i) => [i.data?.sku, i.data?.requested, i.data?.available]),
          [
            ['A', 3, 1],
            ['B', 2, 1],
          ],
          'shortfalls',
        );
        same(await level(store, 'C'), { onHand: 9, reserved: 0 }, 'C untouched');
        same(await store.readReservations(), [], 'no reservation');
      },
    ],
    [
      'demand is summed per SKU across lines before the check',
      async (store) => {
        await applied(store, batch('r', receipt('A', 3)));
        const result = await store.apply(batch('o1', reserve('L1', 'A', 2), reserve('L2', 'A', 2)));
        check(!result.ok, 'two lines of 2 on a stock of 3 must be refused');
        same(result.issues[0]?.data?.requested, 4, 'summed demand');
        same(await level(store, 'A'), { onHand: 3, reserved: 0 }, 'level A');
      },
    ],
    [
      'release of a whole order line restores free stock exactly; over-release is refused',
      async (store) => {
        await applied(store, batch('r', receipt('A', 5), receipt('B', 5)));
        await applied(
          store,
          batch('o1', reserve('L1', 'A', 2), reserve('L1', 'B', 1), reserve('L2', 'A', 1)),
        );
        const over = await store.apply(
          batch('x', { op: 'release', orderLineId: 'L2', sku: 'A', quantity: 2 }),
        );
        same(codes(over), ['inventory.reservation_exceeded'], 'over-release');
        await applied(store, batch('c1', { op: 'release', orderLineId: 'L1' }));
        same(await level(store, 'A'), { onHand: 5, reserved: 1 }, 'level A');
        same(await level(store, 'B'), { onHand: 5, reserved: 0 }, 'level B');
        same(await store.readReservations(), [{ orderLineId: 'L2', sku: 'A', quantity: 1 }], 'reservations');
      },
    ],
    [
      'commit ships reserved stock: onHand and reserved go down, a shipment is written',
      async (store) => {
        await applied(store, batch('r', receipt('A', 5)));
        await applied(store, batch('o1', reserve('L1', 'A', 3)));
        await applied(store, batch('s1', { op: 'commit', orderLineId: 'L1', sku: 'A', quantity: 1 }));
        await applied(store, batch('s2', { op: 'commit', orderLineId: 'L1' }));
        same(await level(store, 'A'), { onHand: 2, reserved: 0 }, 'level A');
        same(
          (await store.readMovements({ sku: 'A' })).map((m) => [m.kind, m.quantity, m.orderLineId ?? null]),
          [
            ['receipt', 5, null],
            ['shipment', -1, 'L1'],
            ['shipment', -2, 'L1'],
          ],
          'ledger',
        );
        same(await store.readReservations(), [], 'reservations');
      },
    ],
    [
      're-allocation in one batch (release the line, reserve again) does not double count',
      async (store) => {
        await applied(store, batch('r', receipt('A', 4)));
        await applied(store, batch('o1', reserve('L1', 'A', 4)));
        const outcome = await applied(
          store,
          batch('o1-split', { op: 'release', orderLineId: 'L1' }, reserve('L1', 'A', 4)),
        );
        same(
          outcome.reservations,
          [{ orderLineId: 'L1', sku: 'A', before: 4, after: 4 }],
          'reservation change',
        );
        same(await level(store, 'A'), { onHand: 4, reserved: 4 }, 'level A');
      },
    ],
    [
      'adjustments below zero or below reserved are refused and apply nothing',
      async (store) => {
        await applied(store, batch('r', receipt('A', 3), receipt('B', 3)));
        await applied(store, batch('o1', reserve('L1', 'B', 2)));
        const result = await store.apply(
          batch(
            'sale',
            { op: 'adjust', kind: 'store_sale', sku: 'A', quantity: -4 },
            { op: 'adjust', kind: 'adjustment', sku: 'B', quantity: -2 },
          ),
        );
        same(codes(result), ['inventory.negative_stock', 'inventory.below_reserved'], 'issue codes');
        same(await level(store, 'A'), { onHand: 3, reserved: 0 }, 'level A');
        same((await store.readMovements()).length, 2, 'ledger length');
      },
    ],
    [
      'safety stock is kept per level and does not block allocation',
      async (store) => {
        await applied(store, batch('r', receipt('A', 3), { op: 'set_safety_stock', sku: 'A', quantity: 2 }));
        await applied(store, batch('o1', reserve('L1', 'A', 3)));
        same(await store.readLevels(), [{ sku: 'A', onHand: 3, reserved: 3, safetyStock: 2 }], 'levels');
      },
    ],
    [
      'an invalid batch is refused with inventory.invalid_batch',
      async (store) => {
        const result = await store.apply(
          batch('bad', { op: 'reserve', orderLineId: 'L1', sku: 'A', quantity: 0 }),
        );
        check(
          !result.ok && codes(result).every((code) => code === 'inventory.invalid_batch'),
          'invalid_batch expected',
        );
      },
    ],
    [
      'a retried key with the same operations is replayed, not applied twice',
      async (store) => {
        await applied(store, batch('r', receipt('A', 5)));
        const first = await applied(store, batch('o1', reserve('L1', 'A', 2)));
        const retry = await applied(store, {
          ...batch('o1', reserve('L1', 'A', 2)),
          at: '2026-11-28T10:05:00+09:00',
        });
        same(retry.replayed, true, 'replayed');
        same(retry.reservations, first.reservations, 'replayed outcome');
        same(await level(store, 'A'), { onHand: 5, reserved: 2 }, 'level A');
      },
    ],
    [
      'a key reused with other operations fails with inventory.idempotency_conflict and applies nothing',
      async (store) => {
        await applied(store, batch('r', receipt('A', 5)));
        await applied(store, batch('o1', reserve('L1', 'A', 2)));
        const result = await store.apply(batch('o1', reserve('L1', 'A', 3)));
        same(codes(result), ['inventory.idempotency_conflict'], 'issue codes');
        same(await level(store, 'A'), { onHand: 5, reserved: 2 }, 'level A');
      },
    ],
    [
      'a refused batch is not remembered and can be retried with the same key',
      async (store) => {
        const refused = await store.apply(batch('o1', reserve('L1', 'A', 1)));
        same(codes(refused), ['inventory.shortfall'], 'first attempt');
        await applied(store, batch('r', receipt('A', 1)));
        const retried = await applied(store, batch('o1', reserve('L1', 'A', 1)));
        same(retried.replayed, false, 'applied on retry');
      },
    ],
    [
      `${reservers} concurrent reservers on the last units: exactly the free quantity succeeds, never negative`,
      async (store) => {
        const free = Math.max(1, Math.floor(reservers / 7));
        await applied(store, batch('r', receipt('LAST', free + 3)));
        await applied(store, batch('pre', reserve('P1', 'LAST', 3)));
        const results = await Promise.all(
          Array.from({ length: reservers }, (_, i) =>
            store.apply(batch(`c${i}`, reserve(`C${i}`, 'LAST', 1))),
          ),
        );
        const succeeded = results.filter((r) => r.ok).length;
        same(succeeded, free, 'successful reservers');
        check(
          results.every((r) => r.ok || codes(r).join() === 'inventory.shortfall'),
          'every refusal must be a shortfall',
        );
        same(await level(store, 'LAST'), { onHand: free + 3, reserved: free + 3 }, 'level LAST');
        same((await store.readReservations({ skus: ['LAST'] })).length, free + 1, 'reservation count');
      },
    ],
    [
      'concurrent batches of several units never over-reserve',
      async (store) => {
        await applied(store, batch('r', receipt('A', 10), receipt('B', 10)));
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            store.apply(
              batch(
                `m${i}`,
                reserve(`M${i}`, i % 2 === 0 ? 'A' : 'B', 1 + (i % 4)),
                reserve(`N${i}`, 'B', 1),
              ),
            ),
          ),
        );
        const levels = await store.readLevels();
        for (const l of levels)
          check(l.reserved <= l.onHand && l.reserved >= 0, `over-reserved ${JSON.stringify(l)}`);
        const reservations = await store.readReservations();
        for (const sku of ['A', 'B']) {
          const held = reservations.filter((r) => r.sku === sku).reduce((sum, r) => sum + r.quantity, 0);
          same(
            held,
            levels.find((l) => l.sku === sku)?.reserved,
            `reservations of ${sku} add up to reserved`,
          );
        }
        check(
          results.some((r) => r.ok) && results.some((r) => !r.ok),
          'some batches must win and some must lose',
        );
      },
    ],
    [
      'concurrent retries of one key apply it exactly once',
      async (store) => {
        await applied(store, batch('r', receipt('A', 100)));
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.apply(batch('once', reserve('L1', 'A', 7)))),
        );
        check(
          results.every((r) => r.ok),
          'every retry must succeed',
        );
        same(results.filter((r) => r.ok && !r.value.replayed).length, 1, 'applied exactly once');
        same(await level(store, 'A'), { onHand: 100, reserved: 7 }, 'level A');
      },
    ],
    [
      'concurrent uses of one key with different operations: one applies, the rest conflict',
      async (store) => {
        await applied(store, batch('r', receipt('A', 100)));
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.apply(batch('shared', reserve('L1', 'A', i + 1)))),
        );
        const winners = results.filter((r) => r.ok);
        same(winners.length, 1, 'winners');
        check(
          results.filter((r) => !r.ok).every((r) => codes(r).join() === 'inventory.idempotency_conflict'),
          'the others must conflict',
        );
        const reserved = (await level(store, 'A'))?.reserved;
        same(reserved, winners[0]?.ok ? winners[0].value.reservations[0]?.after : undefined, 'reserved');
      },
    ],
  ];
  return cases.map(([name, body]) => ({
    name,
    run: async () => body(await createStore()),
  }));
}
