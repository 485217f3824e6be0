#!/usr/bin/env node
// `socketlab-bridge` / `npx socketlab-bridge`: runs the bridge from dist-cli/bridge.mjs, plain JS
// bundled from src/bridge by scripts/build-bridge.mjs. In a checkout, a missing or stale bundle
// is rebuilt first (esbuild is a dev dependency), so the command always runs the current source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-cli', 'bridge.mjs');

function newest(dir) {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return m;
}

const sources = [join(root, 'src', 'bridge'), join(root, 'src', 'sim', 'net')].filter((d) => existsSync(d));
const stale = !existsSync(out) || sources.some((d) => newest(d) > statSync(out).mtimeMs);
if (stale) {
  try {
    const { buildBridge } = await import(pathToFileURL(join(root, 'scripts', 'build-bridge.mjs')).href);
    await buildBridge();
  } catch (e) {
    if (!existsSync(out)) {
      console.error(`socketlab-bridge: cannot build the bridge (${e.message}); run \`npm ci\` first.`);
      process.exit(1);
    }
  }
}
const { main } = await import(pathToFileURL(out).href);
process.exitCode = await main(process.argv.slice(2), join(root, 'dist'));
