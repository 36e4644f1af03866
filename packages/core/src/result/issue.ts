import { z } from 'zod';

/**
 * How serious an {@link Issue} is. `error` rejects the record or the call; `warning` lets it through
 * with a remark the shop should read; `info` records something done on the shop's behalf (a
 * substitution, a fold).
 */
export const IssueSeverity = z.enum(['error', 'warning', 'info']);
/** @see {@link IssueSeverity} */
export type IssueSeverity = z.infer<typeof IssueSeverity>;

/** A path into the input: object keys and array indexes, outermost first. */
export const IssuePath = z.array(z.union([z.string(), z.number().int()]));
/** @see {@link IssuePath} */
export type IssuePath = z.infer<typeof IssuePath>;

/**
 * One problem found in input, reported as data (問題・警告). Every hakobu function that can meet bad input
 * returns every problem it found as an `Issue`, never only the first, and never throws for it.
 *
 * - `code` is stable and namespaced (`cp932.unencodable`, `csv.unterminated_quote`): hosts branch on it.
 * - `message` is Japanese, for shop staff.
 * - `line` and `column` are 1-based and given when the problem comes from a file.
 */
export const Issue = z.object({
  code: z.string().min(1),
  severity: IssueSeverity,
  message: z.string(),
  path: IssuePath.optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
/** @see {@link Issue} */
export type Issue = z.infer<typeof Issue>;

/** The optional parts of an {@link Issue}, as taken by {@link createIssue}. */
export type IssueDetails = Partial<Pick<Issue, 'severity' | 'path' | 'line' | 'column' | 'data'>>;

/**
 * Builds an {@link Issue}; severity defaults to `error`. Absent details are left out rather than set to
 * `undefined`, so issues compare and serialise cleanly.
 *
 * @example
 * ```ts
 * createIssue('csv.missing_column', '必須列「注文番号」がありません', { line: 1, data: { column: '注文番号' } });
 * // { code: 'csv.missing_column', severity: 'error', message: '必須列「注文番号」がありません', line: 1, data: {...} }
 * ```
 */
export function createIssue(code: string, message: string, details: IssueDetails = {}): Issue {
  const issue: Issue = { code, severity: details.severity ?? 'error', message };
  if (details.path !== undefined) issue.path = details.path;
  if (details.line !== undefined) issue.line = details.line;
  if (details.column !== undefined) issue.column = details.column;
  if (details.data !== undefined) issue.data = details.data;
  return issue;
}

/**
 * True when any issue in the list is an error.
 *
 * @example
 * ```ts
 * hasErrors([createIssue('x', 'x', { severity: 'warning' })]); // false
 * ```
 */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
