// `npm run sim -- <scenario.json> [--pcap out.pcap] [--until ms]`
// Runs the prebuilt plain-JS CLI; rebuilds it first only when a source file is newer.
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = 'dist-cli/sim.mjs';
function newest(dir) {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return m;
}
const stale = !existsSync(out) || ['src/sim', 'src/scenarios', 'src/cli'].some((d) => existsSync(d) && newest(d) > statSync(out).mtimeMs);
if (stale) {
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
const { main } = await import(`../${out}`);
process.exitCode = await main(process.argv.slice(2));
