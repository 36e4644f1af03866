import {
  createIssue,
  fail,
  fromAnyBase64,
  fromBase64Url,
  HakobuError,
  type Instant,
  KeyId,
  KeyringConfig,
  ok,
  parseInstant,
  type Result,
  toBase64Url,
  type WebCryptoKey,
} from '@hakobu/core';
import { z } from 'zod';
import { toJapanTimestamp } from '../model/operation';

/** The version tag that starts every support token (`hst1.<keyId>.<payload>.<mac>`). */
export const SUPPORT_TOKEN_VERSION = 'hst1';

const MAC_BYTES = 32;
const MIN_KEY_BYTES = 32;
const MAX_ORDER_ID_LENGTH = 200;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * What a support URL may be used for (用途), e.g. `view` (注文内容の確認), `changeRequest` (変更依頼),
 * `message` (お問い合わせ): a lower-case letter, then up to 31 letters, digits, `_` or `-`. The host
 * chooses its own purposes and checks them with the `purpose` option of {@link verifySupportToken}.
 */
export const SupportTokenPurpose = z.string().regex(/^[a-z][A-Za-z0-9_-]{0,31}$/);
/** @see {@link SupportTokenPurpose} */
export type SupportTokenPurpose = z.infer<typeof SupportTokenPurpose>;

/**
 * The keys that sign support URLs (お客様サポートURLの署名鍵): new tokens are signed with `currentKeyId`;
 * every key still listed verifies the tokens signed under it, so keys rotate without breaking URLs already
 * mailed. Remove a key to retire it: its tokens are then refused as `orders.support_token.unknown_key`.
 * Keep these keys apart from the personal-data keys of `@hakobu/core`.
 */
export interface SupportTokenKeyring {
  /** The key new tokens are signed with. */
  readonly currentKeyId: KeyId;
  /** HMAC-SHA256 keys (sign and verify) by id: the current one and every older one not yet retired. */
  readonly keys: Readonly<Record<KeyId, WebCryptoKey>>;
}

/** What a support token says (署名された内容); no personal data, only the order's internal id. */
export interface SupportTokenClaims {
  readonly orderId: string;
  readonly purpose: SupportTokenPurpose;
  /** The first instant at which the token no longer works, in Japan time (`+09:00`, milliseconds kept). */
  readonly expiresAt: Instant;
  /** The key that signed it: a host can reissue a token signed with an older key. */
  readonly keyId: KeyId;
}

/** Input of {@link issueSupportToken}. */
export interface IssueSupportTokenInput {
  /** The order's internal id (never the customer's name, mail or phone). */
  readonly orderId: string;
  readonly purpose: SupportTokenPurpose;
  /**
   * The first instant at which the token stops working (an instant; compared as instants). For "valid
   * through a Japan date", pass `endOfJapanDay(date)`.
   */
  readonly expiresAt: Date | Instant;
}

/** Options of {@link verifySupportToken}. */
export interface VerifySupportTokenOptions {
  /** The keyring; a token whose key is not listed (retired) is refused. */
  readonly keys: SupportTokenKeyring;
  /** The current instant, from the host's `Clock`. */
  readonly now: Date;
  /** The purpose this page serves; a token issued for another purpose is refused. */
  readonly purpose?: SupportTokenPurpose;
  /** The order's current status, when known: a token for a closed order is refused. */
  readonly orderStatus?: string;
  /** Statuses in which the order is closed to the customer. Default 完了 `completed`, キャンセル `cancelled`. */
  readonly closedStatuses?: readonly string[];
}

/**
 * Every refusal of {@link verifySupportToken}, as the `code` of its issue (拒否理由):
 * - `orders.support_token.malformed`: not a support token (wrong parts, bad base64url, bad payload);
 * - `orders.support_token.tampered`: the signature does not match (any character changed, or a key id
 *   relabelled);
 * - `orders.support_token.unknown_key`: signed with a key not in the keyring (retired, or never known);
 * - `orders.support_token.expired`: `now` is at or after the expiry;
 * - `orders.support_token.wrong_purpose`: issued for another purpose;
 * - `orders.support_token.order_closed`: the order is already complete (or cancelled).
 */
export const SupportTokenRefusal = z.enum([
  'orders.support_token.malformed',
  'orders.support_token.tampered',
  'orders.support_token.unknown_key',
  'orders.support_token.expired',
  'orders.support_token.wrong_purpose',
  'orders.support_token.order_closed',
]);
/** @see {@link SupportTokenRefusal} */
export type SupportTokenRefusal = z.infer<typeof SupportTokenRefusal>;

