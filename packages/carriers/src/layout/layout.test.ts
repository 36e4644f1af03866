import { describe, expect, it } from 'vitest';
import { cutTo, fitLines, measure, widen } from './fit';
import { cleanItemName, ItemNameRules } from './item-name';

describe('fitLines', () => {
  it('keeps an address and its building on their own lines when they fit', () => {
    expect(fitLines(['東京都千代田区丸の内1-9-1', 'グラントウキョウ5F'], [64, 32], 'bytes')).toEqual({
      lines: ['東京都千代田区丸の内1-9-1', 'グラントウキョウ5F'],
      overflow: '',
    });
  });

  it('moves the tail of a long address to the next line and runs the building on', () => {
    const address = '北海道札幌市中央区北一条西二十丁目ながいながいまちのなまえ1-2-3';
    const fitted = fitLines([address, 'ビル'], [40, 40], 'bytes');
    expect(fitted.overflow).toBe('');
    expect(fitted.lines.join('')).toBe(`${address} ビル`);
    for (const line of fitted.lines) expect(measure(line, 'bytes')).toBeLessThanOrEqual(40);
  });

  it('keeps a house number on one line when it can', () => {
    const fitted = fitLines([widen('福岡県福岡市博多区博多駅前2-17-8')], [16, 16, 16], 'fullwidth');
    expect(fitted.lines).toEqual(['福岡県福岡市博多区博多駅前', '２－１７－８', '']);
  });

  it('returns what does not fit as overflow', () => {
    const fitted = fitLines(['あ'.repeat(20)], [16, 16], 'bytes');
    expect(fitted.lines).toEqual(['あ'.repeat(8), 'あ'.repeat(8)]);
    expect(fitted.overflow).toBe('あ'.repeat(4));
  });

  it('never splits a character across the byte limit', () => {
    expect(cutTo('aあい', 4, 'bytes')).toEqual({ head: 'aあ', tail: 'い' });
  });

  it('widens ASCII, spaces and half-width kana', () => {
    expect(widen('ﾔﾏﾀﾞ 1-2')).toBe('ヤマダ\u3000１－２');
  });
});

describe('cleanItemName', () => {
  it('applies brackets, deletions, replacements in order', () => {
    const rules = ItemNameRules.parse({ deletePatterns: ['送料無料'], replacements: [['ｾｯﾄ', 'セット']] });
    expect(cleanItemName('【楽天1位】★限定★ 送料無料 煎茶ｾｯﾄ', rules)).toBe('煎茶セット');
  });

  it('keeps a name without promotion text', () => {
    expect(cleanItemName('静岡煎茶 100g', ItemNameRules.parse({}))).toBe('静岡煎茶 100g');
  });
});
