// Wire encoding of the simulator's Packet: the exact IPv4 bytes a real stack would put on the
// link, with correct IPv4, TCP, UDP and ICMP checksums. Used by the pcap writer and by the
// inspector (which highlights fields of these bytes, see packetFields.ts).
import { ipLength, tcpHeaderLength, type Packet } from '../net/packet';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, internetChecksum, parseIpv4, pseudoHeaderSum } from './checksum';
import { writeTcpOptions } from './tcpOptions';

/** A packet read from a capture file: `wire` holds the IPv4 bytes exactly as captured. */
export interface CapturedPacket extends Packet {
  wire: Uint8Array;
  /** True when the capture kept fewer bytes than the packet had (snaplen); payload is zero-filled. */
  snapped?: boolean;
}

/** The bytes to show for a packet: the captured bytes when there are some, else its encoding. */
export function packetBytes(p: Packet): Uint8Array {
  const wire = (p as Partial<CapturedPacket>).wire;
  return wire instanceof Uint8Array ? wire : encodePacket(p);
}

const PROTO_NUMBER = { tcp: IPPROTO_TCP, udp: IPPROTO_UDP, icmp: IPPROTO_ICMP } as const;

function address(text: string, which: string, id: number): Uint8Array {
  const a = parseIpv4(text);
  if (!a) throw new RangeError(`packet ${id}: ${which} address "${text}" is not a dotted IPv4 address`);
  return a;
}

function checkRange(value: number, max: number, what: string, id: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`packet ${id}: ${what} ${value} is outside 0..${max}`);
  }
}

/**
 * Encodes `p` as IPv4 bytes: a 20-byte IPv4 header (no IP options, TOS 0, DF as given) followed
 * by the TCP segment, UDP datagram or ICMP error message. Throws a RangeError for a packet that
 * cannot exist on the wire (bad address, field out of range, header missing for its protocol):
 * those are simulator bugs, not user input.
 */
export function encodePacket(p: Packet): Uint8Array {
  const src = address(p.src, 'source', p.id);
  const dst = address(p.dst, 'destination', p.id);
  checkRange(p.ttl, 255, 'TTL', p.id);
  checkRange(p.ipId, 0xffff, 'IP identification', p.id);
  const total = ipLength(p);
  checkRange(total, 0xffff, 'total length', p.id);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out[0] = 0x45; // version 4, IHL 5 words
  dv.setUint16(2, total);
  dv.setUint16(4, p.ipId);
  dv.setUint16(6, p.df ? 0x4000 : 0);
  out[8] = p.ttl;
  out[9] = PROTO_NUMBER[p.proto];
  out.set(src, 12);
  out.set(dst, 16);
  dv.setUint16(10, internetChecksum(out, 0, 20));

  if (p.proto === 'tcp') encodeTcp(p, out, dv, src, dst);
  else if (p.proto === 'udp') encodeUdp(p, out, dv, src, dst);
  else encodeIcmp(p, out, dv);
  return out;
}

function encodeTcp(p: Packet, out: Uint8Array, dv: DataView, src: Uint8Array, dst: Uint8Array): void {
  const h = p.tcp;
  if (!h) throw new RangeError(`packet ${p.id}: proto is tcp but there is no tcp header`);
  checkRange(h.srcPort, 0xffff, 'TCP source port', p.id);
  checkRange(h.dstPort, 0xffff, 'TCP destination port', p.id);
  checkRange(h.window, 0xffff, 'TCP window', p.id);
  checkRange(h.urgent, 0xffff, 'TCP urgent pointer', p.id);
  checkRange(h.flags, 0x1ff, 'TCP flags', p.id);
  const hl = tcpHeaderLength(h);
  if (hl > 60) throw new RangeError(`packet ${p.id}: TCP options take ${hl - 20} bytes, more than 40`);
  const o = 20;
  dv.setUint16(o, h.srcPort);
  dv.setUint16(o + 2, h.dstPort);
  dv.setUint32(o + 4, h.seq >>> 0);
  dv.setUint32(o + 8, h.ack >>> 0);
  out[o + 12] = ((hl / 4) << 4) | ((h.flags >> 8) & 1); // data offset, then the AE/NS bit
  out[o + 13] = h.flags & 0xff;
  dv.setUint16(o + 14, h.window);
  dv.setUint16(o + 18, h.urgent);
  writeTcpOptions(h.options, out, o + 20);
  out.set(h.payload, o + hl);
  const len = out.length - o;
  dv.setUint16(o + 16, internetChecksum(out, o, out.length, pseudoHeaderSum(src, dst, IPPROTO_TCP, len)));
}

function encodeUdp(p: Packet, out: Uint8Array, dv: DataView, src: Uint8Array, dst: Uint8Array): void {
  const h = p.udp;
  if (!h) throw new RangeError(`packet ${p.id}: proto is udp but there is no udp header`);
  checkRange(h.srcPort, 0xffff, 'UDP source port', p.id);
  checkRange(h.dstPort, 0xffff, 'UDP destination port', p.id);
  const o = 20;
  const len = 8 + h.payload.length;
  dv.setUint16(o, h.srcPort);
  dv.setUint16(o + 2, h.dstPort);
  dv.setUint16(o + 4, len);
  out.set(h.payload, o + 8);
  const sum = internetChecksum(out, o, out.length, pseudoHeaderSum(src, dst, IPPROTO_UDP, len));
  // RFC 768: a computed checksum of zero is sent as all ones; zero means "no checksum".
  dv.setUint16(o + 6, sum === 0 ? 0xffff : sum);
}

function encodeIcmp(p: Packet, out: Uint8Array, dv: DataView): void {
  const m = p.icmp;
  if (!m) throw new RangeError(`packet ${p.id}: proto is icmp but there is no icmp message`);
  checkRange(m.type, 255, 'ICMP type', p.id);
  checkRange(m.code, 255, 'ICMP code', p.id);
  const o = 20;
  out[o] = m.type;
  out[o + 1] = m.code;
  // Bytes 4..7 stay zero: "unused" for port/host unreachable (RFC 792). For fragmentation-needed
  // RFC 1191 puts the next-hop MTU in bytes 6..7; the Packet model has no field for it, so it is 0.
  // RFC 792: the original datagram's IP header plus the first 64 bits of its payload.
  const original = encodePacket(m.original);
  out.set(original.subarray(0, out.length - o - 8), o + 8);
  dv.setUint16(o + 2, internetChecksum(out, o, out.length));
}
