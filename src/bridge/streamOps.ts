// TCP operations a page may perform through the bridge, with BSD semantics and errno answers:
// connect, bind, listen, accept, send, recv, shutdown, close and abort (RST). Sockets are created
// with allowHalfOpen, so a FIN from either side is only a half-close, exactly as in the kernel.
// Reading is paused-mode: bytes are taken from Node only when the WebSocket has room (auto mode)
// or when the page calls recv (manual mode), so a slow page slows the peer down (TCP flow
// control) instead of filling the bridge's memory.
import { createConnection, createServer, type Socket } from 'node:net';
import { isUnspecified } from './addresses';
import { canonicalAddr } from './kernelStates';
import { attachCapture } from './streamCapture';
import type { ClientMessage } from './protocol';
import { checkBindAddress } from './targetPolicy';
import type { ReadMode, SessionApi, StreamEntry } from './sessionTypes';

type Msg<O extends ClientMessage['op']> = Extract<ClientMessage, { op: O }>;

/** A Node error as an errno name the page understands. */
export function errnoOf(err: unknown, fallback = 'EIO'): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_SOCKET_CLOSED' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END') return 'EPIPE';
  return typeof code === 'string' && /^E[A-Z0-9]{1,15}$/.test(code) ? code : fallback;
}

function addrOf(sock: Socket, which: 'local' | 'remote'): string {
  return which === 'local'
    ? canonicalAddr(sock.localAddress ?? '0.0.0.0', sock.localPort ?? 0)
    : canonicalAddr(sock.remoteAddress ?? '0.0.0.0', sock.remotePort ?? 0);
}

function newStream(id: number, read: ReadMode, socket: Socket): StreamEntry {
  return {
    kind: 'stream', id, read, phase: 'connected', socket, wrShut: false, rdShut: false, eof: false,
    eofReported: false, wantDrain: false, unclaimed: [],
    local: addrOf(socket, 'local'), remote: addrOf(socket, 'remote'),
  };
}

/** Moves bytes (or EOF) from Node to the page, as far as the page's mode and room allow. */
function pump(s: SessionApi, e: StreamEntry): void {
  const sock = e.socket;
  if (!sock || e.phase !== 'connected' || s.get(e.id) !== e) return;
  if (e.read === 'manual') { tryRecv(s, e); return; }
  while (!s.congested()) {
    const chunk: Buffer | null = sock.read();
    if (chunk === null) break;
    if (!e.rdShut) s.emit({ ev: 'data', sock: e.id, data: chunk.toString('base64') });
  }
  if (e.eof && !e.eofReported && sock.readableLength === 0) {
    e.eofReported = true;
    s.emit({ ev: 'eof', sock: e.id });
  }
}

function tryRecv(s: SessionApi, e: StreamEntry): void {
  const p = e.pendingRecv;
  const sock = e.socket;
  if (!p || !sock) return;
  const done = (n: number, data: string) => { e.pendingRecv = undefined; s.ok(p.req, n, { data }); };
  if (e.rdShut) { done(0, ''); return; }
  const n = Math.min(p.max, sock.readableLength);
  const chunk: Buffer | null = n > 0 ? sock.read(n) : null;
  if (chunk) { done(chunk.length, chunk.toString('base64')); return; }
  if (e.eof || sock.readableEnded) { done(0, ''); return; }
  sock.read(0); // ask Node to read from the kernel; 'readable' brings us back
}

/** Connects a Node socket's events to the page. */
function wire(s: SessionApi, e: StreamEntry, sock: Socket): void {
  sock.removeAllListeners('error');
  sock.on('error', (err) => {
    if (s.get(e.id) !== e) return;
    const code = errnoOf(err);
    if (e.pendingRecv) { const r = e.pendingRecv.req; e.pendingRecv = undefined; s.fail(r, code, 'recv'); return; }
    s.emit({ ev: 'error', sock: e.id, code, syscall: 'recv' });
  });
  sock.on('readable', () => pump(s, e));
  sock.on('end', () => { e.eof = true; pump(s, e); });
  sock.on('drain', () => {
    if (e.wantDrain && s.get(e.id) === e) { e.wantDrain = false; s.emit({ ev: 'drain', sock: e.id }); }
  });
  sock.on('close', () => { if (s.get(e.id) === e) s.emit({ ev: 'closed', sock: e.id }); });
  if (e.read === 'auto') sock.read(0);
}

