import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { apportion } from './apportion';

function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return HakobuError.isInstance(error) ? error.code : 'not a HakobuError';
  }
  return undefined;
}

describe('apportion', () => {
  it.each<[number, number[], number[]]>([
    [100, [1, 1, 1], [34, 33, 33]],
    [-500, [3000, 2000, 1000], [-250, -167, -83]],
    [1000, [1100, 1080], [505, 495]],
    [10, [0, 5, 0], [0, 10, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [0, [3, 4], [0, 0]],
    [7, [2], [7]],
  ])('splits %d over %j as %j', (total, weights, expected) => {
    expect(apportion(total, weights)).toEqual({ ok: true, value: expected, issues: [] });
  });

  it('gives zeros when there is nothing to spread and no weight', () => {
    expect(apportion(0, [])).toEqual({ ok: true, value: [], issues: [] });
    expect(apportion(0, [0, 0])).toEqual({ ok: true, value: [0, 0], issues: [] });
  });

  it('fails with a typed issue when a non-zero total has no weight', () => {
    for (const weights of [[], [0, 0, 0]]) {
      const result = apportion(-1500, weights);
      expect(result.ok).toBe(false);
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({
        code: 'money.apportion_no_weight',
        severity: 'error',
        data: { total: -1500, weights },
      });
      expect(result.issues[0]?.message).toContain('-1,500円');
    }
  });

  it('throws for bad arguments', () => {
    expect(thrownCode(() => apportion(1.5, [1]))).toBe('money.not_integer');
    expect(thrownCode(() => apportion(10, [1, -1]))).toBe('money.invalid_weight');
    expect(thrownCode(() => apportion(10, [0.5]))).toBe('money.invalid_weight');
  });

  it('is exact for the largest safe totals and weights', () => {
    const result = apportion(Number.MAX_SAFE_INTEGER, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
    expect(result).toEqual({
      ok: true,
      value: [4_503_599_627_370_496, 4_503_599_627_370_495],
      issues: [],
    });
  });

  it('sums exactly, stays within one yen of each exact share, and gives nothing to zero weights', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.array(fc.oneof(fc.constant(0), fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), {
          minLength: 1,
          maxLength: 20,
        }),
        (total, weights) => {
          fc.pre(weights.some((weight) => weight > 0));
          const result = apportion(total, weights);
          if (!result.ok) throw new Error('expected a split');
          const parts = result.value;
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((sum, part) => sum + BigInt(part), 0n)).toBe(BigInt(total));
          const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
          parts.forEach((part, index) => {
            const weight = BigInt(weights[index]!);
            // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W, in exact integers.
            const gap = BigInt(part) * weightSum - BigInt(total) * weight;
            expect(gap < weightSum && -gap < weightSum).toBe(true);
            if (weight === 0n) expect(part).toBe(0);
            if (part !== 0) expect(Math.sign(part)).toBe(Math.sign(total));
          });
        },
      ),
    );
  });
});
