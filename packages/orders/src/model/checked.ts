import { HakobuError } from '@hakobu/core';
import type { z } from 'zod';

/**
 * Parses configuration a caller passes in code (a rank table, a bundle spec). A bad one is a programmer
 * error, so it throws — as a `HakobuError` with `code`, never as a bare zod error — listing every problem.
 */
export function parseConfig<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: string,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new HakobuError(code, `${what}: ${problems.join('; ')}`, { data: { problems } });
}
