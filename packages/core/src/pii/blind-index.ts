import { z } from 'zod';
import { createIssue, fail, HakobuError, type IssuePath, ok, type Result } from '../result';
import {
  normalizeAddressKey,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizePostalCode,
} from '../text';
import { toBase64Url } from './base64';
import type { WebCryptoKey } from './keys';

/** What a blind index is computed over; each kind has its own normaliser from the text module. */
export const BlindIndexKind = z.enum(['phone', 'email', 'name', 'address', 'postalCode']);
/** @see {@link BlindIndexKind} */
export type BlindIndexKind = z.infer<typeof BlindIndexKind>;

/** How {@link blindIndex} writes the 32-byte HMAC: 64 hex digits or 43 base64url characters. */
export const BlindIndexEncoding = z.enum(['hex', 'base64url']);
/** @see {@link BlindIndexEncoding} */
export type BlindIndexEncoding = z.infer<typeof BlindIndexEncoding>;

/** Options of {@link blindIndex}. */
export interface BlindIndexOptions {
  /** `hex` (the default) or `base64url`. */
  encoding?: BlindIndexEncoding;
  /** Where the value sits in the record, copied to the issues. */
  path?: IssuePath;
}

const KIND_LABELS: Readonly<Record<BlindIndexKind, string>> = {
  phone: '電話番号',
  email: 'メールアドレス',
  name: '氏名',
  address: '住所',
  postalCode: '郵便番号',
};

const PLAIN_NORMALIZERS: Readonly<Record<Exclude<BlindIndexKind, 'postalCode'>, (value: string) => string>> =
  {
    phone: normalizePhone,
    email: normalizeEmail,
    name: normalizeName,
    address: normalizeAddressKey,
  };

function normalized(value: string, kind: BlindIndexKind, path: IssuePath | undefined): Result<string> {
  return kind === 'postalCode' ? normalizePostalCode(value, { path }) : ok(PLAIN_NORMALIZERS[kind](value));
}

const encoder = new TextEncoder();

function isHmacSha256SigningKey(key: WebCryptoKey): boolean {
  const algorithm = key.algorithm as { name?: string; hash?: { name?: string } };
  return algorithm.name === 'HMAC' && algorithm.hash?.name === 'SHA-256' && key.usages.includes('sign');
}

/**
 * A keyed hash of a personal-data value for exact-match search over encrypted data (検索用ハッシュ,
 * blind index): HMAC-SHA256 of the value normalised for its kind, so `090-1234-5678` and
 * `０９０１２３４５６７８` give the same index while the value itself stays encrypted.
 *
 * The HMAC input is `<kind>:<normalised value>`: the kind separates domains, so a phone number and a
 * postal code with the same digits never share an index. Indexes from different keys never match.
 *
 * Issues: `pii.blank_value` when the value normalises to nothing (an index of "" would match every
 * blank row); for `postalCode`, the issues of `normalizePostalCode` (`text.invalid_postal_code`).
 *
 * @throws {@link HakobuError} `pii.invalid_key` when the key is not an HMAC-SHA256 signing key (see
 *   {@link importBlindIndexKey}), or the kind is unknown (`pii.invalid_kind`).
 * @example
 * ```ts
 * const indexKey = await importBlindIndexKey(process.env.PII_INDEX_KEY ?? '');
 * const a = await blindIndex('090-1234-5678', 'phone', indexKey);
 * const b = await blindIndex('０９０１２３４５６７８', 'phone', indexKey);
 * // a.ok && b.ok && a.value === b.value
 * ```
 */
export async function blindIndex(
  value: string,
  kind: BlindIndexKind,
  key: WebCryptoKey,
  options: BlindIndexOptions = {},
): Promise<Result<string>> {
  if (!BlindIndexKind.safeParse(kind).success) {
    throw new HakobuError('pii.invalid_kind', `Unknown blind index kind "${kind}"`, { data: { kind } });
  }
  const normal = normalized(value, kind, options.path);
  if (!normal.ok) return normal;
  if (normal.value === '') {
    return fail([
      createIssue('pii.blank_value', `${KIND_LABELS[kind]}が空のため、検索用ハッシュを作れません`, {
        path: options.path,
        data: { kind },
      }),
    ]);
  }
  if (!isHmacSha256SigningKey(key)) {
    throw new HakobuError('pii.invalid_key', 'The blind index key must be an HMAC-SHA256 signing key');
  }
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(`${kind}:${normal.value}`));
  const bytes = new Uint8Array(mac);
  return ok(
    (options.encoding ?? 'hex') === 'hex'
      ? Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
      : toBase64Url(bytes),
  );
}
