import { z } from 'zod';

/**
 * A person at an address: the orderer (注文者) or a destination (お届け先). Plain strings as the mall sent
 * them; matching normalises them, storage does not.
 */
export const Party = z.object({
  /** 氏名 */
  name: z.string().min(1),
  /** 氏名（カナ） */
  nameKana: z.string().optional(),
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
  /** 電話番号 */
  phone: z.string().min(1),
  /** メールアドレス */
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
