// Reader for pcapng (draft-ietf-opsawg-pcapng): Section Header, Interface Description, Enhanced,
// Simple and (obsolete) Packet blocks; any number of sections and interfaces, either byte order,
// if_tsresol and if_tsoffset. Other block types are skipped. A damaged block ends the reading
// with a warning; the frames before it are kept.
import { MAX_CAPTURE_FRAMES, captureError, type CaptureError } from './captureError';
import type { CaptureInterface, RawCapture, RawFrame } from './rawCapture';

export const PCAPNG_SHB = 0x0a0d0d0a;
const BOM = 0x1a2b3c4d;
const IDB = 1, OPB = 2, SPB = 3, EPB = 6;
const OPT_END = 0, IF_NAME = 2, IF_TSRESOL = 9, IF_TSOFFSET = 14;

interface Iface extends CaptureInterface {
  /** Timestamp units per second, as a BigInt (10^6 unless if_tsresol says otherwise). */
  unitsPerSecond: bigint;
  offsetSeconds: bigint;
}

function unitsPerSecond(tsresol: number): bigint {
  // MSB clear: 10^-n seconds per unit; MSB set: 2^-n.
  return tsresol & 0x80 ? 2n ** BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
}

export function readPcapng(bytes: Uint8Array): RawCapture | CaptureError {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result: RawCapture = { format: 'pcapng', interfaces: [], frames: [], warnings: [] };
  let section: Iface[] = []; // interface ids are per section
  let le = true;
  let lastSec = 0, lastNsec = 0;
  let o = 0;
  while (o < bytes.length) {
    const left = bytes.length - o;
    if (left < 12) { stop('truncated', { offset: o }); break; }
    const type = dv.getUint32(o, le);
    if (type === PCAPNG_SHB) {
      const bom = dv.getUint32(o + 8, true);
      if (bom !== BOM && bom !== 0x4d3c2b1a) {
        if (o === 0) return captureError('bad-magic', { magic: '0x0a0d0d0a' });
        stop('bad-block', { offset: o, length: 0 });
        break;
      }
      le = bom === BOM;
    }
    const len = dv.getUint32(o + 4, le);
    if (len < 12 || len % 4 !== 0) { stop('bad-block', { offset: o, length: len }); break; }
    if (len > left) { stop('truncated', { offset: o }); break; }
    if (dv.getUint32(o + len - 4, le) !== len) { stop('bad-block', { offset: o, length: len }); break; }
    const body = o + 8;
    const bodyLen = len - 12;
    if (type === PCAPNG_SHB) {
      if (bodyLen < 16) { stop('bad-block', { offset: o, length: len }); break; }
      const major = dv.getUint16(body + 4, le);
      const minor = dv.getUint16(body + 6, le);
      if (major !== 1) return captureError('unsupported-version', { major, minor });
      section = [];
    } else if (type === IDB) {
      if (bodyLen < 8) { stop('bad-block', { offset: o, length: len }); break; }
      const iface: Iface = {
        linktype: dv.getUint16(body, le), snaplen: dv.getUint32(body + 4, le),
        unitsPerSecond: 1_000_000n, offsetSeconds: 0n,
      };
      readIfaceOptions(iface, body + 8, o + len - 4);
      section.push(iface);
      result.interfaces.push({ linktype: iface.linktype, snaplen: iface.snaplen, ...(iface.name ? { name: iface.name } : {}) });
    } else if (type === EPB || type === OPB || type === SPB) {
      if (result.frames.length >= MAX_CAPTURE_FRAMES) return captureError('too-many-frames', { limit: MAX_CAPTURE_FRAMES });
      const frame = type === SPB ? simplePacket(body, bodyLen) : enhancedPacket(type, body, bodyLen);
      if (!frame) { stop('bad-block', { offset: o, length: len }); break; }
      result.frames.push(frame);
      lastSec = frame.sec;
      lastNsec = frame.nsec;
    }
    o += len;
  }
  return result;

  function stop(code: 'truncated' | 'bad-block', params: Record<string, number>): void {
    result.warnings.push({ code, params });
  }

  function readIfaceOptions(iface: Iface, start: number, end: number): void {
    let p = start;
    while (p + 4 <= end) {
      const code = dv.getUint16(p, le);
      const olen = dv.getUint16(p + 2, le);
      if (code === OPT_END || p + 4 + olen > end) return;
      const v = p + 4;
      if (code === IF_TSRESOL && olen >= 1) iface.unitsPerSecond = unitsPerSecond(bytes[v]);
      else if (code === IF_TSOFFSET && olen >= 8) iface.offsetSeconds = dv.getBigInt64(v, le);
      else if (code === IF_NAME && olen > 0) iface.name = ascii(bytes.subarray(v, v + Math.min(olen, 64)));
      p = v + ((olen + 3) & ~3);
    }
  }

  /** Index into result.interfaces of the section's interface `id`, or -1. */
  function globalIface(id: number): number {
    if (id >= section.length) return -1;
    return result.interfaces.length - section.length + id;
  }

  function enhancedPacket(type: number, body: number, bodyLen: number): RawFrame | null {
    if (bodyLen < 20) return null;
    const id = type === EPB ? dv.getUint32(body, le) : dv.getUint16(body, le);
    const high = dv.getUint32(body + 4, le);
    const low = dv.getUint32(body + 8, le);
    const caplen = dv.getUint32(body + 12, le);
    const origlen = dv.getUint32(body + 16, le);
    if (caplen > bodyLen - 20) return null;
    const iface = section[id];
    const time = iface ? timestamp((BigInt(high) << 32n) | BigInt(low), iface) : { sec: lastSec, nsec: lastNsec };
    return {
      ...time, iface: globalIface(id), data: bytes.subarray(body + 20, body + 20 + caplen),
      origlen: Math.max(origlen, caplen),
    };
  }

  function simplePacket(body: number, bodyLen: number): RawFrame | null {
    if (bodyLen < 4) return null;
    const origlen = dv.getUint32(body, le);
    const snaplen = section[0]?.snaplen || Number.MAX_SAFE_INTEGER; // 0 means "no limit"
    const caplen = Math.min(origlen, snaplen, bodyLen - 4);
    // A Simple Packet Block has no timestamp: it shares the previous frame's time.
    return {
      sec: lastSec, nsec: lastNsec, iface: globalIface(0), data: bytes.subarray(body + 4, body + 4 + caplen),
      origlen: Math.max(origlen, caplen),
    };
  }
}

function timestamp(units: bigint, iface: Iface): { sec: number; nsec: number } {
  const sec = units / iface.unitsPerSecond + iface.offsetSeconds;
  const nsec = ((units % iface.unitsPerSecond) * 1_000_000_000n) / iface.unitsPerSecond;
  return { sec: Number(sec), nsec: Number(nsec) };
}

function ascii(b: Uint8Array): string {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return s;
}
