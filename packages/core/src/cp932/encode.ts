import { createIssue, fail, HakobuError, type Issue, type IssuePath, ok, type Result } from '../result';
import { cp932PreMap } from './premap';
import { defaultCp932Substitutions } from './substitutions';
import { cp932Tables, KIND_SINGLE, KIND_VENDOR } from './table';

/** The text encodings hakobu reads and writes (文字コード): UTF-8 and CP932 (Windows-31J, "Shift_JIS" in Japan). */
export type TextEncoding = 'utf-8' | 'cp932';

/**
 * Options of {@link encodeCp932}, {@link prepareCp932} and {@link cp932ByteLength}.
 *
 * Order of treatment for a character that is not written as is: the pre-map ({@link cp932PreMap}, info), then
 * the substitution table (warning), then the replacement (warning, or error under `onUnencodable: 'fail'`).
 */
export interface EncodeCp932Options {
  /**
   * What to do with a character CP932 cannot hold (and that has no substitution): replace it and report
   * (`'substitute'`, default: issue severity `warning`, Result ok) or fail the call (`'fail'`: severity `error`,
   * Result not ok). Substitutions from the table are applied and reported as warnings in both modes.
   */
  onUnencodable?: 'substitute' | 'fail';
  /**
   * Written for an unencodable character that has no substitution. Default '〓' (げた記号, 0x81AC). Must be
   * writable (JIS X 0208 under `jisX0208Only`), or `''` to drop the character. Invisible characters (variation
   * selectors, zero-width and other format characters, emoji skin-tone modifiers) are always dropped, never
   * replaced: the character they belong to is already there.
   */
  replacement?: string;
  /**
   * Extra or overriding entries for the substitution table (代替文字), keyed by one code point: 𠮷→吉, 鷗→鴎,
   * 剝→剥, ㋿→令和 … Every value must be writable in the chosen mode.
   */
  substitutions?: Readonly<Record<string, string>>;
  /** Use {@link defaultCp932Substitutions} under `substitutions` (default true). */
  useDefaultSubstitutions?: boolean;
  /**
   * Reject 機種依存文字 (NEC specials row 13 ①㈱…, NEC-selected IBM ext rows 89–92, IBM ext 0xFA–0xFC) as
   * unencodable (`cp932.not_jis_x_0208`), for carriers and malls that accept only JIS X 0208 (and JIS X 0201).
   */
  jisX0208Only?: boolean;
  /** Prefix for the `path` of every issue (e.g. ['rows', 3, 'name']), given to every issue as is. */
  path?: IssuePath;
  /** The field's name for shop staff (e.g. 'お届け先名'), quoted at the start of every issue message. */
  label?: string;
}

/** The outcome of {@link encodeCp932}: the bytes, and the text they hold. */
export interface Cp932Encoded {
  /** The CP932 bytes. */
  bytes: Uint8Array;
  /** The text actually written, after pre-map and substitution: decoding `bytes` gives exactly this. */
  text: string;
}

const DEFAULT_REPLACEMENT = '\u3013';
const markPattern = /^\p{M}$/u;
const invisiblePattern = /^[\p{Cf}\p{Variation_Selector}\p{Emoji_Modifier}]$/u;

interface Prepared {
  text: string;
  issues: Issue[];
  failed: boolean;
}

interface Context {
  readonly options: EncodeCp932Options | undefined;
  readonly vendorAllowed: boolean;
  readonly fail: boolean;
  readonly replacement: string;
  readonly where: string;
  readonly issues: Issue[];
  readonly premapped: Map<string, { to: string; index: number; count: number }>;
  failed: boolean;
}

/** `U+301C`, or `U+304B U+3099` for a sequence. */
function codePointLabel(text: string): string {
  let label = '';
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i) ?? 0;
    const digits = codePoint.toString(16).toUpperCase();
    label += `${label === '' ? '' : ' '}U+${digits.length < 4 ? '0'.repeat(4 - digits.length) : ''}${digits}`;
    i += codePoint > 0xffff ? 2 : 1;
  }
  return label;
}

function isWritable(text: string, vendorAllowed: boolean): boolean {
  const { kind } = cp932Tables();
  for (let i = 0; i < text.length; i++) {
    const k = kind[text.charCodeAt(i)];
    if (!k || (k === KIND_VENDOR && !vendorAllowed)) return false;
  }
  return true;
}

