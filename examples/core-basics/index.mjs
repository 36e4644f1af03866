// hakobu core in one page. Run from the repository root: `npm run example`.
// Every step prints what it did and every issue it raised; nothing is lost silently.
import {
  encodeCp932,
  formatYen,
  nextShipDate,
  normalizeName,
  normalizePhone,
  normalizePostalCode,
  readCsv,
  summarizeTax,
  toHalfwidthKatakana,
  writeCsv,
} from '@hakobu/core';

const section = (title) => console.log(`\n■ ${title}`);
const printIssues = (issues) => {
  for (const issue of issues) {
    const where = issue.line === undefined ? '' : `${issue.line}行目 `;
    console.log(`  [${issue.severity}] ${where}${issue.code}: ${issue.message}`);
  }
};

// A mall order file as shops receive it: CP932, CRLF, a full-width postal code, a 髙 (IBM extension),
// a wave dash, and one broken row (a missing field) that must be reported, not dropped.
const orderCsv = [
  '受注番号,注文日時,お届け先名,電話番号,郵便番号,商品名,税率,金額',
  '1001,2026-11-27T13:30:00+09:00,髙橋 花子,０９０ー１２３４ー５６７８,１５０－０００１,ミネラルウォーター 2L×6本,10,1980',
  '1001,2026-11-27T13:30:00+09:00,髙橋 花子,０９０ー１２３４ー５６７８,１５０－０００１,有機 緑茶〜煎茶〜,8,1296',
  '1002,2026-11-27T15:05:00+09:00,たかはし はなこ,+81 90-1234-5678,150-0001,ギフト券',
  '1003,2026-11-28T09:10:00+09:00,渡邊 一郎,03(1234)5678 内線12,100-0005,冷凍 餃子 50個,8,2700',
].join('\r\n');
const encoded = encodeCp932(`${orderCsv}\r\n`);
if (!encoded.ok) throw new Error('the sample must be CP932-encodable');

section('1. Read a CP932 order CSV (CSV取込)');
const read = readCsv(encoded.value.bytes, {
  columns: [
    { key: 'orderNumber', header: ['受注番号', '注文番号'], required: true },
    { key: 'orderedAt', header: '注文日時', required: true },
    { key: 'name', header: ['お届け先名', '送付先氏名'] },
    { key: 'phone', header: '電話番号' },
    { key: 'postalCode', header: '郵便番号' },
    { key: 'item', header: '商品名' },
    { key: 'rate', header: '税率' },
    { key: 'amount', header: '金額' },
  ],
});
const { rows, records, rejected } = read.counts;
console.log(`  encoding ${read.encoding}: ${rows} rows = ${records} records + ${rejected} rejected`);
for (const row of read.rejected) printIssues(row.issues);

section('2. Match keys for 同梱 and blacklist screening (never written to a file)');
for (const { line, values } of read.records) {
  const postal = normalizePostalCode(values.postalCode);
  console.log(
    `  ${line}行目 ${values.name} → name ${normalizeName(values.name)}, phone ${normalizePhone(values.phone)}, ` +
      `〒 ${postal.ok ? postal.value : '(invalid)'}`,
  );
}

section('3. Per-rate consumption tax, rounded once per rate (インボイス制度)');
const order1001 = read.records.filter((record) => record.values.orderNumber === '1001');
const tax = summarizeTax(
  order1001.map(({ values }) => ({ amount: Number(values.amount), rate: Number(values.rate) })),
  { pricing: 'included', rounding: 'floor' },
);
for (const part of tax.byRate) {
  console.log(`  ${part.rate}%対象 ${formatYen(part.total)} (内消費税 ${formatYen(part.tax)})`);
}
console.log(`  合計 ${formatYen(tax.total)}`);

section('4. Planned ship dates from the business calendar (cut-off 14:00 JST, 年末年始 closed)');
const calendar = {
  name: '本店出荷',
  yearlyClosedPeriods: [{ from: '12-29', to: '01-03', name: '年末年始' }],
};
for (const { values } of read.records) {
  const shipDate = nextShipDate(calendar, values.orderedAt, { cutoff: '14:00' });
  console.log(
    `  ${values.orderNumber} ordered ${values.orderedAt} → ships ${shipDate.ok ? shipDate.value : '?'}`,
  );
}

section('5. Write a CP932 label-style CSV; every character CP932 cannot hold is reported');
const labels = [
  ...read.records.map(({ values }) => ({
    slip: `${values.orderNumber}-1`,
    name: values.name,
    item: values.item,
  })),
  { slip: '1004-1', name: '𠮷田 太郎', item: 'ケーキ🎂' },
];
const written = writeCsv(labels, {
  columns: [
    { key: 'slip', header: '伝票番号' },
    { key: 'name', header: 'お届け先名' },
    { key: 'item', header: '品名' },
  ],
  formulaGuard: false,
});
if (written.ok) {
  console.log(`  ${written.value.bytes.length} bytes of CP932:`);
  for (const line of written.value.text.trimEnd().split('\r\n')) console.log(`    ${line}`);
}
printIssues(written.issues);

section('6. Half-width katakana for label fields that require it');
const kana = toHalfwidthKatakana('タカハシ ハナコ');
console.log(`  ${kana.text} (unconverted: ${kana.unconverted.length})`);
