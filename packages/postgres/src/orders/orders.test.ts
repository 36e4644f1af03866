import { PGlite } from '@electric-sql/pglite';
import { importBlindIndexKey, importKeyring } from '@hakobu/core';
import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { changesOf, createInMemoryOrderRepository, type Order, redactOrder } from '@hakobu/orders';
import {
  blacklistStoreChecks,
  generateOrders,
  orderRepositoryChecks,
  registerConformance,
} from '@hakobu/orders/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations/migrations';
import { createPostgresBlacklistStore } from './blacklist-store';
import { createPostgresOrderRepository } from './order-repository';

const db = new PGlite();
let schemas = 0;
afterAll(() => db.close());

async function freshSchema(prefix: string): Promise<string> {
  schemas += 1;
  const schema = `${prefix}_${schemas}`;
  await migrate(db, { schema });
  return schema;
}

const key32 = (byte: number) => Buffer.alloc(32, byte).toString('base64');

registerConformance(
  'createPostgresOrderRepository on PGlite conforms to OrderRepository',
  orderRepositoryChecks(async () =>
    createPostgresOrderRepository(db, { schema: await freshSchema('orders') }),
  ),
  { describe, it },
);

registerConformance(
  'createPostgresBlacklistStore on PGlite conforms to BlacklistStore',
  blacklistStoreChecks(async () => createPostgresBlacklistStore(db, { schema: await freshSchema('bl') })),
  { describe, it },
);

registerConformance(
  'createPostgresBlacklistStore with encrypted personal data conforms to BlacklistStore',
  blacklistStoreChecks(async () =>
    createPostgresBlacklistStore(db, {
      schema: await freshSchema('blx'),
      pii: {
        keyring: await importKeyring({ currentKeyId: 'k1', keys: { k1: key32(7) } }),
        indexKey: await importBlindIndexKey(key32(9)),
      },
    }),
  ),
  { describe, it },
);