function lookupSubstitution(char: string, options: EncodeCp932Options | undefined): string | undefined {
  const own = options?.substitutions;
  if (own !== undefined && Object.hasOwn(own, char)) return own[char];
  if (options?.useDefaultSubstitutions === false) return undefined;
  return Object.hasOwn(defaultCp932Substitutions, char) ? defaultCp932Substitutions[char] : undefined;
}

function issueDetails(context: Context, severity: Issue['severity'], data: Record<string, unknown>) {
  const path = context.options?.path;
  return path === undefined ? { severity, data } : { severity, data, path: [...path] };
}

/** Pre-map by code unit (every key is one BMP code unit), so the hot loop does not build strings. */
const preMapByUnit = new Map<number, string>(
  Object.entries(cp932PreMap).map(([from, to]) => [from.charCodeAt(0), to]),
);

function isVendorChar(char: string): boolean {
  return char.length === 1 && cp932Tables().kind[char.charCodeAt(0)] === KIND_VENDOR;
}

/** What is written for one character that is not written as is (neither pre-mapped nor composed); records its issue. */
function resolveChar(context: Context, char: string, index: number, position: number): string {
  const vendorOnly = !context.vendorAllowed && isVendorChar(char);
  const codePoint = codePointLabel(char);
  const why = vendorOnly
    ? 'は機種依存文字で、JIS X 0208 の文字だけを受け付けるこの出力に書けない'
    : 'は CP932 (Shift_JIS) で書けない';
  const substitute = lookupSubstitution(char, context.options);
  if (substitute !== undefined) {
    if (!isWritable(substitute, context.vendorAllowed)) {
      throw new HakobuError(
        'cp932.invalid_substitution',
        `Substitution for ${codePoint} (${JSON.stringify(substitute)}) is not writable in CP932${context.vendorAllowed ? '' : ' (JIS X 0208 only)'}`,
        { data: { char, substitute } },
      );
    }
    context.issues.push(
      createIssue(
        'cp932.substituted',
        `${context.where}${position}文字目の「${char}」(${codePoint}) ${why}ため「${substitute}」に置き換えました`,
        issueDetails(context, 'warning', { index, char, codePoint, substitute }),
      ),
    );
    return substitute;
  }
  const written = invisiblePattern.test(char) ? '' : context.replacement;
  const action = context.fail
    ? 'ため、出力できません'
    : written === ''
      ? 'ため削除しました'
      : `ため「${written}」に置き換えました`;
  context.issues.push(
    createIssue(
      vendorOnly ? 'cp932.not_jis_x_0208' : 'cp932.unencodable',
      `${context.where}${position}文字目の「${char}」(${codePoint}) ${why}${action}`,
      issueDetails(context, context.fail ? 'error' : 'warning', {
        index,
        char,
        codePoint,
        replacement: written,
      }),
    ),
  );
  if (context.fail) context.failed = true;
  return written;
}

function notePremap(context: Context, from: string, to: string, index: number): void {
  const seen = context.premapped.get(from);
  if (seen === undefined) context.premapped.set(from, { to, index, count: 1 });
  else seen.count++;
}

function premapIssues(context: Context): Issue[] {
  return [...context.premapped].map(([char, { to, index, count }]) => {
    const from = `「${char}」(${codePointLabel(char)})`;
    const into = `「${to}」(${codePointLabel(to)})`;
    const message =
      char.length > 1 && cp932PreMap[char] === undefined
        ? `${context.where}${from} の結合文字を合成して1文字の${into}にしました（${count}か所）`
        : `${context.where}${from} を CP932 で書ける${into}に置き換えました（${count}か所）`;
    return createIssue(
      'cp932.premapped',
      message,
      issueDetails(context, 'info', { index, char, codePoint: codePointLabel(char), to, count }),
    );
  });
}

function checkReplacement(replacement: string, vendorAllowed: boolean): void {
  if (!isWritable(replacement, vendorAllowed)) {
    throw new HakobuError(
      'cp932.invalid_replacement',
      `Replacement ${JSON.stringify(replacement)} is not writable in CP932`,
      {
        data: { replacement },
      },
    );
  }
}

