import { createIssue, fail, HakobuError, type Issue, type IssuePath, ok, type Result } from '../result';
import { fromBase64Url, toBase64Url } from './base64';
import { KeyId, type Keyring, type WebCryptoKey } from './keys';
import { defaultRandomSource, type RandomSource } from './random';

/** The version tag that starts every envelope written by {@link encryptField}. */
export const ENVELOPE_VERSION = 'hk1';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Options of {@link encryptField}. */
export interface EncryptFieldOptions {
  /**
   * Context bound into the authentication tag (関連データ), typically the field and record
   * (`customer.phone:order_123`). The same text must be given to decrypt, so a ciphertext copied into
   * another field or record fails as tampered. Absent and empty are the same.
   */
  associatedData?: string;
  /** Where the IV comes from; {@link defaultRandomSource} unless a test injects one. */
  random?: RandomSource;
}

/** Options of {@link decryptField} and the decrypting half of {@link reencryptField}. */
export interface DecryptFieldOptions {
  /** The associated data given at encryption. */
  associatedData?: string;
  /** The field's name as shop staff know it (e.g. `電話番号`), used in messages. Defaults to `暗号化項目`. */
  label?: string;
  /** Where the field sits in the record, copied to the issues. */
  path?: IssuePath;
}

/** Options of {@link reencryptField}. */
export interface ReencryptFieldOptions extends DecryptFieldOptions {
  /** Where the new IV comes from; {@link defaultRandomSource} unless a test injects one. */
  random?: RandomSource;
}

interface Envelope {
  keyId: KeyId;
  iv: Uint8Array<ArrayBuffer>;
  sealed: Uint8Array<ArrayBuffer>;
}

/**
 * The bytes authenticated besides the ciphertext: the envelope header `hk1.<keyId>.` and then the
 * caller's associated data. The header ends with a dot and key ids contain none, so the split is
 * unambiguous; binding it means a ciphertext cannot be relabelled with another version or key id.
 */