describe('createPostgresOrderRepository on PGlite', () => {
  const alert = { code: 'orders.blacklist.hit', severity: 'warning' as const, message: 'ブラックリスト該当' };
  const orders = generateOrders({ seed: 7, count: 120, idPrefix: 'pq' }).map((order, index) =>
    // One order with an open alert, one with an acknowledged (確認済み) alert only.
    index === 10
      ? { ...order, alerts: [alert] }
      : index === 11
        ? {
            ...order,
            alerts: [{ ...alert, acknowledged: { by: 'staff-1', at: '2026-11-28T10:00:00.000+09:00' } }],
          }
        : order,
  );

  it('answers every query as the in-memory repository does', async () => {
    const sql = createPostgresOrderRepository(db, { schema: await freshSchema('oq') });
    const memory = createInMemoryOrderRepository();
    const changes = orders.map((order) => ({ order, expectedVersion: null }));
    expect((await sql.save(changes)).ok).toBe(true);
    await memory.save(changes);
    const first = orders[0]!;
    const queries = [
      { channel: [first.channel] },
      { status: [first.status] },
      { paymentMethod: [first.payment.method] },
      { orderedFrom: first.orderedAt.slice(0, 10), orderedTo: first.orderedAt.slice(0, 10) },
      { minTotal: 3000, maxTotal: 20000 },
      { hasAlerts: false },
      { hasAlerts: true },
      { hasTracking: false },
      { text: first.orderer.name.slice(0, 2) },
      { text: first.orderer.phone },
      { text: first.orderer.address1.slice(0, 4) },
      { text: first.mallOrderNumber },
      { text: first.orderer.nameKana ?? first.orderer.name },
    ];
    for (const query of queries) {
      const expected = await memory.query(query, { offset: 0, limit: 1000 });
      const actual = await sql.query(query, { offset: 0, limit: 1000 });
      expect(expected.total, `${JSON.stringify(query)} must match some orders`).toBeGreaterThan(0);
      expect(actual.total, JSON.stringify(query)).toBe(expected.total);
      expect(new Set(actual.items.map((o) => o.id)), JSON.stringify(query)).toEqual(
        new Set(expected.items.map((o) => o.id)),
      );
    }
  });

  it('finds a tagged order and writes each event of its history once to the history table', async () => {
    const sql = createPostgresOrderRepository(db, { schema: await freshSchema('oe') });
    const order = orders[1]!;
    await sql.save([{ order, expectedVersion: null }]);
    const event = {
      id: 'ev-1',
      type: 'tag',
      at: '2026-11-28T10:00:00.000+09:00',
      actor: 'staff-1',
      orderIds: [order.id],
      details: {},
    };
    const tagged: Order = {
      ...order,
      tags: ['要確認'],
      version: order.version + 1,
      history: [...order.history, event],
    };
    expect((await sql.save(changesOf([tagged]))).ok).toBe(true);
    expect((await sql.query({ tags: ['要確認'] }, { offset: 0, limit: 10 })).items.map((o) => o.id)).toEqual([
      order.id,
    ]);
    const history = await sql.events({ orderId: order.id });
    expect(history.map((record) => record.event.id)).toEqual(tagged.history.map((e) => e.id));
    expect(history.at(-1)).toEqual({ orderId: order.id, position: tagged.history.length - 1, event });
  });

  it('keeps no personal data of a redacted order: not in its history rows, not in its search keys', async () => {
    const sql = createPostgresOrderRepository(db, { schema: await freshSchema('or') });
    const order = orders[3]!;
    await sql.save([{ order, expectedVersion: null }]);
    const tagged: Order = {
      ...order,
      version: order.version + 1,
      history: [
        ...order.history,
        {
          id: 'ev-t',
          type: 'tag',
          at: '2026-11-28T10:00:00.000+09:00',
          actor: 'staff-1',
          orderIds: [order.id],
          details: { note: `${order.orderer.name}様に確認` },
        },
      ],
    };
    await sql.save(changesOf([tagged]));
    const { order: redacted } = redactOrder(tagged, {
      clock: fixedClock('2027-12-01T03:00:00+09:00'),
      ids: sequenceIdGenerator(),
      actor: 'system:retention',
    });
    expect((await sql.save([{ order: redacted, expectedVersion: tagged.version }])).ok).toBe(true);

    const personal = [order.orderer.name, order.orderer.phone, order.orderer.address1];
    const rows = await db.query<{ event: unknown }>(
      `SELECT event FROM or_${schemas}.order_events WHERE order_id = $1 ORDER BY position`,
      [order.id],
    );
    expect(rows.rows).toHaveLength(redacted.history.length);
    for (const text of personal) {
      expect(JSON.stringify(rows.rows)).not.toContain(text);
      expect((await sql.query({ text }, { offset: 0, limit: 10 })).total).toBe(0);
    }
    expect((await sql.query({ text: '削除済み' }, { offset: 0, limit: 10 })).total).toBe(0);
    const keys = await db.query<{ name_keys: string[]; address_keys: string[]; phone_keys: string[] }>(
      `SELECT name_keys, address_keys, phone_keys FROM or_${schemas}.orders WHERE id = $1`,
      [order.id],
    );
    expect(keys.rows[0]).toEqual({ name_keys: [], address_keys: [], phone_keys: [] });
    expect((await sql.events({ orderId: order.id })).map((record) => record.event)).toEqual(redacted.history);
  });

  it('lets exactly one of two concurrent saves on the same version win', async () => {
    const sql = createPostgresOrderRepository(db, { schema: await freshSchema('oc') });
    const order = orders[2]!;
    await sql.save([{ order, expectedVersion: null }]);
    const results = await Promise.all(
      ['a', 'b', 'c'].map((tag) =>
        sql.save([
          { order: { ...order, tags: [tag], version: order.version + 1 }, expectedVersion: order.version },
        ]),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok).every((r) => r.issues[0]?.code === 'orders.repository.stale_version'),
    ).toBe(true);
  });
});

