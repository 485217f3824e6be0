// Integration with real sockets on loopback, through the browser client API: a real echo server,
// real clients (nc, Python, Node) connecting to a listener the page opened, half-close and RST,
// kernel states from /proc/net/tcp, and UDP. Assertions are on the trace records the views use.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BridgeClient, BridgeError } from '../../src/bridge/client';
import { createLogger } from '../../src/bridge/log';
import { startBridge, type BridgeHandle } from '../../src/bridge/server';
import type { ReturnRecord, StateRecord } from '../../src/sim/trace/records';
import { ORIGIN, echoServer, until, type Echo } from './helpers';

let bridge: BridgeHandle;
let echo: Echo;
let held: Echo;
const clients: BridgeClient[] = [];

beforeAll(async () => {
  echo = await echoServer();
  held = await echoServer({ holdFin: true });
  bridge = await startBridge({
    port: 0, origins: [ORIGIN], allow: [`127.0.0.1:${echo.port}`, `127.0.0.1:${held.port}`],
    log: createLogger({ quiet: true, write: () => {} }), kernelPollMs: 10,
  });
});
afterEach(() => {
  for (const c of clients.splice(0)) {
    // Every message the bridge sent passed the shared schema.
    expect(c.invalid).toBe(0);
    c.disconnect();
  }
});
afterAll(async () => {
  await bridge.close();
  await Promise.all([echo.close(), held.close()]);
});

async function page(): Promise<BridgeClient> {
  const c = await BridgeClient.connect({
    url: bridge.wsUrl, secret: bridge.secret,
    createSocket: (url, protocols) => new WebSocket(url, protocols, { origin: ORIGIN }) as never,
  });
  clients.push(c);
  return c;
}

const recvTexts = (c: BridgeClient, fd: number) => c.trace
  .filter((r): r is ReturnRecord => r.type === 'return' && r.op === 'recv' && typeof r.result === 'object')
  .filter((r) => c.trace.some((x) => x.type === 'call' && x.id === r.id && x.fd === fd))
  .map((r) => (r.result as { data: string }).data).join('');

const states = (c: BridgeClient, host = 'local') => c.trace.filter((r): r is StateRecord => r.type === 'state' && r.host === host);
const reached = (c: BridgeClient, to: string, host = 'local') => states(c, host).some((s) => s.to === to);