// Shown to the customer. Malformed and tampered read alike so that the page does not help anyone probe.
const REFUSAL_MESSAGES: Readonly<Record<SupportTokenRefusal, string>> = {
  'orders.support_token.malformed': 'このURLは正しくありません。メールに記載のURLをもう一度お確かめください',
  'orders.support_token.tampered': 'このURLは正しくありません。メールに記載のURLをもう一度お確かめください',
  'orders.support_token.unknown_key':
    'このURLは現在ご利用いただけません。お手数ですがショップまでお問い合わせください',
  'orders.support_token.expired':
    'このURLの有効期限が過ぎています。お手数ですがショップまでお問い合わせください',
  'orders.support_token.wrong_purpose': 'このURLではこのお手続きはできません',
  'orders.support_token.order_closed': 'このご注文は完了しているため、お手続きいただけません',
};

function refuse(code: SupportTokenRefusal, data: Record<string, unknown> = {}) {
  return fail([createIssue(code, REFUSAL_MESSAGES[code], { data })]);
}

const Payload = z.tuple([
  z.string().min(1).max(MAX_ORDER_ID_LENGTH),
  z.number().int().nonnegative(),
  SupportTokenPurpose,
]);

function expiryMs(expiresAt: Date | Instant): number | undefined {
  const instant =
    typeof expiresAt === 'string' ? parseInstant(expiresAt, { assumeJapanTime: false }) : ok(expiresAt);
  const ms = instant.ok ? instant.value.getTime() : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function keyOf(keyring: SupportTokenKeyring, keyId: string): WebCryptoKey | undefined {
  return Object.hasOwn(keyring.keys, keyId) ? keyring.keys[keyId] : undefined;
}

/** Runs a WebCrypto call, turning a wrong kind of key (a programmer error) into a coded error. */
async function subtle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new HakobuError(
      'orders.support_token.invalid_key',
      'The support token key must be an HMAC-SHA256 key usable to sign and verify',
      { cause: error },
    );
  }
}

/**
 * Imports the keyring of support URLs (署名鍵の読み込み) from its configuration: `KeyringConfig` of
 * `@hakobu/core` (key ids and base64 key material), each key at least 32 random bytes
 * (`openssl rand -base64 32`), imported as a non-extractable HMAC-SHA256 key.
 *
 * @throws `HakobuError` `orders.support_token.invalid_keyring` for a bad id or a current id missing
 *   from the keys; `orders.support_token.invalid_key` (with `data.keyId`, never the material) for key
 *   material that is not base64 of at least 32 bytes.
 * @example
 * ```ts
 * const keys = await importSupportTokenKeyring({
 *   currentKeyId: 's2026',
 *   keys: { s2025: process.env.SUPPORT_KEY_2025 ?? '', s2026: process.env.SUPPORT_KEY_2026 ?? '' },
 * });
 * ```
 */
export async function importSupportTokenKeyring(config: KeyringConfig): Promise<SupportTokenKeyring> {
  const parsed = KeyringConfig.safeParse(config);
  if (!parsed.success) {
    throw new HakobuError('orders.support_token.invalid_keyring', 'Invalid support token keyring', {
      data: { issues: parsed.error.issues.map(({ path, message }) => ({ path, message })) },
    });
  }
  const entries = await Promise.all(
    Object.entries(parsed.data.keys).map(async ([keyId, base64]) => {
      const bytes = fromAnyBase64(base64);
      if (bytes === undefined || bytes.length < MIN_KEY_BYTES) {
        throw new HakobuError(
          'orders.support_token.invalid_key',
          `Support token key ${keyId} must be base64 of at least ${MIN_KEY_BYTES} bytes`,
          { data: { keyId, length: bytes?.length } },
        );
      }
      const key = await globalThis.crypto.subtle.importKey(
        'raw',
        bytes,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      );
      return [keyId, key] as const;
    }),
  );
  return { currentKeyId: parsed.data.currentKeyId, keys: Object.fromEntries(entries) };
}

/**
 * Issues the token of a customer support URL (お客様サポートURLのトークン発行), such as
 * `https://shop.example/support/<token>`: HMAC-SHA256 with the keyring's current key over the order id,
 * the expiry and the purpose, in the form
 *
 * ```text
 * hst1.<keyId>.<payload>.<mac>
 * ```
 *
 * `payload` is the base64url of the JSON `[orderId, expiresAtMs, purpose]` and `mac` the base64url of the
 * HMAC of `hst1.<keyId>.<payload>`, so the version and key id are signed too. The token is signed, not
 * encrypted: it carries the internal order id and nothing personal. URL-safe as is.
 *
 * @throws `HakobuError` `orders.support_token.invalid_input` for an empty or over-long order id, a bad
 *   purpose or an expiry that is no instant (a `Date` or ISO 8601 text with an offset);
 *   `orders.support_token.missing_current_key` when the keyring lacks its current key;
 *   `orders.support_token.invalid_key` for a key that cannot sign with HMAC-SHA256.
 * @example
 * ```ts
 * const token = await issueSupportToken(
 *   { orderId: order.id, purpose: 'changeRequest', expiresAt: endOfJapanDay('2026-12-10') },
 *   keys,
 * );
 * const url = `https://shop.example/support/${token}`;
 * ```
 */