describe('createPostgresBlacklistStore', () => {
  it('matches by normalised key: width, dashes and case do not matter', async () => {
    const store = createPostgresBlacklistStore(db, { schema: await freshSchema('blm') });
    await store.put({ id: 'b1', phone: '090-1111-2222', email: 'Bad@Example.jp', reason: '受取拒否' });
    await store.put({ id: 'b2', name: '山田 太郎', reason: '代引未払い' });
    expect((await store.match({ phone: '０９０１１１１２２２２' })).map((e) => e.id)).toEqual(['b1']);
    expect((await store.match({ email: 'bad@example.jp' })).map((e) => e.id)).toEqual(['b1']);
    expect((await store.match({ name: '山田太郎', phone: '03-0000-0000' })).map((e) => e.id)).toEqual(['b2']);
    expect(await store.match({ phone: '080-0000-0000' })).toEqual([]);
  });

  it('with pii, keeps only envelopes and blind indexes in the database and still matches', async () => {
    const schema = await freshSchema('blp');
    const pii = {
      keyring: await importKeyring({ currentKeyId: 'k1', keys: { k1: key32(3) } }),
      indexKey: await importBlindIndexKey(key32(4)),
    };
    const store = createPostgresBlacklistStore(db, { schema, pii });
    await store.put({ id: 'b1', phone: '090-1111-2222', reason: '受取拒否' });
    const raw = await db.query<{ entry: { phone: string }; phone_key: string }>(
      `SELECT entry, phone_key FROM "${schema}".blacklist_entries`,
    );
    expect(raw.rows[0]?.entry.phone.startsWith('hk1.k1.')).toBe(true);
    expect(raw.rows[0]?.phone_key).not.toContain('09011112222');
    expect((await store.match({ phone: '09011112222' })).map((e) => e.phone)).toEqual(['090-1111-2222']);
  });
});

describe('createPostgresOrderRepository with encrypted personal data', () => {
  const piiOf = async () => ({
    keyring: await importKeyring({ currentKeyId: 'k1', keys: { k1: key32(5) } }),
    indexKey: await importBlindIndexKey(key32(6)),
  });

  registerConformance(
    'conforms to OrderRepository',
    orderRepositoryChecks(async () =>
      createPostgresOrderRepository(db, { schema: await freshSchema('opii'), pii: await piiOf() }),
    ),
    { describe, it },
  );

  it('keeps no name or phone in clear, finds orders by whole name and phone, and decrypts history', async () => {
    const schema = await freshSchema('opx');
    const sql = createPostgresOrderRepository(db, { schema, pii: await piiOf() });
    const [order] = generateOrders({ seed: 11, count: 1, idPrefix: 'px' });
    await sql.save([{ order: order!, expectedVersion: null }]);
    const raw = await db.query<{ state: unknown; name_keys: string[] }>(
      `SELECT state, name_keys FROM "${schema}".orders`,
    );
    const text = JSON.stringify(raw.rows);
    expect(text).not.toContain(order!.orderer.name);
    expect(text).not.toContain(order!.orderer.phone);
    expect(typeof raw.rows[0]?.state).toBe('string');
    const byName = await sql.query({ text: order!.orderer.name }, { offset: 0, limit: 10 });
    const byPhone = await sql.query({ text: order!.orderer.phone }, { offset: 0, limit: 10 });
    expect(byName.items.map((o) => o.id)).toEqual([order!.id]);
    expect(byPhone.items.map((o) => o.id)).toEqual([order!.id]);
    expect(await sql.get(order!.id)).toEqual(order);
    expect((await sql.events({ orderId: order!.id })).map((r) => r.event)).toEqual(order!.history);
  });

  it('refuses to read an encrypted order with another key', async () => {
    const schema = await freshSchema('opk');
    const [order] = generateOrders({ seed: 12, count: 1, idPrefix: 'pk' });
    await createPostgresOrderRepository(db, { schema, pii: await piiOf() }).save([
      { order: order!, expectedVersion: null },
    ]);
    const other = createPostgresOrderRepository(db, {
      schema,
      pii: {
        keyring: await importKeyring({ currentKeyId: 'k1', keys: { k1: key32(8) } }),
        indexKey: await importBlindIndexKey(key32(6)),
      },
    });
    await expect(other.get(order!.id)).rejects.toMatchObject({ code: 'postgres.order_undecryptable' });
  });
});
