import { z } from 'zod';
import { HakobuError } from '../result';
import { Yen, yen } from './yen';

/**
 * A consumption tax rate in percent (消費税率): `10` (標準税率), `8` (軽減税率: food and drink other than
 * alcohol and eating in, newspapers), `0` for lines outside consumption tax (非課税・不課税, e.g. gift
 * vouchers, stamps).
 */
export const TaxRate = z.literal([10, 8, 0]);
/** @see {@link TaxRate} */
export type TaxRate = z.infer<typeof TaxRate>;

/** The tax rates in the order documents list them: 10%, then 8% (軽減税率), then 0%. */
export const TAX_RATES: readonly TaxRate[] = [10, 8, 0];

/**
 * How a fraction of a yen is settled (端数処理): `floor` 切り捨て, `round` 四捨五入 (half up), `ceil`
 * 切り上げ. The mode is applied to the magnitude, so a refund's tax mirrors its sale's
 * (`-1,080` tax-included at 8% → `-80` under every mode, as `1,080` → `80`).
 */
export const RoundingMode = z.enum(['floor', 'round', 'ceil']);
/** @see {@link RoundingMode} */
export type RoundingMode = z.infer<typeof RoundingMode>;

/**
 * Whether amounts include consumption tax: `included` 税込 (内税), `excluded` 税抜 (外税).
 */
export const TaxPricing = z.enum(['included', 'excluded']);
/** @see {@link TaxPricing} */
export type TaxPricing = z.infer<typeof TaxPricing>;

/**
 * One line of a document for tax purposes: its total amount (unit price × quantity, after line
 * discounts) in the document's {@link TaxPricing} terms, and its rate.
 */
export const TaxLine = z.object({ amount: Yen, rate: TaxRate });
/** @see {@link TaxLine} */
export type TaxLine = z.infer<typeof TaxLine>;

/**
 * The totals of one tax rate on a document (税率ごとの合計): the tax-excluded base (税抜対価), the tax
 * (消費税額) and the tax-included total (税込対価); `base + tax = total`.
 */
export const TaxBreakdown = z.object({ rate: TaxRate, base: Yen, tax: Yen, total: Yen });
/** @see {@link TaxBreakdown} */
export type TaxBreakdown = z.infer<typeof TaxBreakdown>;

/**
 * The tax of a whole document (適格請求書の税額): one {@link TaxBreakdown} per rate present on the
 * document, in {@link TAX_RATES} order, and the grand totals over all rates.
 */
export const TaxSummary = z.object({ byRate: z.array(TaxBreakdown), base: Yen, tax: Yen, total: Yen });
/** @see {@link TaxSummary} */
export type TaxSummary = z.infer<typeof TaxSummary>;

/** Options of {@link summarizeTax}. */
export interface SummarizeTaxOptions {
  /** Whether the line amounts include tax (税込) or not (税抜). */
  pricing: TaxPricing;
  /** How the tax of each rate is rounded (端数処理). */
  rounding: RoundingMode;
}

/** `numerator / denominator` (denominator positive) rounded on the magnitude, in exact integers. */
function divideRounded(numerator: bigint, denominator: bigint, rounding: RoundingMode): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = magnitude / denominator;
  const remainder = magnitude % denominator;
  const roundUp =
    rounding === 'ceil' ? remainder > 0n : rounding === 'round' ? remainder * 2n >= denominator : false;
  const rounded = roundUp ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

function isTaxRate(rate: unknown): rate is TaxRate {
  return (TAX_RATES as readonly unknown[]).includes(rate);
}

function checkedRate(rate: number): TaxRate {
  if (!isTaxRate(rate)) {
    throw new HakobuError('money.invalid_tax_rate', `Tax rate must be 10, 8 or 0, got ${rate}`, {
      data: { rate },
    });
  }
  return rate;
}