/** Index of the first code unit that is not written as is, or the text's length. */
function firstUnwritable(text: string, vendorAllowed: boolean): number {
  const { kind } = cp932Tables();
  const length = text.length;
  let i = 0;
  if (vendorAllowed) {
    while (i < length && kind[text.charCodeAt(i)]) i++;
  } else {
    for (; i < length; i++) {
      const k = kind[text.charCodeAt(i)];
      if (!k || k === KIND_VENDOR) break;
    }
  }
  return i;
}

function prepareText(text: string, options: EncodeCp932Options | undefined): Prepared {
  const vendorAllowed = options?.jisX0208Only !== true;
  const replacement = options?.replacement ?? DEFAULT_REPLACEMENT;
  if (options?.replacement !== undefined) checkReplacement(replacement, vendorAllowed);
  let i = firstUnwritable(text, vendorAllowed);
  if (i === text.length) return { text, issues: [], failed: false };

  const context: Context = {
    options,
    vendorAllowed,
    fail: options?.onUnencodable === 'fail',
    replacement,
    where: options?.label === undefined ? '' : `「${options.label}」の`,
    issues: [],
    premapped: new Map(),
    failed: false,
  };
  const { kind } = cp932Tables();
  const length = text.length;
  let out = '';
  let copyFrom = 0;
  let astral = 0; // surrogate pairs before i, to give shop staff a position in characters
  while (i < length) {
    const unit = text.charCodeAt(i);
    const k = kind[unit];
    if (k && (vendorAllowed || k !== KIND_VENDOR)) {
      i++;
      continue;
    }
    out += text.slice(copyFrom, i);
    const premapped = preMapByUnit.get(unit);
    if (premapped !== undefined && isWritable(premapped, vendorAllowed)) {
      notePremap(context, text[i] ?? '', premapped, i);
      out += premapped;
      copyFrom = ++i;
      continue;
    }
    const codePoint = text.codePointAt(i) ?? 0;
    const size = codePoint > 0xffff ? 2 : 1;
    const composed = codePoint >= 0x300 ? composeMarks(context, text, copyFrom, i, astral) : undefined;
    if (composed !== undefined) {
      out = out.slice(0, out.length - composed.baseLength) + composed.written;
      copyFrom = i = composed.end;
      astral += composed.astral;
      continue;
    }
    out += resolveChar(context, text.slice(i, i + size), i, i - astral + 1);
    i += size;
    if (size === 2) astral++;
    copyFrom = i;
  }
  out += text.slice(copyFrom);
  const issues =
    context.premapped.size === 0 ? context.issues : [...premapIssues(context), ...context.issues];
  return { text: out, issues, failed: context.failed };
}

/**
 * NFC on one base character and the combining marks after it (か + U+3099 → が), only when NFC actually
 * composes something: the rest of the text, and CJK compatibility ideographs such as 﨑 or 塚 (U+FA10), are
 * never normalised. The base must have been written as is (it is the end of `out`, `baseLength` units long).
 */
function composeMarks(
  context: Context,
  text: string,
  copyFrom: number,
  markAt: number,
  astralBefore: number,
): { written: string; end: number; astral: number; baseLength: number } | undefined {
  if (markAt === copyFrom || !markPattern.test(String.fromCodePoint(text.codePointAt(markAt) ?? 0)))
    return undefined;
  const low = text.charCodeAt(markAt - 1);
  const baseStart = low >= 0xdc00 && low <= 0xdfff && markAt - 2 >= copyFrom ? markAt - 2 : markAt - 1;
  let end = markAt;
  let astral = 0;
  while (end < text.length) {
    const codePoint = text.codePointAt(end) ?? 0;
    if (!markPattern.test(String.fromCodePoint(codePoint))) break;
    end += codePoint > 0xffff ? 2 : 1;
    if (codePoint > 0xffff) astral++;
  }
  const segment = text.slice(baseStart, end);
  const composed = segment.normalize('NFC');
  if (composed.length >= segment.length) return undefined;
  notePremap(context, segment, composed, baseStart);
  const position = baseStart - astralBefore + 1;
  let written = '';
  for (const char of composed) {
    written += isWritable(char, context.vendorAllowed)
      ? char
      : resolveChar(context, char, baseStart, position);
  }
  return { written, end, astral, baseLength: markAt - baseStart };
}

