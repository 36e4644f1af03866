export {
  addressKey,
  checkPostalAddress,
  DEFAULT_CITY_ALIASES,
  type PostalCheck,
  type PostalCheckOptions,
  type PostalMatch,
} from './check';
export {
  createPostalDirectory,
  loadJapanPostDirectory,
  type PostalDirectory,
  type PostalEntry,
  parsePostalTable,
} from './directory';
export { JAPANPOST_JIGYOSYO_DATE, JAPANPOST_KEN_ALL_DATE } from './japanpost-dates.generated';
