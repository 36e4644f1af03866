#!/usr/bin/env node
// `npm run bench [-- --json] [-- --quick] [-- <package>…]`: builds, then runs every
// packages/<pkg>/bench/*.bench.mjs in its own Node process (so memory readings are per workload) and prints
// one table, or with --json one object keyed by package: `{ "core": { results: [...] } }`.
//
// Each bench script prints `{ package, results: [{ name, value, unit, goal?, pass?, size?, baseline?,
// ratio? }] }` as its last stdout line: `size` is the workload size in words ("100,000 rows"), `baseline`
// the raw baseline measured in the same run (in the unit of `value`) and `ratio` ours / baseline. The runner adds
// `peakRssMb`, the peak resident memory of the bench's process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const only = args.filter((arg) => !arg.startsWith('--'));
const rssProbe = fileURLToPath(new URL('./bench-rss.cjs', import.meta.url));

if (!args.includes('--no-build')) {
  const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const scratch = mkdtempSync(join(tmpdir(), 'hakobu-bench-'));
const byPackage = new Map();
let failures = 0;
for (const pkg of readdirSync('packages').sort()) {
  if (only.length > 0 && !only.includes(pkg)) continue;
  for (const file of benchFiles(pkg)) {
    process.stderr.write(`bench: ${pkg}/${file}\n`);
    const outcome = runBench(pkg, file);
    if (outcome === undefined) {
      failures += 1;
      continue;
    }
    const entry = byPackage.get(pkg) ?? { results: [] };
    entry.results.push(...outcome);
    byPackage.set(pkg, entry);
  }
}
rmSync(scratch, { recursive: true, force: true });

if (json) console.log(JSON.stringify(Object.fromEntries(byPackage)));
else printTable(byPackage);
process.exit(failures > 0 ? 1 : 0);

function benchFiles(pkg) {
  try {
    return readdirSync(join('packages', pkg, 'bench'))
      .filter((file) => file.endsWith('.bench.mjs'))
      .sort();
  } catch {
    return [];
  }
}

function runBench(pkg, file) {
  const rssFile = join(scratch, `${pkg}-${file}.rss`);
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      rssProbe,
      join('packages', pkg, 'bench', file),
      ...(quick ? ['--quick'] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, HAKOBU_BENCH_RSS_FILE: rssFile },
    },
  );
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  let parsed;
  try {
    parsed = JSON.parse(last);
  } catch {
    process.stderr.write(`bench: ${pkg}/${file} printed no JSON result (exit ${run.status})\n`);
    return undefined;
  }
  const peakRssMb = readPeakRss(rssFile);
  const workload = file.replace(/\.bench\.mjs$/, '');
  return parsed.results.map((result) => ({ workload, ...result, peakRssMb }));
}

function readPeakRss(file) {
  try {
    return Math.round(Number(readFileSync(file, 'utf8')) / 1024);
  } catch {
    return undefined;
  }
}

function printTable(packages) {
  const header = ['workload', 'size', 'hakobu', 'baseline', 'ratio', 'peak RSS', 'goal', ''];
  const rows = [];
  for (const [pkg, { results }] of packages) {
    for (const r of results) {
      rows.push([
        `${pkg}/${r.workload}: ${r.name}`,
        r.size ?? '',
        `${r.value} ${r.unit ?? ''}`.trim(),
        r.baseline === undefined ? '' : `${r.baseline} ${r.unit ?? ''}`.trim(),
        r.ratio === undefined ? '' : `${r.ratio}×`,
        r.peakRssMb === undefined ? '' : `${r.peakRssMb} MB`,
        r.goal === undefined ? '' : String(r.goal),
        r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
      ]);
    }
  }
  const widths = header.map((title, i) =>
    Math.max(width(title), ...rows.map((row) => width(String(row[i])))),
  );
  const line = (cells) => cells.map((cell, i) => pad(String(cell), widths[i])).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

// Terminal columns: CJK characters take two.
function width(text) {
  let columns = 0;
  for (const char of text)
    columns +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return columns;
}

function pad(text, columns) {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}
