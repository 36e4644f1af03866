import { createIssue, fail, type IssuePath, ok, type Result } from '../result';
import { DASH_CHARACTERS } from './spaces-dashes';

const DASHES = new RegExp(`[${DASH_CHARACTERS}]`, 'gu');
const INVISIBLE = /[\s\u200b-\u200d\ufeff]/gu;
const POSTAL_CODE = /^〒?(\d{3})-?(\d{4})$/u;
const PLAIN_POSTAL_CODE = /^\d{3}-?\d{4}$/u;

/**
 * Reads a postal code (郵便番号) as typed — any width, any hyphen variant, a leading 〒, spaces — and
 * returns its 7 digits without hyphen (`〒１０５－００１１` → `1050011`). Anything else fails with
 * `text.invalid_postal_code` (data: `{ input }`); pass `path` to place the issue on a record field.
 *
 * @example
 * ```ts
 * normalizePostalCode('〒105ー0011'); // { ok: true, value: '1050011', issues: [] }
 * normalizePostalCode('105-001').ok; // false
 * ```
 */
export function normalizePostalCode(s: string, details: { path?: IssuePath } = {}): Result<string> {
  // A plain `1050011` or `105-0011` (most input) is already the form that NFKC and the folds produce.
  if (PLAIN_POSTAL_CODE.test(s)) return ok(s.length === 7 ? s : `${s.slice(0, 3)}${s.slice(4)}`);
  const compact = s.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-');
  const match = POSTAL_CODE.exec(compact);
  if (match !== null) return ok(`${match[1]}${match[2]}`);
  const message = `郵便番号「${s}」は7桁の数字として読めません（例: 105-0011 または 1050011）`;
  return fail([createIssue('text.invalid_postal_code', message, { ...details, data: { input: s } })]);
}
