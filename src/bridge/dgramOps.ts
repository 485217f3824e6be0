// UDP operations: bind, sendto, and datagrams delivered to the page as they arrive. A datagram
// that arrives while the page's WebSocket is congested is dropped (UDP promises nothing more, and
// memory stays bounded); the drop is counted and reported.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { isLoopback, parseIp, type Ip } from './addresses';
import { canonicalAddr } from './kernelStates';
import { formatAddr, type ClientMessage } from './protocol';
import type { DgramEntry, SessionApi } from './sessionTypes';
import { errnoOf } from './streamOps';
import { checkBindAddress } from './targetPolicy';

type Msg<O extends ClientMessage['op']> = Extract<ClientMessage, { op: O }>;

const MAX_HEARD = 64;

function open(s: SessionApi, e: DgramEntry, ip: Ip, port: number, done: (err: unknown) => void): void {
  const sock = createSocket({ type: ip.family === 'ipv6' ? 'udp6' : 'udp4', reuseAddr: false });
  e.socket = sock;
  let dropped = 0;
  sock.on('error', (err) => {
    if (s.get(e.id) === e) s.emit({ ev: 'error', sock: e.id, code: errnoOf(err), syscall: 'recvfrom' });
  });
  sock.on('message', (buf: Buffer, rinfo: RemoteInfo) => {
    if (s.get(e.id) !== e) return;
    const from = canonicalAddr(rinfo.address, rinfo.port);
    if (e.filterPeers && !e.peers.has(from)) return;
    if (s.congested()) {
      if (dropped++ === 0) s.emit({ ev: 'notice', code: 'datagrams-dropped', detail: `socket ${e.id}: the page is not reading` });
      return;
    }
    dropped = 0;
    const ip = parseIp(rinfo.address);
    if (ip && e.heard.length < MAX_HEARD && !e.heard.some((h) => h.port === rinfo.port && h.ip.address === ip.address)) {
      e.heard.push({ ip, port: rinfo.port });
    }
    s.emit({ ev: 'datagram', sock: e.id, from, to: e.local ?? '', data: buf.toString('base64') });
  });
  sock.once('listening', () => {
    const a = sock.address();
    e.localIp = parseIp(a.address) ?? ip;
    e.localPort = a.port;
    e.local = canonicalAddr(a.address, a.port);
    done(null);
  });
  sock.once('error', (err) => { if (!e.local) { e.socket = undefined; sock.close(); done(err); } });
  sock.bind({ address: ip.address, port, exclusive: true });
}

function bind(s: SessionApi, msg: Msg<'bind'>): void {
  const e = s.get(msg.sock) as DgramEntry;
  if (e.socket) return s.fail(msg.req, 'EINVAL', 'bind', 'already-bound');
  if (s.count('listeners') >= s.limits.maxListeners) return s.fail(msg.req, 'EMFILE', 'bind', 'listener-limit');
  const r = checkBindAddress(msg.ip, msg.port, s.classroom);
  if (!r.ok) return s.fail(msg.req, r.code, 'bind', r.reason);
  open(s, e, r.ip, msg.port, (err) => {
    if (err) s.fail(msg.req, errnoOf(err), 'bind');
    else s.ok(msg.req, 0, { local: e.local });
  });
}

async function sendto(s: SessionApi, msg: Msg<'sendto'>): Promise<void> {
  const e = s.get(msg.sock) as DgramEntry;
  if (!s.takeConnectToken()) return s.fail(msg.req, 'EAGAIN', 'sendto', 'rate-limit');
  const r = await s.policy.check(msg.host, msg.port, [...s.ownEndpoints('udp'), ...e.heard]);
  if (s.get(e.id) !== e) return s.fail(msg.req, 'EBADF', 'sendto');
  if (!r.ok) return s.fail(msg.req, r.code, 'sendto', r.reason);
  const bytes = Buffer.from(msg.data, 'base64');
  const go = () => {
    const sock = e.socket;
    if (!sock || s.get(e.id) !== e) return s.fail(msg.req, 'EBADF', 'sendto');
    if (e.localIp && e.localIp.family !== r.ip.family) return s.fail(msg.req, 'EAFNOSUPPORT', 'sendto');
    e.peers.add(formatAddr(r.ip.address, msg.port));
    sock.send(bytes, msg.port, r.ip.address, (err) => {
      if (err) s.fail(msg.req, errnoOf(err), 'sendto');
      else s.ok(msg.req, bytes.length, { local: e.local, remote: formatAddr(r.ip.address, msg.port) });
    });
  };
  if (e.socket) return go();
  // Implicit bind, as the kernel does: loopback for a loopback target; otherwise the wildcard,
  // hearing only the peers this socket has sent to.
  const loop = isLoopback(r.ip);
  const ip: Ip = loop ? r.ip : { address: r.ip.family === 'ipv6' ? '::' : '0.0.0.0', family: r.ip.family };
  e.filterPeers = !loop;
  open(s, e, ip, 0, (err) => (err ? s.fail(msg.req, errnoOf(err), 'sendto') : go()));
}

export function destroyDgram(e: DgramEntry): void {
  const sock = e.socket;
  e.socket = undefined;
  if (sock) { try { sock.close(); } catch { /* already closed */ } }
}

function close(s: SessionApi, msg: Msg<'close'> | Msg<'abort'>): void {
  const e = s.get(msg.sock) as DgramEntry;
  s.remove(e.id);
  destroyDgram(e);
  s.ok(msg.req, 0);
}

function send(s: SessionApi, msg: Msg<'send'>): void {
  s.fail(msg.req, 'EDESTADDRREQ', 'send', 'use sendto on a datagram socket');
}

function shutdown(s: SessionApi, msg: Msg<'shutdown'>): void {
  s.fail(msg.req, 'ENOTCONN', 'shutdown');
}

export const dgramOps = { bind, sendto, send, shutdown, close, abort: close };
