import { normalizeAddressKey, normalizePostalCode, PersonName, PhoneNumber } from '@hakobu/core';
import { z } from 'zod';

/**
 * A person at an address: the orderer (注文者) or a destination (お届け先). Plain strings as the mall sent
 * them; matching normalises them, storage does not. `name`/`nameKana` are those of `PersonName` and `phone`
 * is `PhoneNumber` of `@hakobu/core`. The address stays in the malls' flat form (都道府県, 住所1, 住所2)
 * rather than core's `JapaneseAddress` (市区町村 and 町域 split), because malls do not split it; use
 * `splitAddress` of `@hakobu/core` where a carrier needs the split. The postal code is kept as sent, with or
 * without hyphen (core's `PostalCode` is 7 digits only); compare it with `normalizePostalCode`.
 */
export const Party = z.object({
  ...PersonName.pick({ name: true, nameKana: true }).shape,
  /** 会社名 */
  company: z.string().optional(),
  /** 郵便番号, `1234567` or `123-4567`. */
  postalCode: z.string().regex(/^\d{3}-?\d{4}$/),
  /** 都道府県 */
  prefecture: z.string().min(1),
  /** 市区町村・番地 */
  address1: z.string().min(1),
  /** 建物名・部屋番号 */
  address2: z.string().optional(),
  /** 電話番号, as entered */
  phone: PhoneNumber,
  /**
   * メールアドレス as the mall sent it. Not checked against core's `EmailAddress`: a masked or malformed
   * address must never refuse a paid order.
   */
  email: z.string().optional(),
});
/** @see {@link Party} */
export type Party = z.infer<typeof Party>;

/** A destination (お届け先): a {@link Party}. */
export const Destination = Party;
/** @see {@link Destination} */
export type Destination = Party;

/**
 * The one-line address of a party: prefecture, address1 and address2 joined, as matched and printed.
 *
 * @example
 * ```ts
 * fullAddress({ prefecture: '東京都', address1: '千代田区丸の内1-1-1', address2: '丸の内ビル3F', ... });
 * // '東京都千代田区丸の内1-1-1丸の内ビル3F'
 * ```
 */
export function fullAddress(party: Pick<Party, 'prefecture' | 'address1' | 'address2'>): string {
  return `${party.prefecture}${party.address1}${party.address2 ?? ''}`;
}

/**
 * The match key of a party's address (住所照合キー): the postal code read by `normalizePostalCode` and the
 * one-line address by `normalizeAddressKey` of `@hakobu/core`, joined by `|`. Used for 同梱 and gift
 * detection; for comparison only, never for output.
 *
 * @example
 * ```ts
 * partyAddressKey({ postalCode: '105-0011', prefecture: '東京都', address1: '港区芝公園四丁目2番8号' });
 * // '1050011|東京都港区芝公園4-2-8'
 * ```
 */
export function partyAddressKey(
  party: Pick<Party, 'postalCode' | 'prefecture' | 'address1' | 'address2'>,
): string {
  const postal = normalizePostalCode(party.postalCode);
  return `${postal.ok ? postal.value : party.postalCode}|${normalizeAddressKey(fullAddress(party))}`;
}
