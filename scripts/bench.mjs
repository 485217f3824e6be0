// `npm run bench`: every benchmark of the project, one after the other, printing figures.
// Benchmarks print; they do not assert (deterministic budgets are asserted in tests instead).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tsx = 'node_modules/.bin/tsx';
const benches = [
  ['Simulator', [tsx, 'bench/simBench.ts']],
  ['Capture import / pcap export', [tsx, 'bench/pcapImport.bench.ts', '20000']],
  ['Stage: seek in a 10,000+-record trace, viewAt alone', [tsx, 'bench/seek.ts']],
  ['Stage in Chromium: bundle, first interactive step, frame times, seek to painted frame', [process.execPath, 'bench/stage.mjs']],
  ['Bridge vs websockify', [process.execPath, 'bench/bridge.mjs']],
];

spawnSync(process.execPath, ['scripts/ensure-tools.mjs', '--bench'], { stdio: 'inherit' });

let failed = 0;
for (const [label, cmd] of benches) {
  const file = cmd.find((a) => a.startsWith('bench/'));
  if (!existsSync(file)) continue;
  console.log(`\n== ${label} (${cmd.slice(1).join(' ')})`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.log(`(exit ${r.status})`); }
}
process.exit(failed ? 1 : 0);
