import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import {
  type RoundingMode,
  summarizeTax,
  summarizeTaxExact,
  TAX_RATES,
  type TaxLine,
  type TaxPricing,
  type TaxRate,
  TaxSummary,
  taxOf,
} from './tax';

function thrown(run: () => unknown): HakobuError | undefined {
  try {
    run();
  } catch (error) {
    if (HakobuError.isInstance(error)) return error;
    throw error;
  }
  return undefined;
}

describe('taxOf', () => {
  it.each<[number, TaxRate, TaxPricing, RoundingMode, number]>([
    [1080, 8, 'included', 'floor', 80],
    [1080, 8, 'included', 'ceil', 80],
    [1100, 10, 'included', 'round', 100],
    [1000, 10, 'included', 'floor', 90],
    [1000, 10, 'included', 'round', 91],
    [1000, 10, 'included', 'ceil', 91],
    [1000, 8, 'included', 'floor', 74],
    [1000, 8, 'included', 'round', 74],
    [1000, 8, 'included', 'ceil', 75],
    [1234, 10, 'excluded', 'floor', 123],
    [1234, 10, 'excluded', 'round', 123],
    [1234, 10, 'excluded', 'ceil', 124],
    [1235, 10, 'excluded', 'round', 124],
    [1235, 10, 'excluded', 'floor', 123],
    [1256, 8, 'excluded', 'floor', 100],
    [1256, 8, 'excluded', 'ceil', 101],
    [5000, 0, 'included', 'ceil', 0],
    [5000, 0, 'excluded', 'ceil', 0],
    [0, 10, 'included', 'ceil', 0],
  ])('%d at %d%% %s, %s → %d', (amount, rate, pricing, rounding, expected) => {
    expect(taxOf(amount, rate, pricing, rounding)).toBe(expected);
  });

  it('mirrors a sale for a refund under every rounding mode', () => {
    expect(taxOf(-1080, 8, 'included', 'floor')).toBe(-80);
    expect(taxOf(-1235, 10, 'excluded', 'floor')).toBe(-123);
    expect(taxOf(-1235, 10, 'excluded', 'round')).toBe(-124);
    expect(taxOf(-1234, 10, 'excluded', 'ceil')).toBe(-124);
  });

  it('stays exact where floating point would not', () => {
    expect(taxOf(Number.MAX_SAFE_INTEGER, 10, 'excluded', 'floor')).toBe(900_719_925_474_099);
    expect(taxOf(Number.MAX_SAFE_INTEGER, 8, 'included', 'floor')).toBe(667_199_944_795_628);
    expect(taxOf(3_000_000_000, 10, 'included', 'floor')).toBe(272_727_272);
  });

  it('throws coded errors for bad amounts and rates', () => {
    expect(thrown(() => taxOf(1.5, 10, 'included', 'floor'))?.code).toBe('money.not_integer');
    expect(thrown(() => taxOf(100, 5 as TaxRate, 'included', 'floor'))?.code).toBe('money.invalid_tax_rate');
  });
});

