import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { registerConformance } from '@hakobu/orders/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { postalDirectoryChecks } from '../testing';
import { addressKey, checkPostalAddress } from './check';
import { createPostalDirectory, loadJapanPostDirectory, type PostalDirectory } from './directory';

/** The first file of a zip archive (Japan Post ships one CSV per zip). */
function firstFile(path: URL): Buffer {
  const zip = readFileSync(path);
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  const size = zip.readUInt32LE(18);
  const body = zip.subarray(30 + nameLength + extraLength, 30 + nameLength + extraLength + size);
  return zip.readUInt16LE(8) === 0 ? body : inflateRawSync(body);
}

const kenAll = firstFile(new URL('../../../../../shared/data/japanpost/utf_ken_all.zip', import.meta.url))
  .toString('utf8')
  .split(/\r?\n/)
  .filter((line) => line !== '')
  .map((line) => line.split(',').map((field) => field.replace(/^"|"$/g, '')));

let directory: PostalDirectory;
beforeAll(async () => {
  directory = await loadJapanPostDirectory();
});

describe('bundled Japan Post directory', () => {
  it('holds every KEN_ALL code with its prefecture and city', () => {
    expect(kenAll.length).toBeGreaterThan(124_000);
    for (const [, , code, , , , prefecture, city] of kenAll) {
      const entries = directory.lookup(code!);
      expect(
        entries.some((e) => e.prefecture === prefecture && e.city === city),
        code,
      ).toBe(true);
    }
    expect(directory.dataDate).toBe('2026-05-22');
  });

  it('matches every KEN_ALL row at town level when the address is written as Japan Post writes it', () => {
    const misses: string[] = [];
    for (const [, , code, , , , prefecture, city, town] of kenAll) {
      const clean = town!.includes('以下に掲載がない場合') ? '' : town!.replace(/（.*$/, '');
      const check = checkPostalAddress(directory, code!, prefecture!, `${city}${clean}1-2-3`);
      if (check.match !== 'town') misses.push(`${code} ${prefecture}${city}${town}`);
    }
    expect(misses).toEqual([]);
  });

  it('finds 大口事業所 codes and codes spanning two prefectures', () => {
    expect(directory.lookup('1008111').some((e) => e.business)).toBe(true);
    expect(new Set(directory.lookup('4980000').map((e) => e.prefecture))).toEqual(
      new Set(['愛知県', '三重県']),
    );
  });
});

describe('checkPostalAddress on real data', () => {
  it('suggests the town code when only the city agrees', () => {
    const check = checkPostalAddress(directory, '100-0001', '東京都', '千代田区丸の内1-9-1');
    expect(check.match).toBe('city');
    expect(check.suggestions.map((e) => e.postalCode)).toEqual(['1000005']);
    expect(check.issues.map((i) => i.code)).toEqual(['carrier.postal.town_mismatch']);
  });

  it('reads full-width input and kanji numerals', () => {
    expect(checkPostalAddress(directory, '１０５－００１１', '東京都', '港区芝公園４－２－８').match).toBe(
      'town',
    );
    expect(checkPostalAddress(directory, '060-0001', '北海道', '札幌市中央区北1条西2丁目').match).toBe(
      'town',
    );
  });

  it('accepts the renamed wards of 浜松市 (中区 → 中央区)', () => {
    const check = checkPostalAddress(directory, '430-0929', '静岡県', '浜松市中区中央1-2-3');
    expect(check.match).toBe('town');
    expect(check.issues).toEqual([]);
  });

  it('suggests the right code for an island address under the wrong code, 島 left out of the city', () => {
    const check = checkPostalAddress(directory, '100-1101', '東京都', '八丈町三根1', {
      subject: '伝票1-1のお届け先',
    });
    expect(check.match).toBe('prefecture');
    expect(check.suggestions.map((e) => e.postalCode)).toEqual(['1001511']);
    expect(check.issues[0]?.message).toContain('伝票1-1のお届け先');
  });

  it('says a code does not exist and still suggests one from the address', () => {
    const check = checkPostalAddress(directory, '999-9999', '北海道', '札幌市中央区北1条西2');
    expect(check.exists).toBe(false);
    expect(check.issues.map((i) => i.code)).toEqual(['carrier.postal.unknown_code']);
    expect(check.suggestions.map((e) => e.postalCode)).toContain('0600001');
  });

  it('reports a code that cannot be read', () => {
    expect(checkPostalAddress(directory, '12-345', '東京都', '港区').issues.map((i) => i.code)).toEqual([
      'carrier.postal.invalid_code',
    ]);
  });
});

describe('addressKey', () => {
  it('folds width, ヶ, dashes and kanji numerals', () => {
    expect(addressKey('旭ヶ丘 二十一丁目１－２')).toBe(addressKey('旭ケ丘21丁目1-2'));
  });
});

registerConformance('createPostalDirectory', postalDirectoryChecks(createPostalDirectory), { describe, it });
