import { cp932ByteLength, foldWidth } from '@hakobu/core';

/**
 * How a column's limit is counted (桁数の単位): `bytes` are CP932 bytes (全角 2, 半角 1: B2クラウド, ゆうプリR,
 * クリックポスト); `fullwidth` counts characters after half-width text is widened, as e飛伝 does (16 文字/行).
 */
export type LimitUnit = 'bytes' | 'fullwidth';

/** The length of `text` in a unit. */
export function measure(text: string, unit: LimitUnit): number {
  return unit === 'bytes' ? cp932ByteLength(text) : Array.from(text).length;
}

/** The longest prefix of `text` whose length in `unit` is at most `max`; a character is never split. */
export function cutTo(text: string, max: number, unit: LimitUnit): { head: string; tail: string } {
  if (measure(text, unit) <= max) return { head: text, tail: '' };
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = unit === 'bytes' ? cp932ByteLength(char) : 1;
    if (used + size > max) break;
    used += size;
    end += char.length;
  }
  return { head: text.slice(0, end), tail: text.slice(end) };
}

const HALF_TO_FULL_ASCII = /[\x21-\x7e]/g;

/**
 * Half-width text to full width (全角化), as e飛伝 converts it before counting: ASCII to its full-width form,
 * a space to U+3000, half-width katakana to full width.
 *
 * @example
 * ```ts
 * widen('ﾔﾏﾀﾞ 1-2'); // 'ヤマダ　１－２'
 * ```
 */
export function widen(text: string): string {
  return foldWidth(text)
    .replace(HALF_TO_FULL_ASCII, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0))
    .replace(/ /g, '\u3000');
}

/** Text placed on a fixed number of lines, and what did not fit. */
export interface FittedLines {
  readonly lines: string[];
  /** Text that fitted on no line; `''` when everything fitted. */
  readonly overflow: string;
}

/**
 * Places paragraphs (an address and its building, a name and its company) on the lines a format has (住所の行分割):
 * each paragraph starts on a new line and continues on the next ones, a house number is not split across lines
 * when it can move whole; when that needs more lines than there are, the paragraphs are run together instead;
 * what still does not fit is returned as `overflow` for the caller to report.
 *
 * @example
 * ```ts
 * fitLines(['東京都千代田区丸の内1-9-1', 'グラントウキョウ5F'], [64, 32], 'bytes');
 * // { lines: ['東京都千代田区丸の内1-9-1', 'グラントウキョウ5F'], overflow: '' }
 * ```
 */
export function fitLines(
  paragraphs: readonly string[],
  limits: readonly number[],
  unit: LimitUnit,
): FittedLines {
  const parts = paragraphs.filter((part) => part !== '');
  const separate = fill(parts, limits, unit, true, true);
  if (separate.overflow === '') return separate;
  const joined = fill(parts, limits, unit, false, true);
  if (joined.overflow === '') return joined;
  return fill(parts, limits, unit, false, false);
}

function fill(
  parts: readonly string[],
  limits: readonly number[],
  unit: LimitUnit,
  split: boolean,
  keepNumbers: boolean,
): FittedLines {
  const lines = limits.map(() => '');
  let line = 0;
  const queue = split ? [...parts] : [parts.join(unit === 'fullwidth' ? '\u3000' : ' ')];
  for (let index = 0; index < queue.length; index++) {
    let rest = queue[index]!;
    if (index > 0 && lines[line] !== '') line++;
    while (rest !== '' && line < limits.length) {
      const room = limits[line]! - measure(lines[line]!, unit);
      const { head, tail } = keepNumbersWhole(
        cutTo(rest, room, unit),
        keepNumbers && line < limits.length - 1,
      );
      lines[line] += head;
      rest = tail;
      if (rest !== '') {
        lines[line] = lines[line]!.replace(/[ \u3000]+$/, '');
        rest = rest.replace(/^[ \u3000]+/, '');
        line++;
      }
    }
    if (rest !== '') return { lines, overflow: [rest, ...queue.slice(index + 1)].join('') };
  }
  return { lines, overflow: '' };
}

const NUMBER_PART = /[0-9０-９\-－‐−]/;

/**
 * Moves a break that falls inside a house number (２－１｜７－８) back to the start of the number, so the
 * number stays on one line, when there is a next line to take it and something stays on this one.
 */
function keepNumbersWhole(
  cut: { head: string; tail: string },
  hasNextLine: boolean,
): { head: string; tail: string } {
  const { head, tail } = cut;
  if (!hasNextLine || head === '' || tail === '') return cut;
  if (!NUMBER_PART.test(head.at(-1)!) || !NUMBER_PART.test(tail[0]!)) return cut;
  let start = head.length;
  while (start > 0 && NUMBER_PART.test(head[start - 1]!)) start--;
  if (start === 0) return cut;
  return { head: head.slice(0, start), tail: head.slice(start) + tail };
}
