import iconv from 'iconv-lite';
import { createIssue, HakobuError, type Issue } from '../result';
import type { TextEncoding } from './encode';
import { type ByteScanner, createCp932Scanner, createUtf8Scanner, type InvalidSequence } from './scan';

/** Decoded text (デコード結果), with the encoding used and every problem met. */
export interface DecodedText {
  /** The text, without the BOM. An invalid byte sequence is one U+FFFD (�) here, and an issue. */
  text: string;
  /** The encoding the bytes were read as: the override, or the detected one. */
  encoding: TextEncoding;
  /** True when the input started with the UTF-8 BOM (EF BB BF), which is not part of `text`. */
  bom: boolean;
  /** `text.invalid_bytes` (error) per invalid sequence; `text.encoding_ambiguous` (warning) when detection had to guess. */
  issues: Issue[];
}

/** The verdict of {@link detectEncoding}. */
export interface DetectedEncoding {
  encoding: TextEncoding;
  /** True when the sample starts with the UTF-8 BOM. */
  bom: boolean;
  /**
   * True when the bytes do not settle the question: valid UTF-8 whose only non-ASCII characters are
   * U+0080–U+07FF (which half-width kana in CP932 can form), or UTF-8 with some invalid sequences.
   */
  ambiguous: boolean;
}

/** Incremental decoder for streams (ストリーム用デコーダ), from {@link createStreamDecoder}. */
export interface StreamDecoder {
  /** Decodes one chunk; a multi-byte sequence cut at the chunk's end is completed by the next chunk. */
  write(chunk: Uint8Array): string;
  /** Flushes the decoder; a sequence left unfinished at the end of the input is reported and written as U+FFFD. */
  end(): string;
  /** `text.invalid_bytes` issues so far, with absolute byte offsets and lines. */
  readonly issues: Issue[];
}

type AmbiguityReason = 'half_width_kana' | 'mixed';

interface Detection extends DetectedEncoding {
  reason?: AmbiguityReason;
}

const encodingNames: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', cp932: 'CP932 (Shift_JIS)' };

function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Every byte ≥ 0x80 is half-width katakana in CP932 (0xA1–0xDF). */
function onlyHalfWidthKana(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80 && (byte < 0xa1 || byte > 0xdf)) return false;
  return true;
}

function detect(sample: Uint8Array): Detection {
  if (hasBom(sample)) return { encoding: 'utf-8', bom: true, ambiguous: false };
  // No finish(): a sample may be cut inside a character, which is not evidence against UTF-8.
  const utf8 = createUtf8Scanner(true);
  utf8.scan(sample);
  const errors = utf8.errorCount;
  const { twoByte, longer } = utf8.stats;
  if (errors === 0) {
    if (twoByte === 0 || longer > 0) return { encoding: 'utf-8', bom: false, ambiguous: false };
    const cp932 = createCp932Scanner(true);
    cp932.scan(sample);
    const halfWidthKana = cp932.errorCount === 0 && onlyHalfWidthKana(sample);
    return {
      encoding: halfWidthKana ? 'cp932' : 'utf-8',
      bom: false,
      ambiguous: true,
      reason: 'half_width_kana',
    };
  }
  // CP932 text almost never forms a valid 3- or 4-byte UTF-8 sequence, so many of them mean UTF-8 with a few
  // foreign lines rather than CP932.
  if (longer > errors) return { encoding: 'utf-8', bom: false, ambiguous: true, reason: 'mixed' };
  return { encoding: 'cp932', bom: false, ambiguous: false };
}

