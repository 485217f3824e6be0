// One step of a program → the socket call on its host. Looks up the socket by name, checks the
// socket type, and dispatches to the TCP, UDP or raw (ICMP) implementation.
import type { Step } from '../../scenarios/schema';
import type { Host, Sock } from '../net/host';
import { TcpSocket } from '../tcp/tcpSocket';
import { UdpSocket } from '../udp/udpSocket';
import { RawSocket } from '../raw/rawSocket';
import { tcpClose } from '../tcp/tcpClose';
import { tcpOutput } from '../tcp/tcpOutput';
import { DataSource } from './dataSource';
import { fail, ok, type Outcome } from './outcome';
import { tcpAccept, tcpConnect, tcpRecv, tcpSend, tcpShutdown } from './tcpCalls';
import { udpConnect, udpRecv, udpSendTo } from './udpCalls';
import { rawCall } from './rawCalls';

export type ResolveTarget = (to: string) => string | null;

/** What a step may need beyond its host: name resolution, and starting another thread. */
export interface CallContext {
  resolve: ResolveTarget;
  /** Start program `index` (a thread of this host); false if it cannot be started. */
  spawn: (index: number) => boolean;
}

/** The socket a step names, if its name is bound to an open fd on this host. */
export function socketOf(host: Host, name: string): Sock | undefined {
  const fd = host.names.get(name);
  return fd === undefined ? undefined : host.fds.get(fd);
}

export function execStep(host: Host, step: Step, ctx: CallContext): Outcome {
  const resolve = ctx.resolve;
  if (step.op === 'sleep') return ok(0);
  if (step.op === 'spawn') return ctx.spawn(step.program) ? ok(0) : fail('EINVAL');
  if (step.op === 'poll') return poll(host, step.socks, step.timeout);
  if (step.op === 'socket') {
    const s = step.type === 'stream' ? host.tcp.createSocket() : step.type === 'raw' ? host.raw.createSocket() : host.udp.createSocket();
    const fd = host.allocFd(s);
    host.names.set(step.as, fd);
    return ok(fd, { sid: s.sid });
  }
  const s = socketOf(host, step.sock);
  if (!s) return fail('EBADF');
  if (s instanceof RawSocket) return step.op === 'setsockopt' ? setsockopt(s, step.name, step.value) : rawCall(host, s, step);
  switch (step.op) {
    case 'bind': {
      const e = s instanceof TcpSocket ? host.tcp.bind(s, step.ip ?? '0.0.0.0', step.port) : host.udp.bind(s, step.ip ?? '0.0.0.0', step.port);
      return e ? fail(e) : ok(0, { sock: s.name });
    }
    case 'listen': {
      if (!(s instanceof TcpSocket)) return fail('EOPNOTSUPP');
      const e = host.tcp.listen(s, step.backlog);
      return e ? fail(e) : ok(0, { sock: s.name });
    }
    case 'accept':
      if (!(s instanceof TcpSocket)) return fail('EOPNOTSUPP');
      return tcpAccept(s, (c) => {
        const fd = host.allocFd(c);
        host.names.set(step.as, fd);
        return fd;
      });
    case 'connect': {
      const ip = resolve(step.to);
      if (ip === null) return fail('EHOSTUNREACH');
      if (s instanceof UdpSocket) return udpConnect(host.udp, s, ip, step.port);
      return tcpConnect(host.tcp, freshIfClosed(host, step.sock, s), ip, step.port);
    }
    case 'send':
      return s instanceof TcpSocket ? tcpSend(s, new DataSource(step.data)) : udpSendTo(host.udp, s, null, new DataSource(step.data));
    case 'sendto': {
      if (s instanceof TcpSocket) return tcpSend(s, new DataSource(step.data)); // the address is ignored on a stream socket
      const ip = resolve(step.to);
      if (ip === null) return fail('EHOSTUNREACH');
      return udpSendTo(host.udp, s, { ip, port: step.port }, new DataSource(step.data));
    }
    case 'recv':
    case 'recvfrom':
      return s instanceof TcpSocket ? tcpRecv(s, step.max, step.op === 'recvfrom') : udpRecv(s, step.max);
    case 'shutdown':
      if (s instanceof TcpSocket) return tcpShutdown(s, step.how);
      return s.remote ? ok(0) : fail('ENOTCONN');
    case 'close':
      host.fds.delete(s.fd!);
      if (s instanceof TcpSocket) tcpClose(s);
      else host.udp.close(s);
      return ok(0);
    case 'setsockopt':
      return setsockopt(s, step.name, step.value);
  }
}

