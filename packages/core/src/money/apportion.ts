import { createIssue, fail, HakobuError, ok, type Result } from '../result';
import { formatYen, type Yen, yen } from './yen';

/**
 * Splits a whole-yen total over weights in proportion (按分), by the largest remainder method
 * (最大剰余法): each part is the floor of its exact share, and the yen left over go one each to the parts
 * with the largest remainders, the earlier index first on a tie. The parts always add up to the total
 * exactly, each differs from its exact share by less than one yen, and a zero weight always gets zero.
 * A negative total (a coupon, points) is split by its magnitude and each part negated.
 *
 * Rule for weights that add up to zero (no weights, or all zero — e.g. every line is free): a total of 0
 * gives all zeros; any other total cannot be spread and fails with `money.apportion_no_weight`.
 *
 * Used to spread a document-level coupon or point use over lines or tax rates, so each rate's base can
 * be reduced for the invoice.
 *
 * @throws {@link HakobuError} for a total that is not a safe integer, or a weight that is not a
 *   non-negative safe integer (`money.invalid_weight`).
 * @example
 * ```ts
 * apportion(-500, [3000, 2000, 1000]); // { ok: true, value: [-250, -167, -83], issues: [] }
 * apportion(100, [1, 1, 1]); // { ok: true, value: [34, 33, 33], issues: [] }
 * apportion(100, [0, 0]); // fails with 'money.apportion_no_weight'
 * ```
 */
export function apportion(total: number, weights: readonly number[]): Result<Yen[]> {
  const amount = yen(total);
  weights.forEach(checkWeight);
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (weightSum === 0n) {
    if (amount === 0) return ok(weights.map(() => 0));
    return fail([
      createIssue(
        'money.apportion_no_weight',
        `按分先の金額（重み）がすべて0のため、${formatYen(amount, { style: 'suffix' })}を按分できません`,
        { data: { total: amount, weights: [...weights] } },
      ),
    ]);
  }
  const magnitude = BigInt(Math.abs(amount));
  const shares = weights.map((weight, index) => {
    const product = magnitude * BigInt(weight);
    return { index, floor: product / weightSum, remainder: product % weightSum };
  });
  const left = Number(magnitude - shares.reduce((sum, share) => sum + share.floor, 0n));
  const favoured = new Set(
    [...shares]
      .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
      .slice(0, left)
      .map((share) => share.index),
  );
  const sign = amount < 0 ? -1 : 1;
  return ok(shares.map((share) => yen(sign * Number(share.floor + (favoured.has(share.index) ? 1n : 0n)))));
}

function checkWeight(weight: number, index: number): void {
  if (!Number.isSafeInteger(weight) || weight < 0) {
    throw new HakobuError('money.invalid_weight', `Weight ${index} must be a non-negative safe integer`, {
      data: { index, weight },
    });
  }
}
