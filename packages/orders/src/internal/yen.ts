import { HakobuError } from '@hakobu/core';

/**
 * Splits `total` yen into integer parts proportional to `weights` (largest remainder, ties to the earlier
 * index), so the parts always add up to `total` exactly. Negative totals are split by their magnitude.
 *
 * Stand-in for `apportion` from `@hakobu/core` money until that is exported; same contract.
 */
export function apportionYen(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total))
    throw new HakobuError('orders.yen_not_integer', `金額が整数ではありません: ${total}`);
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new HakobuError('orders.apportion_no_weights', '按分先がありません');
  }
  if (total < 0) return apportionYen(-total, weights).map((part) => -part);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const effective = weightSum > 0 ? weights : weights.map(() => 1);
  const effectiveSum = weightSum > 0 ? weightSum : weights.length;
  const parts = effective.map((weight) => Math.floor((total * weight) / effectiveSum));
  let rest = total - parts.reduce((sum, part) => sum + part, 0);
  const order = effective
    .map((weight, index) => ({ index, remainder: (total * weight) % effectiveSum }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (rest === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    rest -= 1;
  }
  return parts;
}

/**
 * The consumption tax inside a tax-included amount at `rate` percent, rounded down once (内税, インボイス制度:
 * once per rate per document).
 */
export function includedTax(amount: number, rate: number): number {
  return Math.floor((amount * rate) / (100 + rate));
}
