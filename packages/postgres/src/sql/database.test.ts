import { describe, expect, it } from 'vitest';
import { fromPgClient, fromPgPool, isRetryableSqlError, type SqlExecutor, withRetry } from './database';

/** A connection that records statements, for checking what the wrappers send. */
function recorder(log: string[], fail?: (text: string) => Error | undefined): SqlExecutor {
  return {
    async query<Row>(text: string) {
      log.push(text);
      const error = fail?.(text);
      if (error !== undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { rows: [] as Row[] };
    },
  };
}

describe('fromPgClient', () => {
  it('runs transactions on one client one after the other, never interleaved', async () => {
    const log: string[] = [];
    const db = fromPgClient(recorder(log));
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        db.transaction(async (tx) => {
          await tx.query(`${name}1`);
          await tx.query(`${name}2`);
        }),
      ),
    );
    expect(log).toEqual([
      'BEGIN',
      'a1',
      'a2',
      'COMMIT',
      'BEGIN',
      'b1',
      'b2',
      'COMMIT',
      'BEGIN',
      'c1',
      'c2',
      'COMMIT',
    ]);
  });

  it('rolls back when the work throws and keeps serving later transactions', async () => {
    const log: string[] = [];
    const db = fromPgClient(recorder(log));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.transaction(async (tx) => tx.query('y'));
    expect(log).toEqual(['BEGIN', 'x', 'ROLLBACK', 'BEGIN', 'y', 'COMMIT']);
  });
});

describe('fromPgPool', () => {
  it('checks one connection out per transaction and discards it when ROLLBACK fails', async () => {
    const released: unknown[] = [];
    const log: string[] = [];
    const pool = {
      query: recorder(log).query,
      async connect() {
        return {
          ...recorder(log, (text) => (text === 'ROLLBACK' || text === 'bad' ? new Error(text) : undefined)),
          release: (error?: Error | boolean) => released.push(error),
        };
      },
    };
    const db = fromPgPool(pool);
    await db.transaction(async (tx) => tx.query('ok'));
    await expect(db.transaction(async (tx) => tx.query('bad'))).rejects.toThrow('bad');
    expect(released[0]).toBeUndefined();
    expect(released[1]).toBeInstanceOf(Error);
  });
});

describe('withRetry', () => {
  it('runs a transaction again after a deadlock, not after other errors', async () => {
    let attempts = 0;
    const db = fromPgClient(recorder([]));
    const value = await withRetry(db, async () => {
      attempts += 1;
      if (attempts < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect([value, attempts]).toEqual(['done', 3]);
    await expect(
      withRetry(db, async () => {
        throw Object.assign(new Error('unique'), { code: '23505' });
      }),
    ).rejects.toThrow('unique');
    expect(isRetryableSqlError({ code: '40001' })).toBe(true);
    expect(isRetryableSqlError(new Error('x'))).toBe(false);
  });
});
