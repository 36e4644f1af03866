import { DEFAULT_SCHEMA, quoteSchema, type SqlDatabase } from '../sql/database';

/**
 * One versioned schema change (マイグレーション): `statements` builds the SQL for a quoted schema name. Applied
 * migrations are recorded in `<schema>.schema_migrations`; a migration, once released, never changes: a
 * later change is a new version.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(schema: string): readonly string[];
}

/**
 * Every migration of this package, in version order: 1 stock (levels, reservations, ledger, idempotency
 * keys), 2 orders (orders with search columns, event history, blacklist with normalised keys and blind
 * indexes), 3 sync state (what was last pushed to each mall listing).
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'stock',
    statements: (s) => [
      `CREATE TABLE ${s}.stock_levels (
        sku text NOT NULL,
        location text NOT NULL DEFAULT '',
        on_hand integer NOT NULL DEFAULT 0,
        reserved integer NOT NULL DEFAULT 0,
        safety_stock integer NOT NULL DEFAULT 0,
        PRIMARY KEY (sku, location),
        CONSTRAINT stock_levels_never_negative CHECK (on_hand >= 0 AND reserved >= 0 AND safety_stock >= 0),
        CONSTRAINT stock_levels_never_over_reserved CHECK (reserved <= on_hand)
      )`,
      `CREATE TABLE ${s}.stock_reservations (
        order_line_id text NOT NULL,
        sku text NOT NULL,
        location text NOT NULL DEFAULT '',
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_line_id, sku, location)
      )`,
      `CREATE INDEX stock_reservations_level ON ${s}.stock_reservations (sku, location)`,
      `CREATE TABLE ${s}.stock_movements (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        batch_key text NOT NULL,
        kind text NOT NULL,
        sku text NOT NULL,
        location text,
        quantity integer NOT NULL,
        reason text,
        order_line_id text,
        actor text NOT NULL,
        at text NOT NULL
      )`,
      `CREATE INDEX stock_movements_sku ON ${s}.stock_movements (sku, seq)`,
      `CREATE INDEX stock_movements_batch ON ${s}.stock_movements (batch_key, seq)`,
      `CREATE TABLE ${s}.stock_batches (
        key text PRIMARY KEY,
        fingerprint text NOT NULL,
        outcome text
      )`,
    ],
  },
  {
    version: 2,
    name: 'orders',
    statements: (s) => [
      `CREATE TABLE ${s}.orders (
        id text PRIMARY KEY,
        channel text NOT NULL,
        shop_id text NOT NULL,
        mall_order_number text NOT NULL,
        version integer NOT NULL,
        status text NOT NULL,
        payment_method text NOT NULL,
        ordered_at timestamptz NOT NULL,
        ordered_date text NOT NULL,
        billed_total bigint NOT NULL,
        tags text[] NOT NULL,
        alert_count integer NOT NULL,
        has_tracking boolean NOT NULL,
        name_keys text[] NOT NULL,
        address_keys text[] NOT NULL,
        phone_keys text[] NOT NULL,
        state jsonb NOT NULL,
        history_length integer NOT NULL,
        CONSTRAINT orders_mall_key UNIQUE (channel, shop_id, mall_order_number)
      )`,
      `CREATE INDEX orders_ordered ON ${s}.orders (ordered_at, id)`,
      `CREATE INDEX orders_status ON ${s}.orders (status)`,
      `CREATE INDEX orders_tags ON ${s}.orders USING gin (tags)`,
      `CREATE TABLE ${s}.order_events (
        order_id text NOT NULL REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        position integer NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        at text NOT NULL,
        actor text NOT NULL,
        event jsonb NOT NULL,
        PRIMARY KEY (order_id, position)
      )`,
      `CREATE INDEX order_events_event ON ${s}.order_events (event_id)`,
      `CREATE INDEX order_events_at ON ${s}.order_events (at)`,
      `CREATE TABLE ${s}.blacklist_entries (
        id text PRIMARY KEY,
        entry jsonb NOT NULL,
        name_key text,
        email_key text,
        phone_key text,
        address_key text
      )`,
      `CREATE INDEX blacklist_name ON ${s}.blacklist_entries (name_key)`,
      `CREATE INDEX blacklist_email ON ${s}.blacklist_entries (email_key)`,
      `CREATE INDEX blacklist_phone ON ${s}.blacklist_entries (phone_key)`,
      `CREATE INDEX blacklist_address ON ${s}.blacklist_entries (address_key)`,
      `CREATE TABLE ${s}.blacklist_revision (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        revision bigint NOT NULL
      )`,
      `INSERT INTO ${s}.blacklist_revision (singleton, revision) VALUES (true, 0)`,
    ],
  },
  {
    version: 3,
    name: 'sync state',
    statements: (s) => [
      `CREATE TABLE ${s}.sync_pushed (
        listing_id text PRIMARY KEY,
        quantity integer NOT NULL CHECK (quantity >= 0)
      )`,
    ],
  },
];

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The schema to create and migrate (default `hakobu`); one schema per shop or per test is fine. */
  readonly schema?: string;
  /** Stop at this version (default: the latest). */
  readonly toVersion?: number;
}

/** What {@link migrate} did: the versions it applied now, and the version the schema is at. */
export interface MigrateReport {
  readonly applied: readonly number[];
  readonly version: number;
}

/**
 * Applies the pending migrations (マイグレーション適用) in one transaction, under a transaction-level
 * advisory lock on the schema name, so several processes starting at once apply each version exactly once
 * and a failure leaves the schema as it was. Safe to call on every start.
 *
 * @example
 * ```ts
 * const db = new PGlite();
 * await migrate(db); // { applied: [1, 2, 3], version: 3 }
 * await migrate(db); // { applied: [], version: 3 }
 * ```
 */
export async function migrate(db: SqlDatabase, options: MigrateOptions = {}): Promise<MigrateReport> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  const target = options.toVersion ?? Math.max(...migrations.map((m) => m.version));
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hakobu.migrate.${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL)`,
    );
    const done = await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`);
    const have = new Set(done.rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (have.has(migration.version) || migration.version > target) continue;
      for (const statement of migration.statements(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
      have.add(migration.version);
    }
    return { applied, version: Math.max(0, ...have) };
  });
}
