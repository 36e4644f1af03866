import { createStreamDecoder, detectEncoding, type StreamDecoder, type TextEncoding } from '../cp932';
import { createIssue, type Issue } from '../result';

/** Bytes from the start of a file that decide its encoding, in whole and streamed reads alike. */
const DETECTION_SAMPLE_BYTES = 64 * 1024;

/** The encoding a file is read as, decided once from its first bytes. */
export interface ChosenEncoding {
  encoding: TextEncoding;
  bom: boolean;
  issues: Issue[];
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Detects the encoding from the file's first 64 KiB, or takes the forced one. */
export function chooseEncoding(firstBytes: Uint8Array, forced: TextEncoding | 'auto'): ChosenEncoding {
  const sample = firstBytes.subarray(0, DETECTION_SAMPLE_BYTES);
  if (forced !== 'auto')
    return { encoding: forced, bom: forced === 'utf-8' && startsWithBom(sample), issues: [] };
  const detected = detectEncoding(sample);
  const issues = detected.ambiguous
    ? [
        createIssue(
          'csv.encoding_ambiguous',
          `ファイルの文字コードを判定しきれませんでした。${detected.encoding === 'cp932' ? 'CP932 (Shift_JIS)' : 'UTF-8'} として読みました。文字化けしていないか確認してください`,
          { severity: 'warning', data: { encoding: detected.encoding } },
        ),
      ]
    : [];
  return { encoding: detected.encoding, bom: detected.bom, issues };
}

/** Something unexpected went wrong while reading: reported, never thrown, so the rows read so far stay usable. */
export function readFailedIssue(error: unknown): Issue {
  const reason = error instanceof Error ? error.message : String(error);
  return createIssue('csv.read_failed', `ファイルを最後まで読めませんでした（${reason}）`, {
    data: { reason },
  });
}

/**
 * Turns a stream's chunks (bytes or text) into text: gathers the first 64 KiB to choose the encoding, then
 * decodes incrementally, so a character cut between chunks is read whole.
 */
export class StreamText {
  encoding: TextEncoding | null = null;
  bom = false;
  private encodingIssues: Issue[] = [];
  private sample: Uint8Array[] = [];
  private sampleSize = 0;
  private sawBytes = false;
  private decoder: StreamDecoder | undefined;

  constructor(private readonly forced: TextEncoding | 'auto') {}

  write(chunk: Uint8Array | string): string {
    if (typeof chunk === 'string') return this.startDecoding() + chunk;
    if (this.decoder !== undefined) return this.decoder.write(chunk);
    this.sawBytes = true;
    this.sample.push(chunk);
    this.sampleSize += chunk.length;
    return this.sampleSize >= DETECTION_SAMPLE_BYTES ? this.startDecoding() : '';
  }

  end(): string {
    const head = this.startDecoding();
    if (this.decoder === undefined) return head;
    return head + this.decoder.end();
  }

  /** The encoding guess and every invalid byte sequence so far. */
  get issues(): Issue[] {
    return this.decoder === undefined
      ? this.encodingIssues
      : [...this.encodingIssues, ...this.decoder.issues];
  }

  private startDecoding(): string {
    if (this.decoder !== undefined || !this.sawBytes) return '';
    const sample = joinBytes(this.sample, this.sampleSize);
    this.sample = [];
    const chosen = chooseEncoding(sample, this.forced);
    this.encoding = chosen.encoding;
    this.bom = chosen.bom;
    this.encodingIssues = chosen.issues;
    this.decoder = createStreamDecoder(chosen.encoding, { bom: 'strip' });
    return this.decoder.write(sample);
  }
}

function joinBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
