export { KANJI_VARIANTS, type KanjiVariantTable } from './kanji-variant-table';
export {
  foldKanjiVariants,
  normalizeAddressKey,
  normalizeEmail,
  normalizeName,
  toHiragana,
} from './match-keys';
export { normalizePhone } from './phone';
export { normalizePostalCode } from './postal-code';
export { DASH_CHARACTERS, foldSpaces, normalizeNumericDashes } from './spaces-dashes';
export { foldWidth, type HalfwidthKatakana, toHalfwidthKatakana, type UnconvertedChar } from './width';