/** Ready to read without blocking: data, end of stream, an error, or a connection to accept. */
export function readable(s: Sock): boolean {
  if (s instanceof RawSocket) return s.queue.length > 0 || s.closed;
  if (s instanceof UdpSocket) return s.queue.length > 0 || s.softError !== null || s.closed;
  if (s.state === 'LISTEN') return s.acceptQueue.length > 0;
  if (s.state === 'CLOSED' && !s.remote) return true; // poll() reports a hang-up on an unconnected socket
  return s.rcvQueue.length > 0 || s.finReceived || s.rdShut || s.reset || s.softError !== null;
}

/** poll()/select() on reading: block until one of the sockets is readable, or the timeout. */
function poll(host: Host, names: readonly string[], timeoutMs: number | undefined): Outcome {
  const socks = names.map((n) => socketOf(host, n));
  if (socks.some((x) => x === undefined)) return fail('EBADF');
  const all = socks as Sock[];
  const deadline = timeoutMs === undefined ? undefined : host.sched.now + Math.round(timeoutMs * 1000);
  const attempt = (): Outcome => {
    const ready = names.filter((_, i) => readable(all[i]));
    if (ready.length > 0 || (deadline !== undefined && host.sched.now >= deadline)) return ok({ ready });
    return { kind: 'block', waitingFor: 'readable', on: all, wakeAtUs: deadline, retry: attempt };
  };
  return attempt();
}

/** A TCP socket whose connection is over (refused, reset, timed out) can connect again; the
 *  kernel reuses the socket, we give the fd a fresh control block with the same options. */
function freshIfClosed(host: Host, name: string, s: TcpSocket): TcpSocket {
  // Only a failed attempt whose outcome was reported may connect again (see tcpConnect).
  if (s.state !== 'CLOSED' || !s.remote || s.connecting || s.wasEstablished) return s;
  const n = host.tcp.createSocket();
  n.reuseAddr = s.reuseAddr; n.linger = s.linger; n.nodelay = s.nodelay; n.nonblock = s.nonblock;
  n.sndBufSize = s.sndBufSize; n.rcvBufSize = s.rcvBufSize;
  if (s.explicitBind && s.local) {
    host.tcp.releasePort(s);
    host.tcp.bind(n, s.local.ip, s.local.port);
  }
  n.fd = s.fd;
  host.fds.set(s.fd!, n);
  host.names.set(name, s.fd!);
  return n;
}

function setsockopt(s: Sock, name: Extract<Step, { op: 'setsockopt' }>['name'], value: number | boolean): Outcome {
  const on = value === true || (typeof value === 'number' && value !== 0);
  switch (name) {
    case 'SO_REUSEADDR': s.reuseAddr = on; return ok(0);
    case 'O_NONBLOCK': s.nonblock = on; return ok(0);
    case 'SO_RCVBUF': if (typeof value !== 'number' || value < 1) return fail('EINVAL'); s.rcvBufSize = value; return ok(0);
    case 'SO_SNDBUF': if (typeof value !== 'number' || value < 1) return fail('EINVAL'); s.sndBufSize = value; return ok(0);
    default: break;
  }
  if (!(s instanceof TcpSocket)) return fail('ENOPROTOOPT');
  switch (name) {
    case 'SO_LINGER': s.linger = value === false ? null : typeof value === 'number' ? value : 0; return ok(0);
    case 'TCP_NODELAY': s.nodelay = on; if (on) tcpOutput(s); return ok(0);
    case 'SO_KEEPALIVE': s.keepalive = on; return ok(0);
  }
  return fail('ENOPROTOOPT');
}
