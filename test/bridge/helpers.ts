// Test helpers for the bridge: the bridge as a child process (black-box), sentinel servers that
// count connections, an echo server, raw HTTP upgrade requests, and a minimal "page" speaking the
// protocol over a `ws` client. Everything listens on 127.0.0.1:0 and is closed by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/bridge/protocol';

export const ORIGIN = 'http://app.test:5173';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BridgeProc {
  port: number;
  secret: string;
  wsUrl: string;
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  alive: () => boolean;
  rssKb: () => number;
  stop: () => Promise<number | null>;
}

export async function startBridgeProcess(args: string[] = []): Promise<BridgeProc> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'socketlab-bridge.js'), '--port', '0', '--origin', ORIGIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT,
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => { err += d; });
  const m = await new Promise<RegExpMatchArray>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      const found = out.match(/#bridge=(\S+)&bridgeKey=([0-9a-f]+)/);
      if (found) resolve(found);
    });
    proc.once('exit', (code) => reject(new Error(`bridge exited ${code}: ${err}`)));
  });
  const wsUrl = decodeURIComponent(m[1]);
  let exited = false;
  proc.once('exit', () => { exited = true; });
  return {
    port: Number(new URL(wsUrl).port), secret: m[2], wsUrl, proc,
    stdout: () => out, stderr: () => err,
    alive: () => !exited && proc.exitCode === null,
    rssKb: () => Number(readFileSync(`/proc/${proc.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? NaN),
    stop: () => new Promise((resolve) => {
      if (exited) { resolve(proc.exitCode); return; }
      proc.once('exit', (code) => resolve(code));
      proc.kill('SIGTERM');
    }),
  };
}

export interface Counter { port: number; server: Server; count: () => number; close: () => Promise<void> }

/** A TCP server that only counts who connects: any count above zero is a breach. */
export async function sentinel(host = '127.0.0.1', port = 0): Promise<Counter> {
  let n = 0;
  const sockets = new Set<Socket>();
  const server = createServer((s) => { n++; sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  return {
    port: (server.address() as { port: number }).port, server, count: () => n,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

export interface Echo extends Counter { sockets: Set<Socket>; events: string[] }

/** Echoes bytes back; half-closes when the client does unless `holdFin` (then it waits). */
export async function echoServer(opts: { holdFin?: boolean } = {}): Promise<Echo> {
  let n = 0;
  const sockets = new Set<Socket>();
  const events: string[] = [];
  const server = createServer({ allowHalfOpen: true }, (s) => {
    n++; sockets.add(s);
    s.on('error', (e) => events.push(`error:${(e as NodeJS.ErrnoException).code}`));
    s.on('data', (d) => s.write(d));
    s.on('end', () => { events.push('end'); if (!opts.holdFin) s.end(); });
    s.on('close', () => { events.push('close'); sockets.delete(s); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port, server, count: () => n, sockets, events,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/** Sends a handcrafted request and returns the HTTP status the bridge answered (0: no answer). */
export function rawUpgrade(port: number, headers: Record<string, string | undefined>, path = '/socketlab'): Promise<number> {
  return new Promise((resolve) => {
    const s = createConnection(port, '127.0.0.1');
    let buf = '';
    s.on('error', () => resolve(0));
    s.on('data', (d) => { buf += d; });
    s.on('close', () => resolve(Number(buf.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0)));
    const lines = [`GET ${path} HTTP/1.1`];
    const base: Record<string, string | undefined> = {
      Host: `127.0.0.1:${port}`, Upgrade: 'websocket', Connection: 'Upgrade',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13',
    };
    for (const [k, v] of Object.entries({ ...base, ...headers })) if (v !== undefined) lines.push(`${k}: ${v}`);
    // latin1: one byte per character, so tests can send any byte in a header.
    s.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    // A 101 keeps the socket open: end our side so 'close' reports what we got.
    setTimeout(() => s.end(), 300).unref();
  });
}

export interface Page {
  ws: WebSocket;
  events: ServerMessage[];
  op: (msg: Record<string, unknown>) => Promise<Extract<ServerMessage, { ev: 'reply' }>>;
  next: (pred: (m: ServerMessage) => boolean) => Promise<ServerMessage>;
  closed: Promise<{ code: number }>;
}

/** A page talking raw protocol (no client library), so tests control every frame. */
export async function openPage(b: { wsUrl: string; secret: string }, origin = ORIGIN): Promise<Page> {
  const ws = new WebSocket(b.wsUrl, ['socketlab.v1', `socketlab.auth.${b.secret}`], { origin });
  const events: ServerMessage[] = [];
  const waiters: Array<{ pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage;
    events.push(m);
    for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
  });
  ws.on('error', () => {});
  const closed = new Promise<{ code: number }>((r) => ws.on('close', (code) => r({ code })));
  const next = (pred: (m: ServerMessage) => boolean) => {
    const seen = events.find(pred);
    return seen ? Promise.resolve(seen) : new Promise<ServerMessage>((resolve) => waiters.push({ pred, resolve }));
  };
  await next((m) => m.ev === 'hello');
  let req = 1000;
  const op = async (msg: Record<string, unknown>) => {
    const r = (msg.req as number | undefined) ?? req++;
    ws.send(JSON.stringify({ ...msg, req: r }));
    return (await next((m) => m.ev === 'reply' && m.req === r)) as Extract<ServerMessage, { ev: 'reply' }>;
  };
  return { ws, events, op, next, closed };
}

export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Resolves when `check` holds, polling; the test's own timeout bounds it. */
export async function until(check: () => boolean | Promise<boolean>, everyMs = 20): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, everyMs));
}

/** Polls `check` until it holds (true) or `ms` have passed (false), for a failure that says what
 * did not happen instead of a test timeout. */
export async function within(ms: number, check: () => boolean | Promise<boolean>, everyMs = 50): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