function connect(s: SessionApi, msg: Msg<'connect'>): Promise<void> | void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase === 'connected') return s.fail(msg.req, 'EISCONN', 'connect');
  if (e.phase === 'connecting') return s.fail(msg.req, 'EALREADY', 'connect');
  if (e.phase === 'listening' || e.server) return s.fail(msg.req, 'EINVAL', 'connect', 'listening');
  if (!s.takeConnectToken()) return s.fail(msg.req, 'EAGAIN', 'connect', 'rate-limit');
  const before = e.phase;
  e.phase = 'connecting';
  e.pendingConnect = msg.req;
  const settle = () => { e.pendingConnect = undefined; };
  return (async () => {
    const r = await s.policy.check(msg.host, msg.port, s.ownEndpoints('tcp'));
    if (s.get(e.id) !== e) return;
    if (!r.ok) { e.phase = before; settle(); return s.fail(msg.req, r.code, 'connect', r.reason); }
    const capture = await attachCapture(s, e, r.ip, msg.port);
    if (s.get(e.id) !== e) { capture?.(); return; }
    e.stopCapture = capture;
    s.emit({ ev: 'pending', req: msg.req, waitingFor: 'handshake' });
    const sock = createConnection({
      host: r.ip.address, port: msg.port, family: r.ip.family === 'ipv6' ? 6 : 4,
      allowHalfOpen: true, autoSelectFamily: false,
      ...(e.bindIp ? { localAddress: e.bindIp.address, localPort: e.bindPort || undefined } : {}),
      // The host is a checked literal; refuse any attempt to resolve it again.
      lookup: (_h, _o, cb) => cb(new Error('no lookups'), '', 4),
    });
    e.socket = sock;
    sock.pause();
    sock.once('error', (err) => {
      if (s.get(e.id) !== e || e.phase !== 'connecting') return;
      e.phase = before; e.socket = undefined; settle();
      s.fail(msg.req, errnoOf(err, 'ECONNREFUSED'), 'connect');
    });
    sock.once('connect', () => {
      if (s.get(e.id) !== e) { sock.destroy(); return; }
      e.phase = 'connected'; settle();
      e.local = addrOf(sock, 'local'); e.remote = addrOf(sock, 'remote');
      wire(s, e, sock);
      s.ok(msg.req, 0, { local: e.local, remote: e.remote });
      s.track(e.id, e.local, e.remote, sock);
      pump(s, e);
    });
  })();
}

function bind(s: SessionApi, msg: Msg<'bind'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase !== 'fresh') return s.fail(msg.req, 'EINVAL', 'bind', 'already-bound');
  const r = checkBindAddress(msg.ip, msg.port, s.classroom);
  if (!r.ok) return s.fail(msg.req, r.code, 'bind', r.reason);
  e.bindIp = r.ip; e.bindPort = msg.port; e.phase = 'bound';
  s.ok(msg.req, 0);
}

function listen(s: SessionApi, msg: Msg<'listen'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase === 'connected' || e.phase === 'connecting') return s.fail(msg.req, 'EISCONN', 'listen');
  if (e.server) return s.fail(msg.req, 'EINVAL', 'listen', 'already-listening');
  if (s.count('listeners') >= s.limits.maxListeners) return s.fail(msg.req, 'EMFILE', 'listen', 'listener-limit');
  const backlog = Math.max(1, Math.min(msg.backlog, s.limits.maxBacklog));
  const ip = e.bindIp ?? { address: '127.0.0.1', family: 'ipv4' as const };
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
  e.server = server;
  server.on('error', (err) => {
    if (s.get(e.id) !== e) return;
    if (e.phase !== 'listening') { e.server = undefined; s.fail(msg.req, errnoOf(err), 'listen'); return; }
    s.emit({ ev: 'error', sock: e.id, code: errnoOf(err), syscall: 'accept' });
  });
  server.on('connection', (sock) => incoming(s, e, sock));
  server.listen({ host: ip.address, port: e.bindPort ?? 0, backlog, exclusive: true, ipv6Only: ip.family === 'ipv6' && isUnspecified(ip) }, async () => {
    if (s.get(e.id) !== e) { server.close(); return; }
    const port = (server.address() as { port: number }).port;
    e.phase = 'listening'; e.bindIp = ip; e.listenPort = port;
    e.local = canonicalAddr(ip.address, port);
    e.stopCapture = await attachCapture(s, e, ip, port);
    if (s.get(e.id) !== e) { e.stopCapture?.(); return; }
    s.ok(msg.req, 0, { local: e.local, backlog });
    s.track(e.id, e.local, ip.family === 'ipv6' ? '[::]:0' : '0.0.0.0:0');
  });
}

function incoming(s: SessionApi, e: StreamEntry, sock: Socket): void {
  sock.on('error', () => { /* reported once the page accepts it */ });
  const remote = addrOf(sock, 'remote');
  if (s.get(e.id) !== e || e.unclaimed.length >= s.limits.maxUnclaimed) {
    sock.resetAndDestroy();
    if (s.get(e.id) === e) s.emit({ ev: 'refused', sock: e.id, remote, reason: 'unclaimed-limit' });
    return;
  }
  e.unclaimed.push(sock);
  sock.once('close', () => { const i = e.unclaimed.indexOf(sock); if (i >= 0) e.unclaimed.splice(i, 1); });
  s.emit({ ev: 'incoming', sock: e.id, local: addrOf(sock, 'local'), remote, queued: e.unclaimed.length });
  if (e.pendingAccept) claim(s, e);
}

