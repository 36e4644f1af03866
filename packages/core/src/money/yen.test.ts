import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { formatYen, parseYen, Yen, yen } from './yen';

function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return HakobuError.isInstance(error) ? error.code : 'not a HakobuError';
  }
  return undefined;
}

describe('Yen and yen()', () => {
  it('accepts safe integers, negative included, and folds -0', () => {
    expect(yen(1200)).toBe(1200);
    expect(yen(-500)).toBe(-500);
    expect(Object.is(yen(-0), 0)).toBe(true);
    expect(Yen.safeParse(-1).success).toBe(true);
  });

  it('throws coded programmer errors for fractions and unsafe integers', () => {
    expect(thrownCode(() => yen(12.5))).toBe('money.not_integer');
    expect(thrownCode(() => yen(Number.NaN))).toBe('money.not_integer');
    expect(thrownCode(() => yen(Number.POSITIVE_INFINITY))).toBe('money.not_integer');
    expect(thrownCode(() => yen(2 ** 53))).toBe('money.unsafe_integer');
    expect(Yen.safeParse(2 ** 53).success).toBe(false);
    expect(Yen.safeParse(0.5).success).toBe(false);
  });
});

describe('parseYen', () => {
  it.each([
    ['1,234', 1234],
    ['¥1,234', 1234],
    ['￥１，２３４', 1234],
    ['１２３４円', 1234],
    ['1234円', 1234],
    ['-500', -500],
    ['－５００', -500],
    ['−500', -500],
    ['¥-500', -500],
    ['-¥500', -500],
    ['▲500', -500],
    ['△1,000円', -1000],
    ['\\980', 980],
    ['  1234  ', 1234],
    ['\u30001234円\u3000', 1234],
    ['¥ 1,234', 1234],
    ['0', 0],
    ['-0', 0],
    ['1234.00', 1234],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-9,007,199,254,740,991', Number.MIN_SAFE_INTEGER],
  ])('reads %j as %d', (text, expected) => {
    const result = parseYen(text);
    expect(result).toEqual({ ok: true, value: expected, issues: [] });
    if (result.ok) expect(Object.is(result.value, -0)).toBe(false);
  });

  it.each([
    ['', 'money.empty'],
    ['   ', 'money.empty'],
    ['12.5', 'money.fraction'],
    ['１２．５円', 'money.fraction'],
    ['abc', 'money.invalid_format'],
    ['12a', 'money.invalid_format'],
    ['1,23,4', 'money.invalid_format'],
    ['1234,567', 'money.invalid_format'],
    [',123', 'money.invalid_format'],
    ['1234.', 'money.invalid_format'],
    ['--5', 'money.invalid_format'],
    ['-¥-5', 'money.invalid_format'],
    ['1 234', 'money.invalid_format'],
    ['9007199254740992', 'money.unsafe_integer'],
    ['-99999999999999999999', 'money.unsafe_integer'],
  ])('rejects %j with %s', (text, code) => {
    const result = parseYen(text);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toEqual([code]);
    expect(result.issues[0]?.data).toEqual({ input: text });
  });

  it('names the field in a Japanese message and keeps the location', () => {
    const result = parseYen('12.5', { label: '送料', line: 4, column: 7, path: ['shippingFee'] });
    expect(result.ok).toBe(false);
    const issue = result.issues[0]!;
    expect(issue.message).toContain('「送料」');
    expect(issue.message).toContain('12.5');
    expect(issue).toMatchObject({ severity: 'error', line: 4, column: 7, path: ['shippingFee'] });
    expect(parseYen('x').issues[0]?.message).toContain('「金額」');
  });
});

describe('formatYen', () => {
  it('groups thousands in every style', () => {
    expect(formatYen(1234)).toBe('¥1,234');
    expect(formatYen(1234567, { style: 'suffix' })).toBe('1,234,567円');
    expect(formatYen(-500)).toBe('-¥500');
    expect(formatYen(-1000, { style: 'plain' })).toBe('-1,000');
    expect(formatYen(0)).toBe('¥0');
    expect(formatYen(999)).toBe('¥999');
  });

  it('throws for a fraction', () => {
    expect(thrownCode(() => formatYen(1.5))).toBe('money.not_integer');
  });

  it('is read back by parseYen for every safe integer and style', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.constantFrom('symbol' as const, 'suffix' as const, 'plain' as const),
        (amount, style) => {
          expect(parseYen(formatYen(amount, { style }))).toEqual({
            ok: true,
            value: yen(amount),
            issues: [],
          });
        },
      ),
    );
  });
});