function additionalData(keyId: KeyId, associatedData: string | undefined): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${ENVELOPE_VERSION}.${keyId}.${associatedData ?? ''}`);
}

function keyOf(keyring: Keyring, keyId: string): WebCryptoKey | undefined {
  return Object.hasOwn(keyring.keys, keyId) ? keyring.keys[keyId] : undefined;
}

/** Runs a WebCrypto call, turning a wrong kind of key (a programmer error) into a coded error. */
async function subtle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'OperationError') throw error;
    throw new HakobuError('pii.invalid_key', 'The key cannot be used for AES-GCM', { cause: error });
  }
}

/**
 * Encrypts one personal-data field (個人情報の項目暗号化: name, phone, address, e-mail) with AES-256-GCM
 * under the keyring's current key, into a compact, versioned envelope:
 *
 * ```text
 * hk1.<keyId>.<iv>.<ciphertext+tag>
 * ```
 *
 * - `hk1`: format version; a future format gets a new tag and old envelopes stay readable.
 * - `keyId`: the key it was sealed with, so keys can rotate.
 * - `iv`: 12 random bytes, unpadded base64url (16 characters).
 * - `ciphertext+tag`: the UTF-8 plaintext encrypted, followed by the 16-byte authentication tag,
 *   unpadded base64url.
 *
 * The authentication tag covers `hk1.<keyId>.` followed by `associatedData`. The envelope is ASCII
 * without spaces or commas and fits a text column or a CSV cell. Random IVs are safe for about 2³²
 * encryptions per key; rotate well before that.
 *
 * @throws {@link HakobuError} `pii.missing_current_key` when the keyring lacks its current key,
 *   `pii.invalid_random` when the random source returns the wrong number of bytes, `pii.invalid_key` for
 *   a key that is not an AES-GCM key.
 * @example
 * ```ts
 * const envelope = await encryptField('090-1234-5678', keyring, { associatedData: 'orderer.phone:order_1' });
 * // 'hk1.k2025.q8Xw….Zt3…'
 * ```
 */
export async function encryptField(
  plaintext: string,
  keyring: Keyring,
  options: EncryptFieldOptions = {},
): Promise<string> {
  const keyId = keyring.currentKeyId;
  const key = keyOf(keyring, keyId);
  if (key === undefined || !KeyId.safeParse(keyId).success) {
    throw new HakobuError('pii.missing_current_key', `The keyring has no usable current key "${keyId}"`, {
      data: { keyId },
    });
  }
  const iv = Uint8Array.from((options.random ?? defaultRandomSource)(IV_BYTES));
  if (iv.length !== IV_BYTES) {
    throw new HakobuError('pii.invalid_random', `The random source must return ${IV_BYTES} bytes`, {
      data: { length: iv.length },
    });
  }
  const sealed = await subtle(() =>
    globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(keyId, options.associatedData), tagLength: 128 },
      key,
      encoder.encode(plaintext),
    ),
  );
  return [ENVELOPE_VERSION, keyId, toBase64Url(iv), toBase64Url(new Uint8Array(sealed))].join('.');
}

function parseEnvelope(text: string): Envelope | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const [version, keyId, ivText, sealedText] = parts as [string, string, string, string];
  if (version !== ENVELOPE_VERSION || !KeyId.safeParse(keyId).success) return undefined;
  const iv = fromBase64Url(ivText);
  const sealed = fromBase64Url(sealedText);
  if (iv?.length !== IV_BYTES || sealed === undefined || sealed.length < TAG_BYTES) return undefined;
  return { keyId, iv, sealed };
}

/**
 * The key id an envelope was written with, or `undefined` when the text is not an envelope. Lets a
 * rotation job find the rows still under an old key without decrypting them.
 *
 * @example
 * ```ts
 * envelopeKeyId('hk1.k2024.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'); // 'k2024'
 * envelopeKeyId('090-1234-5678'); // undefined
 * ```
 */
export function envelopeKeyId(envelope: string): KeyId | undefined {
  return parseEnvelope(envelope)?.keyId;
}

function issue(
  code: string,
  message: string,
  options: DecryptFieldOptions,
  data: Record<string, unknown>,
): Issue {
  return createIssue(code, message, { path: options.path, data });
}

/**
 * Decrypts an envelope written by {@link encryptField} (復号), with the key its id names.
 *
 * Issues (each names the field by `label`):
 * - `pii.malformed_envelope`: not an `hk1` envelope (wrong parts, bad base64url, wrong IV length).
 * - `pii.unknown_key`: the key id is not in the keyring (`data.keyId`).
 * - `pii.tampered`: the authentication tag does not match: the ciphertext was altered, the key id was
 *   reused for other key material, or the associated data differs (the value was moved from another
 *   field or record).
 *
 * @throws {@link HakobuError} `pii.invalid_key` for a keyring entry that is not an AES-GCM key.
 * @example
 * ```ts
 * const result = await decryptField(envelope, keyring, { associatedData: 'orderer.phone:order_1', label: '電話番号' });
 * if (result.ok) console.log(result.value); // '090-1234-5678'
 * ```
 */
export async function decryptField(
  envelope: string,
  keyring: Keyring,
  options: DecryptFieldOptions = {},
): Promise<Result<string>> {
  const label = options.label ?? '暗号化項目';
  const parsed = parseEnvelope(envelope.trim());
  if (parsed === undefined) {
    return fail([
      issue('pii.malformed_envelope', `「${label}」の暗号データの形式が正しくありません`, options, {
        length: envelope.length,
      }),
    ]);
  }
  const key = keyOf(keyring, parsed.keyId);
  if (key === undefined) {
    return fail([
      issue(
        'pii.unknown_key',
        `「${label}」の暗号データは鍵「${parsed.keyId}」で暗号化されていますが、その鍵が鍵束にありません`,
        options,
        { keyId: parsed.keyId },
      ),
    ]);
  }
  let plain: ArrayBuffer;
  try {
    plain = await subtle(() =>
      globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: parsed.iv,
          additionalData: additionalData(parsed.keyId, options.associatedData),
          tagLength: 128,
        },
        key,
        parsed.sealed,
      ),
    );
  } catch (error) {
    if (HakobuError.isInstance(error)) throw error;
    return fail([
      issue(
        'pii.tampered',
        `「${label}」の暗号データを復号できません。改ざん、別の項目・レコードからの複写、または鍵の取り違えの可能性があります`,
        options,
        { keyId: parsed.keyId },
      ),
    ]);
  }
  try {
    return ok(decoder.decode(plain));
  } catch {
    return fail([
      issue('pii.malformed_envelope', `「${label}」の復号結果が UTF-8 の文字列ではありません`, options, {
        keyId: parsed.keyId,
      }),
    ]);
  }
}

/**
 * Re-encrypts a field under the keyring's current key (鍵のローテーション): decrypts with the key the
 * envelope names and encrypts again with the same associated data. An envelope already under the current
 * key is verified and returned unchanged, so a rotation job can compare and skip the write.
 *
 * Fails with the issues of {@link decryptField}.
 *
 * @example
 * ```ts
 * const rotated = await reencryptField(row.phone, keyring, { associatedData: `orderer.phone:${row.id}` });
 * if (rotated.ok && rotated.value !== row.phone) await save({ ...row, phone: rotated.value });
 * ```
 */
export async function reencryptField(
  envelope: string,
  keyring: Keyring,
  options: ReencryptFieldOptions = {},
): Promise<Result<string>> {
  const decrypted = await decryptField(envelope, keyring, options);
  if (!decrypted.ok) return decrypted;
  if (envelopeKeyId(envelope.trim()) === keyring.currentKeyId) return ok(envelope.trim());
  return ok(await encryptField(decrypted.value, keyring, options));
}
