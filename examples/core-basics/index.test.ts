import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The example runs on the built package (as a user's code would); `npm test` builds before testing.
const output = execFileSync(process.execPath, [fileURLToPath(new URL('./index.mjs', import.meta.url))], {
  encoding: 'utf8',
  env: { ...process.env, TZ: 'America/Los_Angeles' },
});

describe('examples/core-basics', () => {
  it('counts every row and reports the broken one with its line', () => {
    expect(output).toContain('encoding cp932: 4 rows = 3 records + 1 rejected');
    expect(output).toContain('4行目 csv.field_count');
  });

  it('builds match keys that fold 髙, width, hyphens and the country code', () => {
    expect(output).toContain('name 高橋花子, phone 09012345678, 〒 1500001');
    expect(output).toContain('name 渡辺一郎, phone 0312345678, 〒 1000005');
  });

  it('rounds tax once per rate', () => {
    expect(output).toContain('10%対象 ¥1,980 (内消費税 ¥180)');
    expect(output).toContain('8%対象 ¥1,296 (内消費税 ¥96)');
  });

  it('plans ship dates in Japan time whatever the server time zone', () => {
    expect(output).toContain('1001 ordered 2026-11-27T13:30:00+09:00 → ships 2026-11-27');
    expect(output).toContain('1003 ordered 2026-11-28T09:10:00+09:00 → ships 2026-11-30');
  });

  it('reports every character CP932 cannot hold', () => {
    expect(output).toContain('1004-1,吉田 太郎,ケーキ〓');
    expect(output).toContain('cp932.substituted');
    expect(output).toContain('cp932.unencodable');
  });
});
