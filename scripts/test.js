#!/usr/bin/env node
// Runs the whole suite with vitest and ends with the line CI reads: "N passed, N failed".
// With REQUIRE_POSTGRES=1 it fails when no test ran on PostgreSQL (a silently skipped suite).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Static checks count as tests: a type error or a lint finding fails the run like a broken test.
const checks = [
  ['type check', 'typecheck'],
  ['lint', 'lint'],
].map(([name, script]) => {
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (r.status !== 0) console.error(`${name} failed`);
  return r.status === 0;
});

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-test-')), 'report.json');
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let results;
try {
  results = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch {
  console.error(`The test runner produced no report (exit ${vitest.status}).`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const tests = results.testResults.flatMap((file) => file.assertionResults);
const passed = tests.filter((t) => t.status === 'passed').length;
// Files that failed to load count as failures too.
const brokenFiles = results.testResults.filter(
  (f) => f.status === 'failed' && f.assertionResults.length === 0,
).length;
const testFailures = tests.filter((t) => t.status === 'failed').length;
let failed = testFailures + brokenFiles + checks.filter((ok) => !ok).length;
const skipped = tests.length - passed - testFailures;

const onPostgres = tests.filter((t) => t.status === 'passed' && t.fullName.includes('[postgres]')).length;
if (process.env.REQUIRE_POSTGRES === '1' && onPostgres === 0) {
  console.error('REQUIRE_POSTGRES=1 but no test ran on PostgreSQL: is TEST_DATABASE_URL set?');
  failed += 1;
}
console.error(`(${onPostgres} tests ran on PostgreSQL)`);
if (skipped) console.error(`(${skipped} tests skipped)`);
// CI reads this line alone: nothing else on it.
console.log(`${passed + checks.filter(Boolean).length} passed, ${failed} failed`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);
