/**
 * Compares strings by UTF-16 code units (符号単位順): the one fixed order hakobu uses for keys, ids and sorted
 * output, independent of locale and ICU version (`localeCompare` is neither).
 *
 * @example
 * ```ts
 * ['b', 'B', 'a'].sort(byCodeUnit); // ['B', 'a', 'b']
 * ```
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * JSON text with object keys sorted by code unit and `undefined` members left out (正規化JSON), so equal
 * content gives equal text whatever order its keys came in — a record read back from a database (JSONB
 * reorders keys) compares equal to the one written, and an idempotency fingerprint does not depend on how
 * the caller built its object.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] }); // '{"a":[{"c":"x"}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => byCodeUnit(a, b));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}
