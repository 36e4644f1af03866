import type { PushedState } from '@hakobu/inventory';
import { DEFAULT_SCHEMA, quoteSchema, type SqlDatabase } from '../sql/database';

/**
 * Where the quantity last pushed to each mall listing is kept (在庫連携の送信済み状態): `planSync` of
 * `@hakobu/inventory` compares with it and returns the next state.
 */
export interface SyncStateStore {
  /** The whole pushed state, listing id → quantity. */
  read(): Promise<PushedState>;
  /**
   * Replaces the pushed state with `pushed` in one transaction (listings absent from it are dropped), as
   * `planSync` returns it. Call it only after every upload of the plan succeeded.
   */
  replace(pushed: PushedState): Promise<void>;
}

/** Options of {@link createPostgresSyncStateStore}. */
export interface PostgresSyncStateOptions {
  /** The schema {@link migrate} created (default `hakobu`). */
  readonly schema?: string;
}

/**
 * The pushed sync state on PostgreSQL (送信済み在庫数): one row per listing in `sync_pushed`.
 *
 * @example
 * ```ts
 * const state = createPostgresSyncStateStore(db);
 * const plan = planSync({ catalog, levels, policies, pushed: await state.read() });
 * // …upload plan.uploads…
 * await state.replace(plan.pushed);
 * ```
 */
export function createPostgresSyncStateStore(
  db: SqlDatabase,
  options: PostgresSyncStateOptions = {},
): SyncStateStore {
  const s = quoteSchema(options.schema ?? DEFAULT_SCHEMA);
  return {
    async read() {
      const rows = await db.query<{ listing_id: string; quantity: number }>(
        `SELECT listing_id, quantity FROM ${s}.sync_pushed ORDER BY listing_id COLLATE "C"`,
      );
      return Object.fromEntries(rows.rows.map((row) => [row.listing_id, Number(row.quantity)]));
    },
    async replace(pushed) {
      const entries = Object.entries(pushed);
      await db.transaction(async (tx) => {
        await tx.query(`DELETE FROM ${s}.sync_pushed WHERE NOT (listing_id = ANY($1::text[]))`, [
          entries.map(([listing]) => listing),
        ]);
        if (entries.length > 0)
          await tx.query(
            `INSERT INTO ${s}.sync_pushed (listing_id, quantity) SELECT * FROM unnest($1::text[], $2::int[])
             ON CONFLICT (listing_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
            [entries.map(([listing]) => listing), entries.map(([, quantity]) => quantity)],
          );
      });
    },
  };
}
