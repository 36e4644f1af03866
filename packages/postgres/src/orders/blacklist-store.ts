import {
  type BlindIndexKind,
  blindIndex,
  decryptField,
  encryptField,
  HakobuError,
  type Keyring,
  normalizeAddressKey,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  type WebCryptoKey,
} from '@hakobu/core';
import type { BlacklistEntry, BlacklistField, BlacklistStore } from '@hakobu/orders';
import { DEFAULT_SCHEMA, quoteSchema, type SqlDatabase } from '../sql/database';

/**
 * Encryption of personal data at rest (個人情報の暗号化保存): the name, email, phone and address of an entry
 * are stored as `encryptField` envelopes of `@hakobu/core` (AES-256-GCM, bound to the entry id and field),
 * and the match columns hold `blindIndex` values (HMAC-SHA256 of the normalised value) instead of the
 * normalised text, so exact matching still works and the database never sees the plain values.
 */
export interface PiiProtection {
  /** The keyring of `importKeyring`; new values are sealed with its current key. */
  readonly keyring: Keyring;
  /** The HMAC key of `importBlindIndexKey`. */
  readonly indexKey: WebCryptoKey;
}

/** Options of {@link createPostgresBlacklistStore}. */
export interface PostgresBlacklistStoreOptions {
  /** The schema {@link migrate} created (default `hakobu`). */
  readonly schema?: string;
  /** Store personal data encrypted, matching through blind indexes. */
  readonly pii?: PiiProtection;
}

/** A person or address to look up in the blacklist (照合): any of the four fields. */
export type BlacklistProbe = Partial<Record<BlacklistField, string>>;

/** `BlacklistStore` of `@hakobu/orders` on PostgreSQL plus an indexed exact match on normalised keys. */
export interface PostgresBlacklistStore extends BlacklistStore {
  /**
   * Entries whose name, email, phone or address has the same match key as the probe's (normalised by
   * `@hakobu/core`, or blind-indexed when personal data is encrypted), sorted by id.
   */
  match(probe: BlacklistProbe): Promise<BlacklistEntry[]>;
}

const FIELDS: readonly BlacklistField[] = ['name', 'email', 'phone', 'address'];
const NORMALISE: Readonly<Record<BlacklistField, (value: string) => string>> = {
  name: normalizeName,
  email: normalizeEmail,
  phone: normalizePhone,
  address: normalizeAddressKey,
};
const KIND: Readonly<Record<BlacklistField, BlindIndexKind>> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  address: 'address',
};

/**
 * The blacklist store on PostgreSQL (PostgreSQLブラックリストストア): one row per entry with a match column per
 * field (`name_key`, `email_key`, `phone_key`, `address_key`, each indexed), and a revision counter bumped
 * in the same transaction as every change, so `revision()` never misses one. With `pii`, the personal
 * fields are encrypted and the match columns hold blind indexes.
 *
 * @example
 * ```ts
 * const blacklist = createPostgresBlacklistStore(db);
 * await blacklist.put({ id: 'bl-1', phone: '090-1111-2222', reason: '受取拒否' });
 * await blacklist.match({ phone: '09011112222' }); // [the entry]
 * ```
 */
export function createPostgresBlacklistStore(
  db: SqlDatabase,
  options: PostgresBlacklistStoreOptions = {},
): PostgresBlacklistStore {
  const s = quoteSchema(options.schema ?? DEFAULT_SCHEMA);
  const pii = options.pii;

  async function keyOf(field: BlacklistField, value: string | undefined): Promise<string | null> {
    if (value === undefined || value.trim() === '') return null;
    if (pii === undefined) {
      const key = NORMALISE[field](value);
      return key === '' ? null : key;
    }
    const indexed = await blindIndex(value, KIND[field], pii.indexKey);
    return indexed.ok ? indexed.value : null;
  }

  async function sealed(entry: BlacklistEntry): Promise<BlacklistEntry> {
    if (pii === undefined) return entry;
    const copy: BlacklistEntry = { ...entry };
    for (const field of FIELDS) {
      const value = entry[field];
      if (value !== undefined)
        copy[field] = await encryptField(value, pii.keyring, {
          associatedData: `blacklist.${field}:${entry.id}`,
        });
    }
    return copy;
  }

  async function opened(entry: BlacklistEntry): Promise<BlacklistEntry> {
    if (pii === undefined) return entry;
    const copy: BlacklistEntry = { ...entry };
    for (const field of FIELDS) {
      const value = entry[field];
      if (value === undefined) continue;
      const plain = await decryptField(value, pii.keyring, {
        associatedData: `blacklist.${field}:${entry.id}`,
        label: field,
      });
      if (!plain.ok)
        throw new HakobuError(
          'postgres.blacklist_undecryptable',
          `ブラックリスト「${entry.id}」の${field}を復号できません: ${plain.issues.map((i) => i.message).join(' / ')}`,
          { data: { id: entry.id, field, codes: plain.issues.map((i) => i.code) } },
        );
      copy[field] = plain.value;
    }
    return copy;
  }

  const bump = `UPDATE ${s}.blacklist_revision SET revision = revision + 1 WHERE singleton`;

  return {
    async list() {
      const rows = await db.query<{ entry: BlacklistEntry }>(
        `SELECT entry FROM ${s}.blacklist_entries ORDER BY id COLLATE "C"`,
      );
      return Promise.all(rows.rows.map((row) => opened(row.entry)));
    },
    async get(id) {
      const rows = await db.query<{ entry: BlacklistEntry }>(
        `SELECT entry FROM ${s}.blacklist_entries WHERE id = $1`,
        [id],
      );
      const row = rows.rows[0];
      return row === undefined ? undefined : opened(row.entry);
    },
    async put(entry) {
      const keys = await Promise.all(FIELDS.map((field) => keyOf(field, entry[field])));
      const stored = await sealed(entry);
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO ${s}.blacklist_entries (id, entry, name_key, email_key, phone_key, address_key)
           VALUES ($1, $2::jsonb, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET entry = EXCLUDED.entry, name_key = EXCLUDED.name_key,
             email_key = EXCLUDED.email_key, phone_key = EXCLUDED.phone_key, address_key = EXCLUDED.address_key`,
          [entry.id, JSON.stringify(stored), ...keys],
        );
        await tx.query(bump);
      });
    },
    async remove(id) {
      return db.transaction(async (tx) => {
        const removed = await tx.query(`DELETE FROM ${s}.blacklist_entries WHERE id = $1 RETURNING id`, [id]);
        if (removed.rows.length === 0) return false;
        await tx.query(bump);
        return true;
      });
    },
    async revision() {
      const rows = await db.query<{ revision: number | string }>(
        `SELECT revision FROM ${s}.blacklist_revision`,
      );
      return Number(rows.rows[0]?.revision ?? 0);
    },
    async match(probe) {
      const clauses: string[] = [];
      const params: string[] = [];
      for (const field of FIELDS) {
        const key = await keyOf(field, probe[field]);
        if (key === null) continue;
        params.push(key);
        clauses.push(`${field}_key = $${params.length}`);
      }
      if (clauses.length === 0) return [];
      const rows = await db.query<{ entry: BlacklistEntry }>(
        `SELECT entry FROM ${s}.blacklist_entries WHERE ${clauses.join(' OR ')} ORDER BY id COLLATE "C"`,
        params,
      );
      return Promise.all(rows.rows.map((row) => opened(row.entry)));
    },
  };
}
