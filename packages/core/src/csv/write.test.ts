import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { HakobuError } from '../result';
import { writeCsv } from './write';

const decode = (bytes: Uint8Array) => iconv.decode(Buffer.from(bytes), 'cp932');

function written(result: ReturnType<typeof writeCsv>) {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('writeCsv: layout', () => {
  it('quotes minimally: delimiter, quote, CR/LF, and edge spaces', () => {
    const { text } = written(
      writeCsv(
        [['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rx', ' lead', 'trail ', '　全角', '', '中 間']],
        {
          formulaGuard: false,
          encoding: 'utf-8',
        },
      ),
    );
    expect(text).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rx"," lead","trail ","　全角",,中 間\r\n');
  });

  it('quotes every cell with quoting: all, and tabs only under TSV', () => {
    expect(
      written(writeCsv([['a', '']], { formulaGuard: false, quoting: 'all', encoding: 'utf-8' })).text,
    ).toBe('"a",""\r\n');
    expect(
      written(writeCsv([['a,b', 'c\td']], { formulaGuard: false, delimiter: '\t', encoding: 'utf-8' })).text,
    ).toBe('a,b\t"c\td"\r\n');
  });

  it('ends every row with CRLF by default, or LF', () => {
    const rows = [['1'], ['2']];
    expect(written(writeCsv(rows, { formulaGuard: false, encoding: 'utf-8' })).text).toBe('1\r\n2\r\n');
    expect(written(writeCsv(rows, { formulaGuard: false, encoding: 'utf-8', newline: '\n' })).text).toBe(
      '1\n2\n',
    );
  });

  it('writes records through a column list, with or without the header row', () => {
    const records = [{ slip: '1001-1', count: 2, empty: null }, { slip: '1001-2' }];
    const columns = [
      { key: 'slip', header: '伝票番号' },
      { key: 'count', header: '個数' },
      { key: 'empty', header: '空' },
    ] as const;
    expect(written(writeCsv(records, { columns, formulaGuard: false, encoding: 'utf-8' })).text).toBe(
      '伝票番号,個数,空\r\n1001-1,2,\r\n1001-2,,\r\n',
    );
    expect(
      written(writeCsv(records, { columns, header: false, formulaGuard: false, encoding: 'utf-8' })).text,
    ).toBe('1001-1,2,\r\n1001-2,,\r\n');
  });

  it('guards formula starts when asked, and leaves them alone otherwise', () => {
    const cells = ['=SUM(A1)', '+81', '-120', '@cmd', '\tx', '\rx', 'a=b', ''];
    expect(written(writeCsv([cells], { formulaGuard: true, encoding: 'utf-8' })).text).toBe(
      `"'=SUM(A1)","'+81","'-120","'@cmd","'\tx","'\rx",a=b,\r\n`,
    );
    expect(written(writeCsv([cells], { formulaGuard: false, encoding: 'utf-8' })).text).toBe(
      '=SUM(A1),+81,-120,@cmd,"\tx","\rx",a=b,\r\n',
    );
  });

  it('requires formulaGuard to be chosen', () => {
    expect(() => writeCsv([['a']], {} as never)).toThrow(HakobuError);
  });
});

describe('writeCsv: encodings', () => {
  it('writes CP932 by default', () => {
    const { bytes, text } = written(writeCsv([['髙橋', 'ｶﾞｰﾃﾞﾝ①']], { formulaGuard: false }));
    expect(text).toBe('髙橋,ｶﾞｰﾃﾞﾝ①\r\n');
    expect([...bytes]).toEqual([...iconv.encode('髙橋,ｶﾞｰﾃﾞﾝ①\r\n', 'cp932')]);
  });

  it('writes UTF-8 with and without BOM', () => {
    const plain = written(writeCsv([['山田']], { formulaGuard: false, encoding: 'utf-8' }));
    expect([...plain.bytes]).toEqual([...new TextEncoder().encode('山田\r\n')]);
    const bom = written(writeCsv([['山田']], { formulaGuard: false, encoding: 'utf-8-bom' }));
    expect([...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.text).toBe('山田\r\n');
  });

  it('reports each unencodable cell with its row, column and output line, substituting by default', () => {
    const records = [
      { name: '山田', note: 'ok' },
      { name: '佐藤😀', note: '複数\n行' },
      { name: '𠮷田', note: '〜' },
    ];
    const columns = [
      { key: 'name', header: 'お届け先名' },
      { key: 'note', header: '備考' },
    ];
    const result = writeCsv(records, { columns, formulaGuard: false });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(decode(result.value.bytes)).toBe(result.value.text);
    expect(result.value.text).toBe('お届け先名,備考\r\n山田,ok\r\n佐藤〓,"複数\n行"\r\n吉田,～\r\n');
    const found = result.issues.map((issue) => [issue.code, issue.path, issue.line]);
    expect(found).toEqual([
      ['cp932.unencodable', ['rows', 1, 'name'], 3],
      ['cp932.substituted', ['rows', 2, 'name'], 5],
      ['cp932.premapped', ['rows', 2, 'note'], 5],
    ]);
    expect(result.issues[0]?.message).toContain('3行目 お届け先名');
  });

  it('uses column indexes in paths for array rows', () => {
    const result = writeCsv(
      [
        ['a', 'b'],
        ['c', '😀'],
      ],
      { formulaGuard: false },
    );
    expect(result.issues.map((issue) => [issue.path, issue.line])).toEqual([[['rows', 1, 1], 2]]);
  });

  it('fails with every unencodable cell under onUnencodable: fail', () => {
    const result = writeCsv(
      [
        ['😀', 'a'],
        ['b', '🍣'],
      ],
      { formulaGuard: false, cp932: { onUnencodable: 'fail' } },
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.severity, issue.path])).toEqual([
      ['error', ['rows', 0, 0]],
      ['error', ['rows', 1, 1]],
    ]);
  });

  it('passes jisX0208Only and the substitution options through', () => {
    const substituted = writeCsv([['①']], { formulaGuard: false, cp932: { jisX0208Only: true } });
    expect(substituted.ok && substituted.value.text).not.toContain('①');
    const result = writeCsv([['①']], {
      formulaGuard: false,
      cp932: { jisX0208Only: true, useDefaultSubstitutions: false },
    });
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['cp932.not_jis_x_0208', ['rows', 0, 0]],
    ]);
  });

  it('reports a lone surrogate in UTF-8 output', () => {
    const result = writeCsv([['a\uD800b']], { formulaGuard: false, encoding: 'utf-8' });
    expect(result.ok && result.value.text).toBe('a\uFFFDb\r\n');
    expect(result.issues.map((issue) => [issue.code, issue.path, issue.line])).toEqual([
      ['csv.unencodable', ['rows', 0, 0], 1],
    ]);
  });
});
