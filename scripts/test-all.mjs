// `npm test`: every check and every test — lint, type check, unit + component + bridge tests,
// and the browser end-to-end tests — ending with one plain `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function step(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status === 0) { passed++; console.log(`✔ ${label}`); }
  else { failed++; console.log(`✘ ${label} (exit ${r.status})`); }
  return r.status === 0;
}

if (!step('system tools (chromium, tshark, nc)', process.execPath, ['scripts/ensure-tools.mjs'])) {
  console.log('Browser, pcap and bridge tests need these tools; continuing so the rest still reports.');
}
step('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']);
step('type check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('build the CLI', process.execPath, ['scripts/build-cli.mjs']);

mkdirSync('.tmp', { recursive: true });
const report = join('.tmp', 'vitest-report.json');
rmSync(report, { force: true });
console.log('\n▶ tests (vitest: unit, dom, bridge, e2e)');
const v = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
let tests = { passed: 0, failed: 0 };
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  tests = { passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) };
  if (v.status !== 0 && tests.failed === 0) tests.failed = 1; // a suite that failed to load
} catch {
  tests.failed = Math.max(1, tests.failed);
}
passed += tests.passed;
failed += tests.failed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
