import { createIssue, type Issue } from '@hakobu/core';
import { Filter, type Liquid, LiquidError, type Template, Value, Variable } from 'liquidjs';
import { type ExpandedTemplate, lineColumnOf } from '../aliases/aliases';
import { JapanDateStyle } from '../engine/format';
import { FORLOOP_NODE, type PathNode, type PathSegment, resolvePath } from './paths';

/** What {@link analyzeTemplate} needs: the parsing engine, the source before and after alias expansion. */
export interface AnalysisInput {
  readonly liquid: Liquid;
  readonly original: string;
  readonly expanded: ExpandedTemplate;
  readonly format: 'text' | 'html';
  readonly tree: PathNode;
  /** Paths `| raw` may be applied to in HTML. */
  readonly rawAllowed: readonly string[];
}

/** The outcome of {@link analyzeTemplate}: the parsed template when it parsed, and every issue. */
export interface Analysis {
  readonly templates?: Template[];
  readonly issues: Issue[];
}

interface Located {
  readonly begin: number;
}

function position(input: AnalysisInput, offsetInExpanded: number): { line: number; column: number } {
  return lineColumnOf(input.original, input.expanded.originalOffset(offsetInExpanded));
}

function offsetOfRowCol(text: string, row: number, col: number): number {
  let offset = 0;
  for (let line = 1; line < row; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + col - 1;
}

const PARSE_MESSAGES: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => [string, string]]> = [
  [/^tag "(.+)" not found/, (m) => ['template.unknown_tag', `タグ「${m[1]}」は使えません`]],
  [/^undefined filter: (\S+)/, (m) => ['template.unknown_filter', `フィルタ「${m[1]}」はありません`]],
  [/^tag (.+) not closed/, (m) => ['template.unclosed_tag', `タグ ${m[1]} が閉じられていません`]],
  [
    /^output (.+) not closed/,
    (m) => ['template.unclosed_output', `差込 ${m[1]} が閉じられていません（}} がありません）`],
  ],
  [
    /^(.+) is not allowed/,
    (m) => ['template.forbidden_tag', `タグ「${m[1]}」はテンプレートでは使えません（ファイル読込のため）`],
  ],
];

function parseIssue(input: AnalysisInput, error: unknown): Issue {
  const raw =
    error instanceof Error ? error.message.replace(/, line:\d+, col:\d+[\s\S]*$/, '') : String(error);
  const begin = LiquidError.is(error) ? (error.token as unknown as Located).begin : 0;
  const { line, column } = position(input, begin);
  for (const [pattern, build] of PARSE_MESSAGES) {
    const match = raw.match(pattern);
    if (match !== null) {
      const [code, message] = build(match);
      return createIssue(code, `${line}行${column}列: ${message}`, { line, column, data: { detail: raw } });
    }
  }
  return createIssue(
    'template.syntax',
    `${line}行${column}列: テンプレートの書き方に誤りがあります（${raw}）`,
    {
      line,
      column,
      data: { detail: raw },
    },
  );
}

function segmentsOf(variable: Variable): PathSegment[] {
  return variable.segments.map((segment) =>
    segment instanceof Variable ? { dynamic: segment.toString() } : segment,
  );
}

function pathText(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'object' ? `[${segment.dynamic}]` : index === 0 ? String(segment) : `.${segment}`,
    )
    .join('');
}

const LOOP_VALUE: PathNode = { kind: 'scalar', type: 'unknown' };

interface Walked {
  readonly filters: Filter[];
  readonly values: Value[];
  readonly loops: Array<{ readonly variable: string; readonly collection: string }>;
}

const SKIP_KEYS = new Set(['liquid', 'token', 'tokens', 'handler', 'parser', 'input']);

function walk(templates: readonly Template[]): Walked {
  const found: Walked = { filters: [], values: [], loops: [] };
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (node instanceof Filter) {
      found.filters.push(node);
      return;
    }
    if (node instanceof Value) found.values.push(node);
    const record = node as Record<string, unknown>;
    if (
      (record.name === 'for' || record.name === 'tablerow') &&
      typeof record.variable === 'string' &&
      typeof record.collection === 'object' &&
      record.collection !== null
    ) {
      const text = (record.collection as { getText?: () => string }).getText?.() ?? '';
      found.loops.push({ variable: record.variable, collection: text.trim() });
    }
    for (const [key, value] of Object.entries(record)) {
      if (!SKIP_KEYS.has(key)) visit(value);
    }
  };
  visit(templates);
  return found;
}

function simplePath(text: string): PathSegment[] | undefined {
  if (!/^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/.test(text)) return undefined;
  return text
    .split(/\.|\[|\]/)
    .flatMap((part) => (part === '' ? [] : [/^\d+$/.test(part) ? Number(part) : part]));
}

/**
 * Parses a template and checks it without rendering (テンプレート検査): syntax errors (unknown or unclosed
 * tag), unknown filters, every variable path against the context schema (loop variables typed by their
 * collection), and, in HTML, `| raw` on anything but the composed blocks. Every issue carries the line and
 * column of the original text (before bracket-tag expansion).
 *
 * @example
 * ```ts
 * analyzeTemplate({ liquid, original, expanded, format: 'text', tree, rawAllowed: [] }).issues;
 * ```
 */
