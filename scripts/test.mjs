#!/usr/bin/env node
// The README's test command: every check CI runs, in order, then one plain summary line
// `N passed, N failed` (unit tests counted one by one, every other check counted as one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest/report.json';
const steps = [
  ['build', 'npx', ['turbo', 'run', 'build']],
  ['typecheck', 'npx', ['turbo', 'run', 'typecheck']],
  ['lint', 'npx', ['biome', 'ci', '.']],
  [
    'unit tests',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  ],
  ['api docs', 'npx', ['typedoc']],
  ['package checks (publint, attw)', 'npx', ['turbo', 'run', 'check:package']],
];

rmSync(report, { force: true });
mkdirSync('.vitest', { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const stepOk = run.status === 0;
  if (name === 'unit tests') {
    const counts = readVitestCounts();
    passed += counts.passed;
    failed += counts.failed;
    if (!stepOk && counts.failed === 0) {
      failed += 1;
      failures.push(`${name} (exit ${run.status})`);
    } else if (counts.failed > 0) failures.push(`${name}: ${counts.failed} failed`);
  } else if (stepOk) passed += 1;
  else {
    failed += 1;
    failures.push(`${name} (exit ${run.status})`);
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function readVitestCounts() {
  if (!existsSync(report)) return { passed: 0, failed: 0 };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  // A test file that fails to load has no failed test in it but a failed suite: count it too.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  return { passed: json.numPassedTests ?? 0, failed: (json.numFailedTests ?? 0) + brokenFiles };
}
