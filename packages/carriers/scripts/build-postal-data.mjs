#!/usr/bin/env node
// Builds the offline postal directory and the seed of the remote-island list of @hakobu/carriers from Japan
// Post's files (utf_ken_all.zip, jigyosyo.zip), by default those in ../shared/data/japanpost/.
//
//   node packages/carriers/scripts/build-postal-data.mjs [dataDir]
//
// Writes src/postal/japanpost-data.generated.ts (a gzip of the compact text table, as base64, with its data
// date) and src/islands/remote-islands.generated.ts. The same inputs always give the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, inflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const dataDir = process.argv[2] ?? join(packageDir, '../../../shared/data/japanpost');

/** The files of a zip archive (stored or deflated entries), read through its central directory. */
function unzip(path) {
  const zip = readFileSync(path);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error(`${path}: not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('latin1');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    files.set(name.toUpperCase(), method === 0 ? body : inflateRawSync(body));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Fields of one CSV line whose quoted fields hold no comma or quote (true of Japan Post's files). */
function fields(line) {
  return line.split(',').map((field) => field.replace(/^"|"$/g, ''));
}

/** The data date of a file inside a zip, from the README table of the data folder. */
function dataDate(file) {
  const readme = readFileSync(join(dataDir, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith(`| ${file} `));
  const date = row?.match(/\d{4}-\d{2}-\d{2}/)?.[0];
  if (date === undefined) throw new Error(`no data date for ${file} in README.md`);
  return date;
}

/** KEN_ALL town names as an address would start: placeholders become '', notes in （…） are cut. */
function cleanTown(town) {
  if (town === '以下に掲載がない場合' || town.endsWith('の次に番地がくる場合') || town.endsWith('一円'))
    return '';
  const bracket = town.indexOf('（');
  return bracket === -1 ? town : town.slice(0, bracket);
}

const kenAll = new TextDecoder('utf-8').decode(
  unzip(join(dataDir, 'utf_ken_all.zip')).get('UTF_KEN_ALL.CSV'),
);
const jigyosyo = new TextDecoder('shift_jis').decode(
  unzip(join(dataDir, 'jigyosyo.zip')).get('JIGYOSYO.CSV'),
);

const cities = [];
const cityIndex = new Map();
function cityOf(jis, prefecture, city) {
  const key = `${prefecture}\t${city}`;
  let index = cityIndex.get(key);
  if (index === undefined) {
    index = cities.length;
    cities.push({ jis, prefecture, city });
    cityIndex.set(key, index);
  }
  return index;
}

const rows = new Map();
const residential = [];
for (const line of kenAll.split(/\r?\n/)) {
  if (line === '') continue;
  const f = fields(line);
  const [jis, , zip, , , , prefecture, city, town] = f;
  const row = { zip, city: cityOf(jis, prefecture, city), town: cleanTown(town), business: false };
  residential.push({ zip, prefecture, city, town });
  rows.set(`${row.zip}\t${row.city}\t${row.town}`, row);
}
let businessRows = 0;
for (const line of jigyosyo.split(/\r?\n/)) {
  if (line === '') continue;
  const [jis, , , prefecture, city, town, , zip] = fields(line);
  const row = {
    zip,
    city: cityOf(jis, prefecture, city),
    town: cleanTown(town.replace(/\u3000/g, '')),
    business: true,
  };
  const key = `${row.zip}\t${row.city}\t${row.town}`;
  if (!rows.has(key)) {
    rows.set(key, row);
    businessRows += 1;
  }
}

const sorted = [...rows.values()].sort((a, b) =>
  a.zip !== b.zip
    ? a.zip < b.zip
      ? -1
      : 1
    : a.city !== b.city
      ? a.city - b.city
      : a.town < b.town
        ? -1
        : a.town > b.town
          ? 1
          : 0,
);
const kenDate = dataDate('utf_ken_all.zip');
const officeDate = dataDate('jigyosyo.zip');
const text = [
  `hakobu-postal\t1\t${kenDate}\t${officeDate}`,
  ...cities.map((c) => `C\t${c.jis}\t${c.prefecture}\t${c.city}`),
  ...sorted.map((r) => `${r.zip}\t${r.city}\t${r.town}${r.business ? '\tB' : ''}`),
].join('\n');
const gzip = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
const header = `// Generated by scripts/build-postal-data.mjs from Japan Post's utf_ken_all.csv (${kenDate}) and JIGYOSYO.CSV
// (${officeDate}). Do not edit. Japan Post does not assert copyright on this data and allows its free distribution.
`;
writeFileSync(
  join(packageDir, 'src/postal/japanpost-dates.generated.ts'),
  `${header}/** Data date of the bundled KEN_ALL (住所の郵便番号). */
export const JAPANPOST_KEN_ALL_DATE = '${kenDate}';
/** Data date of the bundled JIGYOSYO (大口事業所個別番号). */
export const JAPANPOST_JIGYOSYO_DATE = '${officeDate}';
`,
);
writeFileSync(
  join(packageDir, 'src/postal/japanpost-data.generated.ts'),
  `${header}/** The compact table, gzip, base64: ${cities.length} municipalities, ${sorted.length} rows (${businessRows} 大口事業所). */
export const JAPANPOST_DATA_GZIP_BASE64 =
  '${gzip.toString('base64')}';
`,
);

// Remote islands (離島): island-only municipalities, and towns that are islands inside mainland municipalities.
const ISLAND_MUNICIPALITIES = {
  北海道: ['奥尻郡奥尻町', '利尻郡利尻町', '利尻郡利尻富士町', '礼文郡礼文町'],
  東京都: [
    '大島町',
    '利島村',
    '新島村',
    '神津島村',
    '三宅島三宅村',
    '御蔵島村',
    '八丈島八丈町',
    '青ヶ島村',
    '小笠原村',
  ],
  新潟県: ['佐渡市', '岩船郡粟島浦村'],
  島根県: ['隠岐郡海士町', '隠岐郡西ノ島町', '隠岐郡知夫村', '隠岐郡隠岐の島町'],
  広島県: ['豊田郡大崎上島町'],
  愛媛県: ['越智郡上島町'],
  香川県: ['小豆郡土庄町', '小豆郡小豆島町', '香川郡直島町'],
  長崎県: ['対馬市', '壱岐市', '五島市', '南松浦郡新上五島町', '北松浦郡小値賀町'],
  鹿児島県: [
    '西之表市',
    '熊毛郡中種子町',
    '熊毛郡南種子町',
    '熊毛郡屋久島町',
    '鹿児島郡三島村',
    '鹿児島郡十島村',
    '奄美市',
    '大島郡大和村',
    '大島郡宇検村',
    '大島郡瀬戸内町',
    '大島郡龍郷町',
    '大島郡喜界町',
    '大島郡徳之島町',
    '大島郡天城町',
    '大島郡伊仙町',
    '大島郡和泊町',
    '大島郡知名町',
    '大島郡与論町',
  ],
  沖縄県: [
    '宮古島市',
    '石垣市',
    '島尻郡久米島町',
    '島尻郡渡嘉敷村',
    '島尻郡座間味村',
    '島尻郡粟国村',
    '島尻郡渡名喜村',
    '島尻郡南大東村',
    '島尻郡北大東村',
    '島尻郡伊平屋村',
    '島尻郡伊是名村',
    '国頭郡伊江村',
    '宮古郡多良間村',
    '八重山郡竹富町',
    '八重山郡与那国町',
  ],
};
const ISLAND_TOWNS = [
  ['北海道', '苫前郡羽幌町', ['焼尻', '天売']],
  ['宮城県', '石巻市', ['網地浜', '長渡浜', '田代浜']],
  ['宮城県', '塩竈市', ['浦戸寒風沢', '浦戸野々島', '浦戸石浜', '浦戸桂島']],
  ['山形県', '酒田市', ['飛島']],
  ['静岡県', '熱海市', ['初島']],
  ['愛知県', '知多郡南知多町', ['日間賀島', '篠島']],
  ['三重県', '鳥羽市', ['神島町', '答志町', '菅島町', '桃取町', '坂手町']],
  ['兵庫県', '姫路市', ['家島町']],
  ['岡山県', '笠岡市', ['白石島', '北木島町', '真鍋島', '六島']],
  ['山口県', '萩市', ['見島']],
  ['福岡県', '宗像市', ['大島', '地島']],
  ['福岡県', '糟屋郡新宮町', ['相島']],
  ['福岡県', '福岡市西区', ['玄界島', '小呂島']],
  ['鹿児島県', '薩摩川内市', ['里町', '上甑町', '下甑町', '鹿島町']],
];
const islands = new Map();
const missing = [];
for (const [prefecture, names] of Object.entries(ISLAND_MUNICIPALITIES)) {
  for (const city of names) {
    const hits = residential.filter((r) => r.prefecture === prefecture && r.city === city);
    if (hits.length === 0) missing.push(`${prefecture}${city}`);
    for (const hit of hits) {
      if (!islands.has(hit.zip)) islands.set(hit.zip, [hit.zip, `${prefecture}${city}`, 'municipality']);
    }
  }
}
for (const [prefecture, city, towns] of ISLAND_TOWNS) {
  for (const town of towns) {
    const hits = residential.filter(
      (r) => r.prefecture === prefecture && r.city === city && cleanTown(r.town).startsWith(town),
    );
    if (hits.length === 0) missing.push(`${prefecture}${city}${town}`);
    for (const hit of hits) {
      if (!islands.has(hit.zip))
        islands.set(hit.zip, [hit.zip, `${prefecture}${city}${cleanTown(hit.town)}`, 'town']);
    }
  }
}
if (missing.length > 0) throw new Error(`island names not in KEN_ALL: ${missing.join(', ')}`);
const byPlace = new Map();
for (const [zip, place, basis] of [...islands.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const key = `${place}\t${basis}`;
  byPlace.set(key, [...(byPlace.get(key) ?? []), zip]);
}
const islandGroups = [...byPlace.entries()].map(([key, zips]) => [...key.split('\t'), zips.join(' ')]);
const islandCount = islands.size;
writeFileSync(
  join(packageDir, 'src/islands/remote-islands.generated.ts'),
  `// Generated by scripts/build-postal-data.mjs from Japan Post's utf_ken_all.csv (${kenDate}). Do not edit: change
// the municipality and town lists in the script and run it again. Its data date is JAPANPOST_KEN_ALL_DATE.
/**
 * Seed entries, ${islandCount} postal codes: [place, basis, space-separated codes]. basis \`municipality\`: the whole
 * municipality is islands (島しょのみの市町村); \`town\`: an island town (町域) of a mainland municipality.
 */
export const REMOTE_ISLAND_SEED: readonly (readonly [string, string, string])[] = ${JSON.stringify(islandGroups)};
`,
);
console.error(
  `postal: ${cities.length} municipalities, ${sorted.length} rows (${businessRows} business), gzip ${gzip.length} bytes; islands: ${islandCount} codes`,
);
