/**
 * Match keys for 同梱 and blacklist screening. Stand-ins for `normalizePhone`, `normalizeName`,
 * `normalizeEmail` and `normalizeAddressKey` from `@hakobu/core` text until those are exported: NFKC (width
 * variants), hyphen and wave-dash variants unified, spaces removed, katakana folded to hiragana for names.
 * NFKC runs only when the text holds a character it would change, which keeps screening of 100k orders fast.
 */
const HYPHENS = /[\u002D\u2010-\u2015\u2212\u30FC\uFF0D\uFF70\u2043\u02D7\u2796\u23AF\u2E3A\u2E3B]/g;
const SPACES = /[\s\u3000]+/g;
const BLOCK_WORDS = /[丁番号の]/;
/** Characters NFKC may change: compatibility ideographs and symbols, full/half-width forms, circled and squared. */
const NEEDS_NFKC = /[\u00A0-\u00FF\u2000-\u2BFF\u3000\u3200-\u33FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

function nfkc(text: string): string {
  return NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text;
}

/** Digits only (full-width digits folded); `+81` becomes a leading 0. Empty when fewer than 6 digits remain. */
export function phoneKey(phone: string | undefined): string {
  if (phone === undefined) return '';
  let digits = '';
  let international = false;
  for (let index = 0; index < phone.length; index += 1) {
    const code = phone.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) digits += phone[index];
    else if (code >= 0xff10 && code <= 0xff19) digits += String.fromCharCode(code - 0xfee0);
    else if ((code === 0x2b || code === 0xff0b) && digits === '') international = true;
  }
  if (international && digits.startsWith('81')) digits = `0${digits.slice(2)}`;
  return digits.length >= 6 ? digits : '';
}

/** Lower-case, NFKC, spaces removed. */
export function emailKey(email: string | undefined): string {
  return email === undefined ? '' : nfkc(email).replace(SPACES, '').toLowerCase();
}

/** NFKC, spaces removed, katakana folded to hiragana, lower-case. */
export function nameKey(name: string | undefined): string {
  if (name === undefined) return '';
  return nfkc(name)
    .replace(SPACES, '')
    .replace(/[\u30A1-\u30F6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .toLowerCase();
}

/**
 * Postal code digits plus the address with 丁目/番地/番/号 and hyphen variants folded to `-` and spaces
 * removed, so 「1丁目2番3号」 and 「1-2-3」 meet. Without a postal code the key is the address alone.
 */
export function addressKey(parts: { postalCode?: string | undefined; address: string }): string {
  let address = nfkc(parts.address).replace(SPACES, '').replace(HYPHENS, '-').toLowerCase();
  if (BLOCK_WORDS.test(address)) {
    address = address.replace(/(\d)(丁目|番地|番|の)(?=\d)/g, '$1-').replace(/(\d)(号|番地|番)(?!\d)/g, '$1');
  }
  if (address === '') return '';
  const postal = phoneKeyDigits(parts.postalCode);
  return postal === '' ? address : `${postal}|${address}`;
}

function phoneKeyDigits(text: string | undefined): string {
  if (text === undefined) return '';
  let digits = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) digits += text[index];
    else if (code >= 0xff10 && code <= 0xff19) digits += String.fromCharCode(code - 0xfee0);
  }
  return digits;
}
