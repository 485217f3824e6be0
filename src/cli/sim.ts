// `npm run sim -- <scenario.json> [--pcap <out.pcap>] [--until <ms>]`
// Prints the trace as JSON Lines on stdout; an invalid scenario exits with status 2 and one line
// on stderr naming the JSON path and what was expected (nothing on stdout).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseScenarioText } from '../scenarios/schema';
import { simulate } from '../sim/createSimulation';
import { pcapFramesFromTrace, writePcap } from '../sim/pcap';

const USAGE = 'usage: npm run sim -- <scenario.json> [--pcap <out.pcap>] [--until <ms>]';

interface Args { file: string; pcap?: string; until?: number }

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let pcap: string | undefined;
  let until: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--pcap') { pcap = argv[++i]; if (!pcap) return '--pcap needs a file name'; }
    else if (a === '--until') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) return '--until needs a number of milliseconds (0 or more)';
      until = v;
    } else if (a === '-h' || a === '--help') return USAGE;
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument ${a}`;
  }
  if (!file) return 'no scenario file given';
  return { file, pcap, until };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args === USAGE ? args : `${args}\n${USAGE}`}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    process.stderr.write(`${args.file}: ${parsed.error.message}\n`);
    return 2;
  }
  // Stream JSON Lines in large writes: one write per record would dominate the run time.
  let buf = '';
  const out = process.stdout;
  const flush = () => { if (buf) { out.write(buf); buf = ''; } };
  const result = simulate(parsed.scenario, {
    until: args.until,
    onRecord: (r) => {
      buf += JSON.stringify(r) + '\n';
      if (buf.length > 1 << 16) flush();
    },
  });
  flush();
  if (args.pcap) {
    try {
      writeFileSync(args.pcap, writePcap(pcapFramesFromTrace(result.trace, result.packets)));
    } catch (e) {
      process.stderr.write(`cannot write ${args.pcap}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
  }
  await new Promise<void>((resolve) => (out.writableNeedDrain ? out.once('drain', resolve) : resolve()));
  return 0;
}
