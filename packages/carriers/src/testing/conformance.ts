import { HakobuError } from '@hakobu/core';
import type { ConformanceCheck } from '@hakobu/orders/testing';
import type { RemoteIslandEntry, RemoteIslandList } from '../islands/islands';
import type { PostalDirectory, PostalEntry } from '../postal/directory';

function assert(condition: boolean, check: string, detail: string): void {
  if (!condition) throw new HakobuError('carriers.conformance.failed', `${check}: ${detail}`);
}

const ENTRIES: readonly PostalEntry[] = [
  { postalCode: '1000005', prefecture: '東京都', city: '千代田区', town: '丸の内', business: false },
  { postalCode: '1000000', prefecture: '東京都', city: '千代田区', town: '', business: false },
  { postalCode: '4980000', prefecture: '愛知県', city: '弥富市', town: '', business: false },
  { postalCode: '4980000', prefecture: '三重県', city: '桑名郡木曽岬町', town: '', business: false },
  { postalCode: '1008111', prefecture: '東京都', city: '千代田区', town: '千代田', business: true },
];

/**
 * Conformance checks for a {@link PostalDirectory} adapter (郵便番号簿ポートの適合検査): `create` builds the
 * adapter holding the given entries. Run them with `registerConformance` of `@hakobu/orders/testing`.
 *
 * @example
 * ```ts
 * registerConformance('SQL postal directory', postalDirectoryChecks((entries, date) => sqlDirectory(entries, date)), { describe, it });
 * ```
 */
export function postalDirectoryChecks(
  create: (entries: readonly PostalEntry[], dataDate: string) => PostalDirectory | Promise<PostalDirectory>,
): ConformanceCheck[] {
  const make = () => Promise.resolve(create(ENTRIES, '2026-05-26'));
  return [
    {
      name: 'keeps the data date',
      run: async () => assert((await make()).dataDate === '2026-05-26', 'dataDate', 'not kept'),
    },
    {
      name: 'returns every entry of a code, across prefectures',
      run: async () => {
        const rows = (await make()).lookup('4980000');
        assert(rows.length === 2, 'lookup', `4980000 gave ${rows.length} rows, expected 2`);
        assert(new Set(rows.map((r) => r.prefecture)).size === 2, 'lookup', 'both prefectures expected');
      },
    },
    {
      name: 'returns nothing for a code that does not exist',
      run: async () =>
        assert((await make()).lookup('9999999').length === 0, 'lookup', '9999999 must be empty'),
    },
    {
      name: 'keeps the 大口事業所 flag and the empty town',
      run: async () => {
        const directory = await make();
        assert(directory.lookup('1008111')[0]?.business === true, 'business', 'flag lost');
        assert(directory.lookup('1000000')[0]?.town === '', 'town', 'empty town changed');
      },
    },
    {
      name: 'lists cities of a prefecture and entries of a city',
      run: async () => {
        const directory = await make();
        assert(directory.cities('東京都').includes('千代田区'), 'cities', '千代田区 missing');
        assert(
          directory.entriesOfCity('東京都', '千代田区').length === 3,
          'entriesOfCity',
          'expected 3 entries',
        );
        assert(
          directory.entriesOfCity('東京都', '存在しない区').length === 0,
          'entriesOfCity',
          'unknown city must be empty',
        );
      },
    },
  ];
}

/**
 * Conformance checks for a {@link RemoteIslandList} adapter (離島リストの適合検査): carrier-specific entries win over
 * general ones, unknown codes give `undefined`.
 *
 * @example
 * ```ts
 * registerConformance('my island list', remoteIslandListChecks((entries) => myList(entries)), { describe, it });
 * ```
 */
export function remoteIslandListChecks(
  create: (entries: readonly RemoteIslandEntry[]) => RemoteIslandList | Promise<RemoteIslandList>,
): ConformanceCheck[] {
  const entries: RemoteIslandEntry[] = [
    { postalCode: '1001511', place: '東京都八丈島八丈町三根', source: 'test' },
    { postalCode: '9071801', place: '沖縄県八重山郡与那国町', source: 'test' },
    { postalCode: '9071801', place: '与那国（ヤマト）', source: 'carrier', carrier: 'yamato' },
  ];
  return [
    {
      name: 'finds an island code and misses others',
      run: async () => {
        const list = await create(entries);
        assert(list.find('1001511')?.place === '東京都八丈島八丈町三根', 'find', '1001511 not found');
        assert(list.find('1000005') === undefined, 'find', '1000005 is not an island');
      },
    },
    {
      name: 'prefers the carrier-specific entry',
      run: async () => {
        const list = await create(entries);
        assert(list.find('9071801', 'yamato')?.source === 'carrier', 'find', 'carrier entry expected');
        assert(
          list.find('9071801', 'sagawa')?.source === 'test',
          'find',
          'general entry expected for other carriers',
        );
      },
    },
  ];
}
