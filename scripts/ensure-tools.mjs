// Makes sure the system tools the tests use are present: Chromium (browser tests), tshark (pcap
// checks), nc (real clients for the bridge), and gcc, python3 and javac (generated code compiles). On a Debian machine where we are root, missing
// ones are installed with apt; elsewhere we say exactly what to install and exit non-zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tools = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') || existsSync('/usr/lib/chromium/chromium') },
  { pkg: 'tshark', present: () => has('tshark') },
  { pkg: 'netcat-openbsd', present: () => has('nc') },
  // The code-panel tests compile the generated C, Python and Java programs for real.
  { pkg: 'gcc', present: () => has('gcc') },
  { pkg: 'python3', present: () => has('python3') },
  { pkg: 'openjdk-17-jdk-headless', present: () => has('javac') },
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// `--bench`: also what `npm run bench` compares against (websockify for the bridge figures).
if (process.argv.includes('--bench')) tools.push({ pkg: 'websockify', present: () => has('websockify') });

const missing = tools.filter((t) => !t.present()).map((t) => t.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(`Missing system packages for the tests: ${missing.join(', ')}.`);
  console.error(`Install them (Debian/Ubuntu): sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args, input) => execFileSync(args[0], args.slice(1), { stdio: input ? ['pipe', 'inherit', 'inherit'] : 'inherit', env, input });
if (missing.includes('tshark')) {
  run(['debconf-set-selections'], 'wireshark-common wireshark-common/install-setuid boolean false\n');
}
run(['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'update']);
run(['apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing]);
