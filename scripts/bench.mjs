#!/usr/bin/env node
// `npm run bench [-- --json] [-- --quick]`: builds, then runs every packages/<pkg>/bench/*.bench.mjs in its own
// Node process (so memory readings are per workload) and gathers their results per package.
// Each bench script prints one JSON object `{ package, results: [{ name, value, unit, goal, pass, ... }] }`
// as its last stdout line. With --json this prints one JSON object keyed by package: `{ "core": { results } }`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const only = args.filter((arg) => !arg.startsWith('--'));

if (!args.includes('--no-build')) {
  const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const byPackage = new Map();
let failures = 0;
for (const pkg of readdirSync('packages').sort()) {
  if (only.length > 0 && !only.includes(pkg)) continue;
  const dir = join('packages', pkg, 'bench');
  let files = [];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.bench.mjs'))
      .sort();
  } catch {
    continue;
  }
  for (const file of files) {
    process.stderr.write(`bench: ${pkg}/${file}\n`);
    const run = spawnSync(process.execPath, ['--expose-gc', join(dir, file), ...(quick ? ['--quick'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    let parsed;
    try {
      parsed = JSON.parse(last);
    } catch {
      failures += 1;
      process.stderr.write(`bench: ${pkg}/${file} printed no JSON result (exit ${run.status})\n`);
      continue;
    }
    const entry = byPackage.get(pkg) ?? { package: pkg, results: [] };
    entry.results.push(
      ...parsed.results.map((result) => ({ workload: file.replace(/\.bench\.mjs$/, ''), ...result })),
    );
    byPackage.set(pkg, entry);
  }
}

if (json)
  console.log(
    JSON.stringify(Object.fromEntries([...byPackage].map(([pkg, { results }]) => [pkg, { results }]))),
  );
for (const entry of json ? [] : byPackage.values()) {
  console.log(`\n${entry.package}`);
  for (const r of entry.results) {
    const goal = r.goal === undefined ? '' : `  goal ${r.goal}`;
    const verdict = r.pass === undefined ? '' : r.pass ? '  ok' : '  MISSED';
    console.log(`  ${r.name.padEnd(48)} ${String(r.value).padStart(10)} ${r.unit ?? ''}${goal}${verdict}`);
  }
}
process.exit(failures > 0 ? 1 : 0);
