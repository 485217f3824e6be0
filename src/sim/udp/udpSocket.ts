// UDP (RFC 768): datagrams keep their boundaries; a receive buffer of whole datagrams; ICMP port
// unreachable when nobody listens, reported to the socket as the profile says.
import type { Packet } from '../net/packet';
import type { HostContext } from '../net/hostContext';
import type { Errno } from '../trace/records';
import type { TcpOptions } from '../tcp/profiles';
import type { Endpoint } from '../tcp/tcpSocket';
import { EPHEMERAL_HI, EPHEMERAL_LO } from '../tcp/tcpStack';
import { MessageSocket } from '../net/messageSocket';

export interface Datagram { from: Endpoint; data: Uint8Array }

/** Largest UDP payload in one IPv4 datagram. */
export const MAX_UDP_PAYLOAD = 65507;

export class UdpSocket extends MessageSocket<Datagram> {
  local: Endpoint | null = null;
  remote: Endpoint | null = null;
  softError: Errno | null = null;

  get name(): string {
    const l = this.local ? `${this.local.ip}:${this.local.port}` : '0.0.0.0:0';
    return this.remote ? `${l}->${this.remote.ip}:${this.remote.port}` : l;
  }
}

export class UdpStack {
  private readonly bound = new Set<UdpSocket>();

  constructor(private readonly host: HostContext, private readonly opts: TcpOptions) {}

  createSocket(): UdpSocket {
    return new UdpSocket(this.host, this.opts);
  }

  bind(s: UdpSocket, ip: string, port: number): Errno | null {
    if (s.local) return 'EINVAL';
    if (ip !== '0.0.0.0' && !this.host.isLocal(ip)) return 'EADDRNOTAVAIL';
    if (port === 0) {
      const span = EPHEMERAL_HI - EPHEMERAL_LO + 1;
      const start = this.host.rng.int(0, span - 1);
      let found: number | null = null;
      for (let i = 0; i < span && found === null; i++) {
        const p = EPHEMERAL_LO + ((start + i) % span);
        if (!this.inUse(s, ip, p)) found = p;
      }
      if (found === null) return 'EADDRINUSE';
      port = found;
    } else if (this.inUse(s, ip, port)) {
      return 'EADDRINUSE';
    }
    s.local = { ip, port };
    this.bound.add(s);
    return null;
  }

  private inUse(s: UdpSocket, ip: string, port: number): boolean {
    for (const o of this.bound) {
      if (o === s || !o.local || o.local.port !== port) continue;
      if (s.reuseAddr && o.reuseAddr) continue; // UDP SO_REUSEADDR shares the port
      if (o.local.ip === ip || o.local.ip === '0.0.0.0' || ip === '0.0.0.0') return true;
    }
    return false;
  }

  /** Make sure the socket has a local address before it sends (autobind, as Linux does). */
  autobind(s: UdpSocket): Errno | null {
    return s.local ? null : this.bind(s, '0.0.0.0', 0);
  }

  close(s: UdpSocket): void {
    s.closed = true;
    this.bound.delete(s);
    s.queue = [];
    s.queuedBytes = 0;
    s.wake();
  }

  sendto(s: UdpSocket, ip: string, port: number, data: Uint8Array): Errno | null {
    if (data.length > MAX_UDP_PAYLOAD) return 'EMSGSIZE';
    const e = this.autobind(s);
    if (e) return e;
    const src = s.local!.ip === '0.0.0.0' ? (ip.startsWith('127.') ? ip : this.host.ip) : s.local!.ip;
    this.host.output({ src, dst: ip, proto: 'udp', udp: { srcPort: s.local!.port, dstPort: port, payload: data } }, {});
    return null;
  }

  receive(p: Packet): void {
    const u = p.udp!;
    let target: UdpSocket | null = null;
    for (const s of this.bound) {
      if (s.local!.port !== u.dstPort) continue;
      if (s.local!.ip !== '0.0.0.0' && s.local!.ip !== p.dst) continue;
      // A connected UDP socket only takes datagrams from its peer.
      if (s.remote && (s.remote.ip !== p.src || s.remote.port !== u.srcPort)) continue;
      if (!target || (s.remote && !target.remote)) target = s;
    }
    if (!target) {
      // RFC 1122 §4.1.3.1: nobody listens on this port → ICMP Port Unreachable.
      this.host.output({ src: p.dst, dst: p.src, proto: 'icmp', icmp: { type: 3, code: 3, original: p } }, {});
      return;
    }
    if (target.queuedBytes + u.payload.length > target.rcvBufSize) {
      this.host.discard(p, 'rcvbuf');
      return;
    }
    target.queue.push({ from: { ip: p.src, port: u.srcPort }, data: u.payload });
    target.queuedBytes += u.payload.length;
    target.wake();
  }

  /** An ICMP error about a datagram we sent. */
  icmpError(orig: Packet, errno: Errno): void {
    const u = orig.udp;
    if (!u) return;
    for (const s of this.bound) {
      if (s.local!.port !== u.srcPort) continue;
      const connected = s.remote !== null && s.remote.ip === orig.dst && s.remote.port === u.dstPort;
      // Linux reports ICMP errors only to connected sockets; RFC 1122 §4.1.3.3 to every socket.
      if (connected || this.opts.udpIcmpErrors === 'all') {
        s.softError = errno;
        s.wake();
      }
    }
  }
}
