import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyData } from './copy';

describe('copyData', () => {
  it('copies any JSON value (and undefined members) equal to structuredClone, sharing nothing (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.constant(undefined)), (json, extra) => {
        const value = { json, extra, list: [json, extra] };
        const copied = copyData(value);
        expect(copied).toStrictEqual(structuredClone(value));
        expect(Object.keys(copied)).toEqual(Object.keys(value));
        if (typeof json === 'object' && json !== null) expect(copied.json).not.toBe(json);
        expect(copied.list).not.toBe(value.list);
      }),
    );
  });

  it('keeps a __proto__ key of parsed JSON as data, not as the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copied = copyData(parsed);
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['__proto__', 'a']);
    expect((copied as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copied)).toBe(JSON.stringify(parsed));
  });
});
