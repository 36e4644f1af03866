import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byCodeUnit, canonicalJson } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and reads back as the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reordered = JSON.parse(JSON.stringify(value), (_key, member) =>
          member !== null && typeof member === 'object' && !Array.isArray(member)
            ? Object.fromEntries(Object.entries(member).reverse())
            : member,
        );
        expect(canonicalJson(reordered)).toBe(text);
      }),
    );
  });

  it('leaves out undefined members and orders keys by code unit', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }], B: null })).toBe(
      '{"B":null,"a":[{"c":"x"}],"b":1}',
    );
  });
});

describe('byCodeUnit', () => {
  it('orders by UTF-16 code units, not by locale', () => {
    expect(['b', 'B', 'a', 'あ', 'A'].sort(byCodeUnit)).toEqual(['A', 'B', 'a', 'b', 'あ']);
  });
});
