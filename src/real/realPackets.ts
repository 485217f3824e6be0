// Packets for a real session, rebuilt from its trace so the inspector and the pcap export work as
// for a simulated run. The bridge's capture reports header fields only (flags, seq, ack, length,
// window, SYN options); the payload is taken from the bytes the page itself sent and received on
// that connection (TCP is a byte stream, so `rseq` says exactly which bytes a segment carried).
// What the bridge does not report (IP identification, TTL, timestamps) gets fixed, typical values.
import { flagBits, type Packet, type TcpOption } from '../sim/net/packet';
import { linuxOptionLayout } from '../sim/pcap/tcpOptions';
import { isRecvResult, type SegmentRecord, type TraceRecord } from '../sim/trace/records';

/** Bytes of one direction of a connection, with the ranges we know (hex kept per record may be cut). */
class Stream {
  private bytes = new Uint8Array(256);
  private known = new Uint8Array(256);
  length = 0;

  append(hex: string | undefined, n: number) {
    this.grow(this.length + n);
    const parts = hex ? hex.split(' ') : [];
    for (let i = 0; i < n; i++) {
      const v = i < parts.length ? parseInt(parts[i], 16) : NaN;
      if (!Number.isNaN(v)) { this.bytes[this.length + i] = v; this.known[this.length + i] = 1; }
    }
    this.length += n;
  }

  /** `n` bytes from `offset`; bytes never seen (or beyond what was recorded) are zero. */
  slice(offset: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = offset + i;
      if (k >= 0 && k < this.length && this.known[k]) out[i] = this.bytes[k];
    }
    return out;
  }

  private grow(n: number) {
    if (n <= this.bytes.length) return;
    let size = this.bytes.length;
    while (size < n) size *= 2;
    const b = new Uint8Array(size); b.set(this.bytes); this.bytes = b;
    const k = new Uint8Array(size); k.set(this.known); this.known = k;
  }
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})$/;

function endpoint(addr: string): { ip: string; port: number } | null {
  const m = IPV4.exec(addr);
  if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 65535) return null;
  return { ip: m.slice(1, 5).join('.'), port: Number(m[5]) };
}

function synOptions(r: SegmentRecord): TcpOption[] {
  const o = r.opts;
  if (!o) return [];
  const list: TcpOption[] = [];
  if (o.mss !== undefined) list.push({ kind: 'mss', value: o.mss });
  if (o.sackPermitted) list.push({ kind: 'sackPermitted' });
  if (o.wscale !== undefined) list.push({ kind: 'wscale', shift: o.wscale });
  return linuxOptionLayout(list);
}

/** One packet per captured segment (`send` record), keyed by the record's packet id. */
export function packetsFromRealTrace(trace: readonly TraceRecord[]): Map<number, Packet> {
  const out = new Map<number, Packet>();
  const sent = new Map<string, Stream>(); // "local->remote" of a page socket → bytes it sent
  const received = new Map<string, Stream>();
  const tupleOfFd = new Map<number, string>();
  const calls = new Map<number, { fd?: number; hex?: string }>();
  const wscale = new Map<string, number | undefined>(); // "src>dst" → the SYN's shift
  const stream = (m: Map<string, Stream>, k: string) => {
    let s = m.get(k);
    if (!s) { s = new Stream(); m.set(k, s); }
    return s;
  };

  // First the byte streams (a segment is often recorded before the call that sent or read it
  // returns), then the packets.
  for (const r of trace) {
    if (r.type === 'call') {
      calls.set(r.id, { fd: r.fd, hex: typeof r.args.hex === 'string' ? r.args.hex : undefined });
    } else if (r.type === 'return') {
      const c = calls.get(r.id);
      if (r.sock && r.sock.includes('->')) {
        // connect() names the socket it was called on; accept() the new one (its result).
        const fd = r.op === 'accept' && typeof r.result === 'number' ? r.result : c?.fd;
        if (fd !== undefined) tupleOfFd.set(fd, r.sock);
      }
      const tuple = c?.fd !== undefined ? tupleOfFd.get(c.fd) : undefined;
      if (!tuple || r.error) continue;
      if (r.op === 'send' && typeof r.result === 'number' && r.result > 0) stream(sent, tuple).append(c?.hex, r.result);
      if (r.op === 'recv' && isRecvResult(r.result) && r.result.bytes > 0) stream(received, tuple).append(r.result.hex, r.result.bytes);
    }
  }
  for (const r of trace) {
    if (r.type === 'segment' && r.event === 'send') {
      const src = endpoint(r.src);
      const dst = endpoint(r.dst);
      if (!src || !dst) continue; // IPv6: the pcap format we write is IPv4 only
      const syn = r.flags.includes('SYN');
      if (syn) wscale.set(`${r.src}>${r.dst}`, r.opts?.wscale);
      const mine = wscale.get(`${r.src}>${r.dst}`);
      const theirs = wscale.get(`${r.dst}>${r.src}`);
      // The record's window is scaled once both SYNs offered scaling; the header holds it unscaled.
      const window = !syn && mine !== undefined && theirs !== undefined ? Math.floor(r.win / 2 ** mine) : r.win;
      const out1 = sent.get(`${r.src}->${r.dst}`);
      const in1 = received.get(`${r.dst}->${r.src}`);
      const data = out1 ?? in1;
      const payload = r.len > 0 ? (data ? data.slice(r.rseq - 1, r.len) : new Uint8Array(r.len)) : new Uint8Array(0);
      out.set(r.id, {
        id: r.id, src: src.ip, dst: dst.ip, ttl: 64, ipId: 0, df: true, proto: 'tcp',
        tcp: {
          srcPort: src.port, dstPort: dst.port, seq: r.seq >>> 0, ack: r.ack >>> 0, flags: flagBits(r.flags),
          window: Math.min(0xffff, Math.max(0, window)), urgent: 0, options: syn ? synOptions(r) : [], payload,
        },
      });
    }
  }
  return out;
}