/**
 * Detects the encoding of a file's bytes (文字コード判定), as §2.2 of the text research measured: the UTF-8 BOM
 * means UTF-8; else valid UTF-8 with a character at or above U+0800 (or pure ASCII) is UTF-8; valid UTF-8 whose
 * only non-ASCII characters are U+0080–U+07FF is ambiguous (CP932 half-width kana pairs form them) and reads as
 * CP932 when the bytes are clean CP932 half-width kana; bytes that are not UTF-8 are CP932, unless valid long
 * UTF-8 sequences outnumber the errors (a UTF-8 file with a foreign line: UTF-8, ambiguous). A sample may end
 * inside a character. Empty input is UTF-8.
 *
 * @example
 * ```ts
 * detectEncoding(new Uint8Array([0x8e, 0x52, 0x93, 0x63])); // { encoding: 'cp932', bom: false, ambiguous: false } (山田)
 * detectEncoding(new TextEncoder().encode('山田')); // { encoding: 'utf-8', bom: false, ambiguous: false }
 * ```
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  const { encoding, bom, ambiguous } = detect(sample);
  return { encoding, bom, ambiguous };
}

function ambiguityIssue(detection: Detection): Issue {
  const chosen = encodingNames[detection.encoding];
  const message =
    detection.reason === 'mixed'
      ? `UTF-8 のファイルに UTF-8 として読めない箇所があります（別の文字コードの行が混ざっている可能性があります）。${chosen} として読みました。該当箇所を確認してください`
      : `UTF-8 としても CP932 (Shift_JIS) としても読めるファイルです。${chosen} として読みました。文字化けしていないか確認してください`;
  return createIssue('text.encoding_ambiguous', message, {
    severity: 'warning',
    data: { encoding: detection.encoding, reason: detection.reason },
  });
}

function hex(bytes: readonly number[]): string {
  return bytes.map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function invalidIssue(sequence: InvalidSequence, encoding: TextEncoding): Issue {
  const name = encodingNames[encoding];
  const where = `${sequence.line}行目（${sequence.offset + 1}バイト目）`;
  const what = sequence.truncated
    ? `${where}の ${name} のバイト列 (${hex(sequence.bytes)}) がファイルの終わりで途切れています`
    : `${where}のバイト列 (${hex(sequence.bytes)}) は ${name} として読めません`;
  return createIssue('text.invalid_bytes', `${what}。この箇所は「\uFFFD」(U+FFFD) に置き換えて読みました`, {
    line: sequence.line,
    data: { offset: sequence.offset, bytes: hex(sequence.bytes), encoding, truncated: sequence.truncated },
  });
}

function scanAll(scanner: ByteScanner, bytes: Uint8Array, encoding: TextEncoding): Issue[] {
  scanner.scan(bytes);
  scanner.finish();
  return scanner.invalid.map((sequence) => invalidIssue(sequence, encoding));
}

function decodeUtf8(bytes: Uint8Array, bom: boolean): { text: string; issues: Issue[] } {
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), issues: [] };
  } catch {
    // The BOM is a valid sequence, so scanning the whole input gives offsets from the file's first byte.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    return { text, issues: scanAll(createUtf8Scanner(), bytes, 'utf-8') };
  }
}

function decodeCp932(bytes: Uint8Array): { text: string; issues: Issue[] } {
  const text = iconv.decode(asBuffer(bytes), 'cp932');
  // CP932 has no code for U+FFFD, so it appears only where bytes were invalid.
  return { text, issues: text.includes('\uFFFD') ? scanAll(createCp932Scanner(), bytes, 'cp932') : [] };
}

/**
 * Decodes a whole file's bytes (ファイルの読み込み): detects UTF-8 or CP932 with {@link detectEncoding} (or uses
 * `options.encoding`, then without detection), strips a UTF-8 BOM, and reports every invalid byte sequence
 * (`text.invalid_bytes`, error, with `line` and `data.offset` 0-based from the first byte of the input) and
 * any guess (`text.encoding_ambiguous`, warning). Never throws for bad bytes: each becomes U+FFFD in the text.
 *
 * @example
 * ```ts
 * const decoded = decodeText(new Uint8Array([0x82, 0xa0, 0x0d, 0x0a]));
 * // { text: 'あ\r\n', encoding: 'cp932', bom: false, issues: [] }
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf])); // { text: '', encoding: 'utf-8', bom: true, issues: [] }
 * ```
 */
