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

const FORMATTED_POSTAL = /^\d{3}-\d{4}$/;

/** A split postal code (楽天 zipCode1 + zipCode2) as one text, already `NNN-NNNN` when both parts are plain. */
function splitPostalText(first: string, second: string): string {
  return first.length === 3 && second.length === 4 ? `${first}-${second}` : `${first}${second}`;
}

/** `NNN-NNNN`, or `undefined` when the text is not a postal code. */
function formattedPostalCode(text: string): string | undefined {
  if (FORMATTED_POSTAL.test(text)) return text;
  const postal = normalizePostalCode(text);
  return postal.ok ? `${postal.value.slice(0, 3)}-${postal.value.slice(3)}` : undefined;
}

/** The non-empty texts of `fields` joined with `separator`, without an array per call (every order reads two parties). */
function join(reader: FieldReader, fields: readonly string[] | undefined, separator: string): string {
  let joined = '';
  if (fields === undefined) return joined;
  for (const field of fields) {
    const part = reader.text(field);
    if (part === '') continue;
    joined = joined === '' ? part : `${joined}${separator}${part}`;
  }
  return joined;
}

/** Family and given name fields joined with a space; a field not in the layout is skipped. */
function fullName(reader: FieldReader, family: string | undefined, given: string | undefined): string {
  const first = family === undefined ? '' : reader.text(family);
  const second = given === undefined ? '' : reader.text(given);
  if (first === '' || second === '') return first === '' ? second : first;
  return `${first} ${second}`;
}

/**
 * Reads a `Party` (注文者・送付先) from a record, reporting every missing or malformed part on the
 * reader. For a destination, give the `orderer` (or what is known of it): a missing phone number falls back to
 * the orderer's with a warning, and each text equal to the orderer's is the orderer's string, since most orders
 * ship to the orderer and an import keeps both parties of every order.
 */
export function readParty(
  reader: FieldReader,
  fields: PartyFields,
  role: string,
  orderer?: Partial<Party>,
): Party {
  const fallbackPhone = orderer?.phone;
  const name =
    fields.name !== undefined
      ? reader.text(fields.name)
      : fullName(reader, fields.familyName, fields.givenName);
  if (name === '') reader.error(fields.name ?? fields.familyName ?? 'name', `(${role}氏名) が空です`, '');
  const postalText =
    fields.postalCode !== undefined
      ? reader.text(fields.postalCode)
      : splitPostalText(reader.text(fields.postalCode1 ?? ''), reader.text(fields.postalCode2 ?? ''));
  const postalCode = formattedPostalCode(postalText);
  if (postalCode === undefined) {
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
  const party: Party = { name, postalCode: postalCode ?? postalText, prefecture, address1, phone };
  const kana =
    fields.nameKana !== undefined
      ? reader.text(fields.nameKana)
      : fullName(reader, fields.familyNameKana, fields.givenNameKana);
  if (kana !== '') party.nameKana = kana;
  const company = fields.company === undefined ? '' : reader.text(fields.company);
  if (company !== '') party.company = company;
  const address2 = join(reader, fields.address2, ' ');
  if (address2 !== '') party.address2 = address2;
  const email = fields.email === undefined ? '' : reader.text(fields.email);
  if (email !== '') party.email = email;
  if (orderer !== undefined) shareTexts(party, orderer);
  return party;
}

/** Points each text of `party` equal to the orderer's at the orderer's string: equal texts, one string kept. */
function shareTexts(party: Party, orderer: Partial<Party>): void {
  for (const key of Object.keys(party) as (keyof Party)[]) {
    const theirs = orderer[key];
    if (typeof theirs === 'string' && party[key] === theirs) (party as Record<string, unknown>)[key] = theirs;
  }
}
