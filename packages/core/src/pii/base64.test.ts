import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAnyBase64, fromBase64Url, toBase64Url } from './base64';

describe('base64url', () => {
  it('round-trips any bytes and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses padding, the standard alphabet, a dangling character and non-canonical last bits', () => {
    for (const text of ['AAE=', 'A+/A', 'AAAAA', 'AAF']) expect(fromBase64Url(text)).toBeUndefined();
    expect(fromBase64Url('AAE')).toEqual(Uint8Array.from([0, 1]));
  });

  it('reads key material in standard base64 or base64url, padded or not, with spaces around', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, index) => index * 7);
    for (const text of [
      Buffer.from(bytes).toString('base64'),
      Buffer.from(bytes).toString('base64url'),
      ` ${Buffer.from(bytes).toString('base64')}\n`,
    ]) {
      expect(fromAnyBase64(text)).toEqual(bytes);
    }
    expect(fromAnyBase64('not base64!')).toBeUndefined();
  });
});
