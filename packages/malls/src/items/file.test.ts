import { describe, expect, it } from 'vitest';
import { fitBytes, writeItemFile } from './file';

describe('fitBytes', () => {
  it('keeps whole characters, counting 全角 as 2 bytes and a CP932 substitute by its own size', () => {
    expect(fitBytes('静岡県産 煎茶', 9)).toBe('静岡県産 ');
    expect(fitBytes('静岡県産 煎茶', 8)).toBe('静岡県産');
    expect(fitBytes('静岡県産 煎茶', 7)).toBe('静岡県');
    expect(fitBytes('𠮷野家', 2)).toBe('𠮷');
    expect(fitBytes('abc', 10)).toBe('abc');
    expect(fitBytes('茶', 1)).toBe('');
  });
});

describe('writeItemFile', () => {
  it('reports each cut with its output line, counting line breaks left inside cells', () => {
    const file = writeItemFile(
      'テスト',
      [{ header: 'code' }, { header: 'note', maxBytes: 4 }],
      [
        { label: '商品「a」', cells: ['a', '一行目\n二行目'] },
        { label: '商品「b」', cells: ['b\nc', '煎茶'] },
        { label: '商品「d」', cells: ['d', '煎茶ほうじ茶'] },
      ],
      [],
      'utf-8',
    );
    expect(file.issues.map((i) => [i.code, i.line, i.data?.written])).toEqual([
      ['malls.items.truncated', 2, '一行'],
      ['malls.items.truncated', 5, '煎茶'],
    ]);
  });
});
