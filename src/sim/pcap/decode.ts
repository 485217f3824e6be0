// The inverse of encodePacket: IPv4 bytes → Packet. Used by the capture reader, so it must accept
// anything without throwing: bytes it cannot turn into a Packet give a DecodeFailure with a reason.
// Checksums are not verified here (loopback captures carry offloaded, "wrong" checksums);
// packetFields reports their status for the inspector.
import type { Packet, TcpHeader } from '../net/packet';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, formatIpv4, u16, u32 } from './checksum';
import { readTcpOptions } from './tcpOptions';

export type DecodeFailureReason =
  | 'not-ip'        // not an IP packet at all
  | 'ipv6'          // IPv6 (the model is IPv4 only)
  | 'truncated'     // the bytes end before the headers do
  | 'bad-header'    // a length field that cannot be right
  | 'fragment'      // an IPv4 fragment (MF set or offset ≠ 0)
  | 'protocol'      // an IP protocol other than TCP, UDP, ICMP
  | 'icmp-type';    // an ICMP message that does not quote a packet (echo, timestamp…)

export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  /** e.g. the IP protocol number or ICMP type that was not understood. */
  detail?: number;
}

export function isDecodeFailure(x: Packet | DecodeFailure): x is DecodeFailure {
  return (x as DecodeFailure).ok === false;
}

export interface DecodeOptions {
  /**
   * The capture kept fewer bytes than the packet had (snaplen): decode the headers that are
   * present and zero-fill the missing payload, so lengths still match the headers.
   */
  snapped?: boolean;
}

const fail = (reason: DecodeFailureReason, detail?: number): DecodeFailure =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

/** ICMP types whose body quotes the offending datagram (RFC 792). */
const QUOTING_ICMP = new Set([3, 4, 5, 11, 12]);

export function decodePacket(bytes: Uint8Array, id: number, options: DecodeOptions = {}): Packet | DecodeFailure {
  return decode(bytes, id, options.snapped === true, false);
}

function decode(b: Uint8Array, id: number, snapped: boolean, quoted: boolean): Packet | DecodeFailure {
  if (b.length < 1) return fail('truncated');
  const version = b[0] >> 4;
  if (version === 6) return fail('ipv6');
  if (version !== 4) return fail('not-ip');
  if (b.length < 20) return fail('truncated');
  const ihl = (b[0] & 0x0f) * 4;
  if (ihl < 20) return fail('bad-header');
  if (b.length < ihl) return fail('truncated');
  const total = u16(b, 2);
  if (total < ihl) return fail('bad-header');
  const fragment = u16(b, 6);
  if ((fragment & 0x2000) !== 0 || (fragment & 0x1fff) !== 0) return fail('fragment');
  // Bytes beyond the total length are link padding (short Ethernet frames); bytes missing
  // before it are only acceptable when the capture says it cut the packet short.
  let ip = b.subarray(0, Math.min(b.length, total));
  if (ip.length < total) {
    if (!snapped && !quoted) return fail('truncated');
    const full = new Uint8Array(total);
    full.set(ip);
    ip = full;
  }
  const available = Math.min(b.length, total); // bytes really present, the rest is zero-filled
  const base = {
    id, src: formatIpv4(ip, 12), dst: formatIpv4(ip, 16), ttl: ip[8], ipId: u16(ip, 4),
    df: (fragment & 0x4000) !== 0,
  };
  const proto = ip[9];
  if (proto === IPPROTO_TCP) {
    if (available < ihl + (quoted ? 8 : 20)) return fail('truncated');
    let dataOffset = (ip[ihl + 12] >> 4) * 4;
    if (quoted && available < ihl + 20) {
      // An ICMP quote holds only 8 bytes of the segment: ports and sequence number. The rest of
      // the header is unknown, so it is taken as a bare 20-byte header with the payload zeroed.
      // (ip is our zero-filled copy here, since total ≥ ihl + 20 > available.)
      if (total < ihl + 20) return fail('bad-header');
      dataOffset = 20;
      ip[ihl + 12] = 0x50;
    }
    if (dataOffset < 20 || ihl + dataOffset > total) return fail('bad-header');
    if (available < ihl + dataOffset && !quoted) return fail('truncated');
    const optEnd = Math.min(ihl + dataOffset, available);
    const tcp: TcpHeader = {
      srcPort: u16(ip, ihl), dstPort: u16(ip, ihl + 2), seq: u32(ip, ihl + 4), ack: u32(ip, ihl + 8),
      flags: ip[ihl + 13] | ((ip[ihl + 12] & 1) << 8), window: u16(ip, ihl + 14), urgent: u16(ip, ihl + 18),
      options: readTcpOptions(ip, ihl + 20, optEnd),
      payload: ip.slice(ihl + dataOffset, total),
    };
    return { ...base, proto: 'tcp', tcp };
  }
  if (proto === IPPROTO_UDP) {
    if (available < ihl + 8) return fail('truncated');
    const udpLen = u16(ip, ihl + 4);
    if (udpLen < 8 || ihl + udpLen > total) return fail('bad-header');
    return { ...base, proto: 'udp', udp: { srcPort: u16(ip, ihl), dstPort: u16(ip, ihl + 2), payload: ip.slice(ihl + 8, ihl + udpLen) } };
  }
  if (proto === IPPROTO_ICMP) {
    if (quoted) return fail('icmp-type'); // an ICMP error about an ICMP message: not modelled
    if (available < ihl + 8) return fail('truncated');
    const type = ip[ihl];
    if (!QUOTING_ICMP.has(type)) return fail('icmp-type', type);
    const original = decode(ip.subarray(ihl + 8, available), -1, false, true);
    if (isDecodeFailure(original)) return original.reason === 'icmp-type' ? fail('icmp-type', type) : original;
    return { ...base, proto: 'icmp', icmp: { type, code: ip[ihl + 1], original } };
  }
  return fail('protocol', proto);
}
