// The thread and poll() code students read really works: a thread-per-connection server serves two
// clients at once, and an event-loop server polls a UDP socket, its listener and a connection, in
// all four languages, over loopback (server 127.0.0.2, clients 127.0.0.1, free ports).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode, LANGUAGES, type Lang } from '../../../src/codegen';
import { parseScenario, type Scenario } from '../../../src/scenarios/schema';
import { build, freePort, killStarted, start, waitForPort, type Outcome } from './realRun';

afterEach(killStarted);

function scenario(programs: unknown[]): Scenario {
  const r = parseScenario({
    format: 'socketlab-scenario/1', seed: 1,
    hosts: { client: { ip: '127.0.0.1' }, server: { ip: '127.0.0.2' } },
    programs,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

const client = (port: number, data: string, delay: number) => ({ host: 'client', steps: [
  { op: 'sleep', ms: delay },
  { op: 'socket', type: 'stream', as: 's' },
  { op: 'connect', sock: 's', to: 'server', port, expect: 'ok' },
  { op: 'send', sock: 's', data },
  { op: 'recv', sock: 's', max: 100, until: 'eof' },
  { op: 'close', sock: 's' },
] });

/** Two workers, each with its own connection; the first takes its time. */
const threaded = (port: number) => scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'setsockopt', sock: 'ls', name: 'SO_REUSEADDR', value: 1 },
    { op: 'bind', sock: 'ls', port, expect: 'ok' },
    { op: 'listen', sock: 'ls', backlog: 5, expect: 'ok' },
    { op: 'accept', sock: 'ls', as: 'c1', expect: 'ok' },
    { op: 'spawn', program: 1 },
    { op: 'accept', sock: 'ls', as: 'c2', expect: 'ok' },
    { op: 'spawn', program: 2 },
    { op: 'close', sock: 'ls' },
  ] },
  { host: 'server', start: 'spawn', steps: [
    { op: 'recv', sock: 'c1', max: 100 }, { op: 'sleep', ms: 300 }, { op: 'send', sock: 'c1', data: 'reply-one' }, { op: 'close', sock: 'c1' }] },
  { host: 'server', start: 'spawn', steps: [
    { op: 'recv', sock: 'c2', max: 100 }, { op: 'send', sock: 'c2', data: 'reply-two' }, { op: 'close', sock: 'c2' }] },
  client(port, 'first', 0),
  client(port, 'second', 100),
]);

const eventLoop = (port: number, udpPort: number) => scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'setsockopt', sock: 'ls', name: 'SO_REUSEADDR', value: 1 },
    { op: 'setsockopt', sock: 'ls', name: 'O_NONBLOCK', value: 1 },
    { op: 'bind', sock: 'ls', port, expect: 'ok' },
    { op: 'listen', sock: 'ls', backlog: 5, expect: 'ok' },
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'bind', sock: 'u', port: udpPort, expect: 'ok' },
    { op: 'poll', socks: ['ls', 'u'], timeout: 10000 },
    { op: 'recvfrom', sock: 'u', max: 100 },
    { op: 'poll', socks: ['ls', 'u'], timeout: 10000 },
    { op: 'accept', sock: 'ls', as: 'c', expect: 'ok' },
    { op: 'setsockopt', sock: 'c', name: 'O_NONBLOCK', value: 1 },
    { op: 'poll', socks: ['c'], timeout: 10000 },
    { op: 'recv', sock: 'c', max: 100 },
    { op: 'send', sock: 'c', data: 'polled-reply' },
    { op: 'poll', socks: ['c'], timeout: 10000 },
    { op: 'close', sock: 'c' },
    { op: 'close', sock: 'ls' },
    { op: 'close', sock: 'u' },
  ] },
  { host: 'client', steps: [
    { op: 'socket', type: 'dgram', as: 'd' },
    { op: 'sendto', sock: 'd', to: 'server', port: udpPort, data: 'udp-hello' },
    { op: 'sleep', ms: 300 },
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'connect', sock: 's', to: 'server', port, expect: 'ok' },
    { op: 'sleep', ms: 300 },
    { op: 'send', sock: 's', data: 'tcp-hello' },
    { op: 'shutdown', sock: 's', how: 'wr' },
    { op: 'recv', sock: 's', max: 100, until: 'eof' },
    { op: 'close', sock: 's' },
    { op: 'close', sock: 'd' },
  ] },
]);

/** Build every distinct file of the scenario, start the server's, wait for its ports, then the others. */
async function runAll(s: Scenario, lang: Lang, ports: ['tcp' | 'udp', number][]): Promise<{ server: Outcome; clients: Outcome[] }> {
  const dir = await mkdtemp(join(tmpdir(), `socketlab-threads-${lang}-`));
  try {
    const roots = s.programs.map((p, i) => (p.start === 'spawn' ? -1 : i)).filter((i) => i >= 0);
    const cmds = await Promise.all(roots.map((pi) => build(generateCode(s, pi, lang), dir)));
    const server = start(...cmds[0], dir);
    for (const [proto, port] of ports) await waitForPort(proto, port, server.proc);
    const clients = cmds.slice(1).map((c) => start(...c, dir));
    const all = [server, ...clients];
    const timer = setTimeout(() => { for (const p of all) p.proc.kill('SIGKILL'); }, 30_000);
    const [srv, ...rest] = await Promise.all(all.map((p) => p.done));
    clearTimeout(timer);
    return { server: srv, clients: rest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('generated threads and poll() run over real sockets', () => {
  for (const { id: lang } of LANGUAGES) {
    it(`${lang}: a thread per connection serves two clients at once`, async () => {
      const port = await freePort('tcp');
      const { server, clients } = await runAll(threaded(port), lang, [['tcp', port]]);
      expect(server.err + clients.map((c) => c.err).join('')).toBe('');
      expect([server.code, ...clients.map((c) => c.code)]).toEqual([0, 0, 0]);
      expect(server.out).toMatch(/first/);
      expect(server.out).toMatch(/second/);
      // Which client the OS accepts first depends on process start-up: each gets one of the replies.
      const replies = clients.map((c) => /reply-(one|two)/.exec(c.out)?.[1]).sort();
      expect(replies).toEqual(['one', 'two']);
    }, 60_000);

    it(`${lang}: an event loop polls a UDP socket, a listener and a connection`, async () => {
      const port = await freePort('tcp');
      const udpPort = await freePort('udp');
      const { server, clients } = await runAll(eventLoop(port, udpPort), lang, [['tcp', port], ['udp', udpPort]]);
      expect(server.err + clients[0].err).toBe('');
      expect([server.code, clients[0].code]).toEqual([0, 0]);
      expect(server.out).toContain('udp-hello');
      expect(server.out).toContain('tcp-hello');
      // Every poll() found something ready before its timeout.
      expect(server.out).not.toMatch(/ready:? (0\b|\[\])/);
      expect(clients[0].out).toContain('polled-reply');
    }, 60_000);
  }
});