export async function issueSupportToken(
  input: IssueSupportTokenInput,
  keyring: SupportTokenKeyring,
): Promise<string> {
  const expires = expiryMs(input.expiresAt);
  const payload = Payload.safeParse([input.orderId, expires, input.purpose]);
  if (expires === undefined || !payload.success) {
    throw new HakobuError('orders.support_token.invalid_input', 'Invalid support token input', {
      data: { purpose: input.purpose, expiresAt: String(input.expiresAt) },
    });
  }
  const keyId = keyring.currentKeyId;
  const key = keyOf(keyring, keyId);
  if (key === undefined || !KeyId.safeParse(keyId).success) {
    throw new HakobuError(
      'orders.support_token.missing_current_key',
      `The support token keyring has no usable current key "${keyId}"`,
      { data: { keyId } },
    );
  }
  const signed = `${SUPPORT_TOKEN_VERSION}.${keyId}.${toBase64Url(encoder.encode(JSON.stringify(payload.data)))}`;
  const mac = await subtle(() => globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(signed)));
  return `${signed}.${toBase64Url(new Uint8Array(mac))}`;
}

interface ParsedToken {
  readonly keyId: KeyId;
  readonly signed: string;
  readonly payload: Uint8Array<ArrayBuffer>;
  readonly mac: Uint8Array<ArrayBuffer>;
}

function parseToken(token: string): ParsedToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [version, keyId, payloadText, macText] = parts as [string, string, string, string];
  if (version !== SUPPORT_TOKEN_VERSION || !KeyId.safeParse(keyId).success) return undefined;
  const payload = fromBase64Url(payloadText);
  const mac = fromBase64Url(macText);
  if (payload === undefined || payload.length === 0 || mac?.length !== MAC_BYTES) return undefined;
  return { keyId, signed: `${version}.${keyId}.${payloadText}`, payload, mac };
}

function decodePayload(bytes: Uint8Array): z.infer<typeof Payload> | undefined {
  try {
    const parsed = Payload.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies the token of a support URL (トークン検証) and returns what it says, or one typed refusal
 * ({@link SupportTokenRefusal}) with a Japanese message for the customer's page. Checks, in order: the
 * form, that its key is still in the keyring, the signature (WebCrypto `verify`, which compares in constant
 * time), then the expiry (`now` at or after `expiresAt` is expired: an instant comparison, so Japan time
 * whatever the host's zone), the purpose when `purpose` is given, and the order's status when
 * `orderStatus` is given. Nothing in the token is trusted before the signature matches.
 *
 * @throws `HakobuError` `orders.support_token.invalid_key` for a keyring entry that cannot verify
 *   HMAC-SHA256.
 * @example
 * ```ts
 * const verified = await verifySupportToken(token, {
 *   keys,
 *   now: clock.now(),
 *   purpose: 'changeRequest',
 *   orderStatus: order.status,
 * });
 * if (!verified.ok) return page.error(verified.issues[0]?.message); // e.g. 'このURLの有効期限が過ぎています。…'
 * verified.value.orderId; // 'o0000001'
 * ```
 */
export async function verifySupportToken(
  token: string,
  options: VerifySupportTokenOptions,
): Promise<Result<SupportTokenClaims>> {
  const parsed = parseToken(token.trim());
  if (parsed === undefined) return refuse('orders.support_token.malformed');
  const key = keyOf(options.keys, parsed.keyId);
  if (key === undefined) return refuse('orders.support_token.unknown_key', { keyId: parsed.keyId });
  const genuine = await subtle(() =>
    globalThis.crypto.subtle.verify('HMAC', key, parsed.mac, encoder.encode(parsed.signed)),
  );
  if (!genuine) return refuse('orders.support_token.tampered', { keyId: parsed.keyId });
  const payload = decodePayload(parsed.payload);
  if (payload === undefined) return refuse('orders.support_token.malformed', { keyId: parsed.keyId });
  const [orderId, expiresMs, purpose] = payload;
  const claims: SupportTokenClaims = {
    orderId,
    purpose,
    expiresAt: toJapanTimestamp(new Date(expiresMs)),
    keyId: parsed.keyId,
  };
  if (options.now.getTime() >= expiresMs) {
    return refuse('orders.support_token.expired', { orderId, expiresAt: claims.expiresAt });
  }
  if (options.purpose !== undefined && options.purpose !== purpose) {
    return refuse('orders.support_token.wrong_purpose', { orderId, purpose, expected: options.purpose });
  }
  const closed = options.closedStatuses ?? ['completed', 'cancelled'];
  if (options.orderStatus !== undefined && closed.includes(options.orderStatus)) {
    return refuse('orders.support_token.order_closed', { orderId, status: options.orderStatus });
  }
  return ok(claims);
}
