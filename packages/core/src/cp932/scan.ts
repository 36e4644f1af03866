import { BYTE_LEAD, BYTE_SINGLE, cp932Tables } from './table';

/** One invalid byte sequence: the decoder wrote one U+FFFD for it. */
export interface InvalidSequence {
  /** Byte offset of the sequence's first byte from the start of the input, 0-based. */
  offset: number;
  /** The bytes of the sequence. */
  bytes: number[];
  /** 1-based line (LF count before the sequence + 1). */
  line: number;
  /** True when the input ended inside the sequence. */
  truncated: boolean;
}

/**
 * Finds invalid byte sequences chunk by chunk, exactly where the decoder writes U+FFFD, so that an issue can
 * give the byte offset and line of each. A sequence cut at a chunk boundary is carried over.
 */
export interface ByteScanner {
  scan(chunk: Uint8Array): void;
  finish(): void;
  /** Invalid sequences found so far, in input order (left empty by a counting scanner). */
  readonly invalid: InvalidSequence[];
  /** How many invalid sequences were found so far. */
  readonly errorCount: number;
}

/** What a UTF-8 scan saw, for encoding detection. */
export interface Utf8Stats {
  /** Complete sequences of 2 bytes (U+0080–U+07FF). */
  twoByte: number;
  /** Complete sequences of 3 or 4 bytes (U+0800 and above: kana, kanji …). */
  longer: number;
}

/** The WHATWG UTF-8 decoder's error rule (one U+FFFD per maximal invalid subpart), as in `TextDecoder`. */
export function createUtf8Scanner(countOnly = false): ByteScanner & { readonly stats: Utf8Stats } {
  const invalid: InvalidSequence[] = [];
  let errorCount = 0;
  const stats: Utf8Stats = { twoByte: 0, longer: 0 };
  let position = 0;
  let line = 1;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let pending = 0; // the bytes of the sequence so far, big-endian (at most 3 bytes before it completes or fails)
  let pendingCount = 0;
  let start = 0;

  const reset = () => {
    needed = 0;
    seen = 0;
    lower = 0x80;
    upper = 0xbf;
    pendingCount = 0;
  };
  const pendingBytes = () =>
    Array.from({ length: pendingCount }, (_, k) => (pending >> (8 * (pendingCount - 1 - k))) & 0xff);
  const report = (offset: number, bytes: number[], truncated: boolean) => {
    errorCount++;
    if (!countOnly) invalid.push({ offset, bytes, line, truncated });
  };

  return {
    invalid,
    stats,
    get errorCount() {
      return errorCount;
    },
    scan(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] ?? 0;
        const offset = position + i;
        if (needed === 0) {
          if (byte <= 0x7f) {
            if (byte === 0x0a) line++;
            continue;
          }
          if (byte >= 0xc2 && byte <= 0xdf) needed = 1;
          else if (byte >= 0xe0 && byte <= 0xef) {
            if (byte === 0xe0) lower = 0xa0;
            if (byte === 0xed) upper = 0x9f;
            needed = 2;
          } else if (byte >= 0xf0 && byte <= 0xf4) {
            if (byte === 0xf0) lower = 0x90;
            if (byte === 0xf4) upper = 0x8f;
            needed = 3;
          } else {
            report(offset, [byte], false);
            continue;
          }
          start = offset;
          pending = byte;
          pendingCount = 1;
          continue;
        }
        if (byte < lower || byte > upper) {
          report(start, pendingBytes(), false);
          reset();
          i--; // the byte starts afresh
          continue;
        }
        lower = 0x80;
        upper = 0xbf;
        pending = (pending << 8) | byte;
        pendingCount++;
        if (++seen === needed) {
          if (needed === 1) stats.twoByte++;
          else stats.longer++;
          reset();
        }
      }
      position += chunk.length;
    },
    finish() {
      if (needed !== 0) report(start, pendingBytes(), true);
      reset();
    },
  };
}

/** iconv-lite's CP932 error rule: an unreadable byte, or a lead byte whose pair is unmapped, gives one U+FFFD. */
export function createCp932Scanner(countOnly = false): ByteScanner & { readonly leadPending: boolean } {
  const { byteKind, pairValid } = cp932Tables();
  const invalid: InvalidSequence[] = [];
  let errorCount = 0;
  const report = (offset: number, byte: number, truncated: boolean) => {
    errorCount++;
    if (!countOnly) invalid.push({ offset, bytes: [byte], line, truncated });
  };
  let position = 0;
  let line = 1;
  let lead = -1;
  let leadOffset = 0;

  return {
    invalid,
    get errorCount() {
      return errorCount;
    },
    /** True when the last byte scanned is a lead byte still waiting for its trail byte. */
    get leadPending() {
      return lead >= 0;
    },
    scan(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] ?? 0;
        if (lead >= 0) {
          const valid = pairValid[(lead << 8) | byte] === 1;
          if (!valid) report(leadOffset, lead, false);
          lead = -1;
          if (valid) continue;
        }
        const kind = byteKind[byte];
        if (kind === BYTE_SINGLE) {
          if (byte === 0x0a) line++;
        } else if (kind === BYTE_LEAD) {
          lead = byte;
          leadOffset = position + i;
        } else {
          report(position + i, byte, false);
        }
      }
      position += chunk.length;
    },
    finish() {
      if (lead >= 0) report(leadOffset, lead, true);
      lead = -1;
    },
  };
}
