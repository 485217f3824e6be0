// An incremental reader for the classic libpcap stream that `tcpdump -w -` / `dumpcap -P -w -`
// write, decoding just enough of each packet for the stage: addresses, ports, TCP flags, seq, ack,
// window, payload length and the SYN options. Link types: Ethernet, Linux SLL and SLL2, raw IP.
// (A full pcap/pcapng decoder lives in src/sim/pcap; this small one keeps the bridge independent
// of it. The two can be unified later.)
import { flagNames, type FlagName } from '../sim/net/packet';
import { parseIp } from './addresses';
import { formatAddr } from './protocol';

export interface CapturedTcp {
  /** Capture time, ms since the Unix epoch. */
  wallMs: number;
  src: string;
  dst: string;
  flags: FlagName[];
  seq: number;
  ack: number;
  /** The 16-bit window field as sent (unscaled). */
  win: number;
  len: number;
  opts?: { mss?: number; wscale?: number; sackPermitted?: boolean };
}

const LINK_ETHERNET = 1;
const LINK_RAW = 101;
const LINK_RAW_OLD = 12;
const LINK_IPV4 = 228;
const LINK_IPV6 = 229;
const LINK_SLL = 113;
const LINK_SLL2 = 276;
const MAX_RECORD = 262144;

function ipText(b: Uint8Array, off: number, n: 4 | 16): string {
  if (n === 4) return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[off + i] << 8) | b[off + i + 1]).toString(16));
  return parseIp(g.join(':'))?.address ?? g.join(':');
}

function tcpOptions(b: Uint8Array, start: number, end: number): CapturedTcp['opts'] {
  const o: NonNullable<CapturedTcp['opts']> = {};
  let i = start;
  while (i < end) {
    const kind = b[i];
    if (kind === 0) break;
    if (kind === 1) { i++; continue; }
    const len = b[i + 1];
    if (len === undefined || len < 2 || i + len > end) break;
    if (kind === 2 && len === 4) o.mss = (b[i + 2] << 8) | b[i + 3];
    else if (kind === 3 && len === 3) o.wscale = b[i + 2];
    else if (kind === 4 && len === 2) o.sackPermitted = true;
    i += len;
  }
  return Object.keys(o).length ? o : undefined;
}

/** Decodes an IP packet at `off`; null unless it is an unfragmented TCP segment we can read. */
export function decodeIpTcp(b: Uint8Array, off: number, wallMs: number): CapturedTcp | null {
  const v = b[off] >> 4;
  let srcIp: string; let dstIp: string; let tcp: number; let ipEnd: number;
  if (v === 4) {
    const ihl = (b[off] & 15) * 4;
    const total = (b[off + 2] << 8) | b[off + 3];
    const fragOff = ((b[off + 6] & 0x1f) << 8) | b[off + 7];
    if (b[off + 9] !== 6 || fragOff !== 0 || ihl < 20) return null;
    srcIp = ipText(b, off + 12, 4); dstIp = ipText(b, off + 16, 4);
    tcp = off + ihl; ipEnd = off + total;
  } else if (v === 6) {
    if (b[off + 6] !== 6 || off + 40 > b.length) return null;
    srcIp = ipText(b, off + 8, 16); dstIp = ipText(b, off + 24, 16);
    tcp = off + 40; ipEnd = tcp + ((b[off + 4] << 8) | b[off + 5]);
  } else {
    return null;
  }
  if (tcp + 20 > b.length) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOff = (b[tcp + 12] >> 4) * 4;
  const flags = b[tcp + 13];
  const optEnd = Math.min(tcp + dataOff, b.length);
  return {
    wallMs,
    src: formatAddr(srcIp, dv.getUint16(tcp)),
    dst: formatAddr(dstIp, dv.getUint16(tcp + 2)),
    seq: dv.getUint32(tcp + 4),
    ack: dv.getUint32(tcp + 8),
    flags: flagNames(flags),
    win: dv.getUint16(tcp + 14),
    // The wire length, not the captured one: we capture headers only.
    len: Math.max(0, ipEnd - tcp - dataOff),
    opts: dataOff > 20 ? tcpOptions(b, tcp + 20, optEnd) : undefined,
  };
}

function linkOffset(link: number, b: Uint8Array): number | null {
  let off: number;
  let type: number;
  switch (link) {
    case LINK_RAW: case LINK_RAW_OLD: case LINK_IPV4: case LINK_IPV6: return 0;
    case LINK_ETHERNET: off = 14; type = (b[12] << 8) | b[13]; break;
    case LINK_SLL: off = 16; type = (b[14] << 8) | b[15]; break;
    case LINK_SLL2: off = 20; type = (b[0] << 8) | b[1]; break;
    default: return null;
  }
  while (type === 0x8100 || type === 0x88a8) { type = (b[off + 2] << 8) | b[off + 3]; off += 4; }
  return type === 0x0800 || type === 0x86dd ? off : null;
}

/** Feed it the capture tool's stdout chunk by chunk; it returns the TCP segments completed. */
export class PcapStreamParser {
  private buf = new Uint8Array(0);
  private little = true;
  private nanos = false;
  private link = -1;
  /** Set when the stream is not a pcap we understand; the parser then ignores input. */
  error: string | null = null;

  push(chunk: Uint8Array): CapturedTcp[] {
    if (this.error) return [];
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf); merged.set(chunk, this.buf.length);
    const out: CapturedTcp[] = [];
    let pos = 0;
    const dv = new DataView(merged.buffer);
    const u32 = (o: number) => dv.getUint32(o, this.little);
    if (this.link < 0) {
      if (merged.length < 24) { this.buf = merged; return out; }
      const magic = dv.getUint32(0, true);
      if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) this.little = true;
      else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) this.little = false;
      else { this.error = 'not a libpcap stream'; return out; }
      this.nanos = u32(0) === 0xa1b23c4d;
      this.link = u32(20) & 0xffff;
      pos = 24;
    }
    while (merged.length - pos >= 16) {
      const incl = u32(pos + 8);
      if (incl > MAX_RECORD) { this.error = 'corrupt record length'; return out; }
      if (merged.length - pos - 16 < incl) break;
      const wallMs = u32(pos) * 1000 + u32(pos + 4) / (this.nanos ? 1e6 : 1e3);
      const pkt = merged.subarray(pos + 16, pos + 16 + incl);
      const off = linkOffset(this.link, pkt);
      const seg = off === null ? null : decodeIpTcp(pkt, off, wallMs);
      if (seg) out.push(seg);
      pos += 16 + incl;
    }
    this.buf = merged.slice(pos);
    return out;
  }
}
