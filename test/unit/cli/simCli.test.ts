// The headless CLI exactly as shared/spec/scenario-and-trace.md specifies it, run as a user runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../../scripts/build-cli.mjs';

let dir: string;
const echo = readFileSync('src/scenarios/builtin/echo.json', 'utf8');

function sim(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/sim.mjs', ...args], { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'socketlab-cli-'));
  await buildCli();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run sim', () => {
  it('prints the trace as JSON Lines, one record per line, in time order', () => {
    const f = join(dir, 'echo.json');
    writeFileSync(f, echo);
    const r = sim(f);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const recs = lines.map((l) => JSON.parse(l));
    expect(recs.length).toBeGreaterThan(50);
    for (let i = 1; i < recs.length; i++) expect(recs[i].t).toBeGreaterThanOrEqual(recs[i - 1].t);
    expect(recs.filter((x) => x.type === 'segment' && x.event === 'send').length).toBe(11);
    const call = recs.find((x) => x.type === 'call' && x.op === 'connect');
    expect(call).toMatchObject({ host: 'client', args: { sock: 'sock', to: 'server', port: 7 } });
    expect(recs.find((x) => x.type === 'return' && x.id === call.id)).toMatchObject({ result: 0 });
  });

  it('an invalid scenario exits with status 2 and one line naming the JSON path; nothing on stdout', () => {
    const bad = JSON.parse(echo);
    bad.programs[0].steps[1].port = 70000;
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify(bad));
    const r = sim(f);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('programs[0].steps[1].port');
    expect(lines[0]).toMatch(/expected a port from 0 to 65535/);
  });

  it('unknown keys, wrong types and broken JSON are all status 2 with the path', () => {
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ ...JSON.parse(echo), netwrk: {} }), /netwrk/],
      [JSON.stringify({ ...JSON.parse(echo), seed: 'one' }), /seed: expected/],
      [echo.slice(0, 40), /expected valid JSON/],
      [JSON.stringify({ ...JSON.parse(echo), programs: [{ host: 'nobody', steps: [] }] }), /programs\[0\]\.host/],
    ];
    for (const [text, re] of cases) {
      const f = join(dir, 'case.json');
      writeFileSync(f, text);
      const r = sim(f);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(re);
    }
  });

  it('--until stops the run at that virtual time', () => {
    const f = join(dir, 'echo.json');
    const r = sim(f, '--until', '30');
    expect(r.status).toBe(0);
    const recs = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(Math.max(...recs.map((x) => x.t))).toBeLessThanOrEqual(30);
    expect(recs.some((x) => x.type === 'state' && x.to === 'TIME_WAIT')).toBe(false);
  });

  it('--pcap writes the packets so that tshark reads them with good checksums and no warnings', () => {
    const f = join(dir, 'echo.json');
    const pcap = join(dir, 'echo.pcap');
    const r = sim(f, '--pcap', pcap);
    expect(r.status).toBe(0);
    expect(existsSync(pcap)).toBe(true);
    const t = spawnSync('tshark', ['-r', pcap, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE',
      '-T', 'fields', '-e', 'tcp.flags.str', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.len', '-e', 'tcp.checksum.status', '-e', 'ip.checksum.status'], { encoding: 'utf8' });
    expect(t.status).toBe(0);
    expect(t.stderr.replace(/^Running as user "root".*\n/m, '')).toBe('');
    const rows = t.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    const sends = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)).filter((x) => x.type === 'segment' && x.event === 'send');
    expect(rows).toHaveLength(sends.length);
    rows.forEach((row, i) => {
      expect(Number(row[1])).toBe(sends[i].rseq); // tshark's relative sequence numbers match ours
      expect(Number(row[3])).toBe(sends[i].len);
      expect(row[4]).toBe('1'); // Wireshark's checksum status: 0 bad, 1 good, 2 unverified
      expect(row[5]).toBe('1');
    });
  });

  it('a missing file or bad option is a usage error (status 2)', () => {
    expect(sim(join(dir, 'nope.json')).status).toBe(2);
    expect(sim().status).toBe(2);
    expect(sim(join(dir, 'echo.json'), '--bogus').status).toBe(2);
  });
});
