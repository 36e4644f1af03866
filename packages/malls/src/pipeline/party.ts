import { normalizePostalCode } from '@hakobu/core';
import type { Party } from '@hakobu/orders';
import type { FieldReader } from './fields';

/** The fields of a party in one record, by field name (each optional except name and address). */
export interface PartyFields {
  readonly name?: string;
  /** Family and given name fields, joined with a space when `name` is absent. */
  readonly familyName?: string;
  readonly givenName?: string;
  readonly nameKana?: string;
  readonly familyNameKana?: string;
  readonly givenNameKana?: string;
  readonly company?: string;
  readonly postalCode?: string;
  /** Split postal code (楽天 zipCode1 + zipCode2). */
  readonly postalCode1?: string;
  readonly postalCode2?: string;
  readonly prefecture: string;
  /** Address parts joined into address1 (市区町村・番地). */
  readonly address1: readonly string[];
  /** Address parts joined into address2 (建物名). */
  readonly address2?: readonly string[];
  /** Phone parts joined with `-` (楽天 phoneNumber1..3). */
  readonly phone: readonly string[];
  readonly email?: string;
}

const SIMPLE_POSTAL = /^\d{3}-?\d{4}$/;

function join(reader: FieldReader, fields: readonly string[] | undefined, separator: string): string {
  return (fields ?? [])
    .map((field) => reader.text(field))
    .filter((part) => part !== '')
    .join(separator);
}

/**
 * Reads a `Party` (注文者・送付先) from a record, reporting every missing or malformed part on the
 * reader. A missing phone number falls back to `fallbackPhone` (the orderer's) with a warning.
 */
export function readParty(
  reader: FieldReader,
  fields: PartyFields,
  role: string,
  fallbackPhone?: string,
): Party {
  const name =
    fields.name !== undefined
      ? reader.text(fields.name)
      : join(
          reader,
          [fields.familyName ?? '', fields.givenName ?? ''].filter((f) => f !== ''),
          ' ',
        );
  if (name === '') reader.error(fields.name ?? fields.familyName ?? 'name', `(${role}氏名) が空です`, '');
  const postalText =
    fields.postalCode !== undefined
      ? reader.text(fields.postalCode)
      : `${reader.text(fields.postalCode1 ?? '')}${reader.text(fields.postalCode2 ?? '')}`;
  const postal = SIMPLE_POSTAL.test(postalText)
    ? { ok: true as const, value: postalText.replace('-', '') }
    : normalizePostalCode(postalText);
  let postalCode = postalText;
  if (postal.ok) {
    postalCode = `${postal.value.slice(0, 3)}-${postal.value.slice(3)}`;
  } else {
    reader.error(
      fields.postalCode ?? fields.postalCode1 ?? 'postalCode',
      `(${role}郵便番号) が郵便番号ではありません: "${postalText}"`,
      postalText,
    );
  }
  const prefecture = reader.text(fields.prefecture);
  if (prefecture === '') reader.error(fields.prefecture, `(${role}都道府県) が空です`, '');
  const address1 = join(reader, fields.address1, '');
  if (address1 === '') reader.error(fields.address1[0] ?? 'address1', `(${role}住所) が空です`, '');
  let phone = join(reader, fields.phone, '-');
  if (phone === '') {
    if (fallbackPhone !== undefined && fallbackPhone !== '') {
      phone = fallbackPhone;
      reader.warn(fields.phone[0] ?? 'phone', `(${role}電話番号) が空のため注文者の電話番号を使いました`, '');
    } else {
      reader.error(fields.phone[0] ?? 'phone', `(${role}電話番号) が空です`, '');
    }
  }
  const party: Party = { name, postalCode, prefecture, address1, phone };
  const kana =
    fields.nameKana !== undefined
      ? reader.text(fields.nameKana)
      : join(
          reader,
          [fields.familyNameKana ?? '', fields.givenNameKana ?? ''].filter((f) => f !== ''),
          ' ',
        );
  if (kana !== '') party.nameKana = kana;
  const company = fields.company === undefined ? '' : reader.text(fields.company);
  if (company !== '') party.company = company;
  const address2 = join(reader, fields.address2, ' ');
  if (address2 !== '') party.address2 = address2;
  const email = fields.email === undefined ? '' : reader.text(fields.email);
  if (email !== '') party.email = email;
  return party;
}
