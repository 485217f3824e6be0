// Capture import, step 1: bytes of a .pcap/.pcapng file → frames and decoded IPv4 packets.
// Never throws: whatever the bytes, the answer is a Capture or a CaptureError.
import type { Packet } from '../net/packet';
import {
  MAX_CAPTURE_BYTES, captureError, type CaptureError, type CaptureWarning,
} from './captureError';
import { decodePacket, isDecodeFailure } from './decode';
import type { CapturedPacket } from './encode';
import { isSupportedLinktype, stripLinkLayer, type SkipReason } from './linkLayer';
import { isClassicPcapMagic, readClassicPcap } from './pcapClassic';
import { PCAPNG_SHB, readPcapng } from './pcapng';
import type { CaptureFormat, CaptureInterface, RawCapture } from './rawCapture';

export interface CaptureFrame {
  /** Frame number as Wireshark shows it (1-based); also the packet id when it decoded. */
  n: number;
  /** Milliseconds since the earliest frame of the file. */
  t: number;
  /** Absolute capture time: seconds since the Unix epoch, nanoseconds within that second. */
  sec: number;
  nsec: number;
  /** Index into Capture.interfaces, -1 when the frame names an undescribed interface. */
  iface: number;
  caplen: number;
  origlen: number;
  /** Why the frame did not become a packet; absent when packets.get(n) exists. */
  skipped?: SkipReason;
}

