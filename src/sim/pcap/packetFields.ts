// The inspector's map of a packet's bytes: every header field with its byte offset and length
// (and bit mask for sub-byte fields), so the UI can list fields and highlight their bytes.
// Works on any bytes (simulated or captured, even damaged) and never throws: it lists the fields
// that are present and stops where the bytes end. `key` is a stable id for the UI's labels.
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, fold16, formatIpv4, internetChecksum, onesSum, pseudoHeaderSum, u16, u32 } from './checksum';
import { flagNames } from '../net/packet';
import { TCPOPT_EOL, TCPOPT_MSS, TCPOPT_NOP, TCPOPT_SACK, TCPOPT_SACK_PERM, TCPOPT_TIMESTAMP, TCPOPT_WSCALE } from './tcpOptions';

export type FieldLayer = 'ip' | 'tcp' | 'udp' | 'icmp' | 'quoted-ip' | 'quoted-tcp' | 'quoted-udp' | 'payload';

/**
 * good/bad: verified; partial: holds only the pseudo-header sum, as Linux leaves it when the NIC
 * (or loopback) is to finish it — captures on the sending host show this; absent: UDP checksum 0
 * (not computed); unverified: the bytes needed to check it are not all there.
 */
export type ChecksumStatus = 'good' | 'bad' | 'partial' | 'absent' | 'unverified';

export interface PacketField {
  key: string;
  layer: FieldLayer;
  offset: number;
  length: number;
  /** For fields narrower than their bytes: the bits, as a mask over the big-endian bytes. */
  mask?: number;
  value: number | string;
  /** Human form where the number alone says little, e.g. flag names "SYN ACK". */
  text?: string;
  checksum?: ChecksumStatus;
}

export function packetFields(bytes: Uint8Array): PacketField[] {
  const out: PacketField[] = [];
  ipv4(bytes, 0, bytes.length, false, out);
  return out;
}

function ipv4(b: Uint8Array, at: number, end: number, quoted: boolean, out: PacketField[]): void {
  const layer: FieldLayer = quoted ? 'quoted-ip' : 'ip';
  const add = (key: string, offset: number, length: number, value: number | string, extra: Partial<PacketField> = {}) => {
    if (offset + length <= end) out.push({ key, layer, offset, length, value, ...extra });
    return offset + length <= end;
  };
  if (!add('ip.version', at, 1, b[at] >> 4, { mask: 0xf0 })) return;
  const ihl = (b[at] & 0x0f) * 4;
  add('ip.headerLength', at, 1, ihl, { mask: 0x0f });
  if (b[at] >> 4 !== 4 || ihl < 20) return;
  add('ip.tos', at + 1, 1, b[at + 1]);
  if (!add('ip.totalLength', at + 2, 2, u16(b, at + 2))) return;
  add('ip.identification', at + 4, 2, u16(b, at + 4));
  if (!add('ip.flags', at + 6, 2, b[at + 6] >> 5, { mask: 0xe000, text: ipFlagText(b[at + 6]) })) return;
  add('ip.fragmentOffset', at + 6, 2, u16(b, at + 6) & 0x1fff, { mask: 0x1fff });
  add('ip.ttl', at + 8, 1, b[at + 8]);
  add('ip.protocol', at + 9, 1, b[at + 9], { text: ({ 1: 'ICMP', 6: 'TCP', 17: 'UDP' } as Record<number, string>)[b[at + 9]] });
  if (!add('ip.checksum', at + 10, 2, u16(b, at + 10), { checksum: at + ihl <= end ? (internetChecksum(b, at, at + ihl) === 0 ? 'good' : 'bad') : 'unverified' })) return;
  add('ip.src', at + 12, 4, formatIpv4(b, at + 12));
  if (!add('ip.dst', at + 16, 4, formatIpv4(b, at + 16))) return;
  if (ihl > 20) add('ip.options', at + 20, ihl - 20, ihl - 20);
  if (at + ihl > end) return;
  const total = u16(b, at + 2);
  const l4 = at + ihl;
  const l4end = Math.min(end, at + Math.max(total, ihl));
  const complete = at + total <= end;
  // A later fragment has no transport header; a first fragment has one but not all its bytes.
  if ((u16(b, at + 6) & 0x1fff) !== 0) return;
  const checkable = complete && !quoted && (b[at + 6] & 0x20) === 0;
  const pseudo = checkable ? pseudoHeaderSum(b.subarray(at + 12, at + 16), b.subarray(at + 16, at + 20), b[at + 9], total - ihl) : null;
  const proto = b[at + 9];
  if (proto === IPPROTO_TCP) tcp(b, l4, l4end, quoted, pseudo, out);
  else if (proto === IPPROTO_UDP) udp(b, l4, l4end, quoted, pseudo, out);
  else if (proto === IPPROTO_ICMP && !quoted) icmp(b, l4, l4end, complete, out);
}

function ipFlagText(byte: number): string {
  const names = [];
  if (byte & 0x80) names.push('reserved');
  if (byte & 0x40) names.push('DF');
  if (byte & 0x20) names.push('MF');
  return names.join(' ');
}

/** Status of a TCP/UDP checksum given the pseudo-header sum (null: cannot be checked). */
function transportChecksum(b: Uint8Array, start: number, end: number, stored: number, pseudo: number | null): ChecksumStatus {
  if (pseudo === null) return 'unverified';
  if (fold16(onesSum(b, start, end, pseudo)) === 0xffff) return 'good';
  return stored === fold16(pseudo) ? 'partial' : 'bad';
}

