// Raw ICMP sockets (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), Linux raw(7)): every ICMP message the
// host receives is also copied to each open raw ICMP socket, in arrival order, as the whole IPv4
// packet (IP header + ICMP message) — the kernel still handles the message itself as before.
// Receive only: no bind needed, sending is not modelled (sendto → EOPNOTSUPP).
import type { Packet } from '../net/packet';
import type { HostContext } from '../net/hostContext';
import type { TcpOptions } from '../tcp/profiles';
import { MessageSocket } from '../net/messageSocket';
import { encodePacket } from '../pcap/encode';

export interface RawPacket { from: string; data: Uint8Array }

export class RawSocket extends MessageSocket<RawPacket> {
  /** The trace's name for it: a raw socket has no port. */
  get name(): string {
    return 'raw:icmp';
  }
}

export class RawStack {
  private readonly open = new Set<RawSocket>();

  constructor(private readonly host: HostContext, private readonly opts: TcpOptions) {}

  createSocket(): RawSocket {
    const s = new RawSocket(this.host, this.opts);
    this.open.add(s);
    return s;
  }

  close(s: RawSocket): void {
    s.closed = true;
    this.open.delete(s);
    s.queue = [];
    s.queuedBytes = 0;
    s.wake();
  }

  /** An ICMP message arrived at this host: a copy for every raw ICMP socket (raw_v4_input). */
  receive(p: Packet): void {
    if (this.open.size === 0) return;
    const bytes = encodePacket(p);
    for (const s of this.open) {
      // Like a UDP receive buffer: a packet that does not fit is dropped (for this socket only).
      if (s.queuedBytes + bytes.length > s.rcvBufSize) continue;
      s.queue.push({ from: p.src, data: bytes });
      s.queuedBytes += bytes.length;
      s.wake();
    }
  }
}
