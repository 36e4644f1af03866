import { z } from 'zod';
import { PrefectureName } from './prefectures';

/**
 * A person's or addressee's name (氏名). `name` is the full name as it should be printed (`山田 太郎`),
 * without honorific: 様・御中 belong to the label.
 * `nameKana` is the reading (フリガナ) as entered, full- or half-width; carriers that need half-width
 * convert it with `toHalfwidthKatakana`. The family/given split is optional because malls rarely give it.
 */
export const PersonName = z.object({
  /** Full name as printed (氏名). */
  name: z.string().min(1),
  /** Reading of the full name (氏名カナ / フリガナ). */
  nameKana: z.string().optional(),
  /** Family name (姓). */
  familyName: z.string().optional(),
  /** Given name (名). */
  givenName: z.string().optional(),
  /** Reading of the family name (セイ). */
  familyNameKana: z.string().optional(),
  /** Reading of the given name (メイ). */
  givenNameKana: z.string().optional(),
});
/** @see {@link PersonName} */
export type PersonName = z.infer<typeof PersonName>;

/**
 * A Japanese postal code (郵便番号) stored as 7 ASCII digits without hyphen: `1050011`. Read typed input
 * (`〒105-0011`, `１０５－００１１`) with `normalizePostalCode` first.
 */
export const PostalCode = z
  .string()
  .regex(/^\d{7}$/, { error: '郵便番号は7桁の数字（ハイフンなし）で指定してください' });
/** @see {@link PostalCode} */
export type PostalCode = z.infer<typeof PostalCode>;

/**
 * A Japanese address (日本の住所), split the way carrier labels and Japan Post data split it:
 *
 * - `prefecture` — 都道府県, the full name (`東京都`);
 * - `city` — 市区町村, including 郡 and the ward of a 政令指定都市 (`港区`, `横浜市中区`, `余市郡余市町`);
 * - `street` — 町域・番地, the town area and block numbers (`芝公園4-2-8`), 大字・字 included;
 * - `building` — 建物名・部屋番号, optional (`ABCビル 101号室`).
 *
 * Text is kept as entered (never a match key). {@link splitAddress} fills prefecture and city from a
 * one-line address.
 */
export const JapaneseAddress = z.object({
  /** 郵便番号, 7 digits. */
  postalCode: PostalCode,
  /** 都道府県. */
  prefecture: PrefectureName,
  /** 市区町村 (with 郡 and 政令指定都市 ward). */
  city: z.string().min(1),
  /** 町域・番地. */
  street: z.string().min(1),
  /** 建物名・部屋番号. */
  building: z.string().optional(),
});
/** @see {@link JapaneseAddress} */
export type JapaneseAddress = z.infer<typeof JapaneseAddress>;

/**
 * A phone number (電話番号) as the customer entered it (`03-1234-5678`, `０９０ー１２３４ー５６７８`), kept
 * for printing. Check it with {@link checkPhoneNumber}; compare it with `normalizePhone`.
 */
export const PhoneNumber = z.string().min(1);
/** @see {@link PhoneNumber} */
export type PhoneNumber = z.infer<typeof PhoneNumber>;

/**
 * An e-mail address (メールアドレス) as entered. Deliberately lenient — one `@`, no spaces, a dot in the
 * domain — because old Japanese mobile addresses (`taro..yamada.@docomo.ne.jp`) break RFC 5322 and
 * still receive mail; rejecting them would lose orders. Compare with `normalizeEmail`.
 */
export const EmailAddress = z
  .string()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@.]+$/u, { error: 'メールアドレスの形式が正しくありません' });
/** @see {@link EmailAddress} */
export type EmailAddress = z.infer<typeof EmailAddress>;

/**
 * A contact (連絡先): an orderer (注文者), a destination (お届け先) or a shipper (ご依頼主). Phone is
 * required because every carrier label needs one; e-mail and company (会社名・部署名) are optional.
 */
export const Contact = z.object({
  /** 氏名. */
  name: PersonName,
  /** 住所. */
  address: JapaneseAddress,
  /** 電話番号, as entered. */
  phone: PhoneNumber,
  /** メールアドレス, as entered. */
  email: EmailAddress.optional(),
  /** 会社名・部署名. */
  company: z.string().optional(),
});
/** @see {@link Contact} */
export type Contact = z.infer<typeof Contact>;