export function analyzeTemplate(input: AnalysisInput): Analysis {
  const issues: Issue[] = [...input.expanded.issues];
  let templates: Template[];
  try {
    templates = input.liquid.parse(input.expanded.source);
  } catch (error) {
    issues.push(parseIssue(input, error));
    return { issues };
  }
  const walked = walk(templates);
  for (const filter of walked.filters) {
    // The HTML escape that outputEscape appends is a Filter without a source name.
    if (typeof filter.name !== 'string' || !/^[A-Za-z_][\w-]*$/.test(filter.name)) continue;
    if (Object.hasOwn(input.liquid.filters, filter.name)) {
      issues.push(...filterArgumentIssues(input, filter));
      continue;
    }
    const begin = (filter as unknown as { token: Located }).token.begin;
    const { line, column } = position(input, begin);
    issues.push(
      createIssue('template.unknown_filter', `${line}行${column}列: フィルタ「${filter.name}」はありません`, {
        line,
        column,
        data: { filter: filter.name },
      }),
    );
  }
  if (input.format === 'html') issues.push(...rawIssues(input, walked.values));
  issues.push(...variableIssues(input, templates, walked));
  return { templates, issues };
}

/** Literal arguments of the Japanese filters, checked before saving rather than failing at send time. */
const FILTER_CHOICES: Readonly<Record<string, readonly string[]>> = {
  yen: ['symbol', 'suffix', 'plain'],
  jdate: JapanDateStyle.options,
  wareki: ['date', 'year'],
};

function filterArgumentIssues(input: AnalysisInput, filter: Filter): Issue[] {
  const choices = FILTER_CHOICES[filter.name];
  const first = filter.args[0];
  if (choices === undefined || first === undefined || Array.isArray(first)) return [];
  const text = (first as { getText(): string }).getText().trim();
  const literal = text.match(/^(['"])(.*)\1$/);
  if (literal === null || choices.includes(literal[2] ?? '')) return [];
  const { line, column } = position(input, (filter as unknown as { token: Located }).token.begin);
  return [
    createIssue(
      'template.bad_filter_argument',
      `${line}行${column}列: フィルタ「${filter.name}」の書式「${literal[2]}」はありません（${choices.join(', ')}）`,
      { line, column, data: { filter: filter.name, argument: literal[2] } },
    ),
  ];
}

function rawIssues(input: AnalysisInput, values: readonly Value[]): Issue[] {
  const issues: Issue[] = [];
  for (const value of values) {
    const raw = value.filters.find((filter) => filter.name === 'raw');
    if (raw === undefined) continue;
    const postfix = (value.initial as unknown as { postfix: Array<{ getText(): string }> }).postfix;
    const subject = postfix.length === 1 ? (postfix[0]?.getText().trim() ?? '') : '';
    if (input.rawAllowed.includes(subject)) continue;
    const { line, column } = position(input, (raw as unknown as { token: Located }).token.begin);
    issues.push(
      createIssue(
        'template.unsafe_raw',
        `${line}行${column}列: 「| raw」はエスケープを外すため ${input.rawAllowed.join(', ')} にしか使えません`,
        { line, column, data: { subject } },
      ),
    );
  }
  return issues;
}

function variableIssues(input: AnalysisInput, templates: Template[], walked: Walked): Issue[] {
  const analysis = input.liquid.analyzeSync(templates, { partials: false });
  const locals = new Set(Object.keys(analysis.locals));
  const bound = new Map<string, PathNode>([
    ['forloop', FORLOOP_NODE],
    ['tablerowloop', FORLOOP_NODE],
  ]);
  const issues: Issue[] = [];
  for (const loop of walked.loops) {
    // A loop over a range or a literal yields plain values; over a path, the elements of that array.
    const path = simplePath(loop.collection);
    const [root, ...rest] = path ?? [];
    const resolved =
      path === undefined
        ? undefined
        : typeof root === 'string' && bound.has(root)
          ? resolvePath(bound.get(root) as PathNode, rest)
          : resolvePath(input.tree, path);
    if (resolved === undefined) bound.set(loop.variable, LOOP_VALUE);
    else if (resolved.ok && resolved.node.kind === 'array') bound.set(loop.variable, resolved.node.element);
  }
  const reported = new Set<string>();
  for (const variables of Object.values(analysis.variables)) {
    for (const variable of variables) {
      const segments = segmentsOf(variable);
      const root = segments[0];
      if (typeof root !== 'string') continue;
      const loopNode = bound.get(root);
      if (loopNode === undefined && locals.has(root)) continue;
      const resolved =
        loopNode === undefined ? resolvePath(input.tree, segments) : resolvePath(loopNode, segments.slice(1));
      if (resolved.ok) continue;
      const failedAt = loopNode === undefined ? resolved.at : resolved.at + 1;
      const shown = pathText(segments.slice(0, failedAt + 1));
      const offset = offsetOfRowCol(input.expanded.source, variable.location.row, variable.location.col);
      const { line, column } = position(input, offset);
      const key = `${line}:${column}:${shown}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const parent = pathText(segments.slice(0, failedAt));
      const hint =
        resolved.known.length === 0
          ? ''
          : parent === ''
            ? `（使える変数: ${resolved.known.join(', ')}）`
            : `（${parent} には ${resolved.known.slice(0, 20).join(', ')} があります）`;
      issues.push(
        createIssue(
          'template.unknown_variable',
          `${line}行${column}列: 変数「${shown}」はありません${hint}`,
          {
            line,
            column,
            data: { path: pathText(segments) },
          },
        ),
      );
    }
  }
  return issues;
}