export function decodeText(bytes: Uint8Array, options?: { encoding?: TextEncoding }): DecodedText {
  const forced = options?.encoding;
  if (bytes.length === 0) return { text: '', encoding: forced ?? 'utf-8', bom: false, issues: [] };
  const detection: Detection =
    forced === undefined
      ? detect(bytes)
      : { encoding: forced, bom: forced === 'utf-8' && hasBom(bytes), ambiguous: false };
  const decoded = detection.encoding === 'utf-8' ? decodeUtf8(bytes, detection.bom) : decodeCp932(bytes);
  const issues = detection.ambiguous ? [ambiguityIssue(detection), ...decoded.issues] : decoded.issues;
  return { text: decoded.text, encoding: detection.encoding, bom: detection.bom, issues };
}

interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

function utf8ChunkDecoder(keepBom: boolean): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: keepBom });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

/**
 * CP932 by chunks: a lead byte left at the end of a chunk is held back and decoded with the next chunk, and each
 * complete run goes through `iconv.decode`. (iconv-lite's own `getDecoder` loses the byte after a held lead byte
 * when the pair is invalid: 9B | 1E gives "\uFFFD" instead of "\uFFFD\u001E".)
 */
function cp932ChunkDecoder(scanner: ReturnType<typeof createCp932Scanner>): ChunkDecoder {
  let held: number | undefined;
  return {
    write(chunk) {
      const bytes = held === undefined ? chunk : concatBytes(held, chunk);
      const keep = scanner.leadPending ? 1 : 0; // the scanner has already seen this chunk
      held = keep === 1 ? bytes[bytes.length - 1] : undefined;
      return iconv.decode(asBuffer(bytes.subarray(0, bytes.length - keep)), 'cp932');
    },
    end() {
      const rest = held === undefined ? '' : iconv.decode(Buffer.from([held]), 'cp932');
      held = undefined;
      return rest;
    },
  };
}

function concatBytes(first: number, rest: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(rest.length + 1);
  bytes[0] = first;
  bytes.set(rest, 1);
  return bytes;
}

/**
 * An incremental decoder for a file read in chunks (ストリーム読み込み): a multi-byte character cut at a chunk
 * boundary decodes correctly; every invalid sequence is reported with its absolute byte offset and line; `end()`
 * reports a sequence left unfinished. UTF-8 uses `TextDecoder` with `stream: true`; CP932 holds back a lead byte
 * cut at a chunk's end and decodes the rest with iconv-lite.
 * `bom: 'strip'` (default) drops a leading UTF-8 BOM, `'keep'` leaves it as U+FEFF; CP932 has no BOM.
 *
 * @example
 * ```ts
 * const decoder = createStreamDecoder('cp932');
 * decoder.write(new Uint8Array([0x82])) + decoder.write(new Uint8Array([0xa0])) + decoder.end(); // 'あ'
 * decoder.issues; // []
 * ```
 */
export function createStreamDecoder(
  encoding: TextEncoding,
  options?: { bom?: 'strip' | 'keep' },
): StreamDecoder {
  let scanner: ByteScanner;
  let decoder: ChunkDecoder;
  if (encoding === 'utf-8') {
    scanner = createUtf8Scanner();
    decoder = utf8ChunkDecoder(options?.bom === 'keep');
  } else {
    const cp932Scanner = createCp932Scanner();
    scanner = cp932Scanner;
    decoder = cp932ChunkDecoder(cp932Scanner);
  }
  const issues: Issue[] = [];
  let ended = false;
  const collect = () => {
    for (let i = issues.length; i < scanner.invalid.length; i++) {
      const sequence = scanner.invalid[i];
      if (sequence !== undefined) issues.push(invalidIssue(sequence, encoding));
    }
  };
  const checkOpen = () => {
    if (ended) throw new HakobuError('text.decoder_ended', 'The stream decoder was used after end()');
  };
  return {
    issues,
    write(chunk) {
      checkOpen();
      scanner.scan(chunk);
      collect();
      return decoder.write(chunk);
    },
    end() {
      checkOpen();
      ended = true;
      scanner.finish();
      collect();
      return decoder.end();
    },
  };
}