describe('summarizeTax', () => {
  it('rounds once per rate per document, not per line (インボイス制度)', () => {
    const lines: TaxLine[] = [
      { amount: 100, rate: 8 },
      { amount: 100, rate: 8 },
      { amount: 100, rate: 8 },
    ];
    const perLine = lines.reduce((sum, line) => sum + taxOf(line.amount, line.rate, 'included', 'floor'), 0);
    expect(perLine).toBe(21);
    expect(summarizeTax(lines, { pricing: 'included', rounding: 'floor' })).toEqual({
      byRate: [{ rate: 8, base: 278, tax: 22, total: 300 }],
      base: 278,
      tax: 22,
      total: 300,
    });
  });

  it('totals a mixed 10% / 8% / 0% tax-included document in fixed rate order', () => {
    const summary = summarizeTax(
      [
        { amount: 1080, rate: 8 },
        { amount: 500, rate: 0 },
        { amount: 1100, rate: 10 },
        { amount: 216, rate: 8 },
        { amount: 550, rate: 10 },
      ],
      { pricing: 'included', rounding: 'floor' },
    );
    expect(summary).toEqual({
      byRate: [
        { rate: 10, base: 1500, tax: 150, total: 1650 },
        { rate: 8, base: 1200, tax: 96, total: 1296 },
        { rate: 0, base: 500, tax: 0, total: 500 },
      ],
      base: 3200,
      tax: 246,
      total: 3446,
    });
    expect(TaxSummary.parse(summary)).toEqual(summary);
  });

  it.each<[RoundingMode, number, number]>([
    ['floor', 123, 79],
    ['round', 124, 80],
    ['ceil', 124, 80],
  ])('adds tax to a tax-excluded document with %s', (rounding, tax10, tax8) => {
    const summary = summarizeTax(
      [
        { amount: 1234, rate: 10 },
        { amount: 999, rate: 8 },
        { amount: 1, rate: 10 },
      ],
      { pricing: 'excluded', rounding },
    );
    expect(summary.byRate).toEqual([
      { rate: 10, base: 1235, tax: tax10, total: 1235 + tax10 },
      { rate: 8, base: 999, tax: tax8, total: 999 + tax8 },
    ]);
    expect(summary).toMatchObject({ base: 2234, tax: tax10 + tax8, total: 2234 + tax10 + tax8 });
  });

  it('keeps a 1,000,000,000-yen document exact', () => {
    const summary = summarizeTax(
      [
        { amount: 1_000_000_000, rate: 10 },
        { amount: 1_000_000_000, rate: 10 },
        { amount: 1_000_000_000, rate: 8 },
      ],
      { pricing: 'included', rounding: 'round' },
    );
    expect(summary.byRate).toEqual([
      { rate: 10, base: 1_818_181_818, tax: 181_818_182, total: 2_000_000_000 },
      { rate: 8, base: 925_925_926, tax: 74_074_074, total: 1_000_000_000 },
    ]);
  });

  it('gives zeros for an empty document', () => {
    expect(summarizeTax([], { pricing: 'excluded', rounding: 'floor' })).toEqual({
      byRate: [],
      base: 0,
      tax: 0,
      total: 0,
    });
  });

  it('names the bad line in the thrown error', () => {
    const badRate = thrown(() =>
      summarizeTax(
        [
          { amount: 1, rate: 10 },
          { amount: 1, rate: 5 as TaxRate },
        ],
        { pricing: 'included', rounding: 'floor' },
      ),
    );
    expect(badRate).toMatchObject({ code: 'money.invalid_tax_rate', data: { index: 1, rate: 5 } });
    const badAmount = thrown(() =>
      summarizeTax([{ amount: 0.5, rate: 10 }], { pricing: 'included', rounding: 'floor' }),
    );
    expect(badAmount).toMatchObject({ code: 'money.not_integer', data: { index: 0 } });
    const overflow = thrown(() =>
      summarizeTax(
        [
          { amount: Number.MAX_SAFE_INTEGER, rate: 0 },
          { amount: 1, rate: 0 },
        ],
        { pricing: 'included', rounding: 'floor' },
      ),
    );
    expect(overflow?.code).toBe('money.unsafe_integer');
  });

  const line = fc.record({
    amount: fc.integer({ min: -10_000_000, max: 100_000_000 }),
    rate: fc.constantFrom<TaxRate>(...TAX_RATES),
  });
  const options = fc.record({
    pricing: fc.constantFrom<TaxPricing>('included', 'excluded'),
    rounding: fc.constantFrom<RoundingMode>('floor', 'round', 'ceil'),
  });

  it('satisfies base + tax = total per rate and overall, with each tax within a yen of exact', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), options, (lines, { pricing, rounding }) => {
        const summary = summarizeTax(lines, { pricing, rounding });
        expect(summary.byRate.map((entry) => entry.rate)).toEqual(
          TAX_RATES.filter((rate) => lines.some((l) => l.rate === rate)),
        );
        for (const entry of summary.byRate) {
          expect(entry.base + entry.tax).toBe(entry.total);
          const sum = lines.filter((l) => l.rate === entry.rate).reduce((acc, l) => acc + l.amount, 0);
          expect(pricing === 'included' ? entry.total : entry.base).toBe(sum);
          const exactTax =
            pricing === 'included' ? (sum * entry.rate) / (100 + entry.rate) : (sum * entry.rate) / 100;
          expect(Math.abs(entry.tax - exactTax)).toBeLessThan(1);
        }
        expect(summary.base + summary.tax).toBe(summary.total);
        expect(summary.tax).toBe(summary.byRate.reduce((acc, entry) => acc + entry.tax, 0));
      }),
    );
  });

  it('mirrors a refund document exactly', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), options, (lines, opts) => {
        const sale = summarizeTax(lines, opts);
        const refund = summarizeTax(
          lines.map((l) => ({ ...l, amount: -l.amount })),
          opts,
        );
        expect(refund.tax).toBe(-sale.tax || 0);
        expect(refund.total).toBe(-sale.total || 0);
      }),
    );
  });
});

describe('summarizeTax in plain numbers', () => {
  // Amounts up to where sums and products leave the safe integers, so both paths are taken.
  const amount = fc.oneof(
    fc.integer({ min: -100_000_000, max: 100_000_000 }),
    fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: 800_000_000_000_000, max: 900_719_925_474_099 }),
  );
  const line = fc.record({ amount, rate: fc.constantFrom<TaxRate>(...TAX_RATES) });
  const options = fc.record({
    pricing: fc.constantFrom<TaxPricing>('included', 'excluded'),
    rounding: fc.constantFrom<RoundingMode>('floor', 'round', 'ceil'),
  });
  const outcome = (run: () => unknown) => {
    try {
      return { value: run() };
    } catch (error) {
      return { error: (error as HakobuError).code };
    }
  };

  it('gives exactly what BigInt arithmetic gives, or the same error (property)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), options, (lines, opts) => {
        const fast = outcome(() => summarizeTax(lines, opts));
        const exact = outcome(() => summarizeTaxExact(lines, opts));
        expect(fast).toEqual(exact);
        if ('value' in fast) expect(JSON.stringify(fast.value)).toBe(JSON.stringify(exact.value));
      }),
      { numRuns: 2000 },
    );
  });
});