describe('connect to a real server', () => {
  it('echoes bytes and records call/block/return and the kernel state ESTABLISHED', async () => {
    const c = await page();
    const fd = await c.socket('stream');
    await c.connect(fd, '127.0.0.1', echo.port);
    expect(await c.send(fd, 'hello, 世界')).toBe(13);
    await until(() => recvTexts(c, fd) === 'hello, 世界');
    await until(() => reached(c, 'ESTABLISHED'));
    const ops = c.trace.filter((r) => r.type === 'call').map((r) => (r as { op: string }).op);
    expect(ops.slice(0, 3)).toEqual(['socket', 'connect', 'send']);
    const block = c.trace.find((r) => r.type === 'block');
    expect(block).toMatchObject({ op: 'connect', waitingFor: 'handshake' });
    const ret = c.trace.find((r) => r.type === 'return' && r.op === 'socket') as ReturnRecord;
    expect(ret.result).toBe(fd);
    // Time only moves forward along the trace.
    expect(c.trace.every((r, i) => i === 0 || c.trace[i - 1].t <= r.t)).toBe(true);
  });

  it('half-close: shutdown(SHUT_WR) → local FIN_WAIT_2 and peer CLOSE_WAIT, peer close → TIME_WAIT', async () => {
    const c = await page();
    const fd = await c.socket('stream');
    const { local } = await c.connect(fd, '127.0.0.1', held.port);
    await c.send(fd, 'ping');
    await until(() => recvTexts(c, fd) === 'ping');
    await c.shutdown(fd, 'wr');
    await until(() => reached(c, 'FIN_WAIT_2') && reached(c, 'CLOSE_WAIT', `127.0.0.1:${held.port}`));
    // The other direction still works after our FIN (RFC 9293 §3.6: a half-closed connection).
    const peer = [...held.sockets].find((s) => s.remotePort === Number(local.split(':')[1]))!;
    peer.write('still open');
    await until(() => recvTexts(c, fd) === 'pingstill open');
    peer.end();
    await until(() => reached(c, 'TIME_WAIT'));
    const eof = c.trace.find((r) => r.type === 'return' && r.op === 'recv' && (r.result as { bytes: number }).bytes === 0);
    expect(eof).toBeDefined();
    await c.close(fd);
  });

  it('abort sends RST: the peer sees ECONNRESET and our side skips TIME_WAIT', async () => {
    const c = await page();
    const fd = await c.socket('stream');
    await c.connect(fd, '127.0.0.1', held.port);
    await until(() => reached(c, 'ESTABLISHED'));
    const resetsBefore = held.events.filter((e) => e === 'error:ECONNRESET').length;
    await c.abort(fd);
    await until(() => held.events.filter((e) => e === 'error:ECONNRESET').length > resetsBefore);
    await until(() => states(c).some((s) => s.from === 'ESTABLISHED' && s.to === 'CLOSED'));
    expect(reached(c, 'TIME_WAIT')).toBe(false);
    const calls = c.trace.filter((r) => r.type === 'call').map((r) => (r as { op: string; args: Record<string, unknown> }));
    expect(calls.at(-2)).toMatchObject({ op: 'setsockopt', args: { name: 'SO_LINGER', value: 0 } });
    expect(calls.at(-1)).toMatchObject({ op: 'close' });
    await expect(c.send(fd, 'x')).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('a peer\'s RST reaches the page as ECONNRESET on recv', async () => {
    const c = await page();
    const fd = await c.socket('stream');
    const { local } = await c.connect(fd, '127.0.0.1', held.port);
    await until(() => [...held.sockets].some((s) => s.remotePort === Number(local.split(':')[1])));
    [...held.sockets].find((s) => s.remotePort === Number(local.split(':')[1]))!.resetAndDestroy();
    await until(() => c.trace.some((r) => r.type === 'return' && r.error === 'ECONNRESET'));
  });

  it('rejects a denied target with a BridgeError carrying errno and syscall', async () => {
    const c = await page();
    const fd = await c.socket('stream');
    const err = await c.connect(fd, '127.0.0.1', 9).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect(err).toMatchObject({ code: 'EACCES', syscall: 'connect' });
    expect(c.trace.at(-1)).toMatchObject({ type: 'return', op: 'connect', error: 'EACCES' });
  });
});

describe('real clients connect to a listener the page opened', () => {
  async function listening(c: BridgeClient) {
    const ls = await c.socket('stream');
    const { local } = await c.listen(ls, 5);
    return { ls, port: Number(local.split(':')[1]) };
  }

  it('nc (netcat) exchanges bytes with the page, both ways', async () => {
    expect(spawnSync('sh', ['-c', 'command -v nc']).status, 'nc is missing: run `node scripts/ensure-tools.mjs`').toBe(0);
    const c = await page();
    const { ls, port } = await listening(c);
    const accepted = c.accept(ls);
    const nc = spawn('nc', ['127.0.0.1', String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let ncOut = '';
    nc.stdout.on('data', (d) => { ncOut += d; });
    nc.stdin.write('hi from nc\n');
    const { sock, remote } = await accepted;
    expect(remote).toMatch(/^127\.0\.0\.1:\d+$/);
    await until(() => recvTexts(c, sock) === 'hi from nc\n');
    await c.send(sock, 'hello nc\n');
    await until(() => ncOut === 'hello nc\n');
    await until(() => reached(c, 'ESTABLISHED') && reached(c, 'ESTABLISHED', remote));
    expect(c.trace.some((r) => r.type === 'block' && r.op === 'accept' && r.waitingFor === 'connection')).toBe(true);
    await c.close(sock);
    nc.kill();
  });

  it('a Python client sends, half-closes, and reads the page\'s reply until EOF', async () => {
    const c = await page();
    const { ls, port } = await listening(c);
    const py = spawn('python3', ['-c', [
      'import socket, sys',
      `s = socket.create_connection(("127.0.0.1", ${port}))`,
      's.sendall(b"from python")',
      's.shutdown(socket.SHUT_WR)',
      'data = b""',
      'while True:',
      '    chunk = s.recv(4096)',
      '    if not chunk: break',
      '    data += chunk',
      'sys.stdout.write(data.decode())',
    ].join('\n')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    py.stdout.on('data', (d) => { out += d; });
    const exited = new Promise<number | null>((r) => py.on('exit', r));
    const { sock } = await c.accept(ls);
    await until(() => c.trace.some((r) => r.type === 'return' && r.op === 'recv' && (r.result as { bytes: number }).bytes === 0));
    expect(recvTexts(c, sock)).toBe('from python');
    await c.send(sock, 'reply: from python');
    await c.shutdown(sock, 'wr');
    expect(await exited).toBe(0);
    expect(out).toBe('reply: from python');
  });

  it('manual read mode leaves bytes in the kernel until recv, and recv returns 0 at EOF', async () => {
    const c = await page();
    const { ls, port } = await listening(c);
    const { createConnection } = await import('node:net');
    const peer = createConnection(port, '127.0.0.1');
    peer.on('error', () => {});
    peer.end('abcdef');
    const { sock } = await c.accept(ls, 'manual');
    const got: string[] = [];
    for (;;) {
      const bytes = await c.recv(sock, 4);
      if (bytes.length === 0) break;
      got.push(Buffer.from(bytes).toString());
    }
    expect(got.join('')).toBe('abcdef');
    expect(got[0].length).toBeLessThanOrEqual(4);
  });
});

describe('UDP', () => {
  it('receives a datagram from a real client and may answer that client', async () => {
    const c = await page();
    const fd = await c.socket('dgram');
    const local = await c.bind(fd, 0, '127.0.0.1');
    const port = Number(local!.split(':')[1]);
    const peer = createSocket('udp4');
    await new Promise<void>((r) => peer.bind(0, '127.0.0.1', r));
    const answer = new Promise<string>((r) => peer.once('message', (m) => r(String(m))));
    peer.send('question', port, '127.0.0.1');
    await until(() => c.trace.some((r) => r.type === 'datagram' && r.event === 'deliver'));
    const recv = c.trace.find((r): r is ReturnRecord => r.type === 'return' && r.op === 'recvfrom')!;
    expect(recv.result).toMatchObject({ bytes: 8, data: 'question', from: `127.0.0.1:${peer.address().port}` });
    expect(await c.sendto(fd, '127.0.0.1', peer.address().port, 'answer')).toBe(6);
    expect(await answer).toBe('answer');
    peer.close();
  });
});