function claim(s: SessionApi, e: StreamEntry): void {
  const p = e.pendingAccept!;
  const sock = e.unclaimed.shift();
  if (!sock) return;
  const child = s.add((id) => newStream(id, p.read, sock));
  if (!child || child.kind !== 'stream') { e.unclaimed.unshift(sock); e.pendingAccept = undefined; s.fail(p.req, 'EMFILE', 'accept', 'socket-limit'); return; }
  e.pendingAccept = undefined;
  wire(s, child, sock);
  s.ok(p.req, child.id, { local: child.local, remote: child.remote });
  s.track(child.id, child.local!, child.remote!, sock);
  pump(s, child);
}

function accept(s: SessionApi, msg: Msg<'accept'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase !== 'listening') return s.fail(msg.req, 'EINVAL', 'accept', 'not-listening');
  if (e.pendingAccept) return s.fail(msg.req, 'EALREADY', 'accept');
  e.pendingAccept = { req: msg.req, read: msg.read ?? 'auto' };
  if (e.unclaimed.length > 0) claim(s, e);
  else s.emit({ ev: 'pending', req: msg.req, waitingFor: 'connection' });
}

function send(s: SessionApi, msg: Msg<'send'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase !== 'connected' || !e.socket) return s.fail(msg.req, 'ENOTCONN', 'send');
  if (e.wrShut || e.socket.destroyed || !e.socket.writable) return s.fail(msg.req, 'EPIPE', 'send');
  if (e.socket.writableLength > s.limits.writeHighWater) {
    e.wantDrain = true;
    return s.fail(msg.req, 'EAGAIN', 'send', 'buffer-full');
  }
  const bytes = Buffer.from(msg.data, 'base64');
  // A zero-byte send is a zero-byte write: it must never turn into end-of-stream.
  if (bytes.length > 0) e.socket.write(bytes);
  s.ok(msg.req, bytes.length);
}

function recv(s: SessionApi, msg: Msg<'recv'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase !== 'connected' || !e.socket) return s.fail(msg.req, 'ENOTCONN', 'recv');
  if (e.read !== 'manual') return s.fail(msg.req, 'EINVAL', 'recv', 'auto-read socket: bytes arrive as data events');
  if (e.pendingRecv) return s.fail(msg.req, 'EALREADY', 'recv');
  e.pendingRecv = { req: msg.req, max: msg.max };
  tryRecv(s, e);
  if (e.pendingRecv) s.emit({ ev: 'pending', req: msg.req, waitingFor: 'data' });
}

function shutdown(s: SessionApi, msg: Msg<'shutdown'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  if (e.phase !== 'connected' || !e.socket) return s.fail(msg.req, 'ENOTCONN', 'shutdown');
  if (msg.how !== 'rd' && !e.wrShut) { e.wrShut = true; e.socket.end(); }
  if (msg.how !== 'wr') { e.rdShut = true; tryRecv(s, e); }
  s.ok(msg.req, 0);
}

/** Releases everything a stream entry holds. `abort` resets connections instead of closing. */
export function destroyStream(e: StreamEntry, abort = false): void {
  if (e.pendingAccept) e.pendingAccept = undefined;
  for (const u of e.unclaimed.splice(0)) u.resetAndDestroy();
  e.server?.close();
  const sock = e.socket;
  if (sock && !sock.destroyed) {
    if (abort && !sock.connecting) sock.resetAndDestroy();
    else sock.destroy();
  }
  e.stopCapture?.();
}

function close(s: SessionApi, msg: Msg<'close'> | Msg<'abort'>): void {
  const e = s.get(msg.sock) as StreamEntry;
  s.remove(e.id);
  if (e.pendingRecv) s.fail(e.pendingRecv.req, 'EBADF', 'recv');
  if (e.pendingAccept) s.fail(e.pendingAccept.req, 'EBADF', 'accept');
  if (e.pendingConnect !== undefined) s.fail(e.pendingConnect, 'ECONNABORTED', 'connect');
  e.pendingRecv = undefined;
  e.pendingConnect = undefined;
  const sock = e.socket;
  if (msg.op === 'close' && e.phase === 'connected' && sock && !sock.destroyed) {
    // close(): queued bytes still go out, then FIN; the kernel finishes the handshake alone.
    // A peer that never reads would keep the socket (and its bytes) here for ever: the session
    // holds it, counts it, and resets it after a while or when the page goes.
    sock.on('error', () => {});
    if (!e.wrShut) sock.end();
    sock.destroySoon();
    s.linger(sock);
    const stop = e.stopCapture;
    e.stopCapture = undefined;
    sock.once('close', () => { if (stop) setTimeout(stop, 2000).unref(); });
    destroyStream({ ...e, socket: undefined });
  } else {
    destroyStream(e, msg.op === 'abort');
  }
  s.ok(msg.req, 0);
}

export const streamOps = { connect, bind, listen, accept, send, recv, shutdown, close, abort: close, pump };
