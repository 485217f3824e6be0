// A simulated host: an IPv4 address, a TCP and a UDP layer, raw ICMP sockets, a file-descriptor
// table, and its own random stream (ISNs, ephemeral ports, IP ids).
import { createRng, type Rng } from '../engine/rng';
import type { Scheduler } from '../engine/scheduler';
import type { Tracer } from '../trace/tracer';
import type { TcpOptions } from '../tcp/profiles';
import { TcpStack } from '../tcp/tcpStack';
import type { TcpSocket } from '../tcp/tcpSocket';
import { UdpStack, type UdpSocket } from '../udp/udpSocket';
import { RawStack, type RawSocket } from '../raw/rawSocket';
import { abortConnection } from '../tcp/tcpClose';
import type { HostContext, PacketInput, PacketMeta } from './hostContext';
import type { Network } from './network';
import type { Packet } from './packet';

export type Sock = TcpSocket | UdpSocket | RawSocket;

export class Host implements HostContext {
  readonly rng: Rng;
  readonly tcp: TcpStack;
  readonly udp: UdpStack;
  /** Raw ICMP sockets (SOCK_RAW): each gets a copy of every ICMP message the host receives. */
  readonly raw: RawStack;
  /** The file-descriptor table; the lowest free number ≥ 3 is used next, as POSIX requires. */
  readonly fds = new Map<number, Sock>();
  /** Socket names from the scenario (`as`) → fd; shared by the host's programs (threads). */
  readonly names = new Map<string, number>();
  private ipId: number;

  constructor(
    readonly name: string,
    readonly ip: string,
    readonly opts: TcpOptions,
    readonly sched: Scheduler,
    readonly tracer: Tracer,
    private readonly network: Network,
    seed: number,
    readonly nextSid: () => number,
  ) {
    this.rng = createRng(seed, `host:${name}`);
    this.ipId = this.rng.int(0, 0xffff);
    this.tcp = new TcpStack(this, opts);
    this.udp = new UdpStack(this, opts);
    this.raw = new RawStack(this, opts);
  }

  output(p: PacketInput, meta: PacketMeta): number {
    this.ipId = (this.ipId + 1) & 0xffff;
    // One literal with every field, in one order: packets are the hottest allocation of a run.
    const packet: Packet = {
      id: 0, src: p.src, dst: p.dst, ttl: 64, ipId: this.ipId, df: p.proto === 'tcp', proto: p.proto,
      tcp: p.tcp, udp: p.udp, icmp: p.icmp,
    };
    return this.network.send(this, packet, meta);
  }

  discard(p: Packet, reason: 'backlog' | 'rcvbuf' | 'invalid'): void {
    this.network.discard(p, reason);
  }

  isLocal(ip: string): boolean {
    return ip === this.ip || ip.startsWith('127.');
  }

  mtuTo(ip: string): number {
    return this.network.mtu(this, ip);
  }

  receive(p: Packet): void {
    if (p.tcp) this.tcp.receive(p);
    else if (p.udp) this.udp.receive(p);
    else if (p.icmp) {
      // Linux delivers to raw sockets first (raw_local_deliver), then the kernel's own ICMP handling.
      this.raw.receive(p);
      this.receiveIcmp(p);
    }
  }

  /** ICMP destination unreachable about a packet we sent (RFC 1122 §4.2.3.9 for TCP). */
  private receiveIcmp(p: Packet): void {
    const orig = p.icmp!.original;
    const errno = p.icmp!.code === 3 ? 'ECONNREFUSED' : 'EHOSTUNREACH';
    if (orig.udp) { this.udp.icmpError(orig, errno); return; }
    if (orig.tcp) {
      for (const s of this.tcp.sockets()) {
        if (s.state !== 'SYN_SENT' || !s.remote || s.local!.port !== orig.tcp.srcPort || s.remote.port !== orig.tcp.dstPort) continue;
        if (s.opts.icmpInSynSent === 'abort') abortConnection(s, errno, 'ICMP unreachable', null);
        else s.errSoft = errno; // soft error: keep retrying the SYN (reported if it times out)
      }
    }
  }

  allocFd(s: Sock): number {
    let fd = 3;
    while (this.fds.has(fd)) fd++;
    this.fds.set(fd, s);
    s.fd = fd;
    return fd;
  }
}
