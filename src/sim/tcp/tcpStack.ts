// A host's TCP layer: demultiplexing arriving segments by 4-tuple, listeners, port bindings
// (EADDRINUSE and SO_REUSEADDR as Linux applies them) and ephemeral ports.
import type { Packet } from '../net/packet';
import type { HostContext } from '../net/hostContext';
import type { Errno } from '../trace/records';
import type { TcpOptions } from './profiles';
import { TcpSocket, type TcpStackLike } from './tcpSocket';
import { tcpInput } from './tcpInput';
import { activeOpen, listenInput } from './tcpHandshake';
import { sendRstFor } from './tcpOutput';

/** Linux's default ip_local_port_range. */
export const EPHEMERAL_LO = 32768;
export const EPHEMERAL_HI = 60999;

export class TcpStack implements TcpStackLike {
  private readonly conns = new Map<string, TcpSocket>();
  /** Every socket that holds a local port (bound, listening, connected or in TIME_WAIT). */
  private readonly bound = new Set<TcpSocket>();
  /** The connection the last segment was for: a bulk transfer's segments all go to one or two
   *  sockets, and the 4-tuple key string would otherwise be built for every one of them.
   *  Cleared whenever the table changes. */
  private lastConn: TcpSocket | null = null;

  constructor(private readonly host: HostContext, private readonly opts: TcpOptions) {}

  createSocket(): TcpSocket {
    const s = new TcpSocket(this.host, this.opts);
    s.stack = this;
    return s;
  }

  receive(p: Packet): void {
    const t = p.tcp!;
    const last = this.lastConn;
    const conn = last && last.local!.port === t.dstPort && last.remote!.port === t.srcPort && last.local!.ip === p.dst && last.remote!.ip === p.src
      ? last : this.conns.get(connKey(p.dst, t.dstPort, p.src, t.srcPort));
    if (conn) { this.lastConn = conn; tcpInput(conn, p); return; }
    for (const s of this.bound) {
      if (s.state === 'LISTEN' && s.local!.port === t.dstPort && (s.local!.ip === p.dst || s.local!.ip === '0.0.0.0')) {
        listenInput(s, p);
        return;
      }
    }
    // No socket: "If the state is CLOSED (i.e., TCB does not exist) … a reset is sent" (§3.10.7.1).
    sendRstFor(this.host, p, 'rst-no-listener');
  }

  /** Would binding (ip, port) for `s` clash with another socket? (Linux inet_csk_bind_conflict) */
  private conflicts(s: TcpSocket, ip: string, port: number): boolean {
    for (const o of this.bound) {
      if (o === s || !o.local || o.local.port !== port) continue;
      const overlap = o.local.ip === ip || o.local.ip === '0.0.0.0' || ip === '0.0.0.0';
      if (!overlap) continue;
      // SO_REUSEADDR on both sockets lets a port be shared with anything but a listener (e.g. TIME_WAIT).
      if (s.reuseAddr && o.reuseAddr && o.state !== 'LISTEN') continue;
      return true;
    }
    return false;
  }

  bind(s: TcpSocket, ip: string, port: number): Errno | null {
    if (s.local) return 'EINVAL';
    if (ip !== '0.0.0.0' && !this.host.isLocal(ip)) return 'EADDRNOTAVAIL';
    if (port === 0) {
      const p = this.ephemeralPort(s, ip);
      if (p === null) return 'EADDRINUSE';
      port = p;
    } else if (this.conflicts(s, ip, port)) {
      return 'EADDRINUSE';
    }
    s.local = { ip, port };
    s.explicitBind = true;
    this.bound.add(s);
    return null;
  }

  listen(s: TcpSocket, backlog: number): Errno | null {
    if (s.state === 'LISTEN') { s.backlog = backlog; s.traceQueue(); return null; }
    if (s.state !== 'CLOSED' || s.remote) return 'EINVAL';
    if (!s.local) {
      const e = this.bind(s, '0.0.0.0', 0);
      if (e) return e;
    }
    if (this.conflicts(s, s.local!.ip, s.local!.port)) return 'EADDRINUSE';
    s.backlog = backlog;
    s.setState('LISTEN', 'listen');
    s.traceQueue();
    return null;
  }

  connect(s: TcpSocket, ip: string, port: number): Errno | null {
    const localIp = s.local && s.local.ip !== '0.0.0.0' ? s.local.ip : this.host.isLocal(ip) && ip.startsWith('127.') ? ip : this.host.ip;
    if (!s.local) {
      const p = this.ephemeralPort(s, localIp, ip, port);
      if (p === null) return 'EADDRNOTAVAIL';
      s.local = { ip: localIp, port: p };
      this.bound.add(s);
    } else if (s.local.ip === '0.0.0.0') {
      s.local = { ip: localIp, port: s.local.port };
    }
    if (this.conns.has(connKey(s.local.ip, s.local.port, ip, port))) return 'EADDRNOTAVAIL';
    s.remote = { ip, port };
    this.hashConnection(s);
    activeOpen(s);
    return null;
  }

  /** Linux picks a pseudo-random start in the range and probes upward; ours is seeded. */
  private ephemeralPort(s: TcpSocket, ip: string, rip?: string, rport?: number): number | null {
    const span = EPHEMERAL_HI - EPHEMERAL_LO + 1;
    const start = this.host.rng.int(0, span - 1);
    for (let i = 0; i < span; i++) {
      const port = EPHEMERAL_LO + ((start + i) % span);
      if (this.conflicts(s, ip, port)) continue;
      if (rip !== undefined && this.conns.has(connKey(ip, port, rip, rport!))) continue;
      return port;
    }
    return null;
  }

  hashConnection(s: TcpSocket): void {
    this.conns.set(connKey(s.local!.ip, s.local!.port, s.remote!.ip, s.remote!.port), s);
    this.bound.add(s);
    this.lastConn = null;
  }

  unhash(s: TcpSocket): void {
    if (s.local && s.remote) {
      const k = connKey(s.local.ip, s.local.port, s.remote.ip, s.remote.port);
      if (this.conns.get(k) === s) this.conns.delete(k);
    }
    this.lastConn = null;
  }

  releasePort(s: TcpSocket): void {
    this.bound.delete(s);
  }

  /** Every socket holding a port, for views and tests (e.g. TIME_WAIT sockets after close()). */
  sockets(): TcpSocket[] {
    return [...this.bound];
  }
}

function connKey(lip: string, lport: number, rip: string, rport: number): string {
  return `${lip}:${lport}-${rip}:${rport}`;
}