export interface Capture {
  format: CaptureFormat;
  interfaces: CaptureInterface[];
  frames: CaptureFrame[];
  /** Decoded IPv4 TCP/UDP/ICMP packets by frame number, with the exact captured bytes. */
  packets: Map<number, CapturedPacket>;
  /** How many frames were skipped, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  warnings: CaptureWarning[];
}

const hex8 = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');

function sniff(bytes: Uint8Array): 'pcap' | 'pcapng' | CaptureError {
  if (bytes.length === 0) return captureError('empty');
  const b = (i: number) => bytes[i] ?? 0;
  if (b(0) === 0x1f && b(1) === 0x8b) return captureError('compressed', { format: 'gzip' });
  if (b(0) === 0x28 && b(1) === 0xb5 && b(2) === 0x2f && b(3) === 0xfd) return captureError('compressed', { format: 'zstd' });
  if (b(0) === 0xfd && b(1) === 0x37 && b(2) === 0x7a && b(3) === 0x58) return captureError('compressed', { format: 'xz' });
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return captureError('compressed', { format: 'zip' });
  if (bytes.length < 4) return captureError('bad-magic', { magic: Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('') });
  const magicLE = (b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24)) >>> 0;
  if (magicLE === PCAPNG_SHB) return 'pcapng';
  if (isClassicPcapMagic(magicLE)) return 'pcap';
  // Alexey Kuznetzov's modified pcap, and Sun snoop: recognized, not read.
  if (magicLE === 0xa1b2cd34 || magicLE === 0x34cdb2a1) return captureError('unsupported-format', { format: 'modified-pcap' });
  if (String.fromCharCode(b(0), b(1), b(2), b(3), b(4)) === 'snoop') return captureError('unsupported-format', { format: 'snoop' });
  return captureError('bad-magic', { magic: hex8(magicLE) });
}

export function readCapture(bytes: Uint8Array): Capture | CaptureError {
  try {
    return read(bytes);
  } catch (e) {
    // Every path is bounds-checked; this only turns a bug into an error instead of a crash.
    // The robustness tests assert that it never happens.
    return captureError('internal', { detail: e instanceof Error ? e.message : String(e) });
  }
}

function read(bytes: Uint8Array): Capture | CaptureError {
  if (!(bytes instanceof Uint8Array)) return captureError('empty');
  if (bytes.length > MAX_CAPTURE_BYTES) return captureError('too-large', { bytes: bytes.length, limit: MAX_CAPTURE_BYTES });
  const kind = sniff(bytes);
  if (typeof kind !== 'string') return kind;
  const raw: RawCapture | CaptureError = kind === 'pcap' ? readClassicPcap(bytes) : readPcapng(bytes);
  if ('kind' in raw) return raw;
  if (raw.frames.length === 0) {
    const w = raw.warnings[0];
    return w ? captureError(w.code === 'snapped' ? 'truncated' : w.code, w.params) : captureError('no-frames');
  }
  return decodeFrames(raw);
}

function decodeFrames(raw: RawCapture): Capture | CaptureError {
  let s0 = Infinity, n0 = 0;
  for (const f of raw.frames) {
    if (f.sec < s0 || (f.sec === s0 && f.nsec < n0)) { s0 = f.sec; n0 = f.nsec; }
  }
  const capture: Capture = {
    format: raw.format, interfaces: raw.interfaces, frames: [], packets: new Map(), skipped: {},
    warnings: [...raw.warnings],
  };
  let snapped = 0;
  raw.frames.forEach((f, i) => {
    const n = i + 1;
    const frame: CaptureFrame = {
      n, t: (f.sec - s0) * 1000 + (f.nsec - n0) / 1e6, sec: f.sec, nsec: f.nsec, iface: f.iface,
      caplen: f.data.length, origlen: f.origlen,
    };
    const skip = (reason: SkipReason) => {
      frame.skipped = reason;
      capture.skipped[reason] = (capture.skipped[reason] ?? 0) + 1;
    };
    const iface = raw.interfaces[f.iface];
    if (!iface) skip('no-interface');
    else {
      const ip = stripLinkLayer(iface.linktype, f.data);
      if (typeof ip === 'string') skip(ip);
      else {
        const cut = f.data.length < f.origlen;
        const p = decodePacket(ip, n, { snapped: cut });
        if (isDecodeFailure(p)) skip(p.reason);
        else {
          const wire = ip.slice(0, Math.min(ip.length, ipTotalLength(ip)));
          const captured: CapturedPacket = cut ? { ...p, wire, snapped: true } : { ...p, wire };
          if (cut) snapped++;
          capture.packets.set(n, captured);
        }
      }
    }
    capture.frames.push(frame);
  });
  if (snapped > 0) capture.warnings.push({ code: 'snapped', params: { packets: snapped } });
  linkIcmpOriginals(capture);
  if (capture.packets.size === 0) {
    const linktypes = [...new Set(raw.interfaces.map((i) => i.linktype))];
    if (linktypes.length > 0 && linktypes.every((l) => !isSupportedLinktype(l))) {
      return captureError('unsupported-linktype', { linktype: linktypes.join(', ') });
    }
    return captureError('no-supported-packets', {
      frames: capture.frames.length,
      ipv6: capture.skipped.ipv6 ?? 0,
      other: capture.frames.length - (capture.skipped.ipv6 ?? 0),
    });
  }
  return capture;
}

function ipTotalLength(ip: Uint8Array): number {
  return ip.length >= 4 ? (ip[2] << 8) | ip[3] : ip.length;
}

/**
 * An ICMP error quotes the packet that caused it; when that packet is in the capture too, give
 * the quote its frame number as id, so `original.id` names it like the simulator's packets do.
 */
function linkIcmpOriginals(capture: Capture): void {
  const earlier: Packet[] = [];
  for (const p of capture.packets.values()) {
    const q = p.icmp?.original;
    if (q) {
      for (let i = earlier.length - 1; i >= 0; i--) {
        if (sameDatagram(earlier[i], q)) { q.id = earlier[i].id; break; }
      }
    }
    earlier.push(p);
  }
}

function sameDatagram(a: Packet, q: Packet): boolean {
  if (a.proto !== q.proto || a.src !== q.src || a.dst !== q.dst || a.ipId !== q.ipId) return false;
  if (a.tcp && q.tcp) return a.tcp.srcPort === q.tcp.srcPort && a.tcp.dstPort === q.tcp.dstPort && a.tcp.seq === q.tcp.seq;
  if (a.udp && q.udp) return a.udp.srcPort === q.udp.srcPort && a.udp.dstPort === q.udp.dstPort;
  return false;
}