function taxOfExact(amount: bigint, rate: TaxRate, pricing: TaxPricing, rounding: RoundingMode): bigint {
  const percent = BigInt(rate);
  const denominator = pricing === 'included' ? 100n + percent : 100n;
  return divideRounded(amount * percent, denominator, rounding);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

function safeYen(value: bigint): Yen {
  if (value > MAX_SAFE || value < MIN_SAFE) {
    throw new HakobuError('money.unsafe_integer', `Total ${value} is beyond the safe integer range`, {
      data: { total: value.toString() },
    });
  }
  return yen(Number(value));
}

/**
 * The consumption tax contained in (税込) or added to (税抜) one amount at one rate: `amount × rate /
 * (100 + rate)` or `amount × rate / 100`, rounded once, in exact integer arithmetic. For a document with
 * several lines use {@link summarizeTax}, which rounds once per rate as the invoice system requires.
 *
 * @throws {@link HakobuError} `money.not_integer` / `money.unsafe_integer` for a bad amount,
 *   `money.invalid_tax_rate` for a rate other than 10, 8 or 0.
 * @example
 * ```ts
 * taxOf(1080, 8, 'included', 'floor'); // 80
 * taxOf(1000, 10, 'excluded', 'floor'); // 100
 * taxOf(999, 10, 'included', 'round'); // 91 (90.818… → 91)
 * ```
 */
export function taxOf(amount: number, rate: TaxRate, pricing: TaxPricing, rounding: RoundingMode): Yen {
  return safeYen(taxOfExact(BigInt(yen(amount)), checkedRate(rate), pricing, rounding));
}

/**
 * Totals a document's consumption tax per rate under the invoice system (インボイス制度): the line
 * amounts of each rate are added first and the tax of that sum is rounded once, never line by line.
 * With `included` pricing the sum is the tax-included total and the tax is taken out of it; with
 * `excluded` pricing the sum is the base and the tax is added to it. Rates without lines are left out of
 * `byRate`; an empty document gives zeros.
 *
 * @throws {@link HakobuError} for a line amount that is not a safe integer, a rate other than 10, 8 or 0
 *   (`data.index` names the line), or totals beyond the safe integer range.
 * @example
 * ```ts
 * summarizeTax(
 *   [
 *     { amount: 1100, rate: 10 },
 *     { amount: 1080, rate: 8 },
 *   ],
 *   { pricing: 'included', rounding: 'floor' },
 * );
 * // { byRate: [ { rate: 10, base: 1000, tax: 100, total: 1100 },
 * //             { rate: 8, base: 1000, tax: 80, total: 1080 } ],
 * //   base: 2000, tax: 180, total: 2180 }
 * ```
 */
export function summarizeTax(lines: readonly TaxLine[], options: SummarizeTaxOptions): TaxSummary {
  for (let index = 0; index < lines.length; index++) checkLine(lines[index] as TaxLine, index);
  return summarizeSafe(lines, options) ?? summarizeTaxExact(lines, options);
}

/**
 * {@link summarizeTax} in plain numbers, exact while every sum and product stays a safe integer, as in any real
 * document; `undefined` as soon as one would not, and the BigInt path gives the answer (or the error). An order is
 * summarised on every change, and BigInts are objects.
 */
function summarizeSafe(lines: readonly TaxLine[], options: SummarizeTaxOptions): TaxSummary | undefined {
  const sums: (number | undefined)[] = TAX_RATES.map(() => undefined);
  for (const line of lines) {
    const at = TAX_RATES.indexOf(line.rate);
    const sum = (sums[at] ?? 0) + line.amount;
    if (!isSafe(sum)) return undefined;
    sums[at] = sum;
  }
  const byRate: TaxBreakdown[] = [];
  let base = 0;
  let tax = 0;
  for (let at = 0; at < TAX_RATES.length; at++) {
    const rate = TAX_RATES[at] as TaxRate;
    const sum = sums[at];
    if (sum === undefined) continue;
    const rateTax = taxOfSafe(sum, rate, options.pricing, options.rounding);
    if (rateTax === undefined) return undefined;
    const rateBase = options.pricing === 'included' ? sum - rateTax : sum;
    base += rateBase;
    tax += rateTax;
    if (!isSafe(rateBase + rateTax) || !isSafe(base) || !isSafe(tax) || !isSafe(base + tax)) return undefined;
    byRate.push({ rate, base: yen(rateBase), tax: yen(rateTax), total: yen(rateBase + rateTax) });
  }
  return { byRate, base: yen(base), tax: yen(tax), total: yen(base + tax) };
}

const isSafe = Number.isSafeInteger;

/** `taxOfExact` in plain numbers: the same rounding of the magnitude, or `undefined` beyond safe integers. */
function taxOfSafe(
  amount: number,
  rate: TaxRate,
  pricing: TaxPricing,
  rounding: RoundingMode,
): number | undefined {
  const numerator = amount * rate;
  if (!isSafe(numerator)) return undefined;
  const denominator = pricing === 'included' ? 100 + rate : 100;
  const magnitude = Math.abs(numerator);
  const remainder = magnitude % denominator;
  const quotient = (magnitude - remainder) / denominator;
  const roundUp =
    rounding === 'ceil' ? remainder > 0 : rounding === 'round' ? remainder * 2 >= denominator : false;
  const rounded = roundUp ? quotient + 1 : quotient;
  return numerator < 0 && rounded !== 0 ? -rounded : rounded;
}

/** {@link summarizeTax} in BigInt arithmetic, for lines already checked. Exported for its tests. */
export function summarizeTaxExact(lines: readonly TaxLine[], options: SummarizeTaxOptions): TaxSummary {
  const sums: (bigint | undefined)[] = TAX_RATES.map(() => undefined);
  for (const line of lines) {
    const at = TAX_RATES.indexOf(line.rate);
    sums[at] = (sums[at] ?? 0n) + BigInt(line.amount);
  }
  const byRate: TaxBreakdown[] = [];
  let base = 0n;
  let tax = 0n;
  for (let at = 0; at < TAX_RATES.length; at++) {
    const rate = TAX_RATES[at] as TaxRate;
    const sum = sums[at];
    if (sum === undefined) continue;
    const rateTax = taxOfExact(sum, rate, options.pricing, options.rounding);
    const rateBase = options.pricing === 'included' ? sum - rateTax : sum;
    byRate.push({ rate, base: safeYen(rateBase), tax: safeYen(rateTax), total: safeYen(rateBase + rateTax) });
    base += rateBase;
    tax += rateTax;
  }
  return { byRate, base: safeYen(base), tax: safeYen(tax), total: safeYen(base + tax) };
}

function checkLine(line: TaxLine, index: number): void {
  if (!isTaxRate(line.rate)) {
    throw new HakobuError('money.invalid_tax_rate', `Line ${index}: tax rate must be 10, 8 or 0`, {
      data: { index, rate: line.rate },
    });
  }
  if (!Number.isSafeInteger(line.amount)) {
    const code = Number.isInteger(line.amount) ? 'money.unsafe_integer' : 'money.not_integer';
    throw new HakobuError(code, `Line ${index}: amount must be a safe integer of yen`, {
      data: { index, amount: line.amount },
    });
  }
}
