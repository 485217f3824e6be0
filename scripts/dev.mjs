// `npm run dev`: the app (Vite) and the local bridge together. The bridge is optional: if it
// cannot start (port taken, tools missing), the app still runs and works on the simulator.
// Extra arguments after `--` go to the bridge, e.g. `npm run dev -- --allow 127.0.0.1:7`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

let vitePort = 5173;
while (!(await portFree(vitePort))) vitePort++;
const appUrl = `http://127.0.0.1:${vitePort}/`;

const children = new Set();
function run(cmd, args, label) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  children.add(child);
  child.on('error', (e) => console.error(`${label}: ${e.message}`));
  child.on('exit', () => children.delete(child));
  return child;
}

const vite = run(join(root, 'node_modules', '.bin', 'vite'), ['--host', '127.0.0.1', '--port', String(vitePort), '--strictPort'], 'vite');
const bridge = run(process.execPath, [join(root, 'bin', 'socketlab-bridge.js'), '--app-url', appUrl, ...process.argv.slice(2)], 'bridge');
bridge.on('exit', (code) => {
  if (code && !stopping) console.log(`\nThe bridge is not running (exit ${code}); the app works without it: ${appUrl}\n`);
});

let stopping = false;
function stop(signal) {
  stopping = true;
  for (const c of children) c.kill(signal);
  setTimeout(() => process.exit(0), 2500).unref();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
vite.on('exit', (code) => { stop('SIGTERM'); process.exitCode = code ?? 0; });
