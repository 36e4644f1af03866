import iconv from 'iconv-lite';

/**
 * Kinds of BMP code unit in {@link Cp932Tables.kind}; 0 is not writable (no code, or only a lossy one as
 * iconv-lite's ¥→0x5C). This one: one byte, ASCII or half-width katakana (JIS X 0201).
 */
export const KIND_SINGLE = 1;
/** Two bytes in JIS X 0208. */
export const KIND_JIS = 2;
/** Two bytes in a vendor row (機種依存文字): NEC row 13 (0x87), NEC-selected IBM (0xED–0xEE), IBM (0xFA–0xFC). */
export const KIND_VENDOR = 3;

/**
 * Kinds of first byte in {@link Cp932Tables.byteKind}; 0 decodes to nothing on its own (0xA0, 0xFD–0xFF). This
 * one: a byte that is one character (ASCII, 0x80, half-width katakana).
 */
export const BYTE_SINGLE = 1;
/** The first byte of a two-byte character. */
export const BYTE_LEAD = 2;

/** The CP932 tables, derived once from iconv-lite so that the encoder, the checks and the decoder agree. */
export interface Cp932Tables {
  /** Per BMP code unit: a `KIND_*` constant, or 0 when not writable (always for surrogates). */
  readonly kind: Uint8Array;
  /** Per BMP code unit: the CP932 code (one byte, or lead << 8 | trail); meaningful where `kind` is not 0. */
  readonly code: Uint16Array;
  /** Per first byte: a `BYTE_*` constant, or 0 for an invalid byte. */
  readonly byteKind: Uint8Array;
  /** Per two-byte sequence (lead << 8 | trail): 1 when iconv-lite decodes it to a character. */
  readonly pairValid: Uint8Array;
}

let tables: Cp932Tables | undefined;

/**
 * The CP932 tables, built on first use (about 0.1 s, mostly iconv-lite loading its table) by decoding every CP932 byte sequence with iconv-lite
 * and keeping the code points that encode back to the same sequence's character. iconv-lite's silent
 * fallbacks (`?`, ¥→0x5C, ‾→0x7E) and the user-defined area (外字 F040–F9FC → PUA, which it cannot write back)
 * are thereby excluded, and every code point marked writable is exact.
 */
export function cp932Tables(): Cp932Tables {
  tables ??= buildTables();
  return tables;
}

function isLeadByte(byte: number): boolean {
  return (byte >= 0x81 && byte <= 0x9f) || (byte >= 0xe0 && byte <= 0xfc);
}

function isVendorLead(lead: number): boolean {
  return lead === 0x87 || lead === 0xed || lead === 0xee || (lead >= 0xfa && lead <= 0xfc);
}

function buildTables(): Cp932Tables {
  const kind = new Uint8Array(0x10000);
  const code = new Uint16Array(0x10000);
  const byteKind = new Uint8Array(0x100);
  const pairValid = new Uint8Array(0x10000);
  const decoded = new Uint16Array(0x10000); // sequence → code unit, for the round-trip check

  // Decode every candidate sequence in one call: each followed by LF, so that an invalid pair (iconv-lite
  // emits U+FFFD and re-reads the trail byte) stays inside its own LF-separated segment.
  const sequences: number[] = [];
  for (let byte = 0; byte < 0x100; byte++) {
    if (isLeadByte(byte)) byteKind[byte] = BYTE_LEAD;
    else if (byte !== 0x0a) sequences.push(byte);
  }
  byteKind[0x0a] = BYTE_SINGLE;
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (!isLeadByte(lead)) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail !== 0x7f) sequences.push((lead << 8) | trail);
    }
  }
  const bytes: number[] = [];
  for (const sequence of sequences) {
    if (sequence > 0xff) bytes.push(sequence >> 8);
    bytes.push(sequence & 0xff, 0x0a);
  }
  const segments = iconv.decode(Buffer.from(bytes), 'cp932').split('\n');
  const candidates: number[] = [0x0a];
  decoded[0x0a] = 0x0a;
  sequences.forEach((sequence, index) => {
    const text = segments[index] ?? '';
    if (text.length !== 1 || text === '\uFFFD') return;
    const unit = text.charCodeAt(0);
    if (sequence > 0xff) pairValid[sequence] = 1;
    else byteKind[sequence] = BYTE_SINGLE;
    decoded[sequence] = unit;
    // U+0080 (from byte 0x80) is a C1 control that Windows and WHATWG decoders disagree on: never written.
    if (unit !== 0x80) candidates.push(unit);
  });

  // Encode every decoded character in one call and keep those that come back as themselves.
  const encoded = iconv.encode(String.fromCharCode(...candidates), 'cp932');
  let offset = 0;
  for (const unit of candidates) {
    const first = encoded[offset] ?? 0;
    const sequence = isLeadByte(first) ? (first << 8) | (encoded[offset + 1] ?? 0) : first;
    offset += sequence > 0xff ? 2 : 1;
    if (decoded[sequence] !== unit || (sequence === 0x3f && unit !== 0x3f)) continue;
    code[unit] = sequence;
    kind[unit] = sequence <= 0xff ? KIND_SINGLE : isVendorLead(sequence >> 8) ? KIND_VENDOR : KIND_JIS;
  }
  return { kind, code, byteKind, pairValid };
}