function tcp(b: Uint8Array, at: number, end: number, quoted: boolean, pseudo: number | null, out: PacketField[]): void {
  const layer: FieldLayer = quoted ? 'quoted-tcp' : 'tcp';
  const add = (key: string, offset: number, length: number, value: number | string, extra: Partial<PacketField> = {}) => {
    if (offset + length <= end) out.push({ key, layer, offset, length, value, ...extra });
    return offset + length <= end;
  };
  add('tcp.srcPort', at, 2, u16(b, at));
  add('tcp.dstPort', at + 2, 2, u16(b, at + 2));
  add('tcp.seq', at + 4, 4, u32(b, at + 4));
  if (!add('tcp.ack', at + 8, 4, u32(b, at + 8))) return;
  const doff = (b[at + 12] >> 4) * 4;
  add('tcp.dataOffset', at + 12, 1, doff, { mask: 0xf0 });
  const flags = ((b[at + 12] & 1) << 8) | b[at + 13];
  add('tcp.flags', at + 12, 2, flags, { mask: 0x0fff, text: flagText(flags) });
  add('tcp.window', at + 14, 2, u16(b, at + 14));
  add('tcp.checksum', at + 16, 2, u16(b, at + 16), { checksum: end >= at + 18 ? transportChecksum(b, at, end, u16(b, at + 16), pseudo) : 'unverified' });
  if (!add('tcp.urgent', at + 18, 2, u16(b, at + 18))) return;
  if (doff < 20) return;
  const optEnd = Math.min(end, at + doff);
  for (let o = at + 20; o < optEnd;) {
    const kind = b[o];
    if (kind === TCPOPT_EOL) { add('tcp.option.eol', o, optEnd - o, 0); break; }
    if (kind === TCPOPT_NOP) { add('tcp.option.nop', o, 1, 1); o++; continue; }
    const len = o + 1 < optEnd ? b[o + 1] : 0;
    if (len < 2 || o + len > optEnd) { add('tcp.option.malformed', o, optEnd - o, kind); break; }
    if (kind === TCPOPT_MSS && len === 4) add('tcp.option.mss', o, 4, u16(b, o + 2));
    else if (kind === TCPOPT_WSCALE && len === 3) add('tcp.option.wscale', o, 3, b[o + 2], { text: `×${2 ** Math.min(b[o + 2], 14)}` });
    else if (kind === TCPOPT_SACK_PERM && len === 2) add('tcp.option.sackPermitted', o, 2, 1);
    else if (kind === TCPOPT_TIMESTAMP && len === 10) add('tcp.option.timestamps', o, 10, `${u32(b, o + 2)} ${u32(b, o + 6)}`);
    else if (kind === TCPOPT_SACK && (len - 2) % 8 === 0) {
      const blocks = [];
      for (let s = o + 2; s < o + len; s += 8) blocks.push(`${u32(b, s)}-${u32(b, s + 4)}`);
      add('tcp.option.sack', o, len, blocks.join(' '));
    } else add('tcp.option.other', o, len, kind);
    o += len;
  }
  if (!quoted && at + doff < end) out.push({ key: 'tcp.payload', layer: 'payload', offset: at + doff, length: end - at - doff, value: end - at - doff });
}

function flagText(flags: number): string {
  const names: string[] = [...flagNames(flags)]; // flagNames returns a shared, frozen array
  if (flags & 0x40) names.push('ECE');
  if (flags & 0x80) names.push('CWR');
  if (flags & 0x100) names.push('AE');
  return names.join(' ');
}

function udp(b: Uint8Array, at: number, end: number, quoted: boolean, pseudo: number | null, out: PacketField[]): void {
  const layer: FieldLayer = quoted ? 'quoted-udp' : 'udp';
  if (at + 8 > end) return;
  const stored = u16(b, at + 6);
  out.push(
    { key: 'udp.srcPort', layer, offset: at, length: 2, value: u16(b, at) },
    { key: 'udp.dstPort', layer, offset: at + 2, length: 2, value: u16(b, at + 2) },
    { key: 'udp.length', layer, offset: at + 4, length: 2, value: u16(b, at + 4) },
    { key: 'udp.checksum', layer, offset: at + 6, length: 2, value: stored, checksum: stored === 0 ? 'absent' : transportChecksum(b, at, end, stored, pseudo) },
  );
  if (!quoted && at + 8 < end) out.push({ key: 'udp.payload', layer: 'payload', offset: at + 8, length: end - at - 8, value: end - at - 8 });
}

function icmp(b: Uint8Array, at: number, end: number, complete: boolean, out: PacketField[]): void {
  if (at + 8 > end) return;
  const type = b[at];
  const mtu = type === 3 && b[at + 1] === 4;
  out.push(
    { key: 'icmp.type', layer: 'icmp', offset: at, length: 1, value: type },
    { key: 'icmp.code', layer: 'icmp', offset: at + 1, length: 1, value: b[at + 1] },
    { key: 'icmp.checksum', layer: 'icmp', offset: at + 2, length: 2, value: u16(b, at + 2), checksum: complete ? (internetChecksum(b, at, end) === 0 ? 'good' : 'bad') : 'unverified' },
    mtu
      ? { key: 'icmp.nextHopMtu', layer: 'icmp', offset: at + 6, length: 2, value: u16(b, at + 6) }
      : { key: 'icmp.unused', layer: 'icmp', offset: at + 4, length: 4, value: u32(b, at + 4) },
  );
  if ([3, 4, 5, 11, 12].includes(type) && at + 8 < end) ipv4(b, at + 8, end, true, out);
}