function toResult(prepared: Prepared): Result<{ text: string }> {
  return prepared.failed ? fail(prepared.issues) : ok({ text: prepared.text }, prepared.issues);
}

/**
 * Prepares text for CP932 without encoding it (CP932変換の前処理): pre-map, substitution and replacement, with
 * every change reported. A CSV writer checks each cell with this (issues carry the cell's `path`), joins the
 * cells and encodes once. Text that is already all writable is returned as is, without copying.
 *
 * Issue data: `index` is the position in the input in UTF-16 code units (JavaScript string index, so
 * `input.slice(index)` starts at the character); the message gives the position in characters (a surrogate
 * pair counts once). A surrogate pair (😀) is one character and one issue.
 *
 * @example
 * ```ts
 * const result = prepareCp932('髙橋〜様😀', { path: ['rows', 3, 'name'], label: 'お届け先名' });
 * // result.ok === true, result.value.text === '髙橋～様〓'
 * // result.issues: cp932.premapped (info, 〜→～), cp932.unencodable (warning, 😀 U+1F600, index 4)
 * ```
 */
export function prepareCp932(text: string, options?: EncodeCp932Options): Result<{ text: string }> {
  return toResult(prepareText(text, options));
}

function byteLengthOfWritable(text: string): number {
  const { kind } = cp932Tables();
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += kind[text.charCodeAt(i)] === KIND_SINGLE ? 1 : 2;
  return bytes;
}

function encodeWritable(text: string): Uint8Array {
  const { code } = cp932Tables();
  const bytes = new Uint8Array(byteLengthOfWritable(text));
  let offset = 0;
  for (let i = 0; i < text.length; i++) {
    const sequence = code[text.charCodeAt(i)] ?? 0;
    if (sequence > 0xff) bytes[offset++] = sequence >> 8;
    bytes[offset++] = sequence & 0xff;
  }
  return bytes;
}

/**
 * Encodes text to CP932 (Shift_JIS / Windows-31J) without silent loss (CP932エンコード): every pre-mapped,
 * substituted or unencodable character is reported (see {@link prepareCp932}). The bytes are those Windows and
 * iconv-lite write (IBM codes for the IBM extension: 髙 = 0xFBFC).
 *
 * @example
 * ```ts
 * const result = encodeCp932('東京都港区1−2−3');
 * // result.ok === true; result.value.text === '東京都港区1－2－3'; result.value.bytes: 93 8C 8B 9E … 81 7C 33
 * encodeCp932('😀', { onUnencodable: 'fail' }).ok; // false: cp932.unencodable (error)
 * ```
 */
export function encodeCp932(text: string, options?: EncodeCp932Options): Result<Cp932Encoded> {
  const prepared = prepareText(text, options);
  if (prepared.failed) return fail(prepared.issues);
  return ok({ bytes: encodeWritable(prepared.text), text: prepared.text }, prepared.issues);
}

/**
 * The number of bytes `text` takes in CP932 (Shift_JIS バイト数): of the pre-mapped text, with each substituted
 * or unencodable character counted as what is written in its place. Equals `encodeCp932(text, options)`'s byte
 * count whenever that succeeds (under `onUnencodable: 'fail'` too, as if substituting). Carriers and malls give
 * field limits in these bytes (全角 = 2, 半角 = 1).
 *
 * @example
 * ```ts
 * cp932ByteLength('ﾔﾏﾀﾞ 太郎'); // 9
 * cp932ByteLength('〜'); // 2 (written as ～)
 * ```
 */
export function cp932ByteLength(text: string, options?: EncodeCp932Options): number {
  const vendorAllowed = options?.jisX0208Only !== true;
  const { kind } = cp932Tables();
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const k = kind[text.charCodeAt(i)];
    if (k === KIND_SINGLE) bytes++;
    else if (k && (vendorAllowed || k !== KIND_VENDOR)) bytes += 2;
    else return byteLengthOfWritable(prepareText(text, { ...options, onUnencodable: 'substitute' }).text);
  }
  return bytes;
}
