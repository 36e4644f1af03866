import { z } from 'zod';
import { HakobuError } from '../result';
import { fromAnyBase64 } from './base64';

/**
 * A WebCrypto `CryptoKey`, named without the DOM library so hosts on Node types alone can use it.
 */
export type WebCryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/**
 * The id of a key in a {@link Keyring} (鍵ID): 1–64 letters, digits, `_` or `-`, so it fits in an
 * envelope between dots. Never reuse an id for different key material.
 */
export const KeyId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** @see {@link KeyId} */
export type KeyId = z.infer<typeof KeyId>;

/**
 * The keys of personal-data encryption (個人情報暗号化の鍵束): new values are encrypted with
 * `currentKeyId`; any key still listed can decrypt the values written under it, which is what lets keys
 * rotate (鍵のローテーション) without rewriting every row at once.
 */
export interface Keyring {
  /** The key new envelopes are written with. */
  readonly currentKeyId: KeyId;
  /** AES-256-GCM keys by id, the current one and every older one still in use. */
  readonly keys: Readonly<Record<KeyId, WebCryptoKey>>;
}

/**
 * A keyring as configuration: raw 32-byte AES keys in base64 (standard or base64url) by id, e.g. from
 * a secret manager. Generate one with `openssl rand -base64 32`.
 */
export const KeyringConfig = z
  .object({ currentKeyId: KeyId, keys: z.record(KeyId, z.string()) })
  .refine((config) => Object.hasOwn(config.keys, config.currentKeyId), {
    message: 'currentKeyId must be one of the keys',
    path: ['currentKeyId'],
  });
/** @see {@link KeyringConfig} */
export type KeyringConfig = z.infer<typeof KeyringConfig>;

const AES_KEY_BYTES = 32;
const MIN_HMAC_KEY_BYTES = 32;

function keyBytes(base64: string, what: string): Uint8Array<ArrayBuffer> {
  const bytes = fromAnyBase64(base64);
  if (bytes === undefined) {
    throw new HakobuError('pii.invalid_key', `${what} is not valid base64`, { data: { what } });
  }
  return bytes;
}

/**
 * Imports one raw 256-bit AES-GCM key (暗号鍵) from base64, as a non-extractable key for
 * encrypting and decrypting fields.
 *
 * @throws {@link HakobuError} `pii.invalid_key` when the text is not base64 of exactly 32 bytes. The
 *   error never contains key material.
 * @example
 * ```ts
 * const key = await importEncryptionKey(process.env.PII_KEY_2025 ?? '');
 * ```
 */
export async function importEncryptionKey(base64: string): Promise<WebCryptoKey> {
  const bytes = keyBytes(base64, 'encryption key');
  if (bytes.length !== AES_KEY_BYTES) {
    throw new HakobuError('pii.invalid_key', `An encryption key must be 32 bytes, got ${bytes.length}`, {
      data: { length: bytes.length },
    });
  }
  return globalThis.crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/**
 * Builds a {@link Keyring} from its configuration, importing every key.
 *
 * @throws {@link HakobuError} `pii.invalid_keyring` for a bad key id or a current id that is not among
 *   the keys; `pii.invalid_key` (with `data.keyId`) for key material that is not 32 bytes of base64.
 * @example
 * ```ts
 * const keyring = await importKeyring({
 *   currentKeyId: 'k2025',
 *   keys: { k2024: process.env.PII_KEY_2024 ?? '', k2025: process.env.PII_KEY_2025 ?? '' },
 * });
 * ```
 */
export async function importKeyring(config: KeyringConfig): Promise<Keyring> {
  const parsed = KeyringConfig.safeParse(config);
  if (!parsed.success) {
    throw new HakobuError('pii.invalid_keyring', 'Invalid keyring configuration', {
      data: { issues: parsed.error.issues.map(({ path, message }) => ({ path, message })) },
    });
  }
  const entries = await Promise.all(
    Object.entries(parsed.data.keys).map(async ([keyId, base64]) => {
      try {
        return [keyId, await importEncryptionKey(base64)] as const;
      } catch (error) {
        if (!HakobuError.isInstance(error)) throw error;
        throw new HakobuError(error.code, `Key ${keyId}: ${error.message}`, {
          data: { ...error.data, keyId },
        });
      }
    }),
  );
  return { currentKeyId: parsed.data.currentKeyId, keys: Object.fromEntries(entries) };
}

/**
 * Imports the secret of blind indexes (検索用ハッシュの鍵) from base64, as a non-extractable
 * HMAC-SHA256 key. Keep it separate from the encryption keys: it cannot rotate without recomputing every
 * stored index.
 *
 * @throws {@link HakobuError} `pii.invalid_key` when the text is not base64 of at least 32 bytes.
 * @example
 * ```ts
 * const indexKey = await importBlindIndexKey(process.env.PII_INDEX_KEY ?? '');
 * ```
 */
export async function importBlindIndexKey(base64: string): Promise<WebCryptoKey> {
  const bytes = keyBytes(base64, 'blind index key');
  if (bytes.length < MIN_HMAC_KEY_BYTES) {
    throw new HakobuError(
      'pii.invalid_key',
      `A blind index key must be at least 32 bytes, got ${bytes.length}`,
      {
        data: { length: bytes.length },
      },
    );
  }
  return globalThis.crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}
