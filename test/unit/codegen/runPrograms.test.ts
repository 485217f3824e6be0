// Proof that the code students read really works: generated server and client programs are run on
// the loopback interface (the "server" host is 127.0.0.2, the "client" 127.0.0.1, on free ports)
// and must exchange the scenario's data — TCP with a half-close and read-until-EOF loops, and UDP.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode, LANGUAGES, type Lang } from '../../../src/codegen';
import { parseScenario, type Scenario } from '../../../src/scenarios/schema';
import { DataSource } from '../../../src/sim/api/dataSource';
import { build, freePort, killStarted, start, waitForPort, type Outcome } from './realRun';
import { run } from './toolchain';

function scenario(programs: unknown[]): Scenario {
  const r = parseScenario({
    format: 'socketlab-scenario/1', seed: 1,
    hosts: { client: { ip: '127.0.0.1' }, server: { ip: '127.0.0.2' } },
    programs,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** Server reads the whole request (until the client's FIN), answers, closes; the client half-closes. */
const tcpScenario = (port: number) => scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'setsockopt', sock: 'ls', name: 'SO_REUSEADDR', value: 1 },
    { op: 'bind', sock: 'ls', port, expect: 'ok' },
    { op: 'listen', sock: 'ls', backlog: 5, expect: 'ok' },
    { op: 'accept', sock: 'ls', as: 'c', expect: 'ok' },
    { op: 'recv', sock: 'c', max: 4, until: 'eof' },
    { op: 'send', sock: 'c', data: 'hello, 世界 "quoted" \\ back' },
    { op: 'close', sock: 'c' },
    { op: 'close', sock: 'ls' },
  ] },
  { host: 'client', steps: [
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'setsockopt', sock: 's', name: 'TCP_NODELAY', value: true },
    { op: 'connect', sock: 's', to: 'server', port, expect: 'ok' },
    { op: 'send', sock: 's', data: 'ping-pong' },
    { op: 'send', sock: 's', data: { bytes: 40 } },
    { op: 'shutdown', sock: 's', how: 'wr' },
    { op: 'recv', sock: 's', max: 1024, until: 'eof' },
    { op: 'close', sock: 's' },
  ] },
]);

const udpScenario = (port: number, clientPort: number) => scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'bind', sock: 'u', port, expect: 'ok' },
    { op: 'recvfrom', sock: 'u', max: 512 },
    { op: 'sendto', sock: 'u', to: 'client', port: clientPort, data: 'pong' },
    { op: 'close', sock: 'u' },
  ] },
  { host: 'client', steps: [
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'bind', sock: 'u', port: clientPort, expect: 'ok' },
    { op: 'sendto', sock: 'u', to: 'server', port, data: 'ping' },
    { op: 'recvfrom', sock: 'u', max: 512 },
    { op: 'close', sock: 'u' },
  ] },
]);

afterEach(killStarted);

/** Write and build both programs; return how to run each. */
async function prepare(s: Scenario, lang: Lang, dir: string): Promise<[string, string[]][]> {
  return Promise.all([0, 1].map((pi) => build(generateCode(s, pi, lang), dir)));
}

async function exchange(s: Scenario, lang: Lang, proto: 'tcp' | 'udp', port: number): Promise<[Outcome, Outcome]> {
  const dir = await mkdtemp(join(tmpdir(), `socketlab-run-${lang}-`));
  try {
    const [[sCmd, sArgs], [cCmd, cArgs]] = await prepare(s, lang, dir);
    const server = start(sCmd, sArgs, dir);
    await waitForPort(proto, port, server.proc);
    const client = start(cCmd, cArgs, dir);
    const timer = setTimeout(() => { for (const p of [server.proc, client.proc]) p.kill('SIGKILL'); }, 30_000);
    const results = await Promise.all([server.done, client.done]);
    clearTimeout(timer);
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A client whose connect() is refused (nothing listens) and that goes on to close the socket. */
const refusedScenario = (port: number) => scenario([
  { host: 'client', steps: [
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'connect', sock: 's', to: '127.0.0.2', port },
    { op: 'close', sock: 's' },
  ] },
]);

describe('a refused connect() is reported and the program goes on, as in the simulator', () => {
  for (const { id: lang } of LANGUAGES) {
    it(`${lang}`, async () => {
      const port = await freePort('tcp');
      const dir = await mkdtemp(join(tmpdir(), `socketlab-refused-${lang}-`));
      try {
        const g = generateCode(refusedScenario(port), 0, lang, { failing: [1] });
        const file = join(dir, g.fileName);
        await writeFile(file, g.text, 'utf8');
        const r = lang === 'c' ? await run('sh', ['-c', `gcc -Wall -o ${dir}/client ${file} && ${dir}/client`])
          : lang === 'java' ? await run('sh', ['-c', `javac -encoding UTF-8 -d ${dir} ${file} && java -cp ${dir} Client`])
            : await run(lang === 'python' ? 'python3' : 'node', [file]);
        expect(r.code).toBe(0);
        expect(r.stdout + r.stderr).toMatch(/connect(: | failed:).*(refused|ECONNREFUSED)/i);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});

describe('generated programs talk to each other over real sockets', () => {
  for (const { id: lang } of LANGUAGES) {
    it(`${lang}: TCP request, half-close, reply read until EOF`, async () => {
      const port = await freePort('tcp');
      const [server, client] = await exchange(tcpScenario(port), lang, 'tcp', port);
      expect(server.err + client.err).toBe('');
      expect([server.code, client.code]).toEqual([0, 0]);
      // The server read the request in pieces of at most 4 bytes; together they are the request,
      // whose filler part is the bytes the simulator would send.
      const pieces = [...server.out.matchAll(/(?:received[^:]*: )(?:b')?(.{1,4}?)'?$/gm)].map((m) => m[1]).join('');
      const filler = Buffer.from(new DataSource({ bytes: 40 }).slice(0, 40)).toString('latin1');
      expect(pieces).toBe(`ping-pong${filler}`);
      const reply = lang === 'python' ? 'hello, \\xe4\\xb8\\x96\\xe7\\x95\\x8c "quoted" \\\\ back' : 'hello, 世界 "quoted" \\ back';
      expect(client.out).toContain(reply);
    }, 60_000);

    it(`${lang}: UDP datagram and reply`, async () => {
      const port = await freePort('udp');
      const clientPort = await freePort('udp');
      const [server, client] = await exchange(udpScenario(port, clientPort), lang, 'udp', port);
      expect(server.err + client.err).toBe('');
      expect([server.code, client.code]).toEqual([0, 0]);
      expect(server.out).toMatch(/ping.*127\.0\.0\.1.*|127\.0\.0\.1.*ping/);
      expect(client.out).toContain('pong');
    }, 60_000);
  }
});
