import { describe, expect, it } from 'vitest';
import { HakobuError } from './error';
import { createIssue, hasErrors, Issue } from './issue';
import { fail, ok } from './result';

describe('createIssue', () => {
  it('defaults to error severity and leaves absent details out', () => {
    expect(createIssue('csv.empty', 'ファイルが空です')).toEqual({
      code: 'csv.empty',
      severity: 'error',
      message: 'ファイルが空です',
    });
  });

  it('keeps line, column, path and data and passes the schema', () => {
    const issue = createIssue('csv.bad', 'x', {
      line: 3,
      column: 2,
      path: ['rows', 2],
      severity: 'warning',
      data: { a: 1 },
    });
    expect(Issue.parse(issue)).toEqual(issue);
    expect(hasErrors([issue])).toBe(false);
    expect(hasErrors([issue, createIssue('e', 'e')])).toBe(true);
  });
});

describe('Result', () => {
  it('builds ok and failed results', () => {
    expect(ok(5)).toEqual({ ok: true, value: 5, issues: [] });
    const failed = fail([createIssue('x', 'y')]);
    expect(failed.ok).toBe(false);
    expect(failed.issues).toHaveLength(1);
  });
});

describe('HakobuError', () => {
  it('carries a code and is recognised across copies by its marker', () => {
    const error = new HakobuError('money.not_integer', 'bad', { data: { value: 1.5 } });
    expect(HakobuError.isInstance(error)).toBe(true);
    expect(error.code).toBe('money.not_integer');
    expect(error.data).toEqual({ value: 1.5 });
    const foreign = Object.assign(new Error('x'), { [Symbol.for('hakobu.error')]: true });
    expect(HakobuError.isInstance(foreign)).toBe(true);
    expect(HakobuError.isInstance(new Error('x'))).toBe(false);
    expect(HakobuError.isInstance(null)).toBe(false);
  });
});
