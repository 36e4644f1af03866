import { describe, expect, it } from 'vitest';
import { normalizePostalCode } from './postal-code';

describe('normalizePostalCode', () => {
  it.each([
    ['1050011'],
    ['105-0011'],
    ['〒105-0011'],
    ['〒１０５－００１１'],
    ['105ー0011'],
    ['105−0011'],
    ['105‐0011'],
    [' 〒 105 0011 '],
    ['〶105-0011'],
  ])('%s → 1050011', (input) => {
    expect(normalizePostalCode(input)).toEqual({ ok: true, value: '1050011', issues: [] });
  });

  it.each([['105-001'], ['10500111'], ['105--0011'], ['abc-defg'], [''], ['1050-011']])(
    'rejects %j with a Japanese issue naming the input',
    (input) => {
      const result = normalizePostalCode(input, { path: ['destination', 'postalCode'] });
      expect(result.ok).toBe(false);
      expect(result.issues).toEqual([
        {
          code: 'text.invalid_postal_code',
          severity: 'error',
          message: `郵便番号「${input}」は7桁の数字として読めません（例: 105-0011 または 1050011）`,
          path: ['destination', 'postalCode'],
          data: { input },
        },
      ]);
    },
  );
});
