export { checkPhoneNumber } from './phone-check';
export { findPrefecture, PREFECTURE_NAMES, PREFECTURES, Prefecture, PrefectureName } from './prefectures';
export { Contact, EmailAddress, JapaneseAddress, PersonName, PhoneNumber, PostalCode } from './schemas';
export { type SplitAddress, splitAddress } from './split-address';
